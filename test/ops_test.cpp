// Operations over HTTP: readiness, the Prometheus metrics (route patterns as labels, never raw
// paths), request ids and the JSON access log.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "api/server.h"
#include "app/ballast.h"
#include "test/test_server.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

bool HasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

class OpsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }
  static httplib::Client Client(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    return c;
  }
  static TestServer* server_;
};
TestServer* OpsTest::server_ = nullptr;

TEST_F(OpsTest, HealthAndReadyWithoutSession) {
  auto c = Client(server_->port());
  auto health = c.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto ready = c.Get("/api/v1/ready");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  Json j = Json::parse(ready->body);
  EXPECT_EQ(j["status"], "ready");
  // The fixture wrote two batches (enterprises, observations).
  EXPECT_EQ(j["through_batch"], 2);
}

TEST_F(OpsTest, MetricsCountRoutesByPattern) {
  auto c = Client(server_->port());
  // An enterprise route without a session (401), an unknown API path (404), a ready probe.
  ASSERT_TRUE(c.Get("/api/v1/enterprises/91410100MA0000000X"));
  ASSERT_TRUE(c.Get("/api/v1/no-such-route/12345"));
  ASSERT_TRUE(c.Get("/api/v1/ready"));
  // The logger runs after the answer is written: give the worker a moment.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto m = c.Get("/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 200);
  EXPECT_EQ(m->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& t = m->body;
  EXPECT_TRUE(HasLine(t, "# TYPE ballast_http_requests_total counter")) << t;
  EXPECT_NE(
      t.find(
          R"(ballast_http_requests_total{method="GET",route="/api/v1/enterprises/{uscc}",status="401"} )"),
      std::string::npos)
      << t;
  EXPECT_NE(t.find(R"(ballast_http_requests_total{method="GET",route="other",status="404"} )"),
            std::string::npos);
  EXPECT_NE(
      t.find(R"(ballast_http_requests_total{method="GET",route="/api/v1/ready",status="200"} )"),
      std::string::npos);
  EXPECT_NE(
      t.find(R"(ballast_http_request_duration_seconds_bucket{route="/api/v1/ready",le="+Inf"} )"),
      std::string::npos);
  // Raw paths never become labels.
  EXPECT_EQ(t.find("91410100MA0000000X"), std::string::npos);
  EXPECT_EQ(t.find("no-such-route"), std::string::npos);
  // The panel's size as the fixture built it.
  auto snap = server_->ws().GetSnapshot();
  ASSERT_TRUE(snap.ok());
  EXPECT_TRUE(HasLine(t, R"(ballast_panel_size{kind="enterprises"} )" +
                             std::to_string((*snap)->panel->num_enterprises())))
      << t;
  EXPECT_NE(t.find("ballast_process_resident_memory_bytes "), std::string::npos);
}

TEST_F(OpsTest, ImportsAreCounted) {
  // The fixture's file again: an unchanged import, counted with its rows.
  auto r = server_->app().Import(app::Caller::Local("ops"), kObservationsCsv, "o.csv");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->outcome.status, ingest::ImportStatus::kUnchanged);
  auto c = Client(server_->port());
  auto m = c.Get("/metrics");
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasLine(m->body, R"(ballast_import_batches_total{outcome="unchanged"} 1)"))
      << m->body;
  EXPECT_TRUE(
      HasLine(m->body, "ballast_import_rows_total " + std::to_string(r->outcome.report.rows)));
}

TEST_F(OpsTest, RequestIdFromTrustedProxyOnlyAndLoggedAsJson) {
  // A second server on the same store that trusts the loopback as its proxy.
  api::ServeOptions o;
  o.port = 0;
  o.threads = 2;
  o.trusted_proxies = "127.0.0.1/32";
  api::Server proxied(server_->app(), o);
  auto port = proxied.Bind();
  ASSERT_TRUE(port.ok());
  std::thread run([&] { (void)proxied.Run(); });

  ASSERT_TRUE(server_->ws()
                  .auth()
                  .AddUser({"opsuser", "ops-password-1", "viewer", "410000", "", ""}, "t")
                  .ok());
  auto session = server_->ws().auth().Login("opsuser", "ops-password-1", "t");
  ASSERT_TRUE(session.ok());

  ::testing::internal::CaptureStderr();
  auto c = Client(*port);
  c.set_bearer_token_auth(session->token.c_str());
  auto res = c.Get("/api/v1/session", {{"X-Request-Id", "proxy-id-123"}});
  // Not trusted: the id is replaced.
  auto plain = Client(server_->port()).Get("/api/v1/health", {{"X-Request-Id", "forged-id"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string err = ::testing::internal::GetCapturedStderr();
  proxied.Stop();
  run.join();

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("X-Request-Id"), "proxy-id-123");
  ASSERT_TRUE(plain);
  const std::string generated = plain->get_header_value("X-Request-Id");
  EXPECT_EQ(generated.size(), 32u);
  EXPECT_NE(generated, "forged-id");

  // The access log line of the proxied request: one JSON object naming the route and the user.
  bool found = false;
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("request_id") || j["request_id"] != "proxy-id-123")
      continue;
    found = true;
    EXPECT_EQ(j["msg"], "request");
    EXPECT_EQ(j["level"], "info");
    EXPECT_EQ(j["route"], "/api/v1/session");
    EXPECT_EQ(j["method"], "GET");
    EXPECT_EQ(j["status"], 200);
    EXPECT_EQ(j["user"], "opsuser");
    EXPECT_TRUE(j["duration_ms"].is_number());
    EXPECT_EQ(j["time"].get<std::string>().back(), 'Z');
  }
  EXPECT_TRUE(found) << err;
  // Never the session token or the CSRF token in the log.
  EXPECT_EQ(err.find(session->token), std::string::npos);
  EXPECT_EQ(err.find(session->csrf_token), std::string::npos);
}

}  // namespace
}  // namespace ballast::test
