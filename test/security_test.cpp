// The trust findings of issue 10 as regression tests, tried over HTTP with real sessions as an
// attacker with a city (郑州 410100) account would. Each test names the finding it guards; each
// failed on the code before its fix. The hand-made province of test_util.cpp: 郑州 holds A and B
// (410102), 济源 419001 holds C.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/ballast.h"
#include "app/service.h"
#include "app/warnings.h"
#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

constexpr const char* kA = "91310110666007217T";
constexpr const char* kC = "91330000755918469E";        // 济源
constexpr const char* kUnknown = "914403001922038216";  // well-formed, never imported
constexpr const char* kProvUnit = "省工业和信息化厅";
constexpr const char* kMeasures = "value,share,contrib_pp,contrib_share";

struct Answer {
  int status = 0;
  std::string body;
  Json json() const { return Json::parse(body, nullptr, false); }
};

// Replaces every occurrence of `what` by `with` (to compare answers that name the id asked).
std::string Replace(std::string s, const std::string& what, const std::string& with) {
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
  return s;
}

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    auto add = [](const std::string& name, const std::string& role, const std::string& region,
                  const std::string& unit, const std::string& uscc) {
      ASSERT_TRUE(server_->ws()
                      .auth()
                      .AddUser({name, "password-" + name, role, region, unit, uscc}, "test")
                      .ok())
          << name;
    };
    add("root", "admin", "100000", "", "");
    add("zz_admin", "admin", "410100", "", "");
    add("zz_analyst", "analyst", "410100", "", "");
    add("zz_viewer", "viewer", "410100", "", "");
    add("zz_dispatcher", "dispatcher", "410100", "", "");
    add("zz_handler", "handler", "410100", kProvUnit, "");  // a provincial unit, a city's scope
    add("prov_handler", "handler", "410000", kProvUnit, "");
    add("jy_viewer", "viewer", "419001", "", "");
    // Electricity down 60 % at B (郑州) and at C (济源): an alert inside and one outside.
    ASSERT_EQ(server_->ws()
                  .Import("uscc,period,indicator,value\n"
                          "91310115591693856A,2024-03,electricity,100\n91310115591693856A,2025-03,"
                          "electricity,40\n"
                          "91330000755918469E,2024-03,electricity,100\n91330000755918469E,2025-03,"
                          "electricity,40\n",
                          "power.csv", "t")
                  ->status,
              ingest::ImportStatus::kImported);
    ASSERT_TRUE(server_->warnings().Evaluate("2025-04-15T00:00:00Z").ok());
    app::AlertFilter f;
    f.rule_id = "ent_electricity_drop";
    auto alerts = server_->warnings().ListAlerts(f);
    ASSERT_TRUE(alerts.ok());
    for (const auto& a : *alerts) {
      if (a.region == "419001") ids_["alert_out"] = a.id;
    }
    ASSERT_TRUE(ids_.count("alert_out"));
    // Appeals: one of A rated solved (the country-wide resolution rate becomes 1/1), one of A
    // open, one of C (济源) open.
    app::Service& svc = server_->service();
    const app::Caller root{"root", auth::Role::kAdmin, "", "", "100000"};
    ASSERT_OK(RateOneAppealSolved(svc));
    for (auto [name, uscc] : {std::pair{"appeal_in", kA}, {"appeal_out", kC}}) {
      app::NewAppeal n;
      n.uscc = uscc;
      n.category = "financing";
      n.title = std::string("probe ") + name;
      n.description = "probe";
      n.contact = "x";
      n.channel = "phone";
      auto filed = svc.FileAppeal(root, n);
      ASSERT_TRUE(filed.ok()) << filed.status().ToString();
      ids_[name] = filed->appeal.id;
      versions_[name] = filed->appeal.version;
    }
  }
  static void TearDownTestSuite() { delete server_; }

  static std::string Token(const std::string& user) {
    auto s = server_->ws().auth().Login(user, "password-" + user, "probe");
    EXPECT_TRUE(s.ok()) << user;
    return s.ok() ? s->token : "";
  }
  static httplib::Client Client(const std::string& user) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    c.set_bearer_token_auth(Token(user).c_str());
    return c;
  }
  static Answer Wrap(const httplib::Result& r) {
    EXPECT_TRUE(r);
    return r ? Answer{r->status, r->body} : Answer{};
  }
  static Answer Get(const std::string& user, const std::string& path) {
    return Wrap(Client(user).Get(path.c_str()));
  }
  static Answer Post(const std::string& user, const std::string& path, const Json& body) {
    return Wrap(Client(user).Post(path.c_str(), body.dump(), "application/json"));
  }
  static Answer Patch(const std::string& user, const std::string& path, const Json& body) {
    return Wrap(Client(user).Patch(path.c_str(), body.dump(), "application/json"));
  }
  static bool UserExists(const std::string& name) {
    auto users = server_->ws().auth().ListUsers();
    EXPECT_TRUE(users.ok());
    for (const auto& u : *users) {
      if (u.username == name) return true;
    }
    return false;
  }

  static TestServer* server_;
  static std::map<std::string, int64_t> ids_, versions_;
};
TestServer* SecurityTest::server_ = nullptr;
std::map<std::string, int64_t> SecurityTest::ids_;
std::map<std::string, int64_t> SecurityTest::versions_;

