// Disclosure control of published figures (app/disclosure.h) on a hand-made city, where the
// suppression pattern is known:
//   郑州 410100, output value 2025-03 (万元), all in industry 3311:
//     410102 中原区: 5 firms × 100 = 500      publishable
//     410103 二七区: 2 firms, 60 + 40 = 100   threshold (fewer than 3 contributors)
//     410104 管城区: 5 firms × 100 = 500      publishable
//     410105 金水区: 4 firms × 30 = 120       publishable alone, but 410100 − 中原 − 管城 =
//                                             二七 + 金水 = 220 would give 二七 away: the group
//                                             rule adds the smallest other non-zero child,
//                                             金水 (120), as the secondary suppression.
//   and the other counties hold nothing (0, never sensitive).
//   郑州 in total: 500 + 100 + 500 + 120 = 1220 from 16 firms: publishable.
//   开封 410200:
//     410202 龙亭区: 3 firms, 900 + 50 + 40   dominance (900 / 990 = 90.9 % > 85 %)
//     410203 顺河区: 3 firms × 10 = 30        the complement (smallest non-zero sibling)
//     410204 鼓楼区: 5 firms × 100 = 500      publishable
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "app/analysis.h"
#include "app/ballast.h"
#include "app/nowcast.h"
#include "core/uscc.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

std::string Code(int i) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "91410100MA%07d", i);
  return std::string(first17) + UsccCheckChar(first17);
}

class DisclosureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    b_ = std::move(app::Ballast::Create(dir_.File("s.db"))).value();
    std::string ent = "uscc,name,region,industry,size,tags\n";
    std::string obs = "uscc,period,indicator,value\n";
    int i = 0;
    auto add = [&](const char* region, double value) {
      const std::string code = Code(++i);
      ent += code + ",企业" + std::to_string(i) + "," + region + ",3311,small,\n";
      obs += code + ",2025-03,output_value," + std::to_string(value) + "\n";
    };
    for (int k = 0; k < 5; ++k) add("410102", 100);
    add("410103", 60);
    add("410103", 40);
    for (int k = 0; k < 5; ++k) add("410104", 100);
    for (int k = 0; k < 4; ++k) add("410105", 30);
    add("410202", 900);
    add("410202", 50);
    add("410202", 40);
    for (int k = 0; k < 3; ++k) add("410203", 10);
    for (int k = 0; k < 5; ++k) add("410204", 100);
    ASSERT_EQ(b_->workspace().Import(ent, "e.csv", "t")->status, ingest::ImportStatus::kImported);
    ASSERT_EQ(b_->workspace().Import(obs, "o.csv", "t")->status, ingest::ImportStatus::kImported);
  }

  app::TableAnswer Table(const app::Caller& c, const std::string& region = "410100") {
    app::TableRequest t;
    t.indicator = "output_value";
    t.measures = {"value", "share"};
    t.period = "2025-03";
    t.region = region;
    t.dim = "region";
    auto r = app::QueryTable(*b_, c, t);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : app::TableAnswer{};
  }

  static const app::Row* RowOf(const app::TableAnswer& t, const std::string& code) {
    for (const auto& r : t.rows) {
      if (r.label.code == code) return &r;
    }
    return nullptr;
  }

  TempDir dir_;
  std::unique_ptr<app::Ballast> b_;
  const app::Caller viewer_{"v", auth::Role::kViewer, "", "", "410100"};
  const app::Caller analyst_{"a", auth::Role::kAnalyst, "", "", "410100"};
};

TEST_F(DisclosureTest, PublishedTableSuppressesPrimaryAndSecondaryCells) {
  const app::TableAnswer t = Table(viewer_);
  const std::map<std::string, std::string> expected = {
      {"410102", ""}, {"410103", "threshold"}, {"410104", ""}, {"410105", "secondary"}};
  for (const auto& [code, reason] : expected) {
    const app::Row* r = RowOf(t, code);
    ASSERT_NE(r, nullptr) << code;
    EXPECT_EQ(r->suppressed, reason) << code;
    if (reason.empty()) {
      ASSERT_TRUE(r->values[0].has_value()) << code;
    } else {
      EXPECT_FALSE(r->values[0].has_value()) << code << " publishes its value";
      EXPECT_FALSE(r->values[1].has_value()) << code << " publishes its share";
      EXPECT_FALSE(r->rank.has_value()) << code << " keeps a rank";
    }
  }
  EXPECT_DOUBLE_EQ(*RowOf(t, "410102")->values[0], 500);
  EXPECT_EQ(RowOf(t, "410103")->n, 2);  // the count of reporting enterprises stays
  EXPECT_TRUE(t.parent.row.suppressed.empty());
  EXPECT_DOUBLE_EQ(*t.parent.row.values[0], 1220);
  // An attacker's view: the parent minus the published children leaves the withheld ones as a
  // sum of two unknowns (二七 + 金水 = 220): neither is determined.
  double published = 0;
  int withheld = 0;
  for (const auto& r : t.rows) {
    if (r.values[0]) published += *r.values[0];
    withheld += !r.suppressed.empty();
  }
  EXPECT_DOUBLE_EQ(*t.parent.row.values[0] - published, 100 + 120);
  EXPECT_EQ(withheld, 2);
  // Ranks among the published rows only: 中原 and 管城 tie at 1.
  EXPECT_EQ(RowOf(t, "410102")->rank, 1);
  EXPECT_EQ(RowOf(t, "410104")->rank, 1);
}

