#include "api/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <filesystem>
#include <fstream>
#include <regex>

#include "api/connection_gate.h"
#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/range_guard.h"
#include "api/request_log.h"
#include "api/request_precheck.h"
#include "api/route.h"
#include "api/trusted_proxy.h"
#include "metrics/metrics.h"

namespace ballast::api {

namespace {

std::string ReadFileOr(const std::filesystem::path& p, bool* ok) {
  std::ifstream in(p, std::ios::binary);
  *ok = static_cast<bool>(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "/api/v1/enterprises/{uscc}" -> "/api/v1/enterprises/([^/]+)"
std::string PathPattern(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)");
}

// httplib's server with its one-request entry point opened to the connection gate.
class GatedServer : public httplib::Server {
 public:
  using httplib::Server::process_request;
};

// The method as a metric label: httplib's own set, anything else "other" (bounded).
std::string_view MethodLabel(const std::string& m) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (m == known) return known;
  }
  return "other";
}

// Counts, times and logs every answer (httplib calls this after writing it).
void LogAnswer(const httplib::Request& req, const httplib::Response& res, bool access_log) {
  RequestTrace& t = CurrentRequest();
  if (!t.open) OpenRequest("", false);  // refused before routing (a malformed request)
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t.start).count();
  std::string_view route = "other";
  if (t.route != nullptr) {
    route = *t.route;
  } else if (req.path.rfind("/api/", 0) != 0 && res.status < 400) {
    route = "static";  // the web UI's files and maps
  }
  metrics::Metrics::Global().ObserveRequest(route, MethodLabel(req.method), res.status, seconds);
  if (access_log) {
    Log({.level = res.status >= 500 ? "error" : "info",
         .msg = "request",
         .request_id = t.id,
         .method = MethodLabel(req.method),
         .route = route,
         .user = t.user,
         .client = req.remote_addr,
         .status = res.status,
         .duration_ms = seconds * 1000});
  }
  t.open = false;
}

}  // namespace

struct Server::Impl {
  app::Ballast& app;
  ServeOptions options;
  std::unique_ptr<httplib::Server> svr;
  GatedServer* gated = nullptr;  // svr when serving plain HTTP through the gate
  std::unique_ptr<ConnectionGate> gate;
  int listen_fd = -1;

  Impl(app::Ballast& a, ServeOptions o) : app(a), options(std::move(o)) {
    if (!options.tls_cert.empty() && !options.tls_key.empty()) {
      svr = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    } else {
      auto plain = std::make_unique<GatedServer>();
      gated = plain.get();
      svr = std::move(plain);
    }
  }
  bool tls() const { return !options.tls_cert.empty(); }

  // Authentication, CSRF, the route's permission (decided by app/access.h) and the audit of
  // refusals and writes around every handler; no exception escapes as a crash or an HTML page.
  httplib::Server::Handler Guard(const Route& route) {
    return [this, &route](const httplib::Request& req, httplib::Response& res) {
      CurrentRequest().route = &route.path;
      try {
        Ctx ctx{app, nullptr, nullptr, req.remote_addr, tls()};
        auth::Principal principal;
        app::Caller caller;
        if (route.permission != auth::Permission::kPublic) {
          bool cookie_auth = false;
          const std::string token =
              SessionToken(req.get_header_value("Authorization"), req.get_header_value("Cookie"), &cookie_auth);
          auto c = app::Authenticate(app, token, ctx.address, &principal);
          if (!c.ok()) {
            if (!token.empty()) Deny(ctx.address, "", "", route, req, c.status().message());
            return SendStatus(res, c.status());
          }
          caller = std::move(c).value();
          CurrentRequest().user = caller.username;
          ctx.caller = &caller;
          ctx.principal = &principal;
          const std::string role(auth::RoleName(caller.role));
          if (cookie_auth && req.method != "GET" && req.method != "HEAD" &&
              !app::CsrfTokenMatches(principal, req.get_header_value("X-CSRF-Token"))) {
            Deny(ctx.address, caller.username, role, route, req, "missing or wrong CSRF token");
            return SendError(res, 403, "csrf", "missing or wrong X-CSRF-Token header");
          }
          if (Status st = app.access().Require(caller, route.permission); !st.ok()) {
            Deny(ctx.address, caller.username, role, route, req,
                 "role " + role + " lacks " + std::string(auth::PermissionName(route.permission)));
            return SendStatus(res, st);
          }
        }
        route.handler(ctx, req, res);
        if (ctx.caller == nullptr) return;
        const std::string role(auth::RoleName(caller.role));
        if (res.status == 403) {
          Deny(ctx.address, caller.username, role, route, req, "refused by scope");
        } else if (req.method != "GET" && req.method != "HEAD") {
          // Every write by a logged-in user, present and future routes alike, is on the record.
          (void)app.auth().Audit({caller.username, role, ctx.address, "write", req.method + " " + req.path,
                                  res.status < 300 ? "success" : "failure", "HTTP " + std::to_string(res.status)});
        }
      } catch (const std::exception& e) {
        const std::string msg = std::string("exception: ") + e.what();
        LogRecord r;
        r.level = "error";
        r.msg = msg;
        r.request_id = CurrentRequest().id;
        r.method = MethodLabel(req.method);
        r.route = route.path;
        Log(r);
        SendError(res, 500, "internal", "internal error");
      }
    };
  }

