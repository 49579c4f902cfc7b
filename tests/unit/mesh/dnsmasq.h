// A real dnsmasq on 127.0.0.1:<free port>, serving names from a hosts file
// the test can rewrite (then Reload() = SIGHUP). Everything under
// cluster.local is answered locally, so unknown names get NXDOMAIN.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace meshbgp::mesh::testing {

class Dnsmasq {
 public:
  static constexpr const char* kBinary = "/usr/sbin/dnsmasq";
  static bool Installed();

  Dnsmasq() = default;
  ~Dnsmasq();
  Dnsmasq(const Dnsmasq&) = delete;
  Dnsmasq& operator=(const Dnsmasq&) = delete;

  // Writes `hosts`, starts dnsmasq and waits until it accepts connections.
  // Returns "" or what went wrong.
  std::string Start(const std::string& hosts);
  void WriteHosts(const std::string& hosts);
  void Reload();   // SIGHUP: re-read the hosts file
  void Pause();    // SIGSTOP: the server stops answering
  void Resume();   // SIGCONT
  uint16_t port() const { return port_; }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::string dir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

// A UDP port on 127.0.0.1 that nothing is bound to right now.
uint16_t FreeUdpPort();

// The name the mesh tests resolve, as a Kubernetes headless Service's.
inline constexpr const char* kServiceName = "meshrr-core.default.svc.cluster.local";

// Hosts-file lines giving `name` each of `addrs`, plus one unrelated name.
inline std::string Hosts(std::initializer_list<const char*> addrs, const char* name = kServiceName) {
  std::string out;
  for (const char* a : addrs) out += std::string(a) + " " + name + "\n";
  return out + "10.9.9.9 unrelated.default.svc.cluster.local\n";
}

}  // namespace meshbgp::mesh::testing
