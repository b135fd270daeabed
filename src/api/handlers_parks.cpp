// Routes of the parks (开发区/园区, issue 15 item 2): imports, the parks of a region and the 亩均
// evaluation of a park. app/parks.h decides who sees what (grades of single enterprises only
// for callers who may see them; aggregates under the threshold rule); these translate HTTP and
// JSON only.
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"
#include "app/park_table.h"
#include "app/parks.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

Json Num(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? Json(*v) : Json(nullptr);
}

Json ParkJson(const parks::Park& p) {
  return {{"code", p.code},
          {"name", p.name},
          {"level", parks::LevelName(p.level)},
          {"region", p.region},
          {"area_mu", Num(p.area_mu)},
          {"industrial_land_share", Num(p.industrial_land_share)},
          {"leading_industries", p.leading_industries}};
}

Json Figures(const parks::Figures& f) {
  Json j = Json::object();
  for (int i = 0; i < parks::kFigureCount; ++i)
    j[std::string(parks::FigureName(static_cast<parks::Figure>(i)))] =
        Num(f[static_cast<size_t>(i)]);
  return j;
}

void List(const Ctx& c, const Req& req, Res& res) {
  Reply(res, app::ListParks(c.app, *c.caller, Param(req, "region")),
        [](const std::vector<parks::Park>& ps) {
          Json list = Json::array();
          for (const auto& p : ps) list.push_back(ParkJson(p));
          return Json{{"parks", list}}.dump();
        });
}

// The parks of a region ranked by a measure (位次), under the disclosure control of park cells.
void Table(const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, "measures");
  if (!r.ok()) return SendStatus(res, r.status());
  app::ParkTableRequest t;
  static_cast<app::CellRequest&>(t) = *r;
  t.sort = Param(req, "sort");
  const std::string order = Param(req, "order");
  if (!order.empty() && order != "asc" && order != "desc") {
    return SendError(res, 400, "invalid_argument", "order: '" + order + "' is not asc or desc");
  }
  t.ascending = order == "asc";
  auto limit = IntParam(req, "limit", 0);
  if (!limit.ok()) return SendStatus(res, limit.status());
  if (*limit < 0 || *limit > 1000) return SendError(res, 400, "invalid_argument", "limit: must be 0-1000");
  t.limit = static_cast<size_t>(*limit);
  Reply(res, app::QueryParkTable(c.app, *c.caller, t), ParkTableJson);
}

void Import(const Ctx& c, const Req& req, Res& res) {
  auto kind = app::ParseParkImportKind(Param(req, "kind"));
  if (!kind.ok()) return SendStatus(res, kind.status());
  // Without a file the use case still answers who may import first (403 before 400).
  std::string bytes, name = "upload.csv";
  if (req.is_multipart_form_data() && req.has_file("file")) {
    const auto file = req.get_file_value("file");
    bytes = file.content;
    if (!file.filename.empty()) name = file.filename;
  }
  Reply(
      res, app::ImportParkFile(c.app, *c.caller, *kind, bytes, name),
      [](int64_t n) {
        return Json{{"rows", n}}.dump();
      },
      201);
}

