// Who is asking: every use case of app/ takes the caller and decides what it may read and do
// (app/access.h holds the rules). The API builds it from the session, the command line as the
// local administrator of the whole country.
#ifndef BALLAST_APP_CALLER_H_
#define BALLAST_APP_CALLER_H_

#include <string>

#include "auth/roles.h"
#include "core/catalog.h"

namespace ballast::app {

struct Caller {
  std::string username;
  auth::Role role = auth::Role::kViewer;
  std::string uscc;    // enterprise users: their enterprise
  std::string unit;    // handlers: the unit they work for
  std::string region;  // the scope: this region's subtree ("" or 100000 = the whole country)
  std::string address = {};  // the client's address, for the audit log

  // The command line: the machine's own administrator, unrestricted.
  static Caller Local(const std::string& username) {
    return Caller{username, auth::Role::kAdmin, "", "", std::string(kCountryCode), "local"};
  }
  bool whole_country() const { return region.empty() || region == kCountryCode; }
};

// The user a service acts as when it computes on everyone's behalf (internal metrics).
inline Caller SystemCaller() { return Caller::Local("system"); }

}  // namespace ballast::app

#endif  // BALLAST_APP_CALLER_H_
