#include "auth/auth_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>

#include "auth/crypto.h"
#include "store/store.h"
#include "testing/testing.h"

namespace ballast::auth {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<Catalog>(std::move(Catalog::Embedded()).value());
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()),
                              std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    store_ = std::move(CreateSqliteStore(path(), texts)).value();
    auth_ = std::make_unique<AuthService>(*store_, mu_, *catalog_, AuthOptions{},
                                          [this] { return now_; });
    ASSERT_TRUE(
        auth_->AddUser({"zz", "correct horse 1", "analyst", "410100", "", ""}, "test").ok());
  }
  std::string path() const { return (dir_ / "s.db").string(); }

  ::ballast::testing::TempDir tmp_;
  std::filesystem::path dir_ = tmp_.path();
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Store> store_;
  std::mutex mu_;
  int64_t now_ = 1'800'000'000;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthTest, PasswordsAreArgon2id) {
  auto users = auth_->ListUsers();
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].password_hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u)
      << (*users)[0].password_hash;
  EXPECT_TRUE(VerifyPassword("correct horse 1", (*users)[0].password_hash));
  EXPECT_FALSE(VerifyPassword("correct horse 2", (*users)[0].password_hash));
}

TEST_F(AuthTest, LoginAuthenticateLogoutAndReplay) {
  auto s = auth_->Login("zz", "correct horse 1", "127.0.0.1");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->token.size(), 64u);  // 256 bits
  auto p = auth_->Authenticate(s->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->role, Role::kAnalyst);
  EXPECT_EQ(p->region_code, "410100");
  // A second login gets a fresh token.
  auto s2 = auth_->Login("zz", "correct horse 1", "127.0.0.1");
  EXPECT_NE(s2->token, s->token);
  ASSERT_TRUE(auth_->Logout(*p, "127.0.0.1").ok());
  EXPECT_EQ(auth_->Authenticate(s->token).status().code(),
            StatusCode::kUnauthenticated);           // replay refused
  EXPECT_TRUE(auth_->Authenticate(s2->token).ok());  // the other session lives on
  EXPECT_EQ(auth_->Authenticate("not-a-token").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AuthTest, IdleAndAbsoluteExpiry) {
  auto s = auth_->Login("zz", "correct horse 1", "a");
  now_ += 29 * 60;
  EXPECT_TRUE(auth_->Authenticate(s->token).ok());  // refreshes the idle clock
  now_ += 29 * 60;
  EXPECT_TRUE(auth_->Authenticate(s->token).ok());
  now_ += 31 * 60;
  EXPECT_FALSE(auth_->Authenticate(s->token).ok());  // idle for 31 minutes
  auto t = auth_->Login("zz", "correct horse 1", "a");
  for (int i = 0; i < 26; ++i) {  // active every 28 minutes, past the 12-hour limit
    now_ += 28 * 60;
    if (i < 25) {
      EXPECT_TRUE(auth_->Authenticate(t->token).ok()) << i;
    }
  }
  EXPECT_FALSE(auth_->Authenticate(t->token).ok());
}

TEST_F(AuthTest, BruteForceIsThrottledPerAccountAndPerAddress) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->Login("zz", "guess" + std::to_string(i), "10.0.0.1").status().code(),
              StatusCode::kUnauthenticated);
  }
  // Locked: even the right password is refused, from any address.
  EXPECT_EQ(auth_->Login("zz", "correct horse 1", "10.0.0.2").status().code(),
            StatusCode::kResourceExhausted);
  now_ += 15 * 60 + 1;
  EXPECT_TRUE(auth_->Login("zz", "correct horse 1", "10.0.0.2").ok());
  // One address trying many accounts is locked too.
  for (int i = 0; i < 5; ++i) auth_->Login("user" + std::to_string(i), "x", "10.0.0.9");
  EXPECT_EQ(auth_->Login("zz", "correct horse 1", "10.0.0.9").status().code(),
            StatusCode::kResourceExhausted);
}

TEST_F(AuthTest, DisablingOrNewPasswordEndsSessions) {
  auto s = auth_->Login("zz", "correct horse 1", "a");
  ASSERT_TRUE(auth_->SetDisabled("zz", true, "admin").ok());
  EXPECT_FALSE(auth_->Authenticate(s->token).ok());
  EXPECT_FALSE(auth_->Login("zz", "correct horse 1", "a").ok());
  ASSERT_TRUE(auth_->SetDisabled("zz", false, "admin").ok());
  auto t = auth_->Login("zz", "correct horse 1", "a");
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE(auth_->SetPassword("zz", "battery staple 2", "admin").ok());
  EXPECT_FALSE(auth_->Authenticate(t->token).ok());
  EXPECT_TRUE(auth_->Login("zz", "battery staple 2", "a").ok());
}

