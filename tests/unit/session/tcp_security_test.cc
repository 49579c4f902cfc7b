// TCP MD5 and GTSM on real kernel sockets over loopback: a signed listener
// accepts only clients with the same key (also through a prefix key), and a
// GTSM listener only packets that left with TTL 255.
#include "bgpd/session/tcp_security.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "bgpd/config/ip_prefix.h"
#include "bgpd/session/listener_md5.h"

namespace meshbgp::session {
namespace {

const auto kLoopback = boost::asio::ip::make_address("127.0.0.1");

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// A listener on 127.0.0.1, any port.
int Listen(uint16_t* port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);
  EXPECT_EQ(listen(fd, 8), 0);
  socklen_t len = sizeof sa;
  getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
  *port = ntohs(sa.sin_port);
  return fd;
}

// Connects with `setup` applied first; true if the listener accepts within
// the timeout (a dropped SYN never completes).
bool Accepted(int listener, uint16_t port, const std::function<void(int)>& setup) {
  Fd c(socket(AF_INET, SOCK_STREAM, 0));
  setup(c.fd);
  fcntl(c.fd, F_SETFL, O_NONBLOCK);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  sa.sin_port = htons(port);
  connect(c.fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
  pollfd p{listener, POLLIN, 0};
  if (poll(&p, 1, 1500) != 1) return false;
  Fd a(accept(listener, nullptr, nullptr));
  return a.fd >= 0;
}

TEST(TcpMd5, ListenerAcceptsOnlyTheRightKey) {
  uint16_t port = 0;
  Fd l(Listen(&port));
  ASSERT_TRUE(SetTcpMd5Key(l.fd, false, kLoopback, 32, "s3cret").ok());
  EXPECT_TRUE(Accepted(l.fd, port, [&](int fd) { ASSERT_TRUE(SetTcpMd5Key(fd, false, kLoopback, 32, "s3cret").ok()); }));
  EXPECT_FALSE(Accepted(l.fd, port, [&](int fd) { ASSERT_TRUE(SetTcpMd5Key(fd, false, kLoopback, 32, "wrong").ok()); }));
  EXPECT_FALSE(Accepted(l.fd, port, [](int) {}));  // unsigned
  // Removing the key makes the listener take unsigned connections again.
  ASSERT_TRUE(SetTcpMd5Key(l.fd, false, kLoopback, 32, "").ok());
  EXPECT_TRUE(Accepted(l.fd, port, [](int) {}));
  EXPECT_TRUE(SetTcpMd5Key(l.fd, false, kLoopback, 32, "").ok());  // already gone: fine
}

TEST(TcpMd5, PrefixKeyCoversARange) {
  uint16_t port = 0;
  Fd l(Listen(&port));
  ASSERT_TRUE(SetTcpMd5Key(l.fd, false, boost::asio::ip::make_address("127.0.0.0"), 8, "range").ok());
  EXPECT_TRUE(Accepted(l.fd, port, [&](int fd) { ASSERT_TRUE(SetTcpMd5Key(fd, false, kLoopback, 32, "range").ok()); }));
  EXPECT_FALSE(Accepted(l.fd, port, [](int) {}));
}

// A client connect that signs with `key`, for Accepted().
std::function<void(int)> SignedWith(std::string key) {
  return [key](int fd) { ASSERT_TRUE(SetTcpMd5Key(fd, false, kLoopback, 32, key).ok()); };
}

TEST(TcpMd5, ListenerMd5SyncAddsChangesAndRemoves) {
  uint16_t port = 0;
  Fd l(Listen(&port));
  config::Config cfg;
  config::Group g;
  g.name = "clients";
  g.allow = {*config::ParseIpPrefix("127.0.0.0/8")};
  g.password = "one";
  cfg.groups = {g};
  ListenerMd5 md5;
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_TRUE(Accepted(l.fd, port, SignedWith("one")));
  cfg.groups[0].password = "two";  // a reload changes the key
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_FALSE(Accepted(l.fd, port, SignedWith("one")));
  EXPECT_TRUE(Accepted(l.fd, port, SignedWith("two")));
  cfg.groups[0].password = "";  // and removes it
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_TRUE(Accepted(l.fd, port, [](int) {}));
}

TEST(TcpMd5, StaticNeighborsOfAGroupWithAPasswordGetHostKeys) {
  config::Config cfg;
  config::Group g;
  g.name = "static";
  g.password = "k";
  cfg.groups = {g};
  cfg.neighbors = {{"10.0.1.11", 65011, "static", 179, std::nullopt},
                   {"fd00::1", 65012, "static", 179, std::nullopt},
                   {"10.0.1.12", 65012, "missing", 179, std::nullopt}};
  auto e = ListenerMd5Entries(cfg);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].address.to_string(), "10.0.1.11");
  EXPECT_EQ(e[0].prefix_len, 32);
  EXPECT_EQ(e[1].prefix_len, 128);
}

