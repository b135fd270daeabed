// The monthly service report (企业服务月报, issue 14 item 7): the appeals of one Beijing month in a
// region — received, accepted, closed, 问题解决率 and satisfaction with their numerators and
// denominators, category × region, the overdue and escalation rankings and the satisfaction by
// unit, the hot topics — as a DOCX, PDF or XLSX file. Every figure comes from the leader's
// statistics (Service::MonthFigures: ComputeStatistics and ComputeMetrics over the same appeals,
// scoped exactly as GET /service/statistics); the bulletin's writers (src/report/) lay it out.
#ifndef BALLAST_APP_SERVICE_REPORT_H_
#define BALLAST_APP_SERVICE_REPORT_H_

#include <string>

#include "app/bulletin.h"
#include "core/status.h"
#include "report/bulletin.h"

namespace ballast::app {

class Ballast;
struct Caller;

struct ServiceReportRequest {
  std::string month;   // YYYY-MM: the Beijing month the appeals were filed in (required)
  std::string region;  // GB/T 2260; "" = the caller's region (the whole country: 100000)
  std::string unit;    // "" = every unit (a handler: its own, as the statistics)
  std::string today;   // YYYY-MM-DD the open and overdue counts are taken on; "" = today (Beijing)
};

// The report as data. A region outside the caller's scope, another unit for a handler and any
// enterprise user are PermissionDenied; a malformed month, region or date InvalidArgument.
Result<report::Bulletin> BuildServiceReport(Ballast& b, const Caller& caller,
                                            const ServiceReportRequest& request);
// One format of a built report, named service-report-<region>-<month>.<ext>.
Result<BulletinFile> RenderServiceReport(const report::Bulletin& report, BulletinFormat format);
// Both steps.
Result<BulletinFile> MakeServiceReport(Ballast& b, const Caller& caller,
                                       const ServiceReportRequest& request, BulletinFormat format);

}  // namespace ballast::app

#endif  // BALLAST_APP_SERVICE_REPORT_H_
