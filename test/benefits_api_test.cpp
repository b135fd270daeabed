// Policy matching over HTTP (issue 14 item 6), tried as each actor and as an attacker: a city
// cannot list another city's matches, an enterprise reads only its own verdicts, a grant outside
// the caller's scope is refused and writes nothing; the standard answers of a province serve
// its cities.
//
// The hand-made province (test/test_util.cpp) with year-to-date figures added here: A 甲 (郑州
// 410102, 3311, large, 专精特新) output ytd 360 in 2025-03 against 300 a year before: ytd_yoy
// +20 %; B 乙 (郑州, 1311, medium) 240 against 300: −20 %; C 丙 (济源 419001, 3311, small, 链主)
// has no figure a year before: growth unknown. Only C reports revenue for 2024 (ytd of
// December: 3,000 万元).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";
constexpr const char* kC = "91330000755918469E";

class BenefitsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(
        server_.ws()
            .Import(std::string("uscc,period,indicator,value,ytd\n") + kA +
                        ",2024-03,output_value,100,300\n" + kA + ",2025-03,output_value,120,360\n" +
                        kB + ",2024-03,output_value,100,300\n" + kB +
                        ",2025-03,output_value,80,240\n" + kC + ",2025-03,output_value,30,90\n" +
                        kC + ",2024-12,revenue,250,3000\n",
                    "ytd.csv", "t")
            ->status,
        ingest::ImportStatus::kImported);
    auto& auth = server_.ws().auth();
    for (auto [name, role, region, unit, uscc] :
         {std::tuple{"hn", "dispatcher", "410000", "", ""},
          {"cn", "admin", "100000", "", ""},
          {"an", "analyst", "410000", "", ""},
          {"leader", "viewer", "410000", "", ""},
          {"zz", "dispatcher", "410100", "", ""},
          {"hz", "handler", "410100", "市工业和信息化局", ""},
          {"ly", "dispatcher", "410300", "", ""},
          {"ent", "enterprise", "410100", "", kA}}) {
      ASSERT_TRUE(
          auth.AddUser({name, std::string("password-") + name, role, region, unit, uscc}, "test")
              .ok())
          << name;
    }
    auto hn = As("hn");
    const std::string csv =
        "政策编号,政策名称,发布机关,文号,生效日期,截止日期,支持内容,申报条件\n"
        "P1,增长较快企业奖励,省工业和信息化厅,豫工信〔2022〕1号,2022-01-01,,奖励10万元,"
        "\"region = 410000; growth >= 10\"\n"
        "P2,小微装备企业补助,省工业和信息化厅,,,,,\"region = 410000; industry = 33; size = small, "
        "micro; revenue >= 2000\"\n"
        "P3,专精特新研发后补助,省工业和信息化厅,,,,不超过500万元,\"region = 410000; tag = 专精特新; "
        "revenue >= 100\"\n"
        "P4,已过期政策,省工业和信息化厅,,2019-01-01,2020-12-31,,region = 410000\n";
    auto r = Import(hn, csv, "policies.csv");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    EXPECT_EQ(Json::parse(r->body)["created"], 4);
  }
  httplib::Client As(const std::string& user) {
    httplib::Client c("127.0.0.1", server_.port());
    auto s = server_.ws().auth().Login(user, "password-" + user, "test");
    EXPECT_TRUE(s.ok()) << user;
    if (s.ok()) c.set_bearer_token_auth(s->token.c_str());
    return c;
  }
  static httplib::Result Import(httplib::Client& c, const std::string& csv,
                                const std::string& name) {
    httplib::MultipartFormDataItems items = {{"file", csv, name, "text/csv"}};
    return c.Post("/api/v1/benefits/policies/import", items);
  }
  static std::vector<std::string> Usccs(const Json& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r["uscc"]);
    return out;
  }
  TestServer server_;
};

