#include "api/request_precheck.h"

#include "api/body_limits.h"
#include "api/http_util.h"
#include "app/users.h"
#include "api/json_codec.h"
#include "api/json_depth.h"

namespace ballast::api {

namespace {

EarlyReply FromStatus(int http, const Status& s) {
  return {http, ErrorJson(StatusCodeName(s.code()), s.message())};
}

}  // namespace

std::optional<EarlyReply> PrecheckRequest(app::Ballast& b, size_t max_upload_bytes,
                                          const RequestHead& head, const std::string* body) {
  if (body != nullptr) {
    Status depth = CheckJsonDepth(*body);
    if (!depth.ok()) return FromStatus(400, depth);
    return std::nullopt;
  }
  if (head.chunked) {
    return EarlyReply{411,
                      ErrorJson("length_required", "send the request body with a Content-Length")};
  }
  const uint64_t length = head.content_length.value_or(0);
  if (length == 0) return std::nullopt;
  if (NeedsSession(head.method, head.path)) {
    const std::string token = SessionToken(head.Header("Authorization"), head.Header("Cookie"));
    if (token.empty()) return FromStatus(401, Status::Unauthenticated("log in first"));
    if (length > kCheckTokenAbove) {
      auto p = app::Authenticate(b, token, head.peer);
      if (!p.ok()) {
        (void)b.auth().Audit({"", "", head.peer, "denied", head.method + " " + head.path, "denied",
                               p.status().message() + " (before reading a body of " +
                                   std::to_string(length) + " bytes)"});
        return FromStatus(401, p.status());
      }
    }
  }
  const size_t limit = MaxBodyFor(head.method, head.path, max_upload_bytes);
  if (length > limit) {
    return EarlyReply{413,
                      ErrorJson("payload_too_large", "the request body is too large (at most " +
                                                         std::to_string(limit) + " bytes here)")};
  }
  return std::nullopt;
}

}  // namespace ballast::api
