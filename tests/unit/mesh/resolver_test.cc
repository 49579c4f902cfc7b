#include "mesh/resolver.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "tests/unit/mesh/dnsmasq.h"

namespace meshbgp::mesh {
namespace {

using testing::Dnsmasq;
using namespace std::chrono_literals;

constexpr const char* kName = testing::kServiceName;

Address A(const char* s) { return boost::asio::ip::make_address(s); }

// An io_context run by two threads, so strand mistakes can show.
class ResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Dnsmasq::Installed()) GTEST_SKIP() << "dnsmasq not installed at " << Dnsmasq::kBinary;
    const std::string err = dns_.Start(testing::Hosts({"10.1.0.1", "10.1.0.2", "fd00::1", "fd00::2"}) +
                                       testing::Hosts({"10.2.0.1"}, "v4-only.default.svc.cluster.local"));
    ASSERT_EQ(err, "");
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  void TearDown() override {
    work_.reset();
    for (auto& t : threads_) t.join();
  }
  std::shared_ptr<Resolver> Make(ResolverOptions o) {
    auto r = Resolver::Create(io_.get_executor(), std::move(o));
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : nullptr;
  }
  ResolverOptions Local() {
    ResolverOptions o;
    o.servers = dns_.server();
    o.timeout = 500ms;
    o.tries = 2;
    return o;
  }
  static ResolveResult Sync(Resolver& r, const std::string& name) {
    std::promise<ResolveResult> p;
    auto f = p.get_future();
    r.Resolve(name, [&p](ResolveResult res) { p.set_value(std::move(res)); });
    EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
    return f.get();
  }

  Dnsmasq dns_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_{io_.get_executor()};
  std::vector<std::thread> threads_;
};

TEST_F(ResolverTest, ResolvesAAndAaaaWithTtl) {
  auto r = Make(Local());
  auto res = Sync(*r, kName);
  ASSERT_TRUE(std::holds_alternative<Resolution>(res))
      << std::get<ResolveError>(res).message;
  const auto& ok = std::get<Resolution>(res);
  EXPECT_EQ(ok.addresses, (std::vector<Address>{A("10.1.0.1"), A("10.1.0.2"), A("fd00::1"), A("fd00::2")}));
  EXPECT_EQ(ok.min_ttl, 1s);  // --local-ttl=1
}

TEST_F(ResolverTest, OnlyARecordsIsStillAnAnswer) {
  auto r = Make(Local());
  auto res = Sync(*r, "v4-only.default.svc.cluster.local");
  ASSERT_TRUE(std::holds_alternative<Resolution>(res))
      << std::get<ResolveError>(res).message;
  EXPECT_EQ(std::get<Resolution>(res).addresses, std::vector<Address>{A("10.2.0.1")});
}

TEST_F(ResolverTest, SearchDomainsApply) {
  auto o = Local();
  o.search = std::vector<std::string>{"nothing.cluster.local", "default.svc.cluster.local"};
  auto r = Make(o);
  auto res = Sync(*r, "meshrr-core");
  ASSERT_TRUE(std::holds_alternative<Resolution>(res))
      << std::get<ResolveError>(res).message;
  EXPECT_EQ(std::get<Resolution>(res).addresses.size(), 4u);
  // Without the search list the short name is unknown.
  o.search = std::vector<std::string>{};
  auto bare = Make(o);
  auto miss = Sync(*bare, "meshrr-core");
  ASSERT_TRUE(std::holds_alternative<ResolveError>(miss));
}

TEST_F(ResolverTest, UnknownNameIsNxDomain) {
  auto r = Make(Local());
  auto res = Sync(*r, "nobody.default.svc.cluster.local");
  ASSERT_TRUE(std::holds_alternative<ResolveError>(res));
  EXPECT_EQ(std::get<ResolveError>(res).kind, ResolveErrorKind::kNxDomain)
      << std::get<ResolveError>(res).message;
  EXPECT_TRUE(IsDefinitive(std::get<ResolveError>(res).kind));
}

