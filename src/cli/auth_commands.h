// `ballast user …` and `ballast audit …`: the local administrator's commands (working on the
// store file directly, without a login).
#ifndef BALLAST_CLI_AUTH_COMMANDS_H_
#define BALLAST_CLI_AUTH_COMMANDS_H_

#include <ostream>
#include <string>

#include "app/ballast.h"

namespace ballast::cli {

// The audit key file given with --audit-key ("" = "<db>.audit-key" beside the store). Set once
// by the command line before any store is opened; every command opens its store with it.
void SetAuditKeyPath(std::string path);
const std::string& AuditKeyPath();
// How every command opens the store (the audit key path of --audit-key).
app::OpenOptions StoreOptions();

// Creates the user "admin" (country scope) with a random password and returns the password.
Result<std::string> CreateFirstAdmin(app::Ballast& b);
void PrintFirstAdmin(const std::string& password, std::ostream& out);

namespace auth_cli {

struct UserArgs {
  std::string username, role, region, unit, uscc;
  bool password_stdin = false;
};
Status RunUser(app::Ballast& b, const std::string& action, const UserArgs& args, const std::string& actor,
               std::ostream& out);
Status RunAudit(app::Ballast& b, const std::string& action, std::ostream& out);

}  // namespace auth_cli
}  // namespace ballast::cli

#endif  // BALLAST_CLI_AUTH_COMMANDS_H_
