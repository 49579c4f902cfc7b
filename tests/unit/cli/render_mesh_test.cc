#include <gtest/gtest.h>

#include "bgpd/cli/render.h"

namespace meshbgp::cli {
namespace {

TEST(RenderMesh, GroupsPeersAndErrors) {
  const auto answer = nlohmann::json::parse(R"({"groups": [
    {"name": "MESHRR-CORE", "dns": "meshrr-core", "port": 179, "interval": "5s", "max_peers": 0,
     "empty_grace": "30s", "resolved": ["10.0.0.11", "10.0.0.12"], "ttl_s": 1,
     "last_resolution": "2026-11-28T23:40:01Z", "last_resolution_age_s": 3,
     "error": "", "consecutive_errors": 0,
     "peers": [{"address": "10.0.0.12", "chosen": true, "state": "Established",
                "initial_table_received": true}]},
    {"name": "OTHER", "dns": "other", "port": 1179, "interval": "1s", "max_peers": 2,
     "empty_grace": "0s", "resolved": [], "last_resolution": null,
     "error": "timeout: Timeout while contacting DNS servers", "consecutive_errors": 4,
     "peers": []}]})");
  auto text = RenderMesh(answer);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "Mesh group MESHRR-CORE: meshrr-core port 179, every 5s, max peers all, empty-answer grace 30s\n"
            "  Resolved:         10.0.0.11 10.0.0.12 (ttl 1 s)\n"
            "  Last resolution:  2026-11-28T23:40:01Z (3 s ago)\n"
            "  Last error:       -\n"
            "  Neighbor   Chosen  State        Initial table\n"
            "  10.0.0.12  yes     Established  received\n"
            "\n"
            "Mesh group OTHER: other port 1179, every 1s, max peers 2, empty-answer grace 0s\n"
            "  Resolved:         -\n"
            "  Last resolution:  never\n"
            "  Last error:       timeout: Timeout while contacting DNS servers (4 in a row)\n"
            "  No mesh peers\n");
}

TEST(RenderMesh, NoGroupsAndBadShapes) {
  EXPECT_EQ(*RenderMesh(nlohmann::json::parse(R"({"groups": []})")), "No mesh groups configured\n");
  EXPECT_FALSE(RenderMesh(nlohmann::json::parse(R"({"groups": [{"resolved": [1]}]})")).ok());
}

}  // namespace
}  // namespace meshbgp::cli
