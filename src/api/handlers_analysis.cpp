// Routes of the panel: imports, periods, cells, tables, series, rankings and enterprises.
#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

void PostImport(const Ctx& c, const Req& req, Res& res) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument", "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  if (file.filename.empty()) return SendError(res, 400, "invalid_argument", "file: the upload has no file name");
  auto result = c.app.Import(*c.caller, file.content, file.filename);
  if (!result.ok()) return SendStatus(res, result.status());
  const auto& o = result->outcome;
  if (o.status == ingest::ImportStatus::kRejected) {
    return SendError(res, 422, "validation_failed",
                     std::to_string(o.report.error_count) + " error(s) in " + o.report.file + "; nothing was imported",
                     ImportReportJson(o.report));
  }
  SendJson(res, o.status == ingest::ImportStatus::kImported ? 201 : 200, ImportJson(o));
}

void Cell(const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, req.has_param("measures") ? "measures" : "measure");
  if (!r.ok()) return SendStatus(res, r.status());
  Reply(res, app::QueryCell(c.app, *c.caller, *r, {"json", CellJson}));
}

void Table(const Ctx& c, const Req& req, Res& res) {
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
  Reply(res, app::QueryTable(c.app, *c.caller, t, {"json", TableJson}));
}

void Series(const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, "measures");
  if (!r.ok()) return SendStatus(res, r.status());
  app::SeriesRequest s;
  static_cast<app::CellRequest&>(s) = *r;
  s.from = Param(req, "from");
  s.to = Param(req, "to");
  if (s.period.empty()) s.period = s.to;
  Reply(res, app::QuerySeries(c.app, *c.caller, s, {"json", SeriesJson}));
}

void Rankings(const Ctx& c, const Req& req, Res& res) {
  auto r = CellParams(req, "measure");
  if (!r.ok()) return SendStatus(res, r.status());
  Reply(res, app::QueryRanking(c.app, *c.caller, *r, {"json", RankingJson}));
}

void Enterprise(const Ctx& c, const Req& req, Res& res) {
  auto as_of = AsOf(req);
  if (!as_of.ok()) return SendStatus(res, as_of.status());
  Reply(res, app::GetEnterprise(c.app, *c.caller, req.matches[1], *as_of), EnterpriseJson);
}

// The enterprise search box (issue 12 item 6): name or USCC, inside the caller's scope.
void SearchEnterprises(const Ctx& c, const Req& req, Res& res) {
  auto limit = IntParam(req, "limit", 20);
  if (!limit.ok()) return SendStatus(res, limit.status());
  if (*limit < 1 || *limit > 100) return SendError(res, 400, "invalid_argument", "limit: must be 1-100");
  Reply(res, app::SearchEnterprises(c.app, *c.caller, Param(req, "q"), static_cast<size_t>(*limit)),
        EnterpriseHitsJson);
}

void EnterpriseSeries(const Ctx& c, const Req& req, Res& res) {
  auto as_of = AsOf(req);
  if (!as_of.ok()) return SendStatus(res, as_of.status());
  Reply(res,
        app::GetEnterpriseSeries(c.app, *c.caller, req.matches[1], Param(req, "indicator"), Param(req, "from"),
                                 Param(req, "to"), *as_of),
        EnterpriseSeriesJson);
}

std::vector<ParamSpec> CellParamSpecs(const char* measures_name, const char* measures_desc) {
  return {{"indicator", "string", true, "indicator code, e.g. output_value"},
          {measures_name, "string", true, measures_desc},
          {"period", "string", false, "YYYY-MM; default the latest period with data"},
          {"region", "string", false, "GB/T 2260 code; default 100000 (the whole country); or a region group: @east, @central, @west, @northeast"},
          {"industry", "string", false, "section letter, 2/3/4-digit GB/T 4754-2017 code, or BCD (all industry, the default); or a group: @hightech, @equipment, @energy6, @consumer, @raw"},
          {"tag", "string", false, "enterprises with any of these tags only (repeat tag= or separate by commas), e.g. 外资"},
          {"park", "string", false, "a park's members only, by their membership in the period (GET /api/v1/parks)"},
          {"of", "string", false, "the dimension whose parent share and contributions compare with", {"industry", "region"}},
          {"as_of", "integer", false, "batch id: answer as the data stood after that batch"}};
}

}  // namespace

