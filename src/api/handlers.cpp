#include "api/handlers.h"

#include <charconv>

#include "api/json_codec.h"
#include "api/server.h"
#include "app/analysis.h"
#include "app/warnings.h"
#include "auth/crypto.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

std::string RoleOf(const Ctx& c) { return c.principal ? std::string(auth::RoleName(c.principal->role)) : ""; }

}  // namespace

// An aggregate over a region outside the caller's scope is refused, never silently narrowed.
Status CheckRegion(app::Workspace& ws, const Ctx& c, const std::string& code) {
  const Catalog& cat = ws.catalog();
  NodeId n = code.empty() ? cat.country() : cat.regions().Find(code);
  if (n == kNoNode) return Status::Ok();  // the use case reports the unknown code
  if (!cat.regions().Contains(c.principal->region, n)) {
    return Status::Denied("region " + (code.empty() ? std::string("100000 (the whole country)") : code) +
                          " is outside your scope " + c.principal->region_code);
  }
  return Status::Ok();
}

namespace {

// Enterprise-level data: an enterprise user sees its own; others need the enterprise in scope.
// Every granted read is audited.
Status CheckEnterprise(app::Workspace& ws, const Ctx& c, const std::string& uscc, BatchId as_of) {
  const auth::Principal& p = *c.principal;
  if (p.role == auth::Role::kEnterprise) {
    if (uscc != p.uscc) return Status::Denied("an enterprise user sees its own records only");
  } else {
    ASSIGN_OR_RETURN(auto e, app::GetEnterprise(ws, uscc, as_of));
    RETURN_IF_ERROR(CheckRegion(ws, c, e.region.code));
  }
  return ws.auth().Audit({p.username, RoleOf(c), c.address, "read.enterprise", uscc, "success", ""});
}

void Tree(app::Workspace& ws, bool regions, const Req& req, Res& res) {
  const Catalog& c = ws.catalog();
  const CodeTree& tree = regions ? c.regions() : c.industries();
  std::string root_code = Param(req, "root");
  NodeId root = root_code.empty() ? (regions ? c.country() : c.all_industry()) : tree.Find(root_code);
  if (root == kNoNode) return SendError(res, 404, "not_found", "root: unknown code '" + root_code + "'");
  int depth = -1;
  if (std::string d = Param(req, "depth"); !d.empty()) {
    auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), depth);
    if (ec != std::errc() || p != d.data() + d.size() || depth < 0 || depth > 10) {
      return SendError(res, 400, "invalid_argument", "depth: '" + d + "' is not a whole number from 0 to 10");
    }
  }
  SendJson(res, 200, TreeJson(tree, root, depth));
}

void PostImport(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument", "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  if (file.filename.empty()) return SendError(res, 400, "invalid_argument", "file: the upload has no file name");
  auto outcome = ws.Import(file.content, file.filename, c.principal->username, 0, c.principal->region);
  if (!outcome.ok()) return SendStatus(res, outcome.status());
  const auto& o = *outcome;
  if (o.status == ingest::ImportStatus::kRejected) {
    return SendError(res, 422, "validation_failed",
                     std::to_string(o.report.error_count) + " error(s) in " + o.report.file + "; nothing was imported",
                     ImportReportJson(o.report));
  }
  // Every import that wrote a batch re-evaluates the warning rules.
  if (c.warnings != nullptr) {
    auto evaluation = c.warnings->AfterImport(o);
    if (!evaluation.ok()) return SendStatus(res, evaluation.status());
  }
  SendJson(res, o.status == ingest::ImportStatus::kImported ? 201 : 200, ImportJson(o));
}

void GetImports(app::Workspace& ws, const Ctx& c, const Req&, Res& res) {
  auto batches = ws.Batches();
  if (!batches.ok()) return SendStatus(res, batches.status());
  // Provenance of other regions' files stays with them: a scoped user sees its own batches.
  if (c.principal->region != ws.catalog().country()) {
    std::erase_if(*batches, [&](const BatchInfo& b) { return b.user != c.principal->username; });
  }
  SendJson(res, 200, BatchesJson(*batches));
}

void Cell(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, req.has_param("measures") ? "measures" : "measure");
  if (!r.ok()) return SendStatus(res, r.status());
  if (Status st = CheckRegion(ws, c, r->region); !st.ok()) return SendStatus(res, st);
  Reply(res, app::QueryCell(ws, *r), CellJson);
}

