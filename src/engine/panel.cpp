#include "engine/panel.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "engine/roster.h"

namespace ballast {

namespace {

EnterpriseSize ParseSize(const std::string& s) {
  if (s == "large") return EnterpriseSize::kLarge;
  if (s == "medium") return EnterpriseSize::kMedium;
  if (s == "small") return EnterpriseSize::kSmall;
  if (s == "micro") return EnterpriseSize::kMicro;
  return EnterpriseSize::kUnknown;
}

// A derived ytd that differs from the resolved one by more than summation noise is kept as a
// correction, so that reported cumulative figures are reproduced.
bool Differs(double derived, double resolved, double a, double b) {
  if (std::isnan(derived) || std::isnan(resolved)) return std::isnan(derived) != std::isnan(resolved);
  double scale = std::fabs(a) + std::fabs(b) + std::fabs(resolved);
  return std::fabs(derived - resolved) > 1e-11 * scale;
}

void Patch(const SparseColumn& fix, std::vector<double>* out) {
  for (size_t i = 0; i < fix.size(); ++i) (*out)[fix.index[i]] = fix.value[i];
}

}  // namespace

double SparseColumn::Find(uint32_t e) const {
  auto it = std::lower_bound(index.begin(), index.end(), e);
  if (it == index.end() || *it != e) return kMissing;
  return value[static_cast<size_t>(it - index.begin())];
}

// Raw reported fields before derivation, dense over enterprises; prior arrays only where some
// row reported one.
struct Panel::Builder::Raw {
  struct Col {
    std::vector<double> value, ytd, prior, prior_ytd;
  };
  std::vector<std::map<Period, Col>> by_indicator;
};

Panel::Builder::Builder(std::shared_ptr<const Catalog> catalog,
                        const std::vector<StoredEnterprise>& enterprises)
    : panel_(new Panel), raw_(new Raw) {
  panel_->catalog_ = std::move(catalog);
  const Catalog& cat = *panel_->catalog_;
  std::vector<PanelEnterprise> list;
  list.reserve(enterprises.size());
  for (const auto& se : enterprises) {
    PanelEnterprise e;
    e.id = se.id;
    e.uscc = se.record.uscc;
    e.name = se.record.name;
    e.region = cat.regions().Find(se.record.region);
    e.industry = cat.industries().Find(se.record.industry);
    e.size = ParseSize(se.record.size);
    e.tags = se.record.tags;
    e.entered = RosterPeriod(se.record.entered.value_or(""), kRosterSinceEver);
    e.exited = RosterPeriod(se.record.exited.value_or(""), kRosterStill);
    list.push_back(std::move(e));
  }
  // Order enterprises by region, then industry, so that roll-ups touch memory in sequence.
  auto key = [&cat](const PanelEnterprise& e) {
    int32_t r = e.region == kNoNode ? -1 : cat.regions().node(e.region).tin;
    int32_t i = e.industry == kNoNode ? -1 : cat.industries().node(e.industry).tin;
    return std::tuple(r, i, e.id);
  };
  std::sort(list.begin(), list.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  EnterpriseId max_id = 0;
  for (const auto& e : list) max_id = std::max(max_id, e.id);
  index_of_.assign(static_cast<size_t>(max_id) + 1, -1);
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (list[i].id >= 0) index_of_[static_cast<size_t>(list[i].id)] = static_cast<int32_t>(i);
    panel_->by_uscc_[list[i].uscc] = i;
  }
  panel_->enterprises_ = std::move(list);
  raw_->by_indicator.resize(cat.indicators().size());
}

Panel::Builder::~Builder() = default;

Status Panel::Builder::Add(const ObservationChunk& chunk) {
  int ind = panel_->catalog_->FindIndicator(chunk.indicator);
  if (ind < 0 || panel_->catalog_->indicators()[ind].derived() ||
      panel_->catalog_->indicators()[ind].scaled()) {
    return Status::Internal("store holds observations of unknown indicator '" + chunk.indicator +
                            "'");
  }
  const size_t n = panel_->enterprises_.size();
  Raw::Col& col = raw_->by_indicator[ind][chunk.period];
  if (col.value.empty()) {
    col.value.assign(n, kMissing);
    col.ytd.assign(n, kMissing);
  }
  bool any_prior = false;
  for (size_t i = 0; i < chunk.size(); ++i) {
    any_prior |= !IsMissing(chunk.prior[i]) || !IsMissing(chunk.prior_ytd[i]);
  }
  if (any_prior && col.prior.empty()) {
    col.prior.assign(n, kMissing);
    col.prior_ytd.assign(n, kMissing);
  }
  for (size_t i = 0; i < chunk.size(); ++i) {
    const EnterpriseId id = chunk.enterprise[i];
    if (id < 0 || static_cast<size_t>(id) >= index_of_.size() || index_of_[static_cast<size_t>(id)] < 0) {
      return Status::Internal("store holds observations of unknown enterprise id " + std::to_string(id));
    }
    const auto e = static_cast<uint32_t>(index_of_[static_cast<size_t>(id)]);
    col.value[e] = chunk.value[i];
    col.ytd[e] = chunk.ytd[i];
    if (!col.prior.empty()) {
      col.prior[e] = chunk.prior[i];
      col.prior_ytd[e] = chunk.prior_ytd[i];
    }
  }
  return Status::Ok();
}

std::unique_ptr<Panel> Panel::Builder::Finish() {
  Panel& p = *panel_;
  const auto& indicators = p.catalog_->indicators();
  const size_t n = p.enterprises_.size();
  Period first = 0, last = -1;
  bool any = false;
  for (const auto& m : raw_->by_indicator) {
    if (m.empty()) continue;
    first = any ? std::min(first, m.begin()->first) : m.begin()->first;
    last = any ? std::max(last, m.rbegin()->first) : m.rbegin()->first;
    any = true;
  }
  p.first_ = first;
  p.num_periods_ = any ? last - first + 1 : 0;
  p.columns_.assign(indicators.size(), std::vector<Column>(static_cast<size_t>(p.num_periods_)));

  std::vector<double> running(n), prior_running(n);
  for (size_t ind = 0; ind < indicators.size(); ++ind) {
    auto& raw = raw_->by_indicator[ind];
    if (raw.empty()) continue;
    const bool stock = indicators[ind].kind == IndicatorKind::kStock;
    for (Period t = first; t <= last; ++t) {
      Column& out = p.columns_[ind][static_cast<size_t>(t - first)];
      auto it = raw.find(t);
      Raw::Col* rc = it == raw.end() ? nullptr : &it->second;
      const bool january = PeriodMonth(t) == 1;
      const double start = january ? 0.0 : kMissing;
      if (rc != nullptr) out.value.assign(n, kMissing);
      for (size_t e = 0; e < n; ++e) {
        // value(t) = ytd(t) - ytd(t-1); ytd(t) = ytd(t-1) + value(t); ytd(Dec) resets in Jan.
        double prev = (january || t == first) ? start : running[e];
        double rv = rc ? rc->value[e] : kMissing, ry = rc ? rc->ytd[e] : kMissing;
        if (stock) {
          double v = IsMissing(rv) ? ry : rv;
          if (rc) out.value[e] = v;
          p.stored_cells_ += !IsMissing(v);
          continue;
        }
        double v = IsMissing(rv) ? ry - prev : rv;
        double y = IsMissing(ry) ? prev + v : ry;
        if (rc) out.value[e] = v;
        if (Differs(prev + v, y, prev, v)) {
          out.ytd_fix.index.push_back(static_cast<uint32_t>(e));
          out.ytd_fix.value.push_back(y);
        }
        running[e] = y;
        p.stored_cells_ += !IsMissing(v) || !IsMissing(y);
      }
      // Reported 上年同期 figures, derived between monthly and cumulative the same way.
      bool has_prior = rc != nullptr && !rc->prior.empty();
      for (size_t e = 0; e < n; ++e) {
        double prev = (january || t == first) ? start : prior_running[e];
        double rp = has_prior ? rc->prior[e] : kMissing, rpy = has_prior ? rc->prior_ytd[e] : kMissing;
        double pv, py;
        if (stock) {
          pv = py = IsMissing(rp) ? rpy : rp;
        } else {
          pv = IsMissing(rp) ? rpy - prev : rp;
          py = IsMissing(rpy) ? prev + pv : rpy;
        }
        prior_running[e] = py;
        if (!IsMissing(pv)) {
          out.prior.index.push_back(static_cast<uint32_t>(e));
          out.prior.value.push_back(pv);
        }
        if (!IsMissing(py)) {
          out.prior_ytd.index.push_back(static_cast<uint32_t>(e));
          out.prior_ytd.value.push_back(py);
        }
      }
      if (rc) {
        // Free the raw column as soon as it is resolved to keep the peak low.
        std::vector<double>().swap(rc->value);
        std::vector<double>().swap(rc->ytd);
        std::vector<double>().swap(rc->prior);
        std::vector<double>().swap(rc->prior_ytd);
      }
    }
  }
  raw_.reset();
  BuildScaled();
  BuildDeflators();
  return std::move(panel_);
}

void Panel::Builder::BuildScaled() {
  Panel& p = *panel_;
  const Catalog& cat = *p.catalog_;
  const CodeTree& tree = cat.industries();
  std::map<NodeId, double> rate_of;  // node -> rate as a fraction
  for (const auto& r : va_rates_) {
    const NodeId node = cat.FindIndustry(r.industry);
    if (node != kNoNode) rate_of[node] = r.rate / 100.0;
  }
  std::vector<double> rate(p.enterprises_.size(), kMissing);
  for (size_t e = 0; e < rate.size(); ++e) {
    for (NodeId n = p.enterprises_[e].industry; n != kNoNode && IsMissing(rate[e]);
         n = tree.node(n).parent) {
      auto it = rate_of.find(n);
      if (it != rate_of.end()) rate[e] = it->second;
    }
    if (IsMissing(rate[e])) {
      auto it = rate_of.find(cat.all_industry());
      if (it != rate_of.end()) rate[e] = it->second;
    }
  }
  // A rate per enterprise commutes with every derivation (value/ytd, priors): scale the
  // numerator's resolved columns.
  const auto& indicators = cat.indicators();
  for (size_t ind = 0; ind < indicators.size(); ++ind) {
    if (!indicators[ind].scaled()) continue;
    const auto num = static_cast<size_t>(cat.FindIndicator(indicators[ind].numerator));
    p.columns_[ind] = p.columns_[num];
    for (Column& c : p.columns_[ind]) {
      for (size_t e = 0; e < c.value.size(); ++e) c.value[e] *= rate[e];
      for (SparseColumn* s : {&c.ytd_fix, &c.prior, &c.prior_ytd}) {
        for (size_t i = 0; i < s->size(); ++i) s->value[i] *= rate[s->index[i]];
      }
    }
  }
}

void Panel::Builder::BuildDeflators() {
  Panel& p = *panel_;
  if (prices_.empty() || p.num_periods_ == 0) return;
  const CodeTree& tree = p.catalog_->industries();
  // index_at[node][period - first]
  std::map<NodeId, std::vector<double>> index_at;
  for (const auto& r : prices_) {
    const NodeId node = p.catalog_->FindIndustry(r.industry);
    if (node == kNoNode || !p.HasPeriod(r.period)) continue;
    auto& v = index_at[node];
    if (v.empty()) v.assign(static_cast<size_t>(p.num_periods_), kMissing);
    v[static_cast<size_t>(r.period - p.first_)] = r.index / 100.0;
  }
  if (index_at.empty()) return;
  const NodeId bcd = p.catalog_->all_industry();
  std::map<NodeId, int32_t> slot_of;
  p.price_slot_.assign(p.enterprises_.size(), -1);
  for (size_t e = 0; e < p.enterprises_.size(); ++e) {
    const NodeId cls = p.enterprises_[e].industry;
    if (cls == kNoNode) continue;
    auto [it, inserted] = slot_of.emplace(cls, static_cast<int32_t>(slot_of.size()));
    p.price_slot_[e] = it->second;
    if (!inserted) continue;
    for (int32_t t = 0; t < p.num_periods_; ++t) {
      double d = kMissing;
      for (NodeId n = cls; n != kNoNode && IsMissing(d); n = tree.node(n).parent) {
        auto found = index_at.find(n);
        if (found != index_at.end()) d = found->second[static_cast<size_t>(t)];
      }
      if (IsMissing(d)) {
        auto found = index_at.find(bcd);
        if (found != index_at.end()) d = found->second[static_cast<size_t>(t)];
      }
      p.deflators_.push_back(d);
    }
  }
}

double Panel::Deflator(uint32_t e, Period p) const {
  if (deflators_.empty() || !HasPeriod(p) || price_slot_[e] < 0) return kMissing;
  return deflators_[static_cast<size_t>(price_slot_[e]) * static_cast<size_t>(num_periods_) +
                    static_cast<size_t>(p - first_)];
}

int64_t Panel::FindEnterprise(const std::string& uscc) const {
  auto it = by_uscc_.find(uscc);
  return it == by_uscc_.end() ? -1 : static_cast<int64_t>(it->second);
}

const Panel::Column* Panel::Col(int indicator, Period p) const {
  if (!HasPeriod(p) || indicator < 0 || static_cast<size_t>(indicator) >= columns_.size()) return nullptr;
  return &columns_[static_cast<size_t>(indicator)][static_cast<size_t>(p - first_)];
}

bool Panel::HasData(int indicator, Period p) const {
  const Column* c = Col(indicator, p);
  return c != nullptr && !c->value.empty();
}

const double* Panel::Values(int indicator, Period p) const {
  const Column* c = Col(indicator, p);
  return c == nullptr || c->value.empty() ? nullptr : c->value.data();
}

void Panel::Ytd(int indicator, Period p, std::vector<double>* out) const {
  if (!HasPeriod(p)) {
    out->assign(enterprises_.size(), kMissing);
    return;
  }
  const Period start = std::max(first_, MakePeriod(PeriodYear(p), 1));
  for (Period q = start; q <= p; ++q) YtdStep(indicator, q, out);
}

void Panel::YtdStep(int indicator, Period p, std::vector<double>* running) const {
  const size_t n = enterprises_.size();
  if (!HasPeriod(p)) {
    running->assign(n, kMissing);
    return;
  }
  const Column* c = Col(indicator, p);
  if (catalog_->indicators()[static_cast<size_t>(indicator)].kind == IndicatorKind::kStock) {
    if (c->value.empty()) running->assign(n, kMissing);
    else running->assign(c->value.begin(), c->value.end());
    return;
  }
  const bool restart = PeriodMonth(p) == 1 || p == first_;
  if (restart) running->assign(n, PeriodMonth(p) == 1 ? 0.0 : kMissing);
  running->resize(n);
  if (c->value.empty()) {
    std::fill(running->begin(), running->end(), kMissing);
  } else {
    const double* v = c->value.data();
    double* o = running->data();
    for (size_t e = 0; e < n; ++e) o[e] += v[e];
  }
  Patch(c->ytd_fix, running);
}

void Panel::BaseValues(int indicator, Period p, std::vector<double>* out) const {
  const size_t n = enterprises_.size();
  const double* v = Values(indicator, p - 12);
  if (v == nullptr) out->assign(n, kMissing);
  else out->assign(v, v + n);
  if (const Column* c = Col(indicator, p)) Patch(c->prior, out);
}

void Panel::BaseYtd(int indicator, Period p, std::vector<double>* out) const {
  Ytd(indicator, p - 12, out);
  if (const Column* c = Col(indicator, p)) Patch(c->prior_ytd, out);
}

double Panel::ReportedPrior(int indicator, Period p, uint32_t e, bool ytd) const {
  const Column* c = Col(indicator, p);
  if (c == nullptr) return kMissing;
  return (ytd ? c->prior_ytd : c->prior).Find(e);
}

bool Panel::HasReportedPriors(int indicator, Period p) const {
  const Column* c = Col(indicator, p);
  return c != nullptr && (c->prior.size() > 0 || c->prior_ytd.size() > 0);
}

size_t Panel::ColumnBytes() const {
  size_t bytes = 0;
  for (const auto& per_indicator : columns_) {
    for (const auto& c : per_indicator) {
      bytes += c.value.capacity() * sizeof(double);
      for (const SparseColumn* s : {&c.ytd_fix, &c.prior, &c.prior_ytd}) {
        bytes += s->index.capacity() * sizeof(uint32_t) + s->value.capacity() * sizeof(double);
      }
    }
  }
  return bytes;
}

}  // namespace ballast
