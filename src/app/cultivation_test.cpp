// The cultivation use cases on a real store (SQLite, and PostgreSQL in scripts/pg-test.sh): the
// pool stays off the roster and out of every aggregate, imports are all or nothing and scoped,
// candidates, conversion and stage counts by hand.
#include "app/cultivation.h"

#include <gtest/gtest.h>

#include "app/analysis.h"
#include "app/policy.h"
#include "core/clock.h"
#include "core/uscc.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

std::string Uscc(const std::string& first17) { return first17 + UsccCheckChar(first17); }

const std::string kR1 = Uscc("91410102000000001");  // 郑州, on the roster since ever
const std::string kE1 = Uscc("91410102000000002");  // 郑州, pool 2024-05, roster 2025-03
const std::string kE2 = Uscc("91410302000000003");  // 洛阳, roster 2025-07, never pooled
const std::string kE3 = Uscc("91410102000000004");  // 郑州, pool 2023-06, roster 2024-02
const std::string kP1 = Uscc("91410102000000005");  // 郑州, pool 2024-01
const std::string kP2 = Uscc("91410102000000006");  // 郑州, pool 2025-03
const std::string kP3 = Uscc("91410302000000007");  // 洛阳, pool 2024-06

class CultivationAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions options;
    options.clock = &clock_;
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator(), options));
    ASSERT_OK(b_->Import(admin_,
                         "uscc,name,region,industry,size,entered\n" + kR1 +
                             ",甲,410102,3311,large,\n" + kE1 + ",乙,410102,3311,small,2025-03\n" +
                             kE2 + ",丙,410302,3311,small,2025-07\n" + kE3 +
                             ",丁,410102,3311,small,2024-02\n",
                         "e.csv")
                  .status());
    ASSERT_OK(b_->Import(admin_,
                         "uscc,period,indicator,value\n" + kR1 + ",2025-12,revenue,1000\n" + kE1 +
                             ",2025-12,revenue,2100\n",
                         "o.csv")
                  .status());
  }
  void ImportPool() {
    ASSERT_OK(ImportCultivationFile(
                  *b_, admin_, CultivationImportKind::kPool,
                  "uscc,name,region,industry,joined,tags\n" + kE1 + ",乙,410102,3311,2024-05,\n" +
                      kE3 + ",丁,410102,3311,2023-06,\n" + kP1 +
                      ",戊,410102,3311,2024-01,科技型\n" + kP2 + ",己,410102,2611,2025-03,\n" +
                      kP3 + ",庚,410302,3311,2024-06,\n",
                  "pool.csv")
                  .status());
    std::string rev = "uscc,period,revenue\n";
    for (int m = 1; m <= 12; ++m) {
      char p[8];
      std::snprintf(p, sizeof p, "%02d", m);
      rev += kP1 + ",2024-" + p + ",80\n" + kP1 + ",2025-" + p + ",100\n";
    }
    rev += kP2 + ",2026-01,150\n" + kP3 + ",2024,1000\n" + kP3 + ",2025,1900\n";
    ASSERT_OK(ImportCultivationFile(*b_, admin_, CultivationImportKind::kRevenue, rev, "rev.csv")
                  .status());
  }
  static CellRequest Revenue(const std::string& region) {
    CellRequest r;
    r.indicator = "revenue";
    r.measures = {"value", "n"};
    r.period = "2025-12";
    r.region = region;
    return r;
  }
  FixedClock clock_{*ParseUtc("2026-02-10T00:00:00Z")};
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
  Caller admin_ = Caller::Local("t");
  Caller zz_analyst_{"zza", auth::Role::kAnalyst, "", "", "410100"};
  Caller zz_viewer_{"zzv", auth::Role::kViewer, "", "", "410100"};
  Caller enterprise_{"ent", auth::Role::kEnterprise, kP1, "", "410102"};
};

TEST_F(CultivationAppTest, ThePoolNeverEntersAnAboveScaleAggregate) {
  ASSERT_OK_AND_ASSIGN(auto before, QueryCell(*b_, admin_, Revenue("410000")));
  ImportPool();
  ASSERT_OK_AND_ASSIGN(auto after, QueryCell(*b_, admin_, Revenue("410000")));
  ASSERT_TRUE(before.row.values[0].has_value());
  EXPECT_DOUBLE_EQ(*before.row.values[0], 3100);  // 1000 + 2100: the roster's only
  EXPECT_EQ(after.row.values, before.row.values);
  EXPECT_EQ(after.row.n, before.row.n);
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  EXPECT_EQ(snap->panel->num_enterprises(), 4u);  // no pool member became an enterprise
  EXPECT_LT(snap->panel->FindEnterprise(kP1), 0);
}

