// The passes a Query keeps for the next panel (engine/sums_memo.h): carried over revisions and
// summed again in the blocks of the enterprises that moved, they give to the bit what a fresh
// pass over the new panel gives.
#include "engine/sums_memo.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/atom_sums.h"
#include "engine/query.h"
#include "engine/test_panel_util.h"

namespace ballast {
namespace {

using testing_util::PanelMaker;
using testing_util::Row;

// Every answer the test asks of a query, flattened: of each cell its children by region and by
// industry, the cell with its parent along each, and its enterprises; then `many` at once
// (Query::Cells) along each dimension.
std::vector<std::optional<double>> Answers(const Query& q, const std::vector<CellRef>& cells,
                                           const std::vector<CellRef>& many) {
  const std::vector<Measure> measures = {Measure::kValue,     Measure::kYoy,   Measure::kYtdYoy,
                                         Measure::kContribPp, Measure::kShare, Measure::kN};
  std::vector<std::optional<double>> out;
  auto add = [&](const MeasureRow& r) {
    out.insert(out.end(), r.values.begin(), r.values.end());
    out.push_back(r.n);
  };
  for (const CellRef& c : cells) {
    for (Dimension d : {Dimension::kRegion, Dimension::kIndustry}) {
      auto children = q.Children(c, d, measures);
      EXPECT_TRUE(children.ok());
      for (const ChildRow& r : *children) add(r.row);
      auto cell = q.Cell(c, measures, d);
      EXPECT_TRUE(cell.ok());
      add(*cell);
    }
    auto firms = q.Enterprises(c, measures);
    EXPECT_TRUE(firms.ok());
    for (const ChildRow& r : *firms) add(r.row);
  }
  for (Dimension d : {Dimension::kRegion, Dimension::kIndustry}) {
    for (const auto& row : q.Cells(many, measures, d)) {
      EXPECT_TRUE(row.ok());
      if (row.ok()) add(*row);
    }
  }
  return out;
}

TEST(SumsMemoTest, CarriedPassesEqualFreshOnesAfterRevisions) {
  std::mt19937 rng(20261203);
  std::uniform_real_distribution<double> amount(1, 1000);
  PanelMaker m;
  const char* districts[] = {"410102", "410103", "410302", "411502"};
  const char* classes[] = {"1311", "2611", "3011"};
  const int n = 20000;  // four blocks of 4,096 and a part
  std::vector<std::string> firms;
  for (int i = 0; i < n; ++i) {
    firms.push_back("F" + std::to_string(100000 + i));
    m.Enterprise(firms.back(), districts[rng() % 4], classes[rng() % 3]);
  }
  const std::vector<std::string> months = {"2024-01", "2024-02", "2024-03",
                                           "2025-01", "2025-02", "2025-03"};
  std::vector<Row> rows;
  for (const auto& f : firms) {
    for (const auto& month : months) {
      if (rng() % 7 == 0) continue;
      rows.push_back({f, "electricity", month, amount(rng)});
    }
  }
  m.Batch(rows);
  std::unique_ptr<Panel> panel = m.Make();
  ASSERT_NE(panel, nullptr);
  const Catalog& cat = panel->catalog();
  const int el = cat.FindIndicator("electricity");
  const Period march = *ParsePeriod("2025-03");
  const std::vector<CellRef> cells = {
      {el, march, cat.regions().Find("410000"), cat.all_industry()},
      {el, march, cat.regions().Find("410102"), cat.all_industry()},
      {el, march, cat.regions().Find("410000"), cat.FindIndustry("26")}};
  // Two shapes of many cells: 河南's divisions, and three cities.
  std::vector<CellRef> many;
  for (const char* d : {"13", "26", "30"})
    many.push_back({el, march, cat.regions().Find("410000"), cat.FindIndustry(d)});
  for (const char* city : {"410100", "410300", "411500"})
    many.push_back({el, march, cat.regions().Find(city), cat.all_industry()});
  auto query = std::make_unique<Query>(*panel);
  Answers(*query, cells, many);  // kept for the next panel
  int stale = 0, stale_many = 0;
  for (int step = 0; step < 12; ++step) {
    std::vector<Row> batch;
    const size_t size = 1 + rng() % 2;
    for (size_t i = 0; i < size; ++i) {
      batch.push_back(
          {firms[rng() % firms.size()], "electricity", months[3 + rng() % 3], amount(rng)});
    }
    std::unique_ptr<Panel> next = m.Apply(*panel, batch);
    ASSERT_NE(next, nullptr);
    const auto changes = next->ChangesSince(*panel);
    ASSERT_TRUE(changes.has_value());
    ASSERT_FALSE(changes->enterprises.empty());
    auto carried = std::make_unique<Query>(*next, query.get());  // the same enterprises' places
    carried->CarrySumsFrom(*query, changes->enterprises);
    ASSERT_GT(carried->kept_passes(), 0u) << "step " << step;
    // The same passes carried as if nothing had moved: what the blocks summed again correct.
    Query unmoved(*next);
    unmoved.CarrySumsFrom(*query, {});
    const auto want = Answers(Query(*next), cells, many);
    ASSERT_EQ(Answers(*carried, cells, many), want) << "step " << step;
    stale += Answers(unmoved, cells, many) != want;
    stale_many += Answers(unmoved, {}, many) != Answers(Query(*next), {}, many);
    panel = std::move(next);
    query = std::move(carried);
  }
  // A revision moves March's answers unless it is of an earlier month of a firm that did not
  // report March (its year to date is then missing there): most of them do.
  EXPECT_GE(stale, 6);
  EXPECT_GE(stale_many, 4);  // the many cells' passes are kept too
}

// 9,000 firms of one class in two districts (three blocks of 4,096), with random electricity
// figures in March 2025 and March 2024.
std::unique_ptr<Panel> NineThousandFirms(std::mt19937* rng) {
  std::uniform_real_distribution<double> amount(-50, 1000);
  PanelMaker m;
  std::vector<Row> rows;
  for (int i = 0; i < 9000; ++i) {
    const std::string f = "G" + std::to_string(100000 + i);
    m.Enterprise(f, i % 2 == 0 ? "410102" : "410302", "1311");
    rows.push_back({f, "electricity", "2025-03", amount(*rng)});
    rows.push_back({f, "electricity", "2024-03", amount(*rng)});
  }
  m.Batch(rows);
  return m.Make();
}

// A query made after another takes its enterprises' places only for a panel of the same
// enterprises: after a firm moved to another city (a new list of enterprises, another order), its
// answers are a fresh query's.
TEST(SumsMemoTest, PlacesAreTakenOnlyFromAPanelOfTheSameEnterprises) {
  auto make = [](const char* moved_to) {
    PanelMaker m;
    m.Enterprise("A", "410102", "1311");
    m.Enterprise("B", moved_to, "2611");
    m.Enterprise("C", "410302", "3011");
    m.Batch({{"A", "electricity", "2025-03", 10},
             {"B", "electricity", "2025-03", 200},
             {"C", "electricity", "2025-03", 3000},
             {"A", "electricity", "2024-03", 8},
             {"B", "electricity", "2024-03", 100},
             {"C", "electricity", "2024-03", 2000}});
    return m.Make();
  };
  const auto before = make("410102");
  const auto after = make("411502");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  ASSERT_EQ(&before->catalog(), &after->catalog());
  const Query first(*before);
  const Catalog& cat = after->catalog();
  const int el = cat.FindIndicator("electricity");
  const Period march = *ParsePeriod("2025-03");
  const NodeId henan = cat.regions().Find("410000");
  const std::vector<CellRef> cells = {
      {el, march, henan, cat.all_industry()},
      {el, march, cat.regions().Find("411500"), cat.all_industry()}};
  const Query next(*after, &first);
  const auto want = Answers(Query(*after), cells, cells);
  EXPECT_EQ(Answers(next, cells, cells), want);
  // By hand: 信阳 (411500) holds B alone after the move, 200 against 100 a year before.
  auto xinyang = next.Cell(cells[1], {Measure::kValue, Measure::kYoy}, Dimension::kRegion);
  ASSERT_TRUE(xinyang.ok());
  EXPECT_DOUBLE_EQ(*xinyang->values[0], 200);
  EXPECT_DOUBLE_EQ(*xinyang->values[1], 100);
}

// A pass summed straight (Query::AtomSums, Query::Cells) and one kept by block add the same
// blocks in the same order: the same sums to the bit, so a cell reads the same either way.
TEST(SumsMemoTest, KeptAndStraightPassesAgree) {
  std::mt19937 rng(7);
  auto panel = NineThousandFirms(&rng);
  ASSERT_NE(panel, nullptr);
  const int el = panel->catalog().FindIndicator("electricity");
  const Period march = *ParsePeriod("2025-03");
  std::vector<int32_t> atom_of(panel->num_enterprises());
  for (size_t e = 0; e < atom_of.size(); ++e) atom_of[e] = static_cast<int32_t>(rng() % 5) - 1;
  const auto n = static_cast<uint32_t>(panel->num_enterprises());
  const auto straight = SumAtoms(*panel, el, march, atom_of, 4, {}, 100, n - 7);
  const auto kept = SumByBlocks(*panel, el, march, atom_of, 4, {}, 100, n - 7);
  EXPECT_EQ(kept.blocks.size(), 3u);  // 100..8993 over blocks of 4,096
  const auto totals = kept.Totals(4);
  for (size_t a = 0; a < 4; ++a) {
    EXPECT_GT(straight[a].n, 1000);
    EXPECT_EQ(straight[a].v_sum, totals[a].v_sum);
    EXPECT_EQ(straight[a].mb, totals[a].mb);
    EXPECT_EQ(straight[a].m, totals[a].m);
    EXPECT_EQ(straight[a].neg_v, totals[a].neg_v);
  }
}

// A pass reading only the enterprises with an atom (SumAtomsOf) adds the same blocks in the same
// order as a pass over every enterprise: the same sums to the bit. Members spread over the three
// blocks, some of them listed without an atom (taken as none), the rest of the panel -1.
TEST(SumsMemoTest, MembersPassEqualsTheWholePass) {
  std::mt19937 rng(19);
  auto panel = NineThousandFirms(&rng);
  ASSERT_NE(panel, nullptr);
  const int el = panel->catalog().FindIndicator("electricity");
  const Period march = *ParsePeriod("2025-03");
  const auto n = static_cast<uint32_t>(panel->num_enterprises());
  std::vector<int32_t> atom_of(n, -1);
  std::vector<uint32_t> members;
  for (uint32_t e = 0; e < n; ++e) {
    if (rng() % 7 != 0) continue;  // about 1,300 of 9,000
    atom_of[e] = rng() % 4 == 0 ? -1 : static_cast<int32_t>(rng() % 3);
    members.push_back(e);
  }
  const auto whole = SumAtoms(*panel, el, march, atom_of, 3, {}, 0, n);
  const auto read = SumAtomsOf(*panel, el, march, atom_of, 3, {}, members);
  ASSERT_EQ(read.size(), 3u);
  for (size_t a = 0; a < 3; ++a) {
    EXPECT_GT(whole[a].n, 200);
    EXPECT_EQ(whole[a].n, read[a].n);
    EXPECT_EQ(whole[a].v_sum, read[a].v_sum);  // to the bit: no tolerance
    EXPECT_EQ(whole[a].mb, read[a].mb);
    EXPECT_EQ(whole[a].m, read[a].m);
    EXPECT_EQ(whole[a].neg_v, read[a].neg_v);
  }
  // The same through the query, as the incremental cell rules ask for it.
  Query q(*panel);
  const auto through_query = q.AtomSums(el, march, atom_of, 3, false, false, false, &members);
  for (size_t a = 0; a < 3; ++a) EXPECT_EQ(whole[a].v_sum, through_query[a].v_sum);
}

// A pass summing one block again places that block's enterprises only (the rule is not run for
// the others), and a map placed as the pass reads it gives the sums of the same map as a table.
TEST(SumsMemoTest, PlacedMapReadsOnlyTheBlocksSummed) {
  std::mt19937 rng(11);
  auto panel = NineThousandFirms(&rng);
  ASSERT_NE(panel, nullptr);
  const int el = panel->catalog().FindIndicator("electricity");
  const Period march = *ParsePeriod("2025-03");
  const auto n = static_cast<uint32_t>(panel->num_enterprises());
  std::vector<int32_t> table(n);
  for (uint32_t e = 0; e < n; ++e) table[e] = static_cast<int32_t>(e % 3) - 1;  // -1, 0, 1
  std::vector<uint32_t> placed;  // the enterprises the rule was run for
  const AtomMap lazy([&](uint32_t from, uint32_t to, int32_t* out) {
    for (uint32_t e = from; e < to; ++e) {
      placed.push_back(e);
      out[e - from] = static_cast<int32_t>(e % 3) - 1;
    }
  });
  const BlockSums all = SumByBlocks(*panel, el, march, table, 2, {}, 0, n);
  ASSERT_EQ(all.blocks.size(), 3u);
  const BlockSums again = ResumBlocks(all, {1}, *panel, el, march, lazy, 2, {}, 0, n);
  ASSERT_EQ(placed.size(), size_t{kSumBlock});  // block 1 alone: 4,096 .. 8,191
  EXPECT_EQ(placed.front(), kSumBlock);
  EXPECT_EQ(placed.back(), 2 * kSumBlock - 1);
  EXPECT_NE(again.blocks[1], all.blocks[1]);  // summed again, the others kept
  EXPECT_EQ(again.blocks[0], all.blocks[0]);
  placed.clear();
  const auto straight = SumAtoms(*panel, el, march, table, 2, {}, 0, n);
  const auto lazily = SumAtoms(*panel, el, march, lazy, 2, {}, 0, n);
  // Blocks 0 and 2 placed now; block 1 was placed by ResumBlocks above and is read, not placed.
  EXPECT_EQ(placed.size(), size_t{n - kSumBlock});
  for (size_t a = 0; a < 2; ++a) {
    EXPECT_GT(straight[a].n, 2500);
    EXPECT_EQ(straight[a].n, lazily[a].n);
    EXPECT_EQ(straight[a].v_sum, lazily[a].v_sum);
    EXPECT_EQ(straight[a].m, lazily[a].m);
  }
}

// When the passes kept outgrow the bound, those asked least lately go, not all of them: a day's
// enterprise lists outgrow it together, and throwing out every pass with them made the
// national ones be summed afresh many times a minute (issue 11).
TEST(SumsMemoTest, OutgrownPassesAskedLeastLatelyGo) {
  auto pass = [] {
    auto sums = std::make_shared<BlockSums>();
    sums->blocks.push_back(std::make_shared<BlockSums::Part>(10));
    return std::shared_ptr<const BlockSums>(std::move(sums));
  };
  const size_t one = pass()->Bytes();
  SumsMemo memo(one * 5 / 2);  // room for two passes
  auto key = [](int indicator) {
    SumsMemo::Key k;
    k.indicator = indicator;
    return k;
  };
  memo.Put(key(1), pass());
  memo.Put(key(2), pass());
  ASSERT_TRUE(memo.Find(key(1)).has_value());  // 1 asked after 2
  memo.Put(key(3), pass());
  EXPECT_EQ(memo.size(), 2u);
  EXPECT_TRUE(memo.Find(key(1)).has_value());
  EXPECT_FALSE(memo.Find(key(2)).has_value());
  EXPECT_TRUE(memo.Find(key(3)).has_value());
  // Carried to the next panel in the same order (3, then 1): putting 2 back drops 1.
  SumsMemo next(one * 5 / 2);
  next.CarryFrom(memo, {});
  EXPECT_EQ(next.size(), 2u);
  next.Put(key(2), pass());
  EXPECT_FALSE(next.Find(key(1)).has_value());
  EXPECT_TRUE(next.Find(key(3)).has_value());
}

}  // namespace
}  // namespace ballast
