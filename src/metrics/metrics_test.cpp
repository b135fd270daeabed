// The exposition against the Prometheus text format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/): HELP and TYPE lines, label
// values escaped (\\, \", \n), histogram buckets cumulative and ending in le="+Inf", _sum and
// _count. The expected lines are written out by hand.
#include "metrics/metrics.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace ballast::metrics {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

TEST(MetricsTest, RequestCounterAndHistogramLines) {
  Metrics m;
  m.ObserveRequest("/api/v1/enterprises/{uscc}", "GET", 200, 0.003);
  m.ObserveRequest("/api/v1/enterprises/{uscc}", "GET", 200, 0.030);
  m.ObserveRequest("/api/v1/enterprises/{uscc}", "GET", 404, 0.0005);
  const std::string t = m.Render();
  EXPECT_TRUE(HasLine(t, "# TYPE ballast_http_requests_total counter")) << t;
  EXPECT_TRUE(HasLine(t,
                      "# HELP ballast_http_requests_total HTTP requests answered, by declared "
                      "route, method and status"));
  // Labels in name order; two 200s, one 404.
  EXPECT_TRUE(HasLine(
      t,
      R"(ballast_http_requests_total{method="GET",route="/api/v1/enterprises/{uscc}",status="200"} 2)"))
      << t;
  EXPECT_TRUE(HasLine(
      t,
      R"(ballast_http_requests_total{method="GET",route="/api/v1/enterprises/{uscc}",status="404"} 1)"));
  EXPECT_TRUE(HasLine(t, "# TYPE ballast_http_request_duration_seconds histogram"));
  // 0.0005 <= 0.001; 0.003 <= 0.005; 0.030 <= 0.05: cumulative 1, 1, 2, 2, 2, 3, ... 3.
  const std::string r = R"(route="/api/v1/enterprises/{uscc}")";
  EXPECT_TRUE(HasLine(t, "ballast_http_request_duration_seconds_bucket{" + r + R"(,le="0.001"} 1)"))
      << t;
  EXPECT_TRUE(
      HasLine(t, "ballast_http_request_duration_seconds_bucket{" + r + R"(,le="0.0025"} 1)"));
  EXPECT_TRUE(
      HasLine(t, "ballast_http_request_duration_seconds_bucket{" + r + R"(,le="0.005"} 2)"));
  EXPECT_TRUE(
      HasLine(t, "ballast_http_request_duration_seconds_bucket{" + r + R"(,le="0.025"} 2)"));
  EXPECT_TRUE(HasLine(t, "ballast_http_request_duration_seconds_bucket{" + r + R"(,le="0.05"} 3)"));
  EXPECT_TRUE(HasLine(t, "ballast_http_request_duration_seconds_bucket{" + r + R"(,le="+Inf"} 3)"));
  EXPECT_TRUE(HasLine(t, "ballast_http_request_duration_seconds_count{" + r + "} 3"));
  // 0.003 + 0.030 + 0.0005 = 0.0335
  const std::string sum_prefix = "ballast_http_request_duration_seconds_sum{" + r + "} ";
  const size_t at = t.find(sum_prefix);
  ASSERT_NE(at, std::string::npos) << t;
  EXPECT_NEAR(std::stod(t.substr(at + sum_prefix.size())), 0.0335, 1e-12);
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics m;
  m.ObserveRequest("a\"b\\c\nd", "GET", 200, 0.001);
  const std::string t = m.Render();
  EXPECT_TRUE(
      HasLine(t, R"(ballast_http_requests_total{method="GET",route="a\"b\\c\nd",status="200"} 1)"))
      << t;
}

TEST(MetricsTest, ImportsEvaluationsPanelAndMemory) {
  Metrics m;
  m.ObserveImport("imported", 1200, 2.0);
  m.ObserveImport("rejected", 30, 0.2);
  m.ObserveEvaluation(0.3);
  m.SetPanel(500, 6000);
  const std::string t = m.Render();
  EXPECT_TRUE(HasLine(t, R"(ballast_import_batches_total{outcome="imported"} 1)")) << t;
  EXPECT_TRUE(HasLine(t, R"(ballast_import_batches_total{outcome="rejected"} 1)"));
  EXPECT_TRUE(HasLine(t, "ballast_import_rows_total 1230"));
  EXPECT_TRUE(HasLine(t, "ballast_import_duration_seconds_count 2"));
  EXPECT_TRUE(HasLine(t, R"(ballast_import_duration_seconds_bucket{le="1"} 1)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_import_duration_seconds_bucket{le="2.5"} 2)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_warning_evaluation_duration_seconds_bucket{le="0.25"} 0)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_warning_evaluation_duration_seconds_bucket{le="0.5"} 1)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_panel_size{kind="enterprises"} 500)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_panel_size{kind="observations"} 6000)"));
  EXPECT_TRUE(HasLine(t, "# TYPE ballast_process_resident_memory_bytes gauge"));
  // No pool until a store with one reports it.
  EXPECT_EQ(t.find("ballast_store_connections"), std::string::npos);
  m.SetStorePool(3, 8);
  EXPECT_TRUE(HasLine(m.Render(), R"(ballast_store_connections{state="in_use"} 3)"));
}

TEST(MetricsTest, AnswersBySource) {
  Metrics m;
  m.CountAnswer(true);
  m.CountAnswer(true);
  m.CountAnswer(false);
  m.ObserveAnswersMadeAhead(5, 0.03);
  m.ObserveAnswersMadeAhead(0, 0.001);
  const std::string t = m.Render();
  EXPECT_TRUE(HasLine(t, R"(ballast_answers_total{source="kept"} 2)")) << t;
  EXPECT_TRUE(HasLine(t, R"(ballast_answers_total{source="made"} 1)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_answers_total{source="made_ahead"} 5)"));
  EXPECT_TRUE(HasLine(t, "ballast_answers_made_ahead_duration_seconds_count 2"));
  EXPECT_TRUE(HasLine(t, R"(ballast_answers_made_ahead_duration_seconds_bucket{le="0.01"} 1)"));
  EXPECT_TRUE(HasLine(t, R"(ballast_answers_made_ahead_duration_seconds_bucket{le="0.05"} 2)"));
}

TEST(MetricsTest, ResidentMemoryIsPlausible) {
  // A test binary with ASan holds more than a megabyte and less than a terabyte.
  const int64_t rss = ResidentBytes();
  EXPECT_GT(rss, int64_t{1} << 20);
  EXPECT_LT(rss, int64_t{1} << 40);
}

}  // namespace
}  // namespace ballast::metrics
