// The control API server over real sockets: every route, status codes, the
// unix socket's permissions and lifecycle, the read-only TCP listener, and
// bad input (garbage, huge headers, idle clients) that must not hurt it.
#include "bgpd/api/http_server.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "tests/unit/api/fake_backend.h"
#include "tests/unit/api/raw_http.h"

namespace meshbgp::api {
namespace {

using testing::FakeBackend;
using testing::ParsedResponse;
using testing::ParseResponse;
using testing::RawConnection;
using namespace std::chrono_literals;

std::string MakeTempDir() {
  char name[] = "/tmp/meshbgp-api-XXXXXX";
  return mkdtemp(name);
}

config::HostPort Loopback(uint16_t port) {
  config::HostPort hp;
  hp.address.bytes = {127, 0, 0, 1};
  hp.port = port;
  return hp;
}

std::string Request(const std::string& method, const std::string& target) {
  return method + " " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    socket_ = dir_ + "/run/meshbgp/bgpd.sock";  // two missing levels
  }

  HttpServerOptions DefaultOptions() {
    HttpServerOptions options;
    options.unix_socket = socket_;
    options.tcp = Loopback(0);
    options.limits.timeout = 2s;
    return options;
  }

  void StartServer(HttpServerOptions options) {
    server_ = std::make_unique<HttpServer>(ioc_, backend_, std::move(options));
    const absl::Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status;
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc_.run(); });
  }
  void StartServer() { StartServer(DefaultOptions()); }

  // Stops the server and checks that this lets the io_context run out of
  // work: nothing (acceptor, idle connection, timer) may linger.
  void StopAndJoin() {
    if (server_) server_->Stop();
    auto done = std::async(std::launch::async, [this] {
      for (auto& t : threads_) t.join();
    });
    if (done.wait_for(5s) != std::future_status::ready) {
      ADD_FAILURE() << "io_context still busy 5 s after Stop()";
      ioc_.stop();
      done.wait();
    }
    threads_.clear();
  }

  void TearDown() override {
    StopAndJoin();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  ParsedResponse Unix(const std::string& method, const std::string& target) {
    auto c = RawConnection::Unix(socket_);
    EXPECT_TRUE(c.connected());
    c.Send(Request(method, target));
    return ParseResponse(c.ReadAll());
  }
  ParsedResponse Tcp(const std::string& method, const std::string& target) {
    auto c = RawConnection::Tcp(server_->tcp_port());
    EXPECT_TRUE(c.connected());
    c.Send(Request(method, target));
    return ParseResponse(c.ReadAll());
  }

  static nlohmann::json Json(const ParsedResponse& r) { return nlohmann::json::parse(r.body, nullptr, false); }

  boost::asio::io_context ioc_;
  FakeBackend backend_;
  std::unique_ptr<HttpServer> server_;
  std::vector<std::thread> threads_;
  std::string dir_;
  std::string socket_;
};

TEST_F(HttpServerTest, GetRoutesAnswerTheBackendsJson) {
  StartServer();
  const std::pair<const char*, nlohmann::json> cases[] = {
      {"/v1/status", backend_.status_json()},
      {"/v1/summary", backend_.summary_json()},
      {"/v1/neighbors", backend_.neighbors_json()},
      {"/v1/rib", backend_.rib_json()},
  };
  for (const auto& [target, expected] : cases) {
    const auto r = Unix("GET", target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.headers.at("content-type"), "application/json") << target;
    EXPECT_EQ(Json(r), expected) << target;
  }
}

TEST_F(HttpServerTest, OneNeighborOrNotFound) {
  StartServer();
  auto r = Unix("GET", "/v1/neighbors/10.0.0.3");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(Json(r)["neighbors"].size(), 1u);
  EXPECT_EQ(Json(r)["neighbors"][0]["address"], "10.0.0.3");

  r = Unix("GET", "/v1/neighbors/192.0.2.99");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Json(r), (nlohmann::json{{"error", "no neighbor 192.0.2.99"}}));
}

