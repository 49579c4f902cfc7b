// Routing without sockets: which request reaches which backend call, and
// how results and errors become status codes.
#include "bgpd/api/request_router.h"

#include <gtest/gtest.h>

#include "tests/unit/api/fake_backend.h"

namespace meshbgp::api {
namespace {

using boost::beast::http::verb;

TEST(HttpStatusFor, AbslCodes) {
  EXPECT_EQ(HttpStatusFor(absl::OkStatus()), 200u);
  EXPECT_EQ(HttpStatusFor(absl::NotFoundError("x")), 404u);
  EXPECT_EQ(HttpStatusFor(absl::InvalidArgumentError("x")), 400u);
  EXPECT_EQ(HttpStatusFor(absl::FailedPreconditionError("x")), 409u);
  EXPECT_EQ(HttpStatusFor(absl::InternalError("x")), 500u);
  EXPECT_EQ(HttpStatusFor(absl::UnavailableError("x")), 500u);
}

TEST(RouteRequest, StatusCodesByRoute) {
  testing::FakeBackend backend;
  struct Case {
    verb method;
    const char* target;
    bool read_only;
    unsigned status;
  };
  const Case cases[] = {
      {verb::get, "/v1/status", false, 200},
      {verb::head, "/v1/summary", true, 200},
      {verb::get, "/v1/neighbors/10.0.0.2", true, 200},
      {verb::get, "/v1/neighbors/10.9.9.9", false, 404},
      {verb::get, "/v1/rib?family=evpn", false, 200},
      {verb::get, "/v1/rib?family=bogus", false, 400},
      {verb::post, "/v1/neighbors/10.0.0.3/clear", false, 200},
      {verb::post, "/v1/neighbors/10.0.0.3/clear", true, 403},
      {verb::post, "/v1/reload", true, 403},
      {verb::put, "/v1/reload", false, 405},
      {verb::get, "/v1/neighbors/10.0.0.3/clear", false, 405},
      {verb::get, "/nope", false, 404},
      {verb::post, "/nope", true, 404},
      {verb::get, "relative", false, 400},
      {verb::get, "/healthz", true, 200},
      {verb::get, "/readyz", true, 200},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RouteRequest(backend, c.method, c.target, c.read_only).status, c.status)
        << boost::beast::http::to_string(c.method) << " " << c.target << (c.read_only ? " (tcp)" : "");
  }
  EXPECT_EQ(backend.actions(), std::vector<std::string>{"10.0.0.3 clear"});
  EXPECT_EQ(backend.reloads, 0);
}

TEST(RouteRequest, ErrorBodiesAreJson) {
  testing::FakeBackend backend;
  const auto r = RouteRequest(backend, verb::get, "/v1/neighbors/10.9.9.9", false);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(r.body), (nlohmann::json{{"error", "no neighbor 10.9.9.9"}}));
}

TEST(RouteRequest, PercentEncodedNeighborAddress) {
  testing::FakeBackend backend;
  const auto r = RouteRequest(backend, verb::get, "/v1/neighbors/10.0.0.2%00", false);
  EXPECT_EQ(r.status, 404);  // decoded, NUL included: not silently truncated
  EXPECT_EQ(RouteRequest(backend, verb::get, "/v1/neighbors/10%2E0.0.2", false).status, 200u);
}

}  // namespace
}  // namespace meshbgp::api
