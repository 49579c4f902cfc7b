#include "mesh/discovery.h"

#include <condition_variable>
#include <set>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "mesh/local_addresses.h"
#include "tests/unit/mesh/dnsmasq.h"

namespace meshbgp::mesh {
namespace {

using testing::Dnsmasq;
using testing::Hosts;
using namespace std::chrono_literals;

constexpr const char* kName = testing::kServiceName;

Address A(const char* s) { return boost::asio::ip::make_address(s); }
std::vector<Address> As(std::initializer_list<const char*> l) {
  std::vector<Address> v;
  for (auto* s : l) v.push_back(A(s));
  return v;
}

std::string Dump(const MeshStatus& s) {
  std::string out = "resolved:";
  for (const auto& a : s.resolved) out += " " + a.to_string();
  out += " peers:";
  for (const auto& a : s.peers) out += " " + a.to_string();
  return out + " error: " + s.last_error;
}

struct Change {
  std::string group;
  std::vector<Address> added, removed;
  std::chrono::steady_clock::time_point at;
};

class DiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Dnsmasq::Installed()) GTEST_SKIP() << "dnsmasq not installed at " << Dnsmasq::kBinary;
    // 127.0.0.1 is one of ours: it must never become a peer.
    ASSERT_EQ(dns_.Start(Hosts({"10.1.0.1", "10.1.0.2", "2001:db8::1", "127.0.0.1"})), "");
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  void TearDown() override {
    if (discovery_) discovery_->Stop();
    discovery_.reset();
    work_.reset();
    for (auto& t : threads_) t.join();
  }

  DiscoveryOptions Options() {
    DiscoveryOptions o;
    o.router_id = 0x0a000063;
    auto local = LocalAddresses();
    EXPECT_TRUE(local.ok());
    o.local_addresses = *local;
    o.resolver.servers = dns_.server();
    o.resolver.timeout = 200ms;
    o.resolver.tries = 1;
    o.min_delay = 100ms;
    o.backoff_initial = 200ms;
    o.backoff_max = 400ms;
    return o;
  }
  MeshGroupSpec Group(std::string group, std::string dns) {
    MeshGroupSpec g;
    g.group = std::move(group);
    g.dns = std::move(dns);
    g.interval = 5s;  // the 1 s TTL must drive re-resolution
    g.grace = 1500ms;
    return g;
  }
  void StartDiscovery(std::vector<MeshGroupSpec> groups, DiscoveryOptions o) {
    auto d = Discovery::Create(
        io_.get_executor(), std::move(groups), std::move(o),
        [this](const std::string& g, const std::vector<Address>& add,
               const std::vector<Address>& rm) {
          std::lock_guard lock(mu_);
          changes_.push_back({g, add, rm, std::chrono::steady_clock::now()});
          cv_.notify_all();
        });
    ASSERT_TRUE(d.ok()) << d.status();
    discovery_ = *d;
    discovery_->Start();
  }
  // Waits for the n-th change (1-based).
  std::optional<Change> WaitChange(size_t n, std::chrono::milliseconds timeout = 4000ms) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return changes_.size() >= n; })) return std::nullopt;
    return changes_[n - 1];
  }
  size_t ChangeCount() {
    std::lock_guard lock(mu_);
    return changes_.size();
  }
  template <typename Pred>
  bool WaitStatus(Pred pred, std::chrono::milliseconds timeout = 4000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred(discovery_->Status())) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  Dnsmasq dns_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_{io_.get_executor()};
  std::vector<std::thread> threads_;
  std::shared_ptr<Discovery> discovery_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Change> changes_;
};

TEST_F(DiscoveryTest, FollowsDnsChangesAndAppliesTheGracePeriod) {
  StartDiscovery({Group("MESHRR-CORE", kName)}, Options());
  auto first = WaitChange(1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->group, "MESHRR-CORE");
  EXPECT_EQ(first->added, As({"10.1.0.1", "10.1.0.2", "2001:db8::1"}));
  EXPECT_TRUE(first->removed.empty());
  auto st = discovery_->Status();
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].group, "MESHRR-CORE");
  EXPECT_EQ(st[0].dns, kName);
  EXPECT_EQ(st[0].resolved, As({"10.1.0.1", "10.1.0.2", "127.0.0.1", "2001:db8::1"}));
  EXPECT_EQ(st[0].peers, first->added);
  EXPECT_EQ(st[0].ttl, 1s);
  EXPECT_TRUE(st[0].last_resolution.has_value());
  EXPECT_EQ(st[0].last_error, "");

  // A pod goes, two come: seen within the TTL, without waiting `interval`.
  // A and AAAA are separate queries, so dnsmasq may reload between them and
  // the change can arrive in two steps; what counts is where it converges.
  dns_.WriteHosts(Hosts({"10.1.0.1", "10.1.0.3", "2001:db8::1", "2001:db8::2", "127.0.0.1"}));
  dns_.Reload();
  const auto want = As({"10.1.0.1", "10.1.0.3", "2001:db8::1", "2001:db8::2"});
  ASSERT_TRUE(WaitStatus([&](const std::vector<MeshStatus>& s) { return s[0].peers == want; }))
      << Dump(discovery_->Status()[0]);
  {
    // Status is published just before on_change runs: give it a moment.
    std::unique_lock lock(mu_);
    std::set<Address> added, removed;
    cv_.wait_for(lock, 2s, [&] {
      added.clear();
      removed.clear();
      for (size_t i = 1; i < changes_.size(); ++i) {
        added.insert(changes_[i].added.begin(), changes_[i].added.end());
        removed.insert(changes_[i].removed.begin(), changes_[i].removed.end());
      }
      return added.size() >= 2 && removed.size() >= 1;
    });
    EXPECT_EQ(added, (std::set<Address>{A("10.1.0.3"), A("2001:db8::2")}));
    EXPECT_EQ(removed, (std::set<Address>{A("10.1.0.2")}));
  }
  const size_t before_nx = ChangeCount();

  // The name disappears: NXDOMAIN keeps the peers for the grace period.
  dns_.WriteHosts(Hosts({}));
  dns_.Reload();
  ASSERT_TRUE(WaitStatus([](const std::vector<MeshStatus>& s) {
    return s[0].last_error.find("NXDOMAIN") != std::string::npos;
  }));
  const auto nx_seen = std::chrono::steady_clock::now();
  st = discovery_->Status();
  EXPECT_EQ(st[0].peers.size(), 4u);
  EXPECT_TRUE(st[0].resolved.empty());
  EXPECT_EQ(ChangeCount(), before_nx);
  auto third = WaitChange(before_nx + 1);
  ASSERT_TRUE(third);
  EXPECT_TRUE(third->added.empty());
  EXPECT_EQ(third->removed, As({"10.1.0.1", "10.1.0.3", "2001:db8::1", "2001:db8::2"}));
  // Removed no earlier than the grace period (less the first NXDOMAIN's
  // head start on our polling), and not much later.
  EXPECT_GE(third->at - nx_seen, 1200ms);
  EXPECT_LE(third->at - nx_seen, 2500ms);
  EXPECT_TRUE(discovery_->Status()[0].peers.empty());
}

