// Panel::ChangesSince: the columns a batch replaced are compared cell by cell with the earlier
// panel's; the columns it did not touch are the same objects in both and are skipped.
#include <algorithm>
#include <bit>

#include "engine/panel.h"

namespace ballast {

namespace {

bool SameBits(double a, double b) {
  return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

// Marks the enterprises whose value differs between two dense columns (empty = all missing).
void MarkDense(const std::vector<double>& a, const std::vector<double>& b,
               std::vector<char>* mark) {
  if (a.empty() && b.empty()) return;
  for (size_t e = 0; e < mark->size(); ++e) {
    const double x = a.empty() ? kMissing : a[e], y = b.empty() ? kMissing : b[e];
    if (!SameBits(x, y)) (*mark)[e] = 1;
  }
}

// Marks the enterprises listed in one sparse column and not the other, or with another value.
void MarkSparse(const SparseColumn& a, const SparseColumn& b, std::vector<char>* mark) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a.index[i] < b.index[j])) {
      (*mark)[a.index[i++]] = 1;
    } else if (i == a.size() || b.index[j] < a.index[i]) {
      (*mark)[b.index[j++]] = 1;
    } else {
      if (!SameBits(a.value[i], b.value[j])) (*mark)[a.index[i]] = 1;
      ++i;
      ++j;
    }
  }
}

}  // namespace

void PanelChanges::Merge(const PanelChanges& later) {
  std::vector<uint32_t> both;
  both.reserve(enterprises.size() + later.enterprises.size());
  std::set_union(enterprises.begin(), enterprises.end(), later.enterprises.begin(),
                 later.enterprises.end(), std::back_inserter(both));
  enterprises = std::move(both);
  if (data_periods.size() < later.data_periods.size())
    data_periods.resize(later.data_periods.size(), 0);
  for (size_t i = 0; i < later.data_periods.size(); ++i)
    data_periods[i] = static_cast<char>(data_periods[i] || later.data_periods[i]);
}

std::optional<PanelChanges> Panel::ChangesSince(const Panel& before) const {
  if (catalog_ != before.catalog_ || enterprise_list_ != before.enterprise_list_ ||
      first_ != before.first_ || num_periods_ != before.num_periods_ ||
      columns_.size() != before.columns_.size() || price_slot_ != before.price_slot_ ||
      !std::equal(deflators_.begin(), deflators_.end(), before.deflators_.begin(),
                  before.deflators_.end(), SameBits)) {
    return std::nullopt;
  }
  PanelChanges out;
  out.data_periods.assign(columns_.size(), 0);
  std::vector<char> mark(num_enterprises_, 0);
  for (size_t ind = 0; ind < columns_.size(); ++ind) {
    for (size_t t = 0; t < columns_[ind].size(); ++t) {
      const ColumnPtr& a = before.columns_[ind][t];
      const ColumnPtr& b = columns_[ind][t];
      if (a == b) continue;
      const Column& x = a ? *a : EmptyColumn();
      const Column& y = b ? *b : EmptyColumn();
      if (x.value.empty() != y.value.empty()) out.data_periods[ind] = 1;
      MarkDense(x.value, y.value, &mark);
      MarkSparse(x.ytd_fix, y.ytd_fix, &mark);
      MarkSparse(x.prior, y.prior, &mark);
      MarkSparse(x.prior_ytd, y.prior_ytd, &mark);
    }
  }
  for (uint32_t e = 0; e < mark.size(); ++e) {
    if (mark[e]) out.enterprises.push_back(e);
  }
  return out;
}

}  // namespace ballast
