#include "engine/panel.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <set>

#include "engine/panel_resolve.h"
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

}  // namespace

double SparseColumn::Find(uint32_t e) const {
  auto it = std::lower_bound(index.begin(), index.end(), e);
  if (it == index.end() || *it != e) return kMissing;
  return value[static_cast<size_t>(it - index.begin())];
}

namespace {

using panel_internal::RawColumn;
using panel_internal::RawKey;

// Raw columns kept (Panel::raw_kept_) within this many bytes: one indicator's year at 500,000
// enterprises and then some (a revision touches a month or two of one or two indicators).
constexpr size_t kRawKeptBytes = size_t{256} << 20;

// A class's price index or value-added rate: its own, else its nearest ancestor's, else the
// whole industry's (BCD). `at` gives a node's figure, kMissing where it has none.
template <typename At>
double OwnOrAncestors(const CodeTree& tree, NodeId cls, NodeId whole, const At& at) {
  for (NodeId n = cls; n != kNoNode; n = tree.node(n).parent) {
    const double v = at(n);
    if (!IsMissing(v)) return v;
  }
  return at(whole);
}

}  // namespace

const Panel::Column& Panel::EmptyColumn() {
  static const Column empty;
  return empty;
}

Panel::Builder::Builder(std::shared_ptr<const Catalog> catalog,
                        const std::vector<StoredEnterprise>& enterprises)
    : panel_(new Panel), raw_(new Raw) {
  panel_->catalog_ = std::move(catalog);
  SetEnterprises(enterprises);
  raw_->by_indicator.resize(panel_->catalog_->indicators().size());
}

void Panel::Builder::SetEnterprises(const std::vector<StoredEnterprise>& enterprises) {
  const Catalog& cat = *panel_->catalog_;
  auto list = std::make_shared<std::vector<PanelEnterprise>>();
  list->reserve(enterprises.size());
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
    list->push_back(std::move(e));
  }
  // Order enterprises by region, then industry, so that roll-ups touch memory in sequence.
  auto key = [&cat](const PanelEnterprise& e) {
    int32_t r = e.region == kNoNode ? -1 : cat.regions().node(e.region).tin;
    int32_t i = e.industry == kNoNode ? -1 : cat.industries().node(e.industry).tin;
    return std::tuple(r, i, e.id);
  };
  std::sort(list->begin(), list->end(),
            [&](const auto& a, const auto& b) { return key(a) < key(b); });
  auto by_uscc = std::make_shared<std::unordered_map<std::string, uint32_t>>();
  for (uint32_t i = 0; i < list->size(); ++i) (*by_uscc)[(*list)[i].uscc] = i;
  panel_->enterprise_list_ = std::move(list);
  panel_->enterprises_data_ = panel_->enterprise_list_->data();
  panel_->num_enterprises_ = panel_->enterprise_list_->size();
  panel_->by_uscc_ = std::move(by_uscc);
  IndexEnterprises();
}

