#include "bgpd/session/tcp_security.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace meshbgp::session {
namespace {

absl::Status Errno(std::string what) {
  const int e = errno;
  std::string msg = what + ": " + std::strerror(e);
  if (e == ENOMEM) {
    // The kernel charges every key to the socket's option memory.
    msg += " (each TCP MD5 key takes about 136 bytes of socket option memory: raise "
           "net.core.optmem_max)";
  }
  return absl::Status(e == ENOMEM ? absl::StatusCode::kResourceExhausted : absl::StatusCode::kInternal,
                      msg);
}

}  // namespace

absl::Status SetTcpMd5Key(int fd, bool socket_v6, const boost::asio::ip::address& peer,
                          uint8_t prefix_len, std::string_view key) {
  if (key.size() > TCP_MD5SIG_MAXKEYLEN) return absl::InvalidArgumentError("TCP MD5 key over 80 bytes");
  tcp_md5sig sig{};
  uint8_t full = 32;
  if (socket_v6) {
    sockaddr_in6 sa{};
    sa.sin6_family = AF_INET6;
    if (peer.is_v4()) {
      // The kernel matches an IPv4 peer of a dual-stack socket in mapped form.
      const auto b = boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, peer.to_v4()).to_bytes();
      std::memcpy(&sa.sin6_addr, b.data(), 16);
      prefix_len = static_cast<uint8_t>(prefix_len + 96);
    } else {
      const auto b = peer.to_v6().to_bytes();
      std::memcpy(&sa.sin6_addr, b.data(), 16);
    }
    std::memcpy(&sig.tcpm_addr, &sa, sizeof sa);
    full = 128;
  } else {
    if (!peer.is_v4()) return absl::InvalidArgumentError("an IPv6 key on an IPv4 socket");
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    const auto b = peer.to_v4().to_bytes();
    std::memcpy(&sa.sin_addr, b.data(), 4);
    std::memcpy(&sig.tcpm_addr, &sa, sizeof sa);
  }
  if (prefix_len > full) prefix_len = full;
  if (prefix_len < full) {
    sig.tcpm_flags = TCP_MD5SIG_FLAG_PREFIX;
    sig.tcpm_prefixlen = prefix_len;
  }
  sig.tcpm_keylen = static_cast<uint16_t>(key.size());
  std::memcpy(sig.tcpm_key, key.data(), key.size());
  const int rc = setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG_EXT, &sig, sizeof sig);
  // Wipe the copy of the key on our stack.
  volatile uint8_t* p = sig.tcpm_key;
  for (size_t i = 0; i < sizeof sig.tcpm_key; ++i) p[i] = 0;
  if (rc != 0) {
    // Removing a key that is not there is what we wanted.
    if (key.empty() && errno == ENOENT) return absl::OkStatus();
    return Errno("TCP MD5 key for " + peer.to_string() + "/" + std::to_string(prefix_len));
  }
  return absl::OkStatus();
}

absl::Status SetGtsm(int fd, bool socket_v6, uint8_t hops) {
  const int ttl = 255;
  const int min = 256 - (hops == 0 ? 1 : hops);
  if (socket_v6) {
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof ttl) != 0)
      return Errno("IPV6_UNICAST_HOPS 255");
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, &min, sizeof min) != 0)
      return Errno("IPV6_MINHOPCOUNT");
    // IPv4 peers of a dual-stack socket travel as IPv4: set both.
    setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);
    setsockopt(fd, IPPROTO_IP, IP_MINTTL, &min, sizeof min);
    return absl::OkStatus();
  }
  if (setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl) != 0) return Errno("IP_TTL 255");
  if (setsockopt(fd, IPPROTO_IP, IP_MINTTL, &min, sizeof min) != 0) return Errno("IP_MINTTL");
  return absl::OkStatus();
}

absl::Status SetListenerTtl255(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  const bool v6 = getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0 && ss.ss_family == AF_INET6;
  const int ttl = 255;
  const int rc = v6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof ttl)
                    : setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);
  return rc == 0 ? absl::OkStatus() : Errno("listening socket TTL 255");
}

absl::Status SetListenerSaveSyn(int fd) {
  const int on = 1;
  if (setsockopt(fd, IPPROTO_TCP, TCP_SAVE_SYN, &on, sizeof on) != 0) return Errno("TCP_SAVE_SYN");
  return absl::OkStatus();
}

absl::Status CheckSynTtl(int fd, uint8_t hops) {
  uint8_t headers[512];
  socklen_t len = sizeof headers;
  if (getsockopt(fd, IPPROTO_TCP, TCP_SAVED_SYN, headers, &len) != 0) return Errno("TCP_SAVED_SYN");
  const int min = 256 - (hops == 0 ? 1 : hops);
  int ttl = -1;
  if (len >= 20 && (headers[0] >> 4) == 4) ttl = headers[8];       // IPv4: TTL
  if (len >= 40 && (headers[0] >> 4) == 6) ttl = headers[7];       // IPv6: hop limit
  if (ttl < 0) return absl::FailedPreconditionError("GTSM: no saved SYN to check");
  if (ttl < min) {
    return absl::PermissionDeniedError("GTSM: SYN arrived with TTL " + std::to_string(ttl) + ", below " +
                                       std::to_string(min));
  }
  return absl::OkStatus();
}

}  // namespace meshbgp::session
