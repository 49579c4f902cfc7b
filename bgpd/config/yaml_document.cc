#include "bgpd/config/yaml_document.h"

#include <exception>
#include <string>

#include <absl/strings/str_cat.h>

#include "bgpd/config/absl_compat.h"
#include "bgpd/config/yaml_reader.h"

namespace meshbgp::config {

absl::StatusOr<Config> ReadYamlDocument(
    std::string_view text, std::string_view origin, const PositionMap& positions,
    absl::FunctionRef<absl::StatusOr<Config>(const YAML::Node& root)> read) {
  try {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::ParserException& e) {
      const TextPosition pos = e.mark.is_null() ? TextPosition{}
                                                : positions.Original(static_cast<size_t>(e.mark.pos));
      return absl::InvalidArgumentError(
          FormatConfigError(origin, pos, "", Expected("valid YAML", e.msg)));
    }
    return read(root);
  } catch (const YAML::Exception& e) {
    // The readers check node types before using them; this is a bug guard,
    // so that no yaml-cpp exception leaves the module.
    return absl::InternalError(absl::StrCat(ToAbsl(origin), ": unexpected YAML error: ", e.what()));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat(ToAbsl(origin), ": unexpected error: ", e.what()));
  }
}

}  // namespace meshbgp::config
