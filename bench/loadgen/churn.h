// The churn phase of a load-generator run (--churn): once every session is
// complete, client 0 withdraws all its prefixes, then announces them again;
// each step is timed from its first write until every other client
// reflects it (holds P fewer prefixes, then all of them again).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bench/loadgen/event_loop.h"
#include "bench/loadgen/session.h"
#include "bench/loadgen/workload.h"

namespace meshbgp::loadgen {

// UPDATEs withdrawing all of `client`'s prefixes, packed up to
// max_message_size each.
std::vector<uint8_t> EncodeWithdrawals(const Workload& workload, uint32_t client,
                                       size_t max_message_size);

struct ChurnResult {
  std::optional<double> withdraw_s;    // first withdrawal written -> every other client reflects it
  std::optional<double> reannounce_s;  // first re-announcement written -> every other client complete
  std::string error;
};

// Runs the churn phase from the main thread; sessions[i] lives on its loop.
// Client 0 is the one that churns; every session must be complete.
ChurnResult RunChurn(const std::vector<std::pair<Session*, EventLoop*>>& sessions,
                     const Workload& workload, double timeout_s);

}  // namespace meshbgp::loadgen
