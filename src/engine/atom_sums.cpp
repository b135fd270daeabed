#include "engine/atom_sums.h"

#include <algorithm>

#include "engine/block_memo.h"
#include "engine/measure_context.h"
#include "engine/roster.h"

namespace ballast {

namespace {

// The figures of one indicator at one period, loaded once for a pass: Add puts enterprise e's
// into its atom's sums. `real`: deflating every enterprise's months of the year is most of a
// pass, so cells that ask for neither real measure leave it out.
class Adder {
 public:
  Adder(const Panel& panel, int indicator, Period p, SumOptions options)
      : panel_(panel), p_(p), options_(options) {
    const Catalog& cat = panel.catalog();
    const Indicator& ind = cat.indicators()[static_cast<size_t>(indicator)];
    if (ind.kind == IndicatorKind::kRatio) {
      ratio_ = true;
      const int num = cat.FindIndicator(ind.numerator), den = cat.FindIndicator(ind.denominator);
      num_column_ = panel.YtdColumn(num, p);
      den_column_ = panel.YtdColumn(den, p);
      nx_ = Values(num);
      dx_ = Values(den);
      return;
    }
    // A negative share counts over its base indicator's figures.
    const int base =
        ind.kind == IndicatorKind::kNegativeShare ? cat.FindIndicator(ind.numerator) : indicator;
    figures_.Load(panel, base, p, EnterpriseFigures::kAll);
    if (options.real) RealFigures(panel, base, p, &xr_, &yr_);
    window_ = options.windows && ind.kind == IndicatorKind::kFlow;
    if (window_) WindowFigures(panel, base, p, &quarter_, &half_);
  }

  void Add(uint32_t e, CellSums* s) const {
    const int32_t before = s->n;
    if (ratio_) {
      s->AddRatio(nx_[e], dx_[e], (*num_column_)[e], (*den_column_)[e]);
    } else {
      const double x = figures_.x()[e], y = figures_.y()[e], bx = figures_.bx()[e],
                   by = figures_.by()[e];
      s->Add(x, y, bx, by);
      if (options_.real) s->AddReal(x, y, bx, by, xr_[e], yr_[e]);
      if (window_) {
        s->quarter.Add(quarter_.w[e], quarter_.bw[e], quarter_.wr[e]);
        s->half.Add(half_.w[e], half_.bw[e], half_.wr[e]);
      }
    }
    if (options_.roster) AddRoster(panel_.enterprise(e), p_, s->n > before, s);
  }

 private:
  const double* Values(int indicator) {
    const double* v = panel_.Values(indicator, p_);
    if (v != nullptr) return v;
    if (missing_.empty()) missing_.assign(panel_.num_enterprises(), kMissing);
    return missing_.data();
  }

