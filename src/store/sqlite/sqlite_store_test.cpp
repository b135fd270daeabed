#include <gtest/gtest.h>

#include <filesystem>

#include "testing/testing.h"
#include "store/store.h"

namespace ballast {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_ / "s.db").string();
  }
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
  static ObservationChunk Chunk(const std::string& ind, Period p, std::vector<EnterpriseId> ids, double v) {
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
  ::ballast::testing::TempDir tmp_;
  std::filesystem::path dir_ = tmp_.path();
  std::string path_;
};

TEST_F(SqliteStoreTest, CreateOpenAndCatalogs) {
  ASSERT_TRUE(CreateSqliteStore(path_, Texts()).ok());
  EXPECT_EQ(CreateSqliteStore(path_, Texts()).status().code(), StatusCode::kAlreadyExists);
  auto s = OpenSqliteStore(path_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto texts = (*s)->LoadCatalogTexts();
  ASSERT_TRUE(texts.ok());
  EXPECT_EQ(texts->regions, "code,name\n");
  EXPECT_EQ(OpenSqliteStore((dir_ / "missing.db").string()).status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, EnterpriseVersionsAndVintages) {
  auto s = std::move(CreateSqliteStore(path_, Texts())).value();
  BatchInfo b1 = Batch("h1");
  b1.kind = "enterprises";
  EnterpriseRecord e{"91310110666007217T", "甲公司",   "410102", "1311", "large",
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

TEST_F(SqliteStoreTest, PricesAndRatesReplaceTheSameKey) {
  auto s = std::move(CreateSqliteStore(path_, Texts())).value();
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

TEST_F(SqliteStoreTest, ScanRespectsAsOfAndOrder) {
  auto s = std::move(CreateSqliteStore(path_, Texts())).value();
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

TEST_F(SqliteStoreTest, FailedBatchWritesNothing) {
  auto s = std::move(CreateSqliteStore(path_, Texts())).value();
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

}  // namespace
}  // namespace ballast
