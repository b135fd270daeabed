// The authorisation matrix: every route of the route table × every role × inside and outside
// the caller's region scope. Derived from ApiRoutes(), so a new route is covered (or fails here
// for want of example requests).
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <thread>

#include "api/route.h"
#include "api/server.h"
#include "app/parks.h"
#include "app/project_factors.h"
#include "app/projects.h"
#include "app/service.h"
#include "app/workspace.h"
#include "auth/roles.h"
#include "test/benefit_fixture.h"
#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using auth::Permission;
using auth::Role;

struct Caller {
  std::string name;  // user name, or "" for no credentials
  std::optional<Role> role;
  bool country = false;  // scope = the whole country (else 郑州 410100)
};

class AuthzTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    ws_ = &server_->ws();
    port_ = server_->port();
    auto add = [](const std::string& name, const std::string& role, const std::string& region, const std::string& unit,
                  const std::string& uscc) {
      ASSERT_TRUE(ws_->auth().AddUser({name, "password-" + name, role, region, unit, uscc}, "test").ok()) << name;
    };
    add("root", "admin", "100000", "", "");
    for (const char* r : {"admin", "analyst", "dispatcher", "viewer"}) add(r, r, "410100", "", "");
    add("handler", "handler", "410100", "省工业和信息化厅", "");
    add("enterprise", "enterprise", "410100", "", "91310110666007217T");
    add("outsider", "viewer", "419001", "", "");
    // Electricity down 60 % at B (郑州) and at C (济源): a red alert inside and one outside.
    ASSERT_EQ(ws_->Import("uscc,period,indicator,value\n"
                          "91310115591693856A,2024-03,electricity,100\n91310115591693856A,2025-03,electricity,40\n"
                          "91330000755918469E,2024-03,electricity,100\n91330000755918469E,2025-03,electricity,40\n",
                          "power.csv", "t")->status,
              ingest::ImportStatus::kImported);
    app::Warnings& w = server_->warnings();
    ASSERT_TRUE(w.Evaluate("2025-04-15T00:00:00Z").ok());
    app::AlertFilter f;
    f.rule_id = "ent_electricity_drop";
    auto alerts = w.ListAlerts(f);
    ASSERT_TRUE(alerts.ok());
    for (const auto& a : *alerts) {
      if (a.region == "410102") ids_["alert_in"] = std::to_string(a.id);
      if (a.region == "419001") ids_["alert_out"] = std::to_string(a.id);
    }
    ASSERT_EQ(ids_.size(), 2u);
    // The handler's unit is responsible for the alert inside its scope.
    const int64_t in = std::stoll(ids_["alert_in"]);
    ASSERT_TRUE(w.Acknowledge(in, "root").ok());
    ASSERT_TRUE(w.Assign(in, "省工业和信息化厅", "2030-01-31", "root").ok());
    // An appeal of A (郑州), dispatched to the handler's unit, and one of C (济源).
    app::Service& svc = server_->service();
    const app::ServiceActor root{"root", auth::Role::kAdmin, "", "", "100000"};
    for (auto [name, uscc] : {std::pair{"appeal_in", "91310110666007217T"}, {"appeal_out", "91330000755918469E"}}) {
      app::NewAppeal n;
      n.uscc = uscc;
      n.category = "financing";
      n.title = "fixture";
      n.description = "fixture";
      n.contact = "x";
      n.channel = "phone";
      auto filed = svc.FileAppeal(root, n);
      ASSERT_TRUE(filed.ok()) << filed.status().ToString();
      ids_[name] = std::to_string(filed->appeal.id);
      auto file = svc.AddAttachment(root, filed->appeal.id, "fixture.pdf", "%PDF-1.4 fixture", false);
      ASSERT_TRUE(file.ok()) << file.status().ToString();
      ids_[name == std::string("appeal_in") ? "attachment_in" : "attachment_out"] = std::to_string(file->id);
    }
    {
      const int64_t id = std::stoll(ids_["appeal_in"]);
      auto accepted = svc.Accept(root, {id, 1, "", ""});
      ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
      auto dispatched = svc.Dispatch(root, {id, accepted->version, "", ""}, {"省工业和信息化厅", {}, ""});
      ASSERT_TRUE(dispatched.ok()) << dispatched.status().ToString();
    }
    for (auto [name, region] : {std::pair{"silence_in", "410100"}, {"silence_out", "419001"}}) {
      auto s = w.CreateSilence({"", "", "", region, "fixture", "", "2030-01-01T00:00:00Z"}, "root");
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      ids_[name] = std::to_string(s->id);
    }
    // Major projects (issue 15): one in 郑州 for the handler's unit and enterprise A, one in 济源.
    {
      const app::Caller root_caller = app::Caller::Local("root");
      auto sum = app::ImportProjects(server_->app(), root_caller,
                                     "code,name,region,investor_uscc,investor_name,unit,signed\n"
                                     "PRJ-IN,郑州项目,410102,91310110666007217T,甲,省工业和信息化厅,2025-01-12\n"
                                     "PRJ-OUT,济源项目,419001,,丁公司,济源市发改委,2025-01-12\n",
                                     "projects.csv");
      ASSERT_TRUE(sum.ok()) << sum.status().ToString();
      auto ps = app::ListProjects(server_->app(), root_caller, {});
      ASSERT_TRUE(ps.ok() && ps->size() == 2u);
      for (const auto& p : *ps) ids_[p.code == "PRJ-IN" ? "project_in" : "project_out"] = std::to_string(p.id);
      // A factor-guarantee item of each, the one in 郑州 dispatched to the handler's unit.
      for (auto [name, project] : {std::pair{"factor_in", "project_in"}, {"factor_out", "project_out"}}) {
        auto item = app::OpenFactorItem(server_->app(), root_caller,
                                        {std::stoll(ids_[project]), "land", "fixture", "省工业和信息化厅", 10});
        ASSERT_TRUE(item.ok()) << item.status().ToString();
        ids_[name] = std::to_string(item->item.id);
        if (std::string(name) == "factor_in") {
          app::FactorStepRequest step;
          step.id = item->item.id;
          step.version = item->item.version;
          step.action = "dispatch";
          ASSERT_TRUE(app::StepFactorItem(server_->app(), root_caller, step).ok());
        }
      }
    }
    // Parks (issue 15 item 2): one in 郑州, one in 济源.
    {
      auto n = app::ImportParkFile(server_->app(), app::Caller::Local("root"), app::ParkImportKind::kParks,
                                   "code,name,level,region,area_mu,industrial_land_share,leading_industries\n"
                                   "PARK-IN,郑州园,national,410100,1000,0.6,33\n"
                                   "PARK-OUT,济源园,provincial,419001,500,0.5,33\n",
                                   "parks.csv");
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      ids_["park_in"] = "PARK-IN";
      ids_["park_out"] = "PARK-OUT";
    }
    AddBenefitFixtures(server_->app(), ids_);  // policy matching (issue 14 item 6)
  }
  static void TearDownTestSuite() { delete server_; }
  static std::string Token(const std::string& user) {
    auto s = ws_->auth().Login(user, "password-" + user, "matrix");
    EXPECT_TRUE(s.ok()) << user;
    return s.ok() ? s->token : "";
  }
  static httplib::Result Send(const api::Route& r, const std::string& path, const std::string& token,
                              const std::string& tag, bool outside) {
    httplib::Client c("127.0.0.1", port_);
    if (!token.empty()) c.set_bearer_token_auth(token.c_str());
    if (r.method == "GET") return c.Get(path.c_str());
    if (r.method == "DELETE") return c.Delete(path.c_str());
    if (r.path == "/api/v1/commodities") {
      httplib::MultipartFormDataItems items = {
          {"file", "code,name,unit,date,price,stock_days\ncoal,动力煤,元/吨,2025-03-01,700,12\n", tag + ".csv", "text/csv"}};
      return c.Post(path.c_str(), items);
    }
    if (r.path == "/api/v1/imports") {
      // An enterprises file with one enterprise, in 郑州 or (outside) in 济源.
      std::string csv = std::string("uscc,name,region,industry,size,tags\n") +
                        (outside ? "914403001922038216,丁公司,419001,3311,small,\n"
                                 : "914403001922038216,丁公司,410102,3311,small,\n");
      httplib::MultipartFormDataItems items = {{"file", csv, tag + ".csv", "text/csv"}};
      return c.Post(path.c_str(), items);
    }
    std::string body = r.example_body;
    for (auto [from, to] : {std::pair<std::string, std::string>{"new-user", "u-" + tag},
                            {"410100", outside ? "419001" : "410100"},
                            {"91310110666007217T", outside ? "91330000755918469E" : "91310110666007217T"}}) {
      if (auto at = body.find(from); at != std::string::npos) body.replace(at, from.size(), to);
    }
    if (r.method == "PATCH") return c.Patch(path.c_str(), body, "application/json");
    if (r.method == "PUT") return c.Put(path.c_str(), body, "application/json");
    return c.Post(path.c_str(), body, "application/json");
  }

  static app::Workspace* ws_;
  static TestServer* server_;
  static std::map<std::string, std::string> ids_;  // placeholder -> id of a fixture object
  static int port_;
};
app::Workspace* AuthzTest::ws_ = nullptr;
TestServer* AuthzTest::server_ = nullptr;
std::map<std::string, std::string> AuthzTest::ids_;
int AuthzTest::port_ = 0;

