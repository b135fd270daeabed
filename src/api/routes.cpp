// The route table: every route of the API, the permission it needs and example requests.
#include "api/server.h"

namespace ballast::api {

using auth::Permission;

const std::vector<RouteInfo>& ApiRoutes() {
  // Examples: the fixture of test/authz_test.cpp has enterprises in 郑州 (410102) and 济源
  // (419001); scoped users sit at 410100 郑州.
  static const std::string kCell = "indicator=output_value&period=2025-03&";
  static const std::vector<RouteInfo> routes = {
      {"GET", "/api/v1/health", "Service health", Permission::kPublic, "/api/v1/health", "", ""},
      {"GET", "/api/v1/openapi.json", "This API as OpenAPI 3", Permission::kPublic, "/api/v1/openapi.json", "", ""},
      {"POST", "/api/v1/session", "Log in (JSON username, password); sets an HttpOnly cookie and returns a bearer token",
       Permission::kPublic, "/api/v1/session", "", R"({"username":"nobody","password":"wrong-password"})"},
      {"GET", "/api/v1/session", "The caller's user, role, scope and CSRF token", Permission::kAuthenticated,
       "/api/v1/session", "", ""},
      {"DELETE", "/api/v1/session", "Log out", Permission::kAuthenticated, "/api/v1/session", "", ""},
      {"GET", "/api/v1/catalog/regions", "GB/T 2260 region tree", Permission::kAuthenticated,
       "/api/v1/catalog/regions?root=410000&depth=1", "", ""},
      {"GET", "/api/v1/catalog/industries", "GB/T 4754-2017 industry tree", Permission::kAuthenticated,
       "/api/v1/catalog/industries?depth=1", "", ""},
      {"GET", "/api/v1/catalog/indicators", "Indicator catalog", Permission::kAuthenticated,
       "/api/v1/catalog/indicators", "", ""},
      {"GET", "/api/v1/catalog/measures", "Measures", Permission::kAuthenticated, "/api/v1/catalog/measures", "", ""},
      {"GET", "/api/v1/periods", "Periods with data", Permission::kAuthenticated, "/api/v1/periods", "", ""},
      {"GET", "/api/v1/imports", "Batches with provenance (a scoped user sees its own)", Permission::kImport,
       "/api/v1/imports", "", ""},
      {"POST", "/api/v1/imports", "Import a CSV or XLSX file (multipart field 'file')", Permission::kImport,
       "/api/v1/imports", "/api/v1/imports", "enterprises"},
      {"GET", "/api/v1/cell", "One measure (or several) of one cell", Permission::kReadAggregate,
       "/api/v1/cell?" + kCell + "measure=value&region=410100", "/api/v1/cell?" + kCell + "measure=value&region=419001", ""},
      {"GET", "/api/v1/table", "Children of a node with several measures and rank; dim=enterprise lists enterprises",
       Permission::kReadAggregate, "/api/v1/table?" + kCell + "measures=value&region=410100&dim=industry",
       "/api/v1/table?" + kCell + "measures=value&region=410000&dim=region", ""},
      {"GET", "/api/v1/series", "A cell's measures over a period range", Permission::kReadAggregate,
       "/api/v1/series?" + kCell + "measures=value&region=410100&from=2025-01",
       "/api/v1/series?" + kCell + "measures=value&region=419001&from=2025-01", ""},
      {"GET", "/api/v1/rankings", "Child regions ranked by a measure, with the previous month's rank",
       Permission::kReadAggregate, "/api/v1/rankings?" + kCell + "measure=value&region=410100",
       "/api/v1/rankings?" + kCell + "measure=value&region=410000", ""},
      {"GET", "/api/v1/enterprises/{uscc}", "One enterprise", Permission::kReadEnterprise,
       "/api/v1/enterprises/91310110666007217T", "/api/v1/enterprises/91330000755918469E", ""},
      {"GET", "/api/v1/enterprises/{uscc}/series", "One enterprise's figures and bases", Permission::kReadEnterprise,
       "/api/v1/enterprises/91310110666007217T/series?indicator=output_value",
       "/api/v1/enterprises/91330000755918469E/series?indicator=output_value", ""},
      {"GET", "/api/v1/users", "Users (admin)", Permission::kAdmin, "/api/v1/users", "", ""},
      {"POST", "/api/v1/users", "Create a user (admin); without a password one is generated and returned once",
       Permission::kAdmin, "/api/v1/users", "/api/v1/users",
       R"({"username":"new-user","role":"viewer","region":"410100"})"},
      {"PATCH", "/api/v1/users/{username}", "Disable, enable or set the password of a user (admin)",
       Permission::kAdmin, "/api/v1/users/viewer", "/api/v1/users/outsider", R"({"disabled":false})"},
      {"GET", "/api/v1/audit", "The audit log (admin)", Permission::kAdmin, "/api/v1/audit?limit=5", "", ""},
      {"GET", "/api/v1/audit/verify", "Verify the audit log's hash chain (admin)", Permission::kAdmin,
       "/api/v1/audit/verify", "", ""},
  };
  return routes;
}

}  // namespace ballast::api
