#include "api/json_codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <utility>

#include "api/json_depth.h"
#include "api/json_fields.h"
#include "core/region_indicators.h"

namespace ballast::api {

using Json = nlohmann::ordered_json;

namespace {

// Never throws on invalid UTF-8 from user input: such bytes become U+FFFD.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json Num(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
Json Int(const std::optional<int32_t>& v) { return v ? Json(*v) : Json(nullptr); }
Json Label(const app::NodeLabel& l) { return Json{{"code", l.code}, {"name", l.name}}; }

// A disclosure-control marker (app/disclosure.h), null when there is none.
Json Mark(const std::string& reason) { return reason.empty() ? Json(nullptr) : Json(reason); }

// A row's figures by measure, in the order asked; a measure asked twice is one key (its figure
// is the same), as an object names each key once.
Json MeasureValues(const std::vector<std::string>& measures,
                   const std::vector<std::optional<double>>& values) {
  JsonFields out(measures.size());
  for (size_t i = 0; i < measures.size(); ++i) {
    const auto before = measures.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(measures.begin(), before, measures[i]) == before)
      out.Add(measures[i].c_str(), Num(values[i]));
  }
  return out.Take();
}

Json RowJson(const app::Row& r, const std::vector<std::string>& measures) {
  return JsonFields(7)
      .Add("code", r.label.code)
      .Add("name", r.label.name)
      .Add("values", MeasureValues(measures, r.values))
      .Add("n", r.n)
      .Add("rank", Int(r.rank))
      .Add("suppressed", Mark(r.suppressed))
      .Add("would_suppress", Mark(r.would_suppress))
      .Take();
}

Json CellObject(const app::CellAnswer& a) {
  Json j{{"region", Label(a.region)}, {"industry", Label(a.industry)}, {"period", a.period},
         {"indicator", a.indicator}, {"park", a.park.empty() ? Json(nullptr) : Json(a.park)}};
  if (a.measures.size() == 1) {
    j["measure"] = a.measures[0];
    j["value"] = Num(a.row.values[0]);
  }
  j["values"] = MeasureValues(a.measures, a.row.values);
  j["n"] = a.row.n;
  j["suppressed"] = Mark(a.row.suppressed);
  j["would_suppress"] = Mark(a.row.would_suppress);
  return j;
}

Json IssuesJson(const std::vector<ingest::Issue>& issues, const std::string& file) {
  Json arr = Json::array();
  for (const auto& i : issues) {
    arr.push_back(Json{{"file", file}, {"line", i.line}, {"column", i.column}, {"message", i.message}});
  }
  return arr;
}

Json BatchObject(const BatchInfo& b) {
  return Json{{"id", b.id},         {"kind", b.kind},   {"file_name", b.file_name}, {"sha256", b.sha256},
              {"format", b.format}, {"rows", b.rows},   {"user", b.user},           {"created_at", b.created_at}};
}

Json ReportObject(const ingest::ImportReport& r) {
  return Json{{"file", r.file},
              {"kind", r.kind},
              {"format", r.format},
              {"rows", r.rows},
              {"error_count", r.error_count},
              {"warning_count", r.warning_count},
              {"errors", IssuesJson(r.errors, r.file)},
              {"warnings", IssuesJson(r.warnings, r.file)}};
}

}  // namespace

std::string CellJson(const app::CellAnswer& a) { return Dump(CellObject(a)); }

std::string FlatCellJson(const app::CellAnswer& a) {
  Json j{{"region", a.region.code},   {"industry", a.industry.code},     {"period", a.period},
         {"indicator", a.indicator},  {"measure", a.measures.at(0)},     {"value", Num(a.row.values.at(0))},
         {"n", a.row.n}};
  return Dump(j);
}

std::string TableJson(const app::TableAnswer& t) {
  Json rows = Json::array();
  rows.get_ref<Json::array_t&>().reserve(t.rows.size());
  for (const auto& r : t.rows) rows.push_back(RowJson(r, t.parent.measures));
  Json parent = CellObject(t.parent);
  Json j{{"dim", t.dim},
         {"measures", t.parent.measures},
         {"parent", std::move(parent)},
         {"rows", std::move(rows)}};
  return Dump(j);
}

std::string ParkTableJson(const app::ParkTableAnswer& t) {
  Json rows = Json::array();
  for (const auto& r : t.rows) {
    Json row = RowJson(r.row, t.parent.measures);
    row["level"] = std::string(parks::LevelName(r.park.level));
    row["region"] = r.park.region;
    rows.push_back(std::move(row));
  }
  Json j{
      {"measures", t.parent.measures}, {"parent", CellObject(t.parent)}, {"rows", std::move(rows)}};
  return Dump(j);
}

