// The scenario route of the supply chains (issue #16 item 4): a JSON scenario in, the model's
// answer out. app/chain_scenario_store.h bounds the request and decides who sees which firm.
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/route.h"
#include "app/chain_scenario_store.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

Json Num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Status Bad(const std::string& field, const std::string& what) {
  return Status::Invalid("body: " + field + ": " + what);
}

Result<app::StoreScenarioRequest> ParseScenario(const std::string& text) {
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Status::Invalid("body: send the scenario as a JSON object / 请以 JSON 对象提交情景");
  app::StoreScenarioRequest q;
  auto& s = q.scenario;
  auto& p = q.params;
  for (const auto& item : body.items()) {
    // Named copies, not a structured binding: clang 14 (the fuzz build) cannot capture those.
    const std::string key = item.key();
    const auto& v = item.value();
    auto integer = [&](int& out) -> Status {
      if (!v.is_number_integer()) return Bad(key, "give a whole number");
      const auto x = v.get<int64_t>();
      if (x < -1000000 || x > 1000000) return Bad(key, "out of range");
      out = static_cast<int>(x);
      return Status::Ok();
    };
    auto number = [&](double& out) -> Status {
      if (!v.is_number()) return Bad(key, "give a number");
      out = v.get<double>();
      return Status::Ok();
    };
    auto text_of = [&](std::string& out) -> Status {
      if (!v.is_string()) return Bad(key, "give a string");
      out = v.get<std::string>();
      return Status::Ok();
    };
    if (key == "stopped") {
      if (!v.is_array()) return Bad(key, "give a list of firm ids");
      for (const auto& f : v) {
        if (!f.is_string()) return Bad(key, "give a list of firm ids");
        s.stopped.push_back(f.get<std::string>());
      }
    } else if (key == "whitelist") {
      if (!v.is_array()) return Bad(key, "give a list of firm ids");
      for (const auto& f : v) {
        if (!f.is_string()) return Bad(key, "give a list of firm ids");
        q.whitelist.push_back(f.get<std::string>());
      }
    } else if (key == "stop_days") {
      RETURN_IF_ERROR(integer(s.stop_days));
    } else if (key == "region") {
      RETURN_IF_ERROR(text_of(s.region));
    } else if (key == "lockdown_days") {
      RETURN_IF_ERROR(integer(s.lockdown_days));
    } else if (key == "lockdown_delta") {
      RETURN_IF_ERROR(number(s.lockdown_delta));
    } else if (key == "product") {
      RETURN_IF_ERROR(text_of(s.sector));
    } else if (key == "short_fraction") {
      RETURN_IF_ERROR(number(s.short_fraction));
    } else if (key == "short_days") {
      RETURN_IF_ERROR(integer(s.short_days));
    } else if (key == "days") {
      RETURN_IF_ERROR(integer(p.days));
    } else if (key == "tau") {
      RETURN_IF_ERROR(number(p.tau));
    } else if (key == "inventory_days") {
      RETURN_IF_ERROR(integer(p.inventory_days));
    } else if (key == "recovery_days") {
      RETURN_IF_ERROR(integer(p.recovery_days));
    } else if (key == "restore_after_days") {
      RETURN_IF_ERROR(integer(q.restore_after_days));
    } else if (key == "alternative_share") {
      RETURN_IF_ERROR(number(q.alternative_share));
    } else if (key == "rationing") {
      std::string r;
      RETURN_IF_ERROR(text_of(r));
      if (r != "proportional" && r != "priority") return Bad(key, "give proportional or priority");
      p.rationing =
          r == "priority" ? chain::sim::Rationing::kPriority : chain::sim::Rationing::kProportional;
    } else {
      return Bad(key, "unknown field / 未知字段");
    }
  }
  return q;
}

Json FirmJson(const app::ScenarioFirm& f) {
  return {{"id", f.id}, {"name", f.name}, {"region", f.region}};
}

std::string AnswerJson(const app::StoreScenarioAnswer& a) {
  Json days = Json::array(), regions = Json::array(), chains = Json::array(), stops = Json::array(),
       restorations = Json::array();
  for (const auto& d : a.days) {
    days.push_back({{"day", d.day},
                    {"total", Num(d.total)},
                    {"direct_loss", Num(d.direct_loss)},
                    {"indirect_loss", Num(d.indirect_loss)}});
  }
  auto groups = [](const std::vector<app::ScenarioGroupLoss>& in, Json& out) {
    for (const auto& g : in) {
      out.push_back({{"key", g.key}, {"name", g.name}, {"firms", g.firms}, {"loss", Num(g.loss)}});
    }
  };
  groups(a.regions, regions);
  groups(a.chains, chains);
  for (const auto& s : a.stops) {
    Json f = FirmJson(s.firm);
    f["day"] = s.day;
    stops.push_back(f);
  }
  for (const auto& r : a.restorations) {
    Json f = FirmJson(r.firm);
    if (r.firm.id.empty()) f["region"] = r.region;  // a firm the caller may not see: where only
    f["loss_avoided"] = Num(r.loss_avoided);
    restorations.push_back(f);
  }
  Json alternatives = Json::array();
  for (const auto& x : a.alternatives) {
    Json cu = FirmJson(x.customer), al = FirmJson(x.alternative);
    if (x.customer.id.empty()) cu["region"] = x.customer_region;
    if (x.alternative.id.empty()) al["region"] = x.alternative_region;
    alternatives.push_back({{"supplier", x.supplier},
                            {"customer", cu},
                            {"alternative", al},
                            {"loss_avoided", Num(x.loss_avoided)}});
  }
  return Json{{"firms", a.firms},
              {"links", a.links},
              {"shocked", a.shocked},
              {"equilibrium", Num(a.equilibrium)},
              {"loss", Num(a.loss)},
              {"loss_pct", Num(a.loss_pct)},
              {"days", days},
              {"regions", regions},
              {"chains", chains},
              {"stops", stops},
              {"hidden_stops", a.hidden_stops},
              {"restorations", restorations},
              {"alternatives", alternatives},
              {"whitelist_loss_avoided",
               a.whitelist_loss_avoided ? Num(*a.whitelist_loss_avoided) : Json(nullptr)}}
      .dump();
}

void PostScenario(const Ctx& c, const Req& req, Res& res) {
  auto q = ParseScenario(req.body);
  if (!q.ok()) return SendStatus(res, q.status());
  Reply(res, app::RunScenarioInStore(c.app, *c.caller, *q), AnswerJson);
}

}  // namespace

std::vector<Route> ChainScenarioRoutes() {
  return {
      {"POST",
       "/api/v1/chains/simulate",
       "Run a scenario of the daily propagation model on the stored firm network (firms stopped, "
       "a region locked down, a product short; days <= 365): loss by day (direct/indirect), "
       "region and chain, the day each firm stops, early restorations and alternative suppliers "
       "ranked. Only for callers whose scope covers every firm of the "
       "network (403 otherwise); firms the caller may not list appear only in counts and sums",
       Permission::kReadAggregate,
       {},
       "ChainScenarioRequest",
       "ChainScenario",
       200,
       PostScenario,
       "/api/v1/chains/simulate",
       "",
       R"({"region":"410100","lockdown_days":7,"days":30})"},
  };
}

}  // namespace ballast::api