// A column in a new enterprise order: moved[old index] = new index; enterprises that are new
// have no figures (kMissing in the dense values, absent from the sparse ones).
std::shared_ptr<const Panel::Column> Panel::Builder::Remap(const Panel::Column& c,
                                                           const std::vector<uint32_t>& moved,
                                                           size_t n) {
  auto out = std::make_shared<Panel::Column>();
  out->cells = c.cells;
  if (!c.value.empty()) {
    out->value.assign(n, kMissing);
    for (size_t e = 0; e < c.value.size(); ++e) out->value[moved[e]] = c.value[e];
  }
  const std::pair<const SparseColumn*, SparseColumn*> sparse[] = {
      {&c.ytd_fix, &out->ytd_fix}, {&c.prior, &out->prior}, {&c.prior_ytd, &out->prior_ytd}};
  for (const auto& [from, to] : sparse) {
    std::vector<std::pair<uint32_t, double>> cells;
    cells.reserve(from->size());
    for (size_t i = 0; i < from->size(); ++i) {
      cells.emplace_back(moved[from->index[i]], from->value[i]);
    }
    std::sort(cells.begin(), cells.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    to->index.reserve(cells.size());
    to->value.reserve(cells.size());
    for (const auto& [e, v] : cells) {
      to->index.push_back(e);
      to->value.push_back(v);
    }
  }
  return out;
}

void Panel::Builder::IndexEnterprises() {
  Panel& p = *panel_;
  EnterpriseId max_id = 0;
  for (size_t i = 0; i < p.num_enterprises_; ++i)
    max_id = std::max(max_id, p.enterprises_data_[i].id);
  auto index = std::make_shared<std::vector<int32_t>>(static_cast<size_t>(max_id) + 1, -1);
  for (size_t i = 0; i < p.num_enterprises_; ++i) {
    const EnterpriseId id = p.enterprises_data_[i].id;
    if (id >= 0) (*index)[static_cast<size_t>(id)] = static_cast<int32_t>(i);
  }
  p.index_of_ = std::move(index);
}

Result<std::unique_ptr<Panel::Builder>> Panel::Builder::Apply(
    const Panel& previous, const std::vector<std::pair<std::string, Period>>& touched,
    const std::vector<StoredEnterprise>* enterprises) {
  std::unique_ptr<Builder> b(new Builder);
  b->previous_ = &previous;
  b->panel_.reset(new Panel);
  b->raw_ = std::make_unique<Raw>();
  Panel& p = *b->panel_;
  p.catalog_ = previous.catalog_;
  const Catalog& cat = *p.catalog_;
  b->raw_->by_indicator.resize(cat.indicators().size());
  // moved[old index] = new index, when the enterprises changed.
  std::vector<uint32_t> moved;
  if (enterprises == nullptr) {
    p.enterprise_list_ = previous.enterprise_list_;
    p.enterprises_data_ = previous.enterprises_data_;
    p.num_enterprises_ = previous.num_enterprises_;
    p.by_uscc_ = previous.by_uscc_;
    // The same list in the same order: the same index (issue 11: made again for every batch,
    // half a million entries, it was about 3 % of a serving instance under load).
    p.index_of_ = previous.index_of_;
    if (p.index_of_ == nullptr) b->IndexEnterprises();
  } else {
    b->SetEnterprises(*enterprises);
    b->enterprises_changed_ = true;
    moved.resize(previous.num_enterprises_);
    for (size_t e = 0; e < previous.num_enterprises_; ++e) {
      const auto id = static_cast<size_t>(previous.enterprises_data_[e].id);
      const std::vector<int32_t>& index_of = *p.index_of_;
      if (id >= index_of.size() || index_of[id] < 0) {
        return Status::Precondition("an enterprise of the previous panel is gone");
      }
      moved[e] = static_cast<uint32_t>(index_of[id]);
    }
  }
  // The period range: the previous one, extended to the new batches' later months.
  Period first = previous.first_, last = previous.last_period();
  bool any = !previous.empty();
  for (const auto& [code, period] : touched) {
    if (any && period < first)
      return Status::Precondition("a new batch reaches before the panel's first period");
    first = any ? first : period;
    last = any ? std::max(last, period) : period;
    any = true;
  }
  p.first_ = first;
  p.num_periods_ = any ? last - first + 1 : 0;
  p.columns_.assign(cat.indicators().size(),
                    std::vector<ColumnPtr>(static_cast<size_t>(p.num_periods_)));
  for (size_t ind = 0; ind < previous.columns_.size() && ind < p.columns_.size(); ++ind) {
    // Scaled indicators are scaled again in Finish when the enterprises (their rates) changed.
    if (b->enterprises_changed_ && cat.indicators()[ind].scaled()) continue;
    for (size_t t = 0; t < previous.columns_[ind].size(); ++t) {
      const ColumnPtr& c = previous.columns_[ind][t];
      p.columns_[ind][static_cast<size_t>(previous.first_ - first) + t] =
          c == nullptr || moved.empty() ? c : Remap(*c, moved, p.num_enterprises_);
    }
  }
  // Each touched column re-resolves its indicator's year from January (or the first period)
  // to December (or the last period).
  b->redo_.assign(cat.indicators().size(),
                  std::vector<bool>(static_cast<size_t>(p.num_periods_), false));
  // The raw columns the previous panel kept, while enterprise indices mean the same.
  std::map<RawKey, RawColumn> held;
  if (enterprises == nullptr) {
    b->kept_ = std::make_unique<Kept>();
    b->patches_ = std::make_unique<Patches>();
    b->patches_->read.assign(cat.indicators().size(),
                             std::vector<char>(static_cast<size_t>(p.num_periods_), 0));
    if (previous.raw_kept_ != nullptr) {
      std::lock_guard<std::mutex> lock(previous.raw_kept_->mu);
      held.swap(previous.raw_kept_->columns);
    }
  }
  const std::set<std::pair<std::string, Period>> written(touched.begin(), touched.end());
  for (const auto& [code, period] : touched) {
    const int ind = cat.FindIndicator(code);
    if (ind < 0 || cat.indicators()[static_cast<size_t>(ind)].derived() ||
        cat.indicators()[static_cast<size_t>(ind)].scaled()) {
      return Status::Internal("store holds observations of unknown indicator '" + code + "'");
    }
    const Period from = std::max(first, MakePeriod(PeriodYear(period), 1));
    const Period to = std::min(last, MakePeriod(PeriodYear(period), 12));
    for (Period t = from; t <= to; ++t) {
      auto flag = b->redo_[static_cast<size_t>(ind)][static_cast<size_t>(t - first)];
      if (flag) continue;
      flag = true;
      auto h = held.find({static_cast<size_t>(ind), t});
      if (h == held.end()) {
        b->resolve_.emplace_back(code, t);
        if (b->patches_ != nullptr) b->patches_->read[static_cast<size_t>(ind)][t - first] = 1;
        continue;
      }
      if (!h->second.value.empty()) b->raw_->by_indicator[ind][t] = std::move(h->second);
      held.erase(h);
      if (written.count({code, t}) > 0) b->refresh_.emplace_back(code, t);
    }
  }
  if (b->kept_ != nullptr) b->kept_->before = std::move(held);
  std::sort(b->resolve_.begin(), b->resolve_.end());
  std::sort(b->refresh_.begin(), b->refresh_.end());
  return b;
}

Panel::Builder::~Builder() = default;

Status Panel::Builder::Add(const ObservationChunk& chunk) {
  int ind = panel_->catalog_->FindIndicator(chunk.indicator);
  if (ind < 0 || panel_->catalog_->indicators()[ind].derived() ||
      panel_->catalog_->indicators()[ind].scaled()) {
    return Status::Internal("store holds observations of unknown indicator '" + chunk.indicator +
                            "'");
  }
  // A chunk on a kept raw column: what it replaces is noted for PatchRange.
  std::map<uint32_t, panel_internal::RawCell>* replaced = nullptr;
  if (previous_ != nullptr) {
    const std::pair<std::string, Period> column(chunk.indicator, chunk.period);
    const bool refreshing = std::binary_search(refresh_.begin(), refresh_.end(), column);
    if (!refreshing && !std::binary_search(resolve_.begin(), resolve_.end(), column)) {
      return Status::Internal("a chunk of a column that is not re-resolved was given");
    }
    if (refreshing && patches_ != nullptr)
      replaced = &patches_->replaced[{static_cast<size_t>(ind), chunk.period}];
  }
  const size_t n = panel_->num_enterprises_;
  const std::vector<int32_t>& index_of = *panel_->index_of_;
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
    if (id < 0 || static_cast<size_t>(id) >= index_of.size() ||
        index_of[static_cast<size_t>(id)] < 0) {
      return Status::Internal("store holds observations of unknown enterprise id " +
                              std::to_string(id));
    }
    const auto e = static_cast<uint32_t>(index_of[static_cast<size_t>(id)]);
    if (replaced != nullptr) {
      const bool prior = !col.prior.empty();
      replaced->try_emplace(
          e, panel_internal::RawCell{col.value[e], col.ytd[e], prior ? col.prior[e] : kMissing,
                                     prior ? col.prior_ytd[e] : kMissing});
    }
    col.value[e] = chunk.value[i];
    col.ytd[e] = chunk.ytd[i];
    if (!col.prior.empty()) {
      col.prior[e] = chunk.prior[i];
      col.prior_ytd[e] = chunk.prior_ytd[i];
    }
  }
  return Status::Ok();
}

