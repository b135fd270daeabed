#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

// Runs against the store of testing/test_store.h: SQLite, or PostgreSQL under scripts/pg-test.sh.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { path_ = db_.locator(); }
  static Store::CatalogTexts Texts() { return {"code,name\n", "code,name\n", "code\n"}; }
  static BatchInfo Batch(const std::string& sha) {
    BatchInfo b;
    b.kind = "observations";
    b.file_name = "f.csv";
    b.sha256 = sha;
    b.format = "csv-utf8";
    b.user = "test";
    return b;
  }
  static ObservationChunk Chunk(const std::string& ind, Period p, std::vector<EnterpriseId> ids,
                                double v) {
    ObservationChunk c;
    c.indicator = ind;
    c.period = p;
    c.enterprise = std::move(ids);
    c.value.assign(c.size(), v);
    c.ytd.assign(c.size(), kMissing);
    c.prior.assign(c.size(), kMissing);
    c.prior_ytd.assign(c.size(), kMissing);
    return c;
  }
  // Stand-ins for the keyed hash and the head's MAC that show what they covered.
  static std::string Seal(const AuditEntry& e) {
    return "h" + std::to_string(e.id) + "<" + e.prev_hash;
  }
  static std::string Mac(const AuditHead& h) {
    return "m" + std::to_string(h.entries) + "/" + std::to_string(h.last_id);
  }
  static AuditEntry Entry(const std::string& actor) {
    AuditEntry e;
    e.ts = "2026-12-04T00:00:00Z";
    e.actor = actor;
    e.scheme = kAuditSchemeKeyed;
    return e;
  }
  ::ballast::testing::TestStore db_;
  std::filesystem::path dir_ = db_.dir().path();
  std::string path_;
};

TEST_F(StoreTest, CreateOpenAndCatalogs) {
  ASSERT_TRUE(CreateStore(path_, Texts()).ok());
  EXPECT_EQ(CreateStore(path_, Texts()).status().code(), StatusCode::kAlreadyExists);
  auto s = OpenStore(path_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto texts = (*s)->LoadCatalogTexts();
  ASSERT_TRUE(texts.ok());
  EXPECT_EQ(texts->regions, "code,name\n");
  if (!db_.postgres()) {
    EXPECT_EQ(OpenStore((dir_ / "missing.db").string()).status().code(), StatusCode::kNotFound);
  }
}

TEST_F(StoreTest, EnterpriseVersionsAndVintages) {
  auto s = std::move(CreateStore(path_, Texts())).value();
  BatchInfo b1 = Batch("h1");
  b1.kind = "enterprises";
  EnterpriseRecord e{"91310110666007217T", "甲公司",  "410102",    "1311", "large",
                     {"专精特新", "链主"}, "2024-03", std::nullopt};
  auto w1 = s->WriteBatch(b1, {e}, {});
  ASSERT_TRUE(w1.ok()) << w1.status().ToString();
  e.region = "410103";
  // A version that does not give a roster field keeps the latest one's.
  e.entered = std::nullopt;
  e.exited = "2025-06";
  BatchInfo b2 = Batch("h2");
  b2.kind = "enterprises";
  auto w2 = s->WriteBatch(b2, {e}, {});
  ASSERT_TRUE(w2.ok());
  auto v1 = s->LoadEnterprises(w1->id);
  auto v2 = s->LoadEnterprises(kLatestBatch);
  ASSERT_EQ(v1->size(), 1u);
  ASSERT_EQ(v2->size(), 1u);
  EXPECT_EQ((*v1)[0].record.region, "410102");
  EXPECT_EQ((*v2)[0].record.region, "410103");
  EXPECT_EQ((*v2)[0].record.tags, (std::vector<std::string>{"专精特新", "链主"}));
  EXPECT_EQ((*v1)[0].record.entered, "2024-03");
  EXPECT_EQ((*v1)[0].record.exited, "");
  EXPECT_EQ((*v2)[0].record.entered, "2024-03");
  EXPECT_EQ((*v2)[0].record.exited, "2025-06");
  EXPECT_EQ((*v1)[0].id, (*v2)[0].id);
  auto found = s->FindBatchByHash("h2");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, w2->id);
}

