// The refusals the server gives from a request's header alone, before its body is read: a
// body on a route that needs a session without a valid one (401), a body larger than the
// route accepts (413), a body of unknown length (411); and, once a small JSON body has been
// read ahead, nesting deeper than kMaxJsonDepth (400).
#ifndef BALLAST_API_REQUEST_PRECHECK_H_
#define BALLAST_API_REQUEST_PRECHECK_H_

#include <optional>
#include <string>

#include "api/connection_gate.h"
#include "app/ballast.h"

namespace ballast::api {

// Bodies above this size on a session route have their token checked before they are read
// (smaller ones are simply read; the route's guard checks the token).
inline constexpr uint64_t kCheckTokenAbove = uint64_t{64} << 10;

std::optional<EarlyReply> PrecheckRequest(app::Ballast& b, size_t max_upload_bytes,
                                          const RequestHead& head, const std::string* body);

}  // namespace ballast::api

#endif  // BALLAST_API_REQUEST_PRECHECK_H_