  const Panel& panel_;
  const Period p_;
  const SumOptions options_;
  bool ratio_ = false, window_ = false;
  Panel::SharedColumn num_column_, den_column_;
  const double *nx_ = nullptr, *dx_ = nullptr;
  std::vector<double> missing_;
  EnterpriseFigures figures_;
  std::vector<double> xr_, yr_;
  WindowColumns quarter_, half_;
};

// Room for summing blocks: a slot per atom (all zero between blocks) and the atoms met.
struct Scratch {
  explicit Scratch(int32_t atoms)
      : sums(static_cast<size_t>(atoms)), met(static_cast<size_t>(atoms), 0) {}
  std::vector<CellSums> sums;
  std::vector<char> met;
  std::vector<int32_t> order;
};

// Adds enterprise e to atom a's sums of the block being summed.
void Place(const Adder& adder, uint32_t e, int32_t a, Scratch* scratch) {
  const auto i = static_cast<size_t>(a);
  if (!scratch->met[i]) {
    scratch->met[i] = 1;
    scratch->order.push_back(a);
  }
  adder.Add(e, &scratch->sums[i]);
}

// Hands the block's sums to `take(atom, sums)` in the order the atoms were first met, and
// clears them for the next block.
template <typename Take>
void Flush(Scratch* scratch, const Take& take) {
  for (int32_t a : scratch->order) {
    const auto i = static_cast<size_t>(a);
    take(a, scratch->sums[i]);
    scratch->sums[i] = CellSums{};
    scratch->met[i] = 0;
  }
  scratch->order.clear();
}

// Sums block b's enterprises within [lo, hi) and hands each atom met to `take(atom, sums)` in
// the order first met.
template <typename Take>
void SumBlock(const Adder& adder, uint32_t b, const AtomMap& atom_of, uint32_t lo, uint32_t hi,
              Scratch* scratch, const Take& take) {
  const auto [from, to] = BlockRange(b, lo, hi);
  scratch->order.clear();
  if (to <= from) return;
  const int32_t* atoms = atom_of.Read(from, to);
  for (uint32_t e = from; e < to; ++e) {
    if (atoms[e - from] >= 0) Place(adder, e, atoms[e - from], scratch);
  }
  Flush(scratch, take);
}

}  // namespace

const int32_t* AtomMap::Read(uint32_t from, uint32_t to) const {
  if (table_ != nullptr) return table_->data() + from;
  const size_t b = from / kSumBlock;
  if (made_.size() <= b) made_.resize(b + 1);
  std::vector<int32_t>& block = made_[b];
  if (block.empty()) {
    block.resize(to - from);
    fill_(from, to, block.data());
  }
  return block.data();
}

std::vector<CellSums> BlockSums::Totals(int32_t atoms) const {
  std::vector<CellSums> out(static_cast<size_t>(atoms));
  for (const auto& part : blocks) {
    for (const auto& [a, s] : *part) out[static_cast<size_t>(a)].Merge(s);
  }
  return out;
}

size_t BlockSums::Bytes() const {
  size_t bytes = sizeof(*this) + blocks.size() * sizeof(blocks[0]);
  for (const auto& part : blocks) bytes += part->capacity() * sizeof((*part)[0]);
  return bytes;
}

std::vector<CellSums> SumAtoms(const Panel& panel, int indicator, Period p, const AtomMap& atom_of,
                               int32_t atoms, SumOptions options, uint32_t lo, uint32_t hi) {
  const Adder adder(panel, indicator, p, options);
  Scratch scratch(atoms);
  std::vector<CellSums> out(static_cast<size_t>(atoms));
  for (uint32_t b = FirstBlock(lo); b < EndBlock(lo, hi); ++b) {
    SumBlock(adder, b, atom_of, lo, hi, &scratch,
             [&](int32_t a, const CellSums& s) { out[static_cast<size_t>(a)].Merge(s); });
  }
  return out;
}

std::vector<CellSums> SumAtomsOf(const Panel& panel, int indicator, Period p,
                                 const std::vector<int32_t>& atom_of, int32_t atoms,
                                 SumOptions options, const std::vector<uint32_t>& members) {
  const Adder adder(panel, indicator, p, options);
  Scratch scratch(atoms);
  std::vector<CellSums> out(static_cast<size_t>(atoms));
  auto take = [&](int32_t a, const CellSums& s) { out[static_cast<size_t>(a)].Merge(s); };
  uint32_t block = 0;
  for (uint32_t e : members) {
    if (e / kSumBlock != block) {  // a block's sums are merged before the next block's
      Flush(&scratch, take);
      block = e / kSumBlock;
    }
    if (atom_of[e] >= 0) Place(adder, e, atom_of[e], &scratch);
  }
  Flush(&scratch, take);
  return out;
}

BlockSums SumByBlocks(const Panel& panel, int indicator, Period p, const AtomMap& atom_of,
                      int32_t atoms, SumOptions options, uint32_t lo, uint32_t hi) {
  return ResumBlocks(BlockSums{}, {}, panel, indicator, p, atom_of, atoms, options, lo, hi);
}

BlockSums ResumBlocks(const BlockSums& before, const std::vector<uint32_t>& dirty,
                      const Panel& panel, int indicator, Period p, const AtomMap& atom_of,
                      int32_t atoms, SumOptions options, uint32_t lo, uint32_t hi) {
  const Adder adder(panel, indicator, p, options);
  Scratch scratch(atoms);
  BlockSums out;
  out.first_block = FirstBlock(lo);
  out.blocks = KeepBlocks(
      before.first_block, before.blocks, dirty, out.first_block, EndBlock(lo, hi), [&](uint32_t b) {
        auto part = std::make_shared<BlockSums::Part>();
        SumBlock(adder, b, atom_of, lo, hi, &scratch,
                 [&](int32_t a, const CellSums& s) { part->emplace_back(a, s); });
        return std::shared_ptr<const BlockSums::Part>(std::move(part));
      });
  return out;
}

}  // namespace ballast
