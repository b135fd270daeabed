// The HTTP contract: the OpenAPI document's schemas resolve and are never bare objects, and the
// answers of every route (its example request from the route table, sent as the whole country's
// administrator) conform to the response schema the route declares, or to Error when the
// example cannot succeed. Derived from ApiRoutes(), so a new route is covered.
#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "api/route.h"
#include "app/parks.h"
#include "app/project_factors.h"
#include "app/projects.h"
#include "app/service.h"
#include "app/workspace.h"
#include "test/schema_validator.h"
#include "test/benefit_fixture.h"
#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

Json Document() { return Json::parse(api::OpenApiJson()); }
Json Ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }

// Calls visit(node, path) on every object and array node of the document.
void Walk(const Json& j, const std::string& path,
          const std::function<void(const Json&, const std::string&)>& visit) {
  visit(j, path);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) Walk(v, path + "/" + k, visit);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) Walk(j[i], path + "/" + std::to_string(i), visit);
  }
}

TEST(SchemaValidatorTest, FindsTheFirstMismatchWithItsPath) {
  const Json components = Json::parse(R"({
    "P": {"type":"object","required":["a"],"properties":{"a":{"type":"integer"},
          "b":{"type":"array","items":{"$ref":"#/components/schemas/Q"}}},"additionalProperties":false},
    "Q": {"type":"object","properties":{"x":{"type":"number","nullable":true},"e":{"type":"string","enum":["u","v"]}},
          "additionalProperties":{"type":"boolean"}}})");
  SchemaValidator v(components);
  const Json p = Ref("P");
  EXPECT_EQ(v.Check(p, Json::parse(R"({"a":1,"b":[{"x":null,"e":"u","flag":true},{"x":2.5}]})")),
            std::nullopt);
  EXPECT_EQ(v.Check(p, Json::parse(R"({"b":[]})")), "$: missing required 'a'");
  EXPECT_EQ(v.Check(p, Json::parse(R"({"a":1.5})")), "$.a: expected integer, got 1.5");
  EXPECT_EQ(v.Check(p, Json::parse(R"({"a":1,"c":0})")), "$.c: not in the schema");
  EXPECT_EQ(v.Check(p, Json::parse(R"({"a":1,"b":[{},{"e":"w"}]})")),
            R"($.b[1].e: "w" is not one of ["u","v"])");
  EXPECT_EQ(v.Check(p, Json::parse(R"({"a":1,"b":[{"flag":1}]})")),
            "$.b[0].flag: expected boolean, got 1");
  EXPECT_EQ(v.Check(p, Json::parse(R"({"a":null})")), "$.a: expected integer, got null");
  EXPECT_EQ(v.Check(Ref("R"), Json::object()), "$: unresolved $ref #/components/schemas/R");
}

TEST(ContractTest, EveryRefResolvesAndNoSchemaIsABareObject) {
  const Json doc = Document();
  const Json& schemas = doc["components"]["schemas"];
  ASSERT_TRUE(schemas.contains("Error"));
  ASSERT_TRUE(schemas.contains("Measure"));
  int refs = 0;
  Walk(doc, "#", [&](const Json& node, const std::string& path) {
    if (!node.is_object()) return;
    if (node.contains("$ref") && node["$ref"].is_string()) {
      ++refs;
      const std::string ref = node["$ref"];
      const std::string prefix = "#/components/schemas/";
      EXPECT_TRUE(ref.rfind(prefix, 0) == 0 && schemas.contains(ref.substr(prefix.size())))
          << path << ": $ref " << ref << " does not resolve";
    }
    if (node.contains("type") && node["type"] == "object") {
      EXPECT_TRUE(node.contains("properties") || node.contains("additionalProperties"))
          << path << " is a bare object schema";
    }
  });
  EXPECT_GT(refs, 100);
  // Every route names schemas that exist.
  for (const auto& r : api::ApiRoutes()) {
    // A media type (the metrics text, the bulletin's files) instead of a schema is declared as
    // such in the document.
    EXPECT_TRUE(schemas.contains(r.response) || r.response.find('/') != std::string::npos)
        << r.method << " " << r.path << ": response " << r.response;
    if (!r.body.empty() && r.body != "multipart") {
      EXPECT_TRUE(schemas.contains(r.body)) << r.method << " " << r.path << ": body " << r.body;
    }
  }
}

class ContractCallsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    app::Workspace& ws = server_->ws();
    for (const char* name : {"root", "viewer", "analyst"}) {
      const std::string role = std::string(name) == "root" ? "admin" : name;
      ASSERT_TRUE(ws.auth()
                      .AddUser({name, std::string("password-") + name, role,
                                name == std::string("root") ? "100000" : "410100", "", ""},
                               "test")
                      .ok());
    }
    // Electricity down 60 % at B (郑州): a red alert.
    ASSERT_EQ(ws.Import("uscc,period,indicator,value\n"
                        "91310115591693856A,2024-03,electricity,100\n91310115591693856A,2025-03,"
                        "electricity,40\n",
                        "power.csv", "t")
                  ->status,
              ingest::ImportStatus::kImported);
    app::Warnings& w = server_->warnings();
    ASSERT_TRUE(w.Evaluate("2025-04-15T00:00:00Z").ok());
    app::AlertFilter f;
    f.rule_id = "ent_electricity_drop";
    auto alerts = w.ListAlerts(f);
    ASSERT_TRUE(alerts.ok() && !alerts->empty());
    ids_["alert_in"] = ids_["alert_out"] = std::to_string(alerts->front().id);
    // An appeal of A (郑州), accepted and dispatched, so that it may be escalated.
    app::Service& svc = server_->service();
    const app::ServiceActor root{"root", auth::Role::kAdmin, "", "", "100000"};
    app::NewAppeal n;
    n.uscc = "91310110666007217T";
    n.category = "financing";
    n.title = n.description = n.contact = "fixture";
    n.channel = "phone";
    auto filed = svc.FileAppeal(root, n);
    ASSERT_TRUE(filed.ok()) << filed.status().ToString();
    auto accepted = svc.Accept(root, {filed->appeal.id, filed->appeal.version, "", ""});
    ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
    ASSERT_TRUE(svc.Dispatch(root, {filed->appeal.id, accepted->version, "", ""},
                             {"省工业和信息化厅", {}, ""})
                    .ok());
    ids_["appeal_in"] = ids_["appeal_out"] = std::to_string(filed->appeal.id);
    auto file = svc.AddAttachment(root, filed->appeal.id, "fixture.pdf", "%PDF-1.4 fixture", false);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ids_["attachment_in"] = ids_["attachment_out"] = std::to_string(file->id);
    auto s = w.CreateSilence({"", "", "", "410100", "fixture", "", "2030-01-01T00:00:00Z"}, "root");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ids_["silence_in"] = ids_["silence_out"] = std::to_string(s->id);
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
    // Parks (issue 15 item 2): A in a 郑州 park with its land, energy and tax of 2025.
    {
      const app::Caller root_caller = app::Caller::Local("root");
      for (auto [kind, csv] :
           {std::pair{app::ParkImportKind::kParks,
                      "code,name,level,region,area_mu,industrial_land_share,leading_industries\n"
                      "PARK-IN,郑州园,national,410100,1000,0.6,33\n"},
            {app::ParkImportKind::kMembers, "park,uscc,from\nPARK-IN,91310110666007217T,2020-01-01\n"},
            {app::ParkImportKind::kResources,
             "uscc,year,land_mu,energy_tce,tax,rd_expense\n91310110666007217T,2025,10,50,200,\n"}}) {
        auto rows = app::ImportParkFile(server_->app(), root_caller, kind, csv, "parks.csv");
        ASSERT_TRUE(rows.ok()) << rows.status().ToString();
      }
      ids_["park_in"] = ids_["park_out"] = "PARK-IN";
    }
    AddBenefitFixtures(server_->app(), ids_);  // policy matching (issue 14 item 6)
  }
  static void TearDownTestSuite() { delete server_; }

  static httplib::Result Send(const api::Route& r, const std::string& path,
                              const std::string& token) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    c.set_bearer_token_auth(token.c_str());
    if (r.method == "GET") return c.Get(path.c_str());
    if (r.method == "DELETE") return c.Delete(path.c_str());
    if (r.path == "/api/v1/commodities") {
      httplib::MultipartFormDataItems items = {
          {"file", "code,name,unit,date,price,stock_days\ncoal,动力煤,元/吨,2025-03-01,700,12\n",
           "c.csv", "text/csv"}};
      return c.Post(path.c_str(), items);
    }
    if (r.path == "/api/v1/imports") {
      httplib::MultipartFormDataItems items = {
          {"file",
           "uscc,name,region,industry,size,tags\n914403001922038216,丁公司,410102,3311,small,\n",
           "e2.csv", "text/csv"}};
      return c.Post(path.c_str(), items);
    }
    if (r.method == "PATCH") return c.Patch(path.c_str(), r.example_body, "application/json");
    if (r.method == "PUT") return c.Put(path.c_str(), r.example_body, "application/json");
    return c.Post(path.c_str(), r.example_body, "application/json");
  }

  static TestServer* server_;
  static std::map<std::string, std::string> ids_;  // placeholder -> id of a fixture object
};
TestServer* ContractCallsTest::server_ = nullptr;
std::map<std::string, std::string> ContractCallsTest::ids_;