// Finding 1: an import re-registered another city's enterprise into the importer's region.
TEST_F(SecurityTest, ImportCannotReRegisterAnotherCitysEnterprise) {
  auto before = server_->ws().Batches();
  ASSERT_TRUE(before.ok());
  const std::string csv = std::string("uscc,name,region,industry,size,tags\n") + kC +
                          ",丙机械有限公司,410102,3311,small,\n";
  httplib::MultipartFormDataItems items = {{"file", csv, "move.csv", "text/csv"}};
  Answer a = Wrap(Client("zz_analyst").Post("/api/v1/imports", items));
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(a.body.find("419001"), std::string::npos)
      << "the refusal names where C is registered: " << a.body;
  auto after = server_->ws().Batches();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), before->size()) << "a rejected batch writes nothing";
  // C is still in 济源 and its 30 still counted there (hand data: C 2025-03 = 30).
  Json e = Get("root", std::string("/api/v1/enterprises/") + kC).json();
  EXPECT_EQ(e["region"]["code"], "419001");
  Json cell =
      Get("root", "/api/v1/cell?indicator=output_value&measure=value&period=2025-03&region=419001")
          .json();
  EXPECT_DOUBLE_EQ(cell["value"].get<double>(), 30.0);
  EXPECT_EQ(cell["n"], 1);
  // ... and the analyst still cannot read it.
  EXPECT_EQ(Get("zz_analyst", std::string("/api/v1/enterprises/") + kC).status, 404);
  // Figures for C answer with the very words of figures for an unknown enterprise.
  auto figures = [](const std::string& uscc) {
    const std::string obs = "uscc,period,indicator,value\n" + uscc + ",2025-04,output_value,5\n";
    httplib::MultipartFormDataItems file = {{"file", obs, "figures.csv", "text/csv"}};
    return Wrap(Client("zz_analyst").Post("/api/v1/imports", file));
  };
  Answer out = figures(kC), none = figures(kUnknown);
  EXPECT_EQ(out.status, 422) << out.body;
  EXPECT_EQ(out.status, none.status);
  EXPECT_EQ(Replace(out.body, kC, "#"), Replace(none.body, kUnknown, "#"));
}

