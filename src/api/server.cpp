#include "api/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "api/json_codec.h"
#include "app/analysis.h"
#include "core/period.h"

namespace ballast::api {

namespace {

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

struct HttpError {
  int status;
  const char* code;
};

HttpError MapStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: return {400, "invalid_argument"};
    case StatusCode::kNotFound: return {404, "not_found"};
    case StatusCode::kAlreadyExists: return {409, "already_exists"};
    case StatusCode::kFailedPrecondition: return {409, "failed_precondition"};
    default: return {500, "internal"};
  }
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               const std::string& details = "{}") {
  SendJson(res, status, ErrorJson(code, message, details));
}

void SendStatus(httplib::Response& res, const Status& s) {
  HttpError e = MapStatus(s);
  // Internal failures keep their detail in the server log, not in the answer.
  SendError(res, e.status, e.code, e.status == 500 ? "internal error" : s.message());
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Result<BatchId> AsOf(const httplib::Request& req) {
  std::string s = Param(req, "as_of");
  if (s.empty()) return kLatestBatch;
  BatchId id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) {
    return Status::Invalid("as_of: '" + s + "' is not a batch id");
  }
  return id;
}

Result<app::CellRequest> CellParams(const httplib::Request& req, const char* measures_param) {
  app::CellRequest r;
  r.indicator = Param(req, "indicator");
  r.measures = SplitList(Param(req, measures_param));
  r.period = Param(req, "period");
  r.region = Param(req, "region");
  r.industry = Param(req, "industry");
  r.of = Param(req, "of");
  ASSIGN_OR_RETURN(r.as_of, AsOf(req));
  return r;
}

std::string ReadFileOr(const std::filesystem::path& p, bool* ok) {
  std::ifstream in(p, std::ios::binary);
  *ok = static_cast<bool>(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

const std::vector<RouteInfo>& ApiRoutes() {
  static const std::vector<RouteInfo> routes = {
      {"GET", "/api/v1/health", "Service health and store summary"},
      {"GET", "/api/v1/catalog/regions", "GB/T 2260 region tree"},
      {"GET", "/api/v1/catalog/industries", "GB/T 4754-2017 industry tree"},
      {"GET", "/api/v1/catalog/indicators", "Indicator catalog"},
      {"GET", "/api/v1/catalog/measures", "Measures"},
      {"GET", "/api/v1/periods", "Periods with data"},
      {"GET", "/api/v1/imports", "Batches with provenance"},
      {"POST", "/api/v1/imports", "Import a CSV or XLSX file (multipart field 'file')"},
      {"GET", "/api/v1/cell", "One measure (or several) of one cell"},
      {"GET", "/api/v1/table", "Children of a node with several measures and rank"},
      {"GET", "/api/v1/series", "A cell's measures over a period range"},
      {"GET", "/api/v1/rankings", "Child regions ranked by a measure, with the previous month's rank"},
      {"GET", "/api/v1/enterprises/{uscc}", "One enterprise"},
      {"GET", "/api/v1/enterprises/{uscc}/series", "One enterprise's figures and bases"},
      {"GET", "/api/v1/openapi.json", "This API as OpenAPI 3"},
  };
  return routes;
}

struct Server::Impl {
  app::Workspace& ws;
  ServeOptions options;
  httplib::Server svr;
  int port = 0;

  Impl(app::Workspace& w, ServeOptions o) : ws(w), options(std::move(o)) {}

  // Wraps a handler so that no exception escapes as a crash or an HTML page.
  static Handler Safe(Handler h) {
    return [h](const httplib::Request& req, httplib::Response& res) {
      try {
        h(req, res);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "ballast serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
        SendError(res, 500, "internal", "internal error");
      }
    };
  }

  template <typename T, typename F>
  void Reply(httplib::Response& res, const Result<T>& r, F render) {
    if (!r.ok()) return SendStatus(res, r.status());
    SendJson(res, 200, render(*r));
  }

  void Routes();
  void Tree(bool regions, const httplib::Request& req, httplib::Response& res);
  void Import(const httplib::Request& req, httplib::Response& res);
  void Static();
};

void Server::Impl::Tree(bool regions, const httplib::Request& req, httplib::Response& res) {
  const Catalog& c = ws.catalog();
  const CodeTree& tree = regions ? c.regions() : c.industries();
  std::string root_code = Param(req, "root");
  NodeId root = root_code.empty() ? (regions ? c.country() : c.all_industry()) : tree.Find(root_code);
  if (root == kNoNode) return SendError(res, 404, "not_found", "root: unknown code '" + root_code + "'");
  int depth = -1;
  if (std::string d = Param(req, "depth"); !d.empty()) {
    auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), depth);
    if (ec != std::errc() || p != d.data() + d.size() || depth < 0 || depth > 10) {
      return SendError(res, 400, "invalid_argument", "depth: '" + d + "' is not a whole number from 0 to 10");
    }
  }
  SendJson(res, 200, TreeJson(tree, root, depth));
}

