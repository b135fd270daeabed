#include "chain/sim/model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "chain/sim/rationing.h"
#include "chain/sim/shock_schedule.h"

namespace ballast::chain::sim {
namespace {

constexpr double kEps = 1e-20;  // proNet's "almost zero"
bool Zero(double x) { return std::abs(x) <= kEps; }

// Links are held twice: by customer (inputs, ascending supplier) for inventories and orders, and
// by supplier (sales, ascending customer) for demand and rationing. Per customer, its inputs are
// pooled by the supplier's sector into "slots".
class FastModel {
 public:
  FastModel(const Economy& e, const SimParams& p) : p_(p), n_(e.num_firms()), m_(e.links.size()) {
    std::vector<size_t> by_customer(m_), by_supplier(m_);
    std::iota(by_customer.begin(), by_customer.end(), size_t{0});
    std::iota(by_supplier.begin(), by_supplier.end(), size_t{0});
    const auto& L = e.links;
    std::sort(by_customer.begin(), by_customer.end(), [&](size_t a, size_t b) {
      return L[a].customer != L[b].customer ? L[a].customer < L[b].customer
                                            : L[a].supplier < L[b].supplier;
    });
    std::sort(by_supplier.begin(), by_supplier.end(), [&](size_t a, size_t b) {
      return L[a].supplier != L[b].supplier ? L[a].supplier < L[b].supplier
                                            : L[a].customer < L[b].customer;
    });
    std::vector<uint32_t> in_pos_of(m_);
    in_begin_.assign(n_ + 1, 0);
    out_begin_.assign(n_ + 1, 0);
    supplier_.resize(m_);
    a_in_.resize(m_);
    for (size_t q = 0; q < m_; ++q) {
      const auto& l = L[by_customer[q]];
      supplier_[q] = l.supplier;
      a_in_[q] = l.value;
      in_pos_of[by_customer[q]] = static_cast<uint32_t>(q);
      ++in_begin_[static_cast<size_t>(l.customer) + 1];
      ++out_begin_[static_cast<size_t>(l.supplier) + 1];
    }
    for (size_t i = 0; i < n_; ++i) {
      in_begin_[i + 1] += in_begin_[i];
      out_begin_[i + 1] += out_begin_[i];
    }
    out_link_.resize(m_);
    out_pos_.resize(m_);
    a_out_.resize(m_);
    for (size_t q = 0; q < m_; ++q) {
      const uint32_t in = in_pos_of[by_supplier[q]];
      out_link_[q] = in;
      out_pos_[in] = static_cast<uint32_t>(q);
      a_out_[q] = L[by_supplier[q]].value;
    }
    // Slots: one per (customer, supplier sector), numbered by first appearance in supplier order.
    slot_.resize(m_);
    slot_begin_.assign(n_ + 1, 0);
    std::vector<int32_t> seen(static_cast<size_t>(e.num_sectors), -1);
    uint32_t slots = 0;
    for (size_t i = 0; i < n_; ++i) {
      slot_begin_[i] = slots;
      for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q) {
        const size_t s = static_cast<size_t>(e.sector[static_cast<size_t>(supplier_[q])]);
        if (seen[s] < static_cast<int32_t>(slot_begin_[i])) seen[s] = static_cast<int32_t>(slots++);
        slot_[q] = static_cast<uint32_t>(seen[s]);
      }
    }
    slot_begin_[n_] = slots;

    const double n_days = static_cast<double>(p.inventory_days);
    c_ = e.final_demand;
    demand_.resize(n_);
    for (size_t j = 0; j < n_; ++j) {
      double sum = 0.0;
      for (uint32_t q = out_begin_[j]; q < out_begin_[j + 1]; ++q) sum += a_out_[q];
      demand_[j] = c_[j] + sum;
    }
    pini_ = cap_ = max_ = pact_ = demand_;
    stock_.resize(m_);
    for (size_t q = 0; q < m_; ++q) stock_[q] = a_in_[q] * n_days;
    delivered_ = a_in_;
    order_out_ = a_out_;
    a_slot_.assign(slots, 0.0);
    s_slot_.assign(slots, 0.0);
    use_slot_.assign(slots, 0.0);
    for (size_t q = 0; q < m_; ++q) {
      a_slot_[slot_[q]] += a_in_[q];
      s_slot_[slot_[q]] += n_days * a_in_[q];
    }
  }