void Table(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, "measures");
  if (!r.ok()) return SendStatus(res, r.status());
  app::TableRequest t;
  static_cast<app::CellRequest&>(t) = *r;
  t.dim = Param(req, "dim");
  t.sort = Param(req, "sort");
  std::string order = Param(req, "order");
  if (!order.empty() && order != "asc" && order != "desc") {
    return SendError(res, 400, "invalid_argument", "order: '" + order + "' is not asc or desc");
  }
  t.ascending = order == "asc";
  if (!t.dim.empty() && t.dim != "region" && t.dim != "industry" && t.dim != "enterprise") {
    return SendError(res, 400, "invalid_argument", "dim: '" + t.dim + "' is not region, industry or enterprise");
  }
  if (Status st = CheckRegion(ws, c, r->region); !st.ok()) return SendStatus(res, st);
  if (t.dim == "enterprise") {
    if (!auth::RoleAllows(c.principal->role, auth::Permission::kReadEnterprise) ||
        c.principal->role == auth::Role::kEnterprise) {
      return SendStatus(res, Status::Denied("enterprise-level rows need the analyst role"));
    }
  }
  auto answer = app::QueryTable(ws, t);
  if (answer.ok() && t.dim == "enterprise") {
    AuditRead(ws, c, "read.enterprise_rows",
              "region=" + answer->parent.region.code + " industry=" + answer->parent.industry.code,
              std::to_string(answer->rows.size()) + " enterprises");
  }
  Reply(res, answer, TableJson);
}

void Series(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, "measures");
  if (!r.ok()) return SendStatus(res, r.status());
  if (Status st = CheckRegion(ws, c, r->region); !st.ok()) return SendStatus(res, st);
  app::SeriesRequest s;
  static_cast<app::CellRequest&>(s) = *r;
  s.from = Param(req, "from");
  s.to = Param(req, "to");
  if (s.period.empty()) s.period = s.to;
  Reply(res, app::QuerySeries(ws, s), SeriesJson);
}

void Rankings(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, "measure");
  if (!r.ok()) return SendStatus(res, r.status());
  if (Status st = CheckRegion(ws, c, r->region); !st.ok()) return SendStatus(res, st);
  Reply(res, app::QueryRanking(ws, *r), RankingJson);
}

void Enterprise(app::Workspace& ws, const Ctx& c, const Req& req, Res& res, bool series) {
  auto as_of = AsOf(req);
  if (!as_of.ok()) return SendStatus(res, as_of.status());
  const std::string uscc = req.matches[1];
  if (Status st = CheckEnterprise(ws, c, uscc, *as_of); !st.ok()) return SendStatus(res, st);
  if (series) {
    Reply(res, app::GetEnterpriseSeries(ws, uscc, Param(req, "indicator"), Param(req, "from"), Param(req, "to"), *as_of),
          EnterpriseSeriesJson);
  } else {
    Reply(res, app::GetEnterprise(ws, uscc, *as_of), EnterpriseJson);
  }
}

std::string SessionCookie(const std::string& token, int64_t max_age) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age);
}

void Login(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto body = ParseLoginJson(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  auto session = ws.auth().Login(body->username, body->password, c.address);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kResourceExhausted) res.set_header("Retry-After", "900");
    return SendStatus(res, session.status());
  }
  const auto& p = session->principal;
  const int64_t max_age = session->expires_at - ws.auth().Now();
  std::string cookie = SessionCookie(session->token, max_age);
  if (c.tls) cookie += "; Secure";
  res.set_header("Set-Cookie", cookie);
  SendJson(res, 200, SessionJson(p, ws.catalog().regions().node(p.region).name, session->token, session->expires_at));
}

void GetSession(app::Workspace& ws, const Ctx& c, const Req&, Res& res) {
  const auto& p = *c.principal;
  SendJson(res, 200, SessionJson(p, ws.catalog().regions().node(p.region).name, "", 0));
}

void Logout(app::Workspace& ws, const Ctx& c, const Req&, Res& res) {
  if (Status st = ws.auth().Logout(*c.principal, c.address); !st.ok()) return SendStatus(res, st);
  res.set_header("Set-Cookie", SessionCookie("", 0));
  SendJson(res, 200, R"({"status":"logged out"})");
}

// An administrator manages users inside its own region scope.
Status CheckUserScope(app::Workspace& ws, const Ctx& c, const std::string& region) {
  return CheckRegion(ws, c, region.empty() ? std::string(kCountryCode) : region);
}