TEST_F(CultivationAppTest, CandidatesRankedByMonthsToTheThreshold) {
  ImportPool();
  ASSERT_OK_AND_ASSIGN(auto list, Candidates(*b_, admin_, {}, std::nullopt));
  EXPECT_DOUBLE_EQ(list.threshold, 2000);
  ASSERT_EQ(list.rows.size(), 3u);  // E1 and E3 are on the roster now
  // P3: 1900 a year after 1000 (+90 %): 12 · ln(2000/1900) / ln(1.9) = 0.96 → 1 month.
  EXPECT_EQ(list.rows[0].member.uscc, kP3);
  EXPECT_EQ(list.rows[0].months_to_threshold, 1);
  // P1: 12 × 100 = 1200 after 12 × 80 = 960 (+25 %): 12 · ln(2000/1200) / ln(1.25) = 27.47 → 28.
  EXPECT_EQ(list.rows[1].member.uscc, kP1);
  EXPECT_DOUBLE_EQ(list.rows[1].run_rate->value, 1200);
  EXPECT_DOUBLE_EQ(*list.rows[1].run_rate->growth, 0.25);
  EXPECT_EQ(list.rows[1].months_to_threshold, 28);
  // P2: January 2026 only, 150 × 12 = 1800 a year, no prior: months unknown, ranked last.
  EXPECT_EQ(list.rows[2].member.uscc, kP2);
  EXPECT_DOUBLE_EQ(list.rows[2].run_rate->value, 1800);
  EXPECT_FALSE(list.rows[2].months_to_threshold.has_value());
  ASSERT_OK_AND_ASSIGN(auto soon, Candidates(*b_, admin_, {}, 12));
  ASSERT_EQ(soon.rows.size(), 1u);
  // The threshold is data: at 1,500 万元 P3 and P2 are there already (0 months; the higher run
  // rate first), P1 needs 12 · ln(1500/1200) / ln(1.25) = 12 months.
  PoolFilter f;
  f.threshold = 1500;
  ASSERT_OK_AND_ASSIGN(auto low, Candidates(*b_, admin_, f, std::nullopt));
  ASSERT_EQ(low.rows.size(), 3u);
  EXPECT_EQ(low.rows[0].member.uscc, kP3);
  EXPECT_EQ(low.rows[0].months_to_threshold, 0);
  EXPECT_EQ(low.rows[1].member.uscc, kP2);
  EXPECT_EQ(low.rows[1].months_to_threshold, 0);
  EXPECT_EQ(low.rows[2].member.uscc, kP1);
  EXPECT_EQ(low.rows[2].months_to_threshold, 12);
  // 郑州's analyst sees 郑州's candidates only; the pool lists the graduates with include_left.
  ASSERT_OK_AND_ASSIGN(auto zz, Candidates(*b_, zz_analyst_, {}, std::nullopt));
  ASSERT_EQ(zz.rows.size(), 2u);
  PoolFilter all;
  all.include_left = true;
  ASSERT_OK_AND_ASSIGN(auto pool, ListPool(*b_, zz_analyst_, all));
  ASSERT_EQ(pool.rows.size(), 4u);
  EXPECT_EQ(pool.rows[0].member.uscc, kE1);
  EXPECT_EQ(pool.rows[0].entered, "2025-03");
  PoolFilter tagged;
  tagged.tag = "科技型";
  ASSERT_OK_AND_ASSIGN(auto t, ListPool(*b_, zz_analyst_, tagged));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].member.uscc, kP1);
  PoolFilter ind;
  ind.industry = "26";
  ASSERT_OK_AND_ASSIGN(auto i, ListPool(*b_, zz_analyst_, ind));
  ASSERT_EQ(i.rows.size(), 1u);
  EXPECT_EQ(i.rows[0].member.uscc, kP2);
}

