// The 会办 and 督办 tables of the service store (migration 016), on SQLite and PostgreSQL alike:
// a save inserts or rewrites its row and appends the history event in one transaction.
#include <gtest/gtest.h>

#include "store/open.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast {
namespace {

class ServiceJointStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = db_.locator();
    ASSERT_OK_AND_ASSIGN(main_, CreateStore(path, {"code,name\n", "code,name\n", "code\n"}));
    ASSERT_OK_AND_ASSIGN(store_, OpenServiceStore(path));
    for (int i = 0; i < 2; ++i) {
      AppealRecord a;
      a.uscc = "91310110666007217T";
      a.region = "410102";
      a.category = "financing";
      a.title = "t";
      a.description = "d";
      a.state = "in_progress";
      a.unit = "lead";
      AppealEventRecord e;
      e.action = "file";
      ASSERT_OK_AND_ASSIGN(auto saved, store_->InsertAppeal(a, e));
      ids_[i] = saved.id;
    }
  }
  void TearDown() override {
    store_.reset();
    main_.reset();
  }
  static AppealEventRecord Event(const char* action) {
    AppealEventRecord e;
    e.at = "2024-09-27T02:00:00Z";
    e.actor = "u";
    e.party = "unit";
    e.action = action;
    e.from_state = e.to_state = "in_progress";
    return e;
  }
  JointPartRecord Part(int64_t appeal, const char* unit) {
    JointPartRecord p;
    p.appeal_id = appeal;
    p.unit = unit;
    p.question = "问题";
    p.due = "2024-10-10";
    p.state = "open";
    p.added_by = "fin";
    p.added_at = "2024-09-27T02:00:00Z";
    return p;
  }
  ::ballast::testing::TestStore db_;
  std::unique_ptr<Store> main_;
  std::unique_ptr<ServiceStore> store_;
  int64_t ids_[2] = {0, 0};
};

TEST_F(ServiceJointStoreTest, PartsRoundTripWithTheirEvents) {
  ASSERT_OK_AND_ASSIGN(auto p1,
                       store_->SaveJointPart(Part(ids_[0], "省商务厅"), Event("co_unit_add")));
  ASSERT_OK_AND_ASSIGN(auto p2,
                       store_->SaveJointPart(Part(ids_[0], "省科学技术厅"), Event("co_unit_add")));
  ASSERT_OK(store_->SaveJointPart(Part(ids_[1], "省商务厅"), Event("co_unit_add")).status());
  EXPECT_GT(p1.id, 0);
  EXPECT_GT(p2.id, p1.id);
  p1.state = "answered";
  p1.answer = "答复，含\n换行";
  p1.answered_by = "com";
  p1.answered_at = "2024-09-28T02:00:00Z";
  ASSERT_OK(store_->SaveJointPart(p1, Event("co_unit_answer")).status());
  ASSERT_OK_AND_ASSIGN(auto of_a, store_->ListJointParts(ids_[0], ""));
  ASSERT_EQ(of_a.size(), 2u);
  EXPECT_EQ(of_a[0].id, p1.id);
  EXPECT_EQ(of_a[0].state, "answered");
  EXPECT_EQ(of_a[0].answer, "答复，含\n换行");
  EXPECT_EQ(of_a[0].answered_at, "2024-09-28T02:00:00Z");
  EXPECT_EQ(of_a[0].due, "2024-10-10");
  EXPECT_EQ(of_a[1].unit, "省科学技术厅");
  ASSERT_OK_AND_ASSIGN(auto of_unit, store_->ListJointParts(0, "省商务厅"));
  EXPECT_EQ(of_unit.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto one, store_->ListJointParts(ids_[1], "省商务厅"));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].appeal_id, ids_[1]);
  ASSERT_OK_AND_ASSIGN(auto events, store_->AppealEvents(ids_[0]));
  ASSERT_EQ(events.size(), 4u);  // file, two adds, one answer
  EXPECT_EQ(events[3].action, "co_unit_answer");
  EXPECT_EQ(events[3].appeal_id, ids_[0]);
}

