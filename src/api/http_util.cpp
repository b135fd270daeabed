#include "api/http_util.h"

#include <charconv>
#include <sstream>

#include "api/json_codec.h"

namespace ballast::api {

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               const std::string& details) {
  SendJson(res, status, ErrorJson(code, message, details));
}

int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    default: return 500;
  }
}

void SendStatus(httplib::Response& res, const Status& s) {
  const int status = HttpStatusOf(s);
  // Internal failures keep their detail in the server log, not in the answer.
  if (status == 500) std::fprintf(stderr, "ballast serve: %s\n", s.ToString().c_str());
  SendError(res, status, status == 500 ? "internal" : StatusCodeName(s.code()),
            status == 500 ? "internal error" : s.message());
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string WithoutBrotli(const std::string& accept_encoding) {
  std::string out;
  std::stringstream in(accept_encoding);
  std::string item;
  while (std::getline(in, item, ',')) {
    const size_t b = item.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    const size_t e = item.find_first_of(" \t;", b);
    // httplib picks brotli if "br" occurs anywhere in the header: drop any token that holds it.
    if (item.substr(b, e == std::string::npos ? e : e - b).find("br") != std::string::npos) continue;
    out += (out.empty() ? "" : ", ") + item.substr(b);
  }
  return out;
}

Result<BatchId> AsOf(const httplib::Request& req) {
  std::string s = Param(req, "as_of");
  if (s.empty()) return kLatestBatch;
  BatchId id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) {
    return Status::Invalid("as_of: '" + s + "' is not a batch id");
  }
  return id;
}

Result<app::CellRequest> CellParams(const httplib::Request& req, const char* measures_param) {
  app::CellRequest r;
  r.indicator = Param(req, "indicator");
  r.measures = SplitList(Param(req, measures_param));
  r.period = Param(req, "period");
  r.region = Param(req, "region");
  r.industry = Param(req, "industry");
  r.of = Param(req, "of");
  for (size_t i = 0; i < req.get_param_value_count("tag"); ++i) r.tags.push_back(req.get_param_value("tag", i));
  r.park = Param(req, "park");  // a park's members only (issue 15 item 2)
  ASSIGN_OR_RETURN(r.as_of, AsOf(req));
  return r;
}

Result<int64_t> PathId(const httplib::Request& req) {
  const std::string s = req.matches[1];
  int64_t id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) return Status::Invalid("id: '" + s + "' is not an id");
  return id;
}

std::string SessionToken(const std::string& authorization, const std::string& cookies, bool* from_cookie) {
  if (from_cookie != nullptr) *from_cookie = false;
  if (authorization.rfind("Bearer ", 0) == 0) return authorization.substr(7);
  const std::string name = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name, 0) == 0) {
      if (from_cookie != nullptr) *from_cookie = part.size() > name.size();
      return part.substr(name.size());
    }
    pos = end + 1;
  }
  return {};
}

Result<int64_t> IntParam(const httplib::Request& req, const char* name, int64_t fallback) {
  const std::string v = Param(req, name);
  if (v.empty()) return fallback;
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < 0) {
    return Status::Invalid(std::string(name) + ": '" + v + "' is not a whole number");
  }
  return out;
}

}  // namespace ballast::api
