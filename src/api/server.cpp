#include "api/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <map>
#include <filesystem>
#include <fstream>
#include <regex>

#include "api/http_util.h"
#include "api/json_codec.h"
#include "api/route.h"

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

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string cookies = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

}  // namespace

struct Server::Impl {
  app::Ballast& app;
  ServeOptions options;
  std::unique_ptr<httplib::Server> svr;

  Impl(app::Ballast& a, ServeOptions o) : app(a), options(std::move(o)) {
    if (!options.tls_cert.empty() && !options.tls_key.empty()) {
      svr = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    } else {
      svr = std::make_unique<httplib::Server>();
    }
  }
  bool tls() const { return !options.tls_cert.empty(); }

  // Authentication, CSRF, the route's permission (decided by app/access.h) and the audit of
  // refusals and writes around every handler; no exception escapes as a crash or an HTML page.
  httplib::Server::Handler Guard(const Route& route) {
    return [this, &route](const httplib::Request& req, httplib::Response& res) {
      try {
        Ctx ctx{app, nullptr, nullptr, req.remote_addr, tls()};
        auth::Principal principal;
        app::Caller caller;
        if (route.permission != auth::Permission::kPublic) {
          std::string token;
          bool cookie_auth = false;
          const std::string authz = req.get_header_value("Authorization");
          if (authz.rfind("Bearer ", 0) == 0) {
            token = authz.substr(7);
          } else {
            token = CookieValue(req, kSessionCookie);
            cookie_auth = !token.empty();
          }
          auto c = app::Authenticate(app, token, ctx.address, &principal);
          if (!c.ok()) {
            if (!token.empty()) Deny(ctx.address, "", "", route, req, c.status().message());
            return SendStatus(res, c.status());
          }
          caller = std::move(c).value();
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
        std::fprintf(stderr, "ballast serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
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
    svr->set_post_routing_handler([secure](const httplib::Request& req, httplib::Response& res) {
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
  impl_->Routes();
}

Server::~Server() = default;

Result<int> Server::Bind() {
  auto& svr = *impl_->svr;
  if (!svr.is_valid()) return Status::Invalid("cannot start the server (TLS certificate or key unreadable?)");
  svr.set_tcp_nodelay(true);
  const int threads = impl_->options.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(impl_->options.max_upload_bytes);
  svr.set_read_timeout(30, 0);
  svr.set_write_timeout(30, 0);
  svr.set_idle_interval(0, 100000);
  svr.set_keep_alive_max_count(1000);
  svr.set_keep_alive_timeout(10);
  svr.set_socket_options([](socket_t fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  int port = impl_->options.port;
  if (port == 0) {
    port = svr.bind_to_any_port(impl_->options.host);
  } else if (!svr.bind_to_port(impl_->options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return Status::Io("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port));
  }
  return port;
}

Status Server::Run() {
  if (!impl_->svr->listen_after_bind()) return Status::Io("server stopped with an error");
  return Status::Ok();
}

void Server::Stop() { impl_->svr->stop(); }

}  // namespace ballast::api