// Finding 2 (and 5, 6): a city admin minted logins for another city's enterprise and a
// provincial unit; user creation was audited without its fields.
TEST_F(SecurityTest, CityAdminCannotMintOutOfScopeUsers) {
  Answer a = Post("zz_admin", "/api/v1/users",
                  {{"username", "mint1"},
                   {"password", "password-mint1"},
                   {"role", "enterprise"},
                   {"region", "410100"},
                   {"uscc", kC}});
  EXPECT_GE(a.status, 400) << a.body;
  EXPECT_LT(a.status, 500) << a.body;
  EXPECT_EQ(a.body.find("419001"), std::string::npos) << a.body;
  EXPECT_FALSE(UserExists("mint1"));
  a = Post("zz_admin", "/api/v1/users",
           {{"username", "mint2"},
            {"password", "password-mint2"},
            {"role", "enterprise"},
            {"region", "419001"},
            {"uscc", kC}});
  EXPECT_EQ(a.status, 403) << a.body;
  EXPECT_FALSE(UserExists("mint2"));
  a = Post("zz_admin", "/api/v1/users",
           {{"username", "mint3"},
            {"password", "password-mint3"},
            {"role", "handler"},
            {"region", "410100"},
            {"unit", kProvUnit}});
  EXPECT_EQ(a.status, 403) << a.body;
  EXPECT_FALSE(UserExists("mint3"));
  // No region at all must not mean the whole country.
  for (const Json& body :
       {Json{{"username", "mint4"}, {"password", "password-mint4"}, {"role", "admin"}},
        Json{{"username", "mint4"},
             {"password", "password-mint4"},
             {"role", "admin"},
             {"region", ""}}}) {
    a = Post("zz_admin", "/api/v1/users", body);
    EXPECT_EQ(a.status, 403) << a.body;
    EXPECT_FALSE(UserExists("mint4"));
  }
  // A user inside the scope is created, and the audit entry carries every field.
  auto audit = server_->ws().auth().ListAudit(0, 100000);
  ASSERT_TRUE(audit.ok());
  const int64_t last = audit->empty() ? 0 : audit->back().id;
  a = Post("zz_admin", "/api/v1/users",
           {{"username", "firm_a"},
            {"password", "password-firm_a"},
            {"role", "enterprise"},
            {"region", "410100"},
            {"uscc", kA}});
  EXPECT_EQ(a.status, 201) << a.body;
  audit = server_->ws().auth().ListAudit(last, 100000);
  ASSERT_TRUE(audit.ok());
  bool found = false;
  for (const auto& e : *audit) {
    if (e.action != "user.add" || e.target != "firm_a") continue;
    found = true;
    EXPECT_EQ(e.actor, "zz_admin");
    EXPECT_EQ(e.result, "success");
    for (const std::string& field : {std::string("role=enterprise"), std::string("region=410100"),
                                     std::string("uscc=") + kA, std::string("unit=")}) {
      EXPECT_NE(e.detail.find(field), std::string::npos) << field << " missing in: " << e.detail;
    }
  }
  EXPECT_TRUE(found);
}

