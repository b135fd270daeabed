#include "cli/service_commands.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/ballast.h"
#include "app/service_report.h"
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

int RunServiceReport(const ServiceReportArgs& args, std::ostream& out, std::ostream& err) {
  auto fail = [&err](const Status& st) {
    err << "error: " << st.message() << "\n";
    return st.IsUserError() ? 2 : 1;
  };
  std::vector<app::BulletinFormat> formats;
  std::stringstream list(args.formats);
  for (std::string f; std::getline(list, f, ',');) {
    auto parsed = app::ParseBulletinFormat(f, "--format");
    if (!parsed.ok()) return fail(parsed.status());
    formats.push_back(*parsed);
  }
  if (formats.empty())
    return fail(Status::Invalid("--format: give docx, pdf or xlsx (comma-separated)"));
  std::error_code ec;
  std::filesystem::create_directories(args.out, ec);
  if (ec || !std::filesystem::is_directory(args.out))
    return fail(Status::Invalid("--out: cannot create the directory " + args.out));
  auto b = app::Ballast::Open(args.db, StoreOptions());
  if (!b.ok()) return fail(b.status());
  const app::ServiceReportRequest request{args.month, args.region, "", args.today};
  auto report = app::BuildServiceReport(**b, app::Caller::Local(args.user), request);
  if (!report.ok()) return fail(report.status());
  for (auto format : formats) {
    auto file = app::RenderServiceReport(*report, format);
    if (!file.ok()) return fail(file.status());
    const std::string path = (std::filesystem::path(args.out) / file->name).string();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
    f.close();
    if (!f) return fail(Status::Internal("cannot write " + path));
    out << "wrote " << path << " (" << file->bytes.size() << " bytes)\n";
  }
  return 0;
}

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
