// The HTTP API (/api/v1, JSON) and the static web UI, served by cpp-httplib. Every route is
// declared once in the route table with the permission it needs; the router refuses anything
// else (deny by default).
#ifndef BALLAST_API_SERVER_H_
#define BALLAST_API_SERVER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ballast.h"
#include "core/status.h"

namespace ballast::api {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;      // 0 = any free port
  std::string web_dir;  // built UI (web/dist); empty or missing = API only
  std::string geo_dir;  // GeoJSON maps served at /geo/
  int threads = 16;
  size_t max_upload_bytes = size_t{256} << 20;
  std::string tls_cert, tls_key;  // both set: serve HTTPS
  // Reverse proxies ("10.0.0.0/8,::1") whose X-Forwarded-For names the client; empty = none.
  std::string trusted_proxies;
  // Abuse limits of plain HTTP (see api/connection_gate.h; HTTPS uses httplib's own loop).
  int header_timeout_ms = 5000;      // a complete request header must arrive within this
  int keep_alive_timeout_ms = 5000;  // idle keep-alive connections are closed after this
  size_t max_connections_per_client = 64;
  // One JSON line per answer on stderr (api/request_log.h).
  bool access_log = true;
  // Answers kept per panel snapshot (app/answer_cache.h); 0 = none.
  size_t answer_cache = 2048;
  // New batches are applied to the panel at most once per this (Workspace::SetAdvanceInterval):
  // under a stream of imports, one new snapshot per interval instead of one per batch.
  int advance_interval_ms = 500;
};

class Server {
 public:
  Server(app::Ballast& app, ServeOptions options);
  ~Server();
  // Binds; returns the bound port.
  Result<int> Bind();
  // Serves until Stop() (blocking).
  Status Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ballast::api

#endif  // BALLAST_API_SERVER_H_
