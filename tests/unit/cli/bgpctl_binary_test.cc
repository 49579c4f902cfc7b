// The built bgpctl binary against a running API server (with the fake
// backend standing in for the daemon): what an operator types and sees,
// exit codes included.
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "bgpd/api/http_server.h"
#include "tests/unit/api/fake_backend.h"

namespace meshbgp::cli {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult RunShell(const std::string& command) {
  CommandResult run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.output.append(buf, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class BgpctlBinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/meshbgp-bgpctl-XXXXXX";
    dir_ = mkdtemp(name);
    socket_ = dir_ + "/bgpd.sock";
    api::HttpServerOptions options;
    options.unix_socket = socket_;
    server_ = std::make_unique<api::HttpServer>(ioc_, backend_, options);
    ASSERT_TRUE(server_->Start().ok());
    thread_ = std::thread([this] { ioc_.run(); });
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
    std::filesystem::remove_all(dir_);
  }

  CommandResult Bgpctl(const std::string& args) { return RunShell(std::string(BGPCTL_PATH) + " -s " + socket_ + " " + args); }

  boost::asio::io_context ioc_;
  api::testing::FakeBackend backend_;
  std::unique_ptr<api::HttpServer> server_;
  std::thread thread_;
  std::string dir_;
  std::string socket_;
};

TEST_F(BgpctlBinaryTest, ShowSummaryTable) {
  const CommandResult run = Bgpctl("sh su");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Neighbor"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("State/PrfRcvd"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("fd00::1234"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("Active"), std::string::npos) << run.output;
}

TEST_F(BgpctlBinaryTest, JsonIsTheDaemonsAnswer) {
  for (const auto& [args, expected] : {std::pair{"-j show status", backend_.status_json()},
                                       std::pair{"-j show rib", backend_.rib_json()},
                                       std::pair{"-j show neighbor", backend_.neighbors_json()}}) {
    const CommandResult run = Bgpctl(args);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(nlohmann::json::parse(run.output, nullptr, false), expected) << args;
  }
}

TEST_F(BgpctlBinaryTest, RibFiltersTravelToTheDaemon) {
  const CommandResult run = Bgpctl("show rib 10.1.0.0/24 neighbor 10.0.0.3 in");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("65003 65002 65100 ?"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("10.0.0.2"), std::string::npos) << run.output;
  const auto queries = backend_.rib_queries();
  ASSERT_EQ(queries.size(), 1u);
  EXPECT_EQ(queries[0].prefix, "10.1.0.0/24");
  EXPECT_EQ(queries[0].neighbor, "10.0.0.3");
  EXPECT_EQ(queries[0].direction, api::RibQuery::Direction::kIn);
}

TEST_F(BgpctlBinaryTest, NeighborActionAndDaemonErrors) {
  CommandResult run = Bgpctl("neighbor 10.0.0.3 clear");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, "request processed\n");
  EXPECT_EQ(backend_.actions(), std::vector<std::string>{"10.0.0.3 clear"});

  run = Bgpctl("neighbor 10.0.0.2 up");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, "bgpctl: neighbor 10.0.0.2 is already up\n");

  run = Bgpctl("show neighbor 192.0.2.1");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, "bgpctl: no neighbor 192.0.2.1\n");
}

TEST_F(BgpctlBinaryTest, Reload) {
  const CommandResult run = Bgpctl("reload");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(backend_.reloads, 1);
}

TEST_F(BgpctlBinaryTest, NoDaemon) {
  const std::string missing = dir_ + "/nothing/bgpd.sock";
  const CommandResult run = RunShell(std::string(BGPCTL_PATH) + " -s " + missing + " show summary");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, "bgpctl: cannot connect to " + missing +
                            ": No such file or directory — is bgpd running?\n");
}

TEST_F(BgpctlBinaryTest, SocketFromEnvironment) {
  const CommandResult run = RunShell("env MESHBGP_SOCKET=" + socket_ + " " + BGPCTL_PATH + " show status");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("65000.1 (4259840001)"), std::string::npos) << run.output;
}

TEST_F(BgpctlBinaryTest, UsageErrorsAndHelp) {
  CommandResult run = RunShell(std::string(BGPCTL_PATH) + " show s");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("ambiguous"), std::string::npos) << run.output;
  run = RunShell(std::string(BGPCTL_PATH) + " help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("usage: bgpctl"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace meshbgp::cli
