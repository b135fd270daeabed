// The HTTP API end to end: a real server on a loopback port, a real client.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <memory>
#include <random>
#include <thread>

#include "api/json_service.h"
#include "api/route.h"
#include "api/server.h"
#include "app/service.h"
#include "app/workspace.h"
#include "test/test_server.h"
#include "test/test_util.h"
#include "testing/testing.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    ws_ = &server_->ws();
    port_ = server_->port();
    ASSERT_TRUE(ws_->auth().AddUser({"root", "root-password-1", "admin", "100000", "", ""}, "test").ok());
    token_ = ws_->auth().Login("root", "root-password-1", "test")->token;
  }
  static void TearDownTestSuite() { delete server_; }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    c.set_bearer_token_auth(token_.c_str());
    return c;
  }
  // GET path; asserts the answer is JSON and returns it with the status.
  std::pair<int, Json> Get(const std::string& path) {
    auto c = Client();
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {0, Json()};
    Json j = Json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << res->body;
    return {res->status, j};
  }
  static void ExpectError(const std::pair<int, Json>& r, int status) {
    EXPECT_EQ(r.first, status) << r.second.dump();
    EXPECT_TRUE(r.second.contains("error"));
    EXPECT_TRUE(r.second["error"].contains("code"));
    EXPECT_TRUE(r.second["error"].contains("message"));
    EXPECT_TRUE(r.second["error"].contains("details"));
  }

  static app::Workspace* ws_;
  static TestServer* server_;
  static int port_;
  static std::string token_;
};
std::string ApiTest::token_;
app::Workspace* ApiTest::ws_ = nullptr;
TestServer* ApiTest::server_ = nullptr;
int ApiTest::port_ = 0;

TEST_F(ApiTest, HealthAndCatalogs) {
  auto [s, h] = Get("/api/v1/health");
  EXPECT_EQ(s, 200);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_FALSE(h.contains("enterprises"));  // public: no figures
  auto [s2, henan] = Get("/api/v1/catalog/regions?root=410000&depth=1");
  EXPECT_EQ(s2, 200);
  bool jiyuan = false;
  for (const auto& c : henan["children"]) jiyuan |= c["code"] == "419001";
  EXPECT_TRUE(jiyuan);
  auto [s3, bcd] = Get("/api/v1/catalog/industries?depth=1");
  EXPECT_EQ(bcd["code"], "BCD");
  EXPECT_EQ(bcd["children"].size(), 3u);
  auto [s4, inds] = Get("/api/v1/catalog/indicators");
  EXPECT_GE(inds.size(), 16u);
  auto [s5, periods] = Get("/api/v1/periods");
  EXPECT_EQ(periods["latest"], "2025-03");
}

