// Region series over HTTP: POST /api/v1/region-series, the figures in the analysis routes, and
// the import's scope tried as an attacker would (a 郑州 importer writing its parent, a
// neighbour, the country, or hiding a foreign row among its own).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test/test_server.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

constexpr const char* kHeader = "region,period,indicator,value,ytd,yoy,ytd_yoy\n";

class RegionSeriesApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    auto& auth = server_->ws().auth();
    ASSERT_TRUE(auth.AddUser({"root", "root-password-1", "admin", "100000", "", ""}, "test").ok());
    ASSERT_TRUE(auth.AddUser({"zz", "zz-password-12", "analyst", "410100", "", ""}, "test").ok());
    ASSERT_TRUE(auth.AddUser({"view", "view-password-1", "viewer", "410100", "", ""}, "test").ok());
    root_ = auth.Login("root", "root-password-1", "test")->token;
    zz_ = auth.Login("zz", "zz-password-12", "test")->token;
    viewer_ = auth.Login("view", "view-password-1", "test")->token;
  }
  static void TearDownTestSuite() { delete server_; }

  static httplib::Client Client(const std::string& token) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    c.set_bearer_token_auth(token.c_str());
    return c;
  }
  static std::pair<int, Json> Post(const std::string& token, const std::string& csv,
                                   const std::string& name = "rs.csv") {
    auto c = Client(token);
    httplib::MultipartFormDataItems items = {{"file", csv, name, "text/csv"}};
    auto res = c.Post("/api/v1/region-series", items);
    EXPECT_TRUE(res);
    if (!res) return {0, Json()};
    return {res->status, Json::parse(res->body, nullptr, false)};
  }
  static std::pair<int, Json> Get(const std::string& token, const std::string& path) {
    auto c = Client(token);
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res);
    if (!res) return {0, Json()};
    return {res->status, Json::parse(res->body, nullptr, false)};
  }

  static TestServer* server_;
  static std::string root_, zz_, viewer_;
};
TestServer* RegionSeriesApiTest::server_ = nullptr;
std::string RegionSeriesApiTest::root_, RegionSeriesApiTest::zz_, RegionSeriesApiTest::viewer_;

TEST_F(RegionSeriesApiTest, ImportAndReadThroughTheAnalysisRoutes) {
  auto [s, body] = Post(root_, std::string(kHeader) +
                                   "410100,2025-03,industrial_investment,,800,,10\n"
                                   "419001,2025-03,industrial_investment,,300,,12.5\n");
  ASSERT_EQ(s, 201) << body.dump();
  EXPECT_EQ(body["batch"]["rows"], 2);
  auto [s1, cell] = Get(
      root_,
      "/api/v1/cell?indicator=industrial_investment&measure=ytd_yoy&period=2025-03&region=419001");
  ASSERT_EQ(s1, 200) << cell.dump();
  EXPECT_EQ(cell["value"], 12.5);
  auto [s2, ranking] =
      Get(root_,
          "/api/v1/"
          "rankings?indicator=industrial_investment&measure=ytd_yoy&period=2025-03&region=410000");
  ASSERT_EQ(s2, 200) << ranking.dump();
  ASSERT_GE(ranking["rows"].size(), 2u);
  EXPECT_EQ(ranking["rows"][0]["code"], "419001");
  EXPECT_EQ(ranking["rows"][0]["rank"], 1);
  EXPECT_EQ(ranking["rows"][1]["code"], "410100");
  // Henan published none; investment is not additive: null, never a sum or nan.
  auto [s3, table] = Get(
      root_,
      "/api/v1/"
      "table?indicator=industrial_investment&measures=ytd&period=2025-03&region=410000&dim=region");
  ASSERT_EQ(s3, 200) << table.dump();
  EXPECT_TRUE(table["parent"]["values"]["ytd"].is_null()) << table["parent"].dump();
  auto [s4, inds] = Get(root_, "/api/v1/catalog/indicators");
  bool listed = false;
  for (const auto& i : inds)
    listed |= i["code"] == "gdp" && i["kind"] == "region" && i["additive"] == false;
  EXPECT_TRUE(listed);
}

