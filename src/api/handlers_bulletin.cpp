// The monthly bulletin as a file (issue #12 item 7): GET /api/v1/bulletin answers the DOCX, PDF
// or XLSX document of a region inside the caller's scope, with its Content-Disposition.
#include "api/http_util.h"
#include "api/route.h"
#include "app/bulletin.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

void Bulletin(const Ctx& c, const Req& req, Res& res) {
  const std::string format_text = Param(req, "format");
  auto format = app::ParseBulletinFormat(format_text.empty() ? "docx" : format_text);
  if (!format.ok()) return SendStatus(res, format.status());
  auto as_of = AsOf(req);
  if (!as_of.ok()) return SendStatus(res, as_of.status());
  auto file = app::MakeBulletin(c.app, *c.caller,
                                {Param(req, "period"), Param(req, "region"), *as_of}, *format);
  if (!file.ok()) return SendStatus(res, file.status());
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + file->name + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(file->bytes), file->content_type);
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
  };
}

}  // namespace ballast::api
