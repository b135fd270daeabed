// Small helpers shared by the API's handlers: JSON answers, errors, query parameters.
#ifndef BALLAST_API_HTTP_UTIL_H_
#define BALLAST_API_HTTP_UTIL_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "app/analysis.h"
#include "core/status.h"

namespace ballast::api {

void SendJson(httplib::Response& res, int status, const std::string& body);
void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               const std::string& details = "{}");
// Maps a Status to its HTTP status and error body (internal failures without detail).
void SendStatus(httplib::Response& res, const Status& s);
int HttpStatusOf(const Status& s);

std::string Param(const httplib::Request& req, const char* name);
std::vector<std::string> SplitList(const std::string& s);
// The Accept-Encoding list without brotli. httplib compresses every response on the fly at
// brotli's slowest quality (11): seconds for the UI's larger scripts and big JSON answers, where
// gzip takes milliseconds. With "br" gone, clients that offer gzip get gzip.
std::string WithoutBrotli(const std::string& accept_encoding);
Result<BatchId> AsOf(const httplib::Request& req);
Result<app::CellRequest> CellParams(const httplib::Request& req, const char* measures_param);
// The numeric id captured first in the route's path ("/…/{id}/…").
Result<int64_t> PathId(const httplib::Request& req);
// A whole number parameter (absent = fallback).
Result<int64_t> IntParam(const httplib::Request& req, const char* name, int64_t fallback);

// The use case's answer rendered as JSON, or its error.
template <typename T, typename F>
void Reply(httplib::Response& res, const Result<T>& r, F render, int status = 200) {
  if (!r.ok()) return SendStatus(res, r.status());
  SendJson(res, status, render(*r));
}

// A rendering kept with the use case's answer (app::Rendering), or its error.
inline void Reply(httplib::Response& res, const Result<std::shared_ptr<const std::string>>& r,
                  int status = 200) {
  if (!r.ok()) return SendStatus(res, r.status());
  SendJson(res, status, **r);
}

// Session cookie name; the cookie is HttpOnly and SameSite=Strict.
inline constexpr const char* kSessionCookie = "ballast_session";

// The session token of a request: "Authorization: Bearer …", else the session cookie (then
// *from_cookie is set: such writes must also carry the CSRF token). "" when neither.
std::string SessionToken(const std::string& authorization, const std::string& cookie_header,
                         bool* from_cookie = nullptr);

}  // namespace ballast::api

#endif  // BALLAST_API_HTTP_UTIL_H_
