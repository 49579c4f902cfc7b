// Prometheus text exposition format (version 0.0.4) for GET /metrics: metric
// families with their HELP and TYPE lines, samples with escaped label values
// and exact integer values. Pure text building; the daemon decides what to
// measure (bgpd/daemon/metrics.cc) and the router serves the result.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshbgp::api {

// The Content-Type Prometheus expects for this format.
inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

using Label = std::pair<std::string_view, std::string_view>;

class PrometheusText {
 public:
  enum class Type { kCounter, kGauge };

  // Starts a metric family. Every sample until the next Family() call must
  // use this name (the exposition format wants a family's samples together).
  void Family(std::string_view name, Type type, std::string_view help);
  void Sample(std::initializer_list<Label> labels, uint64_t value) { Sample(labels.begin(), labels.size(), value); }
  void Sample(std::initializer_list<Label> labels, int64_t value);
  void Sample(std::initializer_list<Label> labels, double value);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Sample(const Label* labels, size_t n, uint64_t value);
  void Head(const Label* labels, size_t n);
  std::string out_;
  std::string name_;
};

// Label values: backslash, double quote and newline escaped.
std::string EscapeLabelValue(std::string_view value);
// A double as Prometheus reads it: "NaN", "+Inf", "-Inf", or shortest exact.
std::string FormatSampleValue(double value);

}  // namespace meshbgp::api
