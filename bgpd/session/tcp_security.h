// Kernel socket options that protect BGP's TCP connections: TCP MD5
// signatures (RFC 2385, Linux TCP_MD5SIG_EXT, per address or per prefix)
// and the Generalized TTL Security Mechanism (RFC 5082, IP_MINTTL /
// IPV6_MINHOPCOUNT). Only socket calls: which peer gets which key is the
// caller's decision. Keys are never part of an error message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <absl/status/status.h>
#include <boost/asio/ip/address.hpp>

namespace meshbgp::session {

// Installs `key` on socket `fd` for peers inside `peer`/`prefix_len` (the
// full length: one address). An IPv4 peer on an IPv6 socket is written as
// a v4-mapped address. An empty key removes the entry. On a listening
// socket the key applies to every connection it accepts from the range;
// a connection from inside the range without the right signature is
// dropped by the kernel before it is accepted.
absl::Status SetTcpMd5Key(int fd, bool socket_v6, const boost::asio::ip::address& peer,
                          uint8_t prefix_len, std::string_view key);

// GTSM for a peer `hops` routers away (1 = directly connected): our
// packets leave with TTL (hop limit) 255 and the kernel drops received
// packets whose TTL is below 256 - hops.
absl::Status SetGtsm(int fd, bool socket_v6, uint8_t hops);

// TTL 255 on a listening socket: its SYN-ACKs leave before the accepted
// connection can be given GTSM, and a GTSM peer drops them below 255.
absl::Status SetListenerTtl255(int fd);

// GTSM for accepted connections: the listener keeps each connection's SYN
// (TCP_SAVE_SYN), and CheckSynTtl fails when that SYN arrived with a TTL
// below 256 - hops. IP_MINTTL on the accepted socket only guards what
// arrives after it is set; the peer's first packets may already be queued.
absl::Status SetListenerSaveSyn(int fd);
absl::Status CheckSynTtl(int fd, uint8_t hops);

}  // namespace meshbgp::session
