// The service subcommands and the serve flags of notifications, as plain functions main.cpp wires:
//   ballast service calendar-year --db FILE --file YEAR.json [--user U]   load one calendar year
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

int RunCalendarYear(const std::string& db, const std::string& path, const std::string& user,
                    std::ostream& out, std::ostream& err);

// The notification worker of `serve`, started; e-mail when --smtp-url is given. Null with a
// message on `err` when the flags are wrong.
std::unique_ptr<app::NotificationWorker> StartNotifications(app::Service& service,
                                                            const SmtpFlags& flags,
                                                            std::ostream& err);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_SERVICE_COMMANDS_H_
