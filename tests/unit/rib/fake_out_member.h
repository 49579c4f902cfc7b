// An OutMember for tests that decodes everything it is sent with the wire
// decoder and keeps the table a real peer would hold, plus a log of what
// arrived, so tests check bytes on the wire rather than group internals.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <gtest/gtest.h>

#include "rib/update_group.h"
#include "tests/unit/wire/message_stream.h"

namespace meshbgp::rib::testing {

class FakeOutMember : public OutMember {
 public:
  explicit FakeOutMember(PeerInfo peer, size_t max_message_size = wire::kMaxMessageSize)
      : peer_(std::move(peer)), max_message_size_(max_message_size) {}

  const PeerInfo& peer() const override { return peer_; }

  void Send(Buffer messages) override {
    std::lock_guard<std::mutex> lock(mu_);
    buffers.push_back(messages);
    Decode(*messages);
  }
  void InitialDumpDone() override {
    std::lock_guard<std::mutex> lock(mu_);
    events.push_back("dump-done");
  }

  // The table a peer would hold now.
  size_t size() const { return routes_.size(); }
  bool Has(const char* prefix) const { return routes_.contains(*wire::ParseIpv4Prefix(prefix)); }
  bool Has(const wire::Ipv4Prefix& prefix) const { return routes_.contains(prefix); }
  // The attributes held for `prefix` (empty attributes if none).
  wire::PathAttrs Attrs(const char* prefix) const { return Attrs(*wire::ParseIpv4Prefix(prefix)); }
  wire::PathAttrs Attrs(const wire::Ipv4Prefix& prefix) const {
    auto it = routes_.find(prefix);
    return it == routes_.end() ? wire::PathAttrs{} : attr_sets_[it->second];
  }
  // Every route held, as text, for comparing two members' tables.
  std::map<std::string, wire::PathAttrs> Table() const {
    std::map<std::string, wire::PathAttrs> out;
    for (const auto& [prefix, index] : routes_) out[wire::ToString(prefix)] = attr_sets_[index];
    return out;
  }

  // Everything below is read by the test once the group's tasks have run.
  std::vector<std::string> withdrawn;            // every withdrawal, in order
  std::vector<std::string> events;               // "update", "eor", "dump-done"
  std::vector<Buffer> buffers;                   // every buffer received
  size_t messages = 0;
  size_t announcements = 0;

 private:
  void Decode(const std::vector<uint8_t>& bytes) {
    for (const wire::Update& update : wire::test::DecodeUpdates(bytes, max_message_size_)) {
      ASSERT_FALSE(update.treat_as_withdraw);
      ++messages;
      if (wire::EndOfRib(update)) {
        events.push_back("eor");
        continue;
      }
      events.push_back("update");
      for (const auto& p : update.withdrawn) {
        routes_.erase(p);
        withdrawn.push_back(wire::ToString(p));
      }
      if (update.nlri.empty()) continue;
      attr_sets_.push_back(update.attrs);
      for (const auto& p : update.nlri) {
        routes_[p] = attr_sets_.size() - 1;
        ++announcements;
      }
    }
  }

  const PeerInfo peer_;
  const size_t max_message_size_;
  absl::flat_hash_map<wire::Ipv4Prefix, size_t> routes_;  // -> index in attr_sets_
  std::vector<wire::PathAttrs> attr_sets_;                 // one per UPDATE received
  std::mutex mu_;
};

}  // namespace meshbgp::rib::testing
