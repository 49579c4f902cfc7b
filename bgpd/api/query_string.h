// Request-target handling for the control API: splitting "/v1/rib?prefix=..."
// into decoded path segments and query parameters, and percent-encoding
// values on the client side (bgpctl) so addresses and prefixes survive.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <absl/status/statusor.h>

namespace meshbgp::api {

struct RequestTarget {
  std::vector<std::string> segments;  // "/v1/neighbors/10.0.0.2" -> v1, neighbors, 10.0.0.2
  std::vector<std::pair<std::string, std::string>> params;  // in order of appearance
};

// Fails (InvalidArgument) on a target that is not an absolute path or holds a
// bad %-escape. Empty path segments are dropped.
absl::StatusOr<RequestTarget> ParseRequestTarget(std::string_view target);

// Keeps RFC 3986 unreserved characters plus ':' (IPv6 addresses stay
// readable); escapes everything else, '/' included.
std::string PercentEncode(std::string_view text);
absl::StatusOr<std::string> PercentDecode(std::string_view text);

}  // namespace meshbgp::api