void Panel::Builder::ResolveRange(size_t ind, Period from, Period to) {
  Panel& p = *panel_;
  const size_t n = p.num_enterprises_;
  const bool stock = p.catalog_->indicators()[ind].kind == IndicatorKind::kStock;
  auto& raw = raw_->by_indicator[ind];
  std::vector<double> running(n), prior_running(n);
  for (Period t = from; t <= to; ++t) {
    Column out;
    auto it = raw.find(t);
    Raw::Col* rc = it == raw.end() ? nullptr : &it->second;
    const bool january = PeriodMonth(t) == 1;
    const double start = january ? 0.0 : kMissing;
    // `from` is January or the panel's first period: the running figures start afresh there.
    const bool restart = january || t == from;
    if (rc != nullptr) out.value.assign(n, kMissing);
    for (size_t e = 0; e < n; ++e) {
      const double prev = restart ? start : running[e];
      const double rv = rc ? rc->value[e] : kMissing, ry = rc ? rc->ytd[e] : kMissing;
      const panel_internal::Resolved r = panel_internal::ResolveMonth(stock, prev, rv, ry);
      if (rc) out.value[e] = r.value;
      if (r.fix) {
        out.ytd_fix.index.push_back(static_cast<uint32_t>(e));
        out.ytd_fix.value.push_back(r.ytd);
      }
      if (!stock) running[e] = r.ytd;
      out.cells += r.cell;
    }
    bool has_prior = rc != nullptr && !rc->prior.empty();
    for (size_t e = 0; e < n; ++e) {
      const double prev = restart ? start : prior_running[e];
      const double rp = has_prior ? rc->prior[e] : kMissing,
                   rpy = has_prior ? rc->prior_ytd[e] : kMissing;
      const auto [pv, py] = panel_internal::ResolvePriorMonth(stock, prev, rp, rpy);
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
    if (kept_ != nullptr) {
      kept_->now[{ind, t}] = rc != nullptr ? std::move(*rc) : RawColumn{};
    } else if (rc) {
      // Free the raw column as soon as it is resolved to keep the peak low.
      std::vector<double>().swap(rc->value);
      std::vector<double>().swap(rc->ytd);
      std::vector<double>().swap(rc->prior);
      std::vector<double>().swap(rc->prior_ytd);
    }
    const bool empty = out.value.empty() && out.ytd_fix.size() == 0 && out.prior.size() == 0 &&
                       out.prior_ytd.size() == 0 && out.cells == 0;
    p.columns_[ind][static_cast<size_t>(t - p.first_)] =
        empty ? nullptr : std::make_shared<const Column>(std::move(out));
  }
}

std::unique_ptr<Panel> Panel::Builder::Finish() {
  Panel& p = *panel_;
  const auto& indicators = p.catalog_->indicators();
  std::vector<bool> rescale(indicators.size(), false);
  if (previous_ == nullptr) {
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
    p.columns_.assign(indicators.size(),
                      std::vector<ColumnPtr>(static_cast<size_t>(p.num_periods_)));
    for (size_t ind = 0; ind < indicators.size(); ++ind) {
      if (raw_->by_indicator[ind].empty()) continue;
      // One pass over all periods: the running figures restart every January by themselves.
      ResolveRange(ind, first, last);
      rescale[ind] = true;
    }
  } else {
    // Incremental: each run of flagged periods starts in January or at the first period.
    for (size_t ind = 0; ind < indicators.size(); ++ind) {
      const auto& redo = redo_[ind];
      for (size_t t = 0; t < redo.size();) {
        if (!redo[t]) {
          ++t;
          continue;
        }
        size_t end = t;
        while (end + 1 < redo.size() && redo[end + 1]) ++end;
        const Period from = p.first_ + static_cast<Period>(t);
        const Period to = p.first_ + static_cast<Period>(end);
        if (!PatchRange(ind, from, to)) ResolveRange(ind, from, to);
        rescale[ind] = true;
        t = end + 1;
      }
    }
  }
  raw_.reset();
  patches_.reset();
  if (kept_ != nullptr) {
    // Those resolved now first, then the previous panel's others, within the budget.
    p.raw_kept_ = std::make_shared<RawKept>();
    size_t bytes = 0;
    for (auto* from : {&kept_->now, &kept_->before}) {
      for (auto& [key, column] : *from) {
        if (bytes + column.bytes() > kRawKeptBytes) continue;
        bytes += column.bytes();
        p.raw_kept_->columns.emplace(key, std::move(column));
      }
    }
    kept_.reset();
  }
  if (enterprises_changed_) {
    // Rates follow the enterprises' classes: every scaled column again.
    for (size_t ind = 0; ind < indicators.size(); ++ind) {
      for (const auto& c : p.columns_[ind]) rescale[ind] = rescale[ind] || c != nullptr;
    }
  }
  BuildScaled(rescale);
  if (previous_ != nullptr && !enterprises_changed_ && previous_->first_ == p.first_)
    p.KeepColumnsOf(*previous_);
  const bool same_periods = previous_ != nullptr && !enterprises_changed_ &&
                            previous_->first_ == p.first_ &&
                            previous_->num_periods_ == p.num_periods_;
  if (same_periods) {
    p.price_slot_ = previous_->price_slot_;
    p.deflators_ = previous_->deflators_;
  } else {
    BuildDeflators();
  }
  return std::move(panel_);
}

namespace {

bool SameRates(const std::vector<VaRateRecord>& a, const std::vector<VaRateRecord>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.industry == y.industry && x.rate == y.rate;
  });
}

}  // namespace

