// libFuzzer harness for the API's JSON request-body parsers.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/json_codec.h"
#include "api/json_service.h"
#include "api/json_warn.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto login = ballast::api::ParseLoginJson(body);
  if (login.ok() && login->username.size() > body.size()) __builtin_trap();
  auto user = ballast::api::ParseUserJson(body);
  if (user.ok() && user->username.size() + user->password.size() > body.size()) __builtin_trap();
  (void)ballast::api::ParseWarnBody(body);
  (void)ballast::api::ParseServiceBody(body);
  // Error bodies embed caller-supplied details; the result must stay valid JSON-ish text.
  const std::string err = ballast::api::ErrorJson("bad_request", body, body);
  if (err.empty()) __builtin_trap();
  return 0;
}