TEST_F(AuthzTest, EveryRouteEveryRoleInAndOutOfScope) {
  const std::vector<Caller> callers = {
      {"", std::nullopt},          {"root", Role::kAdmin, true},   {"admin", Role::kAdmin},
      {"analyst", Role::kAnalyst}, {"dispatcher", Role::kDispatcher}, {"handler", Role::kHandler},
      {"enterprise", Role::kEnterprise}, {"viewer", Role::kViewer},
  };
  // Figures and identities of 济源, outside every 郑州-scoped caller: C's code and name, its
  // value 30 and the province's 230.
  const std::vector<std::string> secrets = {"91330000755918469E", "丙机械有限公司", ":30,", ":30}", ":230,", ":230}"};
  int checked = 0;
  for (const auto& r : api::ApiRoutes()) {
    ASSERT_FALSE(r.example_in.empty() && r.example_out.empty())
        << r.method << " " << r.path << " has no example request";
    for (const auto& caller : callers) {
      for (bool outside : {false, true}) {
        std::string path = outside ? r.example_out : r.example_in;
        if (path.empty()) continue;
        for (const auto& [name, id] : ids_) {
          const std::string key = "{" + name + "}";
          if (auto at = path.find(key); at != std::string::npos) path.replace(at, key.size(), id);
        }
        // A failed login counts against the address's throttle: try it once, without credentials.
        if (r.method == "POST" && r.path == "/api/v1/session" && !caller.name.empty()) continue;
        const std::string tag = caller.name + (outside ? "-out" : "-in");
        const std::string token = caller.name.empty() ? "" : Token(caller.name);
        auto res = Send(r, path, token, tag, outside);
        ASSERT_TRUE(res) << r.method << " " << path;
        const std::string what = r.method + " " + path + " as " + (caller.name.empty() ? "nobody" : caller.name);
        ++checked;
        if (r.method == "POST" && r.path == "/api/v1/session") {
          EXPECT_EQ(res->status, 401) << what;  // the example logs in with a wrong password
          continue;
        }
        if (r.permission == Permission::kPublic) {
          EXPECT_EQ(res->status, 200) << what;
          continue;
        }
        if (!caller.role) {
          EXPECT_EQ(res->status, 401) << what;
          continue;
        }
        if (!auth::RoleAllows(*caller.role, r.permission)) {
          EXPECT_EQ(res->status, 403) << what << ": " << res->body;
          continue;
        }
        if (r.example_needs && !auth::RoleAllows(*caller.role, *r.example_needs)) {
          // Refused by the use case itself (wrong party: 403; invisible: 404; or an illegal step
          // checked first: 409): never a success.
          EXPECT_GE(res->status, 403) << what << ": " << res->body;
          EXPECT_LT(res->status, 500) << what << ": " << res->body;
          if (!caller.country) {
            for (const auto& s : secrets) EXPECT_EQ(res->body.find(s), std::string::npos) << what << " leaks " << s;
          }
          continue;
        }
        const bool audit = r.path.rfind("/api/v1/audit", 0) == 0;
        if (outside && !caller.country) {
          if (r.path == "/api/v1/imports" && r.method == "POST") {
            EXPECT_EQ(res->status, 422) << what;  // the row outside the scope is an error
            EXPECT_NE(res->body.find("outside your region scope"), std::string::npos) << what;
          } else {
            // Refused: 403, or 404 where the use case hides what the caller may not see.
            EXPECT_TRUE(res->status == 403 || res->status == 404) << what << ": " << res->status << " " << res->body;
          }
        } else if (audit && !caller.country) {
          EXPECT_EQ(res->status, 403) << what;
        } else if (r.method == "GET") {
          EXPECT_GE(res->status, 200) << what << ": " << res->body;
          EXPECT_LT(res->status, 300) << what << ": " << res->body;
        } else {
          // Allowed writes may still be refused by the state machine (409) or validation (400).
          EXPECT_NE(res->status, 401) << what << ": " << res->body;
          EXPECT_NE(res->status, 403) << what << ": " << res->body;
          EXPECT_LT(res->status, 500) << what << ": " << res->body;
        }
        if (!caller.country) {
          for (const auto& s : secrets) EXPECT_EQ(res->body.find(s), std::string::npos) << what << " leaks " << s;
        }
      }
    }
  }
  EXPECT_GT(checked, 200);
}