  void Deny(const std::string& address, const std::string& user, const std::string& role, const Route& route,
            const httplib::Request& req, const std::string& why) {
    (void)app.auth().Audit({user, role, address, "denied", req.method + " " + req.path, "denied",
                            why + " (route " + route.path + ")"});
  }

  void Routes() {
    for (const Route& r : ApiRoutes()) {
      const std::string pattern = PathPattern(r.path);
      auto guarded = Guard(r);
      if (r.method == "GET") svr->Get(pattern, guarded);
      else if (r.method == "POST") svr->Post(pattern, guarded);
      else if (r.method == "PATCH") svr->Patch(pattern, guarded);
      else if (r.method == "PUT") svr->Put(pattern, guarded);
      else if (r.method == "DELETE") svr->Delete(pattern, guarded);
    }
    Static();
    svr->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      SendError(res, 500, "internal", "internal error");
    });
    const bool secure = tls();
    svr->set_logger([access_log = options.access_log](const httplib::Request& req, const httplib::Response& res) {
      LogAnswer(req, res, access_log);
    });
    svr->set_post_routing_handler([secure](const httplib::Request& req, httplib::Response& res) {
      if (!CurrentRequest().open) OpenRequest("", false);
      res.set_header("X-Request-Id", CurrentRequest().id);
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                     "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
      if (secure) res.set_header("Strict-Transport-Security", "max-age=31536000");
      if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
      // Built assets carry content hashes in their names.
      if (req.path.rfind("/assets/", 0) == 0) res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    });
  }

  // The built UI at / (with index.html for client-side routes) and the maps at /geo/.
  void Static() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!options.geo_dir.empty() && fs::is_directory(options.geo_dir, ec)) svr->set_mount_point("/geo", options.geo_dir);
    const bool has_web = !options.web_dir.empty() && fs::exists(fs::path(options.web_dir) / "index.html", ec);
    if (has_web) svr->set_mount_point("/", options.web_dir);
    std::string index_path = has_web ? (fs::path(options.web_dir) / "index.html").string() : std::string();
    svr->set_error_handler([index_path](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;  // a handler's own error answer stands
      if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
        const bool known = std::any_of(ApiRoutes().begin(), ApiRoutes().end(), [&](const Route& r) {
          return std::regex_match(req.path, std::regex(PathPattern(r.path)));
        });
        if (res.status == 404 && known) {
          return SendError(res, 405, "method_not_allowed", req.method + " is not allowed on " + req.path);
        }
        if (res.status == 413) return SendError(res, 413, "payload_too_large", "the request body is too large");
        if (res.status == 404) return SendError(res, 404, "not_found", "no such route: " + req.method + " " + req.path);
        if (res.status >= 400 && res.status < 500) return SendError(res, res.status, "bad_request", "malformed request");
        return;
      }
      if (res.status == 404 && req.method == "GET" && !index_path.empty() && req.path.rfind("/geo/", 0) != 0) {
        bool ok = false;
        std::string body = ReadFileOr(index_path, &ok);
        if (ok) {
          res.status = 200;
          res.set_content(body, "text/html; charset=utf-8");
        }
      }
    });
  }
};

Server::Server(app::Ballast& app, ServeOptions options) : impl_(std::make_unique<Impl>(app, std::move(options))) {
  app.workspace().SetAnswerCacheEntries(impl_->options.answer_cache);
  app.workspace().SetAdvanceInterval(std::chrono::milliseconds(impl_->options.advance_interval_ms));
  impl_->Routes();
}

Server::~Server() = default;