TEST_F(BenefitsApiTest, ImportNeedsAProvinceAndNamesLineAndField) {
  auto zz = As("zz");
  auto city = Import(zz, "id,title,conditions\nX,x,\n", "x.csv");
  ASSERT_TRUE(city);
  EXPECT_EQ(city->status, 403) << city->body;
  auto hn = As("hn");
  auto bad = Import(hn, "id,title,conditions\nP9,x,\nP10,y,growth = 5\n", "bad.csv");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("bad.csv:3: conditions: condition 1"), std::string::npos) << bad->body;
  // The bad file wrote nothing, not even its good first row.
  EXPECT_EQ(hn.Get("/api/v1/benefits/policies/P9")->status, 404);
  auto list = Json::parse(zz.Get("/api/v1/benefits/policies")->body)["policies"];
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0]["id"], "P1");
  EXPECT_EQ(list[0]["conditions"], "region = 410000; growth >= 10");
  EXPECT_EQ(list[0]["in_force"], true);
  EXPECT_EQ(list[3]["in_force"], false);  // ended 2020-12-31
}

// The library is shared by every office: a province writes only policies that reach no further
// than its scope, and cannot replace another's by reusing its id. Each refusal writes nothing.
TEST_F(BenefitsApiTest, AProvinceCannotWriteOrRewriteAPolicyBeyondItsScope) {
  auto cn = As("cn");
  auto national = Import(cn, "id,title,conditions\nN1,全国政策,\nHB1,湖北政策,region = 420000\n",
                         "n.csv");
  ASSERT_TRUE(national);
  ASSERT_EQ(national->status, 201) << national->body;
  auto hn = As("hn");
  for (const std::string& csv :
       {std::string("id,title,conditions\nP5,全国适用,\n"),
        std::string("id,title,conditions\nP5,跨省,region = 410000\nP6,湖北,region = 420100\n"),
        std::string("id,title,conditions\nN1,改写全国政策,region = 410000\n"),
        std::string("id,title,conditions\nHB1,改写湖北政策,region = 410100\n")}) {
    auto r = Import(hn, csv, "p.csv");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << csv << r->body;
  }
  EXPECT_EQ(hn.Get("/api/v1/benefits/policies/P5")->status, 404);
  auto n1 = Json::parse(cn.Get("/api/v1/benefits/policies/N1")->body);
  EXPECT_EQ(n1["policy"]["title"], "全国政策");
  auto hb1 = Json::parse(cn.Get("/api/v1/benefits/policies/HB1")->body);
  EXPECT_EQ(hb1["policy"]["title"], "湖北政策");
  // Its own policy, inside its scope, it may still revise.
  auto own = Import(hn, "id,title,conditions\nP1,增长较快企业奖励（修订）,region = 410000\n",
                    "p.csv");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 201) << own->body;
}

TEST_F(BenefitsApiTest, MatchesStayInsideTheCallersScope) {
  // The province: A qualifies (+20 % ≥ 10 %), B does not (−20 %), C lacks the figure: 待核实.
  auto hn = As("hn");
  auto all = hn.Get("/api/v1/benefits/policies/P1/matches");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200) << all->body;
  Json m = Json::parse(all->body);
  EXPECT_EQ(Usccs(m["matched"]), std::vector<std::string>{kA});
  EXPECT_EQ(Usccs(m["possible"]), std::vector<std::string>{kC});
  EXPECT_EQ(m["possible"][0]["unknown"], Json::array({"growth"}));
  EXPECT_EQ(m["considered"], 3);
  EXPECT_EQ(m["matched_count"], 1);
  // A dispatcher does not read enterprise figures; an analyst does.
  EXPECT_FALSE(m["matched"][0].contains("growth"));
  Json an = Json::parse(As("an").Get("/api/v1/benefits/policies/P1/matches")->body);
  EXPECT_NEAR(an["matched"][0]["growth"].get<double>(), 20.0, 1e-9);  // 360 / 300 − 1

  // P2 on last year's revenue: C (small, 3311 under 33) has 3,000 ≥ 2,000 万元 of 2024.
  Json p2 = Json::parse(As("an").Get("/api/v1/benefits/policies/P2/matches")->body);
  EXPECT_EQ(Usccs(p2["matched"]), std::vector<std::string>{kC});
  EXPECT_EQ(p2["matched"][0]["revenue"], 3000.0);
  EXPECT_EQ(p2["revenue_year"], "2024");

  // 郑州 sees its own enterprises only: C (济源) is not among them.
  auto zz = As("zz");
  Json city = Json::parse(zz.Get("/api/v1/benefits/policies/P1/matches")->body);
  EXPECT_EQ(Usccs(city["matched"]), std::vector<std::string>{kA});
  EXPECT_TRUE(city["possible"].empty());
  EXPECT_EQ(city["considered"], 2);

  // 洛阳 asking for 郑州's list: refused; its own list is empty and names nobody.
  auto ly = As("ly");
  auto other = ly.Get("/api/v1/benefits/policies/P1/matches?region=410100");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(other->body.find(kA), std::string::npos);
  auto own = ly.Get("/api/v1/benefits/policies/P1/matches");
  ASSERT_EQ(own->status, 200);
  EXPECT_EQ(own->body.find(kA), std::string::npos);
  EXPECT_EQ(own->body.find(kC), std::string::npos);
  // An unknown policy is 404.
  EXPECT_EQ(zz.Get("/api/v1/benefits/policies/NOPE/matches")->status, 404);
}

