// The audit record of a use case that succeeded, in the caller's name (reads of confidential
// data and writes alike). Failures are recorded where they are decided (auth/, access).
#ifndef BALLAST_APP_AUDIT_H_
#define BALLAST_APP_AUDIT_H_

#include <string>

#include "app/caller.h"

namespace ballast::app {

class Ballast;

// The use case has succeeded by then: a failure to record is not reported to its caller.
void AuditSuccess(Ballast& b, const Caller& c, const std::string& action, const std::string& target,
                  const std::string& detail);

}  // namespace ballast::app

#endif  // BALLAST_APP_AUDIT_H_
