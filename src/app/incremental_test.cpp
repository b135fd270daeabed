// Issue 11 items 2 and 5: a new batch is applied to the latest panel (only the columns it
// touched are read again), and answers are cached per snapshot, per request and per scope.
// Store-neutral: runs on SQLite and, with BALLAST_TEST_PG, on PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <future>
#include <map>
#include <sstream>
#include <thread>

#include "app/analysis.h"
#include "app/ballast.h"
#include "app/snapshot_memo.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

// 410102 (郑州), 410302 (洛阳), 410303 (洛阳): two cities of Henan.
constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
    "91310115591693856A,乙材料有限公司,410302,2614,medium,\n"
    "91330000755918469E,丙电子有限公司,410303,3971,small,\n";
constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";
constexpr const char* kC = "91330000755918469E";
constexpr const char* kHeader = "uscc,period,indicator,value,ytd,prior,prior_ytd\n";

bool Same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// Every cell of two panels, bit for bit: monthly values, year-to-date, bases, reported priors,
// deflators, stored cells. Returns the first difference, "" when none.
std::string Compare(const Panel& inc, const Panel& full) {
  std::ostringstream why;
  if (inc.num_enterprises() != full.num_enterprises()) return "enterprise count";
  for (uint32_t e = 0; e < full.num_enterprises(); ++e) {
    if (inc.enterprise(e).id != full.enterprise(e).id) return "enterprise order";
  }
  if (inc.empty() != full.empty()) return "emptiness";
  if (full.empty()) return "";
  if (inc.first_period() != full.first_period() || inc.last_period() != full.last_period())
    return "period range";
  if (inc.StoredCells() != full.StoredCells()) {
    why << "stored cells " << inc.StoredCells() << " vs " << full.StoredCells();
    return why.str();
  }
  const auto& indicators = full.catalog().indicators();
  const size_t n = full.num_enterprises();
  std::vector<double> a, b;
  for (size_t ind = 0; ind < indicators.size(); ++ind) {
    if (indicators[ind].derived()) continue;
    const int i = static_cast<int>(ind);
    for (Period p = full.first_period(); p <= full.last_period(); ++p) {
      const std::string at = indicators[ind].code + " " + FormatPeriod(p);
      if (inc.HasData(i, p) != full.HasData(i, p)) return "has data " + at;
      const double *vi = inc.Values(i, p), *vf = full.Values(i, p);
      for (size_t e = 0; vf != nullptr && e < n; ++e) {
        if (!Same(vi[e], vf[e])) return "value " + at;
      }
      inc.Ytd(i, p, &a);
      full.Ytd(i, p, &b);
      for (size_t e = 0; e < n; ++e) {
        if (!Same(a[e], b[e])) return "ytd " + at;
      }
      inc.BaseValues(i, p, &a);
      full.BaseValues(i, p, &b);
      for (size_t e = 0; e < n; ++e) {
        if (!Same(a[e], b[e])) return "base " + at;
      }
      inc.BaseYtd(i, p, &a);
      full.BaseYtd(i, p, &b);
      for (size_t e = 0; e < n; ++e) {
        if (!Same(a[e], b[e])) return "base ytd " + at;
      }
      for (uint32_t e = 0; e < n; ++e) {
        for (bool ytd : {false, true}) {
          if (!Same(inc.ReportedPrior(i, p, e, ytd), full.ReportedPrior(i, p, e, ytd)))
            return "prior " + at;
        }
        if (!Same(inc.Deflator(e, p), full.Deflator(e, p))) return "deflator " + at;
      }
    }
  }
  return "";
}

class IncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator()));
    Import(kEnterprises, "e.csv");
  }
  void Import(const std::string& csv, const std::string& name) {
    ASSERT_OK_AND_ASSIGN(auto r, b_->Import(Caller::Local("t"), csv, name));
    ASSERT_EQ(r.outcome.status, ingest::ImportStatus::kImported) << name;
  }
  // Imports a batch, then checks the latest panel (applied to) against a fresh full build.
  void ImportAndCompare(const std::string& rows, const std::string& name, bool incremental,
                        const char* header = kHeader) {
    Import(std::string(header) + rows, name);
    ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
    EXPECT_EQ(snap->incremental, incremental) << name;
    ASSERT_OK_AND_ASSIGN(auto fresh, Workspace::Open(db_.locator()));
    ASSERT_OK_AND_ASSIGN(auto full, fresh->GetSnapshot());
    EXPECT_FALSE(full->incremental);
    EXPECT_EQ(snap->through, full->through);
    EXPECT_EQ(Compare(*snap->panel, *full->panel), "") << "after " << name;
  }
  double Cell(const std::string& uscc_region, const std::string& indicator,
              const std::string& period, const std::string& measure) {
    CellRequest r;
    r.indicator = indicator;
    r.measures = {measure};
    r.period = period;
    r.region = uscc_region;
    auto a = QueryCell(*b_, Caller::Local("t"), r);
    EXPECT_TRUE(a.ok()) << a.status().message();
    return a.ok() && a->row.values[0] ? *a->row.values[0] : kMissing;
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
};