// Finding 4: value ÷ share gave the province's total, contrib_pp ÷ contrib_share its growth.
TEST_F(SecurityTest, DerivedFiguresAgainstAnOutOfScopeParentAreNull) {
  const std::string q = std::string("indicator=output_value&period=2025-03&measures=") + kMeasures;
  const std::string cell = "/api/v1/cell?" + q + "&region=410100&of=region";
  const std::string table = "/api/v1/table?" + q + "&region=410100&dim=region";
  const std::string series =
      "/api/v1/series?" + q + "&from=2025-03&to=2025-03&region=410100&of=region";
  for (const char* m : {"share", "contrib_pp", "contrib_share"}) {
    Json c = Get("zz_analyst", cell).json();
    EXPECT_TRUE(c["values"][m].is_null()) << m << ": " << c.dump();
    EXPECT_DOUBLE_EQ(c["values"]["value"].get<double>(), 200.0);  // its own total stays
    Json t = Get("zz_analyst", table).json();
    EXPECT_TRUE(t["parent"]["values"][m].is_null()) << m << ": " << t.dump();
    Json s = Get("zz_analyst", series).json();
    ASSERT_EQ(s["points"].size(), 1u) << s.dump();
    EXPECT_TRUE(s["points"][0]["values"][m].is_null()) << m << ": " << s.dump();
    // The whole country's admin may divide: the same figures are there.
    EXPECT_FALSE(Get("root", cell).json()["values"][m].is_null()) << m;
    EXPECT_FALSE(Get("root", table).json()["parent"]["values"][m].is_null()) << m;
    EXPECT_FALSE(Get("root", series).json()["points"][0]["values"][m].is_null()) << m;
  }
  // Rows inside the scope keep theirs: 中原区 410102 holds all of 郑州 (200 of 200 = 100 %).
  Json t = Get("zz_analyst", table).json();
  bool zhongyuan = false;
  for (const auto& r : t["rows"]) {
    if (r["code"] != "410102") continue;
    zhongyuan = true;
    EXPECT_NEAR(r["values"]["share"].get<double>(), 100.0, 1e-9) << r.dump();
    EXPECT_FALSE(r["values"]["contrib_pp"].is_null());
  }
  EXPECT_TRUE(zhongyuan);
  Json child = Get("zz_analyst", "/api/v1/cell?" + q + "&region=410102&of=region").json();
  EXPECT_NEAR(child["values"]["share"].get<double>(), 100.0, 1e-9) << child.dump();
  // Rankings by share: the children's shares are of 郑州 (in scope); 郑州's own share of Henan
  // (200 / 230) appears nowhere in the answer.
  const std::string rank =
      "/api/v1/rankings?indicator=output_value&period=2025-03&measure=share&region=410100";
  Answer r = Get("zz_analyst", rank);
  ASSERT_EQ(r.status, 200) << r.body;
  Json rj = r.json();
  const double province_share = 200.0 / 230.0 * 100;
  bool ranked = false;
  for (const auto& row : rj["rows"]) {
    if (row["value"].is_null()) continue;
    EXPECT_GT(std::abs(row["value"].get<double>() - province_share), 1e-6) << row.dump();
    if (row["code"] == "410102") ranked = true;
  }
  EXPECT_TRUE(ranked) << r.body;
  if (rj.contains("parent")) {
    EXPECT_TRUE(rj["parent"]["values"]["share"].is_null()) << r.body;
  }
  // The country admin sees 郑州's share of Henan where it asks for it.
  Json root_cell =
      Get("root",
          "/api/v1/"
          "cell?indicator=output_value&period=2025-03&measure=share&region=410100&of=region")
          .json();
  EXPECT_NEAR(root_cell["value"].get<double>(), province_share, 1e-9) << root_cell.dump();
}

// Finding 5: a city analyst posted progress on province-wide targets; so did a handler of the
// lead unit whose scope is a city.
TEST_F(SecurityTest, ProgressOnlyOnTargetsOfTheCallersRegion) {
  const std::string path = "/api/v1/targets/henan2022.1.enterprises_served/progress";
  const Json body{{"value", 100}, {"date", "2022-06-30"}, {"note", "probe"}};
  Answer a = Post("zz_analyst", path, body);
  EXPECT_EQ(a.status, 403) << a.body;
  a = Post("zz_handler", path, body);
  EXPECT_EQ(a.status, 403) << a.body;
  a = Post("prov_handler", path, body);
  EXPECT_EQ(a.status, 201) << a.body;
  auto progress = server_->warnings().ListProgress("henan2022.1.enterprises_served");
  ASSERT_TRUE(progress.ok());
  ASSERT_EQ(progress->size(), 1u);
  EXPECT_EQ(progress->front().actor, "prov_handler");
}

