// Plain POSIX sockets for the API tests: connect, send arbitrary bytes (also
// garbage), read what the server answers. Independent of Beast on purpose,
// so the server is checked against bytes, not against its own library.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include <vector>

namespace meshbgp::api::testing {

class RawConnection {
 public:
  static RawConnection Unix(const std::string& path) {
    RawConnection c(socket(AF_UNIX, SOCK_STREAM, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    c.connected_ = connect(c.fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    return c;
  }
  static RawConnection Tcp(uint16_t port) {
    RawConnection c(socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c.connected_ = connect(c.fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    return c;
  }
  RawConnection(RawConnection&& other) noexcept : fd_(other.fd_), connected_(other.connected_) { other.fd_ = -1; }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }

  bool connected() const { return connected_; }

  bool Send(const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  void ShutdownWrite() { shutdown(fd_, SHUT_WR); }

  // Reads until the peer closes or `timeout` passes without data.
  std::string ReadAll(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::string out;
    while (true) {
      if (!WaitReadable(timeout)) break;
      char buf[65536];
      const ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // Reads until `count` complete responses (by Content-Length) have arrived.
  std::string ReadResponses(int count, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::string out;
    while (CountResponses(out) < count) {
      if (!WaitReadable(timeout)) break;
      char buf[65536];
      const ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // True if the peer closed (EOF or reset) within `timeout`.
  bool ClosedByPeer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!WaitReadable(std::chrono::duration_cast<std::chrono::milliseconds>(
              deadline - std::chrono::steady_clock::now()))) {
        return false;
      }
      char buf[4096];
      if (recv(fd_, buf, sizeof buf, 0) <= 0) return true;
    }
    return false;
  }

  static int CountResponses(const std::string& data);

 private:
  explicit RawConnection(int fd) : fd_(fd) {}

  bool WaitReadable(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, static_cast<int>(timeout.count())) > 0;
  }

  int fd_;
  bool connected_ = false;
};

inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    const size_t end = text.find("\r\n", start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return lines;
    start = end + 2;
  }
}

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::string Trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Header lines of a response head, names in lower case.
inline std::map<std::string, std::string> ParseHeaders(const std::string& head) {
  std::map<std::string, std::string> headers;
  const auto lines = SplitLines(head);
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == std::string::npos) continue;
    headers[Lower(lines[i].substr(0, colon))] = Trim(lines[i].substr(colon + 1));
  }
  return headers;
}

inline size_t ContentLength(const std::map<std::string, std::string>& headers) {
  const auto it = headers.find("content-length");
  return it == headers.end() ? 0 : std::stoul(it->second);
}

inline int RawConnection::CountResponses(const std::string& data) {
  int count = 0;
  size_t pos = 0;
  while (true) {
    const size_t end = data.find("\r\n\r\n", pos);
    if (end == std::string::npos) return count;
    const size_t length = ContentLength(ParseHeaders(data.substr(pos, end - pos)));
    if (data.size() < end + 4 + length) return count;
    ++count;
    pos = end + 4 + length;
  }
}

struct ParsedResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Parses the first response in `data`; status 0 if there is none.
inline ParsedResponse ParseResponse(const std::string& data) {
  ParsedResponse r;
  const size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos) return r;
  const std::string head = data.substr(0, end);
  // "HTTP/1.1 200 OK"
  const size_t space = head.find(' ');
  if (space == std::string::npos || head.size() < space + 4) return r;
  r.status = std::atoi(head.substr(space + 1, 3).c_str());
  r.headers = ParseHeaders(head);
  r.body = data.substr(end + 4, ContentLength(r.headers));
  return r;
}

}  // namespace meshbgp::api::testing