TEST_F(AuthTest, RejectsBadUsers) {
  EXPECT_FALSE(
      auth_->AddUser({"zz", "correct horse 1", "analyst", "", "", ""}, "t").ok());  // exists
  EXPECT_FALSE(auth_->AddUser({"a b", "correct horse 1", "analyst", "", "", ""}, "t").ok());
  EXPECT_FALSE(auth_->AddUser({"y", "short", "analyst", "", "", ""}, "t").ok());
  EXPECT_FALSE(auth_->AddUser({"y", "correct horse 1", "king", "", "", ""}, "t").ok());
  EXPECT_FALSE(auth_->AddUser({"y", "correct horse 1", "analyst", "999999", "", ""}, "t").ok());
  EXPECT_FALSE(
      auth_->AddUser({"y", "correct horse 1", "handler", "", "", ""}, "t").ok());  // no unit
  EXPECT_FALSE(
      auth_->AddUser({"y", "correct horse 1", "enterprise", "", "", "x"}, "t").ok());  // no uscc
}

TEST_F(AuthTest, AuditChainDetectsTampering) {
  auth_->Login("zz", "wrong password", "a");
  auth_->Login("zz", "correct horse 1", "a");
  ASSERT_TRUE(auth_->VerifyAudit().ok());
  auto entries = auth_->ListAudit(0, 0);
  ASSERT_GE(entries->size(), 3u);  // user.add, failed login, login
  EXPECT_EQ((*entries)[1].result, "failure");
  // The table refuses updates; a tamperer who drops the guard still breaks the chain.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET result = 'success' WHERE id = 2", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(
          db,
          "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET result = 'success' WHERE id = 2",
          nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  Status st = auth_->VerifyAudit();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("entry 2"), std::string::npos) << st.message();
}

// With an opener, audit groups are written on the store it opens (one connection, opened once):
// a group is written while the service's mutex, which every session lookup takes, is held
// elsewhere, and the chain it extends verifies.
TEST_F(AuthTest, AuditGroupsOnTheirOwnStoreDoNotWaitForTheServiceMutex) {
  ASSERT_TRUE(auth_->SetAuditKey(std::string(32, 'k')).ok());
  int opened = 0;
  auth_->SetAuditStoreOpener([&]() -> Result<std::unique_ptr<AuthStore>> {
    ++opened;
    ASSIGN_OR_RETURN(std::unique_ptr<Store> s, OpenSqliteStore(path()));
    return std::unique_ptr<AuthStore>(std::move(s));
  });
  {
    std::unique_lock<std::mutex> held(mu_);
    auto written = std::async(std::launch::async, [&] {
      return auth_->Audit({"zz", "analyst", "a", "enterprise.read", "x", "success", ""});
    });
    const bool done = written.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    held.unlock();  // without the store of its own, the group is written only now
    EXPECT_TRUE(done) << "the audit group waited for the service's mutex";
    EXPECT_TRUE(written.get().ok());
  }
  ASSERT_TRUE(auth_->Audit({"zz", "analyst", "a", "enterprise.read", "y", "success", ""}).ok());
  EXPECT_EQ(opened, 1);
  EXPECT_TRUE(auth_->VerifyAudit().ok());
  auto entries = auth_->ListAudit(0, 0);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);  // user.add, x, y
  EXPECT_EQ((*entries)[1].target, "x");
  EXPECT_EQ((*entries)[2].target, "y");
  EXPECT_EQ((*entries)[2].scheme, kAuditSchemeKeyed);
}

// An opener that fails is tried once; the groups are then written on the service's store.
TEST_F(AuthTest, AuditGroupsStayOnTheServiceStoreWhenTheirOwnCannotOpen) {
  int tries = 0;
  auth_->SetAuditStoreOpener([&]() -> Result<std::unique_ptr<AuthStore>> {
    ++tries;
    return Status::Io("no connection");
  });
  ASSERT_TRUE(auth_->Audit({"zz", "analyst", "a", "enterprise.read", "x", "success", ""}).ok());
  ASSERT_TRUE(auth_->Audit({"zz", "analyst", "a", "enterprise.read", "y", "success", ""}).ok());
  EXPECT_EQ(tries, 1);
  EXPECT_TRUE(auth_->VerifyAudit().ok());
  auto entries = auth_->ListAudit(0, 0);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[2].target, "y");
}

}  // namespace
}  // namespace ballast::auth