void PostUser(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto body = ParseUserJson(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  if (Status st = CheckUserScope(ws, c, body->region); !st.ok()) return SendStatus(res, st);
  std::string generated;
  if (body->password.empty()) body->password = generated = auth::RandomPassword();
  auto user = ws.auth().AddUser({body->username, body->password, body->role, body->region, body->unit, body->uscc},
                                c.principal->username);
  if (!user.ok()) return SendStatus(res, user.status());
  SendJson(res, 201, UserJson(*user, generated));
}

void PatchUser(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  auto body = ParseUserJson(req.body);
  if (!body.ok()) return SendStatus(res, body.status());
  const std::string name = req.matches[1];
  auto users = ws.auth().ListUsers();
  if (!users.ok()) return SendStatus(res, users.status());
  auto it = std::find_if(users->begin(), users->end(), [&](const UserRecord& u) { return u.username == name; });
  if (it == users->end()) return SendError(res, 404, "not_found", "user '" + name + "' does not exist");
  if (Status st = CheckUserScope(ws, c, it->region); !st.ok()) return SendStatus(res, st);
  if (body->disabled) {
    if (Status st = ws.auth().SetDisabled(name, *body->disabled, c.principal->username); !st.ok()) {
      return SendStatus(res, st);
    }
  }
  if (!body->password.empty()) {
    if (Status st = ws.auth().SetPassword(name, body->password, c.principal->username); !st.ok()) {
      return SendStatus(res, st);
    }
  }
  SendJson(res, 200, R"({"status":"updated"})");
}

void GetUsers(app::Workspace& ws, const Ctx& c, const Req&, Res& res) {
  auto users = ws.auth().ListUsers();
  if (!users.ok()) return SendStatus(res, users.status());
  std::erase_if(*users, [&](const UserRecord& u) { return !CheckUserScope(ws, c, u.region).ok(); });
  SendJson(res, 200, UsersJson(*users));
}

// The audit log spans every region: only an administrator of the whole country reads it.
Status CheckCountryAdmin(app::Workspace& ws, const Ctx& c) {
  if (c.principal->region != ws.catalog().country()) {
    return Status::Denied("the audit log is for administrators with the whole country in scope");
  }
  return Status::Ok();
}

void GetAudit(app::Workspace& ws, const Ctx& c, const Req& req, Res& res) {
  if (Status st = CheckCountryAdmin(ws, c); !st.ok()) return SendStatus(res, st);
  int64_t after = 0, limit = 200;
  for (auto [name, out] : {std::pair{"after", &after}, {"limit", &limit}}) {
    std::string v = Param(req, name);
    if (v.empty()) continue;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
    if (ec != std::errc() || p != v.data() + v.size() || *out < 0) {
      return SendError(res, 400, "invalid_argument", std::string(name) + ": not a whole number");
    }
  }
  Reply(res, ws.auth().ListAudit(after, std::min<int64_t>(limit == 0 ? 200 : limit, 10000)), AuditJson);
}

void VerifyAudit(app::Workspace& ws, const Ctx& c, const Req&, Res& res) {
  if (Status st = CheckCountryAdmin(ws, c); !st.ok()) return SendStatus(res, st);
  Status st = ws.auth().VerifyAudit();
  if (st.ok()) return SendJson(res, 200, R"({"status":"ok"})");
  SendError(res, 409, "audit_chain_broken", st.message());
}

}  // namespace

const std::map<std::string, Handler>& Handlers() {
  static const std::map<std::string, Handler> handlers = {
      {"GET /api/v1/health",
       [](app::Workspace&, const Ctx&, const Req&, Res& res) {
         SendJson(res, 200, std::string(R"({"status":"ok","version":")") + BALLAST_VERSION + "\"}");
       }},
      {"GET /api/v1/openapi.json",
       [](app::Workspace&, const Ctx&, const Req&, Res& res) { SendJson(res, 200, OpenApiJson()); }},
      {"POST /api/v1/session", Login},
      {"GET /api/v1/session", GetSession},
      {"DELETE /api/v1/session", Logout},
      {"GET /api/v1/catalog/regions", [](app::Workspace& ws, const Ctx&, const Req& q, Res& r) { Tree(ws, true, q, r); }},
      {"GET /api/v1/catalog/industries", [](app::Workspace& ws, const Ctx&, const Req& q, Res& r) { Tree(ws, false, q, r); }},
      {"GET /api/v1/catalog/indicators",
       [](app::Workspace& ws, const Ctx&, const Req&, Res& r) { SendJson(r, 200, IndicatorsJson(ws.catalog())); }},
      {"GET /api/v1/catalog/measures", [](app::Workspace&, const Ctx&, const Req&, Res& r) { SendJson(r, 200, MeasuresJson()); }},
      {"GET /api/v1/periods",
       [](app::Workspace& ws, const Ctx&, const Req& q, Res& r) {
         auto as_of = AsOf(q);
         if (!as_of.ok()) return SendStatus(r, as_of.status());
         Reply(r, app::ListPeriods(ws, *as_of), PeriodsJson);
       }},
      {"GET /api/v1/imports", GetImports},
      {"POST /api/v1/imports", PostImport},
      {"GET /api/v1/cell", Cell},
      {"GET /api/v1/table", Table},
      {"GET /api/v1/series", Series},
      {"GET /api/v1/rankings", Rankings},
      {"GET /api/v1/enterprises/{uscc}",
       [](app::Workspace& ws, const Ctx& c, const Req& q, Res& r) { Enterprise(ws, c, q, r, false); }},
      {"GET /api/v1/enterprises/{uscc}/series",
       [](app::Workspace& ws, const Ctx& c, const Req& q, Res& r) { Enterprise(ws, c, q, r, true); }},
      {"GET /api/v1/users", GetUsers},
      {"POST /api/v1/users", PostUser},
      {"PATCH /api/v1/users/{username}", PatchUser},
      {"GET /api/v1/audit", GetAudit},
      {"GET /api/v1/audit/verify", VerifyAudit},
  };
  return handlers;
}

}  // namespace ballast::api