TEST_F(IncrementalTest, AppliedPanelEqualsAFullBuildAfterEveryBatch) {
  // A year's first months: monthly values, cumulative-only reports (A in February), priors, a
  // stock.
  ImportAndCompare(std::string(kA) + ",2025-01,output_value,100,,90,\n" + kB +
                       ",2025-01,output_value,50,,,\n" + kA + ",2025-01,inventory,30,,,\n",
                   "o1.csv", true);
  ImportAndCompare(std::string(kA) + ",2025-02,output_value,,230,,200\n" + kB +
                       ",2025-02,output_value,55,105,,\n",
                   "o2.csv", true);
  ImportAndCompare(
      std::string(kA) + ",2025-03,output_value,,360,,\n" + kC + ",2025-03,output_value,7,,,\n",
      "o3.csv", true);
  // January revised: A's February and March values derive from cumulative figures and change.
  ImportAndCompare(std::string(kA) + ",2025-01,output_value,110,,95,\n", "r1.csv", true);
  // Hand check: A reported ytd 230 for February, so February = 230 - 110 = 120 (was 130), March =
  // 360 - 230 = 130; the country's output in February is 120 + 55 = 175.
  EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-02", "value"), 175);
  EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-03", "value"), 137);
  // A later month and a new year (the range grows); a revision of a revision; another indicator.
  ImportAndCompare(
      std::string(kA) + ",2025-04,output_value,140,,,\n" + kB + ",2025-04,revenue,80,,,\n",
      "o4.csv", true);
  ImportAndCompare(
      std::string(kA) + ",2026-01,output_value,120,,,\n" + kC + ",2026-01,inventory,9,,,\n",
      "o5.csv", true);
  ImportAndCompare(
      std::string(kA) + ",2025-01,output_value,105,,95,\n" + kB + ",2025-02,output_value,60,,,\n",
      "r2.csv", true);
  // February: A 230 - 105 = 125, B's revised 60 (its cumulative figure now derived).
  EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-02", "value"), 185);
  // A new enterprise (sorted between the others: the columns move) and a changed one (B moves
  // to another city and class: its value added and place in the order change).
  ImportAndCompare("914103000000000033,丁机械有限公司,410102,3311,small,\n" + std::string(kB) +
                       ",乙材料有限公司,410102,1311,medium,\n",
                   "e2.csv", true, "uscc,name,region,industry,size,tags\n");
  ImportAndCompare("914103000000000033,2026-01,output_value,12,,,\n", "o6.csv", true);
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  EXPECT_EQ(snap->panel->num_enterprises(), 4u);
}

// On PostgreSQL an import writes on a connection of its own, without the workspace's mutex:
// while its transaction waits (here for a lock the test holds on the batch table), requests
// still look up their session and read the latest panel (both take that mutex). SQLite keeps
// one connection, which the import holds.
TEST_F(IncrementalTest, AnImportWaitingOnTheDatabaseHoldsNoRequestBack) {
  if (!db_.postgres()) GTEST_SKIP() << "PostgreSQL only: SQLite writes on its one connection";
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n", "jan.csv");
  ASSERT_OK(b_->auth().AddUser({"u", "password-u-123", "viewer", "410100", "", ""}, "t"));
  ASSERT_OK_AND_ASSIGN(auto session, b_->auth().Login("u", "password-u-123", "127.0.0.1"));
  ASSERT_OK_AND_ASSIGN(auto before, b_->workspace().GetSnapshot());
  ::ballast::testing::SqlSession holder(db_.locator());
  holder.Run("BEGIN; LOCK TABLE batch IN SHARE MODE");  // readers pass, writers wait
  auto import = std::async(std::launch::async, [&] {
    return b_->Import(Caller::Local("t"),
                      std::string(kHeader) + kA + ",2025-02,output_value,120,,,\n", "feb.csv");
  });
  const std::string waiting =
      "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND "
      "wait_event_type = 'Lock'";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (holder.Number(waiting) < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(holder.Number(waiting), 1) << "the import should wait for the test's lock";
  auto request = std::async(std::launch::async, [&] {
    auto principal = b_->auth().Authenticate(session.token);
    auto snap = b_->workspace().GetSnapshot();
    return principal.ok() && snap.ok() && *snap == before;
  });
  const bool answered = request.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  holder.Run("COMMIT");  // the import goes on (and a request held back is answered)
  EXPECT_TRUE(answered) << "a request waited for the import's transaction";
  EXPECT_TRUE(request.get());
  auto imported = import.get();
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->outcome.status, ingest::ImportStatus::kImported);
  EXPECT_DOUBLE_EQ(Cell("410102", "output_value", "2025-02", "value"), 120);
}

TEST_F(IncrementalTest, AnotherProcesssBatchIsAppliedToo) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n", "o1.csv");
  ASSERT_OK_AND_ASSIGN(auto before, b_->workspace().GetSnapshot());
  // Another process (the command line) imports a revision into the same store.
  {
    ASSERT_OK_AND_ASSIGN(auto other, Ballast::Open(db_.locator()));
    ASSERT_OK_AND_ASSIGN(
        auto r,
        other->Import(Caller::Local("cli"),
                      std::string(kHeader) + kA + ",2025-01,output_value,125,,,\n", "r.csv"));
    ASSERT_EQ(r.outcome.status, ingest::ImportStatus::kImported);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past the quarter-second check
  ASSERT_OK_AND_ASSIGN(auto after, b_->workspace().GetSnapshot());
  EXPECT_GT(after->through, before->through);
  EXPECT_TRUE(after->incremental);
  EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-01", "value"), 125);
}

