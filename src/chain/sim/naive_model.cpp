// The straightforward implementation: every link an object on the heap, every firm's inputs,
// sales and sector pools in ordered maps, and one pass over all firms per step of the model.
#include <cmath>
#include <map>
#include <memory>

#include "chain/sim/model.h"
#include "chain/sim/rationing.h"
#include "chain/sim/shock_schedule.h"

namespace ballast::chain::sim {
namespace {

constexpr double kEps = 1e-20;
bool Zero(double x) { return std::abs(x) <= kEps; }

struct LinkState {
  double initial = 0, stock = 0, order = 0, delivered = 0;
};

struct Firm {
  int32_t sector = 0;
  double final_demand = 0, pini = 0, cap = 0, demand = 0, max = 0, output = 0;
  std::map<int32_t, LinkState*> inputs;                // by supplier
  std::map<int32_t, LinkState*> sales;                 // by customer
  std::map<int32_t, double> pool_initial, pool_stock;  // by supplier sector
};

}  // namespace

Result<SimResult> SimulateNaive(const Economy& economy, const std::vector<Shock>& shocks,
                                const SimParams& params) {
  RETURN_IF_ERROR(ValidateParams(params));
  if (!params.whitelist.empty())
    return Status::Invalid("whitelist: only the fast model has the whitelist rule");
  const size_t n = economy.num_firms();
  const double n_days = static_cast<double>(params.inventory_days);
  std::vector<std::unique_ptr<LinkState>> links;
  std::vector<Firm> firms(n);
  for (size_t i = 0; i < n; ++i) {
    firms[i].sector = economy.sector[i];
    firms[i].final_demand = economy.final_demand[i];
  }
  for (const auto& l : economy.links) {
    links.push_back(std::make_unique<LinkState>());
    LinkState* s = links.back().get();
    s->initial = s->order = s->delivered = l.value;
    s->stock = l.value * n_days;
    firms[static_cast<size_t>(l.customer)].inputs[l.supplier] = s;
    firms[static_cast<size_t>(l.supplier)].sales[l.customer] = s;
  }
  for (auto& f : firms) {
    double sum = 0.0;
    for (auto& [k, s] : f.sales) sum += s->order;
    f.demand = f.final_demand + sum;
    f.pini = f.cap = f.max = f.output = f.demand;
    for (auto& [j, s] : f.inputs) {
      const int32_t sec = firms[static_cast<size_t>(j)].sector;
      f.pool_initial[sec] += s->initial;
      f.pool_stock[sec] += n_days * s->initial;
    }
  }

  SimResult r;
  r.num_firms = n;
  auto record = [&] {
    double total = 0.0;
    for (const auto& f : firms) total += f.output;
    r.total.push_back(total);
    if (params.per_firm) {
      for (const auto& f : firms) r.per_firm.push_back(f.output);
    }
  };
  record();
  ShockSchedule schedule(shocks, params.recovery_days);
  RationingScratch scratch;
  for (int t = 0; t < params.days; ++t) {
    schedule.StartDay(t);
    for (size_t k = 0; k < schedule.firms().size(); ++k) {
      Firm& f = firms[static_cast<size_t>(schedule.firms()[k])];
      f.cap = (1.0 - schedule.delta(k)) * f.pini;
    }
    // Inventories: yesterday's deliveries in, yesterday's use out.
    for (auto& f : firms) {
      std::map<int32_t, double> use;
      for (auto& [sec, a] : f.pool_initial) {
        if (f.pini == 0) break;
        use[sec] = Zero(f.pool_stock[sec]) ? 0.0 : (f.output / f.pini) * (a / f.pool_stock[sec]);
      }
      for (auto& [j, s] : f.inputs) {
        double stock = s->stock;
        if (f.pini != 0)
          stock = s->stock + s->delivered - s->stock * use[firms[static_cast<size_t>(j)].sector];
        s->stock = (stock < 0.0 || Zero(stock)) ? 0.0 : stock;
      }
    }
    // Orders.
    for (auto& f : firms) {
      for (auto& [j, s] : f.inputs) {
        double order =
            f.pini == 0 ? s->initial
                        : s->initial * f.output / f.pini +
                              1 / params.tau * (n_days * s->initial * f.output / f.pini - s->stock);
        s->order = order < 0.0 ? 0.0 : order;
      }
    }
    // Demand.
    for (auto& f : firms) {
      double sum = 0;
      for (auto& [k, s] : f.sales) sum += s->order;
      const double d = f.final_demand + sum;
      if (!(std::abs(f.demand - d) < kEps)) f.demand = d;
    }
    // Production capacity from the pooled inputs.
    for (auto& f : firms) {
      for (auto& [sec, v] : f.pool_stock) v = 0.0;
      for (auto& [j, s] : f.inputs) f.pool_stock[firms[static_cast<size_t>(j)].sector] += s->stock;
      if (f.inputs.empty()) {
        f.max = f.cap;
        continue;
      }
      bool first = true;
      double min_prop = 0;
      for (auto& [sec, stock] : f.pool_stock) {
        const double prop = stock / f.pool_initial[sec] * f.pini;
        if (first || min_prop > prop) min_prop = prop;
        first = false;
      }
      f.max = f.cap > min_prop ? min_prop : f.cap;
    }
    // Production and rationing.
    double shipped = 0, fc = 0;
    for (auto& f : firms) {
      f.output = f.max > f.demand ? f.demand : f.max;
      if (params.rationing == Rationing::kProportional) {
        const double ratio = f.demand == 0.0 ? 0.0 : f.output / f.demand;
        fc += ratio * f.final_demand;
        for (auto& [k, s] : f.sales) s->delivered = s->order * ratio;
      } else {
        std::vector<double> orders, initial, share(f.sales.size());
        for (auto& [k, s] : f.sales) {
          orders.push_back(s->order);
          initial.push_back(s->initial);
        }
        fc +=
            f.final_demand * RationByPriority(f.output, f.final_demand, orders.data(),
                                              initial.data(), orders.size(), share.data(), scratch);
        size_t p = 0;
        for (auto& [k, s] : f.sales) s->delivered = share[p++] * s->initial;
      }
      for (auto& [k, s] : f.sales) shipped += s->delivered;
    }
    record();
    if (params.trace) {
      r.shipped.push_back(shipped);
      r.final_consumption.push_back(fc);
    }
    schedule.EndDay(t);
  }
  return r;
}

}  // namespace ballast::chain::sim
