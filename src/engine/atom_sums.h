// Sums over groups of enterprises ("atoms") at one period, made block by block: the enterprises
// are cut into fixed blocks of kSumBlock panel indices, each block's sums are made on their own
// and the blocks added in order. A pass kept this way (BlockSums) is made again for a panel whose
// values changed for a few enterprises by summing again only their blocks (issue 11: a revision
// of one enterprise made every national answer of its indicator pass over 500,000 enterprises),
// and comes out to the bit as a fresh pass over the new panel, since both add the same blocks in
// the same order.
#ifndef BALLAST_ENGINE_ATOM_SUMS_H_
#define BALLAST_ENGINE_ATOM_SUMS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "engine/measures.h"
#include "engine/panel.h"

namespace ballast {

inline constexpr uint32_t kSumBlock = 4096;

// What a pass adds per enterprise: the columns of one indicator and period, read once.
struct SumOptions {
  bool real = false;     // also the sums at comparable prices (CellSums::AddReal)
  bool windows = false;  // also the quarter and half-year sums
  bool roster = false;   // also the roster's counts (AddRoster)
};

// Which atom each enterprise of a pass falls in (-1: none), read block by block: a table made
// beforehand, or a rule run for a block when a pass first reads it. A kept pass that sums one
// block again then places that block's enterprises only, not every enterprise of its region
// (issue 11: a national cell placed 500,000 enterprises to sum the one block a revision moved).
// Read from one thread at a time.
class AtomMap {
 public:
  // Writes the atoms of enterprises [from, to) to out[0, to − from).
  using Fill = std::function<void(uint32_t from, uint32_t to, int32_t* out)>;

  // atom_of[e] for each panel index e; not copied.
  AtomMap(const std::vector<int32_t>& atom_of) : table_(&atom_of) {}  // NOLINT: implicit by design
  explicit AtomMap(Fill fill) : fill_(std::move(fill)) {}

  // The atoms of [from, to), a range within one block (the same range each time the block is
  // read), indexed from `from`.
  const int32_t* Read(uint32_t from, uint32_t to) const;

 private:
  const std::vector<int32_t>* table_ = nullptr;
  Fill fill_;
  mutable std::vector<std::vector<int32_t>> made_;  // by block, once read
};

// One pass: for each block from the range's first, the atoms its enterprises fall in, each with
// their sums (in the order first met).
struct BlockSums {
  using Part = std::vector<std::pair<int32_t, CellSums>>;
  uint32_t first_block = 0;
  std::vector<std::shared_ptr<const Part>> blocks;

  std::vector<CellSums> Totals(int32_t atoms) const;
  size_t Bytes() const;
};

// The sums of the atoms atom_of assigns (-1: none) over the enterprises [lo, hi): each block's
// made on their own, then added in order (as BlockSums::Totals adds them).
std::vector<CellSums> SumAtoms(const Panel& panel, int indicator, Period p, const AtomMap& atom_of,
                               int32_t atoms, SumOptions options, uint32_t lo, uint32_t hi);

// The same over the whole panel, reading only `members` (ascending panel indices; the others
// are taken to have no atom): the same blocks added in the same order, so the same sums to the
// bit, without a pass over every enterprise when a few atoms of few enterprises are asked.
std::vector<CellSums> SumAtomsOf(const Panel& panel, int indicator, Period p,
                                 const std::vector<int32_t>& atom_of, int32_t atoms,
                                 SumOptions options, const std::vector<uint32_t>& members);

// The same, kept by block.
BlockSums SumByBlocks(const Panel& panel, int indicator, Period p, const AtomMap& atom_of,
                      int32_t atoms, SumOptions options, uint32_t lo, uint32_t hi);

// `before` over a panel that differs from the one it was made on only in the figures of the
// enterprises in the blocks `dirty` (sorted block numbers), for the same atoms: those blocks
// summed again, the others kept.
BlockSums ResumBlocks(const BlockSums& before, const std::vector<uint32_t>& dirty,
                      const Panel& panel, int indicator, Period p, const AtomMap& atom_of,
                      int32_t atoms, SumOptions options, uint32_t lo, uint32_t hi);

}  // namespace ballast

#endif  // BALLAST_ENGINE_ATOM_SUMS_H_