void Panel::Builder::BuildScaled(const std::vector<bool>& rescale) {
  Panel& p = *panel_;
  const Catalog& cat = *p.catalog_;
  const auto& indicators = cat.indicators();
  if (previous_ != nullptr && !enterprises_changed_ && previous_->scale_rates_ != nullptr &&
      SameRates(previous_->scale_rates_->rates, va_rates_))
    p.scale_rates_ = previous_->scale_rates_;
  bool any = false;
  for (size_t ind = 0; ind < indicators.size(); ++ind) {
    if (indicators[ind].scaled())
      any |= rescale[static_cast<size_t>(cat.FindIndicator(indicators[ind].numerator))];
  }
  if (!any) return;
  if (p.scale_rates_ == nullptr) p.scale_rates_ = MakeScaleRates();
  const std::vector<double>& rate = p.scale_rates_->of_enterprise;
  // A rate per enterprise commutes with every derivation (value/ytd, priors): scale the
  // numerator's resolved columns (those resolved now; the others are the previous panel's).
  for (size_t ind = 0; ind < indicators.size(); ++ind) {
    if (!indicators[ind].scaled()) continue;
    const auto num = static_cast<size_t>(cat.FindIndicator(indicators[ind].numerator));
    if (!rescale[num]) continue;
    for (size_t t = 0; t < p.columns_[num].size(); ++t) {
      if (previous_ != nullptr && !enterprises_changed_ && !redo_[num][t]) continue;
      const ColumnPtr& src = p.columns_[num][t];
      if (src == nullptr) {
        p.columns_[ind][t] = nullptr;
        continue;
      }
      auto c = std::make_shared<Column>();
      c->cells = src->cells;
      c->value.resize(src->value.size());
      for (size_t e = 0; e < c->value.size(); ++e) c->value[e] = src->value[e] * rate[e];
      for (auto [from, to] :
           {std::pair{&src->ytd_fix, &c->ytd_fix}, std::pair{&src->prior, &c->prior},
            std::pair{&src->prior_ytd, &c->prior_ytd}}) {
        *to = *from;
        for (size_t i = 0; i < to->size(); ++i) to->value[i] *= rate[to->index[i]];
      }
      p.columns_[ind][t] = std::move(c);
    }
  }
}

