// The meshrr ConfigMap schema (meshrr v0.2: encrypted_root_pw, asn, mode,
// bgpgroups of type mesh or subtractive) read with the native YAML reader
// and mapped onto native groups as cRPD's templates configure them
// (juniper-evpnrs.conf.j2, juniper-ipv4rr.conf.j2). Internal to
// meshrr_config.cc; split out so that the schema reads in one place.
#pragma once

#include <yaml-cpp/yaml.h>

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"
#include "bgpd/config/source_map.h"
#include "bgpd/config/yaml_reader.h"

namespace meshbgp::config {

// Problems go to `r`. `model_sources` receives, for the native paths that
// ValidateConfig reports ("groups[1].allow[0]"), the position of the
// meshrr key they came from ("bgpgroups[1].prefixes[0]").
Config ReadMeshrrConfig(YamlReader& r, const YAML::Node& root, const EnvLookup& env,
                        SourceMap& model_sources);

// meshrr's default peer AS range for subtractive groups in route-server
// mode (render_config.py: MESHRR_ASRANGE defaults to 65001-65500).
inline constexpr AsRange kMeshrrDefaultAsRange{65001, 65500};
// Junos's TTL for internal (iBGP) sessions, which cRPD used for the mesh and
// for ipv4rr clients: pod-to-pod traffic crosses at least one routed hop
// (the node), so a TTL of 1 would never arrive.
inline constexpr uint8_t kMeshrrInternalTtl = 64;
// cRPD's `multihop { ttl 10; }` for route-server clients.
inline constexpr uint8_t kMeshrrClientTtl = 10;

}  // namespace meshbgp::config