// Finding 5: the country-wide appeal resolution rate, shown to a city viewer, let it infer
// other cities' ratings.
TEST_F(SecurityTest, CityViewerDoesNotSeeTheCountryWideInternalMetric) {
  auto find = [](const Json& list) {
    for (const auto& t : list["targets"]) {
      if (t["id"] == "henan2022.1.appeal_resolution_rate") return t;
    }
    return Json();
  };
  Json root = find(Get("root", "/api/v1/targets").json());
  ASSERT_FALSE(root.is_null());
  EXPECT_EQ(root["actual_source"], "internal");  // the fixture's 1 of 1 rated solved
  EXPECT_DOUBLE_EQ(root["actual"].get<double>(), 100.0);
  Answer a = Get("zz_viewer", "/api/v1/targets");
  ASSERT_EQ(a.status, 200) << a.body;
  Json city = find(a.json());
  ASSERT_FALSE(city.is_null());
  EXPECT_NE(city["actual_source"], "internal") << city.dump();
  EXPECT_TRUE(city["actual"].is_null()) << city.dump();
  Answer one = Get("zz_viewer", "/api/v1/targets/henan2022.1.appeal_resolution_rate");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_NE(one.json()["target"]["actual_source"], "internal") << one.body;
}

// Finding 6: out of scope answered 403 "region … is outside your scope" where absence
// answered 404 — an existence oracle.
TEST_F(SecurityTest, OutOfScopeReadsExactlyAsAbsent) {
  const std::string e = "/api/v1/enterprises/";
  for (const std::string tail : {"", "/series?indicator=output_value&from=2025-03&to=2025-03"}) {
    Answer out = Get("zz_analyst", e + kC + tail);
    Answer none = Get("zz_analyst", e + kUnknown + tail);
    EXPECT_EQ(out.status, 404) << out.body;
    EXPECT_EQ(out.status, none.status);
    EXPECT_EQ(out.body, none.body);
  }
  const std::string absent = "987654";
  auto same = [&](const Answer& out, const Answer& none, const std::string& id) {
    EXPECT_EQ(out.status, 404) << out.body;
    EXPECT_EQ(out.status, none.status) << out.body << " vs " << none.body;
    EXPECT_EQ(Replace(out.body, id, "#"), Replace(none.body, absent, "#"));
  };
  const std::string alert_out = std::to_string(ids_["alert_out"]);
  same(Get("zz_analyst", "/api/v1/alerts/" + alert_out),
       Get("zz_analyst", "/api/v1/alerts/" + absent), alert_out);
  const std::string appeal_out = std::to_string(ids_["appeal_out"]);
  same(Get("zz_analyst", "/api/v1/appeals/" + appeal_out),
       Get("zz_analyst", "/api/v1/appeals/" + absent), appeal_out);
  // Merging the 济源 appeal into one of 郑州.
  const Json into_in{{"version", versions_["appeal_out"]}, {"into", ids_["appeal_in"]}};
  same(Post("zz_dispatcher", "/api/v1/appeals/" + appeal_out + "/merge", into_in),
       Post("zz_dispatcher", "/api/v1/appeals/" + absent + "/merge", into_in), appeal_out);
  // Merging one of 郑州 into the 济源 appeal: the target's existence must not show either.
  const std::string in = "/api/v1/appeals/" + std::to_string(ids_["appeal_in"]) + "/merge";
  same(Post("zz_dispatcher", in,
            {{"version", versions_["appeal_in"]}, {"into", ids_["appeal_out"]}}),
       Post("zz_dispatcher", in,
            {{"version", versions_["appeal_in"]}, {"into", std::stoll(absent)}}),
       appeal_out);
  auto still = server_->service().GetAppeal({"root", auth::Role::kAdmin, "", "", "100000"},
                                            ids_["appeal_in"]);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->appeal.version, versions_["appeal_in"]) << "nothing was merged";
  // Filing an appeal for C answers like filing for an unknown enterprise, and files nothing.
  auto file = [](const std::string& uscc) {
    return Post("zz_dispatcher", "/api/v1/appeals",
                {{"uscc", uscc},
                 {"category", "financing"},
                 {"title", "probe"},
                 {"description", "probe"},
                 {"contact", "x"},
                 {"channel", "phone"}});
  };
  auto appeals_before =
      server_->service().ListAppeals({"root", auth::Role::kAdmin, "", "", "100000"}, {});
  ASSERT_TRUE(appeals_before.ok());
  Answer filed_out = file(kC), filed_none = file(kUnknown);
  EXPECT_EQ(filed_out.status, 404) << filed_out.body;
  EXPECT_EQ(filed_out.status, filed_none.status) << filed_out.body << " vs " << filed_none.body;
  EXPECT_EQ(Replace(filed_out.body, kC, "#"), Replace(filed_none.body, kUnknown, "#"));
  auto appeals_after =
      server_->service().ListAppeals({"root", auth::Role::kAdmin, "", "", "100000"}, {});
  ASSERT_TRUE(appeals_after.ok());
  EXPECT_EQ(appeals_after->size(), appeals_before->size());
  // C's 包联 officials: reading and assigning answer as for an unknown enterprise.
  for (const bool assign : {false, true}) {
    auto officials = [&](const std::string& uscc) {
      const std::string path = e + uscc + "/officials";
      return assign ? Post("zz_dispatcher", path,
                           {{"username", "zz_analyst"}, {"name", "probe"}, {"unit", "probe"}})
                    : Get("zz_dispatcher", path);
    };
    Answer out_o = officials(kC), none_o = officials(kUnknown);
    EXPECT_EQ(out_o.status, 404) << out_o.body;
    EXPECT_EQ(out_o.status, none_o.status);
    EXPECT_EQ(Replace(out_o.body, kC, "#"), Replace(none_o.body, kUnknown, "#"));
  }
  // A 济源 user reads as an unknown user, and is left as it was.
  Answer out = Patch("zz_admin", "/api/v1/users/jy_viewer", {{"disabled", true}});
  Answer none = Patch("zz_admin", "/api/v1/users/nobody_here", {{"disabled", true}});
  EXPECT_EQ(out.status, 404) << out.body;
  EXPECT_EQ(out.status, none.status);
  EXPECT_EQ(Replace(out.body, "jy_viewer", "#"), Replace(none.body, "nobody_here", "#"));
  EXPECT_FALSE(Token("jy_viewer").empty()) << "the 济源 user was disabled";
}

