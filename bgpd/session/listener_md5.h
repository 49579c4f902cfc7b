// The TCP MD5 keys of the listening sockets: one per `allow` range of a
// group with a password (a prefix key, TCP_MD5SIG_FLAG_PREFIX) and one per
// static neighbor with a password (its own, else its group's), so that both
// dynamic and static peers that connect to us are signed. A reload installs what is new or changed
// and removes what is gone. The kernel charges each key to the socket's
// option memory (net.core.optmem_max, ~136 bytes a key): a key that does
// not fit is logged and its peers cannot connect.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "bgpd/config/config.h"

namespace meshbgp::session {

struct Md5Entry {
  boost::asio::ip::address address;
  uint8_t prefix_len = 0;
  std::string key;
  friend bool operator==(const Md5Entry&, const Md5Entry&) = default;
  friend bool operator<(const Md5Entry& a, const Md5Entry& b) {
    if (a.address != b.address) return a.address < b.address;
    return a.prefix_len < b.prefix_len;
  }
};

// The keys a configuration asks listening sockets to hold.
std::vector<Md5Entry> ListenerMd5Entries(const config::Config& cfg);

class ListenerMd5 {
 public:
  // Makes each socket of `fds` hold exactly the entries of its address
  // family. Returns how many keys could not be installed (logged).
  size_t Sync(const std::vector<int>& fds, const std::vector<Md5Entry>& want);
  // The sockets were closed: nothing is installed any more.
  void Reset() { installed_.clear(); }

 private:
  std::map<int, std::vector<Md5Entry>> installed_;  // by socket
};

}  // namespace meshbgp::session
