#include "bgpd/api/connection_registry.h"

#include <vector>

namespace meshbgp::api {

bool ConnectionRegistry::Add(const std::shared_ptr<Closable>& connection) {
  std::lock_guard lock(mu_);
  if (closed_ || open_.size() >= max_) return false;
  open_.emplace(connection.get(), connection);
  return true;
}

void ConnectionRegistry::Remove(const Closable* connection) {
  std::lock_guard lock(mu_);
  open_.erase(connection);
}

void ConnectionRegistry::CloseAll() {
  std::vector<std::shared_ptr<Closable>> to_close;
  {
    std::lock_guard lock(mu_);
    closed_ = true;
    for (auto& [ptr, weak] : open_) {
      if (auto strong = weak.lock()) to_close.push_back(std::move(strong));
    }
  }
  // Outside the lock: a connection's destructor calls Remove().
  for (auto& connection : to_close) connection->Close();
}

size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mu_);
  return open_.size();
}

}  // namespace meshbgp::api