TEST_F(BenefitsApiTest, AnEnterpriseSeesOnlyItsOwnPolicies) {
  auto ent = As("ent");
  auto mine = ent.Get("/api/v1/benefits/for-me");
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->status, 200) << mine->body;
  Json ps = Json::parse(mine->body)["policies"];
  // P1 matched; P2 not (3311 lies under 33, but A is large); P3 possible (no revenue
  // reported); P4 expired.
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0]["policy"]["id"], "P1");
  EXPECT_EQ(ps[0]["verdict"], "matched");
  EXPECT_EQ(ps[1]["policy"]["id"], "P3");
  EXPECT_EQ(ps[1]["verdict"], "possible");
  EXPECT_EQ(ps[1]["unknown"], Json::array({"revenue"}));
  // Another enterprise's: answered like one that does not exist.
  auto theirs = ent.Get((std::string("/api/v1/benefits/for-me?uscc=") + kB).c_str());
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->status, 404);
  EXPECT_EQ(theirs->body.find(kB), std::string::npos);
  // The office's list is not for enterprises.
  EXPECT_EQ(ent.Get("/api/v1/benefits/policies/P1/matches")->status, 403);
  EXPECT_EQ(ent.Get("/api/v1/benefits/counts")->status, 403);
}

TEST_F(BenefitsApiTest, GrantsOutsideTheScopeAreRefusedAndWriteNothing) {
  const std::string grant = std::string(R"({"policy_id":"P1","uscc":")") + kA +
                            R"(","status":"granted","applied_on":"2025-01-10",)"
                            R"("decided_on":"2025-02-01","amount":50})";
  auto ly = As("ly");
  auto refused = ly.Post("/api/v1/benefits/records", grant, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404) << refused->body;
  // The answer is the one for a code that does not exist: nothing tells that A exists.
  std::string unknown = grant;
  unknown.replace(unknown.find(kA), std::string(kA).size(), "91410100MA9XXXXX0Y");
  auto absent = ly.Post("/api/v1/benefits/records", unknown, "application/json");
  ASSERT_TRUE(absent);
  EXPECT_EQ(absent->status, 404);
  EXPECT_EQ(Json::parse(absent->body)["error"]["message"],
            Json::parse(refused->body)["error"]["message"]);
  auto ent = As("ent");
  EXPECT_EQ(ent.Post("/api/v1/benefits/records", grant, "application/json")->status, 403);
  auto hn = As("hn");
  EXPECT_TRUE(Json::parse(hn.Get("/api/v1/benefits/records")->body)["records"].empty());

  // Bad records: named field, nothing written.
  auto zz = As("zz");
  auto no_amount = zz.Post("/api/v1/benefits/records",
                           std::string(R"({"policy_id":"P1","uscc":")") + kA +
                               R"(","status":"granted","decided_on":"2025-02-01"})",
                           "application/json");
  EXPECT_EQ(no_amount->status, 400);
  EXPECT_NE(no_amount->body.find("amount"), std::string::npos);
  EXPECT_TRUE(Json::parse(hn.Get("/api/v1/benefits/records")->body)["records"].empty());

  auto ok = zz.Post("/api/v1/benefits/records", grant, "application/json");
  ASSERT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(Json::parse(ok->body)["record"]["region"], "410102");
  // The matches show the record; the enterprise sees its own record; 洛阳 sees none.
  Json m = Json::parse(zz.Get("/api/v1/benefits/policies/P1/matches")->body);
  EXPECT_EQ(m["matched"][0]["record"]["status"], "granted");
  EXPECT_EQ(Json::parse(ent.Get("/api/v1/benefits/records")->body)["records"].size(), 1u);
  EXPECT_TRUE(Json::parse(ly.Get("/api/v1/benefits/records")->body)["records"].empty());

  // Counts by region: one grant in 郑州. Its amount alone would be one enterprise's: withheld
  // from the leader (threshold, 1 < 3 contributors); an analyst sees it.
  Json leader = Json::parse(As("leader").Get("/api/v1/benefits/counts")->body)["counts"];
  ASSERT_EQ(leader.size(), 1u);
  EXPECT_EQ(leader[0]["region"], "410100");
  EXPECT_EQ(leader[0]["granted"], 1);
  EXPECT_TRUE(leader[0]["amount"].is_null());
  EXPECT_EQ(leader[0]["suppressed"], "threshold");
  Json analyst = Json::parse(As("an").Get("/api/v1/benefits/counts")->body)["counts"];
  EXPECT_EQ(analyst[0]["amount"], 50.0);
  EXPECT_EQ(ly.Get("/api/v1/benefits/counts?region=410100")->status, 403);
}

