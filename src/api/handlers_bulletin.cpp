// The monthly documents as files: GET /api/v1/bulletin (issue #12 item 7) answers the DOCX, PDF
// or XLSX bulletin of a region inside the caller's scope, GET /api/v1/service/report (issue 14
// item 7) the monthly service report, scoped as the service statistics; both with their
// Content-Disposition.
#include "api/http_util.h"
#include "api/route.h"
#include "app/bulletin.h"
#include "app/service_report.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

void SendFile(Res& res, app::BulletinFile file) {
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(file.bytes), file.content_type);
}

void Bulletin(const Ctx& c, const Req& req, Res& res) {
  const std::string format_text = Param(req, "format");
  auto format = app::ParseBulletinFormat(format_text.empty() ? "docx" : format_text);
  if (!format.ok()) return SendStatus(res, format.status());
  auto as_of = AsOf(req);
  if (!as_of.ok()) return SendStatus(res, as_of.status());
  auto file = app::MakeBulletin(c.app, *c.caller,
                                {Param(req, "period"), Param(req, "region"), *as_of}, *format);
  if (!file.ok()) return SendStatus(res, file.status());
  SendFile(res, std::move(file).value());
}

void ServiceReport(const Ctx& c, const Req& req, Res& res) {
  const std::string format_text = Param(req, "format");
  auto format = app::ParseBulletinFormat(format_text.empty() ? "docx" : format_text);
  if (!format.ok()) return SendStatus(res, format.status());
  auto file = app::MakeServiceReport(
      c.app, *c.caller,
      {Param(req, "month"), Param(req, "region"), Param(req, "unit"), Param(req, "today")},
      *format);
  if (!file.ok()) return SendStatus(res, file.status());
  SendFile(res, std::move(file).value());
}

}  // namespace

std::vector<Route> BulletinRoutes() {
  return {
      {"GET",
       "/api/v1/bulletin",
       "The monthly bulletin (通报) of a region as a file: DOCX (default), PDF or XLSX",
       auth::Permission::kReadAggregate,
       {{"period", "string", false,
         "YYYY-MM (January is published with February: ask for YYYY-02); default the default "
         "period"},
        {"region", "string", false, "GB/T 2260 code; default the caller's region, or 410000"},
        {"format", "string", false, "the document format (default docx)", {"docx", "pdf", "xlsx"}},
        {"as_of", "integer", false, "batch id: as the data stood after that batch"}},
       "",
       std::string(app::BulletinContentType(app::BulletinFormat::kDocx)),
       200,
       Bulletin,
       "/api/v1/bulletin?period=2025-03&region=410100&format=docx",
       "/api/v1/bulletin?period=2025-03&region=410000&format=docx",
       ""},
      {"GET",
       "/api/v1/service/report",
       "The monthly service report (企业服务月报) of a region as a file: DOCX (default), PDF or "
       "XLSX",
       auth::Permission::kReadAggregate,
       {{"month", "string", true, "YYYY-MM: the appeals filed in this Beijing month"},
        {"region", "string", false, "GB/T 2260 code; default the caller's region"},
        {"unit", "string", false, "responsible unit (a handler: its own only)"},
        {"format", "string", false, "the document format (default docx)", {"docx", "pdf", "xlsx"}},
        {"today", "string", false,
         "YYYY-MM-DD the open and overdue counts are taken on (default today in Beijing)"}},
       "",
       std::string(app::BulletinContentType(app::BulletinFormat::kDocx)),
       200,
       ServiceReport,
       "/api/v1/service/report?month=2024-09&region=410100&format=docx",
       "/api/v1/service/report?month=2024-09&region=419001&format=docx",
       ""},
  };
}

}  // namespace ballast::api