std::shared_ptr<const Panel::ScaleRates> Panel::Builder::MakeScaleRates() const {
  const Panel& p = *panel_;
  const Catalog& cat = *p.catalog_;
  const CodeTree& tree = cat.industries();
  std::map<NodeId, double> rate_of;  // node -> rate as a fraction
  for (const auto& r : va_rates_) {
    const NodeId node = cat.FindIndustry(r.industry);
    if (node != kNoNode) rate_of[node] = r.rate / 100.0;
  }
  const auto rate_at = [&](NodeId n) {
    auto it = rate_of.find(n);
    return it == rate_of.end() ? kMissing : it->second;
  };
  // Found once per class (a few thousand) and read per enterprise.
  std::vector<double> node_rate(tree.size());
  for (size_t node = 0; node < tree.size(); ++node)
    node_rate[node] = OwnOrAncestors(tree, static_cast<NodeId>(node), cat.all_industry(), rate_at);
  auto made = std::make_shared<ScaleRates>();
  made->rates = va_rates_;
  std::vector<double>& rate = made->of_enterprise;
  rate.assign(p.num_enterprises_, rate_at(cat.all_industry()));
  for (size_t e = 0; e < rate.size(); ++e) {
    const NodeId n = p.enterprises_data_[e].industry;
    if (n != kNoNode) rate[e] = node_rate[static_cast<size_t>(n)];
  }
  return made;
}

