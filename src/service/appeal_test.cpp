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
  EXPECT_EQ(Step(Action::kRate, kEnterprise).code(), StatusCode::kFailedPrecondition);  // no reply yet
  EXPECT_EQ(Step(Action::kAccept, kEnterprise).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(Step(Action::kAccept, kDispatcher).ok());
  ASSERT_TRUE(Step(Action::kDispatch, kDispatcher, "A").ok());
  EXPECT_EQ(Step(Action::kReturn, kUnit).code(), StatusCode::kInvalidArgument);  // a reason is required
  ASSERT_TRUE(Step(Action::kStart, kUnit).ok());
  EXPECT_EQ(Step(Action::kRate, kEnterprise).code(), StatusCode::kFailedPrecondition);  // rating without reply
  EXPECT_EQ(Step(Action::kReply, kDispatcher).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(a_.state, "in_progress");  // refused steps change nothing
}

TEST_F(AppealTest, ReassignLoopAndReopenOnce) {
  ASSERT_TRUE(Step(Action::kAccept, kDispatcher).ok());
  ASSERT_TRUE(Step(Action::kDispatch, kDispatcher, "A").ok());
  ASSERT_TRUE(Step(Action::kReassign, kDispatcher, "B", "不属本单位职责").ok());
  EXPECT_EQ(Step(Action::kReassign, kDispatcher, "B", "again").code(), StatusCode::kInvalidArgument);
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

}  // namespace
}  // namespace ballast::service
