#include "api/body_limits.h"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "api/route.h"

namespace ballast::api {

namespace {

struct CompiledRoute {
  const Route* route;
  std::regex pattern;
};

const std::vector<CompiledRoute>& Compiled() {
  static const std::vector<CompiledRoute> routes = [] {
    std::vector<CompiledRoute> out;
    for (const Route& r : ApiRoutes()) {
      out.push_back(
          {&r, std::regex(std::regex_replace(r.path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)"))});
    }
    return out;
  }();
  return routes;
}

const Route* Find(std::string_view method, std::string_view path) {
  if (path.substr(0, 5) != "/api/") return nullptr;
  const std::string p(path);
  for (const CompiledRoute& c : Compiled()) {
    if (c.route->method == method && std::regex_match(p, c.pattern)) return c.route;
  }
  return nullptr;
}

}  // namespace

size_t MaxBodyFor(std::string_view method, std::string_view path, size_t max_upload_bytes) {
  // The routes that take a multipart file.
  if (method == "POST" && (path == "/api/v1/imports" || path == "/api/v1/commodities" ||
                           path == "/api/v1/projects/import" ||
                           path == "/api/v1/benefits/policies/import"))
    return max_upload_bytes;
  // Appeal attachments (the use case refuses files over 10 MiB, service/attachment.h).
  static const std::regex kAttachments(R"(/api/v1/appeals/[0-9]+/attachments)");
  if (method == "POST" && std::regex_match(std::string(path), kAttachments))
    return max_upload_bytes;
  return std::min(kJsonBodyLimit, max_upload_bytes);
}

bool NeedsSession(std::string_view method, std::string_view path) {
  const Route* r = Find(method, path);
  return r != nullptr && r->permission != auth::Permission::kPublic;
}

}  // namespace ballast::api