TEST_F(AuthzTest, CookieWritesNeedTheCsrfToken) {
  httplib::Client c("127.0.0.1", port_);
  auto login = c.Post("/api/v1/session", R"({"username":"analyst","password":"password-analyst"})", "application/json");
  ASSERT_EQ(login->status, 200);
  const std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  httplib::Headers with_cookie = {{"Cookie", std::string("ballast_session=") + token}};
  auto get = c.Get("/api/v1/session", with_cookie);
  ASSERT_EQ(get->status, 200);
  const std::string csrf = get->body.substr(get->body.find("\"csrf_token\":\"") + 14, 32);
  auto no_csrf = c.Delete("/api/v1/session", with_cookie);
  EXPECT_EQ(no_csrf->status, 403);
  with_cookie.insert({"X-CSRF-Token", csrf});
  auto logout = c.Delete("/api/v1/session", with_cookie);
  EXPECT_EQ(logout->status, 200);
  // Replay of the logged-out token is refused.
  EXPECT_EQ(c.Get("/api/v1/session", with_cookie)->status, 401);
}

TEST_F(AuthzTest, LoginIsThrottledAndRefusalsAreAudited) {
  httplib::Client c("127.0.0.1", port_);
  // Five failures lock the account and the address (the matrix already spent one of the
  // address's five).
  int refused = 0, throttled = 0;
  for (int i = 0; i < 6; ++i) {
    int st = c.Post("/api/v1/session", R"({"username":"dispatcher","password":"nope"})", "application/json")->status;
    refused += st == 401;
    throttled += st == 429;
  }
  EXPECT_GE(refused, 4);
  EXPECT_GE(throttled, 1);
  auto locked = c.Post("/api/v1/session", R"({"username":"dispatcher","password":"password-dispatcher"})", "application/json");
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(locked->get_header_value("Retry-After"), "900");
  httplib::Client viewer("127.0.0.1", port_);
  const std::string token = Token("viewer");
  viewer.set_bearer_token_auth(token.c_str());
  EXPECT_EQ(viewer.Get("/api/v1/imports")->status, 403);
  auto entries = ws_->auth().ListAudit(0, 0);
  int failures = 0, denials = 0;
  for (const auto& e : *entries) {
    failures += e.action == "login" && e.result == "failure";
    denials += e.action == "denied";
  }
  EXPECT_GE(failures, 4);
  EXPECT_GT(denials, 0);
  // A write through the API is on the record with who, what and the result.
  httplib::Client dispatcher("127.0.0.1", port_);
  const std::string dtoken = Token("admin");
  dispatcher.set_bearer_token_auth(dtoken.c_str());
  auto silence = dispatcher.Post("/api/v1/silences", R"({"region":"410100","reason":"audit","ends_at":"2031-01-01T00:00:00Z"})",
                                 "application/json");
  ASSERT_EQ(silence->status, 201) << silence->body;
  auto after = ws_->auth().ListAudit(0, 0);
  const auto& last = after->back();
  EXPECT_EQ(last.action, "write");
  EXPECT_EQ(last.actor, "admin");
  EXPECT_EQ(last.target, "POST /api/v1/silences");
  EXPECT_EQ(last.result, "success");
  EXPECT_TRUE(ws_->auth().VerifyAudit().ok());
}

}  // namespace
}  // namespace ballast::test
