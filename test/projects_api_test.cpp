// The major-project routes over HTTP (issue 15): a city imports its register, reports a month,
// reads the rates; another city sees none of it and cannot touch it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

class ProjectsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& auth = server_.ws().auth();
    ASSERT_TRUE(auth.AddUser({"zz", "password-zz", "dispatcher", "410100", "", ""}, "test").ok());
    ASSERT_TRUE(auth.AddUser({"ly", "password-ly", "dispatcher", "410300", "", ""}, "test").ok());
  }
  httplib::Client As(const std::string& user) {
    httplib::Client c("127.0.0.1", server_.port());
    auto s = server_.ws().auth().Login(user, "password-" + user, "test");
    EXPECT_TRUE(s.ok());
    c.set_bearer_token_auth(s->token.c_str());
    return c;
  }
  httplib::Result Import(httplib::Client& c, const std::string& csv, const std::string& name) {
    httplib::MultipartFormDataItems items = {{"file", csv, name, "text/csv"}};
    return c.Post("/api/v1/projects/import", items);
  }
  TestServer server_;
};

TEST_F(ProjectsApiTest, RegisterReportAndRatesScopedByCity) {
  auto zz = As("zz");
  auto ly = As("ly");
  const std::string reg =
      "项目编号,项目名称,投资主体,所在地区,总投资（万元）,年度计划投资（万元）,计划开工日期,"
      "签约日期\n"
      "ZZ-1,郑州新材料,甲公司,410102,150000,40000,2025-04-15,2025-01-12\n"
      "ZZ-2,郑州装备,乙公司,410102,8000,2000,2025-05-20,2025-02-03\n";
  auto imported = Import(zz, reg, "p.csv");
  ASSERT_TRUE(imported);
  ASSERT_EQ(imported->status, 201) << imported->body;
  EXPECT_EQ(Json::parse(imported->body)["created"], 2);
  // A row in another city: refused with file, line and field; nothing written.
  auto outside = Import(zz, "code,name,region,investor_name\nX,x,410302,丙\n", "q.csv");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 400);
  EXPECT_NE(outside->body.find("q.csv:2: region: 410302 is outside"), std::string::npos)
      << outside->body;

  auto list = zz.Get("/api/v1/projects");
  ASSERT_TRUE(list && list->status == 200);
  const Json projects = Json::parse(list->body)["projects"];
  ASSERT_EQ(projects.size(), 2u);
  const Json p = projects[0];
  EXPECT_EQ(p["code"], "ZZ-1");
  EXPECT_EQ(p["yi_level"], true);
  EXPECT_EQ(p["stage"], "signed");
  const std::string path = "/api/v1/projects/" + std::to_string(p["id"].get<int64_t>());

  // 洛阳 sees nothing of 郑州's projects and cannot edit or report them.
  EXPECT_EQ(Json::parse(ly.Get("/api/v1/projects")->body)["projects"].size(), 0u);
  EXPECT_EQ(ly.Get(path.c_str())->status, 404);
  Json edit = {{"version", 1},
               {"code", "ZZ-1"},
               {"name", "改"},
               {"investor_name", "甲公司"},
               {"region", "410302"}};
  EXPECT_EQ(ly.Put(path.c_str(), edit.dump(), "application/json")->status, 404);
  EXPECT_EQ(ly.Post((path + "/reports").c_str(), R"({"month":"2025-05","investment":1})",
                    "application/json")
                ->status,
            404);
  // 郑州 cannot move its project into 洛阳 either.
  EXPECT_EQ(zz.Put(path.c_str(), edit.dump(), "application/json")->status, 403);

  // A month's report: stage reached, blocker; a correction is version 2.
  const std::string apr =
      R"({"month":"2025-04","investment":5000,"stage":"started","stage_date":"2025-04-18",)"
      R"("documents":["开工照片.jpg"],"blockers":[{"factor":"用地","unit":"市自然资源局","deadline":"2025-05-31"}]})";
  auto r1 = zz.Post((path + "/reports").c_str(), apr, "application/json");
  ASSERT_TRUE(r1);
  ASSERT_EQ(r1->status, 201) << r1->body;
  const Json rep = Json::parse(r1->body)["report"];
  EXPECT_EQ(rep["version"], 1);
  EXPECT_EQ(rep["cumulative"], 5000);
  EXPECT_EQ(rep["blockers"][0]["factor"], "land");
  EXPECT_EQ(rep["reported_by"], "zz");
  auto r2 = zz.Post((path + "/reports").c_str(), R"({"month":"2025-04","investment":6000})",
                    "application/json");
  ASSERT_EQ(r2->status, 201) << r2->body;
  EXPECT_EQ(Json::parse(r2->body)["report"]["version"], 2);
  const Json history = Json::parse(zz.Get((path + "/reports").c_str())->body)["reports"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["latest"], false);
  EXPECT_EQ(history[1]["cumulative"], 6000);
  EXPECT_EQ(Json::parse(zz.Get(path.c_str())->body)["project"]["stage"], "started");
  // A future month is refused.
  EXPECT_EQ(zz.Post((path + "/reports").c_str(), R"({"month":"2999-01","investment":1})",
                    "application/json")
                ->status,
            400);

  // 2025Q2: ZZ-1 (planned 04-15) started 04-18, ZZ-2 (planned 05-20) not: 开工率 1/2.
  auto rates = zz.Get("/api/v1/projects/rates?round=2025Q2&by=region");
  ASSERT_TRUE(rates && rates->status == 200) << (rates ? rates->body : "");
  const Json total = Json::parse(rates->body)["total"];
  EXPECT_EQ(total["started"]["num"], 1);
  EXPECT_EQ(total["started"]["den"], 2);
  EXPECT_EQ(total["started"]["display"], "50.0%");
  EXPECT_EQ(total["at_capacity"]["display"], "—");
  EXPECT_TRUE(total["at_capacity"]["rate"].is_null());
  EXPECT_EQ(ly.Get("/api/v1/projects/rates?round=2025Q2&region=410100")->status, 403);
}

