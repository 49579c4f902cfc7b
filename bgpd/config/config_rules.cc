#include "bgpd/config/config_rules.h"

#include <algorithm>
#include <charconv>

#include "bgpd/config/asn.h"
#include "bgpd/config/host_port.h"
#include "bgpd/config/ip_prefix.h"
#include "bgpd/config/keywords.h"

namespace meshbgp::config {
namespace {

bool OneOf(std::string_view v, const auto& words) {
  return std::find(words.begin(), words.end(), v) != words.end();
}

bool OnlyChars(std::string_view v, std::string_view extra) {
  return std::all_of(v.begin(), v.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

}  // namespace

std::optional<uint32_t> ParseClusterId(std::string_view text) {
  if (auto v4 = ParseIpv4Address(text)) return v4;
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

const StringRule kAsnRule{
    "an AS number 1..4294967295 or asdot 0.1..65535.65535",
    [](std::string_view v) {
      auto asn = ParseAsn(v);
      return asn.has_value() && *asn != 0;
    }};
const StringRule kRouterIdRule{"a non-zero IPv4 address", [](std::string_view v) {
                                 auto a = ParseIpv4Address(v);
                                 return a.has_value() && *a != 0;
                               }};
const StringRule kListenRule{"IPV4:PORT or [IPV6]:PORT with port 1..65535",
                             [](std::string_view v) { return ParseHostPort(v).ok(); }};
const StringRule kHttpRule{"IPV4:PORT or [IPV6]:PORT with port 1..65535, or \"\" to disable",
                           [](std::string_view v) { return v.empty() || ParseHostPort(v).ok(); }};
// sun_path holds 108 bytes including the terminating NUL.
const StringRule kSocketRule{"a unix socket path of 1..107 bytes", [](std::string_view v) {
                               return !v.empty() && v.size() <= 107;
                             }};
const StringRule kLogLevelRule{"one of trace, debug, info, warn, error, critical, off",
                               [](std::string_view v) { return OneOf(v, kLogLevels); }};
const StringRule kLogFormatRule{"text or json",
                                [](std::string_view v) { return OneOf(v, kLogFormats); }};
const StringRule kGroupNameRule{
    "a name of 1..64 letters, digits, '-', '_' or '.'",
    [](std::string_view v) { return !v.empty() && v.size() <= 64 && OnlyChars(v, "-_."); }};
const StringRule kGroupTypeRule{"internal or external", [](std::string_view v) {
                                  return ParseGroupType(v).has_value();
                                }};
const StringRule kFamilyRule{"ipv4 or evpn",
                             [](std::string_view v) { return ParseFamily(v).has_value(); }};
// PATH_MAX; a NUL would cut the name short.
const StringRule kMrtFileRule{"a file name pattern of 1..4095 bytes", [](std::string_view v) {
                                return !v.empty() && v.size() <= 4095 &&
                                       v.find('\0') == std::string_view::npos;
                              }};
bool MrtIntervalOk(int64_t ms) { return ms == 0 || (ms % 1000 == 0 && ms >= 1000 && ms <= 86400000); }
const StringRule kDnsNameRule{
    "a DNS name (letters, digits, '-', '_', '.'; at most 253)",
    [](std::string_view v) { return !v.empty() && v.size() <= 253 && OnlyChars(v, "-_."); }};
// TCP_MD5SIG_MAXKEYLEN in linux/tcp.h.
const StringRule kPasswordRule{"a TCP MD5 key of at most 80 bytes",
                               [](std::string_view v) { return v.size() <= 80; }};
const StringRule kAddressRule{"an IPv4 or IPv6 address",
                              [](std::string_view v) { return ParseIpAddress(v).has_value(); }};
const StringRule kClusterIdRule{"an IPv4 address or a 32-bit integer", [](std::string_view v) {
                                  return ParseClusterId(v).has_value();
                                }};

}  // namespace meshbgp::config
