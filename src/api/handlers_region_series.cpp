// Routes of region series (issue #12 item 4): the import of figures published per region. The
// cells, tables, series and rankings of region indicators go through the analysis routes; app/
// decides who may import what (importers, within their region scope); these only translate HTTP.
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"
#include "app/region_series.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;
using Json = nlohmann::ordered_json;

Json Num(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? Json(*v) : Json(nullptr);
}

std::string ShareJson(const app::ManufacturingShare& s) {
  return Json{{"region", s.region},
              {"period", s.period},
              {"value_added", Num(s.value_added)},
              {"gdp", Num(s.gdp)},
              {"share", Num(s.share)},
              {"suppressed", s.suppressed.empty() ? Json(nullptr) : Json(s.suppressed)}}
      .dump();
}

void GetManufacturingShare(const Ctx& c, const Req& req, Res& res) {
  Reply(res,
        app::ManufacturingShareOfGdp(c.app, *c.caller, Param(req, "region"), Param(req, "period")),
        ShareJson);
}

void PostRegionSeries(const Ctx& c, const Req& req, Res& res) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument",
                     "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  if (file.filename.empty())
    return SendError(res, 400, "invalid_argument", "file: the upload has no file name");
  auto o = app::ImportRegionSeries(c.app, *c.caller, file.content, file.filename);
  if (!o.ok()) return SendStatus(res, o.status());
  if (o->status == ingest::ImportStatus::kRejected) {
    return SendError(res, 422, "validation_failed",
                     std::to_string(o->report.error_count) + " error(s) in " + o->report.file +
                         "; nothing was imported",
                     ImportReportJson(o->report));
  }
  SendJson(res, 201, ImportJson(*o));
}

}  // namespace

std::vector<Route> RegionSeriesRoutes() {
  return {
      {"POST",
       "/api/v1/region-series",
       "Import figures published per region region,period,indicator,value,ytd,yoy,ytd_yoy "
       "(multipart field "
       "'file'); every row's region within the caller's scope",
       Permission::kImport,
       {},
       "multipart",
       "Import",
       201,
       PostRegionSeries,
       "/api/v1/region-series",
       "",
       ""},
      {"GET",
       "/api/v1/region-series/mfg-share",
       "制造业增加值占GDP比重: value added of manufacturing (C) ÷ the region's published GDP, both "
       "cumulative, in %",
       Permission::kReadAggregate,
       {{"region", "string", true, "GB/T 2260 code"},
        {"period", "string", false, "YYYY-MM; default: the latest GDP"}},
       "",
       "ManufacturingShare",
       200,
       GetManufacturingShare,
       "/api/v1/region-series/mfg-share?region=410100&period=2025-03",
       "/api/v1/region-series/mfg-share?region=419001&period=2025-03",
       ""},
  };
}

}  // namespace ballast::api
