#include "cli/auth_commands.h"

#include <iostream>

#include "app/users.h"
#include "cli/format.h"

namespace ballast::cli {

namespace {
std::string& AuditKeyPathStorage() {
  static std::string path;
  return path;
}
}  // namespace

void SetAuditKeyPath(std::string path) { AuditKeyPathStorage() = std::move(path); }
const std::string& AuditKeyPath() { return AuditKeyPathStorage(); }
app::OpenOptions StoreOptions() { return app::OpenOptions{nullptr, AuditKeyPath()}; }

Result<std::string> CreateFirstAdmin(app::Ballast& b) {
  std::string password;
  ASSIGN_OR_RETURN(auto user, app::AddUser(b, app::Caller::Local("ballast init"), {"admin", "", "admin", "100000", "", ""},
                                           &password));
  (void)user;
  return password;
}

void PrintFirstAdmin(const std::string& password, std::ostream& out) {
  out << "first administrator: user 'admin', password '" << password
      << "' (shown once; change it with `ballast user passwd admin --db FILE --password-stdin`)\n";
}

namespace auth_cli {

namespace {
// "" = let app::AddUser generate one (printed once).
Result<std::string> PasswordFor(const UserArgs& a) {
  if (!a.password_stdin) return std::string();
  std::string line;
  if (!std::getline(std::cin, line))
    return Status::Invalid("--password-stdin: no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}
}  // namespace

Status RunUser(app::Ballast& b, const std::string& action, const UserArgs& a, const std::string& actor,
               std::ostream& out) {
  const app::Caller local = app::Caller::Local("cli:" + actor);
  if (action == "list") {
    ASSIGN_OR_RETURN(auto users, app::ListUsers(b, local));
    out << "username,role,region,unit,uscc,disabled,created_at\n";
    for (const auto& u : users) {
      out << CsvField(u.username) << ',' << u.role << ',' << u.region << ',' << CsvField(u.unit)
          << ',' << u.uscc << ',' << (u.disabled ? "yes" : "no") << ',' << u.created_at << '\n';
    }
    return Status::Ok();
  }
  if (a.username.empty()) return Status::Invalid("name: give the user's name");
  if (action == "disable" || action == "enable") {
    RETURN_IF_ERROR(app::ChangeUser(b, local, a.username, {action == "disable", ""}));
    out << "user '" << a.username << "' " << action << "d" << (action == "disable" ? "; its sessions have ended" : "")
        << "\n";
    return Status::Ok();
  }
  std::string generated;
  ASSIGN_OR_RETURN(std::string password, PasswordFor(a));
  if (action == "add") {
    if (a.role.empty()) return Status::Invalid("--role: give the user's role");
    ASSIGN_OR_RETURN(auto u, app::AddUser(b, local, {a.username, password, a.role, a.region, a.unit, a.uscc}, &generated));
    out << "added user '" << u.username << "' (" << u.role << ", scope " << u.region << ")\n";
  } else {
    if (password.empty()) password = generated = app::NewPassword();
    RETURN_IF_ERROR(app::ChangeUser(b, local, a.username, {std::nullopt, password}));
    out << "set the password of '" << a.username << "'; its sessions have ended\n";
  }
  if (!generated.empty()) out << "password: " << generated << " (shown once)\n";
  return Status::Ok();
}

Status RunAudit(app::Ballast& b, const std::string& action, std::ostream& out) {
  const app::Caller local = app::Caller::Local("cli");
  if (action == "verify") {
    RETURN_IF_ERROR(app::VerifyAudit(b, local));
    ASSIGN_OR_RETURN(auto entries, app::ListAudit(b, local, 0, 0));
    ASSIGN_OR_RETURN(bool keyed, b.auth().AuditLogKeyed());
    out << "audit log intact: " << entries.size() << " entries, hash chain verified"
        << (keyed ? " with the audit key, head record (count and newest entry) matches" : "") << "\n";
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(auto entries, app::ListAudit(b, local, 0, 0));
  out << "id,ts,actor,role,address,action,target,result,detail\n";
  for (const auto& e : entries) {
    out << e.id << ',' << e.ts << ',' << CsvField(e.actor) << ',' << e.role << ',' << e.address
        << ',' << e.action << ',' << CsvField(e.target) << ',' << e.result << ','
        << CsvField(e.detail) << '\n';
  }
  return Status::Ok();
}

}  // namespace auth_cli
}  // namespace ballast::cli
