#include "bgpd/api/query_string.h"

#include <absl/strings/str_cat.h>
#include <absl/strings/str_split.h>

#include "bgpd/config/absl_compat.h"

namespace meshbgp::api {
namespace {

using config::ToAbsl;
using config::ToStd;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~' || c == ':';
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (Unreserved(c)) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

absl::StatusOr<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {  // form encoding: curl --data-urlencode, browsers
      out.push_back(' ');
    } else if (text[i] != '%') {
      out.push_back(text[i]);
    } else {
      const int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return absl::InvalidArgumentError(absl::StrCat("bad %-escape in '", ToAbsl(text), "'"));
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return out;
}

absl::StatusOr<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return absl::InvalidArgumentError("request target must be an absolute path");
  }
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  RequestTarget out;
  for (absl::string_view segment : absl::StrSplit(ToAbsl(path), '/', absl::SkipEmpty())) {
    auto decoded = PercentDecode(ToStd(segment));
    if (!decoded.ok()) return decoded.status();
    out.segments.push_back(*std::move(decoded));
  }
  if (question == std::string_view::npos) return out;
  for (absl::string_view split : absl::StrSplit(ToAbsl(target.substr(question + 1)), '&', absl::SkipEmpty())) {
    const std::string_view pair = ToStd(split);
    const size_t equals = pair.find('=');
    auto name = PercentDecode(pair.substr(0, equals));
    if (!name.ok()) return name.status();
    auto value = PercentDecode(equals == std::string_view::npos ? std::string_view()
                                                                : pair.substr(equals + 1));
    if (!value.ok()) return value.status();
    out.params.emplace_back(*std::move(name), *std::move(value));
  }
  return out;
}

}  // namespace meshbgp::api