Result<int> Server::Bind() {
  Impl& impl = *impl_;
  const ServeOptions& o = impl.options;
  auto& svr = *impl.svr;
  if (!svr.is_valid()) return Status::Invalid("cannot start the server (TLS certificate or key unreadable?)");
  ASSIGN_OR_RETURN(TrustedProxies proxies, TrustedProxies::Parse(o.trusted_proxies));
  svr.set_tcp_nodelay(true);
  // With the gate, workers only ever hold a connection with a complete request; httplib's own
  // loop (HTTPS) holds one per connection, so it gets more workers and shorter timeouts.
  const int threads = impl.gated != nullptr ? o.threads : std::max(o.threads, 64);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(o.max_upload_bytes);
  svr.set_read_timeout(impl.gated != nullptr ? 10 : 5, 0);
  svr.set_write_timeout(10, 0);
  svr.set_idle_interval(0, 100000);
  svr.set_keep_alive_max_count(1000);
  svr.set_keep_alive_timeout(std::max(1, o.keep_alive_timeout_ms / 1000));
  // In httplib 0.11 this hook runs before the body is read. Behind the gate, the gate has already
  // refused what it must; over HTTPS the same refusals are made here (the unread body then
  // stays on the connection, so the answer says Connection: close).
  const bool precheck_here = impl.gated == nullptr;
  app::Ballast* workspace = &impl.app;
  const size_t max_upload_bytes = o.max_upload_bytes;
  svr.set_pre_routing_handler([proxies, precheck_here, workspace, max_upload_bytes](
                                  const httplib::Request& creq, httplib::Response& res) {
    // httplib's request object is not const; the pre-routing hook is the one place to amend it.
    auto& req = const_cast<httplib::Request&>(creq);
    // A proxy's request id ties its log to ours; anyone else's is replaced.
    OpenRequest(req.get_header_value("X-Request-Id"), !proxies.empty() && proxies.Contains(req.remote_addr));
    if (!proxies.empty()) {
      std::vector<std::string> forwarded;
      const size_t n = req.get_header_value_count("X-Forwarded-For");
      for (size_t i = 0; i < n; ++i) forwarded.push_back(req.get_header_value("X-Forwarded-For", i));
      req.remote_addr = proxies.ClientAddress(req.remote_addr, forwarded);
    }
    if (req.has_header("Accept-Encoding")) {
      const std::string accepted = WithoutBrotli(req.get_header_value("Accept-Encoding"));
      req.headers.erase("Accept-Encoding");
      if (!accepted.empty()) req.headers.emplace("Accept-Encoding", accepted);
    }
    // Sends the whole content once rather than many overlapping parts.
    if (req.ranges.size() > 1 && !RangeIsSafe(req.get_header_value("Range"))) {
      req.ranges.clear();
      req.headers.erase("Range");
    }
    if (precheck_here) {
      RequestHead head;
      head.method = req.method;
      head.path = req.path;
      head.headers.assign(req.headers.begin(), req.headers.end());
      head.peer = req.remote_addr;
      head.chunked = req.has_header("Transfer-Encoding");
      if (req.has_header("Content-Length")) head.content_length = req.get_header_value<uint64_t>("Content-Length");
      if (auto reply = PrecheckRequest(*workspace, max_upload_bytes, head, nullptr)) {
        res.set_header("Connection", "close");
        SendJson(res, reply->status, reply->json_body);
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_socket_options([&impl](socket_t fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl.listen_fd = fd;
  });
  int port = o.port;
  if (port == 0) {
    port = svr.bind_to_any_port(o.host);
  } else if (!svr.bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port < 0) return Status::Io("cannot listen on " + o.host + ":" + std::to_string(o.port));
  // httplib's backlog of 5 drops connections under load.
  ::listen(impl.listen_fd, 4096);
  if (impl.gated != nullptr) {
    GateOptions g;
    g.threads = o.threads;
    g.header_timeout_ms = o.header_timeout_ms;
    g.idle_timeout_ms = o.keep_alive_timeout_ms;
    g.max_per_peer = o.max_connections_per_client;
    GatedServer* gated = impl.gated;
    app::Ballast* ws = &impl.app;
    const size_t max_upload = o.max_upload_bytes;
    impl.gate = std::make_unique<ConnectionGate>(
        impl.listen_fd, g, proxies,
        [ws, max_upload](const RequestHead& head, const std::string* body) {
          return PrecheckRequest(*ws, max_upload, head, body);
        },
        [gated](httplib::Stream& strm, bool close_connection, bool& connection_closed) {
          return gated->process_request(strm, close_connection, connection_closed, nullptr);
        });
  }
  return port;
}

Status Server::Run() {
  if (impl_->gate) {
    impl_->gate->Run();
    return Status::Ok();
  }
  if (!impl_->svr->listen_after_bind()) return Status::Io("server stopped with an error");
  return Status::Ok();
}

void Server::Stop() {
  if (impl_->gate) return impl_->gate->Stop();
  impl_->svr->stop();
}

}  // namespace ballast::api