void Server::Impl::Import(const httplib::Request& req, httplib::Response& res) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return SendError(res, 400, "invalid_argument", "file: send the file as multipart/form-data field 'file'");
  }
  const auto file = req.get_file_value("file");
  if (file.filename.empty()) return SendError(res, 400, "invalid_argument", "file: the upload has no file name");
  auto outcome = ws.Import(file.content, file.filename, "api");
  if (!outcome.ok()) return SendStatus(res, outcome.status());
  if (outcome->status == ingest::ImportStatus::kRejected) {
    return SendError(res, 422, "validation_failed",
                     std::to_string(outcome->report.error_count) + " error(s) in " + outcome->report.file +
                         "; nothing was imported",
                     ImportReportJson(outcome->report));
  }
  SendJson(res, outcome->status == ingest::ImportStatus::kImported ? 201 : 200, ImportJson(*outcome));
}

void Server::Impl::Routes() {
  auto get = [this](const char* path, Handler h) { svr.Get(path, Safe(std::move(h))); };
  get("/api/v1/health", [this](const httplib::Request&, httplib::Response& res) {
    auto periods = app::ListPeriods(ws);
    auto batches = ws.Batches();
    auto snap = ws.GetSnapshot();
    if (!periods.ok() || !batches.ok() || !snap.ok()) {
      return SendError(res, 503, "unavailable", "store unavailable");
    }
    SendJson(res, 200, HealthJson(BALLAST_VERSION, (*snap)->panel->num_enterprises(), batches->size(), *periods));
  });
  get("/api/v1/catalog/regions", [this](const httplib::Request& req, httplib::Response& res) { Tree(true, req, res); });
  get("/api/v1/catalog/industries", [this](const httplib::Request& req, httplib::Response& res) { Tree(false, req, res); });
  get("/api/v1/catalog/indicators", [this](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, IndicatorsJson(ws.catalog()));
  });
  get("/api/v1/catalog/measures", [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, MeasuresJson()); });
  get("/api/v1/periods", [this](const httplib::Request& req, httplib::Response& res) {
    auto as_of = AsOf(req);
    if (!as_of.ok()) return SendStatus(res, as_of.status());
    Reply(res, app::ListPeriods(ws, *as_of), PeriodsJson);
  });
  get("/api/v1/imports", [this](const httplib::Request&, httplib::Response& res) { Reply(res, ws.Batches(), BatchesJson); });
  svr.Post("/api/v1/imports", Safe([this](const httplib::Request& req, httplib::Response& res) { Import(req, res); }));
  get("/api/v1/cell", [this](const httplib::Request& req, httplib::Response& res) {
    auto r = CellParams(req, req.has_param("measures") ? "measures" : "measure");
    if (!r.ok()) return SendStatus(res, r.status());
    Reply(res, app::QueryCell(ws, *r), CellJson);
  });
  get("/api/v1/table", [this](const httplib::Request& req, httplib::Response& res) {
    auto r = CellParams(req, "measures");
    if (!r.ok()) return SendStatus(res, r.status());
    app::TableRequest t;
    static_cast<app::CellRequest&>(t) = *r;
    t.dim = Param(req, "dim");
    t.sort = Param(req, "sort");
    std::string order = Param(req, "order");
    if (!order.empty() && order != "asc" && order != "desc") {
      return SendError(res, 400, "invalid_argument", "order: '" + order + "' is not asc or desc");
    }
    t.ascending = order == "asc";
    if (!t.dim.empty() && t.dim != "region" && t.dim != "industry" && t.dim != "enterprise") {
      return SendError(res, 400, "invalid_argument", "dim: '" + t.dim + "' is not region, industry or enterprise");
    }
    Reply(res, app::QueryTable(ws, t), TableJson);
  });
  get("/api/v1/series", [this](const httplib::Request& req, httplib::Response& res) {
    auto r = CellParams(req, "measures");
    if (!r.ok()) return SendStatus(res, r.status());
    app::SeriesRequest s;
    static_cast<app::CellRequest&>(s) = *r;
    s.from = Param(req, "from");
    s.to = Param(req, "to");
    if (s.period.empty()) s.period = s.to;
    Reply(res, app::QuerySeries(ws, s), SeriesJson);
  });
  get("/api/v1/rankings", [this](const httplib::Request& req, httplib::Response& res) {
    auto r = CellParams(req, "measure");
    if (!r.ok()) return SendStatus(res, r.status());
    Reply(res, app::QueryRanking(ws, *r), RankingJson);
  });
  get(R"(/api/v1/enterprises/([^/]+)/series)", [this](const httplib::Request& req, httplib::Response& res) {
    auto as_of = AsOf(req);
    if (!as_of.ok()) return SendStatus(res, as_of.status());
    Reply(res,
          app::GetEnterpriseSeries(ws, req.matches[1], Param(req, "indicator"), Param(req, "from"), Param(req, "to"), *as_of),
          EnterpriseSeriesJson);
  });
  get(R"(/api/v1/enterprises/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto as_of = AsOf(req);
    if (!as_of.ok()) return SendStatus(res, as_of.status());
    Reply(res, app::GetEnterprise(ws, req.matches[1], *as_of), EnterpriseJson);
  });
  get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, OpenApiJson()); });
  Static();
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal", "internal error");
  });
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
  });
}

