// Users, sessions and the audit log as a caller asks (app/access.h decides): an administrator
// manages users inside its region scope only — a user's region, an enterprise user's
// enterprise and a handler's unit must all lie inside it; a user outside the scope reads as
// absent. The audit log spans every region: administrators of the whole country only.
#ifndef BALLAST_APP_USERS_H_
#define BALLAST_APP_USERS_H_

#include <optional>
#include <string>
#include <vector>

#include "app/ballast.h"

namespace ballast::app {

Result<auth::Session> Login(Ballast& b, const std::string& username, const std::string& password,
                            const std::string& address);
// The caller of a session token (the API's authentication).
Result<Caller> Authenticate(Ballast& b, const std::string& token, const std::string& address,
                            auth::Principal* principal = nullptr);
Status Logout(Ballast& b, const auth::Principal& principal, const std::string& address);
// A write authenticated by cookie must carry the session's CSRF token (cookies ride along with
// cross-site requests; only our own pages can read the token).
bool CsrfTokenMatches(const auth::Principal& principal, const std::string& token);

struct UserChange {
  std::optional<bool> disabled;
  std::string password;  // "" = unchanged
};

Result<std::vector<UserRecord>> ListUsers(Ballast& b, const Caller& caller);
// Without a password one is generated and returned in *generated.
Result<UserRecord> AddUser(Ballast& b, const Caller& caller, auth::NewUser user, std::string* generated = nullptr);
// A new random password (for a reset from the command line).
std::string NewPassword();
Status ChangeUser(Ballast& b, const Caller& caller, const std::string& username, const UserChange& change);

Result<std::vector<AuditEntry>> ListAudit(Ballast& b, const Caller& caller, int64_t after_id, int64_t limit);
Status VerifyAudit(Ballast& b, const Caller& caller);

// The region a responsible unit belongs to, from the dispatch catalogue and the policy
// documents that name it (the common ancestor when several); nullopt for a unit no data names.
std::optional<std::string> UnitRegion(Ballast& b, const std::string& unit);

}  // namespace ballast::app

#endif  // BALLAST_APP_USERS_H_
