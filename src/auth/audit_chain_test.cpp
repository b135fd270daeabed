// The keyed audit chain, its head record and the key file; login throttling shared through the
// store.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include "auth/audit_key.h"
#include "auth/auth_service.h"
#include "store/store.h"
#include "testing/testing.h"

namespace ballast::auth {
namespace {

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(std::move(Catalog::Embedded()).value());
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                              std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    ASSERT_OK_AND_ASSIGN(store_, CreateSqliteStore(db(), texts));
    ASSERT_OK_AND_ASSIGN(key_, LoadOrCreateAuditKey(DefaultAuditKeyPath(db()), true));
    auth_ = Service(*store_);
    ASSERT_OK(auth_->SetAuditKey(key_));
    ASSERT_OK(auth_->AddUser({"zz", "correct horse 1", "analyst", "410100", "", ""}, "test"));
    auth_->Login("zz", "wrong password", "a").status();
    ASSERT_OK(auth_->Login("zz", "correct horse 1", "a"));
    ASSERT_OK(auth_->Audit({"zz", "analyst", "a", "import", "f.csv", "success", "rows=3"}));
  }
  std::string db() const { return dir_.File("s.db"); }
  std::unique_ptr<AuthService> Service(AuthStore& store) {
    return std::make_unique<AuthService>(store, mu_, *catalog_, AuthOptions{},
                                         [this] { return now_; });
  }
  // What someone holding only the store file can do: run SQL on it, the guards dropped.
  void Sql(const std::string& sql) {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &h), SQLITE_OK);
    char* err = nullptr;
    const std::string all =
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " +
        sql;
    EXPECT_EQ(sqlite3_exec(h, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(h);
  }
  // Rewrites every entry from `from` on with `rehash`, keeping the chain consistent.
  void Rewrite(int64_t from, const std::function<void(AuditEntry&)>& rehash) {
    auto entries = std::move(store_->ListAudit(0, 0)).value();
    std::string prev =
        from > 1 ? entries[static_cast<size_t>(from - 2)].hash : std::string(64, '0');
    for (auto& e : entries) {
      if (e.id < from) continue;
      if (e.id == from) e.detail = "rewritten";
      e.prev_hash = prev;
      rehash(e);
      prev = e.hash;
      Sql("UPDATE audit_log SET detail = '" + e.detail + "', prev_hash = '" + e.prev_hash +
          "', hash = '" + e.hash + "', scheme = '" + e.scheme +
          "' WHERE id = " + std::to_string(e.id));
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Store> store_;
  std::mutex mu_;
  int64_t now_ = 1'800'000'000;
  std::string key_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuditChainTest, KeyedEntriesVerifyAndTheKeyFileIsPrivate) {
  EXPECT_OK(auth_->VerifyAudit());
  ASSERT_OK_AND_ASSIGN(auto entries, auth_->ListAudit(0, 0));
  ASSERT_EQ(entries.size(), 4u);  // user.add, failed login, login, import
  for (const auto& e : entries) EXPECT_EQ(e.scheme, "hmac-sha256") << e.id;
  ASSERT_OK_AND_ASSIGN(auto head, store_->GetAuditHead());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->entries, 4);
  EXPECT_EQ(head->last_id, 4);
  EXPECT_EQ(head->keyed_from, 1);
  struct stat st {};
  ASSERT_EQ(::stat(DefaultAuditKeyPath(db()).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(key_.size(), 32u);
  ASSERT_OK_AND_ASSIGN(auto again, LoadOrCreateAuditKey(DefaultAuditKeyPath(db()), false));
  EXPECT_EQ(again, key_);
}

TEST_F(AuditChainTest, RewrittenEntryTextFails) {
  Sql("UPDATE audit_log SET detail = 'rows=300' WHERE id = 4");
  Status st = auth_->VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("entry 4"), std::string::npos) << st.message();
}

TEST_F(AuditChainTest, ChainRecomputedWithoutTheKeyFails) {
  // With the unkeyed hash, as the old scheme allowed.
  Rewrite(2, [](AuditEntry& e) {
    e.scheme = "sha256";
    e.hash = AuditHash(e);
  });
  Status st = auth_->VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("entry 2"), std::string::npos) << st.message();
  // With a guessed key.
  Rewrite(2, [](AuditEntry& e) {
    e.scheme = "hmac-sha256";
    e.hash = KeyedAuditHash(e, std::string(32, 'k'));
  });
  st = auth_->VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("entry 2"), std::string::npos) << st.message();
}