// Finding 7 (reliability): a running server did not see imports the CLI made into its store.
TEST(SecurityReliabilityTest, ServerSeesAnotherProcessesImportWithinSeconds) {
  TestServer ts;
  ASSERT_TRUE(
      ts.ws().auth().AddUser({"root", "password-root", "admin", "100000", "", ""}, "test").ok());
  auto session = ts.ws().auth().Login("root", "password-root", "probe");
  ASSERT_TRUE(session.ok());
  httplib::Client c("127.0.0.1", ts.port());
  c.set_bearer_token_auth(session->token.c_str());
  const char* path =
      "/api/v1/cell?indicator=output_value&measure=value&period=2025-03&region=419001";
  auto value = [&]() -> double {
    auto r = c.Get(path);
    if (!r || r->status != 200) return -1;
    return Json::parse(r->body)["value"].get<double>();
  };
  EXPECT_DOUBLE_EQ(value(), 30.0);  // C's hand figure
  // A second program on the same store file (the CLI) revises C's figure to 35.
  auto cli = app::Ballast::Open(ts.app().path());
  ASSERT_TRUE(cli.ok()) << cli.status().ToString();
  auto imported = (*cli)->Import(app::Caller::Local("cli"),
                                 "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
                                 "91330000755918469E,2025-03,output_value,35,,20,\n",
                                 "revise.csv");
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  ASSERT_EQ(imported->outcome.status, ingest::ImportStatus::kImported);
  const auto start = std::chrono::steady_clock::now();
  double seen = value();
  while (seen != 35.0 && std::chrono::steady_clock::now() - start < std::chrono::seconds(3)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    seen = value();
  }
  EXPECT_DOUBLE_EQ(seen, 35.0) << "the server still answers its old snapshot after 3 s";
}

