// The request line and headers of an HTTP/1.1 request, read by the connection gate before a
// worker (and httplib) sees the request.
#ifndef BALLAST_API_REQUEST_HEAD_H_
#define BALLAST_API_REQUEST_HEAD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ballast::api {

// The request line and headers, as the gate read them.
struct RequestHead {
  std::string method, path;  // path percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string peer;  // the client: the socket's peer, or behind a trusted proxy the forwarded one
  std::optional<uint64_t> content_length;
  bool chunked = false;
  // The first value of a header (case-insensitive name), or "".
  std::string Header(std::string_view name) const;
};

// Parses a request header block (up to and including the blank line); nullopt when malformed.
std::optional<RequestHead> ParseRequestHead(std::string_view block);

std::string LowerAscii(std::string_view s);

}  // namespace ballast::api

#endif  // BALLAST_API_REQUEST_HEAD_H_
