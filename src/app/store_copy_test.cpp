// `ballast copy` SQLite → (PostgreSQL under scripts/pg-test.sh, else SQLite) → SQLite: the
// batches, users, audit chain, alerts and appeals come back the same and verify.
#include "app/store_copy.h"

#include <gtest/gtest.h>

#include "app/ballast.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,专精特新\n"
    "91310115591693856A,乙食品有限公司,410102,1311,medium,\n";
constexpr const char* kObservations =
    "uscc,period,indicator,value,ytd,prior,prior_ytd\n"
    "91310110666007217T,2025-03,output_value,1200.5,,1000,\n"
    "91310115591693856A,2025-03,output_value,400,,1000,\n";

struct Picture {
  std::vector<BatchInfo> batches;
  std::vector<UserRecord> users;
  std::vector<AuditEntry> audit;
  std::vector<AlertRecord> alerts;
};

void ExpectSame(const Picture& a, const Picture& b) {
  ASSERT_EQ(a.batches.size(), b.batches.size());
  for (size_t i = 0; i < a.batches.size(); ++i) {
    EXPECT_EQ(a.batches[i].id, b.batches[i].id);
    EXPECT_EQ(a.batches[i].sha256, b.batches[i].sha256);
    EXPECT_EQ(a.batches[i].created_at, b.batches[i].created_at);
    EXPECT_EQ(a.batches[i].user, b.batches[i].user);
    EXPECT_EQ(a.batches[i].rows, b.batches[i].rows);
  }
  ASSERT_EQ(a.users.size(), b.users.size());
  for (size_t i = 0; i < a.users.size(); ++i) {
    EXPECT_EQ(a.users[i].id, b.users[i].id);
    EXPECT_EQ(a.users[i].username, b.users[i].username);
    EXPECT_EQ(a.users[i].password_hash, b.users[i].password_hash);
    EXPECT_EQ(a.users[i].disabled, b.users[i].disabled);
  }
  ASSERT_EQ(a.audit.size(), b.audit.size());
  for (size_t i = 0; i < a.audit.size(); ++i) {
    EXPECT_EQ(a.audit[i].id, b.audit[i].id);
    EXPECT_EQ(a.audit[i].hash, b.audit[i].hash);
    EXPECT_EQ(a.audit[i].detail, b.audit[i].detail);
  }
  ASSERT_EQ(a.alerts.size(), b.alerts.size());
  for (size_t i = 0; i < a.alerts.size(); ++i) {
    EXPECT_EQ(a.alerts[i].id, b.alerts[i].id);
    EXPECT_EQ(a.alerts[i].value, b.alerts[i].value);  // doubles exactly
    EXPECT_EQ(a.alerts[i].message_zh, b.alerts[i].message_zh);
  }
}

Picture Take(const std::string& locator, const std::string& key) {
  Picture p;
  OpenOptions o;
  o.audit_key_path = key;
  auto b = Ballast::Open(locator, o);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  if (!b.ok()) return p;
  EXPECT_OK((*b)->workspace().CheckIntegrity());
  EXPECT_OK((*b)->auth().VerifyAudit());
  p.batches = std::move((*b)->workspace().Batches()).value();
  p.users = std::move((*b)->auth().ListUsers()).value();
  p.audit = std::move((*b)->auth().ListAudit(0, 0)).value();
  AlertFilter f;
  f.include_closed = true;
  p.alerts = std::move((*b)->warnings().ListAlerts(f)).value();
  return p;
}

TEST(StoreCopyTest, SqliteToTheOtherStoreAndBackKeepsEverything) {
  ::ballast::testing::TestStore db;
  ::ballast::testing::TempDir dir;
  const std::string first = dir.File("first.db"), last = dir.File("last.db");
  const std::string key = dir.File("first.key");
  {
    OpenOptions o;
    o.audit_key_path = key;
    ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(first, o));
    ASSERT_OK(b->auth().AddUser({"ana", "password-ana-123", "analyst", "410100", "", ""}, "t"));
    ASSERT_OK(b->auth().AddUser({"vic", "password-vic-123", "viewer", "410100", "", ""}, "t"));
    ASSERT_OK(b->auth().SetDisabled("vic", true, "t"));
    ASSERT_OK(b->Import(Caller::Local("t"), kEnterprises, "e.csv"));
    ASSERT_OK(b->Import(Caller::Local("t"), kObservations, "o.csv"));
  }
  const Picture original = Take(first, key);
  ASSERT_GE(original.audit.size(), 3u);
  ASSERT_EQ(original.batches.size(), 2u);

  const std::string middle = db.Another();
  const std::string middle_key = dir.File("middle.key"), last_key = dir.File("last.key");
  ASSERT_OK_AND_ASSIGN(auto there, CopyWholeStore(first, middle, key, middle_key));
  EXPECT_EQ(there.key_copied_to, middle_key);
  ExpectSame(original, Take(middle, middle_key));
  // New ids on the copy continue after the copied ones (PostgreSQL's sequences follow).
  {
    OpenOptions o;
    o.audit_key_path = middle_key;
    ASSERT_OK_AND_ASSIGN(auto b, Ballast::Open(middle, o));
    ASSERT_OK_AND_ASSIGN(
        auto u, b->auth().AddUser({"new", "password-new-123", "viewer", "410100", "", ""}, "t"));
    EXPECT_EQ(u.id, original.users.back().id + 1);
  }
  ASSERT_OK(CopyWholeStore(middle, last, middle_key, last_key));
  const Picture back = Take(last, last_key);
  ASSERT_EQ(back.users.size(), original.users.size() + 1);
  EXPECT_EQ(back.batches.size(), original.batches.size());
  EXPECT_OK(Ballast::Open(last,
                          [&] {
                            OpenOptions o;
                            o.audit_key_path = last_key;
                            return o;
                          }())
                .status());

  // A target that exists is refused and left alone.
  EXPECT_EQ(CopyWholeStore(first, last, key, last_key).status().code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace ballast::app
