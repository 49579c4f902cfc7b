// The restarting speaker's side of graceful restart (RFC 4724 §4.1): from
// our start until our table is complete, sessions that come up get nothing
// from us, so that no client is sent a partial table and End-of-RIB (a GR
// helper would flush the stale routes our partial table lacks). The table
// is complete once every expected peer has sent End-of-RIB for each of its
// families; the caller's Selection_Deferral_Timer bounds the wait.
//
// Expected peers: every session that came up (if it advertised graceful
// restart: the others may never send End-of-RIB), and the static
// neighbors, which must come up first. Dynamic peers that have not connected yet cannot be known: a
// process does not know which clients it served in its previous life (a
// rescheduled pod starts on a fresh filesystem), so like FRR we wait for
// those that are here. Pure bookkeeping: no timers, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::session {

class Session;

class SelectionDeferral {
 public:
  // The window is open from construction until Close (or completion).
  bool open() const { return open_; }
  // Static neighbors whose End-of-RIB completes the table.
  void SetExpected(std::set<std::string> addresses) { expected_ = std::move(addresses); }

  // A session came up. While the window is open it is held (returns true)
  // until the window closes; `awaited`: families whose End-of-RIB we wait
  // for (empty when the peer is not expected to send one).
  bool Hold(std::shared_ptr<Session> s, const std::string& address,
            std::vector<wire::Family> awaited);
  // End-of-RIB from `s` for `f`.
  void EndOfRib(const Session* s, wire::Family f);
  // `s` went down before the window closed.
  void Forget(const Session* s);
  // True when the table is complete (the caller then calls Close).
  bool Complete() const;
  // Closes the window; returns the held sessions, to be sent our table now.
  std::vector<std::shared_ptr<Session>> Close();

 private:
  struct Held {
    std::shared_ptr<Session> session;
    std::string address;
    std::vector<wire::Family> awaited;
  };
  bool open_ = true;
  std::set<std::string> expected_;
  std::set<std::string> done_;  // addresses whose End-of-RIB all arrived
  std::map<const Session*, Held> held_;
};

}  // namespace meshbgp::session
