// The rule each single value must satisfy, shared by the YAML reader (which
// reports a bad value at its line) and ValidateConfig (which checks configs
// built in code, such as the meshrr mapping), so both say the same words.
// Rules that relate several values live in config_validate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace meshbgp::config {

struct UintRule {
  std::string_view expected;
  uint64_t min = 0;
  uint64_t max = 0;
  bool zero_ok = false;  // 0 means "off" although min > 0 (hold_time)
  bool Accepts(uint64_t v) const { return (zero_ok && v == 0) || (v >= min && v <= max); }
};

inline constexpr UintRule kHoldTimeRule{"0 or 3..65535 (seconds)", 3, 65535, true};
inline constexpr UintRule kMultihopRule{"a TTL 1..255", 1, 255};
inline constexpr UintRule kThreadsRule{"0..1024 (0 = one per core)", 0, 1024};
inline constexpr UintRule kPortRule{"a port 1..65535", 1, 65535};
inline constexpr UintRule kCountRule{"an integer 0..4294967295", 0, UINT32_MAX};
// RFC 4724 §3: the Restart Time field has 12 bits.
inline constexpr UintRule kRestartTimeRule{"0..4095 (seconds)", 0, 4095};
inline constexpr UintRule kGrSecondsRule{"0..65535 (seconds)", 0, 65535};

struct StringRule {
  std::string_view expected;
  bool (*accepts)(std::string_view value);
};

extern const StringRule kAsnRule;          // asplain or asdot, not 0
extern const StringRule kRouterIdRule;     // IPv4, not 0.0.0.0
extern const StringRule kListenRule;       // host:port
extern const StringRule kHttpRule;         // host:port or ""
extern const StringRule kSocketRule;       // unix socket path
extern const StringRule kLogLevelRule;
extern const StringRule kLogFormatRule;
extern const StringRule kGroupNameRule;
extern const StringRule kGroupTypeRule;
extern const StringRule kFamilyRule;
extern const StringRule kDnsNameRule;
extern const StringRule kPasswordRule;     // TCP MD5 key length
extern const StringRule kAddressRule;      // neighbor address
extern const StringRule kClusterIdRule;    // IPv4 or 32-bit integer

inline constexpr UintRule kDrainSecondsRule{"0..3600 (seconds)", 0, 3600};
// iBGP peers are rarely on-link (pod to pod crosses the node): Junos's iBGP
// TTL, which the meshrr mapping uses too.
inline constexpr uint8_t kInternalGroupMultihop = 64;

inline constexpr int64_t kMinMeshIntervalMs = 100;

extern const StringRule kMrtFileRule;  // a path pattern
// mrt.updates.interval: whole seconds, 0 (never rotate) or 1s..24h.
bool MrtIntervalOk(int64_t ms);
inline constexpr std::string_view kMrtIntervalExpected =
    "0s (never rotate) or a whole number of seconds from 1s to 24h";
inline constexpr std::string_view kMeshIntervalExpected = "a duration of at least 100ms";


}  // namespace meshbgp::config

namespace meshbgp::config {
// cluster_id: dotted IPv4 ("10.0.0.1") or a 32-bit integer.
std::optional<uint32_t> ParseClusterId(std::string_view text);
}  // namespace meshbgp::config
