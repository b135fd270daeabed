#include "api/request_log.h"

#include <cmath>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "core/clock.h"

namespace ballast::api {

RequestTrace& CurrentRequest() {
  thread_local RequestTrace trace;
  return trace;
}

void OpenRequest(std::string_view proposed, bool proposer_trusted) {
  RequestTrace& t = CurrentRequest();
  t.open = true;
  t.start = std::chrono::steady_clock::now();
  t.id = proposer_trusted && IsSaneRequestId(proposed) ? std::string(proposed) : NewRequestId();
  t.route = nullptr;
  t.user.clear();
}

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // One random_device read per thread seeds a fast generator; ids need uniqueness, not secrecy.
  thread_local std::mt19937_64 gen{(static_cast<uint64_t>(std::random_device{}()) << 32) ^
                                   std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t v = gen();
    for (int i = 0; i < 16; ++i, v >>= 4) id[static_cast<size_t>(half * 16 + i)] = kHex[v & 0xf];
  }
  return id;
}

std::string LogLine(const LogRecord& r, int64_t now_utc) {
  nlohmann::ordered_json j;
  j["time"] = FormatUtc(now_utc);
  j["level"] = r.level;
  j["msg"] = r.msg;
  if (!r.request_id.empty()) j["request_id"] = r.request_id;
  if (!r.method.empty()) j["method"] = r.method;
  if (!r.route.empty()) j["route"] = r.route;
  if (r.status != 0) j["status"] = r.status;
  if (r.duration_ms >= 0 && std::isfinite(r.duration_ms))
    j["duration_ms"] = std::round(r.duration_ms * 1000) / 1000;
  if (!r.user.empty()) j["user"] = r.user;
  if (!r.client.empty()) j["client"] = r.client;
  // Invalid UTF-8 from a client becomes U+FFFD rather than an exception.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Log(const LogRecord& r) {
  static std::mutex mu;
  const std::string line = LogLine(r, SystemClock().Now()) + "\n";
  std::lock_guard lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace ballast::api