TEST(TcpMd5, NeighborPasswordOverridesTheGroupsKey) {
  config::Config cfg;
  config::Group keyed;
  keyed.name = "keyed";
  keyed.password = "group";
  config::Group open;
  open.name = "open";
  cfg.groups = {keyed, open};
  cfg.neighbors = {{"10.0.1.11", 65011, "keyed", 179, std::nullopt, "own"},
                   {"10.0.1.12", 65012, "keyed", 179, std::nullopt, ""},  // no MD5
                   {"10.0.1.13", 65013, "keyed", 179, std::nullopt},      // the group's
                   {"10.0.1.14", 65014, "open", 179, std::nullopt, "solo"},
                   {"10.0.1.15", 65015, "open", 179, std::nullopt}};
  std::vector<std::pair<std::string, std::string>> keys;
  for (const Md5Entry& e : ListenerMd5Entries(cfg)) {
    EXPECT_EQ(e.prefix_len, 32);
    keys.emplace_back(e.address.to_string(), e.key);
  }
  EXPECT_EQ(keys, (std::vector<std::pair<std::string, std::string>>{
                      {"10.0.1.11", "own"}, {"10.0.1.13", "group"}, {"10.0.1.14", "solo"}}));
}

TEST(TcpMd5, ReloadOfANeighborsPasswordAloneChangesItsListenerKey) {
  uint16_t port = 0;
  Fd l(Listen(&port));
  config::Config cfg;
  config::Group g;
  g.name = "static";
  g.password = "group";
  cfg.groups = {g};
  cfg.neighbors = {{"127.0.0.1", 65011, "static", 179, std::nullopt, "one"}};
  ListenerMd5 md5;
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_TRUE(Accepted(l.fd, port, SignedWith("one")));
  EXPECT_FALSE(Accepted(l.fd, port, SignedWith("group")));
  cfg.neighbors[0].password = "two";
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_FALSE(Accepted(l.fd, port, SignedWith("one")));
  EXPECT_TRUE(Accepted(l.fd, port, SignedWith("two")));
  cfg.neighbors[0].password.reset();  // back to the group's
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_TRUE(Accepted(l.fd, port, SignedWith("group")));
  cfg.neighbors[0].password = "";  // none at all
  EXPECT_EQ(md5.Sync({l.fd}, ListenerMd5Entries(cfg)), 0u);
  EXPECT_TRUE(Accepted(l.fd, port, [](int) {}));
}

TEST(Gtsm, ListenerDropsPacketsBelowTtl255) {
  uint16_t port = 0;
  Fd l(Listen(&port));
  ASSERT_TRUE(SetGtsm(l.fd, false, 1).ok());
  auto ttl = [](int value) {
    return [value](int fd) { ASSERT_EQ(setsockopt(fd, IPPROTO_IP, IP_TTL, &value, sizeof value), 0); };
  };
  EXPECT_FALSE(Accepted(l.fd, port, ttl(64)));
  EXPECT_FALSE(Accepted(l.fd, port, ttl(254)));
  EXPECT_TRUE(Accepted(l.fd, port, ttl(255)));
  EXPECT_TRUE(Accepted(l.fd, port, [](int fd) { ASSERT_TRUE(SetGtsm(fd, false, 1).ok()); }));
  // Two hops allowed: 254 passes.
  ASSERT_TRUE(SetGtsm(l.fd, false, 2).ok());
  EXPECT_TRUE(Accepted(l.fd, port, ttl(254)));
  EXPECT_FALSE(Accepted(l.fd, port, ttl(253)));
}

// The SYN's TTL, saved by the listener, tells a far peer from a near one
// even when its first packets arrived before IP_MINTTL was set.
TEST(Gtsm, SavedSynTtlIsChecked) {
  uint16_t port = 0;
  Fd l(Listen(&port));
  ASSERT_TRUE(SetListenerSaveSyn(l.fd).ok());
  for (int ttl : {64, 255}) {
    Fd c(socket(AF_INET, SOCK_STREAM, 0));
    ASSERT_EQ(setsockopt(c.fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl), 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    ASSERT_EQ(connect(c.fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);
    Fd a(accept(l.fd, nullptr, nullptr));
    ASSERT_GE(a.fd, 0);
    absl::Status st = CheckSynTtl(a.fd, 1);
    EXPECT_EQ(st.ok(), ttl == 255) << ttl << ": " << st;
    if (ttl == 64) {
      EXPECT_TRUE(CheckSynTtl(a.fd, 1).ok() == false);  // read once: nothing left, still refused
    }
  }
}

}  // namespace
}  // namespace meshbgp::session