// Under a stream of imports, batches are applied at most once per advance interval (serve's
// --advance-interval-ms): another process's batch waits for the interval's end; an import waits
// for a panel holding its own batch before it answers (read your writes), and an evaluation for
// one holding the newest batch (its mark never behind the store's newest at its start).
TEST_F(IncrementalTest, BatchesAreAppliedAtMostOncePerAdvanceInterval) {
  using Clock = std::chrono::steady_clock;
  const auto interval = std::chrono::milliseconds(3000);
  // Another process (the command line, another instance), opened first: opening is slow.
  ASSERT_OK_AND_ASSIGN(auto other, Ballast::Open(db_.locator()));
  const auto t0 = Clock::now();  // before this process's application, which starts the interval
  ASSERT_OK_AND_ASSIGN(
      auto own, b_->Import(Caller::Local("t"),
                           std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n", "o1.csv"));
  b_->workspace().SetAdvanceInterval(interval);
  ASSERT_OK_AND_ASSIGN(auto held, b_->workspace().GetSnapshot());
  EXPECT_EQ(held->through, own.outcome.batch.id);
  ASSERT_OK_AND_ASSIGN(
      auto r, other->Import(Caller::Local("cli"),
                            std::string(kHeader) + kA + ",2025-01,output_value,125,,,\n", "r.csv"));
  ASSERT_EQ(r.outcome.status, ingest::ImportStatus::kImported);
  const BatchId others = r.outcome.batch.id;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past the quarter-second check
  // Asserted only while the interval runs (a slow machine may be past it already): the batch is
  // not applied yet, and a manual evaluation waits for the panel holding it.
  const bool within = Clock::now() - t0 < interval - std::chrono::milliseconds(200);
  ASSERT_OK_AND_ASSIGN(auto paced, b_->workspace().GetSnapshot());
  if (within) {
    EXPECT_EQ(paced->through, own.outcome.batch.id);
    EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-01", "value"), 100);
  }
  ASSERT_OK_AND_ASSIGN(auto summary, b_->warnings().Evaluate());
  EXPECT_EQ(summary.through_batch, others);
  EXPECT_GE(Clock::now() - t0, interval);
  EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-01", "value"), 125);
  // Another import of this process's own within the next interval: it answers once its batch is
  // held.
  ASSERT_OK_AND_ASSIGN(
      auto again,
      b_->Import(Caller::Local("t"), std::string(kHeader) + kB + ",2025-01,output_value,40,,,\n",
                 "o2.csv"));
  ASSERT_OK_AND_ASSIGN(auto after, b_->workspace().GetSnapshot());
  EXPECT_EQ(after->through, again.outcome.batch.id);
  EXPECT_DOUBLE_EQ(Cell("100000", "output_value", "2025-01", "value"), 165);
}

// Prices imported by another process reach this one's panel with the next batch: its deflators
// are those of a full build, not the previous panel's carried over.
TEST_F(IncrementalTest, AnotherProcesssPricesReachThePanelWithTheNextBatch) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n" + kA +
             ",2025-02,output_value,100,,,\n",
         "o1.csv");
  ASSERT_OK_AND_ASSIGN(auto before, b_->workspace().GetSnapshot());
  {
    ASSERT_OK_AND_ASSIGN(auto other, Ballast::Open(db_.locator()));
    ASSERT_OK_AND_ASSIGN(
        auto p, other->ImportPrices(Caller::Local("cli"), "industry,period,index\nC,2025-02,104\n",
                                    "p.csv"));
    ASSERT_EQ(p.status, ingest::ImportStatus::kImported);
    ASSERT_OK_AND_ASSIGN(
        auto r,
        other->Import(Caller::Local("cli"),
                      std::string(kHeader) + kB + ",2025-02,output_value,50,,,\n", "o2.csv"));
    ASSERT_EQ(r.outcome.status, ingest::ImportStatus::kImported);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past the quarter-second check
  ASSERT_OK_AND_ASSIGN(auto after, b_->workspace().GetSnapshot());
  EXPECT_GT(after->through, before->through);
  const auto a = static_cast<uint32_t>(after->panel->FindEnterprise(kA));
  EXPECT_DOUBLE_EQ(after->panel->Deflator(a, *ParsePeriod("2025-02")), 1.04);  // class 3311 in C
  ASSERT_OK_AND_ASSIGN(auto fresh, Workspace::Open(db_.locator()));
  ASSERT_OK_AND_ASSIGN(auto full, fresh->GetSnapshot());
  EXPECT_EQ(Compare(*after->panel, *full->panel), "");
}

// The cache: the same request of callers of different scopes or roles gets each its own answer,
// and a new batch starts a new cache.
TEST_F(IncrementalTest, CachedAnswersKeepScopeAndRole) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n" + kB +
             ",2025-01,output_value,300,,,\n" + kC + ",2025-01,output_value,100,,,\n",
         "o1.csv");
  const Caller province{"p", auth::Role::kAnalyst, "", "", "410000", ""};
  const Caller city{"c", auth::Role::kAnalyst, "", "", "410100", ""};
  const Caller city_viewer{"v", auth::Role::kViewer, "", "", "410100", ""};
  CellRequest share;
  share.indicator = "output_value";
  share.measures = {"value", "share"};
  share.period = "2025-01";
  share.region = "410100";
  share.of = "region";
  // The province may compare 郑州 with Henan: 100 of 500 = 20 %. The city may not (its parent
  // is outside its scope), though the province's answer is in the cache.
  ASSERT_OK_AND_ASSIGN(auto p1, QueryCell(*b_, province, share));
  ASSERT_TRUE(p1.row.values[1].has_value());
  EXPECT_DOUBLE_EQ(*p1.row.values[1], 20);
  ASSERT_OK_AND_ASSIGN(auto c1, QueryCell(*b_, city, share));
  EXPECT_FALSE(c1.row.values[1].has_value());
  ASSERT_TRUE(c1.row.values[0].has_value());
  EXPECT_DOUBLE_EQ(*c1.row.values[0], 100);
  // A viewer gets published figures: one enterprise in the cell is withheld (disclosure control).
  ASSERT_OK_AND_ASSIGN(auto v1, QueryCell(*b_, city_viewer, share));
  EXPECT_FALSE(v1.row.values[0].has_value());
  EXPECT_FALSE(v1.row.suppressed.empty());
  // Asked again, each gets the same answer as before, from the cache.
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  const int64_t hits = snap->answers->hits();
  ASSERT_OK_AND_ASSIGN(auto c2, QueryCell(*b_, city, share));
  ASSERT_OK_AND_ASSIGN(auto p2, QueryCell(*b_, province, share));
  ASSERT_OK_AND_ASSIGN(auto v2, QueryCell(*b_, city_viewer, share));
  EXPECT_EQ(snap->answers->hits(), hits + 3);
  EXPECT_FALSE(c2.row.values[1].has_value());
  EXPECT_DOUBLE_EQ(*p2.row.values[1], 20);
  EXPECT_FALSE(v2.row.values[0].has_value());
  // Outside the scope stays refused however the cache is filled.
  CellRequest henan = share;
  henan.region = "410000";
  ASSERT_OK(QueryCell(*b_, province, henan).status());
  EXPECT_EQ(QueryCell(*b_, city, henan).status().code(), StatusCode::kPermissionDenied);
  // Enterprise rows are audited on every read, cached or not.
  TableRequest list;
  static_cast<CellRequest&>(list) = share;
  list.measures = {"value"};
  list.dim = "enterprise";
  ASSERT_OK_AND_ASSIGN(auto before, b_->auth().ListAudit(0, 100000));
  ASSERT_OK(QueryTable(*b_, province, list).status());
  ASSERT_OK(QueryTable(*b_, province, list).status());
  ASSERT_OK_AND_ASSIGN(auto after, b_->auth().ListAudit(0, 100000));
  int reads = 0;
  for (size_t i = before.size(); i < after.size(); ++i)
    reads += after[i].action == "read.enterprise_rows";
  EXPECT_EQ(reads, 2);
  // A revision: a new snapshot, so the new figure, not the cached one.
  Import(std::string(kHeader) + kA + ",2025-01,output_value,200,,,\n", "r.csv");
  ASSERT_OK_AND_ASSIGN(auto p3, QueryCell(*b_, province, share));
  EXPECT_DOUBLE_EQ(*p3.row.values[0], 200);
  EXPECT_DOUBLE_EQ(*p3.row.values[1], 200.0 / 600 * 100);
}