TEST_F(HttpServerTest, RibQueryParametersReachTheBackend) {
  StartServer();
  const auto r = Unix("GET", "/v1/rib?prefix=10.1.0.0%2F24&neighbor=10.0.0.2&dir=in&family=ipv4&limit=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["routes"].size(), 1u);
  const auto queries = backend_.rib_queries();
  ASSERT_EQ(queries.size(), 1u);
  EXPECT_EQ(queries[0].prefix, "10.1.0.0/24");
  EXPECT_EQ(queries[0].neighbor, "10.0.0.2");
  EXPECT_EQ(queries[0].direction, RibQuery::Direction::kIn);
  EXPECT_EQ(queries[0].family, "ipv4");
  EXPECT_EQ(queries[0].limit, 1u);
}

TEST_F(HttpServerTest, BadRibQueriesAre400) {
  StartServer();
  for (const char* target : {"/v1/rib?dir=sideways", "/v1/rib?limit=-1", "/v1/rib?limit=many",
                             "/v1/rib?colour=red", "/v1/rib?family=ipv9", "/v1/rib?prefix=%zz"}) {
    const auto r = Unix("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_TRUE(Json(r)["error"].is_string()) << target << ": " << r.body;
  }
}

TEST_F(HttpServerTest, NeighborActions) {
  StartServer();
  EXPECT_EQ(Unix("POST", "/v1/neighbors/10.0.0.3/clear").status, 200);
  EXPECT_EQ(Unix("POST", "/v1/neighbors/10.0.0.3/down").status, 200);
  EXPECT_EQ(Unix("POST", "/v1/neighbors/10.0.0.3/up").status, 200);
  EXPECT_EQ(backend_.actions(),
            (std::vector<std::string>{"10.0.0.3 clear", "10.0.0.3 down", "10.0.0.3 up"}));
  EXPECT_EQ(Unix("POST", "/v1/neighbors/10.0.0.3/explode").status, 404);
  EXPECT_EQ(Unix("POST", "/v1/neighbors/192.0.2.99/clear").status, 404);
  const auto conflict = Unix("POST", "/v1/neighbors/10.0.0.2/up");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(Json(conflict)["error"], "neighbor 10.0.0.2 is already up");
  EXPECT_EQ(backend_.actions().size(), 3u);
}

TEST_F(HttpServerTest, ReloadAndItsFailure) {
  backend_.reload_result = absl::InternalError("bgpd.yaml:3:1: bad key");
  StartServer();
  const auto r = Unix("POST", "/v1/reload");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(Json(r)["error"], "bgpd.yaml:3:1: bad key");
  EXPECT_EQ(backend_.reloads, 1);
}

TEST_F(HttpServerTest, ReloadSucceeds) {
  StartServer();
  const auto r = Unix("POST", "/v1/reload");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r), (nlohmann::json{{"result", "ok"}}));
  EXPECT_EQ(backend_.reloads, 1);
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  StartServer();
  auto r = Unix("GET", "/v1/reload");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "POST");
  r = Unix("POST", "/v1/status");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET, HEAD");
  r = Unix("DELETE", "/v1/neighbors/10.0.0.2");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(backend_.reloads, 0);
}

TEST_F(HttpServerTest, UnknownPathIs404) {
  StartServer();
  for (const char* target : {"/v1", "/v2/status", "/v1/status/extra", "/metrics-nope", "/lg/nope"}) {
    EXPECT_EQ(Unix("GET", target).status, 404) << target;
  }
}

// "/" is the looking glass; the views the daemon's ObserveBackend serves
// are 404 when the backend has none, and MRT dumps never leave the unix
// socket.
TEST_F(HttpServerTest, LookingGlassAndObserveViews) {
  StartServer();
  auto r = Tcp("GET", "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-security-policy"].rfind("default-src 'none'", 0), 0u);
  EXPECT_EQ(Unix("GET", "/metrics").status, 404);
  EXPECT_EQ(Tcp("GET", "/v1/mrt/rib").status, 403);
  EXPECT_EQ(Tcp("POST", "/metrics").status, 404);
  EXPECT_EQ(Tcp("GET", "/protocols/bgp").status, 200);
}

TEST_F(HttpServerTest, Probes) {
  StartServer();
  auto r = Tcp("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
  EXPECT_EQ(Tcp("GET", "/readyz").status, 200);
  backend_.ready = false;
  r = Tcp("GET", "/readyz");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "not ready\n");
  EXPECT_EQ(Tcp("GET", "/healthz").status, 200);
  backend_.healthy = false;
  EXPECT_EQ(Unix("GET", "/healthz").status, 503);
}

TEST_F(HttpServerTest, HeadHasLengthButNoBody) {
  StartServer();
  auto c = RawConnection::Unix(socket_);
  c.Send(Request("HEAD", "/v1/status"));
  const std::string raw = c.ReadAll();
  auto r = ParseResponse(raw);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-length"], std::to_string(backend_.status_json().dump().size() + 1));
  EXPECT_EQ(raw.substr(raw.find("\r\n\r\n") + 4), "");
}