TEST_F(AuditChainTest, RemovingTheNewestEntriesFails) {
  Sql("DELETE FROM audit_log WHERE id >= 3");  // what remains is a valid chain
  Status st = auth_->VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("newest 2 entries were removed"), std::string::npos) << st.message();
  // Appending after the truncation does not hide it.
  ASSERT_OK(auth_->Audit({"zz", "analyst", "a", "logout", "zz", "success", ""}));
  EXPECT_FALSE(auth_->VerifyAudit().ok());
  // Nor does removing the head record.
  Sql("DELETE FROM audit_head");
  st = auth_->VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("head record is missing"), std::string::npos) << st.message();
}

TEST_F(AuditChainTest, WrongKeyFails) {
  testing::TempDir other;
  ASSERT_OK_AND_ASSIGN(auto wrong, LoadOrCreateAuditKey(other.File("k"), true));
  ASSERT_NE(wrong, key_);
  auto a = Service(*store_);
  Status st = a->SetAuditKey(wrong);  // refused before it writes an entry that could never verify
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_NE(st.message().find("does not match the audit key"), std::string::npos) << st.message();
  EXPECT_EQ(a->Audit({"x", "", "", "login", "x", "failure", ""}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_OK(auth_->VerifyAudit());
  // Without any key, a keyed log neither verifies nor takes entries.
  auto none = Service(*store_);
  EXPECT_EQ(none->VerifyAudit().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(none->Audit({"x", "", "", "login", "x", "failure", ""}).code(),
            StatusCode::kFailedPrecondition);
}

TEST(AuditLegacyTest, EntriesWrittenBeforeTheKeyStillVerify) {
  testing::TempDir dir;
  auto catalog = std::move(Catalog::Embedded()).value();
  Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                            std::string(Catalog::EmbeddedIndustriesCsv()),
                            std::string(Catalog::EmbeddedIndicatorsCsv())};
  ASSERT_OK_AND_ASSIGN(auto store, CreateSqliteStore(dir.File("s.db"), texts));
  std::mutex mu;
  AuthService legacy(*store, mu, catalog);  // as before audit keys
  ASSERT_OK(legacy.AddUser({"zz", "correct horse 1", "analyst", "410100", "", ""}, "test"));
  ASSERT_OK(legacy.Audit({"zz", "analyst", "a", "import", "f.csv", "success", ""}));
  EXPECT_OK(legacy.VerifyAudit());
  ASSERT_OK_AND_ASSIGN(bool keyed, legacy.AuditLogKeyed());
  EXPECT_FALSE(keyed);

  ASSERT_OK_AND_ASSIGN(auto key, LoadOrCreateAuditKey(dir.File("s.db.audit-key"), true));
  AuthService now(*store, mu, catalog);
  ASSERT_OK(now.SetAuditKey(key));
  ASSERT_OK(now.Audit({"zz", "analyst", "a", "export", "t.xlsx", "success", ""}));
  EXPECT_OK(now.VerifyAudit());
  ASSERT_OK_AND_ASSIGN(auto entries, now.ListAudit(0, 0));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].scheme, "sha256");
  EXPECT_EQ(entries[1].scheme, "sha256");
  EXPECT_EQ(entries[2].scheme, "hmac-sha256");
  ASSERT_OK_AND_ASSIGN(auto head, store->GetAuditHead());
  EXPECT_EQ(head->keyed_from, 3);
  EXPECT_EQ(head->entries, 3);
  // A legacy entry is still checked: altering it fails.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("s.db").c_str(), &h), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(
          h, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'x' WHERE id = 1",
          nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(h);
  Status st = now.VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("entry 1"), std::string::npos) << st.message();
}