TEST_F(CultivationAppTest, ConversionByHand) {
  ImportPool();
  ASSERT_OK_AND_ASSIGN(auto prov, ConversionByYear(*b_, admin_, "410000", 2023, 2025));
  ASSERT_EQ(prov.size(), 3u);
  // 2023: nobody in the pool on 2023-01 → 0/0.
  EXPECT_EQ(prov[0].rate.den, 0);
  EXPECT_EQ(prov[0].rate.Display(), "—");
  // 2024: pool on 2024-01 = E3 (joined 2023-06), which entered 2024-02 → 1/1; entrants: E3.
  EXPECT_EQ(prov[1].rate.num, 1);
  EXPECT_EQ(prov[1].rate.den, 1);
  EXPECT_EQ(prov[1].entrants, 1);
  // 2025: pool on 2025-01 = E1, P1, P3 (E3 above scale already, P2 joined in March);
  // E1 entered 2025-03 → 1/3; entrants: E1 and E2 (never pooled) → 2.
  EXPECT_EQ(prov[2].rate.num, 1);
  EXPECT_EQ(prov[2].rate.den, 3);
  EXPECT_EQ(prov[2].rate.Display(), "33.3%");
  EXPECT_EQ(prov[2].entrants, 2);
  // 郑州 (a viewer may read the aggregate): E1, P1 → 1/2; entrants E1 → 1.
  ASSERT_OK_AND_ASSIGN(auto zz, ConversionByYear(*b_, zz_viewer_, "", 2025, 2025));
  EXPECT_EQ(zz[0].rate.num, 1);
  EXPECT_EQ(zz[0].rate.den, 2);
  EXPECT_EQ(zz[0].entrants, 1);
  EXPECT_EQ(ConversionByYear(*b_, zz_viewer_, "410300", 2025, 2025).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(ConversionByYear(*b_, admin_, "", 2025, 2024).ok());
}

TEST_F(CultivationAppTest, ImportsAreScopedAndAllOrNothing) {
  ImportPool();
  // A member on the roster in the month it joins is refused, and the file writes nothing.
  auto onroster =
      ImportCultivationFile(*b_, admin_, CultivationImportKind::kPool,
                            "uscc,name,region,industry,joined\n" + Uscc("91410102000000009") +
                                ",新,410102,3311,2025-01\n" + kR1 + ",甲,410102,3311,2025-01\n",
                            "p2.csv");
  ASSERT_FALSE(onroster.ok());
  EXPECT_EQ(onroster.status().message(),
            "p2.csv:3: joined: '" + kR1 + "' is on the above-scale roster in 2025-01");
  ASSERT_OK_AND_ASSIGN(auto pool, ListPool(*b_, admin_, {}));
  EXPECT_EQ(pool.rows.size(), 3u);  // P1, P2, P3: the new one was not written
  // 郑州 cannot add 洛阳's members, move one into 郑州 by its code, or report its revenue.
  auto out = ImportCultivationFile(*b_, zz_analyst_, CultivationImportKind::kPool,
                                   "uscc,name,region,industry,joined\n" +
                                       Uscc("91410302000000010") + ",辛,410302,3311,2025-01\n",
                                   "p3.csv");
  EXPECT_EQ(out.status().message(), "p3.csv:2: region: 410302 is outside your region scope 410100");
  auto move = ImportCultivationFile(
      *b_, zz_analyst_, CultivationImportKind::kPool,
      "uscc,name,region,industry,joined\n" + kP3 + ",庚,410102,3311,2024-06\n", "p4.csv");
  EXPECT_EQ(move.status().message(),
            "p4.csv:2: uscc: '" + kP3 + "' is already in another region's pool");
  auto rev = ImportCultivationFile(
      *b_, zz_analyst_, CultivationImportKind::kRevenue,
      "uscc,period,revenue\n" + kP1 + ",2026-01,1\n" + kP3 + ",2026-01,1\n", "r.csv");
  EXPECT_EQ(rev.status().message(),
            "r.csv:3: uscc: '" + kP3 + "' is not a pool member in your scope");
  ASSERT_OK_AND_ASSIGN(auto list, ListPool(*b_, admin_, {}));
  for (const auto& r : list.rows) {
    if (r.member.uscc == kP1) {
      EXPECT_EQ(r.run_rate->as_of, MakePeriod(2025, 12));  // not 2026-01: nothing written
    }
  }
  // Who may import and read the rows: not viewers, not enterprises.
  EXPECT_EQ(ImportCultivationFile(*b_, zz_viewer_, CultivationImportKind::kPool, "x", "x.csv")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ListPool(*b_, zz_viewer_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ListPool(*b_, enterprise_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Candidates(*b_, enterprise_, {}, std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  PoolFilter luoyang;
  luoyang.region = "410300";
  EXPECT_EQ(ListPool(*b_, zz_analyst_, luoyang).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(CultivationAppTest, StageCountsAndCriteria) {
  ImportPool();
  ASSERT_OK(ImportCultivationFile(*b_, admin_, CultivationImportKind::kStages,
                                  "uscc,stage,year,rd_share,revenue_growth,main_product_share\n" +
                                      kR1 + ",provincial,2025,4,6,80\n" + kP1 +
                                      ",candidate,2024,,,\n" + kP1 + ",provincial,2025,2,30,90\n" +
                                      kP3 + ",little_giant,2025,,,\n",
                                  "st.csv")
                .status());
  ASSERT_OK_AND_ASSIGN(auto v, StageSummary(*b_, admin_, "410000", 2025));
  EXPECT_EQ(v.total.recognised[1], 2);  // R1, P1 provincial in 2025
  EXPECT_EQ(v.total.recognised[2], 1);  // P3
  EXPECT_EQ(v.total.holding[0], 0);     // P1's candidate stage is below its provincial one
  EXPECT_EQ(v.total.holding[1], 2);
  ASSERT_EQ(v.by_region.size(), 2u);
  EXPECT_EQ(v.by_region[0].key, "410100");
  EXPECT_EQ(v.by_region[0].recognised[1], 2);
  EXPECT_EQ(v.by_region[1].key, "410300");
  EXPECT_EQ(v.by_region[1].recognised[2], 1);
  ASSERT_EQ(v.enterprises.size(), 3u);
  for (const auto& e : v.enterprises) {
    if (e.recognition.uscc == kR1) {
      EXPECT_EQ(e.criteria.overall, cultivation::Outcome::kMet);
    }
    if (e.recognition.uscc == kP1) {
      EXPECT_EQ(e.criteria.overall, cultivation::Outcome::kNotMet);
    }
    if (e.recognition.uscc == kP3) {
      EXPECT_EQ(e.criteria.overall, cultivation::Outcome::kUnknown);
    }
  }
  // 2024: P1 a candidate.
  ASSERT_OK_AND_ASSIGN(auto y24, StageSummary(*b_, admin_, "", 2024));
  EXPECT_EQ(y24.total.recognised[0], 1);
  EXPECT_EQ(y24.total.holding[1], 0);
  // A viewer reads 郑州's counts but no enterprise; 洛阳 is refused.
  ASSERT_OK_AND_ASSIGN(auto zz, StageSummary(*b_, zz_viewer_, "", 2025));
  EXPECT_EQ(zz.total.recognised[1], 2);
  EXPECT_EQ(zz.total.recognised[2], 0);
  EXPECT_TRUE(zz.enterprises.empty());
  EXPECT_EQ(StageSummary(*b_, zz_viewer_, "410300", 2025).status().code(),
            StatusCode::kPermissionDenied);
  // A stage of an unknown enterprise, or of 洛阳's by 郑州, writes nothing.
  auto unknown = ImportCultivationFile(
      *b_, zz_analyst_, CultivationImportKind::kStages,
      "uscc,stage,year\n" + kP1 + ",little_giant,2026\n" + kP3 + ",champion,2026\n", "st2.csv");
  EXPECT_EQ(unknown.status().message(), "st2.csv:3: uscc: '" + kP3 +
                                            "' is neither a pool member nor an enterprise in your "
                                            "scope");
  ASSERT_OK_AND_ASSIGN(auto y26, StageSummary(*b_, admin_, "", 2026));
  EXPECT_EQ(y26.total.recognised[2], 0);
  // Seed 004's targets are of 2022: nothing recognised then, so the reported progress stands.
  EXPECT_FALSE(
      StageTargetMetric(*b_, "provincial_specialised_smes", cultivation::Stage::kProvincial));
  // Recognitions of 2022: R1 and P3 provincial, P1 little giant → 2 provincial, 1 小巨人, as of
  // the target's deadline 2022-12.
  ASSERT_OK(ImportCultivationFile(*b_, admin_, CultivationImportKind::kStages,
                                  "uscc,stage,year\n" + kR1 + ",provincial,2022\n" + kP3 +
                                      ",provincial,2022\n" + kP1 + ",little_giant,2022\n",
                                  "st22.csv")
                .status());
  auto prov =
      StageTargetMetric(*b_, "provincial_specialised_smes", cultivation::Stage::kProvincial);
  ASSERT_TRUE(prov.has_value());
  EXPECT_EQ(prov->first, 2.0);
  EXPECT_EQ(prov->second, MakePeriod(2022, 12));
  auto giants = StageTargetMetric(*b_, "national_little_giants", cultivation::Stage::kLittleGiant);
  ASSERT_TRUE(giants.has_value());
  EXPECT_EQ(giants->first, 1.0);
  // …and the targets follow them (GetTarget reads the internal metric).
  ASSERT_OK_AND_ASSIGN(auto t, GetTarget(b_->warnings(), "henan2022.2.provincial_specialised_smes",
                                         MakePeriod(2026, 1)));
  EXPECT_EQ(t.actual_source, "internal");
}

}  // namespace
}  // namespace ballast::app
