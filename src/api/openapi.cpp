// The OpenAPI 3 document, generated from the route declarations (route.h) and the schemas they
// name (schemas.json), so that the router, the document and the web client's types (generated
// from this document) cannot drift apart.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "api/route.h"
#include "app/analysis.h"
#include "core/incbin.h"

BALLAST_INCBIN(ballast_api_schemas, BALLAST_API_DIR "/schemas.json")

namespace ballast::api {

namespace {

using Json = nlohmann::ordered_json;

Json Ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }

Json JsonContent(const Json& schema) { return Json{{"application/json", {{"schema", schema}}}}; }

Json ParamJson(const ParamSpec& p) {
  Json schema{{"type", p.type}};
  if (!p.values.empty()) schema["enum"] = p.values;
  return Json{{"name", p.name}, {"in", p.in}, {"required", p.required || p.in == "path"}, {"description", p.description},
              {"schema", schema}};
}

Json Operation(const Route& r) {
  Json op{{"operationId", r.method + " " + r.path}, {"summary", r.summary}};
  if (!r.params.empty()) {
    Json params = Json::array();
    for (const auto& p : r.params) params.push_back(ParamJson(p));
    op["parameters"] = params;
  }
  if (r.body == "multipart") {
    op["requestBody"] = {{"required", true},
                         {"content",
                          {{"multipart/form-data",
                            {{"schema",
                              {{"type", "object"},
                               {"required", {"file"}},
                               {"properties", {{"file", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}};
  } else if (!r.body.empty()) {
    op["requestBody"] = {{"required", true}, {"content", JsonContent(Ref(r.body))}};
  }
  Json responses;
  if (r.response.find('/') != std::string::npos) {  // a media type, not a JSON schema
    responses[std::to_string(r.status)] = {
        {"description", "OK"},
        {"content", Json{{r.response.substr(0, r.response.find(';')), {{"schema", {{"type", "string"}}}}}}}};
  } else {
    responses[std::to_string(r.status)] = {{"description", "OK"}, {"content", JsonContent(Ref(r.response))}};
  }
  const Json error{{"description", "error"}, {"content", JsonContent(Ref("Error"))}};
  responses["400"] = error;
  responses["404"] = error;
  if (r.body == "multipart") responses["422"] = error;
  if (r.permission != auth::Permission::kPublic) {
    op["security"] = Json::array({Json{{"bearer", Json::array()}}, Json{{"cookie", Json::array()}}});
    responses["401"] = error;
    responses["403"] = error;
  }
  if (r.method != "GET") responses["409"] = error;
  op["responses"] = responses;
  op["x-permission"] = std::string(auth::PermissionName(r.permission));
  return op;
}

}  // namespace

std::string_view SchemasJson() { return BALLAST_INCBIN_VIEW(ballast_api_schemas); }

std::string OpenApiJson() {
  static const std::string doc = [] {
    Json paths = Json::object();
    for (const auto& r : ApiRoutes()) {
      std::string method = r.method;
      std::transform(method.begin(), method.end(), method.begin(), [](unsigned char ch) { return std::tolower(ch); });
      paths[r.path][method] = Operation(r);
    }
    Json schemas = Json::parse(SchemasJson());
    std::vector<std::string> measures;
    for (const auto& m : app::MeasureNames()) measures.push_back(m);
    schemas["Measure"] = {{"type", "string"}, {"enum", measures}};
    Json d = {{"openapi", "3.0.3"},
              {"info",
               {{"title", "Ballast API"},
                {"version", BALLAST_VERSION},
                {"description",
                 "Monitoring of the industrial economy: same-sample measures over the region and industry trees, "
                 "early warning, policy targets and the enterprise service."}}},
              {"paths", paths},
              {"components",
               {{"schemas", schemas},
                {"securitySchemes",
                 {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
                  {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "ballast_session"}}}}}}}};
    return d.dump(2);
  }();
  return doc;
}

}  // namespace ballast::api
