// Small helpers shared by the API's handlers: JSON answers, errors, query parameters.
#ifndef BALLAST_API_HTTP_UTIL_H_
#define BALLAST_API_HTTP_UTIL_H_

#include <httplib.h>

#include <string>
#include <vector>

#include "app/analysis.h"
#include "auth/auth_service.h"
#include "core/status.h"

namespace ballast::app {
class Warnings;
class Service;
}

namespace ballast::api {

// What a handler knows about the caller.
struct Ctx {
  const auth::Principal* principal = nullptr;  // null on public routes
  app::Warnings* warnings = nullptr;
  app::Service* service = nullptr;
  std::string address;
  bool cookie_auth = false;
  bool tls = false;
};

void SendJson(httplib::Response& res, int status, const std::string& body);
void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               const std::string& details = "{}");
// Maps a Status to its HTTP status and error body (internal failures without detail).
void SendStatus(httplib::Response& res, const Status& s);
int HttpStatusOf(const Status& s);

std::string Param(const httplib::Request& req, const char* name);
std::vector<std::string> SplitList(const std::string& s);
Result<BatchId> AsOf(const httplib::Request& req);
Result<app::CellRequest> CellParams(const httplib::Request& req, const char* measures_param);
// The numeric id captured first in the route's path ("/…/{id}/…").
Result<int64_t> PathId(const httplib::Request& req);

// The use case's answer rendered as JSON, or its error.
template <typename T, typename F>
void Reply(httplib::Response& res, const Result<T>& r, F render, int status = 200) {
  if (!r.ok()) return SendStatus(res, r.status());
  SendJson(res, status, render(*r));
}

// Records a read of enterprise-level data by the caller.
void AuditRead(app::Workspace& ws, const Ctx& c, const std::string& action, const std::string& target,
               const std::string& detail);

}  // namespace ballast::api

#endif  // BALLAST_API_HTTP_UTIL_H_
