#include "chain/sim/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "chain/sim/big_vector.h"
#include "chain/sim/pass_pool.h"
#include "chain/sim/rationing.h"
#include "chain/sim/rationing_lanes.h"
#include "chain/sim/shock_schedule.h"

namespace ballast::chain::sim {
namespace {

constexpr double kEps = 1e-20;  // proNet's "almost zero"
bool Zero(double x) { return std::abs(x) <= kEps; }
constexpr size_t kAhead = 64;          // links to prefetch ahead in the passes' gathers
constexpr size_t kChunkLinks = 16384;  // at most about this many links in a chunk of firms
constexpr size_t kMaxChunks = 2048;    // (up to 33 M links; beyond, chunks grow)

// Links are held twice: by customer (inputs, ascending supplier) for inventories and orders, and
// by supplier (sales, ascending customer) for demand and rationing. The state that both passes
// share, each link's order and delivery, is kept once, side by side, and each pass reaches it
// through an index (prefetched). Its order is by tile: firms are cut into chunks (the passes'
// units of work), and the flows are ordered by the customer's chunk, then the supplier's chunk,
// then customer and supplier. A chunk of the customer pass then touches one contiguous row of
// tiles, and a chunk of the supplier pass one column of tiles, each about 256 KB: every cache line
// of flows is brought in once per pass instead of once per link (profiled: the supplier pass's
// random reads across all the flows were its main cost). Per customer, its inputs are pooled by
// the supplier's sector into "slots".
// Firms are independent within a pass, so a pass may be split over threads without changing a bit.
class FastModel {
 public:
  FastModel(const Economy& e, const SimParams& p, int threads)
      : p_(p), n_(e.num_firms()), m_(e.links.size()), pool_(threads) {
    const auto& L = e.links;
    // Counting sorts: by customer (stable, then by supplier within each customer), then by
    // supplier in that order, which leaves the customers of each supplier ascending.
    in_begin_.assign(n_ + 1, 0);
    out_begin_.assign(n_ + 1, 0);
    for (const auto& l : L) {
      ++in_begin_[static_cast<size_t>(l.customer) + 1];
      ++out_begin_[static_cast<size_t>(l.supplier) + 1];
    }
    for (size_t i = 0; i < n_; ++i) {
      in_begin_[i + 1] += in_begin_[i];
      out_begin_[i + 1] += out_begin_[i];
    }
    // The links copied in customer order (one pass over the economy's links), then sorted by
    // supplier within each customer from the file order, as std::sort orders them.
    struct In {
      int32_t supplier;
      double value;
    };
    BigVector<In> by_customer(m_);
    {
      std::vector<uint32_t> next(in_begin_.begin(), in_begin_.end() - 1);
      for (size_t k = 0; k < m_; ++k)
        by_customer[next[static_cast<size_t>(L[k].customer)]++] = {L[k].supplier, L[k].value};
    }
    for (size_t i = 0; i < n_; ++i) {
      std::sort(by_customer.begin() + in_begin_[i], by_customer.begin() + in_begin_[i + 1],
                [](const In& a, const In& b) { return a.supplier < b.supplier; });
    }
    // Chunks of firms with about equal numbers of links (the units of work of both passes):
    // several per thread so that the threads stay busy when the machine is shared, and at most
    // kChunkLinks links each so that the tiles below are small.
    // (At most kMaxChunks, which bounds the table of tiles below to kMaxChunks² counts.)
    const size_t chunks =
        std::max<size_t>(threads > 1 ? static_cast<size_t>(threads) * 16 : 1,
                         std::min((m_ + kChunkLinks - 1) / kChunkLinks, kMaxChunks));
    chunks_.push_back(0);
    for (size_t k = 1; k < chunks; ++k) {
      const uint32_t target = static_cast<uint32_t>(m_ * k / chunks);
      chunks_.push_back(std::max(
          chunks_.back(),
          static_cast<size_t>(std::lower_bound(in_begin_.begin(), in_begin_.end(), target) -
                              in_begin_.begin())));
    }
    chunks_.push_back(n_);
    // Tiles: the flows ordered by (customer's chunk, supplier's chunk, customer, supplier), so
    // that a cache line of flows is touched by one chunk of either pass, not by four.
    const size_t nc = chunks_.size() - 1;
    std::vector<uint32_t> chunk_of(n_);
    for (size_t k = 0; k < nc; ++k)
      std::fill(chunk_of.begin() + static_cast<ptrdiff_t>(chunks_[k]),
                chunk_of.begin() + static_cast<ptrdiff_t>(chunks_[k + 1]),
                static_cast<uint32_t>(k));
    {
      std::vector<uint32_t> tile(nc * nc + 1, 0);
      for (size_t i = 0; i < n_; ++i) {
        for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q)
          ++tile[chunk_of[i] * nc + chunk_of[static_cast<size_t>(by_customer[q].supplier)] + 1];
      }
      for (size_t t = 0; t < nc * nc; ++t) tile[t + 1] += tile[t];
      in_flow_.assign(m_ + kAhead, 0);  // padded: prefetches run past the end without a test
      for (size_t i = 0; i < n_; ++i) {
        for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q)
          in_flow_[q] =
              tile[chunk_of[i] * nc + chunk_of[static_cast<size_t>(by_customer[q].supplier)]]++;
      }
    }
    a_in_.resize(m_);
    out_link_.assign(m_ + kAhead, 0);  // padded: prefetches run past the end without a test
    if (!p.whitelist.empty()) out_customer_.resize(m_);
    a_out_.resize(m_);
    std::vector<uint32_t> next(out_begin_.begin(), out_begin_.end() - 1);
    for (size_t i = 0; i < n_; ++i) {
      for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q) {
        const In& l = by_customer[q];
        a_in_[q] = l.value;
        const uint32_t pos = next[static_cast<size_t>(l.supplier)]++;
        out_link_[pos] = in_flow_[q];
        a_out_[pos] = l.value;
        if (!out_customer_.empty()) out_customer_[pos] = static_cast<uint32_t>(i);
      }
    }
    // Slots: one per (customer, supplier sector), numbered by first appearance in supplier order.
    slot_.resize(m_);
    slot_begin_.assign(n_ + 1, 0);
    std::vector<int64_t> seen(static_cast<size_t>(e.num_sectors), -1);
    uint32_t slots = 0;
    for (size_t i = 0; i < n_; ++i) {
      slot_begin_[i] = slots;
      for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q) {
        const size_t s =
            static_cast<size_t>(e.sector[static_cast<size_t>(by_customer[q].supplier)]);
        if (seen[s] < static_cast<int64_t>(slot_begin_[i])) seen[s] = slots++;
        slot_[q] = static_cast<uint32_t>(seen[s]);
      }
    }
    slot_begin_[n_] = slots;

    const double n_days = static_cast<double>(p.inventory_days);
    c_.assign(e.final_demand.begin(), e.final_demand.end());
    demand_.resize(n_);
    for (size_t j = 0; j < n_; ++j) {
      double sum = 0.0;
      for (uint32_t q = out_begin_[j]; q < out_begin_[j + 1]; ++q) sum += a_out_[q];
      demand_[j] = c_[j] + sum;
    }
    pini_ = cap_ = max_ = pact_ = demand_;
    stock_.resize(m_);
    for (size_t q = 0; q < m_; ++q) stock_[q] = a_in_[q] * n_days;
    flow_.resize(m_);
    for (size_t q = 0; q < m_; ++q) flow_[in_flow_[q]] = {a_in_[q], a_in_[q]};
    a_slot_.assign(slots, 0.0);
    s_slot_.assign(slots, 0.0);
    size_t most_slots = 0;
    for (size_t i = 0; i < n_; ++i)
      most_slots = std::max<size_t>(most_slots, slot_begin_[i + 1] - slot_begin_[i]);
    for (size_t q = 0; q < m_; ++q) {
      a_slot_[slot_[q]] += a_in_[q];
      s_slot_[slot_[q]] += n_days * a_in_[q];
    }
    scratch_.resize(static_cast<size_t>(threads));
    for (auto& sc : scratch_) sc.use.resize(most_slots);
    lanes_ = p.rationing == Rationing::kPriority && p.whitelist.empty() && RationLanesVectorized();
    if (lanes_) {
      for (auto& sc : scratch_) sc.batches.resize(kLanesMaxCustomers);
    }
    if (p.trace) fc_firm_.assign(n_, 0.0);
  }

  double Total() const {
    double t = 0.0;
    for (double x : pact_) t += x;
    return t;
  }
  const BigVector<double>& output() const { return pact_; }

  void SetLoss(size_t firm, double delta) { cap_[firm] = (1.0 - delta) * pini_[firm]; }

  // One day: customers, then suppliers. Returns {received, shipped, final consumption} (trace),
  // each summed in one fixed order whatever the threads.
  std::array<double, 3> Step() {
    std::array<double, 3> sum = {0, 0, 0};
    if (p_.trace) {
      for (size_t q = 0; q < m_; ++q) sum[0] += flow_[in_flow_[q]].delivered;
    }
    auto customers = [&](size_t t, size_t k) {
      CustomerPass(chunks_[k], chunks_[k + 1], scratch_[t].use.data());
    };
    pool_.Run(chunks_.size() - 1, customers);
    auto suppliers = [&](size_t t, size_t k) {
      SupplierPass(chunks_[k], chunks_[k + 1], scratch_[t]);
    };
    pool_.Run(chunks_.size() - 1, suppliers);
    if (p_.trace) {
      for (size_t q = 0; q < m_; ++q) sum[1] += flow_[out_link_[q]].delivered;
      for (size_t j = 0; j < n_; ++j) sum[2] += fc_firm_[j];
    }
    return sum;
  }

 private:
  // Suppliers of m customers waiting for priority rationing in the lanes of one vector.
  struct Batch {
    size_t n = 0;
    double production[kLanes], final_demand[kLanes], share_fc[kLanes];
    double orders[kLanesMaxCustomers * kLanes], initial[kLanesMaxCustomers * kLanes],
        share[kLanesMaxCustomers * kLanes];
    uint32_t q0[kLanes], firm[kLanes];
  };
  struct Scratch {
    std::vector<double> orders, share, other, other_a;
    RationingScratch rationing;
    std::vector<Batch> batches;  // by m - 1, with lanes_
    std::vector<double> use;     // the draw on each slot of the customer at hand
  };

  // Priority rationing of the suppliers in `b` (all with m customers), their deliveries and
  // final consumption; the same operations as the one-supplier path in SupplierPass.
  void Flush(Batch& b, size_t m) {
    if (b.n == 0) return;
    RationByPriorityLanes(m, b.n, b.production, b.final_demand, b.orders, b.initial, b.share,
                          b.share_fc);
    for (size_t l = 0; l < b.n; ++l) {
      for (size_t k = 0; k < m; ++k)
        Deliver(b.q0[l] + k, b.share[k * kLanes + l] * b.initial[k * kLanes + l]);
      if (p_.trace) fc_firm_[b.firm[l]] = b.share_fc[l] * b.final_demand[l];
    }
    b.n = 0;
  }

  // Inventories, orders and the input constraint of customers [b, e).
  // `use` has room for the slots of any firm.
  void CustomerPass(size_t b, size_t e, double* use) {
    const double n_days = static_cast<double>(p_.inventory_days);
    const double inv_tau = 1 / p_.tau;
    for (size_t i = b; i < e; ++i) {
      const uint32_t s0 = slot_begin_[i], s1 = slot_begin_[i + 1];
      const uint32_t q0 = in_begin_[i], q1 = in_begin_[i + 1];
      const double pini = pini_[i];
      const double d_adj = pact_[i];
      if (pini != 0) {
        // Use of each pooled input, drawn from each supplier's stock in proportion to it.
        const double util = d_adj / pini;
        for (uint32_t s = s0; s < s1; ++s) {
          use[s - s0] = Zero(s_slot_[s]) ? 0.0 : util * (a_slot_[s] / s_slot_[s]);
          s_slot_[s] = 0.0;
        }
        for (uint32_t q = q0; q < q1; ++q) {
          __builtin_prefetch(&flow_[in_flow_[q + kAhead]], 1);
          Flow& flow = flow_[in_flow_[q]];
          double stock = stock_[q];
          const double in = flow.delivered;
          const uint32_t slot = slot_[q];
          stock = stock + in - stock * use[slot - s0];
          stock = stock <= kEps ? 0.0 : stock;  // at or below zero (proNet: < 0 or "zero")
          stock_[q] = stock;
          s_slot_[slot] += stock;
          const double a = a_in_[q];
          const double order = a * d_adj / pini + inv_tau * (n_days * a * d_adj / pini - stock);
          flow.order = order < 0.0 ? 0.0 : order;
        }
      } else {
        for (uint32_t s = s0; s < s1; ++s) s_slot_[s] = 0.0;
        for (uint32_t q = q0; q < q1; ++q) {
          const double stock = stock_[q] <= kEps ? 0.0 : stock_[q];
          stock_[q] = stock;
          s_slot_[slot_[q]] += stock;
          flow_[in_flow_[q]].order = a_in_[q];
        }
      }
      if (s0 == s1) {
        max_[i] = cap_[i];
        continue;
      }
      double min_prop = 0.0;
      for (uint32_t s = s0; s < s1; ++s) {
        const double prop = s_slot_[s] / a_slot_[s] * pini;
        if (s == s0 || min_prop > prop) min_prop = prop;
      }
      max_[i] = cap_[i] > min_prop ? min_prop : cap_[i];
    }
  }

  // The delivery of sale q (in supplier order).
  void Deliver(size_t q, double value) { flow_[out_link_[q]].delivered = value; }

  // Demand, production and rationing of suppliers [b, e).
  void SupplierPass(size_t b, size_t e, Scratch& sc) {
    for (size_t j = b; j < e; ++j) {
      const uint32_t q0 = out_begin_[j], q1 = out_begin_[j + 1];
      const size_t m = q1 - q0;
      sc.orders.resize(m);
      double sum = 0;
      for (size_t k = 0; k < m; ++k) {
        __builtin_prefetch(&flow_[out_link_[q0 + k + kAhead]], 1);
        sc.orders[k] = flow_[out_link_[q0 + k]].order;
        sum += sc.orders[k];
      }
      const double d = c_[j] + sum;
      if (!(std::abs(demand_[j] - d) < kEps)) demand_[j] = d;
      const double pact = max_[j] > demand_[j] ? demand_[j] : max_[j];
      pact_[j] = pact;
      double fc = 0;
      if (lanes_ && m >= 1 && m <= kLanesMaxCustomers) {
        // Priority rationing with suppliers of as many customers, in lanes (rationing_lanes.h).
        Batch& batch = sc.batches[m - 1];
        const size_t l = batch.n++;
        batch.production[l] = pact;
        batch.final_demand[l] = c_[j];
        batch.q0[l] = q0;
        batch.firm[l] = static_cast<uint32_t>(j);
        for (size_t k = 0; k < m; ++k) {
          batch.orders[k * kLanes + l] = sc.orders[k];
          batch.initial[k * kLanes + l] = a_out_[q0 + k];
        }
        if (batch.n == kLanes) Flush(batch, m);
        continue;
      }
      if (!out_customer_.empty() && ListedFirst(j, q0, m, pact, sc, &fc)) {
        // served the listed customers first (fc and deliveries set)
      } else if (p_.rationing == Rationing::kProportional) {
        const double ratio = demand_[j] == 0.0 ? 0.0 : pact / demand_[j];
        fc = ratio * c_[j];
        for (size_t k = 0; k < m; ++k) Deliver(q0 + k, sc.orders[k] * ratio);
      } else {
        sc.share.resize(m);
        const double share_fc = RationByPriority(pact, c_[j], sc.orders.data(), &a_out_[q0], m,
                                                 sc.share.data(), sc.rationing);
        fc = share_fc * c_[j];
        for (size_t k = 0; k < m; ++k) Deliver(q0 + k, sc.share[k] * a_out_[q0 + k]);
      }
      if (p_.trace) fc_firm_[j] = fc;
    }
    for (size_t m = 0; m < sc.batches.size(); ++m) Flush(sc.batches[m], m + 1);
  }

  // The whitelist rule for supplier j; false when none of its customers is listed (then the
  // ordinary rule applies unchanged).
  bool ListedFirst(size_t j, uint32_t q0, size_t m, double pact, Scratch& sc, double* fc) {
    double listed = 0;
    bool any = false;
    for (size_t k = 0; k < m; ++k) {
      if (p_.whitelist[out_customer_[q0 + k]]) listed += sc.orders[k], any = true;
    }
    if (!any) return false;
    if (!(pact >
          listed)) {  // not even the listed ones in full: they share it, nobody else gets any
      const double ratio = listed == 0.0 ? 0.0 : pact / listed;
      for (size_t k = 0; k < m; ++k)
        Deliver(q0 + k, p_.whitelist[out_customer_[q0 + k]] ? sc.orders[k] * ratio : 0.0);
      *fc = 0;
      return true;
    }
    // The others and final demand share the rest by the ordinary rule.
    const double rest = pact - listed;
    sc.other.clear();
    sc.other_a.clear();
    double others = 0;
    for (size_t k = 0; k < m; ++k) {
      if (p_.whitelist[out_customer_[q0 + k]]) {
        Deliver(q0 + k, sc.orders[k]);
      } else {
        sc.other.push_back(sc.orders[k]);
        sc.other_a.push_back(a_out_[q0 + k]);
        others += sc.orders[k];
      }
    }
    const size_t mo = sc.other.size();
    sc.share.resize(mo);
    if (p_.rationing == Rationing::kProportional) {
      const double want = c_[j] + others;
      const double ratio = want == 0.0 ? 0.0 : std::min(1.0, rest / want);
      for (size_t k = 0; k < mo; ++k) sc.share[k] = sc.other[k] * ratio;
      *fc = ratio * c_[j];
    } else {
      *fc = RationByPriority(rest, c_[j], sc.other.data(), sc.other_a.data(), mo, sc.share.data(),
                             sc.rationing) *
            c_[j];
      for (size_t k = 0; k < mo; ++k) sc.share[k] *= sc.other_a[k];
    }
    size_t o = 0;
    for (size_t k = 0; k < m; ++k) {
      if (!p_.whitelist[out_customer_[q0 + k]]) Deliver(q0 + k, sc.share[o++]);
    }
    return true;
  }

  const SimParams& p_;
  size_t n_, m_;
  PassPool pool_;
  BigVector<uint32_t> out_customer_;  // customer of each sale (only with a whitelist)
  BigVector<uint32_t> in_begin_, out_begin_, slot_begin_;
  BigVector<uint32_t> slot_;
  BigVector<uint32_t> in_flow_, out_link_;  // the flow of each input, of each sale
  struct Flow {
    double order, delivered;
  };
  BigVector<Flow> flow_;            // by tile (see the constructor)
  BigVector<double> a_in_, stock_;  // by customer
  BigVector<double> a_out_;         // by supplier
  BigVector<double> a_slot_, s_slot_;
  BigVector<double> c_, demand_, pini_, cap_, max_, pact_;
  BigVector<double> fc_firm_;  // final consumption per supplier (only with trace)
  std::vector<size_t> chunks_;
  std::vector<Scratch> scratch_;
  bool lanes_ = false;  // priority rationing in vector lanes
};

}  // namespace