// Finding 7 (reliability): a crash between a batch and the evaluation of the rules left the
// alerts stale, unnoticed by `ballast check` and not repaired by re-importing the file.
TEST(SecurityReliabilityTest, StaleEvaluationIsReportedAndRepaired) {
  TempDir dir;
  const std::string db = dir.File("s.db");
  auto created = app::Ballast::Create(db);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::unique_ptr<app::Ballast> b = std::move(created).value();
  const app::Caller local = app::Caller::Local("t");
  ASSERT_TRUE(b->Import(local, kEnterprisesCsv, "e.csv").ok());
  ASSERT_TRUE(b->Import(local, kObservationsCsv, "o.csv").ok());
  ASSERT_TRUE(b->EvaluationStale().ok());
  EXPECT_FALSE(*b->EvaluationStale());
  const std::string check = std::string(BALLAST_BINARY) + " check --db " + db + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0);
  // The batch is written, the evaluation never happens (the crash).
  auto raw = b->workspace().Import(kRevisionCsv, "rev.csv", "t");
  ASSERT_TRUE(raw.ok());
  ASSERT_EQ(raw->status, ingest::ImportStatus::kImported);
  EXPECT_TRUE(*b->EvaluationStale());
  EXPECT_NE(std::system(check.c_str()), 0) << "`ballast check` passes a store with stale alerts";
  // Re-importing the same file answers "unchanged" and repairs.
  auto again = b->Import(local, kRevisionCsv, "rev.csv");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome.status, ingest::ImportStatus::kUnchanged);
  EXPECT_FALSE(*b->EvaluationStale());
  EXPECT_EQ(std::system(check.c_str()), 0);
  // Another crash; RepairEvaluation (as serve and warn run it) repairs once.
  raw = b->workspace().Import(
      "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
      "91310115591693856A,2025-03,output_value,95,,,\n",
      "rev2.csv", "t");
  ASSERT_TRUE(raw.ok());
  EXPECT_TRUE(*b->EvaluationStale());
  auto repaired = b->RepairEvaluation();
  ASSERT_TRUE(repaired.ok());
  EXPECT_TRUE(*repaired);
  EXPECT_FALSE(*b->EvaluationStale());
  EXPECT_FALSE(*b->RepairEvaluation());
}

// Found by the probe above: the store's file check read the header through a descriptor of its
// own, and closing it dropped every POSIX lock the process's SQLite connections held on the
// file. Another process closing the store (`ballast check`, a CLI import) then took itself for
// the last user and deleted the WAL: a running server's later writes went to a deleted file,
// invisible to every other process and new connection.
TEST(SecurityReliabilityTest, WritesAfterAnotherProcessClosedTheStoreAreNotLost) {
  TempDir dir;
  const std::string db = dir.File("s.db");
  auto created = app::Ballast::Create(db);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::unique_ptr<app::Ballast> server = std::move(created).value();  // as `ballast serve` holds it
  const app::Caller local = app::Caller::Local("t");
  ASSERT_TRUE(server->Import(local, kEnterprisesCsv, "e.csv").ok());
  auto second = app::Ballast::Open(db);  // another opener in the same process
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(
      std::system((std::string(BALLAST_BINARY) + " check --db " + db + " >/dev/null 2>&1").c_str()),
      0);
  auto o = server->Import(local, kObservationsCsv, "o.csv");
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o->outcome.status, ingest::ImportStatus::kImported);
  // Another process lists the batch the server just wrote.
  std::string listed;
  FILE* p = ::popen((std::string(BALLAST_BINARY) + " batches --db " + db + " 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[512];
  while (std::fgets(buf, sizeof buf, p) != nullptr) listed += buf;
  EXPECT_EQ(::pclose(p), 0) << listed;
  EXPECT_NE(listed.find("o.csv"), std::string::npos) << listed;
  // So does a new connection of this process.
  auto fresh = app::Ballast::Open(db);
  ASSERT_TRUE(fresh.ok());
  auto batches = (*fresh)->workspace().Batches();
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(batches->size(), 2u);
}

}  // namespace
}  // namespace ballast::test