TEST_F(StoreTest, PricesAndRatesReplaceTheSameKey) {
  auto s = std::move(CreateStore(path_, Texts())).value();
  ASSERT_OK(s->WritePrices({{"C", 24300, 101.5}, {"BCD", 24300, 100.2}}));
  ASSERT_OK(s->WritePrices({{"C", 24300, 99.0}, {"C", 24301, 98.0}}));
  auto prices = s->LoadPrices();
  ASSERT_TRUE(prices.ok());
  ASSERT_EQ(prices->size(), 3u);  // ordered by industry, period
  EXPECT_EQ((*prices)[0].industry, "BCD");
  EXPECT_EQ((*prices)[1].index, 99.0);
  EXPECT_EQ((*prices)[2].period, 24301);
  ASSERT_OK(s->WriteVaRates({{"13", 20.0}, {"C", 25.0}}));
  ASSERT_OK(s->WriteVaRates({{"13", 22.5}}));
  auto rates = s->LoadVaRates();
  ASSERT_TRUE(rates.ok());
  ASSERT_EQ(rates->size(), 2u);
  EXPECT_EQ((*rates)[0].industry, "13");
  EXPECT_EQ((*rates)[0].rate, 22.5);
  EXPECT_EQ((*rates)[1].rate, 25.0);
}

TEST_F(StoreTest, ScanRespectsAsOfAndOrder) {
  auto s = std::move(CreateStore(path_, Texts())).value();
  auto a = s->WriteBatch(Batch("a"), {}, {Chunk("output_value", 100, {1, 2}, 10)});
  auto b = s->WriteBatch(Batch("b"), {}, {Chunk("output_value", 100, {2}, 20)});
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<std::pair<BatchId, double>> seen;
  ASSERT_TRUE(s->ScanObservations(a->id, [&](BatchId id, ObservationChunk&& c) {
                 seen.emplace_back(id, c.value[0]);
                 return Status::Ok();
               }).ok());
  ASSERT_EQ(seen.size(), 1u);
  seen.clear();
  ASSERT_TRUE(s->ScanObservations(kLatestBatch, [&](BatchId id, ObservationChunk&& c) {
                 seen.emplace_back(id, c.value[0]);
                 return Status::Ok();
               }).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].first, a->id);
  EXPECT_EQ(seen[1].second, 20);
}

TEST_F(StoreTest, FailedBatchWritesNothing) {
  auto s = std::move(CreateStore(path_, Texts())).value();
  // Two chunks with the same key violate the primary key half-way through the batch.
  auto r = s->WriteBatch(Batch("dup"), {}, {Chunk("x", 1, {1}, 1), Chunk("x", 1, {2}, 2)});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(s->ListBatches()->empty());
  int chunks = 0;
  ASSERT_TRUE(s->ScanObservations(kLatestBatch, [&](BatchId, ObservationChunk&&) {
                 ++chunks;
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(chunks, 0);
  // The store stays usable after the rollback.
  EXPECT_TRUE(s->WriteBatch(Batch("ok"), {}, {Chunk("x", 1, {1}, 1)}).ok());
}

// Two connections (two processes' stores) appending at once: every entry links to the one
// before it, with no id taken twice (the chain stays linear).
TEST_F(StoreTest, ConcurrentAuditAppendsKeepTheChainLinear) {
  ASSERT_OK(CreateStore(path_, Texts()));
  ASSERT_OK_AND_ASSIGN(auto a, OpenStore(path_));
  ASSERT_OK_AND_ASSIGN(auto b, OpenStore(path_));
  auto seal = [](const AuditEntry& e) { return "h" + std::to_string(e.id) + "<" + e.prev_hash; };
  constexpr int kEach = 40;
  std::atomic<int> failures{0};
  auto writer = [&](Store* s, const char* actor) {
    for (int i = 0; i < kEach; ++i) {
      AuditEntry e;
      e.ts = "2026-11-30T00:00:00Z";
      e.actor = actor;
      e.scheme = kAuditSchemeLegacy;
      if (!s->AppendAudit(e, seal).ok()) ++failures;
    }
  };
  std::thread ta(writer, a.get(), "a"), tb(writer, b.get(), "b");
  ta.join();
  tb.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_OK_AND_ASSIGN(auto log, a->ListAudit(0, 0));
  ASSERT_EQ(log.size(), 2u * kEach);
  std::string prev(64, '0');
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].id, static_cast<int64_t>(i + 1));
    EXPECT_EQ(log[i].prev_hash, prev) << "entry " << log[i].id;
    EXPECT_EQ(log[i].hash, "h" + std::to_string(i + 1) + "<" + prev);
    prev = log[i].hash;
  }
}

