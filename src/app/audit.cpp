#include "app/audit.h"

#include "app/ballast.h"

namespace ballast::app {

void AuditSuccess(Ballast& b, const Caller& c, const std::string& action, const std::string& target,
                  const std::string& detail) {
  (void)b.auth().Audit({c.username, std::string(auth::RoleName(c.role)), c.address, action, target,
                        "success", detail});
}

}  // namespace ballast::app
