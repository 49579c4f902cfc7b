// Debian's abseil is built with ABSL_OPTION_USE_STD_STRING_VIEW 0, so
// absl::string_view and std::string_view are different types. This module's
// API uses std::string_view; these convert at the calls into abseil.
#pragma once

#include <string_view>

#include <absl/strings/string_view.h>

namespace meshbgp::config {

inline absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view ToStd(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace meshbgp::config
