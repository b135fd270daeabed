// How large a request body each route accepts, and whether it needs a session: answered from
// the request line alone, so that the server can refuse a body before reading it.
#ifndef BALLAST_API_BODY_LIMITS_H_
#define BALLAST_API_BODY_LIMITS_H_

#include <cstddef>
#include <string_view>

namespace ballast::api {

// JSON bodies (logins, users, rules, appeals, …) are small.
inline constexpr size_t kJsonBodyLimit = size_t{1} << 20;

// The largest body for a route: file uploads (imports, commodity prices) get max_upload_bytes,
// everything else kJsonBodyLimit. The path is the decoded path without its query.
size_t MaxBodyFor(std::string_view method, std::string_view path, size_t max_upload_bytes);

// True when the path names an API route whose permission is more than public (so a request
// without valid credentials will be refused whatever its body).
bool NeedsSession(std::string_view method, std::string_view path);

}  // namespace ballast::api

#endif  // BALLAST_API_BODY_LIMITS_H_
