// Routes for operations: liveness, readiness and the Prometheus metrics. All are public (a load
// balancer or Prometheus has no session); the deployment restricts /metrics by network
// (deploy/nginx/ballast.conf, docs/operations.md).
#include "api/http_util.h"
#include "api/route.h"
#include "metrics/metrics.h"

namespace ballast::api {

namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using auth::Permission;

// Ready when the store answers and the panel is in memory: a load balancer sends no traffic to
// an instance still loading or cut off from its database.
void Ready(const Ctx& c, const Req&, Res& res) {
  auto batches = c.app.workspace().Batches();
  if (!batches.ok()) return SendError(res, 503, "not_ready", "the store does not answer");
  auto snap = c.app.workspace().GetSnapshot();
  if (!snap.ok() || *snap == nullptr || (*snap)->panel == nullptr) {
    return SendError(res, 503, "not_ready", "the panel is not loaded");
  }
  // No figures on a public route: the newest batch held tells instances apart, nothing more.
  SendJson(res, 200,
           R"({"status":"ready","through_batch":)" + std::to_string((*snap)->through) + "}");
}

void Metrics(const Ctx& c, const Req&, Res& res) {
  auto& m = metrics::Metrics::Global();
  // The panel the next query would use; building it is never triggered here beyond what a
  // query would do.
  if (auto snap = c.app.workspace().GetSnapshot();
      snap.ok() && *snap != nullptr && (*snap)->panel != nullptr) {
    m.SetPanel(static_cast<int64_t>((*snap)->panel->num_enterprises()),
               (*snap)->panel->StoredCells());
  }
  res.status = 200;
  res.set_content(m.Render(), metrics::kContentType);
}

}  // namespace

std::vector<Route> OpsRoutes() {
  return {
      {"GET",
       "/api/v1/ready",
       "Readiness: 200 when the store answers and the panel is loaded, 503 otherwise",
       Permission::kPublic,
       {},
       "",
       "Ready",
       200,
       Ready,
       "/api/v1/ready",
       "",
       ""},
      {"GET",
       "/metrics",
       "Prometheus metrics (text format 0.0.4); restrict it by network in the proxy",
       Permission::kPublic,
       {},
       "",
       metrics::kContentType,
       200,
       Metrics,
       "/metrics",
       "",
       ""},
  };
}

}  // namespace ballast::api
