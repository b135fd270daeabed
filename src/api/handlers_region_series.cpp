// Routes of region series (issue #12 item 4): the import of figures published per region. The
// cells, tables, series and rankings of region indicators go through the analysis routes; app/
// decides who may import what (importers, within their region scope); these only translate HTTP.
#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"
#include "app/region_series.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

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
  };
}

}  // namespace ballast::api
