// The OpenAPI 3 document, built from the route table so that the two cannot drift apart.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include "api/server.h"
#include "engine/measures.h"

namespace ballast::api {

namespace {

using Json = nlohmann::ordered_json;

Json P(const char* name, const char* description, bool required = false, const char* in = "query") {
  return Json{{"name", name}, {"in", in}, {"required", required}, {"description", description},
              {"schema", {{"type", "string"}}}};
}

std::vector<Json> CellParams(const char* measure_name, const char* measure_desc) {
  return {P("indicator", "indicator code, e.g. output_value", true),
          P(measure_name, measure_desc, true),
          P("period", "YYYY-MM; default the latest period with data"),
          P("region", "GB/T 2260 code; default 100000 (whole country)"),
          P("industry", "section letter, 2/3/4-digit GB/T 4754-2017 code, or BCD (default: all industry)"),
          P("of", "region | industry: the dimension whose parent share/contributions use (default industry)"),
          P("as_of", "batch id: answer as the data stood after that batch")};
}

}  // namespace

std::string OpenApiJson() {
  std::map<std::string, std::vector<Json>> params = {
      {"/api/v1/catalog/regions", {P("root", "root code (default 100000)"), P("depth", "levels below the root")}},
      {"/api/v1/catalog/industries", {P("root", "root code (default BCD)"), P("depth", "levels below the root")}},
      {"/api/v1/periods", {P("as_of", "batch id")}},
      {"/api/v1/cell", CellParams("measure", "one measure, or use measures=a,b")},
      {"/api/v1/table", CellParams("measures", "comma-separated measures")},
      {"/api/v1/series", CellParams("measures", "comma-separated measures")},
      {"/api/v1/rankings", CellParams("measure", "the measure to rank by")},
      {"/api/v1/enterprises/{uscc}", {P("uscc", "unified social credit code", true, "path"), P("as_of", "batch id")}},
      {"/api/v1/enterprises/{uscc}/series",
       {P("uscc", "unified social credit code", true, "path"), P("indicator", "indicator code", true),
        P("from", "YYYY-MM"), P("to", "YYYY-MM"), P("as_of", "batch id")}},
  };
  params["/api/v1/table"].push_back(P("dim", "region | industry | enterprise (default region)"));
  params["/api/v1/table"].push_back(P("sort", "measure to rank and sort by (default the first)"));
  params["/api/v1/table"].push_back(P("order", "desc (default) | asc"));
  params["/api/v1/series"].push_back(P("from", "YYYY-MM (default 23 months before to)"));
  params["/api/v1/series"].push_back(P("to", "YYYY-MM (default the latest)"));

  Json error_schema = {{"type", "object"},
                       {"properties",
                        {{"error",
                          {{"type", "object"},
                           {"properties",
                            {{"code", {{"type", "string"}}},
                             {"message", {{"type", "string"}}},
                             {"details", {{"type", "object"}}}}}}}}}};
  Json paths = Json::object();
  for (const auto& r : ApiRoutes()) {
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char ch) { return std::tolower(ch); });
    Json op = {{"summary", r.summary},
               {"responses",
                {{"200", {{"description", "OK"}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
                 {"400", {{"description", "bad request"}, {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}},
                 {"404", {{"description", "not found"}, {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    if (auto it = params.find(r.path); it != params.end()) op["parameters"] = it->second;
    op["x-permission"] = std::string(auth::PermissionName(r.permission));
    if (r.permission != auth::Permission::kPublic) {
      op["security"] = Json::array({Json{{"bearer", Json::array()}}, Json{{"cookie", Json::array()}}});
      op["responses"]["401"] = {{"description", "not logged in or session expired"}};
      op["responses"]["403"] = {{"description", "role or region scope does not allow it"}};
    }
    if (r.path == "/api/v1/imports" && r.method == "POST") {
      op["requestBody"] = {{"required", true},
                           {"content",
                            {{"multipart/form-data",
                              {{"schema",
                                {{"type", "object"},
                                 {"properties", {{"file", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}};
      op["responses"]["201"] = {{"description", "imported"}};
      op["responses"]["422"] = {{"description", "validation failed; details.report lists every problem"},
                                {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    }
    paths[r.path][method] = op;
  }
  std::vector<std::string> measures;
  for (Measure m : AllMeasures()) measures.emplace_back(MeasureName(m));
  Json doc = {{"openapi", "3.0.3"},
              {"info",
               {{"title", "Ballast API"},
                {"version", BALLAST_VERSION},
                {"description", "Monitoring of the industrial economy: same-sample measures over the region and industry trees."}}},
              {"paths", paths},
              {"components",
               {{"schemas", {{"Error", error_schema}, {"Measure", {{"type", "string"}, {"enum", measures}}}}},
                {"securitySchemes",
                 {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
                  {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "ballast_session"}}}}}}}};
  return doc.dump(2);
}

}  // namespace ballast::api
