#include "auth/roles.h"

namespace ballast::auth {

namespace {
constexpr std::string_view kRoles[] = {"admin", "analyst", "dispatcher", "handler", "enterprise", "viewer"};
}

std::optional<Role> ParseRole(std::string_view name) {
  for (int i = 0; i < 6; ++i) {
    if (kRoles[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::string_view RoleName(Role role) { return kRoles[static_cast<int>(role)]; }

std::string_view PermissionName(Permission p) {
  switch (p) {
    case Permission::kPublic: return "public";
    case Permission::kAuthenticated: return "authenticated";
    case Permission::kReadAggregate: return "read_aggregate";
    case Permission::kReadEnterprise: return "read_enterprise";
    case Permission::kImport: return "import";
    case Permission::kAdmin: return "admin";
    case Permission::kHandleAlerts: return "handle_alerts";
    case Permission::kHandleAssigned: return "handle_assigned";
    case Permission::kReportProgress: return "report_progress";
    case Permission::kAppeals: return "appeals";
    case Permission::kDispatch: return "dispatch";
    case Permission::kFileAppeal: return "file_appeal";
  }
  return "unknown";
}

bool RoleAllows(Role role, Permission p) {
  switch (p) {
    case Permission::kPublic:
    case Permission::kAuthenticated:
      return true;
    case Permission::kReadAggregate:
      // An enterprise user sees its own records only, not the region's aggregates.
      return role != Role::kEnterprise;
    case Permission::kReadEnterprise:
      // Enterprise users pass here and are then held to their own enterprise.
      return role == Role::kAdmin || role == Role::kAnalyst || role == Role::kEnterprise;
    case Permission::kImport:
      return role == Role::kAdmin || role == Role::kAnalyst;
    case Permission::kAdmin:
      return role == Role::kAdmin;
    case Permission::kHandleAlerts:
      return role == Role::kAdmin || role == Role::kAnalyst || role == Role::kDispatcher;
    case Permission::kHandleAssigned:
      return role == Role::kAdmin || role == Role::kAnalyst || role == Role::kDispatcher || role == Role::kHandler;
    case Permission::kReportProgress:
      return role == Role::kAdmin || role == Role::kAnalyst || role == Role::kHandler;
    case Permission::kAppeals:
      return role != Role::kViewer;
    case Permission::kDispatch:
      return role == Role::kAdmin || role == Role::kDispatcher;
    case Permission::kFileAppeal:
      return role == Role::kAdmin || role == Role::kDispatcher || role == Role::kEnterprise;
  }
  return false;
}

}  // namespace ballast::auth
