// The columns a panel derives from its stored ones and keeps: year-to-date figures and the bases
// (上年同期) of the monthly and cumulative figures. A snapshot's answers ask the same few again and
// again; each is read in place (a shared pointer), not copied, by every cell pass.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include "engine/panel.h"

namespace ballast {

namespace {

void Patch(const SparseColumn& fix, std::vector<double>* out) {
  for (size_t i = 0; i < fix.size(); ++i) (*out)[fix.index[i]] = fix.value[i];
}

}  // namespace

struct Panel::KeptColumns {
  // Nationally a column is 4.5 MB; an evaluation walks three indicators' 25 months back, a ytd
  // and two bases each (about 1 GB when all are read), and a smaller budget emptied the memo
  // several times per evaluation.
  static constexpr size_t kBudgetBytes = size_t{1} << 30;
  enum Kind { kYtd, kBaseValues, kBaseYtd };
  struct Key {
    Kind kind;
    int indicator;
    Period p;
    bool operator<(const Key& o) const {
      return std::tie(kind, indicator, p) < std::tie(o.kind, o.indicator, o.p);
    }
  };
  std::mutex mu;
  std::map<Key, SharedColumn> columns;
  size_t bytes = 0;
  SharedColumn missing;  // kMissing throughout: every column before the first month

  SharedColumn Missing(size_t n) {
    std::lock_guard<std::mutex> lock(mu);
    if (missing == nullptr) missing = std::make_shared<const std::vector<double>>(n, kMissing);
    return missing;
  }

  SharedColumn Find(const Key& key) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = columns.find(key);
    return it == columns.end() ? nullptr : it->second;
  }
  void Put(const Key& key, SharedColumn column) {
    const size_t size = column->size() * sizeof(double);
    std::lock_guard<std::mutex> lock(mu);
    if (bytes + size > kBudgetBytes) {  // full: start again (holders keep theirs alive)
      columns.clear();
      bytes = 0;
    }
    if (columns.emplace(key, std::move(column)).second) bytes += size;
  }
};

Panel::Panel() : kept_columns_(std::make_shared<KeptColumns>()) {}

Panel::SharedColumn Panel::YtdColumn(int indicator, Period p) const {
  if (!HasPeriod(p))
    return kept_columns_->Missing(num_enterprises_);  // a base before the first month
  if (auto kept = kept_columns_->Find({KeptColumns::kYtd, indicator, p})) return kept;
  // Start from the latest month of the year already summed, and keep every month summed on the
  // way: callers walk the months back from the latest.
  const Period start = std::max(first_, MakePeriod(PeriodYear(p), 1));
  std::vector<double> running;
  Period from = start;
  for (Period q = p - 1; q >= start; --q) {
    if (auto kept = kept_columns_->Find({KeptColumns::kYtd, indicator, q})) {
      running = *kept;
      from = q + 1;
      break;
    }
  }
  SharedColumn made;
  for (Period q = from; q <= p; ++q) {
    YtdStep(indicator, q, &running);
    made = std::make_shared<const std::vector<double>>(running);
    kept_columns_->Put({KeptColumns::kYtd, indicator, q}, made);
  }
  return made;
}

Panel::SharedColumn Panel::BaseValuesColumn(int indicator, Period p) const {
  const KeptColumns::Key key{KeptColumns::kBaseValues, indicator, p};
  if (auto kept = kept_columns_->Find(key)) return kept;
  std::vector<double> out;
  const double* v = Values(indicator, p - 12);
  if (v == nullptr)
    out.assign(num_enterprises_, kMissing);
  else
    out.assign(v, v + num_enterprises_);
  if (const Column* c = Col(indicator, p)) Patch(c->prior, &out);
  auto made = std::make_shared<const std::vector<double>>(std::move(out));
  kept_columns_->Put(key, made);
  return made;
}

Panel::SharedColumn Panel::BaseYtdColumn(int indicator, Period p) const {
  const Column* c = Col(indicator, p);
  if (c == nullptr || c->prior_ytd.size() == 0) return YtdColumn(indicator, p - 12);
  const KeptColumns::Key key{KeptColumns::kBaseYtd, indicator, p};
  if (auto kept = kept_columns_->Find(key)) return kept;
  std::vector<double> out = *YtdColumn(indicator, p - 12);
  Patch(c->prior_ytd, &out);
  auto made = std::make_shared<const std::vector<double>>(std::move(out));
  kept_columns_->Put(key, made);
  return made;
}

void Panel::Ytd(int indicator, Period p, std::vector<double>* out) const {
  *out = *YtdColumn(indicator, p);
}

void Panel::BaseValues(int indicator, Period p, std::vector<double>* out) const {
  *out = *BaseValuesColumn(indicator, p);
}

void Panel::BaseYtd(int indicator, Period p, std::vector<double>* out) const {
  *out = *BaseYtdColumn(indicator, p);
}

void Panel::YtdStep(int indicator, Period p, std::vector<double>* running) const {
  const size_t n = num_enterprises_;
  if (!HasPeriod(p)) {
    running->assign(n, kMissing);
    return;
  }
  const Column* c = Col(indicator, p);
  if (catalog_->indicators()[static_cast<size_t>(indicator)].kind == IndicatorKind::kStock) {
    if (c->value.empty())
      running->assign(n, kMissing);
    else
      running->assign(c->value.begin(), c->value.end());
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

bool Panel::SameColumns(const Panel& previous, size_t indicator, Period from, Period to) const {
  for (Period q = std::max(first_, from); q <= to; ++q) {
    if (columns_[indicator][static_cast<size_t>(q - first_)] !=
        previous.columns_[indicator][static_cast<size_t>(q - previous.first_)])
      return false;
  }
  return true;
}

void Panel::KeepColumnsOf(const Panel& previous) {
  std::lock_guard<std::mutex> lock(previous.kept_columns_->mu);
  for (const auto& [key, column] : previous.kept_columns_->columns) {
    const auto ind = static_cast<size_t>(key.indicator);
    if (!HasPeriod(key.p) || ind >= columns_.size() || ind >= previous.columns_.size()) continue;
    // What each column is made of: the months of its year to p (a ytd), or the month itself and
    // the months its base is read from.
    const Period january = MakePeriod(PeriodYear(key.p), 1);
    bool same = false;
    switch (key.kind) {
      case KeptColumns::kYtd:
        same = SameColumns(previous, ind, january, key.p);
        break;
      case KeptColumns::kBaseValues:
        same = SameColumns(previous, ind, key.p, key.p) &&
               SameColumns(previous, ind, key.p - 12, key.p - 12);
        break;
      case KeptColumns::kBaseYtd:
        same = SameColumns(previous, ind, key.p, key.p) &&
               SameColumns(previous, ind, january - 12, key.p - 12);
        break;
    }
    if (!same) continue;
    kept_columns_->columns.emplace(key, column);
    kept_columns_->bytes += column->size() * sizeof(double);
  }
}

size_t Panel::KeptYtdColumns() const {
  std::lock_guard<std::mutex> lock(kept_columns_->mu);
  return static_cast<size_t>(
      std::count_if(kept_columns_->columns.begin(), kept_columns_->columns.end(),
                    [](const auto& kv) { return kv.first.kind == KeptColumns::kYtd; }));
}

}  // namespace ballast
