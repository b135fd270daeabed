// The accept side of the HTTP server. cpp-httplib gives every connection a worker thread from
// accept to close, so a few clients that send half a header, or hold a keep-alive connection
// open, starve the server. The gate owns the listening socket instead: one poll loop holds new
// and idle connections, and hands a connection to a worker only once a complete request header
// has arrived (within a few seconds, or the connection is closed); after the answer the
// connection comes back to the loop. Connections are bounded per peer address (the oldest idle
// one of that address gives way to a new one) and in total; one peer may occupy at most part of
// the workers. Before a worker reads a body, a check on the header alone may answer at once
// (a body too large, a route that needs a session without one) and close.
#ifndef BALLAST_API_CONNECTION_GATE_H_
#define BALLAST_API_CONNECTION_GATE_H_

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/request_head.h"
#include "api/trusted_proxy.h"

namespace ballast::api {

struct GateOptions {
  // Workers serving at once; three times as many more wait in reserve, each to take the place
  // of a worker that waits for other threads' work (core/blocking.h): imports waiting for their
  // panel and evaluation alone may be more than `threads`.
  int threads = 16;
  int header_timeout_ms = 5000;  // a complete request header must arrive within this
  int idle_timeout_ms = 5000;    // an idle keep-alive connection is closed after this
  int io_timeout_ms = 10000;     // one read or write of a body or an answer
  size_t max_connections = 900;  // below the usual limit of 1024 open files
  size_t max_per_peer = 32;      // open connections of one peer address (trusted proxies exempt)
  size_t keep_alive_max = 1000;  // requests on one connection
  size_t max_header_bytes = 32 * 1024;
  size_t json_prefetch_bytes = size_t{1} << 20;
};

// A refusal sent instead of processing the request; the connection is then closed.
struct EarlyReply {
  int status;
  std::string json_body;
};

class ConnectionGate {
 public:
  // Runs on a worker before the body is read (body null), and again with the body when it is
  // JSON of at most GateOptions::json_prefetch_bytes, read ahead so that it can be checked
  // before any route parses it; nullopt = go on.
  using Precheck =
      std::function<std::optional<EarlyReply>(const RequestHead&, const std::string* body)>;
  // Serves one request from the stream (httplib's process_request); false = close.
  using Process =
      std::function<bool(httplib::Stream&, bool close_connection, bool& connection_closed)>;

  ConnectionGate(int listen_fd, GateOptions options, TrustedProxies proxies, Precheck precheck,
                 Process process);
  ~ConnectionGate();
  // Serves until Stop(); closes the listening socket on return.
  void Run();
  // Async-signal-safe.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ballast::api

#endif  // BALLAST_API_CONNECTION_GATE_H_