TEST_F(RegionSeriesApiTest, ImportsXlsxAlike) {
  const std::string xlsx =
      MakeXlsx({{"region", "period", "indicator", "value", "ytd", "yoy", "ytd_yoy"},
                {"410100", "2025-01", "grid_electricity", "52.5", "", "", ""},
                {"410100", "2024-01", "grid_electricity", "50", "", "", ""}});
  auto [s, body] = Post(root_, xlsx, "rs.xlsx");
  ASSERT_EQ(s, 201) << body.dump();
  EXPECT_EQ(body["report"]["format"], "xlsx");
  // 52.5 / 50 − 1 = 5 %, from the levels.
  auto [s1, cell] = Get(
      root_, "/api/v1/cell?indicator=grid_electricity&measure=yoy&period=2025-01&region=410100");
  ASSERT_EQ(s1, 200) << cell.dump();
  EXPECT_DOUBLE_EQ(cell["value"].get<double>(), (52.5 / 50 - 1) * 100);
}

TEST_F(RegionSeriesApiTest, ScopedImporterCannotWriteOutsideItsSubtree) {
  ASSERT_EQ(
      Post(root_, std::string(kHeader) + "410000,2025-02,gdp,60000,,,\n419001,2025-02,gdp,700,,,\n")
          .first,
      201);
  for (const char* target : {"410000", "419001", "100000", "410300"}) {
    auto [s, body] = Post(
        zz_, std::string(kHeader) + "410100,2025-02,gdp,1,,,\n" + target + ",2025-02,gdp,1,,,\n");
    EXPECT_EQ(s, 422) << target << " " << body.dump();
    EXPECT_NE(body.dump().find("outside your scope"), std::string::npos) << body.dump();
  }
  // The figures of the parent and the neighbour are untouched, and so is 410100 (the file is one
  // unit).
  auto [s1, henan] =
      Get(root_, "/api/v1/cell?indicator=gdp&measure=value&period=2025-02&region=410000");
  EXPECT_EQ(henan["value"], 60000);
  auto [s2, jiyuan] =
      Get(root_, "/api/v1/cell?indicator=gdp&measure=value&period=2025-02&region=419001");
  EXPECT_EQ(jiyuan["value"], 700);
  auto [s3, zz] =
      Get(root_, "/api/v1/cell?indicator=gdp&measure=value&period=2025-02&region=410100");
  EXPECT_TRUE(zz["value"].is_null());
  // Its own subtree is fine.
  EXPECT_EQ(Post(zz_, std::string(kHeader) + "410102,2025-02,gdp,90,90,,\n").first, 201);
  // A viewer may not import; and reading outside the scope is refused, published or not.
  EXPECT_EQ(Post(viewer_, std::string(kHeader) + "410100,2025-02,gdp,1,,,\n").first, 403);
  EXPECT_EQ(
      Get(viewer_, "/api/v1/cell?indicator=gdp&measure=value&period=2025-02&region=419001").first,
      403);
  auto [s4, own] =
      Get(viewer_, "/api/v1/cell?indicator=gdp&measure=value&period=2025-02&region=410102");
  EXPECT_EQ(s4, 200);
  EXPECT_EQ(own["value"], 90);  // public aggregate: not withheld for n = 0
  // 制造业增加值占GDP比重: the GDP as published, inside the scope only.
  auto [s5, share] = Get(zz_, "/api/v1/region-series/mfg-share?region=410102&period=2025-02");
  ASSERT_EQ(s5, 200) << share.dump();
  EXPECT_EQ(share["gdp"], 90);
  EXPECT_EQ(Get(zz_, "/api/v1/region-series/mfg-share?region=419001&period=2025-02").first, 403);
}

}  // namespace
}  // namespace ballast::test
