// The park table over HTTP (issue 15 item 2): GET /api/v1/parks/table ranks the parks of the
// caller's scope by a measure of their members' cell, withholds small park cells like any cell,
// and a city sees only its own parks. Cell answers name their park.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/parks.h"
#include "core/uscc.h"
#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

std::string Code(int i) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "91410100MA%07d", i);
  return std::string(first17) + UsccCheckChar(first17);
}

// The test province of test_util.cpp (河南 2025-03: 甲 120, 乙 80, 丙 30 = 230) plus, in 3311,
// output value 2024-03 → 2025-03:
//   郑州 410102: P1 100 → 110, P2 100 → 120, P3 100 → 90 (park ZZA, national),
//                P4 50 → 60, P5 50 → 40 (park ZZB: two members), P6 500 → 500 (no park);
//   洛阳 410302: L1–L4 100 → 100 (park LYA).
// ZZA: 320 against 300 (+6.67 %); ZZB: 100 against 100, withheld (threshold); LYA: 400, 0 %.
class ParksApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    std::string ent = "uscc,name,region,industry,size\n";
    std::string obs = "uscc,period,indicator,value\n";
    const double before[] = {100, 100, 100, 50, 50, 500, 100, 100, 100, 100};
    const double now[] = {110, 120, 90, 60, 40, 500, 100, 100, 100, 100};
    for (int i = 0; i < 10; ++i) {
      ent += Code(i) + ",园区企业" + std::to_string(i) + "," + (i < 6 ? "410102" : "410302") +
             ",3311,medium\n";
      obs += Code(i) + ",2024-03,output_value," + std::to_string(before[i]) + "\n" + Code(i) +
             ",2025-03,output_value," + std::to_string(now[i]) + "\n";
    }
    auto& ws = server_->ws();
    ASSERT_EQ(ws.Import(ent, "pe.csv", "t")->status, ingest::ImportStatus::kImported);
    ASSERT_EQ(ws.Import(obs, "po.csv", "t")->status, ingest::ImportStatus::kImported);
    const app::Caller local = app::Caller::Local("t");
    ASSERT_TRUE(app::ImportParkFile(server_->app(), local, app::ParkImportKind::kParks,
                                    "code,name,level,region,area_mu,industrial_land_share,"
                                    "leading_industries\n"
                                    "ZZA,郑州甲园,national,410100,5000,0.6,33\n"
                                    "ZZB,郑州乙园,provincial,410100,800,0.5,33\n"
                                    "LYA,洛阳园,provincial,410300,3000,0.5,33\n",
                                    "parks.csv")
                    .ok());
    std::string members = "park,uscc,from\n";
    const char* park_of[] = {"ZZA", "ZZA", "ZZA", "ZZB", "ZZB", "", "LYA", "LYA", "LYA", "LYA"};
    for (int i = 0; i < 10; ++i) {
      if (*park_of[i] != '\0') members += std::string(park_of[i]) + "," + Code(i) + ",2020-01-01\n";
    }
    ASSERT_TRUE(app::ImportParkFile(server_->app(), local, app::ParkImportKind::kMembers, members,
                                    "members.csv")
                    .ok());
    for (const auto& [name, role, region] :
         {std::tuple{"root", "admin", "100000"}, std::tuple{"henan", "viewer", "410000"},
          std::tuple{"zhengzhou", "viewer", "410100"}}) {
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
TestServer* ParksApiTest::server_ = nullptr;

const std::string kTable = "/api/v1/parks/table?indicator=output_value&period=2025-03&";

TEST_F(ParksApiTest, ProvinceRanksItsParksAndWithholdsTheSmallOne) {
  auto [s, t] = Get("henan", kTable + "measures=value,yoy&region=410000");
  ASSERT_EQ(s, 200) << t.dump();
  EXPECT_EQ(t["measures"], Json({"value", "yoy"}));
  // The region's own cell: 230 + 920 + 400.
  EXPECT_NEAR(t["parent"]["values"]["value"].get<double>(), 1550, 1e-9);
  EXPECT_TRUE(t["parent"]["park"].is_null());
  ASSERT_EQ(t["rows"].size(), 3u);
  EXPECT_EQ(t["rows"][0]["code"], "LYA");
  EXPECT_EQ(t["rows"][0]["rank"], 1);
  EXPECT_NEAR(t["rows"][0]["values"]["value"].get<double>(), 400, 1e-9);
  EXPECT_NEAR(t["rows"][0]["values"]["yoy"].get<double>(), 0, 1e-9);
  EXPECT_EQ(t["rows"][0]["region"], "410300");
  EXPECT_EQ(t["rows"][1]["code"], "ZZA");
  EXPECT_EQ(t["rows"][1]["rank"], 2);
  EXPECT_EQ(t["rows"][1]["level"], "national");
  EXPECT_EQ(t["rows"][1]["n"], 3);
  EXPECT_NEAR(t["rows"][1]["values"]["value"].get<double>(), 320, 1e-9);
  EXPECT_NEAR(t["rows"][1]["values"]["yoy"].get<double>(), (320.0 / 300 - 1) * 100, 1e-9);
  // Two members: withheld, no figure and no rank, listed last.
  EXPECT_EQ(t["rows"][2]["code"], "ZZB");
  EXPECT_EQ(t["rows"][2]["suppressed"], "threshold");
  EXPECT_TRUE(t["rows"][2]["values"]["value"].is_null());
  EXPECT_TRUE(t["rows"][2]["rank"].is_null());
}

TEST_F(ParksApiTest, RankBySortMeasureAndOrder) {
  // By growth: ZZA +6.67 % before LYA 0 %.
  auto [s, t] = Get("henan", kTable + "measures=value,yoy&sort=yoy&region=410000");
  ASSERT_EQ(s, 200) << t.dump();
  EXPECT_EQ(t["rows"][0]["code"], "ZZA");
  EXPECT_EQ(t["rows"][0]["rank"], 1);
  EXPECT_EQ(t["rows"][1]["code"], "LYA");
  EXPECT_EQ(t["rows"][1]["rank"], 2);
  // Ascending by value: ZZA 320 first; limit keeps the first row only.
  auto [s2, asc] = Get("henan", kTable + "measures=value&order=asc&limit=1&region=410000");
  ASSERT_EQ(s2, 200) << asc.dump();
  ASSERT_EQ(asc["rows"].size(), 1u);
  EXPECT_EQ(asc["rows"][0]["code"], "ZZA");
  EXPECT_EQ(asc["rows"][0]["rank"], 1);
  // An administrator sees the small park's figure, marked, and ranked among all.
  auto [s3, root] = Get("root", kTable + "measures=value&region=410000");
  ASSERT_EQ(s3, 200) << root.dump();
  ASSERT_EQ(root["rows"].size(), 3u);
  EXPECT_EQ(root["rows"][2]["code"], "ZZB");
  EXPECT_NEAR(root["rows"][2]["values"]["value"].get<double>(), 100, 1e-9);
  EXPECT_EQ(root["rows"][2]["rank"], 3);
  EXPECT_TRUE(root["rows"][2]["suppressed"].is_null());
  EXPECT_EQ(root["rows"][2]["would_suppress"], "threshold");
  // sort must be a requested measure; park= has no place here.
  EXPECT_EQ(Get("henan", kTable + "measures=value&sort=yoy&region=410000").first, 400);
  EXPECT_EQ(Get("henan", kTable + "measures=value&park=ZZA&region=410000").first, 400);
}

TEST_F(ParksApiTest, ACitySeesOnlyItsParks) {
  auto [s, t] = Get("zhengzhou", kTable + "measures=value");
  ASSERT_EQ(s, 200) << t.dump();
  EXPECT_EQ(t["parent"]["region"]["code"], "410100");
  ASSERT_EQ(t["rows"].size(), 2u);
  EXPECT_EQ(t["rows"][0]["code"], "ZZA");
  EXPECT_EQ(t["rows"][1]["code"], "ZZB");
  for (const auto& row : t["rows"]) EXPECT_NE(row["code"], "LYA");
  // The province, or another city, is outside the scope.
  EXPECT_EQ(Get("zhengzhou", kTable + "measures=value&region=410000").first, 403);
  EXPECT_EQ(Get("zhengzhou", kTable + "measures=value&region=410300").first, 403);
}

TEST_F(ParksApiTest, CellAnswersNameTheirPark) {
  const std::string cell = "/api/v1/cell?indicator=output_value&period=2025-03&measure=value";
  auto [s, c] = Get("henan", cell + "&region=410000&park=ZZA");
  ASSERT_EQ(s, 200) << c.dump();
  EXPECT_EQ(c["park"], "ZZA");
  EXPECT_NEAR(c["value"].get<double>(), 320, 1e-9);
  auto [s2, all] = Get("henan", cell + "&region=410000");
  ASSERT_EQ(s2, 200);
  EXPECT_TRUE(all["park"].is_null());
}

}  // namespace
}  // namespace ballast::test
