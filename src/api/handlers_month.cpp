// Routes of the analyst's month (issue #12): the reference tables behind growth at comparable
// prices and value added. app/ballast.h decides who may import them (the whole country's
// importers); these only translate HTTP.
#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

using ImportFn = Result<ingest::ImportOutcome> (app::Ballast::*)(const app::Caller&,
                                                                 std::string_view,
                                                                 std::string_view);

void PostTable(ImportFn fn, const Ctx& c, const Req& req, Res& res) {
  // Who may, before what was sent: a scoped importer learns nothing from a malformed body.
  if (Status st = c.app.MayImportReferenceData(*c.caller); !st.ok()) return SendStatus(res, st);
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument",
                     "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  if (file.filename.empty())
    return SendError(res, 400, "invalid_argument", "file: the upload has no file name");
  auto o = (c.app.*fn)(*c.caller, file.content, file.filename);
  if (!o.ok()) return SendStatus(res, o.status());
  if (o->status == ingest::ImportStatus::kRejected) {
    return SendError(res, 422, "validation_failed",
                     std::to_string(o->report.error_count) + " error(s) in " + o->report.file +
                         "; nothing was imported",
                     ImportReportJson(o->report));
  }
  SendJson(res, 201, ImportJson(*o));
}

void GetNowcast(const Ctx& c, const Req& req, Res& res) {
  app::NowcastCellRequest q;
  q.period = Param(req, "period");
  if (q.period.empty()) return SendError(res, 400, "invalid_argument", "period: give YYYY-MM");
  for (auto [name, field] : {std::pair{"indicator", &q.indicator}, {"region", &q.region},
                             {"industry", &q.industry}}) {
    if (req.has_param(name)) *field = Param(req, name);
  }
  Reply(res, app::NowcastForView(c.app, *c.caller, q), NowcastJson);
}

}  // namespace

std::vector<Route> MonthRoutes() {
  return {
      {"GET",
       "/api/v1/nowcast",
       "Flash estimate (快报) of a cell's yoy before the month closes, with its expected error",
       Permission::kReadAggregate,
       {{"period", "string", true, "YYYY-MM: the month to estimate"},
        {"indicator", "string", false, "flow indicator (default output_value)"},
        {"region", "string", false, "GB/T 2260 code (default 100000)"},
        {"industry", "string", false, "GB/T 4754 code or BCD (default)"}},
       "",
       "Nowcast",
       200,
       GetNowcast,
       "/api/v1/nowcast?period=2025-03&region=410100",
       "/api/v1/nowcast?period=2025-03&region=419001",
       ""},
      {"POST",
       "/api/v1/prices",
       "Import ex-factory price indices industry,period,index (multipart field 'file'); whole "
       "country only",
       Permission::kImport,
       {},
       "multipart",
       "Import",
       201,
       [](const Ctx& c, const Req& q, Res& r) { PostTable(&app::Ballast::ImportPrices, c, q, r); },
       "",
       "/api/v1/prices",
       ""},
      {"POST",
       "/api/v1/va-rates",
       "Import value-added rates industry,rate (multipart field 'file'); whole country only",
       Permission::kImport,
       {},
       "multipart",
       "Import",
       201,
       [](const Ctx& c, const Req& q, Res& r) { PostTable(&app::Ballast::ImportVaRates, c, q, r); },
       "",
       "/api/v1/va-rates",
       ""},
  };
}

}  // namespace ballast::api