TEST_F(ContractCallsTest, EveryAnswerConformsToItsSchema) {
  const Json doc = Document();
  const SchemaValidator v(doc["components"]["schemas"]);
  int conforming = 0, errors = 0;
  for (const auto& r : api::ApiRoutes()) {
    std::string path = r.example_in.empty() ? r.example_out : r.example_in;
    ASSERT_FALSE(path.empty()) << r.method << " " << r.path << " has no example request";
    for (const auto& [name, id] : ids_) {
      const std::string key = "{" + name + "}";
      if (auto at = path.find(key); at != std::string::npos) path.replace(at, key.size(), id);
    }
    // A fresh session per call: DELETE /session ends the one it is sent with.
    auto session = server_->ws().auth().Login("root", "password-root", "contract");
    ASSERT_TRUE(session.ok());
    auto res = Send(r, path, session->token);
    const std::string what = r.method + " " + path;
    ASSERT_TRUE(res) << what;
    EXPECT_LT(res->status, 500) << what << ": " << res->body;
    if (r.response.find('/') != std::string::npos) {  // a declared media type (the metrics text)
      EXPECT_EQ(res->status, r.status) << what;
      EXPECT_EQ(res->get_header_value("Content-Type"), r.response) << what;
      continue;
    }
    Json body = Json::parse(res->body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << what << " answered no JSON: " << res->body;
    const bool ok = res->status >= 200 && res->status < 300;
    if (ok) {
      EXPECT_EQ(v.Check(Ref(r.response), body), std::nullopt) << what << " (" << r.response << ")";
      // The success status is the one the document declares (a file imported again: 200,
      // unchanged).
      if (r.path != "/api/v1/imports") {
        EXPECT_EQ(res->status, r.status) << what;
      }
      ++conforming;
      // A body the server accepted conforms to the route's request schema.
      if (!r.body.empty() && r.body != "multipart" && !r.example_body.empty()) {
        EXPECT_EQ(v.Check(Ref(r.body), Json::parse(r.example_body)), std::nullopt)
            << what << " request " << r.body;
      }
    } else {
      EXPECT_EQ(v.Check(Ref("Error"), body), std::nullopt)
          << what << " (Error, status " << res->status << ")";
      ++errors;
      std::cout << "[ contract ] " << what << " -> " << res->status << " (validated as Error)\n";
    }
  }
  EXPECT_GT(conforming, 40);
}

// The writes whose route-table examples are refused on purpose (a wrong password, an empty rule
// or calendar, a stale version), sent so that they succeed: their answers and bodies conform too.
TEST_F(ContractCallsTest, WritesTheExamplesRefuseConformWhenTheySucceed) {
  const Json doc = Document();
  const SchemaValidator v(doc["components"]["schemas"]);
  httplib::Client c("127.0.0.1", server_->port());
  c.set_read_timeout(30, 0);
  auto expect = [&](const httplib::Result& res, const std::string& what,
                    const std::string& schema) {
    ASSERT_TRUE(res) << what;
    ASSERT_TRUE(res->status == 200 || res->status == 201)
        << what << ": " << res->status << " " << res->body;
    EXPECT_EQ(v.Check(Ref(schema), Json::parse(res->body)), std::nullopt) << what;
  };
  const Json login{{"username", "root"}, {"password", "password-root"}};
  EXPECT_EQ(v.Check(Ref("Login"), login), std::nullopt);
  auto session = c.Post("/api/v1/session", login.dump(), "application/json");
  expect(session, "POST /api/v1/session", "Session");
  c.set_bearer_token_auth(Json::parse(session->body)["token"].get<std::string>().c_str());

  auto rules = c.Get("/api/v1/rules");
  expect(rules, "GET /api/v1/rules", "Rules");
  const Json rule_list = Json::parse(rules->body)["rules"];
  for (const auto& r : rule_list) {
    EXPECT_EQ(v.Check(Ref("RuleBody"), r["rule"]), std::nullopt) << r["id"];
  }
  expect(c.Post("/api/v1/rules", rule_list.at(0)["rule"].dump(), "application/json"),
         "POST /api/v1/rules", "Rule");

  auto calendar = c.Get("/api/v1/service/calendar");
  expect(calendar, "GET /api/v1/service/calendar", "Calendar");
  expect(c.Put("/api/v1/service/calendar", calendar->body, "application/json"),
         "PUT /api/v1/service/calendar", "Calendar");

  const std::string appeal = "/api/v1/appeals/" + ids_["appeal_in"];
  auto view = c.Get(appeal.c_str());
  expect(view, "GET " + appeal, "AppealView");
  const Json step{{"version", Json::parse(view->body)["appeal"]["version"]},
                  {"reason", "contract"}};
  EXPECT_EQ(v.Check(Ref("AppealStep"), step), std::nullopt);
  expect(c.Post((appeal + "/escalate").c_str(), step.dump(), "application/json"),
         "POST " + appeal + "/escalate", "AppealAnswer");

  // A factor item's step with the version read (the matrix example sends a stale one).
  const std::string item = "/api/v1/projects/factors/" + ids_["factor_in"];
  auto item_view = c.Get(item.c_str());
  expect(item_view, "GET " + item, "FactorItemView");
  const Json start{{"version", Json::parse(item_view->body)["item"]["version"]},
                   {"action", "escalate"},
                   {"reason", "contract"}};
  EXPECT_EQ(v.Check(Ref("FactorStep"), start), std::nullopt);
  expect(c.Post((item + "/steps").c_str(), start.dump(), "application/json"),
         "POST " + item + "/steps", "FactorItemAnswer");
}

}  // namespace
}  // namespace ballast::test
