// The set of open API connections, so the server can cap how many a client
// can hold and close them all when it stops (otherwise an idle keep-alive
// connection keeps the io_context busy until its timeout).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace meshbgp::api {

class Closable {
 public:
  virtual ~Closable() = default;
  // Thread-safe; closes asynchronously on the connection's own strand.
  virtual void Close() = 0;
};

class ConnectionRegistry {
 public:
  explicit ConnectionRegistry(size_t max_connections) : max_(max_connections) {}

  // False when full or closed: the caller drops the connection.
  bool Add(const std::shared_ptr<Closable>& connection);
  void Remove(const Closable* connection);
  // Closes every registered connection and refuses new ones.
  void CloseAll();
  size_t size() const;

 private:
  const size_t max_;
  mutable std::mutex mu_;
  bool closed_ = false;
  std::unordered_map<const Closable*, std::weak_ptr<Closable>> open_;
};

}  // namespace meshbgp::api
