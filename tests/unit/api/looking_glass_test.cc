// The looking glass pages from the documented answers (fixtures), and that
// nothing a peer sends can turn into markup.
#include "bgpd/api/looking_glass.h"

#include <gtest/gtest.h>

#include "bgpd/api/html_page.h"
#include "tests/unit/api/fake_backend.h"

namespace meshbgp::api {
namespace {

using testing::FakeBackend;

TEST(HtmlPage, EscapesEverySpecialCharacter) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\" onclick='y'>&</a>"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(LookingGlass, SummaryLinksEveryNeighbor) {
  FakeBackend backend;
  ApiResponse r = LookingGlassSummary(backend);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  for (const auto& n : backend.summary_json()["neighbors"]) {
    const std::string address = n["address"];
    EXPECT_NE(r.body.find("href=\"/lg/neighbor/" + address + "\""), std::string::npos) << address;
  }
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
}

// A backend whose routes carry text a hostile peer could choose.
class HostileBackend : public FakeBackend {
 public:
  absl::StatusOr<nlohmann::json> Rib(const RibQuery&) override {
    nlohmann::json route = {{"prefix", "10.9.0.0/24"},
                            {"neighbor", "10.0.0.2\"><script>alert(1)</script>"},
                            {"as_path", "65001 <img src=x onerror=alert(2)>"},
                            {"communities", {"<b>65001:1</b>"}},
                            {"best", true}};
    return nlohmann::json{{"routes", nlohmann::json::array({route})}};
  }
};

TEST(LookingGlass, PeerTextNeverBecomesMarkup) {
  HostileBackend backend;
  RequestTarget t;
  t.params = {{"q", "10.9.0.0/24<script>"}};
  ApiResponse r = LookingGlassPrefix(backend, t);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  EXPECT_EQ(r.body.find("<img"), std::string::npos);
  EXPECT_EQ(r.body.find("<b>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_NE(r.body.find("10.0.0.2&quot;&gt;&lt;script&gt;"), std::string::npos);
}

TEST(LookingGlass, UnknownNeighborIs404) {
  FakeBackend backend;
  ApiResponse r = LookingGlassNeighbor(backend, "192.0.2.99");
  EXPECT_EQ(r.status, 404u);
  EXPECT_NE(r.body.find("no neighbor 192.0.2.99"), std::string::npos);
}

TEST(LookingGlass, NeighborPageShowsItsRoutes) {
  FakeBackend backend;
  ApiResponse r = LookingGlassNeighbor(backend, "10.0.0.2");
  EXPECT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("<table id=\"received\">"), std::string::npos);
  EXPECT_NE(r.body.find("10.1.0.0/24"), std::string::npos);
  EXPECT_EQ(r.body.find("192.168.128.0/17"), std::string::npos);  // another neighbor's
}

// A backend with one mesh group, shaped as `bgpctl show mesh` answers.
class MeshBackend : public FakeBackend {
 public:
  absl::StatusOr<nlohmann::json> Mesh() override {
    return nlohmann::json::parse(R"({"groups": [{
      "name": "MESH", "dns": "meshrr-core", "port": 179, "interval": "5s",
      "resolved": ["10.100.0.10", "10.100.0.11", "10.100.0.12"],
      "last_resolution": "2026-11-29T02:00:00Z", "last_resolution_age_s": 3,
      "error": "timeout: no answer", "consecutive_errors": 2,
      "peers": [{"address": "10.100.0.11", "chosen": true, "state": "Established",
                 "initial_table_received": true},
                {"address": "10.100.0.12<b>", "chosen": false, "state": "Active",
                 "initial_table_received": false}]}]})");
  }
};

TEST(LookingGlass, SummaryShowsEachMeshGroup) {
  MeshBackend backend;
  ApiResponse r = LookingGlassSummary(backend);
  EXPECT_EQ(r.status, 200u);
  for (const char* shown : {"<h3>Mesh group MESH</h3>", "meshrr-core port 179", "10.100.0.10 10.100.0.11 10.100.0.12",
                            "2026-11-29T02:00:00Z (3 s ago)", "timeout: no answer"}) {
    EXPECT_NE(r.body.find(shown), std::string::npos) << shown << "\n" << r.body;
  }
  const size_t table = r.body.find("<table id=\"mesh-MESH\">");
  ASSERT_NE(table, std::string::npos);
  for (const char* row : {"href=\"/lg/neighbor/10.100.0.11\"", "Established", "Active"}) {
    EXPECT_NE(r.body.find(row, table), std::string::npos) << row;
  }
  EXPECT_EQ(r.body.find("<b>"), std::string::npos);  // addresses are text too
}

TEST(LookingGlass, SummaryWithoutMeshHasNoMeshSection) {
  FakeBackend backend;  // Mesh() is Unimplemented
  EXPECT_EQ(LookingGlassSummary(backend).body.find("Mesh group"), std::string::npos);
}

TEST(LookingGlass, EvpnPageAsksTheRibQueryOfShowEvpn) {
  FakeBackend backend;
  RequestTarget t;
  t.params = {{"type", "2"}, {"rd", ""}, {"mac", "02:00:00:00:00:01"}, {"neighbor", "10.0.0.2"}};
  EXPECT_EQ(LookingGlassEvpn(backend, t).status, 200u);
  ASSERT_EQ(backend.rib_queries().size(), 1u);
  const RibQuery q = backend.rib_queries()[0];
  EXPECT_EQ(q.family, "evpn");
  EXPECT_EQ(q.evpn_type, 2);
  EXPECT_FALSE(q.rd);
  EXPECT_EQ(q.mac, "02:00:00:00:00:01");
  EXPECT_EQ(q.neighbor, "10.0.0.2");
  EXPECT_EQ(q.limit, kLookingGlassRows);
}

TEST(LookingGlass, EvpnPageRefusesABadType) {
  FakeBackend backend;
  RequestTarget t;
  t.params = {{"type", "300"}};
  ApiResponse r = LookingGlassEvpn(backend, t);
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("type must be an EVPN route type 1-255, not &#39;300&#39;"), std::string::npos) << r.body;
  EXPECT_TRUE(backend.rib_queries().empty());
}

}  // namespace
}  // namespace meshbgp::api
