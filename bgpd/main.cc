// bgpd: the meshbgp route-server daemon. Wiring only: flags, config, logs,
// then the Daemon runs until SIGTERM.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <spdlog/spdlog.h>

#include "bgpd/config/config.h"
#include "bgpd/config/redact.h"
#include "bgpd/daemon/daemon.h"
#include "bgpd/daemon/logging.h"
#include "bgpd/daemon/malloc_tunables.h"

namespace {

constexpr char kUsage[] =
    "usage: bgpd [-c FILE | --meshrr-config FILE] [--check] [-d] [--log-level LEVEL]\n"
    "            [--log-format text|json]\n"
    "       bgpd --print-default-config | --version | --help\n"
    "       bgpd --print-config [-c FILE | --meshrr-config FILE]\n"
    "\n"
    "  -c, --config FILE        configuration (YAML, see docs/configuration.md);\n"
    "                           without it bgpd runs on its embedded default\n"
    "  --meshrr-config FILE     meshrr's ConfigMap (meshrr.conf.yml) instead of -c;\n"
    "                           the router id comes from POD_IP\n"
    "  --check                  validate the configuration and exit\n"
    "  --print-default-config   print the embedded default as YAML and exit\n"
    "  --print-config           print the configuration as understood, passwords\n"
    "                           redacted, and exit\n"
    "  -d, --debug              log at debug level\n"
    "  --log-level LEVEL        trace|debug|info|warn|error|critical|off\n"
    "  --log-format FORMAT      text|json\n";

struct Flags {
  std::string config, meshrr_config;
  bool check = false;
  bool print_default = false;
  bool print_config = false;
  std::string log_level, log_format;
};

int Usage(const std::string& error) {
  std::fprintf(stderr, "bgpd: %s\n%s", error.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  meshbgp::daemon::ApplyMallocTunables(argv);
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    if (a == "-c" || a == "--config") {
      if (!value(&f.config)) return Usage(a + " needs a file name");
    } else if (a == "--meshrr-config") {
      if (!value(&f.meshrr_config)) return Usage(a + " needs a file name");
    } else if (a == "--check") {
      f.check = true;
    } else if (a == "--print-config") {
      f.print_config = true;
    } else if (a == "--print-default-config") {
      f.print_default = true;
    } else if (a == "-d" || a == "--debug") {
      f.log_level = "debug";
    } else if (a == "--log-level") {
      if (!value(&f.log_level)) return Usage("--log-level needs a level");
    } else if (a == "--log-format") {
      if (!value(&f.log_format)) return Usage("--log-format needs text or json");
    } else if (a == "--version") {
      std::printf("meshbgp bgpd %s\n", PROJECT_VERSION);
      return 0;
    } else if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      return Usage("unknown argument '" + a + "'");
    }
  }
  if (!f.config.empty() && !f.meshrr_config.empty()) {
    return Usage("-c and --meshrr-config exclude each other: give one configuration");
  }
  const meshbgp::daemon::ConfigSource source =
      f.meshrr_config.empty()
          ? meshbgp::daemon::ConfigSource{f.config, meshbgp::daemon::ConfigSource::Format::kNative}
          : meshbgp::daemon::ConfigSource{f.meshrr_config,
                                          meshbgp::daemon::ConfigSource::Format::kMeshrr};
  if (f.print_default) {
    std::fputs(meshbgp::config::DefaultConfigYaml().c_str(), stdout);
    return 0;
  }

  meshbgp::config::Config cfg;
  if (source.path.empty()) {
    cfg = meshbgp::config::DefaultConfig();
  } else {
    auto loaded = meshbgp::daemon::LoadConfigSource(source);
    if (!loaded.ok()) {
      std::fprintf(stderr, "bgpd: %s\n", std::string(loaded.status().message()).c_str());
      return 1;
    }
    cfg = *std::move(loaded);
  }
  if (f.print_config) {
    std::fputs(meshbgp::config::ConfigToYaml(meshbgp::config::RedactSecrets(cfg)).c_str(), stdout);
    return 0;
  }
  if (f.check) {
    std::printf("%s: configuration OK\n", source.path.empty() ? "<embedded default>" : source.path.c_str());
    return 0;
  }

  absl::Status st = meshbgp::daemon::SetupLogging(f.log_level.empty() ? cfg.log.level : f.log_level,
                                                  f.log_format.empty() ? cfg.log.format : f.log_format);
  if (!st.ok()) {
    std::fprintf(stderr, "bgpd: %s\n", std::string(st.message()).c_str());
    return 2;
  }
  meshbgp::daemon::Daemon daemon(std::move(cfg), source);
  st = daemon.Start();
  if (!st.ok()) {
    spdlog::critical("cannot start: {}", std::string(st.message()));
    return 1;
  }
  return daemon.Run();
}
