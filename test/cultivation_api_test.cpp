// The cultivation routes over HTTP (issue 15 item 3): a city imports its pool and revenue and
// reads its candidates; another city sees none of them and cannot write them; viewers read the
// aggregates only; enterprise users nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/uscc.h"
#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

std::string Uscc(const std::string& first17) { return first17 + UsccCheckChar(first17); }

const std::string kP1 = Uscc("91410102000000005");
const std::string kP2 = Uscc("91410302000000007");

class CultivationApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& auth = server_.ws().auth();
    ASSERT_TRUE(auth.AddUser({"zz", "password-zz", "analyst", "410100", "", ""}, "test").ok());
    ASSERT_TRUE(auth.AddUser({"ly", "password-ly", "analyst", "410300", "", ""}, "test").ok());
    ASSERT_TRUE(auth.AddUser({"zzv", "password-zzv", "viewer", "410100", "", ""}, "test").ok());
    ASSERT_TRUE(
        auth.AddUser({"ent", "password-ent", "enterprise", "410100", "", kP1}, "test").ok());
  }
  httplib::Client As(const std::string& user) {
    httplib::Client c("127.0.0.1", server_.port());
    auto s = server_.ws().auth().Login(user, "password-" + user, "test");
    EXPECT_TRUE(s.ok());
    c.set_bearer_token_auth(s->token.c_str());
    return c;
  }
  httplib::Result Import(httplib::Client& c, const std::string& kind, const std::string& csv,
                         const std::string& name) {
    httplib::MultipartFormDataItems items = {{"file", csv, name, "text/csv"}};
    return c.Post(("/api/v1/cultivation/import?kind=" + kind).c_str(), items);
  }
  TestServer server_;
};

TEST_F(CultivationApiTest, PoolAndCandidatesScopedByCity) {
  auto zz = As("zz");
  auto ly = As("ly");
  auto pool = Import(zz, "pool",
                     "统一社会信用代码,企业名称,所在地区,行业代码,入库时间\n" + kP1 +
                         ",郑州小微,410102,3311,2024-01\n",
                     "pool.csv");
  ASSERT_TRUE(pool);
  ASSERT_EQ(pool->status, 201) << pool->body;
  EXPECT_EQ(Json::parse(pool->body)["rows"], 1);
  ASSERT_EQ(Import(ly, "pool",
                   "uscc,name,region,industry,joined\n" + kP2 + ",洛阳小微,410302,3311,2024-01\n",
                   "lp.csv")
                ->status,
            201);
  // 12 × 100 after 12 × 80: 1,200 a year, +25 %, 28 months to 2,000 (docs/cultivation.md).
  std::string rev = "uscc,period,营业收入（万元）\n";
  for (int m = 1; m <= 12; ++m) {
    const std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
    rev += kP1 + ",2024-" + mm + ",80\n" + kP1 + ",2025-" + mm + ",100\n";
  }
  ASSERT_EQ(Import(zz, "revenue", rev, "rev.csv")->status, 201);
  auto cands = zz.Get("/api/v1/cultivation/candidates");
  ASSERT_TRUE(cands && cands->status == 200) << (cands ? cands->body : "");
  const Json c = Json::parse(cands->body);
  EXPECT_EQ(c["threshold"], 2000);
  ASSERT_EQ(c["rows"].size(), 1u);
  EXPECT_EQ(c["rows"][0]["uscc"], kP1);
  EXPECT_EQ(c["rows"][0]["run_rate"]["value"], 1200);
  EXPECT_EQ(c["rows"][0]["run_rate"]["basis"], "12m");
  EXPECT_EQ(c["rows"][0]["months_to_threshold"], 28);
  // 洛阳 sees its own member only, cannot read 郑州's pool, write revenue for it or take it over.
  const Json lyc = Json::parse(ly.Get("/api/v1/cultivation/pool")->body);
  ASSERT_EQ(lyc["rows"].size(), 1u);
  EXPECT_EQ(lyc["rows"][0]["uscc"], kP2);
  EXPECT_EQ(ly.Get("/api/v1/cultivation/pool?region=410100")->status, 403);
  auto steal = Import(ly, "revenue", "uscc,period,revenue\n" + kP1 + ",2026-01,1\n", "s.csv");
  EXPECT_EQ(steal->status, 400);
  EXPECT_NE(steal->body.find("s.csv:2: uscc:"), std::string::npos) << steal->body;
  auto move =
      Import(ly, "pool", "uscc,name,region,industry,joined\n" + kP1 + ",改,410302,3311,2024-01\n",
             "m.csv");
  EXPECT_EQ(move->status, 400);
  EXPECT_NE(move->body.find("already in another region's pool"), std::string::npos);
  EXPECT_EQ(Json::parse(zz.Get("/api/v1/cultivation/pool")->body)["rows"][0]["name"], "郑州小微");
  // A viewer reads the aggregates, not the rows; an enterprise user neither.
  auto zzv = As("zzv");
  EXPECT_EQ(zzv.Get("/api/v1/cultivation/pool")->status, 403);
  auto conv = zzv.Get("/api/v1/cultivation/conversion?from=2025&to=2025");
  ASSERT_EQ(conv->status, 200) << conv->body;
  const Json y = Json::parse(conv->body)["years"][0];
  EXPECT_EQ(y["rate"]["den"], 1);  // P1, in the pool since 2024-01
  EXPECT_EQ(y["rate"]["num"], 0);
  EXPECT_EQ(y["rate"]["display"], "0.0%");
  EXPECT_EQ(zzv.Get("/api/v1/cultivation/conversion?region=410300&from=2025")->status, 403);
  auto ent = As("ent");
  EXPECT_EQ(ent.Get("/api/v1/cultivation/pool")->status, 403);
  EXPECT_EQ(ent.Get("/api/v1/cultivation/candidates")->status, 403);
  EXPECT_EQ(ent.Get("/api/v1/cultivation/stages?year=2025")->status, 403);
  EXPECT_EQ(Import(ent, "pool", "x", "x.csv")->status, 403);
}

TEST_F(CultivationApiTest, XlsxWithChineseHeadersAndAllOrNothing) {
  auto zz = As("zz");
  const std::string ok =
      MakeXlsx({{"统一社会信用代码", "企业名称", "所在地区", "行业代码", "入库时间", "标签"},
                {kP1, "郑州小微", "410102", "3311", "2024-01", "科技型;外贸"}});
  httplib::MultipartFormDataItems items = {
      {"file", ok, "pool.xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  auto r = zz.Post("/api/v1/cultivation/import?kind=pool", items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  const Json pool = Json::parse(zz.Get("/api/v1/cultivation/pool")->body);
  ASSERT_EQ(pool["rows"].size(), 1u);
  EXPECT_EQ(pool["rows"][0]["tags"], Json::array({"科技型", "外贸"}));
  // Row 3 has a bad month: the file writes nothing (row 2's new name is not kept either).
  const std::string bad =
      MakeXlsx({{"uscc", "name", "region", "industry", "joined"},
                {kP1, "改名", "410102", "3311", "2024-01"},
                {Uscc("91410102000000099"), "新", "410102", "3311", "2024-13"}});
  items = {{"file", bad, "bad.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  auto b = zz.Post("/api/v1/cultivation/import?kind=pool", items);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 400);
  EXPECT_NE(b->body.find("bad.xlsx:3: joined:"), std::string::npos) << b->body;
  EXPECT_EQ(Json::parse(zz.Get("/api/v1/cultivation/pool")->body)["rows"][0]["name"], "郑州小微");
}

}  // namespace
}  // namespace ballast::test
