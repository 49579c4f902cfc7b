#include "bgpd/config/env_expand.h"

#include <gtest/gtest.h>

#include "tests/unit/config/test_env.h"

namespace meshbgp::config {
namespace {

std::string Expand(std::string_view text, const EnvLookup& env) {
  auto r = ExpandEnv(text, "f.yaml", env);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? r->text : "";
}

std::string ExpandError(std::string_view text, const EnvLookup& env) {
  auto r = ExpandEnv(text, "f.yaml", env);
  EXPECT_FALSE(r.ok()) << "expanded to: " << (r.ok() ? r->text : "");
  return r.ok() ? "" : std::string(r.status().message());
}

TEST(EnvExpand, ReplacesVariablesAnywhereInALine) {
  auto env = FakeEnv({{"POD_IP", "10.1.2.3"}, {"PORT", "1179"}});
  EXPECT_EQ(Expand("router_id: ${POD_IP}\nlisten: [\"0.0.0.0:${PORT}\"]\n", env),
            "router_id: 10.1.2.3\nlisten: [\"0.0.0.0:1179\"]\n");
  EXPECT_EQ(Expand("${POD_IP}${PORT}", env), "10.1.2.31179");
}

TEST(EnvExpand, DefaultAppliesWhenUnsetOrEmpty) {
  auto env = FakeEnv({{"SET", "x"}, {"EMPTY", ""}});
  EXPECT_EQ(Expand("a: ${SET:-d}", env), "a: x");
  EXPECT_EQ(Expand("a: ${UNSET:-d}", env), "a: d");
  EXPECT_EQ(Expand("a: ${EMPTY:-d}", env), "a: d");
  EXPECT_EQ(Expand("a: ${UNSET:-}", env), "a: ");
  EXPECT_EQ(Expand("a: ${UNSET:-0.0.0.0:179}", env), "a: 0.0.0.0:179");
}

TEST(EnvExpand, SetButEmptyWithoutDefaultIsEmpty) {
  EXPECT_EQ(Expand("a: '${EMPTY}'", FakeEnv({{"EMPTY", ""}})), "a: ''");
}

TEST(EnvExpand, UnsetVariableNamesItAndItsPosition) {
  EXPECT_EQ(ExpandError("asn: 65000\nrouter_id: ${POD_IP}\n", FakeEnv({})),
            "f.yaml:2:12: expected environment variable POD_IP to be set, found it unset "
            "(write ${POD_IP:-value} to give a default)");
}

TEST(EnvExpand, MalformedReferences) {
  EXPECT_EQ(ExpandError("a: 1\nb: ${POD_IP\n", FakeEnv({})),
            "f.yaml:2:4: expected ${NAME} or ${NAME:-default} closed by '}' on the same line, "
            "found an unterminated '${'");
  EXPECT_EQ(ExpandError("b: ${1X}", FakeEnv({})),
            "f.yaml:1:4: expected ${NAME} or ${NAME:-default} where NAME is letters, digits and "
            "'_', found ${1X}");
  EXPECT_EQ(ExpandError("b: ${X-y}", FakeEnv({{"X", "1"}})),
            "f.yaml:1:4: expected ${NAME} or ${NAME:-default} where NAME is letters, digits and "
            "'_', found ${X-y}");
  EXPECT_EQ(ExpandError("b: ${}", FakeEnv({})),
            "f.yaml:1:4: expected ${NAME} or ${NAME:-default} where NAME is letters, digits and "
            "'_', found ${}");
}

TEST(EnvExpand, DollarDollarBraceIsALiteral) {
  EXPECT_EQ(Expand("password: \"a$${X}b\"", FakeEnv({{"X", "no"}})), "password: \"a${X}b\"");
  // A lone $ is text.
  EXPECT_EQ(Expand("password: a$b$", FakeEnv({})), "password: a$b$");
}

TEST(EnvExpand, CommentsAreLeftAlone) {
  auto env = FakeEnv({{"A", "1"}});
  EXPECT_EQ(Expand("# uses ${VAR} and ${VAR:-default}\nx: ${A}  # not ${UNSET}\n", env),
            "# uses ${VAR} and ${VAR:-default}\nx: 1  # not ${UNSET}\n");
  // '#' inside quotes, or glued to a word, does not start a comment.
  EXPECT_EQ(Expand("x: \"a #${A}\"\ny: 'b #${A}'\nz: c#${A}\n", env),
            "x: \"a #1\"\ny: 'b #1'\nz: c#1\n");
  // An apostrophe inside a plain scalar is not a quote that would hide
  // the comment after it.
  EXPECT_EQ(Expand("password: it's # ${UNSET}\nx: ${A}\n", env),
            "password: it's # ${UNSET}\nx: 1\n");
  // '' inside single quotes is an escaped quote, not the end.
  EXPECT_EQ(Expand("p: 'it''s #${A}' # ${UNSET}\n", env), "p: 'it''s #1' # ${UNSET}\n");
}

TEST(EnvExpand, PositionsMapBackToTheOriginalText) {
  auto env = FakeEnv({{"LONG", "a-much-longer-value"}, {"S", ""}});
  const std::string text = "x: ${LONG} y\nz: ${S:-} w\nv: 1\n";
  auto r = ExpandEnv(text, "f", env);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->text, "x: a-much-longer-value y\nz:  w\nv: 1\n");
  // 'y' after the long value is at 1:12 in the file.
  EXPECT_EQ(r->positions.Original(r->text.find(" y") + 1), (TextPosition{1, 12}));
  // Inside the substituted value: the position of the `${`.
  EXPECT_EQ(r->positions.Original(r->text.find("longer")), (TextPosition{1, 4}));
  // 'w' after the empty value is at 2:11.
  EXPECT_EQ(r->positions.Original(r->text.find('w')), (TextPosition{2, 11}));
  EXPECT_EQ(r->positions.Original(r->text.find("v:")), (TextPosition{3, 1}));
}

TEST(EnvExpand, EveryOffsetHasTheLineAndColumnAScanWouldGive) {
  // Lines of several lengths, an empty one, UTF-8 (columns count
  // characters), no newline at the end.
  const std::string text = "a: 1\n\nname: \xC3\xA9t\xC3\xA9\n  - x\r\nz";
  const PositionMap map(text);
  TextPosition want{1, 1};
  for (size_t offset = 0; offset <= text.size() + 2; ++offset) {
    EXPECT_EQ(map.OfOriginalOffset(offset), want) << "offset " << offset;
    if (offset >= text.size()) continue;  // past the end: the end
    if (text[offset] == '\n') {
      want = {want.line + 1, 1};
    } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
      ++want.column;
    }
  }
  EXPECT_EQ(PositionMap().OfOriginalOffset(5), (TextPosition{1, 1}));
}

TEST(EnvExpand, EscapeRoundTrips) {
  const std::string value = "p${X}q$${Y}$";
  auto r = ExpandEnv(EscapeForExpansion(value), "f", FakeEnv({{"X", "bad"}}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->text, value);
}

TEST(EnvExpand, ProcessEnvironmentReadsGetenv) {
  ASSERT_EQ(setenv("MESHBGP_CONFIG_TEST_VAR", "v1", 1), 0);
  EXPECT_EQ(ProcessEnvironment()("MESHBGP_CONFIG_TEST_VAR"), "v1");
  unsetenv("MESHBGP_CONFIG_TEST_VAR");
  EXPECT_EQ(ProcessEnvironment()("MESHBGP_CONFIG_TEST_VAR"), std::nullopt);
}

}  // namespace
}  // namespace meshbgp::config
