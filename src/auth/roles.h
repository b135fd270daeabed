// Roles and what they may do. Deny by default: a permission not granted here is refused.
#ifndef BALLAST_AUTH_ROLES_H_
#define BALLAST_AUTH_ROLES_H_

#include <optional>
#include <string>
#include <string_view>

namespace ballast::auth {

enum class Role { kAdmin, kAnalyst, kDispatcher, kHandler, kEnterprise, kViewer };

enum class Permission {
  kPublic,          // anyone, without logging in (health, the API description, login)
  kAuthenticated,   // any logged-in user (own session, catalogs, periods)
  kReadAggregate,   // measures of cells over many enterprises, within the region scope
  kReadEnterprise,  // enterprise-level rows, within scope (an enterprise user: its own only)
  kImport,          // import batches and see their provenance
  kAdmin,           // users and the audit log
  kHandleAlerts,    // acknowledge, assign and close alerts; silences (dispatch)
  kHandleAssigned,  // handle alerts (a handler: those assigned to its unit)
  kReportProgress,  // report progress on policy targets (a handler: targets naming its unit)
  kAppeals,         // the enterprise service: appeals (each step by the state machine's parties)
  kDispatch,        // dispatching appeals, assigning 包联 officials
  kFileAppeal,      // filing an appeal: the enterprise, or dispatch staff on its behalf (包联
                    // officials of any role are recognised by the service itself)
};

std::optional<Role> ParseRole(std::string_view name);
std::string_view RoleName(Role role);
std::string_view PermissionName(Permission p);
bool RoleAllows(Role role, Permission permission);

}  // namespace ballast::auth

#endif  // BALLAST_AUTH_ROLES_H_
