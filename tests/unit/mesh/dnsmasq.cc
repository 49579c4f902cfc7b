#include "tests/unit/mesh/dnsmasq.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

extern char** environ;

namespace meshbgp::mesh::testing {

bool Dnsmasq::Installed() { return access(kBinary, X_OK) == 0; }

uint16_t FreeUdpPort() {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&sin), sizeof(sin));
  socklen_t len = sizeof(sin);
  getsockname(fd, reinterpret_cast<sockaddr*>(&sin), &len);
  close(fd);
  return ntohs(sin.sin_port);
}

namespace {

bool TcpConnects(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&sin), sizeof(sin)) == 0;
  close(fd);
  return ok;
}

}  // namespace

std::string Dnsmasq::Start(const std::string& hosts) {
  char tmpl[] = "/tmp/meshbgp-dnsmasq-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return "mkdtemp failed";
  dir_ = tmpl;
  WriteHosts(hosts);
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = FreeUdpPort();
    std::vector<std::string> args = {
        kBinary, "--no-daemon", "--port=" + std::to_string(port_),
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv",
        "--no-hosts", "--addn-hosts=" + dir_ + "/hosts", "--local-ttl=1",
        "--pid-file=" + dir_ + "/pid", "--local=/cluster.local/",
        // A name that exists with no address records: NOERROR, no data.
        "--txt-record=txt-only.default.svc.cluster.local,hello",
        "--user=root", "--group=root", "--log-facility=" + dir_ + "/log"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // Its start-up chatter goes to the log file, not the test output.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (dir_ + "/log").c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int rc = posix_spawn(&pid_, kBinary, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = -1;
      return "posix_spawn dnsmasq failed";
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;  // port taken in the meantime, or a bad option: retry/report
      }
      if (TcpConnects(port_)) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid_ > 0) return "dnsmasq did not start listening on port " + std::to_string(port_);
  }
  std::ifstream log(dir_ + "/log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  return "dnsmasq exited at start: " + text;
}

void Dnsmasq::WriteHosts(const std::string& hosts) {
  const std::string tmp = dir_ + "/hosts.tmp";
  std::ofstream(tmp) << hosts;
  std::filesystem::rename(tmp, dir_ + "/hosts");
}

void Dnsmasq::Reload() {
  if (pid_ > 0) kill(pid_, SIGHUP);
}
void Dnsmasq::Pause() {
  if (pid_ > 0) kill(pid_, SIGSTOP);
}
void Dnsmasq::Resume() {
  if (pid_ > 0) kill(pid_, SIGCONT);
}

Dnsmasq::~Dnsmasq() {
  if (pid_ > 0) {
    kill(pid_, SIGCONT);
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

}  // namespace meshbgp::mesh::testing
