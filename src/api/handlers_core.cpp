// Routes of the service itself: health, the API description, sessions, catalogs, users and
// the audit log.
#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

void Health(const Ctx&, const Req&, Res& res) {
  SendJson(res, 200, std::string(R"({"status":"ok","version":")") + BALLAST_VERSION + "\"}");
}

void OpenApi(const Ctx&, const Req&, Res& res) { SendJson(res, 200, OpenApiJson()); }

void Tree(const Ctx& c, bool regions, const Req& req, Res& res) {
  const Catalog& cat = c.app.catalog();
  const CodeTree& tree = regions ? cat.regions() : cat.industries();
  std::string root_code = Param(req, "root");
  NodeId root = root_code.empty() ? (regions ? cat.country() : cat.all_industry()) : tree.Find(root_code);
  if (root == kNoNode) return SendError(res, 404, "not_found", "root: unknown code '" + root_code + "'");
  auto depth = IntParam(req, "depth", -1);
  if (!depth.ok() || *depth > 10) {
    return SendError(res, 400, "invalid_argument", "depth: '" + Param(req, "depth") + "' is not a whole number from 0 to 10");
  }
  SendJson(res, 200, TreeJson(tree, root, static_cast<int>(*depth)));
}

std::string SessionCookie(const std::string& token, int64_t max_age) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age);
}

void Login(const Ctx& c, const Req& req, Res& res) {
  auto body = ParseLoginJson(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  auto session = app::Login(c.app, body->username, body->password, c.address);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kResourceExhausted) res.set_header("Retry-After", "900");
    return SendStatus(res, session.status());
  }
  const auto& p = session->principal;
  const int64_t max_age = session->expires_at - c.app.clock().Now();
  std::string cookie = SessionCookie(session->token, max_age);
  if (c.tls) cookie += "; Secure";
  res.set_header("Set-Cookie", cookie);
  SendJson(res, 200, SessionJson(p, c.app.catalog().regions().node(p.region).name, session->token, session->expires_at));
}

void GetSession(const Ctx& c, const Req&, Res& res) {
  const auto& p = *c.principal;
  SendJson(res, 200, SessionJson(p, c.app.catalog().regions().node(p.region).name, "", 0));
}

void Logout(const Ctx& c, const Req&, Res& res) {
  if (Status st = app::Logout(c.app, *c.principal, c.address); !st.ok()) return SendStatus(res, st);
  res.set_header("Set-Cookie", SessionCookie("", 0));
  SendJson(res, 200, R"({"status":"logged out"})");
}

