// The JSON report meshbgp-loadgen prints on stdout: the run's milestones
// (seconds since the UPDATE phase began, when every session was
// Established), the headline completion time, and every session's counts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/loadgen/options.h"
#include "bench/loadgen/progress.h"
#include "bench/loadgen/session.h"

namespace meshbgp::loadgen {

struct RunResult {
  Clock::time_point start;  // the process began connecting
  std::optional<Clock::time_point> established;  // every session Established = UPDATE phase start
  bool timeout = false;
  std::string error;
  std::vector<Session::Stats> clients;
  std::vector<Session::Stats> sink_ends;  // --sink only
};

// Keys: mode, rs, clients, prefixes_per_client, expected_per_session,
// t_connect, t_first_write, t_all_written, t_all_complete, complete_s
// (t_all_complete - t_first_write: the figure to compare), written_s,
// median_session_complete_s, sessions_complete, timeout, error, sessions,
// and sink_sessions with --sink. Times that never happened are null.
nlohmann::json BuildReport(const Options& options, const RunResult& result);

}  // namespace meshbgp::loadgen
