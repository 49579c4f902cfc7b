#include "bgpd/session/listener_md5.h"

#include <sys/socket.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "bgpd/session/tcp_security.h"

namespace meshbgp::session {
namespace {

boost::asio::ip::address AddressOf(const config::IpPrefix& p) {
  if (p.v6) {
    boost::asio::ip::address_v6::bytes_type b;
    std::copy(p.addr.begin(), p.addr.end(), b.begin());
    return boost::asio::ip::address_v6(b);
  }
  return boost::asio::ip::address_v4({p.addr[0], p.addr[1], p.addr[2], p.addr[3]});
}

bool SocketIsV6(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  return getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0 && ss.ss_family == AF_INET6;
}

}  // namespace

std::vector<Md5Entry> ListenerMd5Entries(const config::Config& cfg) {
  std::vector<Md5Entry> out;
  for (const config::Group& g : cfg.groups) {
    if (g.password.empty()) continue;
    for (const config::IpPrefix& p : g.allow) out.push_back({AddressOf(p), p.len, g.password});
  }
  for (const config::Neighbor& n : cfg.neighbors) {
    std::string key = cfg.PasswordOf(n);
    if (key.empty()) continue;
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(n.address, ec);
    if (!ec) out.push_back({a, static_cast<uint8_t>(a.is_v4() ? 32 : 128), std::move(key)});
  }
  std::sort(out.begin(), out.end());
  return out;
}

size_t ListenerMd5::Sync(const std::vector<int>& fds, const std::vector<Md5Entry>& want) {
  size_t failed = 0;
  std::map<int, std::vector<Md5Entry>> next;
  for (int fd : fds) {
    const bool v6 = SocketIsV6(fd);
    std::vector<Md5Entry>& have = installed_[fd];
    std::vector<Md5Entry>& now = next[fd];
    for (const Md5Entry& e : have) {
      const bool kept = std::find(want.begin(), want.end(), e) != want.end();
      if (kept) continue;
      // Gone or changed: delete (a changed key is added again below).
      absl::Status st = SetTcpMd5Key(fd, v6, e.address, e.prefix_len, "");
      if (!st.ok()) spdlog::warn("removing {}", std::string(st.message()));
    }
    for (const Md5Entry& e : want) {
      if (e.address.is_v6() != v6) continue;
      const bool there = std::find(have.begin(), have.end(), e) != have.end();
      if (!there) {
        absl::Status st = SetTcpMd5Key(fd, v6, e.address, e.prefix_len, e.key);
        if (!st.ok()) {
          ++failed;
          spdlog::error("listening socket: {}: peers from there cannot connect", std::string(st.message()));
          continue;
        }
      }
      now.push_back(e);
    }
  }
  installed_ = std::move(next);
  if (!want.empty()) spdlog::info("TCP MD5: {} keys on {} listening sockets", want.size() - failed, fds.size());
  return failed;
}

}  // namespace meshbgp::session