// The factor-guarantee ledger (要素保障台账) over HTTP: a report's blocker opens an item; the city
// dispatches it, the unit's handler answers, the city closes; another city and another unit get
// 404, the wrong party 403, a stale version 409.
TEST_F(ProjectsApiTest, FactorLedgerLoopScopedByCityAndUnit) {
  auto& auth = server_.ws().auth();
  ASSERT_TRUE(
      auth.AddUser({"zr", "password-zr", "handler", "410100", "市自然资源局", ""}, "test").ok());
  ASSERT_TRUE(
      auth.AddUser({"fg", "password-fg", "handler", "410100", "市发改委", ""}, "test").ok());
  auto zz = As("zz");
  auto ly = As("ly");
  auto zr = As("zr");
  auto fg = As("fg");
  auto imported = Import(zz, "code,name,region,investor_name\nZZ-9,郑州项目,410102,甲\n", "p.csv");
  ASSERT_TRUE(imported && imported->status == 201) << (imported ? imported->body : "");
  const Json p = Json::parse(zz.Get("/api/v1/projects")->body)["projects"][0];
  const std::string project = "/api/v1/projects/" + std::to_string(p["id"].get<int64_t>());
  auto rep = zz.Post((project + "/reports").c_str(),
                     R"({"month":"2025-04","investment":10,"blockers":[{"factor":"用地",)"
                     R"("unit":"市自然资源局","deadline":"2030-01-31","note":"指标未下达"}]})",
                     "application/json");
  ASSERT_TRUE(rep && rep->status == 201) << (rep ? rep->body : "");
  auto listed = zz.Get("/api/v1/projects/factors?open=true");
  ASSERT_TRUE(listed && listed->status == 200) << (listed ? listed->body : "");
  const Json items = Json::parse(listed->body)["items"];
  ASSERT_EQ(items.size(), 1u);
  Json item = items[0];
  EXPECT_EQ(item["state"], "accepted");
  EXPECT_EQ(item["factor"], "land");
  EXPECT_EQ(item["description"], "指标未下达");
  EXPECT_EQ(item["days"], 120);  // the working days to 2030, capped at 120
  EXPECT_EQ(item["actions"], Json::array({"decline", "dispatch"}));
  const std::string path = "/api/v1/projects/factors/" + std::to_string(item["id"].get<int64_t>());
  auto step = [&](httplib::Client& c, const std::string& action, int64_t version) {
    Json body = {{"version", version}, {"action", action}, {"reply", "已下达"}, {"days", 5}};
    return c.Post((path + "/steps").c_str(), body.dump(), "application/json");
  };
  // Another city and another unit of the same city: as if the item did not exist.
  EXPECT_EQ(ly.Get(path.c_str())->status, 404);
  EXPECT_EQ(step(ly, "dispatch", 1)->status, 404);
  EXPECT_EQ(fg.Get(path.c_str())->status, 404);
  EXPECT_EQ(Json::parse(fg.Get("/api/v1/projects/factors")->body)["items"].size(), 0u);
  EXPECT_EQ(ly.Get("/api/v1/projects/factors?region=410100")->status, 403);
  // The unit cannot dispatch; the city does, with 5 working days.
  EXPECT_EQ(step(zr, "dispatch", 1)->status, 403);  // the unit named sees it, may not dispatch
  auto dispatched = step(zz, "dispatch", 1);
  ASSERT_EQ(dispatched->status, 200) << dispatched->body;
  item = Json::parse(dispatched->body)["item"];
  EXPECT_EQ(item["state"], "dispatched");
  EXPECT_EQ(item["days"], 5);
  EXPECT_EQ(step(zz, "close", 1)->status, 409);  // stale version
  EXPECT_EQ(step(zz, "rate", 2)->status, 400);   // no step of a factor item
  EXPECT_EQ(step(zr, "close", 2)->status, 409);  // not answered yet
  auto started = step(zr, "start", 2);
  ASSERT_EQ(started->status, 200) << started->body;
  EXPECT_EQ(step(fg, "reply", 3)->status, 404);
  auto replied = step(zr, "reply", 3);
  ASSERT_EQ(replied->status, 200) << replied->body;
  EXPECT_EQ(step(zr, "close", 4)->status, 403);  // the dispatcher closes
  auto closed = step(zz, "close", 4);
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(Json::parse(closed->body)["item"]["state"], "closed");
  const Json view = Json::parse(zz.Get(path.c_str())->body);
  ASSERT_EQ(view["history"].size(), 5u);
  EXPECT_EQ(view["history"][3]["body"], "已下达");
  EXPECT_EQ(view["history"][3]["actor"], "zr");
  // Opening by hand: editors of the project only; 409 while the factor has an open item.
  const std::string open_body =
      R"({"factor":"eia","description":"环评","unit":"市生态环境局","days":10})";
  EXPECT_EQ(zr.Post((project + "/factors").c_str(), open_body, "application/json")->status, 403);
  EXPECT_EQ(ly.Post((project + "/factors").c_str(), open_body, "application/json")->status, 404);
  EXPECT_EQ(zz.Post((project + "/factors").c_str(), open_body, "application/json")->status, 201);
  EXPECT_EQ(zz.Post((project + "/factors").c_str(), open_body, "application/json")->status, 409);
}

}  // namespace
}  // namespace ballast::test