// Several entries in one append (the group commit of auth/audit_queue.h): consecutive ids, each
// linked to the one before it, the head counting them all and naming the last; a group the log
// refuses writes none of its entries.
TEST_F(StoreTest, AGroupOfAuditEntriesIsAppendedInOrderOrNotAtAll) {
  ASSERT_OK_AND_ASSIGN(auto s, CreateStore(path_, Texts()));
  auto* seal = &Seal;
  auto* mac = &Mac;
  auto* entry = &Entry;
  ASSERT_OK(s->AppendAudit(entry("first"), seal, mac));
  ASSERT_OK_AND_ASSIGN(auto written,
                       s->AppendAudits({entry("a"), entry("b"), entry("c")}, seal, mac));
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(written[0].id, 2);
  EXPECT_EQ(written[2].id, 4);
  ASSERT_OK_AND_ASSIGN(auto log, s->ListAudit(0, 0));
  ASSERT_EQ(log.size(), 4u);
  // By hand: h1 over 64 zeros, then each links to the hash before it.
  EXPECT_EQ(log[0].hash, "h1<" + std::string(64, '0'));
  EXPECT_EQ(log[1].prev_hash, log[0].hash);
  EXPECT_EQ(log[1].hash, "h2<" + log[0].hash);
  EXPECT_EQ(log[2].hash, "h3<h2<" + log[0].hash);
  EXPECT_EQ(log[3].hash, "h4<h3<h2<" + log[0].hash);
  EXPECT_EQ(log[3].actor, "c");
  ASSERT_OK_AND_ASSIGN(auto head, s->GetAuditHead());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->entries, 4);
  EXPECT_EQ(head->last_id, 4);
  EXPECT_EQ(head->last_hash, log[3].hash);
  EXPECT_EQ(head->keyed_from, 1);
  EXPECT_EQ(head->mac, "m4/4");
  // A keyed log refuses unkeyed entries: the whole group, none of it written.
  auto refused = s->AppendAudits({entry("x"), entry("y")}, seal, nullptr);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(log, s->ListAudit(0, 0));
  EXPECT_EQ(log.size(), 4u);
  ASSERT_OK_AND_ASSIGN(written, s->AppendAudits({}, seal, mac));
  EXPECT_TRUE(written.empty());
}

// The audit connection of a PostgreSQL store (OpenAuditStore) appends to the same chain as the
// store's own: entries written through either, in turn, get consecutive ids, each linked to the
// one before it, and one head. A SQLite file has no second writer.
TEST_F(StoreTest, TheAuditConnectionAppendsToTheStoresChain) {
  ASSERT_OK_AND_ASSIGN(auto s, CreateStore(path_, Texts()));
  if (!db_.postgres()) {
    EXPECT_EQ(OpenAuditStore(path_).status().code(), StatusCode::kFailedPrecondition);
    return;
  }
  ASSERT_OK_AND_ASSIGN(auto audit, OpenAuditStore(path_));
  ASSERT_OK(s->AppendAudit(Entry("store"), Seal, Mac));
  ASSERT_OK_AND_ASSIGN(auto written, audit->AppendAudits({Entry("a"), Entry("b")}, Seal, Mac));
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[0].id, 2);
  ASSERT_OK(s->AppendAudit(Entry("store again"), Seal, Mac));
  ASSERT_OK_AND_ASSIGN(auto log, audit->ListAudit(0, 0));
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[3].hash, "h4<h3<h2<h1<" + std::string(64, '0'));
  EXPECT_EQ(log[3].actor, "store again");
  ASSERT_OK_AND_ASSIGN(auto head, s->GetAuditHead());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->entries, 4);
  EXPECT_EQ(head->last_hash, log[3].hash);
  EXPECT_EQ(head->mac, "m4/4");
}

