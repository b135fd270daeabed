#include "api/request_log.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace ballast::api {
namespace {

TEST(RequestLogTest, SaneIds) {
  EXPECT_TRUE(IsSaneRequestId("a1b2-C3_d4.e5:f6"));
  EXPECT_TRUE(IsSaneRequestId(std::string(128, 'x')));
  EXPECT_FALSE(IsSaneRequestId(""));
  EXPECT_FALSE(IsSaneRequestId(std::string(129, 'x')));
  EXPECT_FALSE(IsSaneRequestId("id with space"));
  EXPECT_FALSE(IsSaneRequestId("id\r\nSet-Cookie: x"));
  EXPECT_FALSE(IsSaneRequestId("\"quoted\""));
}

TEST(RequestLogTest, GeneratedIdsAreHexAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewRequestId();
    ASSERT_EQ(id.size(), 32u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestLogTest, TrustedProxyIdIsKeptOthersReplaced) {
  OpenRequest("from-proxy-42", true);
  EXPECT_EQ(CurrentRequest().id, "from-proxy-42");
  OpenRequest("from-anyone", false);
  EXPECT_NE(CurrentRequest().id, "from-anyone");
  EXPECT_EQ(CurrentRequest().id.size(), 32u);
  OpenRequest("bad id\n", true);
  EXPECT_EQ(CurrentRequest().id.size(), 32u);
}

TEST(RequestLogTest, LineIsOneJsonObjectWithUtcTime) {
  LogRecord r;
  r.msg = "request";
  r.request_id = "abc";
  r.method = "GET";
  r.route = "/api/v1/enterprises/{uscc}";
  r.user = "张三\n\"x\"";
  r.client = "10.0.0.7";
  r.status = 200;
  r.duration_ms = 1.23456;
  // 2026-11-30T12:00:00Z = 1796040000 (20787 days since 1970-01-01, 12 h).
  const std::string line = LogLine(r, 20787LL * 86400 + 12 * 3600);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["time"], "2026-11-30T12:00:00Z");
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["msg"], "request");
  EXPECT_EQ(j["request_id"], "abc");
  EXPECT_EQ(j["route"], "/api/v1/enterprises/{uscc}");
  EXPECT_EQ(j["status"], 200);
  EXPECT_DOUBLE_EQ(j["duration_ms"].get<double>(), 1.235);
  EXPECT_EQ(j["user"], "张三\n\"x\"");
  EXPECT_EQ(line.rfind(R"({"time":)", 0), 0u);
}

TEST(RequestLogTest, AbsentFieldsAreLeftOutAndBadUtf8Survives) {
  LogRecord r;
  r.level = "error";
  r.msg = "bad \xff byte";
  auto j = nlohmann::json::parse(LogLine(r, 0));
  EXPECT_EQ(j["time"], "1970-01-01T00:00:00Z");
  EXPECT_FALSE(j.contains("status"));
  EXPECT_FALSE(j.contains("duration_ms"));
  EXPECT_FALSE(j.contains("user"));
  EXPECT_EQ(j["msg"], "bad \xef\xbf\xbd byte");
}

}  // namespace
}  // namespace ballast::api
