#include "bgpd/api/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace meshbgp::api {

namespace {

// HELP text escapes only backslash and newline (the format's rule).
void AppendHelp(std::string& out, std::string_view help) {
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[64];
  // Whole numbers (timestamps, byte counts) read better without an
  // exponent; doubles hold integers exactly up to 2^53.
  const bool whole = value == std::trunc(value) && std::fabs(value) < 9007199254740992.0;
  auto r = whole ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                 : std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

void PrometheusText::Family(std::string_view name, Type type, std::string_view help) {
  name_.assign(name);
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  AppendHelp(out_, help);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += type == Type::kCounter ? " counter\n" : " gauge\n";
}

void PrometheusText::Head(const Label* labels, size_t n) {
  out_ += name_;
  if (n == 0) {
    out_ += ' ';
    return;
  }
  out_ += '{';
  for (size_t i = 0; i < n; ++i) {
    if (i) out_ += ',';
    out_ += labels[i].first;
    out_ += "=\"";
    out_ += EscapeLabelValue(labels[i].second);
    out_ += '"';
  }
  out_ += "} ";
}

void PrometheusText::Sample(const Label* labels, size_t n, uint64_t value) {
  Head(labels, n);
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusText::Sample(std::initializer_list<Label> labels, int64_t value) {
  Head(labels.begin(), labels.size());
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusText::Sample(std::initializer_list<Label> labels, double value) {
  Head(labels.begin(), labels.size());
  out_ += FormatSampleValue(value);
  out_ += '\n';
}

}  // namespace meshbgp::api