TEST_F(HttpServerTest, TcpListenerIsReadOnly) {
  StartServer();
  ASSERT_NE(server_->tcp_port(), 0);
  EXPECT_EQ(Tcp("GET", "/v1/summary").status, 200);
  auto r = Tcp("POST", "/v1/reload");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(Json(r)["error"].is_string());
  EXPECT_EQ(Tcp("POST", "/v1/neighbors/10.0.0.3/down").status, 403);
  EXPECT_EQ(backend_.reloads, 0);
  EXPECT_TRUE(backend_.actions().empty());
}

TEST_F(HttpServerTest, SocketIs0600InA0700DirectoryAndRemovedOnStop) {
  StartServer();
  struct stat st {};
  ASSERT_EQ(lstat(socket_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((dir_ + "/run/meshbgp").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(stat((dir_ + "/run").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  StopAndJoin();
  EXPECT_FALSE(std::filesystem::exists(socket_));
}

TEST_F(HttpServerTest, KeepAliveAndPipelining) {
  StartServer();
  auto c = RawConnection::Unix(socket_);
  const std::string keep = "GET /v1/status HTTP/1.1\r\nHost: t\r\n\r\n";
  c.Send(keep + "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string data = c.ReadResponses(2);
  EXPECT_EQ(RawConnection::CountResponses(data), 2);
  c.Send(keep);  // the connection is still usable
  data = c.ReadResponses(1);
  EXPECT_EQ(ParseResponse(data).status, 200);
}

TEST_F(HttpServerTest, GarbageGets400AndServerKeepsServing) {
  StartServer();
  {
    auto c = RawConnection::Unix(socket_);
    std::string garbage;
    for (int i = 0; i < 512; ++i) garbage.push_back(static_cast<char>((i * 37 + 11) % 256));
    c.Send(garbage + "\r\n\r\n");
    EXPECT_EQ(ParseResponse(c.ReadAll()).status, 400);
  }
  {
    auto c = RawConnection::Tcp(server_->tcp_port());
    c.Send("GET\x01 /v1/status HTTP/9.9\r\n\r\n");
    EXPECT_EQ(ParseResponse(c.ReadAll()).status, 400);
  }
  {
    auto c = RawConnection::Tcp(server_->tcp_port());
    c.Send("GET v1/status HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");  // not absolute
    EXPECT_EQ(ParseResponse(c.ReadAll()).status, 400);
  }
  EXPECT_EQ(Unix("GET", "/v1/status").status, 200);
}

TEST_F(HttpServerTest, HugeHeaderGets400) {
  StartServer();
  for (bool tcp : {false, true}) {
    auto c = tcp ? RawConnection::Tcp(server_->tcp_port()) : RawConnection::Unix(socket_);
    c.Send("GET /v1/status HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n");
    EXPECT_EQ(ParseResponse(c.ReadAll()).status, 400) << (tcp ? "tcp" : "unix");
  }
  EXPECT_EQ(Tcp("GET", "/v1/status").status, 200);
}

TEST_F(HttpServerTest, RandomInputNeverKillsTheServer) {
  StartServer();
  std::mt19937 random(20240601);  // fixed seed: a failure can be replayed
  const std::string prefixes[] = {"", "GET /v1/status HTTP/1.1\r\n", "POST /v1/neighbors/", "GET /v1/rib?"};
  for (int i = 0; i < 200; ++i) {
    std::string input = prefixes[i % 4];
    const size_t length = random() % 3000;
    for (size_t j = 0; j < length; ++j) input.push_back(static_cast<char>(random() % 256));
    auto c = i % 2 ? RawConnection::Tcp(server_->tcp_port()) : RawConnection::Unix(socket_);
    c.Send(input);
    c.ShutdownWrite();
    const auto r = ParseResponse(c.ReadAll(3s));
    EXPECT_TRUE(r.status == 0 || r.status == 400 || r.status == 404 || r.status == 413) << i << ": " << r.status;
  }
  EXPECT_EQ(Unix("GET", "/v1/status").status, 200);
  EXPECT_EQ(backend_.reloads, 0);
  EXPECT_TRUE(backend_.actions().empty());
}

TEST_F(HttpServerTest, HugeBodyGets413) {
  StartServer();
  auto c = RawConnection::Unix(socket_);
  c.Send("POST /v1/reload HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n" + std::string(100000, 'x'));
  EXPECT_EQ(ParseResponse(c.ReadAll()).status, 413);
  EXPECT_EQ(backend_.reloads, 0);
}

TEST_F(HttpServerTest, IdleAndSlowClientsAreCutOff) {
  HttpServerOptions options = DefaultOptions();
  options.limits.timeout = 300ms;
  StartServer(options);
  auto idle = RawConnection::Unix(socket_);
  auto slow = RawConnection::Tcp(server_->tcp_port());
  slow.Send("GET /v1/sta");  // and never more
  EXPECT_TRUE(idle.ClosedByPeer(3s));
  EXPECT_TRUE(slow.ClosedByPeer(3s));
}

TEST_F(HttpServerTest, ConnectionLimit) {
  HttpServerOptions options = DefaultOptions();
  options.max_connections = 1;
  StartServer(options);
  {
    auto first = RawConnection::Unix(socket_);
    first.Send("GET /v1/status HTTP/1.1\r\nHost: t\r\n\r\n");
    ASSERT_EQ(ParseResponse(first.ReadResponses(1)).status, 200);  // first is now held open
    auto second = RawConnection::Unix(socket_);
    EXPECT_TRUE(second.ClosedByPeer(3s));
  }
  // Once the first is gone its slot is free again (the server notices the
  // close asynchronously).
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    status = Unix("GET", "/v1/status").status;
    if (status != 200) std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(status, 200);
}

TEST_F(HttpServerTest, BackendExceptionIs500) {
  StartServer();
  backend_.throw_in_status = true;
  const auto r = Unix("GET", "/v1/status");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(Json(r)["error"].get<std::string>().find("backend exploded"), std::string::npos);
  EXPECT_EQ(Unix("GET", "/v1/summary").status, 200);
}

TEST_F(HttpServerTest, StopClosesIdleConnections) {
  StartServer();
  auto idle = RawConnection::Unix(socket_);
  ASSERT_TRUE(idle.connected());
  std::this_thread::sleep_for(50ms);  // let the server accept it
  StopAndJoin();  // fails if the idle connection keeps the io_context busy
  EXPECT_TRUE(idle.ClosedByPeer(1s));
}

TEST_F(HttpServerTest, RemovesAStaleSocket) {
  std::filesystem::create_directories(dir_ + "/run/meshbgp");
  {
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket_.c_str(), sizeof addr.sun_path - 1);
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    close(fd);  // a socket file nobody listens on, as a crash leaves it
  }
  StartServer();
  EXPECT_EQ(Unix("GET", "/v1/status").status, 200);
}

TEST_F(HttpServerTest, RefusesASocketAnotherServerUses) {
  StartServer();
  HttpServerOptions options;
  options.unix_socket = socket_;
  HttpServer second(ioc_, backend_, options);
  const absl::Status status = second.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("in use"), std::string::npos) << status;
  EXPECT_EQ(Unix("GET", "/v1/status").status, 200);  // the first one's socket survived
}

TEST_F(HttpServerTest, PortInUseIsAClearError) {
  StartServer();
  HttpServerOptions options;
  options.unix_socket = dir_ + "/other.sock";
  options.tcp = Loopback(server_->tcp_port());
  HttpServer second(ioc_, backend_, options);
  const absl::Status status = second.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("Address already in use"), std::string::npos) << status;
  EXPECT_NE(status.message().find("127.0.0.1:" + std::to_string(server_->tcp_port())), std::string::npos)
      << status;
  // A failed Start leaves nothing behind.
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/other.sock"));
}

TEST_F(HttpServerTest, UnusableSocketDirectoryIsAClearError) {
  std::ofstream(dir_ + "/file") << "not a directory";
  HttpServerOptions options;
  options.unix_socket = dir_ + "/file/bgpd.sock";
  HttpServer server(ioc_, backend_, options);
  const absl::Status status = server.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(dir_ + "/file"), std::string::npos) << status;
}

TEST_F(HttpServerTest, RefusesToReplaceARegularFile) {
  std::filesystem::create_directories(dir_ + "/run/meshbgp");
  std::ofstream(socket_) << "precious";
  HttpServerOptions options;
  options.unix_socket = socket_;
  HttpServer server(ioc_, backend_, options);
  EXPECT_FALSE(server.Start().ok());
  EXPECT_TRUE(std::filesystem::is_regular_file(socket_));
}

TEST(HttpServerOptionsFrom, ParsesTheApiConfig) {
  auto options = HttpServerOptionsFrom(config::ApiConfig{.socket = "/run/x.sock", .http = "[::1]:9179"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->unix_socket, "/run/x.sock");
  ASSERT_TRUE(options->tcp.has_value());
  EXPECT_EQ(config::HostPortToString(*options->tcp), "[::1]:9179");
  options = HttpServerOptionsFrom(config::ApiConfig{.socket = "/run/x.sock", .http = ""});
  ASSERT_TRUE(options.ok());
  EXPECT_FALSE(options->tcp.has_value());
  EXPECT_FALSE(HttpServerOptionsFrom(config::ApiConfig{.socket = "/s", .http = "localhost:80"}).ok());
}

}  // namespace
}  // namespace meshbgp::api