TEST_F(DiscoveryTest, TimeoutsKeepPeersAndBackOff) {
  StartDiscovery({Group("MESHRR-CORE", kName)}, Options());
  ASSERT_TRUE(WaitChange(1));
  dns_.Pause();  // the server stops answering
  ASSERT_TRUE(WaitStatus([](const std::vector<MeshStatus>& s) {
    return s[0].consecutive_errors >= 3;
  }, 6000ms));
  auto st = discovery_->Status();
  EXPECT_NE(st[0].last_error.find("timeout"), std::string::npos) << st[0].last_error;
  EXPECT_EQ(st[0].peers, As({"10.1.0.1", "10.1.0.2", "2001:db8::1"}));
  EXPECT_EQ(ChangeCount(), 1u);
  // The counters behind /metrics: every failure is an attempt, and the
  // first answer was one too.
  EXPECT_GE(st[0].errors, st[0].consecutive_errors);
  EXPECT_GE(st[0].resolutions, st[0].errors + 1);
  const uint64_t errors = st[0].errors;
  // Recovery: the next answer is used and the error count resets.
  dns_.Resume();
  dns_.WriteHosts(Hosts({"10.1.0.1", "2001:db8::1"}));
  dns_.Reload();
  auto second = WaitChange(2);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->removed, As({"10.1.0.2"}));
  st = discovery_->Status();
  EXPECT_EQ(st[0].consecutive_errors, 0u);
  EXPECT_EQ(st[0].last_error, "");
  EXPECT_GE(st[0].errors, errors);  // a counter: recovery does not reset it
}

TEST_F(DiscoveryTest, GroupsAreIndependentAndUnknownNamesAddNothing) {
  StartDiscovery({Group("GHOST", "nobody.default.svc.cluster.local"),
                  Group("MESHRR-CORE", kName)},
                 Options());
  auto first = WaitChange(1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->group, "MESHRR-CORE");
  ASSERT_TRUE(WaitStatus([](const std::vector<MeshStatus>& s) {
    return s[0].last_resolution.has_value();
  }));
  auto st = discovery_->Status();
  ASSERT_EQ(st.size(), 2u);
  EXPECT_EQ(st[0].group, "GHOST");
  EXPECT_NE(st[0].last_error.find("NXDOMAIN"), std::string::npos) << st[0].last_error;
  EXPECT_TRUE(st[0].peers.empty());
  EXPECT_EQ(st[0].consecutive_errors, 0u);  // an answer, not a failure
  EXPECT_EQ(st[0].errors, 0u);
  EXPECT_GE(st[0].resolutions, 1u);
  std::this_thread::sleep_for(300ms);
  for (size_t i = 1; i <= ChangeCount(); ++i) EXPECT_EQ(WaitChange(i)->group, "MESHRR-CORE");
}

TEST_F(DiscoveryTest, MaxPeersPicksTheRendezvousWinner) {
  auto o = Options();
  auto g = Group("MESHRR-CORE", kName);
  g.max_peers = 1;
  StartDiscovery({g}, o);
  auto first = WaitChange(1);
  ASSERT_TRUE(first);
  const auto candidates = As({"10.1.0.1", "10.1.0.2", "2001:db8::1"});
  EXPECT_EQ(first->added, RendezvousChoose(o.router_id, candidates, 1));
}

TEST_F(DiscoveryTest, StopCancelsCleanly) {
  StartDiscovery({Group("MESHRR-CORE", kName)}, Options());
  ASSERT_TRUE(WaitChange(1));
  dns_.Pause();  // leave a query in flight
  std::this_thread::sleep_for(100ms);
  discovery_->Stop();
  dns_.Resume();
  dns_.WriteHosts(Hosts({"10.1.0.7"}));
  dns_.Reload();
  std::weak_ptr<Discovery> weak = discovery_;
  discovery_.reset();
  std::this_thread::sleep_for(1200ms);
  EXPECT_EQ(ChangeCount(), 1u);
  EXPECT_TRUE(weak.expired()) << "a timer or query still holds the discovery";
}

}  // namespace
}  // namespace meshbgp::mesh
