// Small shared pieces of bgpctl's renderers: tolerant field access on the
// daemon's JSON, time spans, and the exception guard that turns a JSON of the wrong shape
// into an error. Internal to the cli module.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>
#include <nlohmann/json.hpp>

namespace meshbgp::cli {

// Runs `render`; nlohmann::json exceptions (wrong types) become
// InvalidArgument "unexpected answer from bgpd: ...".
absl::StatusOr<std::string> Guarded(const std::function<std::string()>& render);

// Field as text: strings as they are, numbers and booleans printed; absent,
// null or "" as `fallback`.
std::string Text(const nlohmann::json& object, std::string_view key, std::string_view fallback = "");
// The field's value, or null when absent (safe to chain: Text(Child(a, "b"), "c")).
const nlohmann::json& Child(const nlohmann::json& object, std::string_view key);
// Numeric field, 0 when absent.
uint64_t Number(const nlohmann::json& object, std::string_view key);
// The array field (an empty array when absent).
const nlohmann::json& Array(const nlohmann::json& object, std::string_view key);

// OpenBGPD's Up/Down form: "00:01:02" under a day, "3d04h05m" under a week,
// "02w3d04h" beyond.
std::string FormatTimeframe(uint64_t seconds);
// A neighbor's Up/Down column: FormatTimeframe(uptime_s), "Never" when absent.
std::string UpDown(const nlohmann::json& neighbor);

// Prefixes every line of `text` with `indent`.
std::string Indent(std::string_view text, std::string_view indent);

}  // namespace meshbgp::cli