// A browser offers "gzip, deflate, br"; httplib would brotli-compress the UI's scripts at quality
// 11 (seconds for ECharts). The server answers gzip instead.
TEST(StaticFilesTest, BrowsersGetGzipNotBrotli) {
  ::ballast::testing::TempDir web;
  std::string script;
  for (int i = 0; i < 2000; ++i) script += "console.log('第" + std::to_string(i) + "行');\n";
  web.Write("index.html", "<!doctype html><title>Ballast</title>");
  web.Write("app.js", script);
  TestServer server(size_t{1} << 20, web.path().string());
  httplib::Client c("127.0.0.1", server.port());
  c.set_decompress(false);
  auto r = c.Get("/app.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(r->body.size(), script.size() / 4);
  auto only_br = c.Get("/app.js", {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(only_br);
  EXPECT_EQ(only_br->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(only_br->body, script);
}

TEST_F(ApiTest, CellTableSeriesRanking) {
  auto [s, cell] = Get("/api/v1/cell?indicator=output_value&measure=yoy&period=2025-03&region=410000");
  ASSERT_EQ(s, 200);
  EXPECT_NEAR(cell["value"].get<double>(), (230.0 / 220 - 1) * 100, 1e-12);
  EXPECT_EQ(cell["n"], 3);
  auto [s2, table] = Get("/api/v1/table?indicator=output_value&measures=value,yoy,contrib_pp&period=2025-03&region=410000&dim=region&sort=contrib_pp");
  ASSERT_EQ(s2, 200);
  ASSERT_GE(table["rows"].size(), 2u);
  // Ranked by pull: 济源 first (+4.5 pp), 郑州 second (0 pp); prefectures without data last.
  EXPECT_EQ(table["rows"][0]["code"], "419001");
  EXPECT_EQ(table["rows"][0]["rank"], 1);
  EXPECT_EQ(table["rows"][1]["code"], "410100");
  EXPECT_NEAR(table["rows"][1]["values"]["value"].get<double>(), 200, 1e-12);
  EXPECT_TRUE(table["rows"].back()["values"]["yoy"].is_null());
  auto [s3, ent] = Get("/api/v1/table?indicator=output_value&measures=value&period=2025-03&region=410100&dim=enterprise");
  ASSERT_EQ(s3, 200);
  EXPECT_EQ(ent["rows"].size(), 2u);
  EXPECT_EQ(ent["rows"][0]["code"], "91310110666007217T");  // 120 ranks above 80
  auto [s4, series] = Get("/api/v1/series?indicator=output_value&measures=value&from=2024-03&to=2025-03&region=410000");
  ASSERT_EQ(s4, 200);
  EXPECT_EQ(series["points"].size(), 13u);
  EXPECT_NEAR(series["points"][0]["values"]["value"].get<double>(), 200, 1e-12);
  EXPECT_TRUE(series["points"][1]["values"]["value"].is_null());
  auto [s5, rank] = Get("/api/v1/rankings?indicator=output_value&measure=value&period=2025-03&region=410000");
  ASSERT_EQ(s5, 200);
  EXPECT_EQ(rank["rows"][0]["code"], "410100");
  EXPECT_TRUE(rank["rows"][0]["prev_rank"].is_null());  // no data in 2025-02
  auto [s6, e] = Get("/api/v1/enterprises/91330000755918469E/series?indicator=output_value&from=2025-03&to=2025-03");
  ASSERT_EQ(s6, 200);
  EXPECT_EQ(e["points"][0]["prior"], 20);
  EXPECT_EQ(e["points"][0]["base"], 20);
}

TEST_F(ApiTest, FlashEstimateOfAClosedMonthIsItsYoy) {
  // Everyone of the same sample has reported 2025-03: nothing is estimated and the estimate is
  // the cell's yoy (230 / 220 − 1, as CellTableSeriesRanking computes it by hand).
  auto [s, n] = Get("/api/v1/nowcast?period=2025-03&region=410000");
  ASSERT_EQ(s, 200) << n.dump();
  EXPECT_NEAR(n["estimate"].get<double>(), (230.0 / 220 - 1) * 100, 1e-9);
  EXPECT_EQ(n["reported"], 3);
  EXPECT_EQ(n["by_electricity"], 0);
  EXPECT_EQ(n["by_growth"], 0);
  EXPECT_NEAR(n["report_share"].get<double>(), 100, 1e-12);
  EXPECT_TRUE(n["suppressed"].is_null());  // an administrator sees the figure
  ExpectError(Get("/api/v1/nowcast?region=410000"), 400);
  ExpectError(Get("/api/v1/nowcast?period=2025-03&industry=XYZ"), 400);
}

// The monthly bulletin (issue #12 item 7) is a file with its type and name; scoped like the views.
TEST_F(ApiTest, BulletinIsAFileOfTheCallersScope) {
  auto c = Client();
  auto pdf = c.Get("/api/v1/bulletin?period=2025-03&region=410000&format=pdf");
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->get_header_value("Content-Disposition"), "attachment; filename=\"bulletin-410000-2025-03.pdf\"");
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  auto xlsx = c.Get("/api/v1/bulletin?period=2025-03&region=410000&format=xlsx");
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  ExpectError(Get("/api/v1/bulletin?period=2025-03&region=410000&format=doc"), 400);
  ExpectError(Get("/api/v1/bulletin?period=2025-01&region=410000"), 400);  // published with February
  // A city's user: its own city, never another.
  ASSERT_TRUE(ws_->auth().AddUser({"bulletin-city", "password-city-1", "viewer", "410100", "", ""}, "test").ok());
  const std::string city_token = ws_->auth().Login("bulletin-city", "password-city-1", "test")->token;
  httplib::Client city("127.0.0.1", port_);
  city.set_read_timeout(30, 0);
  city.set_bearer_token_auth(city_token.c_str());
  auto own = city.Get("/api/v1/bulletin?period=2025-03&region=410100&format=docx");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << own->body;
  EXPECT_EQ(own->get_header_value("Content-Disposition"), "attachment; filename=\"bulletin-410100-2025-03.docx\"");
  auto other = city.Get("/api/v1/bulletin?period=2025-03&region=419001&format=docx");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403) << other->body;
}

TEST_F(ApiTest, ImportUploadReportsErrorsAndImports) {
  auto c = Client();
  httplib::MultipartFormDataItems bad = {
      {"file", "uscc,period,indicator,value\n91310110666007217T,2025-04,output_value,-1\n", "bad.csv", "text/csv"}};
  auto res = c.Post("/api/v1/imports", bad);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  Json j = Json::parse(res->body);
  const auto& err = j["error"]["details"]["report"]["errors"][0];
  EXPECT_EQ(err["line"], 2);
  EXPECT_EQ(err["column"], "value");
  EXPECT_EQ(err["file"], "bad.csv");
  httplib::MultipartFormDataItems good = {
      {"file", "uscc,period,indicator,value\n91310110666007217T,2025-04,output_value,5\n", "good.csv", "text/csv"}};
  auto ok = c.Post("/api/v1/imports", good);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  auto again = c.Post("/api/v1/imports", good);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(Json::parse(again->body)["status"], "unchanged");
  auto [s, cell] = Get("/api/v1/cell?indicator=output_value&measure=value&period=2025-04");
  EXPECT_EQ(cell["value"], 5);  // the new batch is visible at once
  auto none = c.Post("/api/v1/imports", "x=1", "application/x-www-form-urlencoded");
  EXPECT_EQ(none->status, 400);
  std::string big(2 << 20, 'a');
  auto too_big = c.Post("/api/v1/imports", big, "text/csv");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
}

TEST_F(ApiTest, BadRequestsAreFourHundredsWithErrorBodies) {
  const char* paths[] = {
      "/api/v1/cell",
      "/api/v1/cell?indicator=output_value",
      "/api/v1/cell?indicator=output_value&measure=yoy&period=2025-13",
      "/api/v1/cell?indicator=output_value&measure=yoy&period=%FF%FE",
      "/api/v1/cell?indicator=%00&measure=yoy",
      "/api/v1/cell?indicator=output_value&measure=yoy&region=99",
      "/api/v1/cell?indicator=output_value&measure=yoy&industry=ZZ",
      "/api/v1/cell?indicator=output_value&measure=yoy&of=time",
      "/api/v1/cell?indicator=output_value&measure=yoy&as_of=-1",
      "/api/v1/cell?indicator=output_value&measure=yoy&as_of=abc",
      "/api/v1/cell?indicator=profit_margin&measure=yoy",
      "/api/v1/table?indicator=output_value&measures=value&dim=galaxy",
      "/api/v1/table?indicator=output_value&measures=value&sort=yoy",
      "/api/v1/table?indicator=output_value&measures=value&order=up",
      "/api/v1/series?indicator=output_value&measures=value&from=2025-03&to=2020-01",
      "/api/v1/series?indicator=output_value&measures=value&from=1900-01&to=2199-12",
      "/api/v1/rankings?indicator=output_value&measure=value,yoy",
      "/api/v1/catalog/regions?depth=-1",
      "/api/v1/catalog/regions?depth=99999999999999999999",
      "/api/v1/enterprises/nope/series?indicator=output_value",
  };
  for (const char* p : paths) {
    auto r = Get(p);
    EXPECT_GE(r.first, 400) << p;
    EXPECT_LT(r.first, 500) << p;
    ExpectError(r, r.first);
  }
  ExpectError(Get("/api/v1/cell?indicator=output_value&measure=yoy&as_of=999"), 404);
  ExpectError(Get("/api/v1/enterprises/91310110666007217X"), 404);
  ExpectError(Get("/api/v1/nowhere"), 404);
  auto c = Client();
  auto del = c.Delete("/api/v1/imports");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

// Random combinations of valid and hostile parameters: the answer is JSON and never a 5xx.
TEST_F(ApiTest, NoInputProducesAServerError) {
  const std::vector<std::string> paths = {"/api/v1/cell", "/api/v1/table", "/api/v1/series", "/api/v1/rankings",
                                          "/api/v1/catalog/regions", "/api/v1/periods",
                                          "/api/v1/enterprises/91310110666007217T/series"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> params = {
      {"indicator", {"output_value", "profit", "loss_share", "debt_ratio", "", "x", "%27%3B--", "%E4%BD%A0"}},
      {"measure", {"yoy", "value", "yoy_2y", "contrib_share", "n", "", "yoy,value", "%00"}},
      {"measures", {"value,yoy", "share,contrib_pp,growth_breadth", ",,,", "yoy_2y", "nope"}},
      {"period", {"2025-03", "2025-02", "2024-01", "0000-00", "2025-3", "9999-12", "%FF"}},
      {"region", {"410000", "419001", "100000", "440000", "41", "", "410000%00"}},
      {"industry", {"BCD", "C", "33", "331", "3311", "A", "Z", "99999"}},
      {"dim", {"region", "industry", "enterprise", "x"}},
      {"of", {"region", "industry", "x"}},
      {"sort", {"value", "yoy", "x"}},
      {"from", {"2024-01", "2030-01", "x"}},
      {"to", {"2025-03", "1999-01", "x"}},
      {"as_of", {"1", "2", "0", "99999999999999999999", "x"}},
      {"depth", {"0", "1", "3", "-5", "x"}},
      {"root", {"410000", "C", "nope"}},
  };
  std::mt19937 rng(20261122);
  auto c = Client();
  for (int i = 0; i < 400; ++i) {
    std::string url = paths[rng() % paths.size()] + "?";
    for (const auto& [name, values] : params) {
      if (rng() % 3 == 0) url += name + "=" + values[rng() % values.size()] + "&";
    }
    auto res = c.Get(url.c_str());
    ASSERT_TRUE(res) << url;
    EXPECT_LT(res->status, 500) << url << " -> " << res->body;
    EXPECT_FALSE(Json::parse(res->body, nullptr, false).is_discarded()) << url;
  }
}

// Seed 004's 问题解决率 target follows the service's resolution rate: one appeal rated solved
// gives 1/1 = 100 %, which meets ≥ 96 %.
// The enterprise search box (issue 12 item 6): name or USCC; a scoped analyst finds only the
// enterprises of its scope (丙机械 lies in 济源 419001, outside 郑州 410100).
TEST_F(ApiTest, EnterpriseSearchByNameOrUsccInsideTheScope) {
  auto [s, all] = Get("/api/v1/enterprises?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8");  // 有限公司
  ASSERT_EQ(s, 200) << all.dump();
  ASSERT_EQ(all["enterprises"].size(), 3u);
  auto [s2, one] = Get("/api/v1/enterprises?q=91330000755918469e");  // any case
  ASSERT_EQ(s2, 200);
  ASSERT_EQ(one["enterprises"].size(), 1u);
  EXPECT_EQ(one["enterprises"][0]["name"], "丙机械有限公司");
  EXPECT_EQ(one["enterprises"][0]["region"]["code"], "419001");
  auto [s3, none] = Get("/api/v1/enterprises?q=%E4%B8%81");  // 丁: nobody
  ASSERT_EQ(s3, 200);
  EXPECT_TRUE(none["enterprises"].empty());
  ExpectError(Get("/api/v1/enterprises?q=%20"), 400);
  ExpectError(Get("/api/v1/enterprises?q=a&limit=0"), 400);
  auto [s4, limited] = Get("/api/v1/enterprises?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&limit=2");
  ASSERT_EQ(s4, 200);
  EXPECT_EQ(limited["enterprises"].size(), 2u);

  ASSERT_TRUE(ws_->auth().AddUser({"search-city", "city-password-1", "analyst", "410100", "", ""}, "test").ok());
  const std::string city = ws_->auth().Login("search-city", "city-password-1", "test")->token;
  httplib::Client c("127.0.0.1", port_);
  c.set_bearer_token_auth(city.c_str());
  auto res = c.Get("/api/v1/enterprises?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  Json j = Json::parse(res->body);
  EXPECT_EQ(j["enterprises"].size(), 2u);
  EXPECT_EQ(res->body.find("91330000755918469E"), std::string::npos) << res->body;
}

TEST_F(ApiTest, ResolutionRateFeedsItsPolicyTarget) {
  ASSERT_OK(RateOneAppealSolved(server_->service()));
  auto [s, t] = Get("/api/v1/targets/henan2022.1.appeal_resolution_rate");
  ASSERT_EQ(s, 200) << t.dump();
  EXPECT_EQ(t["target"]["actual_source"], "internal");
  EXPECT_DOUBLE_EQ(t["target"]["actual"].get<double>(), 100.0);
  auto [s2, m] = Get("/api/v1/service/metrics");
  ASSERT_EQ(s2, 200);
  EXPECT_EQ(m["rows"][0]["resolution"]["num"], 1);
  EXPECT_EQ(m["rows"][0]["resolution"]["den"], 1);
}

// The leader's statistics over HTTP: a rated appeal is in its unit's satisfaction (numerator
// and denominator), and a handler asking for another unit's rows is refused.
TEST_F(ApiTest, StatisticsByUnitAndAHandlerHeldToItsUnit) {
  ASSERT_OK(RateOneAppealSolved(server_->service()));
  auto [s, st] = Get("/api/v1/service/statistics?today=2030-01-01");
  ASSERT_EQ(s, 200) << st.dump();
  EXPECT_EQ(st["today"], "2030-01-01");
  Json unit;
  for (const auto& u : st["units"])
    if (u["unit"] == "省工业和信息化厅") unit = u;
  ASSERT_TRUE(unit.is_object()) << st.dump();
  EXPECT_GE(unit["satisfaction"]["num"].get<int>(), 1);
  EXPECT_GE(unit["satisfaction"]["den"].get<int>(), unit["satisfaction"]["num"].get<int>());
  ASSERT_FALSE(st["cross"].empty());
  ExpectError(Get("/api/v1/service/statistics?today=2030-13-01"), 400);
  ASSERT_OK(ws_->auth().AddUser({"stat-handler", "handler-password-1", "handler", "410000", "省工业和信息化厅", ""},
                                "test"));
  const std::string token = ws_->auth().Login("stat-handler", "handler-password-1", "test")->token;
  httplib::Client c("127.0.0.1", port_);
  c.set_bearer_token_auth(token.c_str());
  auto other = c.Get("/api/v1/service/statistics?unit=%E7%9C%81%E5%95%86%E5%8A%A1%E5%8E%85");  // 省商务厅
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403) << other->body;
  auto own = c.Get("/api/v1/service/statistics");
  ASSERT_TRUE(own);
  ASSERT_EQ(own->status, 200) << own->body;
  const Json mine = Json::parse(own->body);
  ASSERT_FALSE(mine["cross"].empty());  // the rated appeal of its own unit
  for (const auto& row : mine["cross"]) EXPECT_EQ(row["unit"], "省工业和信息化厅");
}

// Attachments over HTTP: an enterprise uploads a PDF to its appeal and downloads it back as a
// download (never rendered); another enterprise guessing the ids gets 404; a fake PDF is 400.
TEST_F(ApiTest, AttachmentsUploadDownloadAndGuessing) {
  const app::Caller root{"root", auth::Role::kAdmin, "", "", "100000"};
  app::NewAppeal n;
  n.uscc = "91310110666007217T";
  n.category = "financing";
  n.title = n.description = n.contact = "attachments";
  n.channel = "phone";
  ASSERT_OK_AND_ASSIGN(auto filed, server_->service().FileAppeal(root, n));
  const std::string base = "/api/v1/appeals/" + std::to_string(filed.appeal.id) + "/attachments";
  ASSERT_OK(ws_->auth().AddUser({"att-a", "attach-password-1", "enterprise", "410100", "", "91310110666007217T"}, "test"));
  ASSERT_OK(ws_->auth().AddUser({"att-c", "attach-password-1", "enterprise", "419001", "", "91330000755918469E"}, "test"));
  auto client = [&](const char* user) {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_bearer_token_auth(ws_->auth().Login(user, "attach-password-1", "test")->token.c_str());
    return c;
  };
  auto a = client("att-a");
  const std::string pdf("%PDF-1.4\n\x00binary", 16);
  httplib::MultipartFormDataItems items = {{"file", pdf, "申请书.pdf", "application/pdf"}};
  auto up = a->Post(base.c_str(), items);
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 201) << up->body;
  const Json added = Json::parse(up->body);
  EXPECT_EQ(added["size"], 16);
  const std::string file = base + "/" + std::to_string(added["id"].get<int64_t>());
  auto down = a->Get(file.c_str());
  ASSERT_TRUE(down);
  ASSERT_EQ(down->status, 200);
  EXPECT_EQ(down->body, pdf);
  EXPECT_EQ(down->get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_EQ(down->get_header_value("X-Content-Type-Options"), "nosniff");
  // (cpp-httplib's client decodes %XX in header values: the raw header is checked below.)
  EXPECT_EQ(down->get_header_value("Content-Disposition").rfind("attachment; filename=\"___.pdf\"; filename*=UTF-8''", 0), 0u);
  EXPECT_EQ(api::ContentDisposition("申请书.pdf"),
            "attachment; filename=\"___.pdf\"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf");
  EXPECT_EQ(api::ContentDisposition("a\"b;.pdf"), "attachment; filename=\"a_b_.pdf\"; filename*=UTF-8''a%22b%3B.pdf");
  auto c = client("att-c");
  auto guessed = c->Get(file.c_str());
  ASSERT_TRUE(guessed);
  EXPECT_EQ(guessed->status, 404) << guessed->body;
  EXPECT_EQ(guessed->body.find("PDF"), std::string::npos);
  httplib::MultipartFormDataItems fake = {{"file", "<html><script>", "x.pdf", "application/pdf"}};
  auto bad = a->Post(base.c_str(), fake);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
}

// The calendar is editable: a local holiday added through the API is in the calendar after.
TEST_F(ApiTest, CalendarCanBeEdited) {
  auto c = Client();
  auto get = c.Get("/api/v1/service/calendar");
  ASSERT_EQ(get->status, 200);
  Json cal = Json::parse(get->body);
  cal["holidays"].push_back({{"name", "测试假日"}, {"from", "2026-12-01"}, {"to", "2026-12-01"}});
  auto put = c.Put("/api/v1/service/calendar", cal.dump(), "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_NE(c.Get("/api/v1/service/calendar")->body.find("测试假日"), std::string::npos);
  EXPECT_EQ(c.Put("/api/v1/service/calendar", R"({"holidays":"no"})", "application/json")->status, 400);
}

TEST_F(ApiTest, OpenApiListsEveryRoute) {
  auto [s, doc] = Get("/api/v1/openapi.json");
  ASSERT_EQ(s, 200);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  for (const auto& r : api::ApiRoutes()) {
    std::string method = r.method;
    for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_TRUE(doc["paths"].contains(r.path) && doc["paths"][r.path].contains(method)) << r.path;
  }
}

}  // namespace
}  // namespace ballast::test
