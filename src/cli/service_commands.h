// The service subcommands and the serve flags of notifications, as plain functions main.cpp wires:
//   ballast service calendar-year --db FILE --file YEAR.json [--user U]   load one calendar year
//   ballast service report --db FILE --month YYYY-MM [--region CODE] --out DIR
//                   [--format docx,pdf,xlsx] [--today YYYY-MM-DD]      the monthly service report
//   ballast serve … --smtp-url smtp://host:587 --smtp-from ballast@x [--smtp-user U
//                   --smtp-password-file F]                               e-mail notifications
#ifndef BALLAST_CLI_SERVICE_COMMANDS_H_
#define BALLAST_CLI_SERVICE_COMMANDS_H_

#include <memory>
#include <ostream>
#include <string>

#include "app/notification_worker.h"

namespace ballast::cli {

struct SmtpFlags {
  std::string url, from, user, password_file;
};

struct ServiceReportArgs {
  std::string db, month, region, out, formats = "docx,pdf,xlsx", today, user = "local";
};
// Writes service-report-<region>-<month>.<ext> in `out` for each format; prints each file written.
// Exit code 0, 2 bad input, 1 anything else.
int RunServiceReport(const ServiceReportArgs& args, std::ostream& out, std::ostream& err);

int RunCalendarYear(const std::string& db, const std::string& path, const std::string& user,
                    std::ostream& out, std::ostream& err);

// The notification worker of `serve`, started; e-mail when --smtp-url is given. Null with a
// message on `err` when the flags are wrong.
std::unique_ptr<app::NotificationWorker> StartNotifications(app::Service& service,
                                                            const SmtpFlags& flags,
                                                            std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_SERVICE_COMMANDS_H_