TEST_F(DisclosureTest, TheSameCellIsWithheldOnEveryRoute) {
  // 金水 is only a complement in the table; asked alone it must not come out either, or
  // 二七 = 郑州 − 中原 − 管城 − 金水 would follow.
  app::CellRequest c;
  c.indicator = "output_value";
  c.measures = {"value", "yoy"};
  c.period = "2025-03";
  c.region = "410105";
  auto cell = app::QueryCell(*b_, viewer_, c);
  ASSERT_TRUE(cell.ok()) << cell.status().ToString();
  EXPECT_EQ(cell->row.suppressed, "secondary");
  EXPECT_FALSE(cell->row.values[0].has_value());
  app::SeriesRequest s;
  static_cast<app::CellRequest&>(s) = c;
  s.from = "2025-03";
  s.to = "2025-03";
  auto series = app::QuerySeries(*b_, viewer_, s);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(series->points.back().second.suppressed, "secondary");
  app::CellRequest r = c;
  r.region = "410100";
  r.measures = {"value"};
  auto ranking = app::QueryRanking(*b_, viewer_, r);
  ASSERT_TRUE(ranking.ok()) << ranking.status().ToString();
  for (const auto& row : ranking->rows) {
    if (row.label.code == "410105" || row.label.code == "410103") {
      EXPECT_FALSE(row.value.has_value()) << row.label.code;
      EXPECT_FALSE(row.rank.has_value()) << row.label.code;
    }
  }
  // The flash estimate of the cell is a figure of the same enterprises: withheld as well.
  app::NowcastCellRequest n;
  n.period = "2025-03";
  n.region = "410105";
  auto flash = app::NowcastForView(*b_, viewer_, n);
  ASSERT_TRUE(flash.ok()) << flash.status().ToString();
  EXPECT_EQ(flash->suppressed, "secondary");
  EXPECT_FALSE(flash->estimate.yoy.has_value());
  EXPECT_FALSE(flash->expected_error_pp.has_value());
  EXPECT_EQ(flash->estimate.reported_base_share, 0);
}

TEST_F(DisclosureTest, DominanceAndItsComplement) {
  const app::Caller viewer{"v", auth::Role::kViewer, "", "", "410000"};
  const app::TableAnswer t = Table(viewer, "410200");
  EXPECT_EQ(RowOf(t, "410202")->suppressed, "dominance");
  EXPECT_EQ(RowOf(t, "410203")->suppressed, "secondary");
  EXPECT_TRUE(RowOf(t, "410204")->suppressed.empty());
  EXPECT_DOUBLE_EQ(*t.parent.row.values[0], 990 + 30 + 500);
}

TEST_F(DisclosureTest, AnalystsSeeFiguresWithTheMarkers) {
  const app::TableAnswer t = Table(analyst_);
  EXPECT_DOUBLE_EQ(*RowOf(t, "410103")->values[0], 100);
  EXPECT_EQ(RowOf(t, "410103")->would_suppress, "threshold");
  EXPECT_EQ(RowOf(t, "410105")->would_suppress, "secondary");
  EXPECT_TRUE(RowOf(t, "410102")->would_suppress.empty());
  EXPECT_TRUE(RowOf(t, "410103")->suppressed.empty());
}

// Along the industry dimension (the children's contributors gathered in one pass over the
// city): 洛阳 410302 holds division 33 (5 firms × 100 = 500, publishable), 13 (900 + 50 + 40:
// dominance, 900 / 990 = 90.9 % > 85 %) and 26 (2611: 3 firms × 10 = 30, the smallest non-zero
// sibling: the complement). Manufacturing (C) in 洛阳: 500 + 990 + 30 = 1520.
TEST_F(DisclosureTest, IndustrySiblingsOfOneCity) {
  std::string ent = "uscc,name,region,industry,size,tags\n";
  std::string obs = "uscc,period,indicator,value\n";
  int i = 100;
  auto add = [&](const char* industry, double value) {
    const std::string code = Code(++i);
    ent += code + ",洛阳企业" + std::to_string(i) + ",410302," + industry + ",small,\n";
    obs += code + ",2025-03,output_value," + std::to_string(value) + "\n";
  };
  for (int k = 0; k < 5; ++k) add("3311", 100);
  add("1311", 900);
  add("1311", 50);
  add("1311", 40);
  for (int k = 0; k < 3; ++k) add("2611", 10);
  ASSERT_EQ(b_->workspace().Import(ent, "e2.csv", "t")->status, ingest::ImportStatus::kImported);
  ASSERT_EQ(b_->workspace().Import(obs, "o2.csv", "t")->status, ingest::ImportStatus::kImported);
  const app::Caller viewer{"v", auth::Role::kViewer, "", "", "410000"};
  app::TableRequest t;
  t.indicator = "output_value";
  t.measures = {"value"};
  t.period = "2025-03";
  t.region = "410300";
  t.industry = "C";
  t.dim = "industry";
  auto r = app::QueryTable(*b_, viewer, t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_NE(RowOf(*r, "13"), nullptr);
  EXPECT_EQ(RowOf(*r, "13")->suppressed, "dominance");
  EXPECT_EQ(RowOf(*r, "26")->suppressed, "secondary");
  EXPECT_TRUE(RowOf(*r, "33")->suppressed.empty());
  EXPECT_DOUBLE_EQ(*RowOf(*r, "33")->values[0], 500);
  EXPECT_DOUBLE_EQ(*r->parent.row.values[0], 1520);
  // Asked alone, each division says the same.
  for (const auto& [code, reason] :
       std::map<std::string, std::string>{{"13", "dominance"}, {"26", "secondary"}, {"33", ""}}) {
    app::CellRequest c = t;
    c.industry = code;
    auto cell = app::QueryCell(*b_, viewer, c);
    ASSERT_TRUE(cell.ok()) << cell.status().ToString();
    EXPECT_EQ(cell->row.suppressed, reason) << code;
  }
}

}  // namespace
}  // namespace ballast::test
