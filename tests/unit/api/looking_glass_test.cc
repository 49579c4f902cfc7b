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

}  // namespace
}  // namespace meshbgp::api
