// The composition root: one clock for the whole program, set by the test.
#include "app/ballast.h"

#include <gtest/gtest.h>

#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kEnterprises =
    "uscc,name,region,industry,size,tags\n"
    "91310110666007217T,甲装备有限公司,410102,3311,large,\n";

TEST(BallastTest, OneInjectableClockForEveryDomain) {
  ::ballast::testing::TestStore db;
  // 00:30 UTC on 1 February is 08:30 in Beijing: the same month either way, and a day the test
  // can recognise in every record.
  FixedClock clock(*ParseUtc("2026-02-01T00:30:00Z"));
  OpenOptions options;
  options.clock = &clock;
  ASSERT_OK_AND_ASSIGN(auto b, Ballast::Create(db.locator(), options));
  EXPECT_EQ(&b->clock(), &clock);
  ASSERT_OK_AND_ASSIGN(auto imported, b->Import(Caller::Local("t"), kEnterprises, "e.csv"));
  ASSERT_TRUE(imported.evaluation.has_value());
  EXPECT_EQ(imported.evaluation->evaluated_at, "2026-02-01T00:30:00Z");  // warnings
  NewAppeal n;
  n.uscc = "91310110666007217T";
  n.category = "financing";
  n.title = "贷款续贷";
  n.description = "流动资金贷款到期续贷";
  n.contact = "x";
  n.channel = "phone";
  ASSERT_OK_AND_ASSIGN(auto filed, b->service().FileAppeal(SystemCaller(), n));
  EXPECT_EQ(filed.appeal.filed_at, "2026-02-01T00:30:00Z");  // service
  clock.Advance(3600);
  ASSERT_OK_AND_ASSIGN(auto again, b->warnings().Evaluate());
  EXPECT_EQ(again.evaluated_at, "2026-02-01T01:30:00Z");
  // Sessions expire by the same clock (auth).
  ASSERT_OK(b->auth().AddUser({"u", "password-u-123", "viewer", "410100", "", ""}, "t"));
  ASSERT_OK_AND_ASSIGN(auto session, b->auth().Login("u", "password-u-123", "t"));
  EXPECT_EQ(b->auth().Now(), clock.Now());
  clock.Advance(13 * 3600);  // past the absolute lifetime of 12 hours
  EXPECT_FALSE(b->auth().Authenticate(session.token).ok());
}

}  // namespace
}  // namespace ballast::app