TEST_F(ResolverTest, NameWithoutAddressesIsNoData) {
  auto r = Make(Local());
  auto res = Sync(*r, "txt-only.default.svc.cluster.local");
  ASSERT_TRUE(std::holds_alternative<ResolveError>(res));
  EXPECT_EQ(std::get<ResolveError>(res).kind, ResolveErrorKind::kNoData)
      << std::get<ResolveError>(res).message;
}

TEST_F(ResolverTest, SilentServerTimesOut) {
  // Bound but never read: queries vanish without an ICMP error.
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&sin), sizeof(sin)), 0);
  socklen_t len = sizeof(sin);
  getsockname(fd, reinterpret_cast<sockaddr*>(&sin), &len);
  ResolverOptions o;
  o.servers = "127.0.0.1:" + std::to_string(ntohs(sin.sin_port));
  o.timeout = 200ms;
  o.tries = 2;
  auto r = Make(o);
  const auto start = std::chrono::steady_clock::now();
  auto res = Sync(*r, kName);
  const auto took = std::chrono::steady_clock::now() - start;
  close(fd);
  ASSERT_TRUE(std::holds_alternative<ResolveError>(res));
  EXPECT_EQ(std::get<ResolveError>(res).kind, ResolveErrorKind::kTimeout)
      << std::get<ResolveError>(res).message;
  EXPECT_FALSE(IsDefinitive(ResolveErrorKind::kTimeout));
  EXPECT_GE(took, 200ms);
  EXPECT_LT(took, 5s);
}

TEST_F(ResolverTest, PortNobodyListensOnIsATimeout) {
  ResolverOptions o;
  o.servers = "127.0.0.1:" + std::to_string(testing::FreeUdpPort());
  o.timeout = 200ms;
  o.tries = 2;
  auto r = Make(o);
  auto res = Sync(*r, kName);
  ASSERT_TRUE(std::holds_alternative<ResolveError>(res));
  EXPECT_EQ(std::get<ResolveError>(res).kind, ResolveErrorKind::kTimeout)
      << std::get<ResolveError>(res).message;
}

TEST_F(ResolverTest, CancelEndsPendingQueries) {
  dns_.Pause();
  auto o = Local();
  o.timeout = 5000ms;
  auto r = Make(o);
  std::promise<ResolveResult> p;
  auto f = p.get_future();
  r->Resolve(kName, [&p](ResolveResult res) { p.set_value(std::move(res)); });
  std::this_thread::sleep_for(50ms);
  r->Cancel();
  ASSERT_EQ(f.wait_for(2s), std::future_status::ready);
  auto res = f.get();
  ASSERT_TRUE(std::holds_alternative<ResolveError>(res));
  EXPECT_EQ(std::get<ResolveError>(res).kind, ResolveErrorKind::kCancelled);
  dns_.Resume();
}

TEST_F(ResolverTest, ManyConcurrentQueriesAndNoLeakAfterwards) {
  std::weak_ptr<Resolver> weak;
  {
    auto r = Make(Local());
    weak = r;
    std::vector<std::future<ResolveResult>> futures;
    std::vector<std::promise<ResolveResult>> promises(50);
    for (size_t i = 0; i < promises.size(); ++i) {
      futures.push_back(promises[i].get_future());
      r->Resolve(i % 2 ? kName : "nobody.default.svc.cluster.local",
                 [&promises, i](ResolveResult res) { promises[i].set_value(std::move(res)); });
    }
    for (size_t i = 0; i < futures.size(); ++i) {
      ASSERT_EQ(futures[i].wait_for(10s), std::future_status::ready);
      auto res = futures[i].get();
      EXPECT_EQ(std::holds_alternative<Resolution>(res), i % 2 == 1);
    }
  }
  // Nothing (socket wait, timer) keeps the resolver alive once idle.
  for (int i = 0; i < 100 && !weak.expired(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(weak.expired());
}

TEST(Resolver, BadServerStringIsAnError) {
  boost::asio::io_context io;
  ResolverOptions o;
  o.servers = "not a server";
  auto r = Resolver::Create(io.get_executor(), o);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace meshbgp::mesh
