#include "bgpd/cli/render_helpers.h"

#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>

#include "bgpd/config/absl_compat.h"

namespace meshbgp::cli {

using config::ToAbsl;

absl::StatusOr<std::string> Guarded(const std::function<std::string()>& render) {
  try {
    return render();
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("unexpected answer from bgpd: ", e.what()));
  }
}

std::string Text(const nlohmann::json& object, std::string_view key, std::string_view fallback) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string(fallback);
  if (it->is_string()) return it->get_ref<const std::string&>().empty() ? std::string(fallback) : it->get<std::string>();
  return it->dump();
}

const nlohmann::json& Child(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

uint64_t Number(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return 0;
  return it->get<uint64_t>();
}

const nlohmann::json& Array(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return kEmpty;
  if (!it->is_array()) {
    throw nlohmann::json::type_error::create(302, absl::StrCat("'", ToAbsl(key), "' is not an array"), &*it);
  }
  return *it;
}

std::string FormatTimeframe(uint64_t seconds) {
  const uint64_t weeks = seconds / (7 * 86400);
  const uint64_t days = seconds / 86400 % 7;
  const uint64_t hours = seconds / 3600 % 24;
  const uint64_t minutes = seconds / 60 % 60;
  if (weeks > 0) return absl::StrFormat("%02dw%01dd%02dh", weeks, days, hours);
  if (days > 0) return absl::StrFormat("%01dd%02dh%02dm", days, hours, minutes);
  return absl::StrFormat("%02d:%02d:%02d", hours, minutes, seconds % 60);
}

std::string UpDown(const nlohmann::json& neighbor) {
  if (Child(neighbor, "uptime_s").is_null()) return "Never";
  return FormatTimeframe(Number(neighbor, "uptime_s"));
}

std::string Indent(std::string_view text, std::string_view indent) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    absl::StrAppend(&out, ToAbsl(indent), ToAbsl(text.substr(start, end - start)));
    start = end;
  }
  return out;
}

}  // namespace meshbgp::cli
