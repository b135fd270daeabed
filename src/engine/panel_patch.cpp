// Panel::Builder::PatchRange: a revision of a few enterprises' figures applied to the previous
// panel's columns. A column's cells of one enterprise depend on that enterprise's raw figures
// alone (its months since January), so the enterprises no new chunk wrote keep their cells; the
// ones written are resolved again from January by the same steps as a full resolution
// (engine/panel_resolve.h), before and after the chunks, and only the months where they differ
// get a new column. A revision of November thus copies one column instead of resolving eleven,
// and the months before it stay the very same objects (their kept year-to-date columns too).
#include <algorithm>
#include <bit>
#include <cstdint>

#include "engine/panel_resolve.h"

namespace ballast {

namespace {

using panel_internal::RawCell;
using panel_internal::RawColumn;
using panel_internal::Resolved;

// What a month of one enterprise contributes to a column.
struct Cells {
  Resolved r;
  double prior = kMissing, prior_ytd = kMissing;
};

// Bit for bit: the missing marker is a NaN, which equals nothing by value.
bool SameBits(double a, double b) {
  return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

// Whether two resolutions leave the same cells in a column (dense values only where it has them).
bool SameCells(const Cells& a, const Cells& b, bool dense) {
  if (dense && !SameBits(a.r.value, b.r.value)) return false;
  if (a.r.fix != b.r.fix || (a.r.fix && !SameBits(a.r.ytd, b.r.ytd))) return false;
  if (IsMissing(a.prior) != IsMissing(b.prior) ||
      (!IsMissing(a.prior) && !SameBits(a.prior, b.prior)))
    return false;
  if (IsMissing(a.prior_ytd) != IsMissing(b.prior_ytd) ||
      (!IsMissing(a.prior_ytd) && !SameBits(a.prior_ytd, b.prior_ytd)))
    return false;
  return a.r.cell == b.r.cell;
}

// `from` with the listed enterprises' entries replaced: (enterprise, present, value), sorted by
// enterprise; one merge, however many there are.
SparseColumn Merged(const SparseColumn& from,
                    const std::vector<std::tuple<uint32_t, bool, double>>& set) {
  SparseColumn out;
  out.index.reserve(from.size() + set.size());
  out.value.reserve(from.size() + set.size());
  size_t i = 0;
  for (const auto& [e, present, v] : set) {
    for (; i < from.size() && from.index[i] < e; ++i) {
      out.index.push_back(from.index[i]);
      out.value.push_back(from.value[i]);
    }
    if (i < from.size() && from.index[i] == e) ++i;
    if (present) {
      out.index.push_back(e);
      out.value.push_back(v);
    }
  }
  for (; i < from.size(); ++i) {
    out.index.push_back(from.index[i]);
    out.value.push_back(from.value[i]);
  }
  return out;
}

}  // namespace

bool Panel::Builder::PatchRange(size_t ind, Period from, Period to) {
  Panel& p = *panel_;
  if (patches_ == nullptr || kept_ == nullptr || previous_ == nullptr ||
      previous_->first_ != p.first_ || to > previous_->last_period())
    return false;
  const size_t n = p.num_enterprises_;
  const auto slot = [&](Period t) { return static_cast<size_t>(t - p.first_); };
  // Every month of the range from the kept raw figures (none read from the store again).
  for (Period t = from; t <= to; ++t) {
    if (patches_->read[ind][slot(t)]) return false;
  }
  std::vector<uint32_t> written;
  for (Period t = from; t <= to; ++t) {
    auto it = patches_->replaced.find({ind, t});
    if (it == patches_->replaced.end()) continue;
    for (const auto& [e, cell] : it->second) written.push_back(e);
  }
  std::sort(written.begin(), written.end());
  written.erase(std::unique(written.begin(), written.end()), written.end());
  // A revision of a large part of the column: resolving it whole is as quick.
  if (written.size() > n / 8 + 16) return false;

  const bool stock = p.catalog_->indicators()[ind].kind == IndicatorKind::kStock;
  auto& raw = raw_->by_indicator[ind];
  const size_t months = static_cast<size_t>(to - from) + 1;
  std::vector<RawColumn*> raw_at(months, nullptr);
  std::vector<const std::map<uint32_t, RawCell>*> replaced_at(months, nullptr);
  for (size_t k = 0; k < months; ++k) {
    const Period t = from + static_cast<Period>(k);
    if (auto it = raw.find(t); it != raw.end()) raw_at[k] = &it->second;
    if (auto it = patches_->replaced.find({ind, t}); it != patches_->replaced.end())
      replaced_at[k] = &it->second;
  }
  // Each written enterprise resolved from the raw figures before the chunks and after them.
  std::vector<Cells> before(written.size() * months), after(written.size() * months);
  for (size_t w = 0; w < written.size(); ++w) {
    const uint32_t e = written[w];
    double running[2] = {0, 0}, prior_running[2] = {0, 0};
    for (size_t k = 0; k < months; ++k) {
      const Period t = from + static_cast<Period>(k);
      const bool january = PeriodMonth(t) == 1;
      const bool restart = january || k == 0;
      const double start = january ? 0.0 : kMissing;
      RawCell now;
      if (const RawColumn* rc = raw_at[k]; rc != nullptr) {
        now.value = rc->value[e];
        now.ytd = rc->ytd[e];
        if (!rc->prior.empty()) {
          now.prior = rc->prior[e];
          now.prior_ytd = rc->prior_ytd[e];
        }
      }
      RawCell was = now;
      if (replaced_at[k] != nullptr) {
        if (auto it = replaced_at[k]->find(e); it != replaced_at[k]->end()) was = it->second;
      }
      const RawCell* cells[2] = {&was, &now};
      Cells* out[2] = {&before[w * months + k], &after[w * months + k]};
      for (int v = 0; v < 2; ++v) {
        const double prev = restart ? start : running[v];
        out[v]->r = panel_internal::ResolveMonth(stock, prev, cells[v]->value, cells[v]->ytd);
        if (!stock) running[v] = out[v]->r.ytd;
        const double pprev = restart ? start : prior_running[v];
        const auto [pv, py] =
            panel_internal::ResolvePriorMonth(stock, pprev, cells[v]->prior, cells[v]->prior_ytd);
        prior_running[v] = py;
        out[v]->prior = pv;
        out[v]->prior_ytd = py;
      }
    }
  }
  for (size_t k = 0; k < months; ++k) {
    const Period t = from + static_cast<Period>(k);
    RawColumn* rc = raw_at[k];
    const ColumnPtr& was = previous_->columns_[ind][slot(t)];
    const Column& old = was != nullptr ? *was : EmptyColumn();
    // A kept raw column with no rows before: the chunks give the month data (dense values).
    const bool dense = rc != nullptr;
    bool same = dense == !old.value.empty();
    for (size_t w = 0; same && w < written.size(); ++w)
      same = SameCells(before[w * months + k], after[w * months + k], dense);
    kept_->now[{ind, t}] = rc != nullptr ? std::move(*rc) : RawColumn{};
    if (same) {  // the previous panel's column stays (Apply put it there)
      redo_[ind][slot(t)] = false;
      continue;
    }
    auto c = std::make_shared<Column>();
    c->cells = old.cells;
    if (dense) {
      if (old.value.empty()) {
        c->value.assign(n, kMissing);
      } else {
        c->value = old.value;
      }
    }
    std::vector<std::tuple<uint32_t, bool, double>> fix, prior, prior_ytd;
    for (size_t w = 0; w < written.size(); ++w) {
      const uint32_t e = written[w];
      const Cells &b = before[w * months + k], &a = after[w * months + k];
      if (dense) c->value[e] = a.r.value;
      fix.emplace_back(e, a.r.fix, a.r.ytd);
      prior.emplace_back(e, !IsMissing(a.prior), a.prior);
      prior_ytd.emplace_back(e, !IsMissing(a.prior_ytd), a.prior_ytd);
      c->cells += static_cast<int64_t>(a.r.cell) - static_cast<int64_t>(b.r.cell);
    }
    c->ytd_fix = Merged(old.ytd_fix, fix);
    c->prior = Merged(old.prior, prior);
    c->prior_ytd = Merged(old.prior_ytd, prior_ytd);
    const bool empty = c->value.empty() && c->ytd_fix.size() == 0 && c->prior.size() == 0 &&
                       c->prior_ytd.size() == 0 && c->cells == 0;
    p.columns_[ind][slot(t)] = empty ? nullptr : std::move(c);
  }
  return true;
}

}  // namespace ballast