TEST_F(BenefitsApiTest, StandardAnswersOfTheProvinceServeItsCities) {
  auto hn = As("hn");
  auto made = hn.Post("/api/v1/service/standard-answers",
                      R"({"category":"financing","title":"续贷","body":"可申请无还本续贷。"})",
                      "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  Json a = Json::parse(made->body)["answer"];
  EXPECT_EQ(a["region"], "410000");
  EXPECT_EQ(a["edited_by"], "hn");
  const std::string path =
      "/api/v1/service/standard-answers/" + std::to_string(a["id"].get<int64_t>());
  // A handler of 郑州 reads it for the reply box.
  Json read =
      Json::parse(As("hz").Get("/api/v1/service/standard-answers?category=financing")->body);
  ASSERT_EQ(read["answers"].size(), 1u);
  EXPECT_EQ(read["answers"][0]["body"], "可申请无还本续贷。");
  // A city dispatcher may not edit the province's answer; nor may the enterprise read them.
  auto zz = As("zz");
  EXPECT_EQ(zz.Put(path.c_str(), R"({"version":1,"category":"financing","title":"t","body":"b"})",
                   "application/json")
                ->status,
            403);
  EXPECT_EQ(As("ent").Get("/api/v1/service/standard-answers")->status, 403);
  // An unknown category, a blank title.
  EXPECT_EQ(hn.Post("/api/v1/service/standard-answers",
                    R"({"category":"nope","title":"t","body":"b"})", "application/json")
                ->status,
            400);
  EXPECT_EQ(hn.Post("/api/v1/service/standard-answers",
                    R"({"category":"financing","title":" ","body":"b"})", "application/json")
                ->status,
            400);
  // 郑州's own answer is not 洛阳's.
  auto own =
      zz.Post("/api/v1/service/standard-answers",
              R"({"category":"financing","title":"郑州","body":"郑州的答复"})", "application/json");
  ASSERT_EQ(own->status, 201);
  Json ly = Json::parse(As("ly").Get("/api/v1/service/standard-answers")->body);
  ASSERT_EQ(ly["answers"].size(), 1u);  // the province's only
  EXPECT_EQ(ly["answers"][0]["region"], "410000");
  // Edit with the version read; a stale one is refused.
  EXPECT_EQ(
      hn.Put(path.c_str(), R"({"version":1,"category":"financing","title":"续贷","body":"新"})",
             "application/json")
          ->status,
      200);
  EXPECT_EQ(
      hn.Put(path.c_str(), R"({"version":1,"category":"financing","title":"续贷","body":"旧"})",
             "application/json")
          ->status,
      409);
  EXPECT_EQ(hn.Delete((path + "?version=2").c_str())->status, 200);
}

}  // namespace
}  // namespace ballast::test
