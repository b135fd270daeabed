// Groups and tag filters through the HTTP API (issue #12 item 5): tag= filters the cell, a tag
// cell of one or two enterprises is suppressed like any small cell, and a region group is no way
// round a user's scope.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/uscc.h"
#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

std::string Code(int i) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "91420100MA%07d", i);
  return std::string(first17) + UsccCheckChar(first17);
}

// The test province of test_util.cpp (郑州: 甲 3311 专精特新 100 → 120, 乙 1311 100 → 80; 济源:
// 丙 3311 链主 30, prior 20) plus 开封 410202: 5 firms in 3311, 100 → 100, the first 外资; and
// 武汉 420102: 3 firms in 3311, 50 → 50.
class GroupsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    std::string ent = "uscc,name,region,industry,size,tags\n";
    std::string obs = "uscc,period,indicator,value\n";
    for (int i = 1; i <= 8; ++i) {
      const bool kaifeng = i <= 5;
      ent += Code(i) + ",企业" + std::to_string(i) + "," + (kaifeng ? "410202" : "420102") +
             ",3311,small," + (i == 1 ? "外资" : "") + "\n";
      const std::string v = kaifeng ? "100" : "50";
      obs += Code(i) + ",2024-03,output_value," + v + "\n" + Code(i) + ",2025-03,output_value," +
             v + "\n";
    }
    auto& ws = server_->ws();
    ASSERT_EQ(ws.Import(ent, "e2.csv", "t")->status, ingest::ImportStatus::kImported);
    ASSERT_EQ(ws.Import(obs, "o2.csv", "t")->status, ingest::ImportStatus::kImported);
    for (const auto& [name, role, region] :
         {std::tuple{"root", "admin", "100000"}, std::tuple{"nation", "viewer", "100000"},
          std::tuple{"henan", "viewer", "410000"}, std::tuple{"zhengzhou", "viewer", "410100"}}) {
      ASSERT_TRUE(
          ws.auth()
              .AddUser({name, std::string(name) + "-password-1", role, region, "", ""}, "test")
              .ok());
    }
  }
  static void TearDownTestSuite() { delete server_; }

  std::pair<int, Json> Get(const std::string& user, const std::string& path) {
    const std::string token = server_->ws().auth().Login(user, user + "-password-1", "test")->token;
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    c.set_bearer_token_auth(token.c_str());
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {0, Json()};
    Json j = Json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << res->body;
    return {res->status, j};
  }

  static TestServer* server_;
};
TestServer* GroupsApiTest::server_ = nullptr;

const std::string kCell = "/api/v1/cell?indicator=output_value&period=2025-03&";

TEST_F(GroupsApiTest, TagFiltersTheCell) {
  // Without the filter 河南 holds 120 + 80 + 30 + 500 = 730; 专精特新 is 甲 alone.
  auto [s, all] = Get("root", kCell + "measure=value&region=410000");
  ASSERT_EQ(s, 200);
  EXPECT_NEAR(all["value"].get<double>(), 730, 1e-9);
  auto [s1, one] = Get("root", kCell + "measure=value&region=410000&tag=专精特新");
  ASSERT_EQ(s1, 200) << one.dump();
  EXPECT_NEAR(one["value"].get<double>(), 120, 1e-9);
  EXPECT_EQ(one["n"], 1);
  EXPECT_EQ(one["would_suppress"], "threshold");  // an analyst sees it, marked
  // Any of several tags, repeated or comma-separated: 甲 + 丙 (链主) + the 外资 firm of 开封.
  for (const std::string q : {"tag=专精特新&tag=链主&tag=外资", "tag=专精特新,链主,外资"}) {
    auto [s2, three] = Get("root", kCell + "measures=value,yoy&region=410000&" + q);
    ASSERT_EQ(s2, 200) << three.dump();
    EXPECT_NEAR(three["values"]["value"].get<double>(), 120 + 30 + 100, 1e-9) << q;
    // Same sample: 甲 100 → 120, 丙 20 → 30, 外资 100 → 100.
    EXPECT_NEAR(three["values"]["yoy"].get<double>(), (250.0 / 220 - 1) * 100, 1e-9) << q;
  }
  // The parent of share is filtered alike: 郑州's 专精特新 against 河南's 专精特新 = 100 %.
  auto [s3, share] = Get("root", kCell + "measure=share&region=410100&of=region&tag=专精特新");
  ASSERT_EQ(s3, 200);
  EXPECT_NEAR(share["value"].get<double>(), 100, 1e-9);
}