// A batch of values carries the previous snapshot's answers that read none of the indicators
// it changed over to the new one (AnswerCache::CarryFrom); the others are computed again, and a
// batch of enterprises carries nothing.
TEST_F(IncrementalTest, AnswersOfUntouchedIndicatorsAreCarriedOver) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n" + kB +
             ",2025-01,output_value,300,,,\n" + kA + ",2025-01,electricity,10,,,\n" + kB +
             ",2025-01,electricity,30,,,\n",
         "o1.csv");
  const Caller province{"p", auth::Role::kAnalyst, "", "", "410000", ""};
  CellRequest output;
  output.indicator = "output_value";
  output.measures = {"value"};
  output.period = "2025-01";
  output.region = "410000";
  CellRequest power = output;
  power.indicator = "electricity";
  CellRequest power_default = power;  // the default period: it may read anything
  power_default.period.clear();
  auto value = [&](const CellRequest& r) {
    auto a = QueryCell(*b_, province, r);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() && a->row.values[0] ? *a->row.values[0] : -1.0;
  };
  EXPECT_DOUBLE_EQ(value(output), 400);
  EXPECT_DOUBLE_EQ(value(power), 40);
  (void)value(power_default);
  // Output revised: electricity's answer comes over; output's and the default period's, asked
  // a moment ago, are made again on the new figures before the snapshot is served.
  Import(std::string(kHeader) + kA + ",2025-01,output_value,200,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  EXPECT_EQ(snap->answers->size(), 3u);
  const int64_t hits = snap->answers->hits(), misses = snap->answers->misses();
  EXPECT_DOUBLE_EQ(value(power), 40);
  EXPECT_DOUBLE_EQ(value(output), 500);
  EXPECT_EQ(snap->answers->hits(), hits + 2);
  EXPECT_EQ(snap->answers->misses(), misses);
  // Electricity revised: its new figure.
  Import(std::string(kHeader) + kB + ",2025-01,electricity,50,,,\n", "r2.csv");
  EXPECT_DOUBLE_EQ(value(power), 60);
  EXPECT_DOUBLE_EQ(value(output), 500);
  // A new enterprise: nothing comes over.
  Import(
      "uscc,name,region,industry,size,tags\n91110000802100433B,丁材料有限公司,410302,1311,large,\n",
      "e2.csv");
  ASSERT_OK_AND_ASSIGN(auto after, b_->workspace().GetSnapshot());
  EXPECT_EQ(after->answers->size(), 0u);
}