TEST(AuditKeyTest, MissingOpenOrMalformedKeyFilesAreRefused) {
  testing::TempDir dir;
  EXPECT_EQ(LoadOrCreateAuditKey(dir.File("none"), false).status().code(), StatusCode::kNotFound);
  dir.Write("open", std::string(64, 'a') + "\n");
  ASSERT_EQ(::chmod(dir.File("open").c_str(), 0644), 0);
  auto open = LoadOrCreateAuditKey(dir.File("open"), false);
  EXPECT_EQ(open.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(open.status().message().find("0600"), std::string::npos) << open.status().message();
  ASSERT_EQ(::chmod(dir.File("open").c_str(), 0600), 0);
  ASSERT_OK_AND_ASSIGN(auto key, LoadOrCreateAuditKey(dir.File("open"), false));
  EXPECT_EQ(key, std::string(32, '\xaa'));
  dir.Write("bad", "not a key\n");
  ASSERT_EQ(::chmod(dir.File("bad").c_str(), 0600), 0);
  EXPECT_EQ(LoadOrCreateAuditKey(dir.File("bad"), true).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(AuditChainTest, UserChangesAreAuditedWithAllTheirFields) {
  ASSERT_OK(
      auth_->AddUser({"firm", "correct horse 1", "enterprise", "410102", "", "91310110666007217T"},
                     "admin", "10.1.2.3"));
  ASSERT_OK(auth_->SetDisabled("firm", true, "admin"));
  ASSERT_OK(auth_->SetPassword("firm", "battery staple 2", "admin"));
  ASSERT_OK_AND_ASSIGN(auto entries, auth_->ListAudit(4, 0));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "user.add");
  EXPECT_EQ(entries[0].address, "10.1.2.3");
  EXPECT_EQ(entries[0].detail,
            "role=enterprise region=410102 unit= uscc=91310110666007217T disabled=no password=set");
  EXPECT_EQ(entries[1].action, "user.disable");
  EXPECT_EQ(entries[1].detail,
            "role=enterprise region=410102 unit= uscc=91310110666007217T disabled=yes");
  EXPECT_EQ(entries[2].action, "user.passwd");
  for (const auto& e : entries) {
    EXPECT_EQ(e.detail.find("correct horse"), std::string::npos);
    EXPECT_EQ(e.detail.find("battery staple"), std::string::npos);
  }
  EXPECT_OK(auth_->VerifyAudit());
}

TEST_F(AuditChainTest, ThrottlingIsSharedByProcessesAndSurvivesARestart) {
  // A second server process on the same store: its own connection and service.
  ASSERT_OK_AND_ASSIGN(auto other_store, OpenSqliteStore(db()));
  std::mutex other_mu;
  AuthService other(*other_store, other_mu, *catalog_, AuthOptions{}, [this] { return now_; });
  ASSERT_OK(other.SetAuditKey(key_));
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(auth_->Login("zz", "guess" + std::to_string(i), "10.0.0.1").ok());
  for (int i = 0; i < 2; ++i)
    EXPECT_FALSE(other.Login("zz", "guess" + std::to_string(i), "10.0.0.7").ok());
  // Five failures in all: both processes refuse even the right password.
  EXPECT_EQ(auth_->Login("zz", "correct horse 1", "10.0.0.2").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(other.Login("zz", "correct horse 1", "10.0.0.3").status().code(),
            StatusCode::kResourceExhausted);
  // A restart forgets nothing.
  auth_.reset();
  store_.reset();
  ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(db()));
  auth_ = Service(*store_);
  ASSERT_OK(auth_->SetAuditKey(key_));
  EXPECT_EQ(auth_->Login("zz", "correct horse 1", "10.0.0.4").status().code(),
            StatusCode::kResourceExhausted);
  now_ += 15 * 60 + 1;  // the window has passed
  EXPECT_OK(auth_->Login("zz", "correct horse 1", "10.0.0.4"));
  EXPECT_OK(auth_->VerifyAudit());
}

}  // namespace
}  // namespace ballast::auth