TEST_F(ServiceJointStoreTest, AnUnknownRowIsNotFoundAndWritesNoEvent) {
  JointPartRecord ghost = Part(ids_[0], "x");
  ghost.id = 999;
  EXPECT_EQ(store_->SaveJointPart(ghost, Event("co_unit_answer")).status().code(),
            StatusCode::kNotFound);
  NoticeRecord n;
  n.id = 999;
  n.appeal_id = ids_[0];
  EXPECT_EQ(store_->SaveNotice(n, Event("notice_answer")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetNotice(999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetNotice(0).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto events, store_->AppealEvents(ids_[0]));
  EXPECT_EQ(events.size(), 1u);  // only the filing: the failed saves rolled back
}

TEST_F(ServiceJointStoreTest, NoticesRoundTrip) {
  NoticeRecord n;
  n.appeal_id = ids_[1];
  n.region = "410102";
  n.unit = "lead";
  n.reason = "二次不满意";
  n.due = "2024-10-14";
  n.state = "open";
  n.created_by = "system";
  n.created_at = "2024-10-10T04:00:00Z";
  ASSERT_OK_AND_ASSIGN(auto saved, store_->SaveNotice(n, Event("notice")));
  ASSERT_OK_AND_ASSIGN(auto got, store_->GetNotice(saved.id));
  EXPECT_EQ(got.reason, "二次不满意");
  EXPECT_EQ(got.region, "410102");
  EXPECT_EQ(got.created_by, "system");
  got.state = "answered";
  got.answer = "已办";
  ASSERT_OK(store_->SaveNotice(got, Event("notice_answer")).status());
  ASSERT_OK_AND_ASSIGN(got, store_->GetNotice(saved.id));
  EXPECT_EQ(got.state, "answered");
  EXPECT_EQ(got.answer, "已办");
  ASSERT_OK_AND_ASSIGN(auto by_unit, store_->ListNotices(0, "lead"));
  EXPECT_EQ(by_unit.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto other, store_->ListNotices(ids_[0], ""));
  EXPECT_TRUE(other.empty());
  ASSERT_OK_AND_ASSIGN(auto none, store_->ListNotices(0, "另一单位"));
  EXPECT_TRUE(none.empty());
}

// An escalation and its 督办 notice are written in one transaction (UpdateAppeal with a notice):
// both land, or, when the notice's write fails, neither the appeal's update nor any event does.
TEST_F(ServiceJointStoreTest, AnEscalationAndItsNoticeAreOneTransaction) {
  ASSERT_OK_AND_ASSIGN(AppealRecord a, store_->GetAppeal(ids_[0]));
  NoticeRecord n;
  n.region = "410102";
  n.unit = "lead";
  n.reason = "请加快办理";
  n.due = "2024-10-02";
  n.state = "open";
  n.created_by = "disp";
  n.created_at = "2024-09-27T02:00:00Z";
  AppealRecord escalated = a;
  escalated.escalations = 1;
  AppealEventRecord escalate = Event("escalate");
  escalate.appeal_id = ids_[0];
  // A notice write that fails (here: a rewrite of a notice that does not exist).
  NoticeWrite bad{n, Event("notice")};
  bad.notice.id = 999;
  EXPECT_EQ(store_->UpdateAppeal(escalated, a.version, {escalate}, &bad).status().code(),
            StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(AppealRecord after, store_->GetAppeal(ids_[0]));
  EXPECT_EQ(after.version, a.version);
  EXPECT_EQ(after.escalations, 0);
  ASSERT_OK_AND_ASSIGN(auto events, store_->AppealEvents(ids_[0]));
  EXPECT_EQ(events.size(), 1u);  // only the filing
  // The same with a new notice: the appeal, its escalate event, the notice and its event.
  NoticeWrite good{n, Event("notice")};
  ASSERT_OK_AND_ASSIGN(after, store_->UpdateAppeal(escalated, a.version, {escalate}, &good));
  EXPECT_EQ(after.version, a.version + 1);
  EXPECT_GT(good.notice.id, 0);
  EXPECT_EQ(good.notice.appeal_id, ids_[0]);
  ASSERT_OK_AND_ASSIGN(auto stored, store_->GetNotice(good.notice.id));
  EXPECT_EQ(stored.reason, "请加快办理");
  ASSERT_OK_AND_ASSIGN(events, store_->AppealEvents(ids_[0]));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].action, "escalate");
  EXPECT_EQ(events[2].action, "notice");
  // Without a notice, as before.
  escalated.escalations = 2;
  ASSERT_OK(store_->UpdateAppeal(escalated, after.version, {escalate}, nullptr).status());
  ASSERT_OK_AND_ASSIGN(auto notices, store_->ListNotices(ids_[0], ""));
  EXPECT_EQ(notices.size(), 1u);
}

}  // namespace
}  // namespace ballast
