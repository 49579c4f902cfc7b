#include "bgpd/config/host_port.h"

#include <charconv>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>

#include "bgpd/config/source_map.h"

namespace meshbgp::config {

absl::StatusOr<HostPort> ParseHostPort(std::string_view text) {
  auto fail = [&] {
    return absl::InvalidArgumentError(
        Expected("IPV4:PORT or [IPV6]:PORT with port 1..65535", text));
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return fail();
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  auto addr = ParseIpAddress(host);
  // IPv6 needs brackets, IPv4 must not have them.
  if (!addr || addr->v6 != bracketed) return fail();
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port == 0 || port > 65535) {
    return fail();
  }
  return HostPort{*addr, static_cast<uint16_t>(port)};
}

std::string HostPortToString(const HostPort& hp) {
  if (hp.address.v6) return absl::StrCat("[", IpAddressToString(hp.address), "]:", hp.port);
  return absl::StrCat(IpAddressToString(hp.address), ":", hp.port);
}

}  // namespace meshbgp::config
