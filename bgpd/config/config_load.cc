#include "bgpd/config/config_load.h"
#include "bgpd/config/absl_compat.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>
#include <yaml-cpp/yaml.h>

#include "bgpd/config/config_reader.h"
#include "bgpd/config/config_validate.h"
#include "bgpd/config/yaml_document.h"
#include "bgpd/config/yaml_reader.h"

namespace meshbgp::config {
namespace {

// A configuration is a few kilobytes; anything this big is a wrong path.
constexpr off_t kMaxConfigBytes = 16 << 20;

absl::Status ReadError(const std::string& path, int err) {
  const std::string message =
      absl::StrCat(path, ": cannot read the configuration file: ", std::strerror(err));
  if (err == ENOENT || err == ENOTDIR) return absl::NotFoundError(message);
  if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(message);
  return absl::InvalidArgumentError(message);
}

}  // namespace

absl::StatusOr<std::string> ReadConfigText(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadError(path, errno);
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    return ReadError(path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return ReadError(path, EISDIR);
  }
  if (S_ISREG(st.st_mode) && st.st_size > kMaxConfigBytes) {
    close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot read the configuration file: ", st.st_size,
                     " bytes is more than a configuration can be (16 MiB)"));
  }
  std::string text;
  char buf[16384];
  while (true) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      close(fd);
      return ReadError(path, err);
    }
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > static_cast<size_t>(kMaxConfigBytes)) {
      close(fd);
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": cannot read the configuration file: more than 16 MiB"));
    }
  }
  close(fd);
  return text;
}

absl::StatusOr<Config> ParseConfig(std::string_view yaml_text, std::string_view origin,
                                   const EnvLookup& env) {
  // yaml-cpp skips a byte-order mark without counting it in positions.
  if (yaml_text.substr(0, 3) == "\xEF\xBB\xBF") yaml_text.remove_prefix(3);
  auto expanded = ExpandEnv(yaml_text, origin, env);
  if (!expanded.ok()) return expanded.status();
  const PositionMap& positions = expanded->positions;
  return ReadYamlDocument(expanded->text, origin, positions,
                          [&](const YAML::Node& root) -> absl::StatusOr<Config> {
                            YamlReader reader{std::string(origin), &positions};
                            Config config = ReadConfig(reader, root, env);
                            if (!reader.ok()) return reader.status();
                            config.source = std::string(origin);
                            if (absl::Status s = ValidateConfig(config, reader.sources()); !s.ok())
                              return s;
                            return config;
                          });
}

absl::StatusOr<Config> LoadConfigFile(const std::string& path, const EnvLookup& env) {
  auto text = ReadConfigText(path);
  if (!text.ok()) return text.status();
  return ParseConfig(*text, path, env);
}

absl::StatusOr<Config> ParseConfig(std::string_view yaml_text, std::string_view origin) {
  return ParseConfig(yaml_text, origin, ProcessEnvironment());
}

absl::StatusOr<Config> LoadConfigFile(const std::string& path) {
  return LoadConfigFile(path, ProcessEnvironment());
}

}  // namespace meshbgp::config