void PostUser(const Ctx& c, const Req& req, Res& res) {
  auto body = ParseUserJson(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  std::string generated;
  auto user = app::AddUser(c.app, *c.caller,
                           {body->username, body->password, body->role, body->region, body->unit, body->uscc}, &generated);
  if (!user.ok()) return SendStatus(res, user.status());
  SendJson(res, 201, UserJson(*user, generated));
}

void PatchUser(const Ctx& c, const Req& req, Res& res) {
  auto body = ParseUserJson(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  Status st = app::ChangeUser(c.app, *c.caller, req.matches[1], {body->disabled, body->password});
  if (!st.ok()) return SendStatus(res, st);
  SendJson(res, 200, R"({"status":"updated"})");
}

void GetAudit(const Ctx& c, const Req& req, Res& res) {
  auto after = IntParam(req, "after", 0);
  if (!after.ok()) return SendStatus(res, after.status());
  auto limit = IntParam(req, "limit", 200);
  if (!limit.ok()) return SendStatus(res, limit.status());
  const int64_t n = std::min<int64_t>(*limit == 0 ? 200 : *limit, 10000);
  Reply(res, app::ListAudit(c.app, *c.caller, *after, n), AuditJson);
}

void VerifyAudit(const Ctx& c, const Req&, Res& res) {
  Status st = app::VerifyAudit(c.app, *c.caller);
  if (st.ok()) return SendJson(res, 200, R"({"status":"ok"})");
  if (st.code() == StatusCode::kPermissionDenied) return SendStatus(res, st);
  SendError(res, 409, "audit_chain_broken", st.message());
}

}  // namespace

std::vector<Route> CoreRoutes() {
  const ParamSpec root{"root", "string", false, "the subtree's root code (default: the whole tree)"};
  const ParamSpec depth{"depth", "integer", false, "levels below the root, 0 to 10 (default all)"};
  return {
      {"GET", "/api/v1/health", "Service health", Permission::kPublic, {}, "", "Health", 200, Health,
       "/api/v1/health", "", ""},
      {"GET", "/api/v1/openapi.json", "This API as OpenAPI 3", Permission::kPublic, {}, "", "OpenApi", 200, OpenApi,
       "/api/v1/openapi.json", "", ""},
      {"POST", "/api/v1/session", "Log in (JSON username, password); sets an HttpOnly cookie and returns a bearer token",
       Permission::kPublic, {}, "Login", "Session", 200, Login, "/api/v1/session", "",
       R"({"username":"nobody","password":"wrong-password"})"},
      {"GET", "/api/v1/session", "The caller's user, role, scope and CSRF token", Permission::kAuthenticated, {}, "",
       "Session", 200, GetSession, "/api/v1/session", "", ""},
      {"DELETE", "/api/v1/session", "Log out", Permission::kAuthenticated, {}, "", "StatusMessage", 200, Logout,
       "/api/v1/session", "", ""},
      {"GET", "/api/v1/catalog/regions", "GB/T 2260 region tree", Permission::kAuthenticated, {root, depth}, "",
       "TreeNode", 200, [](const Ctx& c, const Req& q, Res& r) { Tree(c, true, q, r); },
       "/api/v1/catalog/regions?root=410000&depth=1", "", ""},
      {"GET", "/api/v1/catalog/industries", "GB/T 4754-2017 industry tree", Permission::kAuthenticated, {root, depth},
       "", "TreeNode", 200, [](const Ctx& c, const Req& q, Res& r) { Tree(c, false, q, r); },
       "/api/v1/catalog/industries?depth=1", "", ""},
      {"GET", "/api/v1/catalog/indicators", "Indicator catalog", Permission::kAuthenticated, {}, "", "Indicators", 200,
       [](const Ctx& c, const Req&, Res& r) { SendJson(r, 200, IndicatorsJson(c.app.catalog())); },
       "/api/v1/catalog/indicators", "", ""},
      {"GET", "/api/v1/catalog/measures", "Measures", Permission::kAuthenticated, {}, "", "Measures", 200,
       [](const Ctx&, const Req&, Res& r) { SendJson(r, 200, MeasuresJson()); }, "/api/v1/catalog/measures", "", ""},
      {"GET", "/api/v1/users", "Users in the caller's scope (admin)", Permission::kAdmin, {}, "", "Users", 200,
       [](const Ctx& c, const Req&, Res& r) { Reply(r, app::ListUsers(c.app, *c.caller), UsersJson); },
       "/api/v1/users", "", ""},
      {"POST", "/api/v1/users", "Create a user (admin); without a password one is generated and returned once",
       Permission::kAdmin, {}, "NewUser", "User", 201, PostUser, "/api/v1/users", "/api/v1/users",
       R"({"username":"new-user","role":"viewer","region":"410100"})"},
      {"PATCH", "/api/v1/users/{username}", "Disable, enable or set the password of a user (admin)",
       Permission::kAdmin, {{"username", "string", true, "the user's name", {}, "path"}}, "UserChange",
       "StatusMessage", 200, PatchUser, "/api/v1/users/viewer", "/api/v1/users/outsider", R"({"disabled":false})"},
      {"GET", "/api/v1/audit", "The audit log (administrators of the whole country)", Permission::kAdmin,
       {{"after", "integer", false, "entries after this id"}, {"limit", "integer", false, "at most this many (200)"}},
       "", "AuditEntries", 200, GetAudit, "/api/v1/audit?limit=5", "", ""},
      {"GET", "/api/v1/audit/verify", "Verify the audit log's hash chain (administrators of the whole country)",
       Permission::kAdmin, {}, "", "StatusMessage", 200, VerifyAudit, "/api/v1/audit/verify", "", ""},
  };
}

}  // namespace ballast::api