std::string SeriesJson(const app::SeriesAnswer& s) {
  Json points = Json::array();
  for (const auto& [period, row] : s.points) {
    points.push_back(Json{{"period", period},
                          {"values", MeasureValues(s.cell.measures, row.values)},
                          {"n", row.n},
                          {"suppressed", Mark(row.suppressed)},
                          {"would_suppress", Mark(row.would_suppress)}});
  }
  Json j{{"region", Label(s.cell.region)},
         {"industry", Label(s.cell.industry)},
         {"indicator", s.cell.indicator},
         {"measures", s.cell.measures},
         {"points", std::move(points)}};
  return Dump(j);
}

std::string RankingJson(const app::RankingAnswer& r) {
  Json rows = Json::array();
  rows.get_ref<Json::array_t&>().reserve(r.rows.size());
  for (const auto& row : r.rows) {
    rows.push_back(JsonFields(8)
                       .Add("code", row.label.code)
                       .Add("name", row.label.name)
                       .Add("value", Num(row.value))
                       .Add("rank", Int(row.rank))
                       .Add("prev_rank", Int(row.prev_rank))
                       .Add("rank_change", Int(row.rank_change))
                       .Add("suppressed", Mark(row.suppressed))
                       .Add("would_suppress", Mark(row.would_suppress))
                       .Take());
  }
  Json j{{"region", Label(r.parent.region)}, {"industry", Label(r.parent.industry)},
         {"period", r.parent.period},        {"previous_period", r.previous_period},
         {"indicator", r.parent.indicator},  {"measure", r.parent.measures.at(0)},
         {"rows", std::move(rows)}};
  return Dump(j);
}

std::string ImportJson(const ingest::ImportOutcome& o) {
  Json j{{"status", ingest::ImportStatusName(o.status)}, {"report", ReportObject(o.report)}};
  j["batch"] = o.status == ingest::ImportStatus::kRejected ? Json(nullptr) : BatchObject(o.batch);
  return Dump(j);
}

std::string ImportReportJson(const ingest::ImportReport& r) { return Dump(Json{{"report", ReportObject(r)}}); }

std::string BatchesJson(const std::vector<BatchInfo>& batches) {
  Json arr = Json::array();
  for (const auto& b : batches) arr.push_back(BatchObject(b));
  return Dump(Json{{"batches", arr}});
}

std::string EnterpriseJson(const app::EnterpriseInfo& e) {
  return Dump(Json{{"uscc", e.uscc}, {"name", e.name},         {"region", Label(e.region)},
              {"industry", Label(e.industry)},            {"size", e.size},
              {"tags", e.tags}}
      );
}

std::string EnterpriseHitsJson(const std::vector<app::EnterpriseInfo>& hits) {
  Json arr = Json::array();
  for (const auto& e : hits) {
    arr.push_back(
        Json{{"uscc", e.uscc}, {"name", e.name}, {"region", Label(e.region)}, {"industry", Label(e.industry)}});
  }
  return Dump(Json{{"enterprises", arr}});
}

std::string EnterpriseSeriesJson(const std::vector<app::EnterprisePoint>& points) {
  Json arr = Json::array();
  for (const auto& p : points) {
    arr.push_back(Json{{"period", p.period}, {"value", Num(p.value)}, {"ytd", Num(p.ytd)},
                       {"prior", Num(p.prior)}, {"prior_ytd", Num(p.prior_ytd)}, {"base", Num(p.base)},
                       {"base_ytd", Num(p.base_ytd)}});
  }
  return Dump(Json{{"points", arr}});
}

std::string TreeJson(const CodeTree& tree, NodeId root, int depth) {
  std::function<Json(NodeId, int)> node = [&](NodeId id, int left) {
    const auto& n = tree.node(id);
    Json j{{"code", n.code}, {"name", n.name}, {"level", n.level}};
    Json children = Json::array();
    if (left != 0) {
      for (NodeId c : n.children) children.push_back(node(c, left - 1));
    }
    j["children"] = children;
    j["has_children"] = !n.children.empty();
    return j;
  };
  return Dump(node(root, depth));
}

std::string IndicatorsJson(const Catalog& catalog) {
  static const char* kKinds[] = {"flow", "stock", "ratio", "negative_share"};
  Json arr = Json::array();
  for (const auto& i : catalog.indicators()) {
    arr.push_back(Json{{"code", i.code}, {"name_zh", i.name_zh}, {"name_en", i.name_en}, {"unit", i.unit},
                       {"kind", kKinds[static_cast<int>(i.kind)]}, {"derived", i.derived()}});
  }
  // Region series (issue #12 item 4): published per region, not reported by enterprises.
  for (const auto& r : RegionIndicators()) {
    arr.push_back(Json{{"code", r.code}, {"name_zh", r.name_zh}, {"name_en", r.name_en}, {"unit", r.unit},
                       {"kind", "region"}, {"derived", true}, {"additive", r.additive}});
  }
  return Dump(arr);
}