TEST_F(GroupsApiTest, SmallTagCellIsSuppressedLikeAnySmallCell) {
  auto [s, cell] = Get("henan", kCell + "measures=value,yoy,share&region=410000&tag=专精特新");
  ASSERT_EQ(s, 200) << cell.dump();
  EXPECT_EQ(cell["suppressed"], "threshold");
  EXPECT_TRUE(cell["values"]["value"].is_null());
  EXPECT_TRUE(cell["values"]["yoy"].is_null());
  EXPECT_TRUE(cell["values"]["share"].is_null());
  // Two enterprises (专精特新 or 链主) are still too few.
  auto [s2, two] = Get("henan", kCell + "measure=value&region=410000&tag=专精特新,链主");
  ASSERT_EQ(s2, 200);
  EXPECT_EQ(two["suppressed"], "threshold");
  EXPECT_TRUE(two["value"].is_null());
  // In a table of tag cells the small ones go too.
  auto [s3, table] =
      Get("henan",
          "/api/v1/table?indicator=output_value&period=2025-03&measures=value&region=410000"
          "&dim=region&tag=专精特新");
  ASSERT_EQ(s3, 200);
  for (const auto& row : table["rows"]) {
    if (row["code"] == "410100") {
      EXPECT_TRUE(row["values"]["value"].is_null()) << row.dump();
    }
  }
}

TEST_F(GroupsApiTest, RegionGroupIsNoWayRoundTheScope) {
  // 郑州's viewer may not read 开封, nor 开封 through 中部地区.
  EXPECT_EQ(Get("zhengzhou", kCell + "measure=value&region=410200").first, 403);
  EXPECT_EQ(Get("zhengzhou", kCell + "measure=value&region=@central").first, 403);
  EXPECT_EQ(Get("zhengzhou",
                "/api/v1/table?indicator=output_value&period=2025-03&measures=value&region=@central"
                "&dim=region")
                .first,
            403);
  EXPECT_EQ(
      Get("zhengzhou",
          "/api/v1/rankings?indicator=output_value&period=2025-03&measure=value&region=@central")
          .first,
      403);
  // Nor may 河南's: 中部地区 holds 湖北.
  EXPECT_EQ(Get("henan", kCell + "measure=value&region=@central").first, 403);
  // An industry group stays inside the caller's region: 郑州's 装备制造业 is 甲 alone, suppressed.
  auto [s, equip] = Get("zhengzhou", kCell + "measure=value&region=410100&industry=@equipment");
  ASSERT_EQ(s, 200) << equip.dump();
  EXPECT_EQ(equip["industry"]["code"], "@equipment");
  EXPECT_EQ(equip["suppressed"], "threshold");
  // The whole country's viewer reads 中部地区: 河南 730 + 湖北 150, all of the country's figures.
  auto [s2, central] = Get("nation", kCell + "measures=value,share&region=@central&of=region");
  ASSERT_EQ(s2, 200) << central.dump();
  EXPECT_EQ(central["region"]["code"], "@central");
  EXPECT_EQ(central["region"]["name"], "中部地区");
  EXPECT_NEAR(central["values"]["value"].get<double>(), 880, 1e-9);
  EXPECT_NEAR(central["values"]["share"].get<double>(), 100, 1e-9);
  // Its table lists the six provinces.
  auto [s3, t] =
      Get("nation",
          "/api/v1/table?indicator=output_value&period=2025-03&measures=value&region=@central"
          "&dim=region");
  ASSERT_EQ(s3, 200) << t.dump();
  EXPECT_EQ(t["rows"].size(), 6u);
  // Unknown groups are a clear 400.
  auto [s4, bad] = Get("nation", kCell + "measure=value&industry=@nosuch");
  EXPECT_EQ(s4, 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("@hightech"), std::string::npos)
      << bad.dump();
}

}  // namespace
}  // namespace ballast::test