// The built UI at / (with index.html for client-side routes) and the maps at /geo/.
void Server::Impl::Static() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!options.geo_dir.empty() && fs::is_directory(options.geo_dir, ec)) svr.set_mount_point("/geo", options.geo_dir);
  const bool has_web = !options.web_dir.empty() && fs::exists(fs::path(options.web_dir) / "index.html", ec);
  if (has_web) svr.set_mount_point("/", options.web_dir);
  std::string index_path = has_web ? (fs::path(options.web_dir) / "index.html").string() : std::string();
  svr.set_error_handler([index_path](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error answer stands
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
      const bool known = std::any_of(ApiRoutes().begin(), ApiRoutes().end(),
                                     [&](const RouteInfo& r) { return r.path == req.path; });
      if (res.status == 404 && known) return SendError(res, 405, "method_not_allowed", req.method + " is not allowed on " + req.path);
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

Server::Server(app::Workspace& workspace, ServeOptions options)
    : impl_(std::make_unique<Impl>(workspace, std::move(options))) {
  impl_->Routes();
}

Server::~Server() = default;

Result<int> Server::Bind() {
  auto& svr = impl_->svr;
  svr.set_tcp_nodelay(true);
  const int threads = impl_->options.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(impl_->options.max_upload_bytes);
  svr.set_read_timeout(30, 0);
  svr.set_write_timeout(30, 0);
  svr.set_keep_alive_max_count(1000);
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
  impl_->port = port;
  return port;
}

Status Server::Run() {
  if (!impl_->svr.listen_after_bind()) return Status::Io("server stopped with an error");
  return Status::Ok();
}

void Server::Stop() { impl_->svr.stop(); }


}  // namespace ballast::api
