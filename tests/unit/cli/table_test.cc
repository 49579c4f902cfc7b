#include "bgpd/cli/table.h"

#include <gtest/gtest.h>

#include "bgpd/cli/render_helpers.h"

namespace meshbgp::cli {
namespace {

TEST(Table, AlignsColumnsAndTrimsLineEnds) {
  Table table({{"Name", Table::Align::kLeft}, {"N", Table::Align::kRight}, {"Note", Table::Align::kLeft}});
  table.AddRow({"a", "1", ""});
  table.AddRow({"longer", "12345"});  // missing cell
  table.AddRow({"b", "7", "x", "ignored"});
  EXPECT_EQ(table.Render(),
            "Name        N  Note\n"
            "a           1\n"
            "longer  12345\n"
            "b           7  x\n");
}

TEST(FormatTimeframe, OpenBgpdForms) {
  EXPECT_EQ(FormatTimeframe(0), "00:00:00");
  EXPECT_EQ(FormatTimeframe(3725), "01:02:05");
  EXPECT_EQ(FormatTimeframe(86399), "23:59:59");
  EXPECT_EQ(FormatTimeframe(86400), "1d00h00m");
  EXPECT_EQ(FormatTimeframe(93784), "1d02h03m");
  EXPECT_EQ(FormatTimeframe(7 * 86400), "01w0d00h");
  EXPECT_EQ(FormatTimeframe(700000), "01w1d02h");
  EXPECT_EQ(FormatTimeframe(100 * 7 * 86400), "100w0d00h");
}

TEST(RenderHelpers, TolerantAccess) {
  const nlohmann::json j = {{"s", "x"}, {"n", 5}, {"b", true}, {"z", nullptr}, {"o", {{"k", 1}}}};
  EXPECT_EQ(Text(j, "s"), "x");
  EXPECT_EQ(Text(j, "n"), "5");
  EXPECT_EQ(Text(j, "b"), "true");
  EXPECT_EQ(Text(j, "z", "-"), "-");
  EXPECT_EQ(Text(j, "missing", "-"), "-");
  EXPECT_EQ(Number(j, "n"), 5u);
  EXPECT_EQ(Number(j, "missing"), 0u);
  EXPECT_EQ(Text(Child(j, "o"), "k"), "1");
  EXPECT_EQ(Text(Child(Child(j, "missing"), "deeper"), "k", "?"), "?");
  EXPECT_TRUE(Array(j, "missing").empty());
  EXPECT_EQ(Indent("a\nb\n", "  "), "  a\n  b\n");
  EXPECT_EQ(Indent("a", "> "), "> a");
}

}  // namespace
}  // namespace meshbgp::cli