void Panel::Builder::BuildDeflators() {
  Panel& p = *panel_;
  p.price_slot_.clear();
  p.deflators_.clear();
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
  p.price_slot_.assign(p.num_enterprises_, -1);
  for (size_t e = 0; e < p.num_enterprises_; ++e) {
    const NodeId cls = p.enterprises_data_[e].industry;
    if (cls == kNoNode) continue;
    auto [it, inserted] = slot_of.emplace(cls, static_cast<int32_t>(slot_of.size()));
    p.price_slot_[e] = it->second;
    if (!inserted) continue;
    for (int32_t t = 0; t < p.num_periods_; ++t) {
      p.deflators_.push_back(OwnOrAncestors(tree, cls, bcd, [&](NodeId n) {
        auto found = index_at.find(n);
        return found == index_at.end() ? kMissing : found->second[static_cast<size_t>(t)];
      }));
    }
  }
}

double Panel::Deflator(uint32_t e, Period p) const {
  if (deflators_.empty() || !HasPeriod(p) || price_slot_[e] < 0) return kMissing;
  return deflators_[static_cast<size_t>(price_slot_[e]) * static_cast<size_t>(num_periods_) +
                    static_cast<size_t>(p - first_)];
}

int64_t Panel::FindEnterprise(const std::string& uscc) const {
  auto it = by_uscc_->find(uscc);
  return it == by_uscc_->end() ? -1 : static_cast<int64_t>(it->second);
}

const Panel::Column* Panel::Col(int indicator, Period p) const {
  if (!HasPeriod(p) || indicator < 0 || static_cast<size_t>(indicator) >= columns_.size())
    return nullptr;
  const ColumnPtr& c = columns_[static_cast<size_t>(indicator)][static_cast<size_t>(p - first_)];
  return c != nullptr ? c.get() : &EmptyColumn();
}

bool Panel::HasData(int indicator, Period p) const {
  const Column* c = Col(indicator, p);
  return c != nullptr && !c->value.empty();
}

const double* Panel::Values(int indicator, Period p) const {
  const Column* c = Col(indicator, p);
  return c == nullptr || c->value.empty() ? nullptr : c->value.data();
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
    for (const auto& ptr : per_indicator) {
      if (ptr == nullptr) continue;
      const Column& c = *ptr;
      bytes += c.value.capacity() * sizeof(double);
      for (const SparseColumn* s : {&c.ytd_fix, &c.prior, &c.prior_ytd}) {
        bytes += s->index.capacity() * sizeof(uint32_t) + s->value.capacity() * sizeof(double);
      }
    }
  }
  return bytes;
}

int64_t Panel::StoredCells() const {
  int64_t cells = 0;
  for (const auto& per_indicator : columns_) {
    for (const auto& c : per_indicator) cells += c != nullptr ? c->cells : 0;
  }
  return cells;
}

}  // namespace ballast
