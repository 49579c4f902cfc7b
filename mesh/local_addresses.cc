#include "mesh/local_addresses.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>

namespace meshbgp::mesh {

absl::StatusOr<std::vector<Address>> LocalAddresses() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) {
    return absl::InternalError(std::string("getifaddrs: ") + std::strerror(errno));
  }
  std::vector<Address> out;
  for (ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr) continue;
    if (i->ifa_addr->sa_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      std::array<uint8_t, 4> b;
      std::memcpy(b.data(), &sin->sin_addr, 4);
      out.emplace_back(boost::asio::ip::address_v4(b));
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      std::array<uint8_t, 16> b;
      std::memcpy(b.data(), &sin6->sin6_addr, 16);
      out.emplace_back(boost::asio::ip::address_v6(b));
    }
  }
  freeifaddrs(list);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

absl::StatusOr<std::vector<Address>> LocalAddresses(std::string_view pod_ip) {
  auto out = LocalAddresses();
  if (!out.ok() || pod_ip.empty()) return out;
  boost::system::error_code ec;
  const Address a = boost::asio::ip::make_address(std::string(pod_ip), ec);
  if (!ec && std::find(out->begin(), out->end(), a) == out->end()) {
    out->insert(std::upper_bound(out->begin(), out->end(), a), a);
  }
  return out;
}

}  // namespace meshbgp::mesh
