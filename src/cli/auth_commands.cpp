#include "cli/auth_commands.h"

#include <iostream>

#include "auth/crypto.h"
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

Result<std::string> CreateFirstAdmin(app::Workspace& ws) {
  std::string password = auth::RandomPassword();
  ASSIGN_OR_RETURN(
      auto user, ws.auth().AddUser({"admin", password, "admin", "100000", "", ""}, "ballast init"));
  (void)user;
  return password;
}

void PrintFirstAdmin(const std::string& password, std::ostream& out) {
  out << "first administrator: user 'admin', password '" << password
      << "' (shown once; change it with `ballast user passwd admin --db FILE --password-stdin`)\n";
}

namespace auth_cli {

namespace {
Result<std::string> PasswordFor(const UserArgs& a, std::string* generated) {
  if (!a.password_stdin) {
    *generated = auth::RandomPassword();
    return *generated;
  }
  std::string line;
  if (!std::getline(std::cin, line))
    return Status::Invalid("--password-stdin: no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}
}  // namespace

Status RunUser(app::Workspace& ws, const std::string& action, const UserArgs& a,
               const std::string& actor, std::ostream& out) {
  if (action == "list") {
    ASSIGN_OR_RETURN(auto users, ws.auth().ListUsers());
    out << "username,role,region,unit,uscc,disabled,created_at\n";
    for (const auto& u : users) {
      out << CsvField(u.username) << ',' << u.role << ',' << u.region << ',' << CsvField(u.unit)
          << ',' << u.uscc << ',' << (u.disabled ? "yes" : "no") << ',' << u.created_at << '\n';
    }
    return Status::Ok();
  }
  if (a.username.empty()) return Status::Invalid("name: give the user's name");
  if (action == "disable" || action == "enable") {
    RETURN_IF_ERROR(ws.auth().SetDisabled(a.username, action == "disable", "cli:" + actor));
    out << "user '" << a.username << "' " << action << "d"
        << (action == "disable" ? "; its sessions have ended" : "") << "\n";
    return Status::Ok();
  }
  std::string generated;
  ASSIGN_OR_RETURN(std::string password, PasswordFor(a, &generated));
  if (action == "add") {
    if (a.role.empty()) return Status::Invalid("--role: give the user's role");
    ASSIGN_OR_RETURN(auto u,
                     ws.auth().AddUser({a.username, password, a.role, a.region, a.unit, a.uscc},
                                       "cli:" + actor));
    out << "added user '" << u.username << "' (" << u.role << ", scope " << u.region << ")\n";
  } else {
    RETURN_IF_ERROR(ws.auth().SetPassword(a.username, password, "cli:" + actor));
    out << "set the password of '" << a.username << "'; its sessions have ended\n";
  }
  if (!generated.empty()) out << "password: " << generated << " (shown once)\n";
  return Status::Ok();
}

Status RunAudit(app::Workspace& ws, const std::string& action, std::ostream& out) {
  if (action == "verify") {
    RETURN_IF_ERROR(ws.auth().VerifyAudit());
    ASSIGN_OR_RETURN(auto entries, ws.auth().ListAudit(0, 0));
    ASSIGN_OR_RETURN(bool keyed, ws.auth().AuditLogKeyed());
    out << "audit log intact: " << entries.size() << " entries, hash chain verified"
        << (keyed ? " with the audit key, head record (count and newest entry) matches" : "")
        << "\n";
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(auto entries, ws.auth().ListAudit(0, 0));
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