std::string MeasuresJson() {
  Json arr = Json::array();
  for (const auto& m : app::Measures()) {
    arr.push_back(Json{{"code", m.code}, {"name_zh", m.name_zh}, {"name_en", m.name_en}, {"percent", m.percent},
                       {"needs_parent", m.needs_parent}});
  }
  return Dump(arr);
}

std::string NowcastJson(const app::NowcastAnswer& a) {
  const Nowcast& n = a.estimate;
  return Dump(Json{{"period", a.period},
                   {"estimate", Num(n.yoy)},
                   {"expected_error_pp", Num(a.expected_error_pp)},
                   {"backtest_months", a.backtest_months},
                   {"report_share", a.report_share},
                   {"reported_base_share", n.reported_base_share},
                   {"reported", n.reported},
                   {"by_electricity", n.by_electricity},
                   {"by_growth", n.by_growth},
                   {"unestimated", n.unestimated},
                   {"suppressed", Mark(a.suppressed)},
                   {"would_suppress", Mark(a.would_suppress)}});
}

std::string PeriodsJson(const std::vector<std::string>& periods, const std::string& latest) {
  return Dump(Json{{"periods", periods}, {"latest", latest.empty() ? Json(nullptr) : Json(latest)}});
}

std::string HealthJson(const std::string& version, size_t enterprises, size_t batches,
                       const std::vector<std::string>& periods) {
  Json p = periods.empty() ? Json(nullptr) : Json{{"first", periods.front()}, {"last", periods.back()}};
  return Dump(Json{{"status", "ok"}, {"version", version}, {"enterprises", enterprises}, {"batches", batches},
                   {"periods", p}});
}

Result<LoginBody> ParseLoginJson(const std::string& body) {
  RETURN_IF_ERROR(CheckJsonDepth(body));
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("username") || !j.contains("password") ||
      !j["username"].is_string() || !j["password"].is_string()) {
    return Status::Invalid("body: expected JSON {\"username\": …, \"password\": …}");
  }
  return LoginBody{j["username"].get<std::string>(), j["password"].get<std::string>()};
}

Result<UserBody> ParseUserJson(const std::string& body) {
  RETURN_IF_ERROR(CheckJsonDepth(body));
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("body: expected a JSON object");
  UserBody u;
  for (auto [name, field] : {std::pair{"username", &u.username}, {"password", &u.password}, {"role", &u.role},
                             {"region", &u.region}, {"unit", &u.unit}, {"uscc", &u.uscc}}) {
    if (!j.contains(name)) continue;
    if (!j[name].is_string()) return Status::Invalid(std::string("body: '") + name + "' must be a string");
    *field = j[name].get<std::string>();
  }
  if (j.contains("disabled")) {
    if (!j["disabled"].is_boolean()) return Status::Invalid("body: 'disabled' must be true or false");
    u.disabled = j["disabled"].get<bool>();
  }
  return u;
}

std::string SessionJson(const auth::Principal& p, const std::string& region_name, const std::string& token,
                        int64_t expires_at) {
  Json j{{"user",
          {{"username", p.username},
           {"role", std::string(auth::RoleName(p.role))},
           {"region", {{"code", p.region_code}, {"name", region_name}}},
           {"unit", p.unit},
           {"uscc", p.uscc}}},
         {"csrf_token", p.csrf_token}};
  if (!token.empty()) {
    j["token"] = token;
    j["expires_at"] = expires_at;
  }
  return Dump(j);
}

std::string UserJson(const UserRecord& u, const std::string& generated_password) {
  Json j{{"username", u.username}, {"role", u.role},         {"region", u.region}, {"unit", u.unit},
         {"uscc", u.uscc},         {"disabled", u.disabled}, {"created_at", u.created_at}};
  if (!generated_password.empty()) j["password"] = generated_password;
  return Dump(j);
}

std::string UsersJson(const std::vector<UserRecord>& users) {
  Json arr = Json::array();
  for (const auto& u : users) arr.push_back(Json::parse(UserJson(u, "")));
  return Dump(Json{{"users", arr}});
}

std::string AuditJson(const std::vector<AuditEntry>& entries) {
  Json arr = Json::array();
  for (const auto& e : entries) {
    arr.push_back(Json{{"id", e.id}, {"ts", e.ts}, {"actor", e.actor}, {"role", e.role}, {"address", e.address},
                       {"action", e.action}, {"target", e.target}, {"result", e.result}, {"detail", e.detail},
                       {"hash", e.hash}});
  }
  return Dump(Json{{"entries", arr}});
}

std::string ErrorJson(const std::string& code, const std::string& message, const std::string& details_json) {
  Json details = Json::parse(details_json, nullptr, false);
  if (details.is_discarded()) details = Json::object();
  return Dump(Json{{"error", {{"code", code}, {"message", message}, {"details", details}}}});
}

}  // namespace ballast::api