void Grades(const Ctx& c, const Req& req, Res& res) {
  auto year = IntParam(req, "year", 0);
  if (!year.ok()) return SendStatus(res, year.status());
  Reply(res, app::EvaluateParks(c.app, *c.caller, static_cast<int>(*year), req.matches[1], ""),
        [](const app::ParkGrades& g) {
          Json ents = Json::array();
          for (const auto& e : g.enterprises) {
            ents.push_back(
                {{"uscc", e.uscc},
                 {"name", e.name},
                 {"land_mu", Num(e.inputs.land_mu)},
                 {"energy_tce", Num(e.inputs.energy_tce)},
                 {"tax", Num(e.inputs.tax)},
                 {"figures", Figures(e.evaluation.figures)},
                 {"score", Num(e.evaluation.score)},
                 {"grade", e.evaluation.grade.empty() ? Json(nullptr) : Json(e.evaluation.grade)}});
          }
          Json counts = Json::object();
          for (size_t i = 0; i < g.grade_names.size(); ++i)
            counts[g.grade_names[i]] = g.summary.grade_counts[i];
          return Json{{"park", g.park},
                      {"year", g.year},
                      {"enterprises", g.summary.enterprises},
                      {"suppressed", g.suppressed.empty() ? Json(nullptr) : Json(g.suppressed)},
                      {"grade_counts", counts},
                      {"ungraded", g.summary.ungraded},
                      {"median", Figures(g.summary.median)},
                      {"mean", Figures(g.summary.mean)},
                      {"leading_share", Num(g.leading_share)},
                      {"leading_suppressed",
                       g.leading_suppressed.empty() ? Json(nullptr) : Json(g.leading_suppressed)},
                      {"graded", ents}}
              .dump();
        });
}

}  // namespace

std::vector<Route> ParkRoutes() {
  const ParamSpec region{"region", "string", false, "GB/T 2260 code (default: the caller's scope)"};
  const ParamSpec kind{
      "kind", "string", true, "what the file holds", {"parks", "members", "resources"}};
  const ParamSpec code{"code", "string", true, "park code", {}, "path"};
  const ParamSpec year{"year", "integer", true, "the year evaluated"};
  return {
      {"GET",
       "/api/v1/parks",
       "The parks (开发区/园区) of a region the caller may see",
       Permission::kReadAggregate,
       {region},
       "",
       "Parks",
       200,
       List,
       "/api/v1/parks?region=410100",
       "/api/v1/parks?region=419001",
       ""},
      {"GET",
       "/api/v1/parks/table",
       "The parks of a region ranked by a measure of their members' cell (位次), with the "
       "disclosure control of each park cell",
       Permission::kReadAggregate,
       {{"indicator", "string", true, "indicator code, e.g. output_value"},
        {"measures", "string", true, "comma-separated measures; the first ranks unless sort= says"},
        {"period", "string", false, "YYYY-MM; default the default period (GET /api/v1/periods)"},
        region,
        {"industry", "string", false, "GB/T 4754-2017 code, BCD (default) or an industry group"},
        {"tag", "string", false, "enterprises with any of these tags only"},
        {"of", "string", false, "the dimension of share and contributions", {"industry", "region"}},
        {"sort", "string", false, "the measure to rank by (default the first)"},
        {"order", "string", false, "rank order (default desc)", {"desc", "asc"}},
        {"limit", "integer", false, "the first N parks only (0 = all)"},
        {"as_of", "integer", false, "batch id: as the data stood after that batch"}},
       "",
       "ParkTable",
       200,
       Table,
       "/api/v1/parks/table?indicator=output_value&measures=value&period=2025-03&region=410100",
       "/api/v1/parks/table?indicator=output_value&measures=value&period=2025-03&region=419001",
       ""},
      {"POST",
       "/api/v1/parks/import",
       "Import parks, memberships or yearly resources (multipart field 'file', CSV/XLSX); all or "
       "nothing",
       Permission::kImport,
       {kind},
       "multipart",
       "ParkImport",
       201,
       Import,
       "/api/v1/parks/import?kind=parks",
       "",
       ""},
      {"GET",
       "/api/v1/parks/{code}/grades",
       "亩均 evaluation of a park for a year: grade counts, medians and means (threshold rule), "
       "the "
       "leading-industry share, and the grades of the enterprises the caller may see",
       Permission::kReadAggregate,
       {code, year},
       "",
       "ParkGrades",
       200,
       Grades,
       "/api/v1/parks/{park_in}/grades?year=2025",
       "/api/v1/parks/{park_out}/grades?year=2025",
       ""},
  };
}

}  // namespace ballast::api
