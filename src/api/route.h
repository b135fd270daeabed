// One route of the API, declared once: method, path, the permission it needs, its parameters,
// request body and response (names of schemas in api/schemas.json), and its handler. The
// router (server.cpp), the OpenAPI document (openapi.cpp), the authorisation matrix and the
// contract tests are all derived from these declarations.
#ifndef BALLAST_API_ROUTE_H_
#define BALLAST_API_ROUTE_H_

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/ballast.h"
#include "app/caller.h"
#include "app/users.h"

namespace ballast::api {

// What a handler knows about the request beyond HTTP.
struct Ctx {
  app::Ballast& app;
  const app::Caller* caller = nullptr;         // null on public routes
  const auth::Principal* principal = nullptr;  // the session behind the caller
  std::string address;
  bool tls = false;
};

using Handler = void (*)(const Ctx&, const httplib::Request&, httplib::Response&);

struct ParamSpec {
  std::string name;
  std::string type = "string";  // string | integer | number | boolean
  bool required = false;
  std::string description;
  std::vector<std::string> values = {};  // the allowed values, when they are a fixed set
  std::string in = "query";         // query | path
};

struct Route {
  std::string method, path, summary;
  auth::Permission permission;
  std::vector<ParamSpec> params;
  std::string body;      // request body schema; "multipart" = a file in field 'file'; "" = none
  std::string response;  // schema of the success answer; a media type ("text/plain; …") = not JSON
  int status = 200;      // the success status
  Handler handler = nullptr;
  // Example requests for the authorisation matrix (test/authz_test.cpp): one inside the
  // caller's region scope (郑州 410100) and one outside; placeholders in braces ({alert_in}, …)
  // name objects the test fixture creates. A route for the whole country's users only has no
  // in-scope example. example_needs: the permission the examples need beyond the route's.
  std::string example_in, example_out, example_body;
  std::optional<auth::Permission> example_needs = std::nullopt;
};

// Every route, in the order the OpenAPI document lists them.
const std::vector<Route>& ApiRoutes();
// The routes of each area (handlers_*.cpp).
std::vector<Route> CoreRoutes();
std::vector<Route> AnalysisRoutes();
std::vector<Route> WarnRoutes();
std::vector<Route> ServiceRoutes();
std::vector<Route> ServiceJointRoutes();  // 会办 and 督办 (handlers_service_joint.cpp)
std::vector<Route> OpsRoutes();
std::vector<Route> MonthRoutes();
std::vector<Route> ChainRoutes();
std::vector<Route> RegionSeriesRoutes();  // handlers_region_series.cpp (issue #12 item 4)
std::vector<Route> ChainScenarioRoutes();  // part of ChainRoutes()
std::vector<Route> BulletinRoutes();  // the monthly bulletin (handlers_bulletin.cpp)
std::vector<Route> ProjectRoutes();  // major projects (issue 15)
std::vector<Route> ProjectFactorRoutes();  // the factor-guarantee ledger (handlers_project_factors.cpp)
std::vector<Route> ParkRoutes();  // parks and 亩均 evaluation (issue 15 item 2)
std::vector<Route> CultivationRoutes();  // 培育库, 小升规, 专精特新 (issue 15 item 3)
std::vector<Route> BenefitRoutes();  // policy matching, standard answers (issue 14 item 6)

// The OpenAPI 3 document of ApiRoutes() (openapi.cpp).
std::string OpenApiJson();
// The schemas the routes name (api/schemas.json, linked into the binary).
std::string_view SchemasJson();

}  // namespace ballast::api

#endif  // BALLAST_API_ROUTE_H_