// Enterprises of a later batch: known codes keep their id, new codes get the next ids in the
// order of the file.
TEST_F(StoreTest, NewEnterprisesGetTheNextIdsInFileOrder) {
  ASSERT_OK_AND_ASSIGN(auto s, CreateStore(path_, Texts()));
  BatchInfo b1 = Batch("e1");
  b1.kind = "enterprises";
  b1.rows = 2;
  EnterpriseRecord x{"X", "x", "410102", "1311", "large", {}, std::nullopt, std::nullopt},
      y{"Y", "y", "410102", "1311", "large", {}, std::nullopt, std::nullopt},
      z{"Z", "z", "410102", "1311", "small", {"t"}, std::nullopt, std::nullopt};
  ASSERT_OK(s->WriteBatch(b1, {y, x}, {}));
  BatchInfo b2 = Batch("e2");
  b2.kind = "enterprises";
  b2.rows = 2;
  ASSERT_OK(s->WriteBatch(b2, {z, x}, {}));
  ASSERT_OK_AND_ASSIGN(auto ids, s->EnterpriseIds());
  std::map<std::string, EnterpriseId> by_code(ids.begin(), ids.end());
  EXPECT_EQ(by_code, (std::map<std::string, EnterpriseId>{{"Y", 1}, {"X", 2}, {"Z", 3}}));
  ASSERT_OK_AND_ASSIGN(auto found, s->FindEnterprise("Z"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->record.tags, std::vector<std::string>{"t"});
  EXPECT_OK(s->CheckIntegrity());
}

// `ballast init` on PostgreSQL: an existing, empty database only.
TEST_F(StoreTest, CreateRefusesADatabaseWithOtherTables) {
  if (!db_.postgres()) GTEST_SKIP() << "PostgreSQL only (set BALLAST_TEST_PG)";
  const std::string other = db_.Another();
  EXPECT_EQ(OpenStore(other).status().code(), StatusCode::kFailedPrecondition);  // empty
  { ASSERT_OK_AND_ASSIGN(auto s, CreateStore(other, Texts())); }
  EXPECT_EQ(CreateStore(other, Texts()).status().code(), StatusCode::kAlreadyExists);
  // A database that holds something else is neither written to nor opened.
  const std::string foreign = db_.Another();
  ::ballast::testing::TestStore::RunSql(foreign, "CREATE TABLE theirs (x INT)");
  EXPECT_EQ(CreateStore(foreign, Texts()).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(OpenStore(foreign).status().code(), StatusCode::kFailedPrecondition);
  ::ballast::testing::TestStore::RunSql(foreign,
                                        "DROP TABLE theirs");  // untouched: nothing else there
}

// PostgreSQL tells every other process of a committed batch (LISTEN/NOTIFY), not of a failed one.
TEST_F(StoreTest, OtherProcessesAreToldOfCommittedBatches) {
  ASSERT_OK_AND_ASSIGN(auto writer, CreateStore(path_, Texts()));
  ASSERT_OK_AND_ASSIGN(auto reader, OpenStore(path_));
  EXPECT_FALSE(reader->BatchesMayHaveChanged());
  auto told_within_two_seconds = [&] {
    for (int i = 0; i < 40; ++i) {
      if (reader->BatchesMayHaveChanged()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  EXPECT_FALSE(
      writer->WriteBatch(Batch("dup"), {}, {Chunk("x", 1, {1}, 1), Chunk("x", 1, {2}, 2)}).ok());
  EXPECT_FALSE(reader->BatchesMayHaveChanged());
  ASSERT_OK(writer->WriteBatch(Batch("ok"), {}, {Chunk("x", 1, {1}, 1)}));
  EXPECT_EQ(told_within_two_seconds(), db_.postgres());  // SQLite: not known, the caller polls
  EXPECT_FALSE(reader->BatchesMayHaveChanged());         // once per batch
}

}  // namespace
}  // namespace ballast