Status ValidateParams(const SimParams& p) {
  if (p.days < 0) return Status::Invalid("--days must not be negative / 天数不能为负");
  if (!(p.tau > 0) || !std::isfinite(p.tau))
    return Status::Invalid("--tau must be positive / --tau 必须为正数");
  if (p.inventory_days < 1)
    return Status::Invalid("--inventory-days must be at least 1 / 库存天数至少为 1");
  if (p.recovery_days < 0)
    return Status::Invalid("--recovery-days must not be negative / 恢复天数不能为负");
  return Status::Ok();
}

Result<SimResult> Simulate(const Economy& economy, const std::vector<Shock>& shocks,
                           const SimParams& params) {
  RETURN_IF_ERROR(ValidateParams(params));
  if (!params.whitelist.empty() && params.whitelist.size() != economy.num_firms())
    return Status::Invalid("whitelist: one flag per firm / 白名单须逐企业标注");
  const int threads =
      params.threads > 0 ? params.threads : (economy.links.size() >= 100000 ? 2 : 1);
  FastModel model(economy, params, threads);
  ShockSchedule schedule(shocks, params.recovery_days);
  SimResult r;
  r.num_firms = economy.num_firms();
  auto record = [&] {
    r.total.push_back(model.Total());
    if (params.per_firm)
      r.per_firm.insert(r.per_firm.end(), model.output().begin(), model.output().end());
  };
  record();
  const bool calm = std::none_of(shocks.begin(), shocks.end(), [&](const Shock& s) {
    return s.delta > 0 && s.day_from < params.days;
  });
  if (calm && !params.step_when_calm) {
    // The equilibrium: every day as day -1. Flows at their initial values.
    double links = 0, fc = 0;
    for (const auto& l : economy.links) links += l.value;
    for (double c : economy.final_demand) fc += c;
    for (int t = 0; t < params.days; ++t) {
      record();
      if (params.trace) {
        r.shipped.push_back(links);
        r.received.push_back(links);
        r.final_consumption.push_back(fc);
      }
    }
    return r;
  }
  for (int t = 0; t < params.days; ++t) {
    schedule.StartDay(t);
    for (size_t k = 0; k < schedule.firms().size(); ++k) {
      model.SetLoss(static_cast<size_t>(schedule.firms()[k]), schedule.delta(k));
    }
    const auto flows = model.Step();
    record();
    if (params.trace) {
      r.received.push_back(flows[0]);
      r.shipped.push_back(flows[1]);
      r.final_consumption.push_back(flows[2]);
    }
    schedule.EndDay(t);
  }
  return r;
}

}  // namespace ballast::chain::sim
