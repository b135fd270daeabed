#include "service/appeal.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

class AppealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = WorkCalendar::Default();
    ASSERT_TRUE(c.ok());
    cal_ = std::move(c).value();
    a_.id = 1;
    a_.uscc = "91310110666007217T";
    a_.title = "续贷";
    a_.description = "贷款续贷困难";
    a_.category = "financing";
    ASSERT_TRUE(ValidateNewAppeal(a_).ok());
  }
  Status Step(Action action, unsigned parties, std::string unit = "", std::string reason = "") {
    StepInput in;
    in.action = action;
    in.parties = parties;
    in.actor = "u";
    in.now = "2024-09-27T02:00:00Z";
    in.unit = std::move(unit);
    in.reason = std::move(reason);
    in.reply = "已协调";
    in.satisfaction = "satisfied";
    in.solved = true;
    in.days = 3;
    auto e = ApplyStep(a_, in, cal_);
    return e.status();
  }
  WorkCalendar cal_;
  AppealRecord a_;
};

TEST_F(AppealTest, FullLoopWithDeadlinesOnTheCalendar) {
  ASSERT_TRUE(Step(Action::kAccept, kDispatcher).ok());
  ASSERT_TRUE(Step(Action::kDispatch, kDispatcher, "省地方金融监管局").ok());
  EXPECT_EQ(a_.state, "dispatched");
  EXPECT_EQ(a_.response_due, "2024-09-29");  // 1 working day: the make-up Sunday
  EXPECT_EQ(a_.due, "2024-10-12");           // 7 working days (simple, the default)
  ASSERT_TRUE(Step(Action::kStart, kUnit).ok());
  ASSERT_TRUE(Step(Action::kRequestExtension, kUnit, "", "需要银行评审").ok());
  ASSERT_TRUE(Step(Action::kApproveExtension, kDispatcher).ok());
  EXPECT_EQ(a_.due, "2024-10-16");  // +3 working days after Sat 10-12: Mon 10-14, 10-15, 10-16
  ASSERT_TRUE(Step(Action::kReply, kUnit).ok());
  ASSERT_TRUE(Step(Action::kRate, kEnterprise).ok());
  ASSERT_TRUE(Step(Action::kClose, kDispatcher).ok());
  EXPECT_EQ(a_.state, "closed");
}