// An answer within a region no enterprise of a batch lies in comes over too, whatever it reads;
// one within the batch's region is made again. A (郑州 410102) and B (洛阳 410302) and C
// (洛阳 410303).
TEST_F(IncrementalTest, AnswersOfUntouchedRegionsAreCarriedOver) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n" + kB +
             ",2025-01,output_value,300,,,\n" + kC + ",2025-01,output_value,50,,,\n",
         "o1.csv");
  const Caller province{"p", auth::Role::kAnalyst, "", "", "410000", ""};
  CellRequest district;  // B's district: read within 洛阳, its parent
  district.indicator = "output_value";
  district.measures = {"value"};
  district.period = "2025-01";
  district.region = "410302";
  CellRequest henan = district;  // read within the country
  henan.region = "410000";
  CellRequest share = district;  // B's district's share of 洛阳
  share.measures = {"share"};
  share.of = "region";
  auto value = [&](const CellRequest& r) {
    auto a = QueryCell(*b_, province, r);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() && a->row.values[0] ? *a->row.values[0] : -1.0;
  };
  EXPECT_DOUBLE_EQ(value(district), 300);
  EXPECT_DOUBLE_EQ(value(henan), 450);
  EXPECT_DOUBLE_EQ(value(share), 300.0 / 350 * 100);
  // A (郑州) revised: the district's answers come over (hits), Henan's is made again.
  Import(std::string(kHeader) + kA + ",2025-01,output_value,200,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  EXPECT_EQ(snap->answers->size(), 3u);
  const int64_t hits = snap->answers->hits();
  EXPECT_DOUBLE_EQ(value(district), 300);
  EXPECT_DOUBLE_EQ(value(share), 300.0 / 350 * 100);
  EXPECT_EQ(snap->answers->hits(), hits + 2);
  EXPECT_DOUBLE_EQ(value(henan), 550);
  // C (洛阳 410303) revised: within 洛阳, so the district's answers are made again: its share
  // of 洛阳 follows C, 300 / 400.
  Import(std::string(kHeader) + kC + ",2025-01,output_value,100,,,\n", "r2.csv");
  ASSERT_OK_AND_ASSIGN(auto next, b_->workspace().GetSnapshot());
  EXPECT_EQ(next->answers->size(), 3u);  // all three made again, none carried
  EXPECT_DOUBLE_EQ(value(share), 75);
  EXPECT_DOUBLE_EQ(value(henan), 600);
  // B revised: the district's own figure, never the carried one.
  Import(std::string(kHeader) + kB + ",2025-01,output_value,330,,,\n", "r3.csv");
  EXPECT_DOUBLE_EQ(value(district), 330);
}

std::atomic<int> tables_rendered{0};

std::string RenderTable(const TableAnswer& t) {
  ++tables_rendered;
  auto values = [](const Row& r) {
    std::string out;
    for (const auto& v : r.values) out += v ? std::to_string(*v) + ";" : "-;";
    return out;
  };
  std::string out = values(t.parent.row);
  for (const Row& r : t.rows) out += r.label.code + "=" + values(r);
  return out;
}

// A batch of values: the answers it changed that were being asked are made and rendered again
// on the new snapshot before it is served (AnswerCache::MakeAgain), and read the same as in a
// process that makes them afresh. A (郑州) revised, 100 to 200.
TEST_F(IncrementalTest, AnswersBeingAskedAreMadeAndRenderedAheadOfTheNextSnapshot) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,80,\n" + kB +
             ",2025-01,output_value,300,,250,\n" + kC + ",2025-01,output_value,50,,40,\n",
         "o1.csv");
  TableRequest t;
  t.indicator = "output_value";
  t.measures = {"value", "yoy"};
  t.period = "2025-01";
  t.region = "410000";
  t.dim = "region";
  const Rendering<TableAnswer> text{"text", &RenderTable};
  auto rendered = [&](Ballast& b) {
    auto r = QueryTable(b, Caller::Local("t"), t, text);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? **r : std::string();
  };
  const std::string first = rendered(*b_);
  Import(std::string(kHeader) + kA + ",2025-01,output_value,200,,80,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  const int renders = tables_rendered.load();
  const int64_t misses = snap->answers->misses();
  const std::string second = rendered(*b_);
  EXPECT_EQ(snap->answers->misses(), misses);  // found made
  EXPECT_EQ(tables_rendered.load(), renders);  // and rendered
  EXPECT_NE(second, first);
  EXPECT_NE(second.find("200.0"), std::string::npos) << second;
  ASSERT_OK_AND_ASSIGN(auto fresh, Ballast::Open(db_.locator()));
  EXPECT_EQ(rendered(*fresh), second);
}

// Values kept with a region follow the snapshots while no batch moves an enterprise of it
// (app/snapshot_memo.h): a batch drops those of the regions it moved (and of their ancestors)
// and those kept with none; a key kept again with another region answers to the new one only.
TEST_F(IncrementalTest, SnapshotMemoDropsOnlyTheRegionsMoved) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n" + kB +
             ",2025-01,output_value,300,,,\n" + kC + ",2025-01,output_value,50,,,\n",
         "o1.csv");
  const CodeTree& regions = b_->catalog().regions();
  const NodeId zhengzhou = regions.Find("410100"), luoyang = regions.Find("410300"),
               henan = regions.Find("410000");
  ASSERT_NE(zhengzhou, kNoNode);
  ASSERT_NE(luoyang, kNoNode);
  ASSERT_OK_AND_ASSIGN(auto first, b_->workspace().GetSnapshot());
  SnapshotMemo<int> memo;
  memo.Put(first, "zhengzhou", 1, zhengzhou);
  memo.Put(first, "luoyang", 2, luoyang);
  memo.Put(first, "anywhere", 3, kNoNode);
  memo.Put(first, "henan", 4, henan);
  memo.Put(first, "to zhengzhou", 5, luoyang);
  memo.Put(first, "to zhengzhou", 6, zhengzhou);
  memo.Put(first, "to luoyang", 7, zhengzhou);
  memo.Put(first, "to luoyang", 8, luoyang);
  EXPECT_EQ(memo.Find(first, "to luoyang"), 8);
  // A (郑州) revised.
  Import(std::string(kHeader) + kA + ",2025-01,output_value,200,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto second, b_->workspace().GetSnapshot());
  ASSERT_NE(second, first);
  EXPECT_EQ(memo.Find(second, "luoyang"), 2);
  EXPECT_EQ(memo.Find(second, "to luoyang"), 8);
  EXPECT_EQ(memo.Find(second, "zhengzhou"), std::nullopt);
  EXPECT_EQ(memo.Find(second, "anywhere"), std::nullopt);
  EXPECT_EQ(memo.Find(second, "henan"), std::nullopt);  // an ancestor of 郑州
  EXPECT_EQ(memo.Find(second, "to zhengzhou"), std::nullopt);
  EXPECT_EQ(memo.Find(first, "luoyang"), std::nullopt);  // an older snapshot reads nothing
  memo.Put(second, "zhengzhou", 9, zhengzhou);
  // C (洛阳) revised: 洛阳's go, 郑州's kept on the second snapshot stays.
  Import(std::string(kHeader) + kC + ",2025-01,output_value,70,,,\n", "r2.csv");
  ASSERT_OK_AND_ASSIGN(auto third, b_->workspace().GetSnapshot());
  EXPECT_EQ(memo.Find(third, "zhengzhou"), 9);
  EXPECT_EQ(memo.Find(third, "luoyang"), std::nullopt);
  EXPECT_EQ(memo.Find(third, "to luoyang"), std::nullopt);
}

