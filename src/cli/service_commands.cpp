#include "cli/service_commands.h"

#include <fstream>
#include <sstream>

#include "app/ballast.h"
#include "cli/auth_commands.h"

namespace ballast::cli {

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int RunCalendarYear(const std::string& db, const std::string& path, const std::string& user,
                    std::ostream& out, std::ostream& err) {
  auto text = ReadFile(path);
  if (!text.ok()) {
    err << text.status().ToString() << "\n";
    return 2;
  }
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) {
    err << b.status().ToString() << "\n";
    return 1;
  }
  app::Caller local = app::Caller::Local(user);
  if (Status st = (*b)->service().LoadCalendarYear(local, *text); !st.ok()) {
    err << path << ": " << st.ToString() << "\n";
    return st.code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  auto state = (*b)->service().CalendarState(local);
  out << "calendar known to " << state.known_to << " (" << state.days_left << " days left)\n";
  return 0;
}

std::unique_ptr<app::NotificationWorker> StartNotifications(app::Service& service,
                                                            const SmtpFlags& f, std::ostream& err) {
  std::unique_ptr<service::NotificationSender> sender;
  if (!f.url.empty()) {
    if (f.from.empty()) {
      err << "--smtp-from is required with --smtp-url\n";
      return nullptr;
    }
    service::SmtpOptions o{f.url, f.from, f.user, ""};
    if (!f.password_file.empty()) {
      auto pw = ReadFile(f.password_file);
      if (!pw.ok()) {
        err << pw.status().ToString() << "\n";
        return nullptr;
      }
      o.password = *pw;
      while (!o.password.empty() && (o.password.back() == '\n' || o.password.back() == '\r'))
        o.password.pop_back();
    }
    sender = service::MakeSmtpSender(std::move(o));
  }
  auto worker = std::make_unique<app::NotificationWorker>(service, std::move(sender));
  worker->Start();
  return worker;
}

}  // namespace ballast::cli