  double Total() const {
    double t = 0.0;
    for (double x : pact_) t += x;
    return t;
  }
  const std::vector<double>& output() const { return pact_; }

  void SetLoss(size_t firm, double delta) { cap_[firm] = (1.0 - delta) * pini_[firm]; }

  // Inventories, orders and the input constraint of every customer (one pass over inputs).
  double CustomerPass() {
    const double n_days = static_cast<double>(p_.inventory_days);
    const double inv_tau = 1 / p_.tau;
    double received = 0.0;
    for (size_t i = 0; i < n_; ++i) {
      const uint32_t s0 = slot_begin_[i], s1 = slot_begin_[i + 1];
      const double pini = pini_[i];
      // Use of each pooled input, drawn from each supplier's stock in proportion to it.
      if (pini != 0) {
        for (uint32_t s = s0; s < s1; ++s) {
          use_slot_[s] = Zero(s_slot_[s]) ? 0.0 : (pact_[i] / pini) * (a_slot_[s] / s_slot_[s]);
        }
      }
      const double d_adj = pact_[i];
      for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q) {
        double stock = stock_[q];
        if (p_.trace) received += delivered_[q];
        if (pini != 0) stock = stock + delivered_[q] - stock * use_slot_[slot_[q]];
        if (stock < 0.0 || Zero(stock)) stock = 0.0;
        stock_[q] = stock;
        const double a = a_in_[q];
        double order =
            pini == 0 ? a : a * d_adj / pini + inv_tau * (n_days * a * d_adj / pini - stock);
        if (order < 0.0) order = 0.0;
        order_out_[out_pos_[q]] = order;
      }
      for (uint32_t s = s0; s < s1; ++s) s_slot_[s] = 0.0;
      for (uint32_t q = in_begin_[i]; q < in_begin_[i + 1]; ++q) s_slot_[slot_[q]] += stock_[q];
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
    return received;
  }

  // Demand, production and rationing of every supplier (one pass over sales).
  void SupplierPass(double* shipped, double* final_consumption) {
    for (size_t j = 0; j < n_; ++j) {
      const uint32_t b = out_begin_[j], e = out_begin_[j + 1];
      double sum = 0;
      for (uint32_t q = b; q < e; ++q) sum += order_out_[q];
      const double d = c_[j] + sum;
      if (!(std::abs(demand_[j] - d) < kEps)) demand_[j] = d;
      const double pact = max_[j] > demand_[j] ? demand_[j] : max_[j];
      pact_[j] = pact;
      double fc = 0;
      if (p_.rationing == Rationing::kProportional) {
        const double ratio = demand_[j] == 0.0 ? 0.0 : pact / demand_[j];
        fc = ratio * c_[j];
        for (uint32_t q = b; q < e; ++q) delivered_[out_link_[q]] = order_out_[q] * ratio;
      } else {
        share_.resize(e - b);
        const double share_fc = RationByPriority(pact, c_[j], &order_out_[b], &a_out_[b], e - b,
                                                 share_.data(), scratch_);
        fc = share_fc * c_[j];
        for (uint32_t q = b; q < e; ++q) delivered_[out_link_[q]] = share_[q - b] * a_out_[q];
      }
      if (p_.trace) {
        *final_consumption += fc;
        for (uint32_t q = b; q < e; ++q) *shipped += delivered_[out_link_[q]];
      }
    }
  }

 private:
  const SimParams& p_;
  size_t n_, m_;
  std::vector<uint32_t> in_begin_, out_begin_, slot_begin_;
  std::vector<int32_t> supplier_;
  std::vector<uint32_t> slot_, out_link_, out_pos_;
  std::vector<double> a_in_, a_out_, stock_, delivered_, order_out_;
  std::vector<double> a_slot_, s_slot_, use_slot_;
  std::vector<double> c_, demand_, pini_, cap_, max_, pact_;
  std::vector<double> share_;
  RationingScratch scratch_;
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
  FastModel model(economy, params);
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
    const double received = model.CustomerPass();
    double shipped = 0, fc = 0;
    model.SupplierPass(&shipped, &fc);
    record();
    if (params.trace) {
      r.received.push_back(received);
      r.shipped.push_back(shipped);
      r.final_consumption.push_back(fc);
    }
    schedule.EndDay(t);
  }
  return r;
}

}  // namespace ballast::chain::sim