TEST_F(AppealTest, IllegalTransitionsAndPartiesAreRefused) {
  EXPECT_EQ(Step(Action::kRate, kEnterprise).code(),
            StatusCode::kFailedPrecondition);  // no reply yet
  EXPECT_EQ(Step(Action::kAccept, kEnterprise).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(Step(Action::kAccept, kDispatcher).ok());
  ASSERT_TRUE(Step(Action::kDispatch, kDispatcher, "A").ok());
  EXPECT_EQ(Step(Action::kReturn, kUnit).code(),
            StatusCode::kInvalidArgument);  // a reason is required
  ASSERT_TRUE(Step(Action::kStart, kUnit).ok());
  EXPECT_EQ(Step(Action::kRate, kEnterprise).code(),
            StatusCode::kFailedPrecondition);  // rating without reply
  EXPECT_EQ(Step(Action::kReply, kDispatcher).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(a_.state, "in_progress");  // refused steps change nothing
}

TEST_F(AppealTest, ReassignLoopAndReopenOnce) {
  ASSERT_TRUE(Step(Action::kAccept, kDispatcher).ok());
  ASSERT_TRUE(Step(Action::kDispatch, kDispatcher, "A").ok());
  ASSERT_TRUE(Step(Action::kReassign, kDispatcher, "B", "不属本单位职责").ok());
  EXPECT_EQ(Step(Action::kReassign, kDispatcher, "B", "again").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(Step(Action::kReassign, kDispatcher, "A", "回到A").ok());
  EXPECT_EQ(a_.unit, "A");
  ASSERT_TRUE(Step(Action::kStart, kUnit).ok());
  ASSERT_TRUE(Step(Action::kReply, kUnit).ok());
  StepInput rate;
  rate.action = Action::kRate;
  rate.parties = kEnterprise;
  rate.actor = "e";
  rate.now = "2024-10-08T01:00:00Z";
  rate.satisfaction = "dissatisfied";
  rate.solved = false;
  ASSERT_TRUE(ApplyStep(a_, rate, cal_).ok());
  ASSERT_TRUE(Step(Action::kReopen, kEnterprise).ok());
  EXPECT_EQ(a_.state, "dispatched");
  EXPECT_EQ(a_.reopen_count, 1);
  ASSERT_TRUE(Step(Action::kStart, kUnit).ok());
  ASSERT_TRUE(Step(Action::kReply, kUnit).ok());
  ASSERT_TRUE(ApplyStep(a_, rate, cal_).ok());
  EXPECT_EQ(a_.escalations, 1);  // the second "not solved" escalates
  EXPECT_EQ(Step(Action::kReopen, kEnterprise).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Step(Action::kReopen, kDispatcher).ok());
}

TEST_F(AppealTest, DescriptionLimit) {
  AppealRecord a;
  a.title = "t";
  a.description = std::string(4000, 'x');
  EXPECT_TRUE(ValidateNewAppeal(a).ok());
  a.description = std::string(4001, 'x');
  EXPECT_EQ(ValidateNewAppeal(a).code(), StatusCode::kInvalidArgument);
  a.description.clear();
  for (int i = 0; i < 4000; ++i) a.description += "诉";  // 4,000 characters, 12,000 bytes
  EXPECT_TRUE(ValidateNewAppeal(a).ok());
  a.description += "求";
  EXPECT_FALSE(ValidateNewAppeal(a).ok());
  a.description = "ok";
  a.attachments = "../etc/passwd";
  EXPECT_FALSE(ValidateNewAppeal(a).ok());
}

TEST(TransitionTableTest, EveryActionOnceAndNamesRoundTrip) {
  EXPECT_EQ(TransitionTable().size(), 15u);
  for (size_t i = 0; i < TransitionTable().size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(TransitionTable()[i].action), i);
    EXPECT_EQ(ParseAction(ActionName(TransitionTable()[i].action)), TransitionTable()[i].action);
  }
  EXPECT_EQ(ParseState("in_progress"), State::kInProgress);
}

// A factor-guarantee item (要素保障) runs the same table: it enters accepted, and the answer closes
// it at once (no enterprise rates it, so no rating window); rating and reopening are no steps.
TEST_F(AppealTest, FactorItemsCloseWithoutARatingWindow) {
  EXPECT_EQ(EntryState(Subject::kFactor), State::kAccepted);
  EXPECT_EQ(EntryState(Subject::kAppeal), State::kSubmitted);
  AppealRecord f;
  f.id = 7;
  f.state = "accepted";
  auto step = [&](Action a, unsigned parties, const std::string& now) {
    StepInput in;
    in.subject = Subject::kFactor;
    in.action = a;
    in.parties = parties;
    in.actor = "u";
    in.now = now;
    in.unit = "市自然资源局";
    in.reply = "指标已下达";
    in.deadlines.simple = 10;
    in.satisfaction = "satisfied";
    return ApplyStep(f, in, cal_).status();
  };
  ASSERT_TRUE(step(Action::kDispatch, kDispatcher, "2024-09-27T02:00:00Z").ok());
  // Fri 09-27 + 10 working days: 09-29 (make-up Sunday), 09-30, 10-08, 10-09, 10-10, 10-11,
  // 10-12 (make-up Saturday), 10-14, 10-15, 10-16.
  EXPECT_EQ(f.due, "2024-10-16");
  ASSERT_TRUE(step(Action::kStart, kUnit, "2024-09-27T03:00:00Z").ok());
  ASSERT_TRUE(step(Action::kReply, kUnit, "2024-09-27T04:00:00Z").ok());
  EXPECT_EQ(f.rating_due, "");
  EXPECT_EQ(step(Action::kRate, kEnterprise, "2024-09-27T05:00:00Z").code(),
            StatusCode::kInvalidArgument);
  // The same day: an appeal would wait for its rating window; a factor item closes.
  ASSERT_TRUE(step(Action::kClose, kDispatcher, "2024-09-27T05:00:00Z").ok());
  EXPECT_EQ(f.state, "closed");
  EXPECT_EQ(f.satisfaction, "");
  EXPECT_EQ(step(Action::kReopen, kDispatcher, "2024-09-27T06:00:00Z").code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ballast::service
