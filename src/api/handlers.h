// The handlers of the route table, by "METHOD path".
#ifndef BALLAST_API_HANDLERS_H_
#define BALLAST_API_HANDLERS_H_

#include <functional>
#include <map>
#include <string>

#include "api/http_util.h"
#include "app/workspace.h"

namespace ballast::api {

using Handler = std::function<void(app::Workspace&, const Ctx&, const httplib::Request&, httplib::Response&)>;
const std::map<std::string, Handler>& Handlers();
// The warning and policy-target routes (handlers_warn.cpp).
const std::map<std::string, Handler>& WarnHandlers();
// The enterprise-service routes (handlers_service.cpp).
const std::map<std::string, Handler>& ServiceHandlers();
// Scope checks shared by the handlers.
Status CheckRegion(app::Workspace& ws, const Ctx& c, const std::string& code);

// Session cookie name; the cookie is HttpOnly and SameSite=Strict.
inline constexpr const char* kSessionCookie = "ballast_session";

}  // namespace ballast::api

#endif  // BALLAST_API_HANDLERS_H_
