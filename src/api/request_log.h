// The request being answered, its id and the structured log: one JSON object per line on
// stderr (time in UTC, level, msg, request_id, method, route, status, duration_ms, user,
// client). Never the path's query, headers, cookies, tokens or bodies: nothing secret.
// httplib answers each request on one worker thread from routing to logging, so the trace is
// thread-local: the pre-routing hook opens it, the route's guard names the route and user, the
// logger closes it.
#ifndef BALLAST_API_REQUEST_LOG_H_
#define BALLAST_API_REQUEST_LOG_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ballast::api {

struct RequestTrace {
  bool open = false;
  std::chrono::steady_clock::time_point start;
  std::string id;
  const std::string* route = nullptr;  // the declared pattern (Route::path) once routed
  std::string user;
};

// This thread's request.
RequestTrace& CurrentRequest();
// Opens a trace: keeps `proposed` (an X-Request-Id) when it came from a trusted proxy and is
// sane, else generates an id.
void OpenRequest(std::string_view proposed, bool proposer_trusted);

// 1 to 128 characters of [A-Za-z0-9._:-]: an id that is safe in a header and a log line.
bool IsSaneRequestId(std::string_view id);
// 32 hex digits from the system's random source.
std::string NewRequestId();

struct LogRecord {
  std::string_view level = "info", msg;
  std::string_view request_id, method, route, user, client;
  int status = 0;           // 0 = not a request
  double duration_ms = -1;  // < 0 = absent
};
// The record as one line of JSON (no newline), time first.
std::string LogLine(const LogRecord& r, int64_t now_utc);
// Writes the line and a newline to stderr in one call.
void Log(const LogRecord& r);

}  // namespace ballast::api

#endif  // BALLAST_API_REQUEST_LOG_H_
