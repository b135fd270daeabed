// The header-level guards of the server: JSON depth, ranges, trusted proxies, body limits and
// the request-head parser of the connection gate.
#include <gtest/gtest.h>

#include "api/http_util.h"

#include <string>

#include "api/body_limits.h"
#include "api/connection_gate.h"
#include "api/json_codec.h"
#include "api/json_depth.h"
#include "api/json_service.h"
#include "api/json_warn.h"
#include "api/range_guard.h"
#include "api/trusted_proxy.h"

namespace ballast::api {
namespace {

TEST(JsonDepthTest, RefusesNestingBeyondTheLimit) {
  EXPECT_TRUE(CheckJsonDepth(std::string(64, '[') + std::string(64, ']')).ok());
  Status deep = CheckJsonDepth(std::string(65, '[') + std::string(65, ']'));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(deep.message().find("64"), std::string::npos);
  // Depth is nesting, not a count of brackets: 1000 siblings at depth 2.
  std::string wide = "[";
  for (int i = 0; i < 1000; ++i) wide += i ? ",{}" : "{}";
  EXPECT_TRUE(CheckJsonDepth(wide + "]").ok());
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_TRUE(CheckJsonDepth(R"({"a":")" + std::string(100, '[') + R"(\"[[[["})").ok());
  EXPECT_FALSE(CheckJsonDepth(R"({"a":"\\")" + std::string(100, '[')).ok());
  EXPECT_TRUE(CheckJsonDepth(std::string(3, '{'), 3).ok());
  EXPECT_FALSE(CheckJsonDepth(std::string(4, '{'), 3).ok());
}

// Every parser of a request body refuses deep nesting itself too (HTTPS bypasses the gate).
TEST(JsonDepthTest, EveryBodyParserChecksTheDepth) {
  const std::string deep = "{\"a\":" + std::string(10000, '[');
  auto refused = [](const Status& s) {
    return s.code() == StatusCode::kInvalidArgument &&
           s.message().find("deeper than 64") != std::string::npos;
  };
  EXPECT_TRUE(refused(ParseLoginJson(deep).status()));
  EXPECT_TRUE(refused(ParseUserJson(deep).status()));
  EXPECT_TRUE(refused(ParseWarnBody(deep).status()));
  EXPECT_TRUE(refused(ParseServiceBody(deep).status()));
  EXPECT_TRUE(ParseLoginJson(R"({"username":"a","password":"b"})").ok());
}

TEST(RangeGuardTest, AllowsFewOrderedRangesOnly) {
  EXPECT_TRUE(RangeIsSafe("bytes=0-"));
  EXPECT_TRUE(RangeIsSafe("bytes=-500"));
  EXPECT_TRUE(RangeIsSafe("bytes=0-9, 20-29,30-39"));
  EXPECT_TRUE(RangeIsSafe("bytes=0-0,1-1,2-2,3-3"));
  EXPECT_FALSE(RangeIsSafe("bytes=0-0,1-1,2-2,3-3,4-4"));  // more than kMaxRanges
  EXPECT_FALSE(RangeIsSafe("bytes=0-,0-"));
  EXPECT_FALSE(RangeIsSafe("bytes=0-9,5-20"));   // overlap
  EXPECT_FALSE(RangeIsSafe("bytes=20-29,0-9"));  // out of order
  EXPECT_FALSE(RangeIsSafe("bytes=0-9,-100"));   // a suffix may overlap
  EXPECT_FALSE(RangeIsSafe("bytes=9-0,10-20"));  // backwards
  std::string many = "bytes=0-";
  for (int i = 0; i < 2000; ++i) many += ",0-";
  EXPECT_FALSE(RangeIsSafe(many));
}

TEST(TrustedProxyTest, ParsesAndMatchesCidrs) {
  auto t = TrustedProxies::Parse("10.0.0.0/8, 192.168.1.7,::1,fd00::/8");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->Contains("10.200.3.4"));
  EXPECT_FALSE(t->Contains("11.0.0.1"));
  EXPECT_TRUE(t->Contains("192.168.1.7"));
  EXPECT_FALSE(t->Contains("192.168.1.8"));
  EXPECT_TRUE(t->Contains("::1"));
  EXPECT_TRUE(t->Contains("fd12::5"));
  EXPECT_FALSE(t->Contains("fe80::1"));
  EXPECT_TRUE(t->Contains("::ffff:10.1.1.1"));  // IPv4-mapped
  EXPECT_FALSE(t->Contains("not an address"));
  auto odd = TrustedProxies::Parse("10.0.0.0/12");
  ASSERT_TRUE(odd.ok());
  EXPECT_TRUE(odd->Contains("10.15.255.255"));
  EXPECT_FALSE(odd->Contains("10.16.0.0"));
  EXPECT_TRUE(TrustedProxies::Parse("").ok());
  EXPECT_TRUE(TrustedProxies::Parse("")->empty());
  EXPECT_FALSE(TrustedProxies::Parse("10.0.0.0/33").ok());
  EXPECT_FALSE(TrustedProxies::Parse("::1/129").ok());
  EXPECT_FALSE(TrustedProxies::Parse("example.com").ok());
  EXPECT_FALSE(TrustedProxies::Parse("10.0.0.0/x").ok());
}

TEST(TrustedProxyTest, TakesTheRightMostUntrustedForwardedAddress) {
  auto t = TrustedProxies::Parse("10.0.0.0/8");
  ASSERT_TRUE(t.ok());
  // An untrusted peer: its header is ignored.
  EXPECT_EQ(t->ClientAddress("203.0.113.9", {"1.2.3.4"}), "203.0.113.9");
  // A trusted peer: the right-most entry that is not a proxy of ours.
  EXPECT_EQ(t->ClientAddress("10.0.0.1", {"1.2.3.4"}), "1.2.3.4");
  EXPECT_EQ(t->ClientAddress("10.0.0.1", {"6.6.6.6, 1.2.3.4, 10.9.9.9"}), "1.2.3.4");
  EXPECT_EQ(t->ClientAddress("10.0.0.1", {"6.6.6.6", "1.2.3.4,10.9.9.9"}), "1.2.3.4");
  // No header, or only proxies: the last proxy seen.
  EXPECT_EQ(t->ClientAddress("10.0.0.1", {}), "10.0.0.1");
  EXPECT_EQ(t->ClientAddress("10.0.0.1", {"10.0.0.2, 10.0.0.3"}), "10.0.0.2");
  // Garbage stops the walk at the hop after it.
  EXPECT_EQ(t->ClientAddress("10.0.0.1", {"1.2.3.4, garbage, 10.0.0.3"}), "10.0.0.3");
  EXPECT_EQ(TrustedProxies().ClientAddress("10.0.0.1", {"1.2.3.4"}), "10.0.0.1");
}

TEST(BodyLimitsTest, UploadsLargeJsonSmall) {
  const size_t upload = size_t{256} << 20;
  EXPECT_EQ(MaxBodyFor("POST", "/api/v1/imports", upload), upload);
  EXPECT_EQ(MaxBodyFor("POST", "/api/v1/commodities", upload), upload);
  EXPECT_EQ(MaxBodyFor("POST", "/api/v1/users", upload), kJsonBodyLimit);
  EXPECT_EQ(MaxBodyFor("GET", "/api/v1/imports", upload), kJsonBodyLimit);
  EXPECT_EQ(MaxBodyFor("POST", "/api/v1/users", 1000), 1000u);  // never above the upload limit
  EXPECT_TRUE(NeedsSession("POST", "/api/v1/users"));
  EXPECT_TRUE(NeedsSession("POST", "/api/v1/imports"));
  EXPECT_FALSE(NeedsSession("POST", "/api/v1/session"));  // login
  EXPECT_FALSE(NeedsSession("GET", "/api/v1/health"));
  EXPECT_FALSE(NeedsSession("GET", "/index.html"));
}

TEST(RequestHeadTest, ParsesTheRequestLineAndHeaders) {
  auto h = ParseRequestHead(
      "POST /api/v1/%75sers?x=1 HTTP/1.1\r\nHost: a\r\ncontent-length: 12\r\nX-A:  b \r\n\r\n");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->method, "POST");
  EXPECT_EQ(h->path, "/api/v1/users");
  EXPECT_EQ(h->content_length, 12u);
  EXPECT_EQ(h->Header("x-a"), "b");
  EXPECT_FALSE(h->chunked);
  EXPECT_FALSE(ParseRequestHead("GET /\r\n\r\n"));
  EXPECT_FALSE(ParseRequestHead("GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n"));
  EXPECT_FALSE(ParseRequestHead("GET / HTTP/1.1\r\nno colon\r\n\r\n"));
  auto chunked = ParseRequestHead("POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n");
  ASSERT_TRUE(chunked);
  EXPECT_TRUE(chunked->chunked);
}

TEST(WithoutBrotliTest, DropsBrAndKeepsTheRest) {
  EXPECT_EQ(WithoutBrotli("gzip, deflate, br"), "gzip, deflate");
  EXPECT_EQ(WithoutBrotli("br;q=1.0, gzip;q=0.8"), "gzip;q=0.8");
  EXPECT_EQ(WithoutBrotli("br"), "");
  EXPECT_EQ(WithoutBrotli("gzip, deflate, br, zstd"), "gzip, deflate, zstd");
  EXPECT_EQ(WithoutBrotli("identity"), "identity");
}

}  // namespace
}  // namespace ballast::api