// A batch of values keeps the previous panel's year-to-date columns whose months it did not
// touch (Panel::KeepColumnsOf): other years', other indicators', and the months of the same year
// before the revised one.
TEST_F(IncrementalTest, YearToDateOfUntouchedMonthsIsCarriedOver) {
  // No rule runs after the imports: only this test's own Ytd calls fill the panels' memos.
  ASSERT_OK_AND_ASSIGN(auto rules, b_->warnings().ListRules());
  for (const auto& r : rules)
    ASSERT_OK(b_->warnings().SetRuleEnabled(r.rule.id, false, "t").status());
  Import(std::string(kHeader) + kA + ",2024-12,output_value,90,,,\n" + kA +
             ",2025-01,output_value,100,,,\n" + kA + ",2025-02,output_value,110,,,\n" + kA +
             ",2025-03,output_value,120,,,\n",
         "o1.csv");
  const int output = b_->workspace().catalog().FindIndicator("output_value");
  std::vector<double> ytd;
  ASSERT_OK_AND_ASSIGN(auto first, b_->workspace().GetSnapshot());
  const auto a = static_cast<size_t>(first->panel->FindEnterprise(kA));
  first->panel->Ytd(output, MakePeriod(2025, 3), &ytd);
  EXPECT_DOUBLE_EQ(ytd[a], 330);
  first->panel->Ytd(output, MakePeriod(2024, 12), &ytd);
  EXPECT_EQ(first->panel->KeptYtdColumns(), 4u);  // 2024-12, and 2025-01 to 03 on the way
  // Another indicator: all four come over.
  Import(std::string(kHeader) + kB + ",2025-02,revenue,80,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto second, b_->workspace().GetSnapshot());
  ASSERT_TRUE(second->incremental);
  EXPECT_EQ(second->panel->KeptYtdColumns(), 4u);
  // February revised: 2024's column stays, and January's (a revision patches the previous
  // panel's columns, and January's is the same column); February's and March's are summed again
  // (100 + 150 + 120).
  Import(std::string(kHeader) + kA + ",2025-02,output_value,150,,,\n", "r2.csv");
  ASSERT_OK_AND_ASSIGN(auto third, b_->workspace().GetSnapshot());
  ASSERT_TRUE(third->incremental);
  EXPECT_EQ(third->panel->KeptYtdColumns(), 2u);
  third->panel->Ytd(output, MakePeriod(2025, 3), &ytd);
  EXPECT_DOUBLE_EQ(ytd[a], 370);
  third->panel->Ytd(output, MakePeriod(2025, 1), &ytd);
  EXPECT_DOUBLE_EQ(ytd[a], 100);
}

// Disclosure findings on plain cells are kept per snapshot, and come over to the next one when
// the batch did not touch their columns (app/cell_statuses.h). A revision of January moves
// February too when February is reported cumulatively only (its value is a difference).
TEST_F(IncrementalTest, DisclosureFindingsFollowARevisionIntoLaterMonths) {
  // What comes over, not what the answers made ahead for the new snapshot find again.
  b_->workspace().SetAnswersMadeAhead(0);
  std::string rows = kHeader;
  for (const char* e : {kA, kB, kC}) {
    rows += std::string(e) + ",2024-12,output_value,100,,,\n";
    rows += std::string(e) + ",2025-01,output_value,100,,,\n";
    rows += std::string(e) + ",2025-02,output_value,,200,,\n";  // year to date only
  }
  Import(rows, "o1.csv");
  auto marked = [](Ballast& b, const std::string& period) {
    CellRequest r;
    r.indicator = "output_value";
    r.measures = {"value"};
    r.period = period;
    r.region = "410000";
    auto a = QueryCell(b, Caller::Local("t"), r);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? a->row.would_suppress : std::string("error");
  };
  for (const char* p : {"2024-12", "2025-01", "2025-02"}) EXPECT_EQ(marked(*b_, p), "") << p;
  const Catalog& cat = b_->workspace().catalog();
  auto key = [&](int year, int month) {
    return CellStatuses::Key{cat.FindIndicator("output_value"), MakePeriod(year, month),
                             cat.regions().Find("410000"), cat.all_industry()};
  };
  // A's January revised to 10,000: January is dominated (10,000 of 10,200), and so is February
  // (A's February is 200 - 10,000). December 2024 comes over as it was found.
  Import(std::string(kHeader) + kA + ",2025-01,output_value,10000,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  ASSERT_TRUE(snap->incremental);
  EXPECT_TRUE(snap->statuses->Find(key(2024, 12)).status.has_value());
  EXPECT_FALSE(snap->statuses->Find(key(2025, 1)).status.has_value());
  EXPECT_FALSE(snap->statuses->Find(key(2025, 2)).status.has_value());
  EXPECT_EQ(marked(*b_, "2025-01"), "dominance");
  EXPECT_EQ(marked(*b_, "2025-02"), "dominance");
  EXPECT_EQ(marked(*b_, "2024-12"), "");
  // The same as a process that builds the panel afresh finds.
  ASSERT_OK_AND_ASSIGN(auto fresh, Ballast::Open(db_.locator()));
  for (const char* p : {"2024-12", "2025-01", "2025-02"})
    EXPECT_EQ(marked(*b_, p), marked(*fresh, p)) << p;
}

// A revision moves the findings of the cells its enterprise is in, and the statuses of the cells
// of the tables those are children of; the rest of its column comes over (app/cell_statuses.h).
// Henan: 郑州 (A + 2), 洛阳 (B, C + 2); Jiangsu: 苏州 (3). Each reports 100 in January; A's
// revision to 5,000 makes 郑州 dominated (5,000 of 5,200, over 85 %) and so Henan (5,000 of
// 5,700); the country (5,000 of 6,000) is not. Jiangsu's total is then the one province
// beside Henan with figures: secondary suppression must hide it, or the country minus Jiangsu
// would show Henan.
TEST_F(IncrementalTest, DisclosureFindingsComeOverWhereTheRevisedEnterpriseCannotReach) {
  // What comes over, not what the answers made ahead for the new snapshot find again.
  b_->workspace().SetAnswersMadeAhead(0);
  Import(
      "uscc,name,region,industry,size,tags\n"
      "91410100000000010Q,丁一有限公司,410102,3311,small,\n"
      "91410100000000020R,丁二有限公司,410102,2614,small,\n"
      "914103000000000305,戊一有限公司,410302,2614,small,\n"
      "914103000000000406,戊二有限公司,410303,3311,small,\n"
      "91320500000000050Y,己一有限公司,320506,3311,small,\n"
      "913205000000000600,己二有限公司,320506,2614,small,\n"
      "913205000000000701,己三有限公司,320506,3971,small,\n",
      "e2.csv");
  std::string rows = kHeader;
  for (const char* e :
       {kA, kB, kC, "91410100000000010Q", "91410100000000020R", "914103000000000305",
        "914103000000000406", "91320500000000050Y", "913205000000000600", "913205000000000701"})
    rows += std::string(e) + ",2025-01,output_value,100,,,\n";
  Import(rows, "o1.csv");
  auto marked = [](Ballast& b, const std::string& region, const std::string& industry) {
    CellRequest r;
    r.indicator = "output_value";
    r.measures = {"value"};
    r.period = "2025-01";
    r.region = region;
    r.industry = industry;
    auto a = QueryCell(b, Caller::Local("t"), r);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? a->row.would_suppress : std::string("error");
  };
  const std::vector<std::string> regions = {"100000", "410000", "410100",
                                            "410300", "320000", "320500"};
  const std::vector<std::string> industries = {"BCD", "C", "33", "26", "39"};
  for (const auto& r : regions) {
    for (const auto& i : industries) (void)marked(*b_, r, i);  // found on this snapshot
  }
  EXPECT_EQ(marked(*b_, "320000", "BCD"), "");
  Import(std::string(kHeader) + kA + ",2025-01,output_value,5000,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  ASSERT_TRUE(snap->incremental);
  const Catalog& cat = b_->workspace().catalog();
  auto kept = [&](const char* region, const char* industry) {
    return snap->statuses->Find({cat.FindIndicator("output_value"), MakePeriod(2025, 1),
                                 cat.regions().Find(region), cat.FindIndustry(industry)});
  };
  // 洛阳's chemicals: neither it nor its tables hold A. 洛阳's total: its table (Henan's cities)
  // does, so only its own findings come over. 郑州 holds A: nothing.
  EXPECT_TRUE(kept("410300", "26").status.has_value());
  EXPECT_TRUE(kept("410300", "BCD").primary.has_value());
  EXPECT_FALSE(kept("410300", "BCD").status.has_value());
  EXPECT_FALSE(kept("410100", "BCD").primary.has_value());
  EXPECT_EQ(marked(*b_, "410100", "BCD"), "dominance");
  EXPECT_EQ(marked(*b_, "410000", "BCD"), "dominance");
  EXPECT_EQ(marked(*b_, "100000", "BCD"), "");
  EXPECT_EQ(marked(*b_, "320000", "BCD"), "secondary");
  // Every cell the same as a process that builds the panel afresh finds.
  ASSERT_OK_AND_ASSIGN(auto fresh, Ballast::Open(db_.locator()));
  for (const auto& r : regions) {
    for (const auto& i : industries)
      EXPECT_EQ(marked(*b_, r, i), marked(*fresh, r, i)) << r << " " << i;
  }
}

// Disclosure control's passes over a table's parent are kept by block (app/contribution_
// passes.h): after a revision of one enterprise, the next snapshot makes again the block that
// holds it, not the whole pass, and finds what a process building everything afresh finds.
// 4,500 firms in 郑州 and 100 in 苏州 (two blocks of 4,096), 100 each in January; then one of
// 郑州's revised to 3,000,000: Henan is dominated, and so is the country (3,000,000 of
// 3,459,900 is 86.7 %).
TEST_F(IncrementalTest, DisclosurePassesAreKeptByBlockAcrossARevision) {
  std::string firms = "uscc,name,region,industry,size,tags\n";
  std::string rows = kHeader;
  std::string first;
  for (int k = 0; k < 4600; ++k) {
    const std::string region = k < 4500 ? "410102" : "320506";
    const std::string uscc = ::ballast::testing::TestUscc(region, k);
    if (k == 0) first = uscc;
    firms += uscc + ",企业" + std::to_string(k) + "," + region + "," +
             (k % 2 == 0 ? "3311" : "2614") + ",small,\n";
    rows += uscc + ",2025-01,output_value,100,,,\n";
  }
  Import(firms, "e2.csv");
  Import(rows, "o1.csv");
  auto table = [](Ballast& b, const std::string& region, const std::string& dim) {
    TableRequest r;
    r.indicator = "output_value";
    r.measures = {"value"};
    r.period = "2025-01";
    r.region = region;
    r.dim = dim;
    std::map<std::string, std::string> out;  // row code -> marker; "" the parent
    auto a = QueryTable(b, Caller::Local("t"), r);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    if (!a.ok()) return out;
    out[""] = a->parent.row.would_suppress;
    for (const Row& row : a->rows) out[row.label.code] = row.would_suppress;
    return out;
  };
  const std::vector<std::pair<std::string, std::string>> tables = {
      {"100000", "region"}, {"100000", "industry"}, {"410000", "region"}, {"410000", "industry"}};
  for (const auto& [region, dim] : tables) EXPECT_EQ(table(*b_, region, dim).at(""), "");
  ASSERT_OK_AND_ASSIGN(auto before, b_->workspace().GetSnapshot());
  ASSERT_GT(before->contributions->size(), 0u);
  Import(std::string(kHeader) + first + ",2025-01,output_value,3000000,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto snap, b_->workspace().GetSnapshot());
  ASSERT_TRUE(snap->incremental);
  const size_t carried = snap->contributions->size();
  EXPECT_GT(carried, 0u) << "the passes over two blocks were not carried";
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> kept;
  for (const auto& t : tables) kept[t] = table(*b_, t.first, t.second);
  EXPECT_EQ(snap->contributions->size(), carried) << "a pass was made afresh, not resumed";
  const auto& country = kept[{"100000", "region"}];
  EXPECT_EQ(country.at(""), "dominance");
  EXPECT_EQ(country.at("410000"), "dominance");
  ASSERT_OK_AND_ASSIGN(auto fresh, Ballast::Open(db_.locator()));
  for (const auto& t : tables)
    EXPECT_EQ(kept[t], table(*fresh, t.first, t.second)) << t.first << " by " << t.second;
}

// The changes along snapshots (app/snapshot_changes.h): which enterprises the batches since
// any earlier snapshot the chain reaches moved, and none across a new list of enterprises.
TEST_F(IncrementalTest, SnapshotsSayWhichEnterprisesMoved) {
  Import(std::string(kHeader) + kA + ",2025-01,output_value,100,,,\n" + kA +
             ",2025-03,output_value,100,,,\n" + kB + ",2025-01,output_value,50,,,\n" + kC +
             ",2025-01,output_value,7,,,\n",
         "o1.csv");
  ASSERT_OK_AND_ASSIGN(auto first, b_->workspace().GetSnapshot());
  Import(std::string(kHeader) + kA + ",2025-01,output_value,110,,,\n", "r1.csv");
  ASSERT_OK_AND_ASSIGN(auto second, b_->workspace().GetSnapshot());
  // C's value again (moves nothing); B's revenue in a month nobody reported revenue for.
  Import(
      std::string(kHeader) + kC + ",2025-01,output_value,7,,,\n" + kB + ",2025-02,revenue,80,,,\n",
      "r2.csv");
  ASSERT_OK_AND_ASSIGN(auto third, b_->workspace().GetSnapshot());
  ASSERT_TRUE(third->incremental);
  const Panel& panel = *third->panel;
  auto at = [&](const char* uscc) { return static_cast<uint32_t>(panel.FindEnterprise(uscc)); };
  const auto& cat = panel.catalog();
  const auto output = static_cast<size_t>(cat.FindIndicator("output_value"));
  const auto revenue = static_cast<size_t>(cat.FindIndicator("revenue"));

  auto since_first = ChangesSince(*third, first->through);
  ASSERT_TRUE(since_first.has_value());
  std::vector<uint32_t> moved{at(kA), at(kB)};
  std::sort(moved.begin(), moved.end());
  EXPECT_EQ(since_first->enterprises, moved);
  EXPECT_TRUE(since_first->data_periods[revenue]);
  EXPECT_FALSE(since_first->data_periods[output]);
  auto since_second = ChangesSince(*third, second->through);
  ASSERT_TRUE(since_second.has_value());
  EXPECT_EQ(since_second->enterprises, std::vector<uint32_t>{at(kB)});
  auto none = ChangesSince(*third, third->through);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->enterprises.empty());
  EXPECT_FALSE(ChangesSince(*third, third->through + 100).has_value());

  // A new enterprise: indices move, so nothing is known across it.
  Import(
      "uscc,name,region,industry,size,tags\n914103000000000033,丁机械有限公司,410102,3311,"
      "small,\n",
      "e2.csv");
  ASSERT_OK_AND_ASSIGN(auto fourth, b_->workspace().GetSnapshot());
  EXPECT_FALSE(ChangesSince(*fourth, third->through).has_value());
}

}  // namespace
}  // namespace ballast::app
