// The exposition format as Prometheus parses it: HELP/TYPE once per family,
// escaped label values, exact integers and the special float spellings.
#include "bgpd/api/prometheus_text.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace meshbgp::api {
namespace {

TEST(PrometheusText, FamilyThenSamples) {
  PrometheusText m;
  m.Family("meshbgp_sessions", PrometheusText::Type::kGauge, "Sessions by state.");
  m.Sample({{"state", "Established"}}, uint64_t{3});
  m.Sample({{"state", "Idle"}}, uint64_t{0});
  m.Family("meshbgp_x_total", PrometheusText::Type::kCounter, "A counter.");
  m.Sample({}, uint64_t{18446744073709551615u});
  EXPECT_EQ(m.text(),
            "# HELP meshbgp_sessions Sessions by state.\n"
            "# TYPE meshbgp_sessions gauge\n"
            "meshbgp_sessions{state=\"Established\"} 3\n"
            "meshbgp_sessions{state=\"Idle\"} 0\n"
            "# HELP meshbgp_x_total A counter.\n"
            "# TYPE meshbgp_x_total counter\n"
            "meshbgp_x_total 18446744073709551615\n");
}

TEST(PrometheusText, LabelValuesAreEscaped) {
  EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  PrometheusText m;
  m.Family("m", PrometheusText::Type::kGauge, "help with \\ and\nnewline");
  m.Sample({{"peer", "x\"}"}, {"group", "g"}}, int64_t{-2});
  EXPECT_EQ(m.text(),
            "# HELP m help with \\\\ and\\nnewline\n# TYPE m gauge\nm{peer=\"x\\\"}\",group=\"g\"} -2\n");
}

TEST(PrometheusText, FloatValues) {
  EXPECT_EQ(FormatSampleValue(1.5), "1.5");
  EXPECT_EQ(FormatSampleValue(std::nan("")), "NaN");
  EXPECT_EQ(FormatSampleValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatSampleValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatSampleValue(1700000000.0), "1700000000");
}

}  // namespace
}  // namespace meshbgp::api