std::vector<Route> AnalysisRoutes() {
  static const std::string kCell = "indicator=output_value&period=2025-03&";
  auto table_params = CellParamSpecs("measures", "comma-separated measures");
  table_params.push_back({"dim", "string", false, "the children listed (default region)", {"region", "industry", "enterprise"}});
  table_params.push_back({"sort", "string", false, "the measure to rank and sort by (default the first)"});
  table_params.push_back({"order", "string", false, "sort order (default desc)", {"desc", "asc"}});
  auto series_params = CellParamSpecs("measures", "comma-separated measures");
  series_params.push_back({"from", "string", false, "YYYY-MM (default 23 months before to)"});
  series_params.push_back({"to", "string", false, "YYYY-MM (default the latest)"});
  auto cell_params = CellParamSpecs("measure", "one measure, or several as measures=a,b");
  cell_params.push_back({"measures", "string", false, "comma-separated measures (instead of measure)"});
  cell_params[1].required = false;
  const ParamSpec uscc{"uscc", "string", true, "unified social credit code", {}, "path"};
  const ParamSpec as_of{"as_of", "integer", false, "batch id: as the data stood after that batch"};
  return {
      {"GET", "/api/v1/periods", "Periods with data", Permission::kAuthenticated, {as_of}, "", "Periods", 200,
       [](const Ctx& c, const Req& q, Res& r) {
         auto a = AsOf(q);
         if (!a.ok()) return SendStatus(r, a.status());
         auto periods = app::ListPeriods(c.app.workspace(), *a);
         if (!periods.ok()) return SendStatus(r, periods.status());
         auto latest = app::DefaultPeriod(c.app.workspace(), *a);
         if (!latest.ok()) return SendStatus(r, latest.status());
         SendJson(r, 200, PeriodsJson(*periods, *latest));
       },
       "/api/v1/periods", "", ""},
      {"GET", "/api/v1/imports", "Batches with provenance (a scoped user sees its own)", Permission::kImport, {}, "",
       "Batches", 200,
       [](const Ctx& c, const Req&, Res& r) { Reply(r, c.app.Batches(*c.caller), BatchesJson); },
       "/api/v1/imports", "", ""},
      {"POST", "/api/v1/imports", "Import a CSV or XLSX file (multipart field 'file'); the warning rules follow",
       Permission::kImport, {}, "multipart", "Import", 201, PostImport, "/api/v1/imports", "/api/v1/imports",
       "enterprises"},
      {"GET", "/api/v1/cell", "One measure (or several) of one cell", Permission::kReadAggregate, cell_params, "",
       "Cell", 200, Cell, "/api/v1/cell?" + kCell + "measure=value&region=410100",
       "/api/v1/cell?" + kCell + "measure=value&region=419001", ""},
      {"GET", "/api/v1/table", "Children of a node with several measures and rank; dim=enterprise lists enterprises",
       Permission::kReadAggregate, table_params, "", "Table", 200, Table,
       "/api/v1/table?" + kCell + "measures=value&region=410100&dim=industry",
       "/api/v1/table?" + kCell + "measures=value&region=410000&dim=region", ""},
      {"GET", "/api/v1/series", "A cell's measures over a period range", Permission::kReadAggregate, series_params, "",
       "Series", 200, Series, "/api/v1/series?" + kCell + "measures=value&region=410100&from=2025-01",
       "/api/v1/series?" + kCell + "measures=value&region=419001&from=2025-01", ""},
      {"GET", "/api/v1/rankings", "Child regions ranked by a measure, with the previous month's rank",
       Permission::kReadAggregate, CellParamSpecs("measure", "the measure to rank by"), "", "Ranking", 200, Rankings,
       "/api/v1/rankings?" + kCell + "measure=value&region=410100",
       "/api/v1/rankings?" + kCell + "measure=value&region=410000", ""},
      {"GET", "/api/v1/enterprises", "Search enterprises by name or USCC (inside the caller's scope)",
       Permission::kReadEnterprise,
       {{"q", "string", true, "part of the name, or the start of the USCC"},
        {"limit", "integer", false, "at most this many (1-100, default 20)"}},
       "", "EnterpriseHits", 200, SearchEnterprises, "/api/v1/enterprises?q=%E5%85%AC%E5%8F%B8", "", ""},
      {"GET", "/api/v1/enterprises/{uscc}", "One enterprise", Permission::kReadEnterprise, {uscc, as_of}, "",
       "Enterprise", 200, Enterprise, "/api/v1/enterprises/91310110666007217T",
       "/api/v1/enterprises/91330000755918469E", ""},
      {"GET", "/api/v1/enterprises/{uscc}/series", "One enterprise's figures and bases", Permission::kReadEnterprise,
       {uscc,
        {"indicator", "string", true, "indicator code"},
        {"from", "string", false, "YYYY-MM"},
        {"to", "string", false, "YYYY-MM"},
        as_of},
       "", "EnterpriseSeries", 200, EnterpriseSeries,
       "/api/v1/enterprises/91310110666007217T/series?indicator=output_value",
       "/api/v1/enterprises/91330000755918469E/series?indicator=output_value", ""},
  };
}

}  // namespace ballast::api
