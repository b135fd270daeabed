#include "service/joint.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

class JointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = WorkCalendar::Default();
    ASSERT_TRUE(c.ok());
    cal_ = std::move(c).value();
    a_.id = 7;
    a_.region = "410102";
    a_.state = "in_progress";
    a_.unit = "省工业和信息化厅";
  }
  JointStep As(unsigned parties, std::string unit = "") {
    return {parties, "u", std::move(unit), kNow};
  }
  static constexpr const char* kNow = "2024-09-27T02:00:00Z";  // Friday 10:00 in Beijing
  WorkCalendar cal_;
  AppealRecord a_;
};

TEST_F(JointTest, PartDeadlineRunsOnWorkingDays) {
  JointPartRecord p;
  // Default 5 working days from Fri 2024-09-27: Sun 09-29 (make-up day), Mon 09-30, then the
  // National Day holiday (10-01…10-07), 10-08, 10-09, 10-10.
  auto e = AddPart(a_, {}, As(kUnit), "省商务厅", "出口信保政策", 0, cal_, p);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(p.due, "2024-10-10");
  EXPECT_EQ(p.state, "open");
  EXPECT_EQ(e->action, "co_unit_add");
  EXPECT_EQ(e->unit, "省商务厅");
  EXPECT_EQ(e->from_state, e->to_state);  // joint handling changes no state
  ASSERT_TRUE(AddPart(a_, {}, As(kDispatcher), "省商务厅", "q", 3, cal_, p).ok());
  EXPECT_EQ(p.due, "2024-10-08");  // 09-29, 09-30, 10-08
}

TEST_F(JointTest, OnlyDispatcherOrLeadAddsAndOnlyWhileHandled) {
  JointPartRecord p;
  EXPECT_EQ(AddPart(a_, {}, As(kCoUnit, "省商务厅"), "省科技厅", "q", 0, cal_, p).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(
      AddPart(a_, {}, As(kEnterprise | kOfficial), "省科技厅", "q", 0, cal_, p).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(AddPart(a_, {}, As(kUnit), a_.unit, "q", 0, cal_, p).status().code(),
            StatusCode::kInvalidArgument);  // the lead is no co-unit
  EXPECT_EQ(AddPart(a_, {}, As(kUnit), "省科技厅", "", 0, cal_, p).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddPart(a_, {}, As(kUnit), "省科技厅", "q", 31, cal_, p).status().code(),
            StatusCode::kInvalidArgument);
  JointPartRecord open;
  open.unit = "省科技厅";
  open.state = "open";
  EXPECT_EQ(AddPart(a_, {open}, As(kUnit), "省科技厅", "q", 0, cal_, p).status().code(),
            StatusCode::kFailedPrecondition);
  open.state = "waived";  // a waived part may be asked again
  EXPECT_TRUE(AddPart(a_, {open}, As(kUnit), "省科技厅", "q", 0, cal_, p).ok());
  for (const char* s : {"submitted", "accepted", "returned", "replied", "rated", "closed"}) {
    a_.state = s;
    EXPECT_EQ(AddPart(a_, {}, As(kDispatcher), "省科技厅", "q", 0, cal_, p).status().code(),
              StatusCode::kFailedPrecondition)
        << s;
  }
}

TEST_F(JointTest, OnlyTheCoUnitAnswersItsOwnPart) {
  JointPartRecord p;
  ASSERT_TRUE(AddPart(a_, {}, As(kUnit), "省商务厅", "q", 0, cal_, p).ok());
  p.id = 3;
  EXPECT_EQ(AnswerPart(a_, As(kUnit, a_.unit), "x", p).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AnswerPart(a_, As(kDispatcher), "x", p).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(AnswerPart(a_, As(kCoUnit, "省科技厅"), "x", p).status().code(),
            StatusCode::kPermissionDenied);  // a co-unit of the appeal, but not of this part
  EXPECT_EQ(p.state, "open");
  auto e = AnswerPart(a_, As(kCoUnit, "省商务厅"), "可申报出口信保补贴", p);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(p.state, "answered");
  EXPECT_EQ(e->body, "可申报出口信保补贴");
  EXPECT_EQ(e->party, "co_unit");
  a_.state = "replied";
  EXPECT_EQ(AnswerPart(a_, As(kCoUnit, "省商务厅"), "y", p).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(JointTest, WaiverNeedsAReasonAndAnOpenPart) {
  JointPartRecord p;
  ASSERT_TRUE(AddPart(a_, {}, As(kUnit), "省商务厅", "q", 0, cal_, p).ok());
  EXPECT_EQ(WaivePart(a_, As(kUnit), "", p).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(WaivePart(a_, As(kCoUnit, "省商务厅"), "r", p).status().code(),
            StatusCode::kPermissionDenied);
  auto e = WaivePart(a_, As(kUnit), "已由牵头单位查明", p);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(p.state, "waived");
  EXPECT_EQ(p.waive_reason, "已由牵头单位查明");
  EXPECT_EQ(e->reason, "已由牵头单位查明");
  EXPECT_EQ(WaivePart(a_, As(kUnit), "again", p).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(JointTest, ReplyWaitsForOpenPartsOnly) {
  std::vector<JointPartRecord> parts(3);
  parts[0].unit = "A";
  parts[0].state = "answered";
  parts[1].unit = "B";
  parts[1].state = "open";
  parts[2].unit = "C";
  parts[2].state = "waived";
  EXPECT_EQ(OutstandingUnits(parts), std::vector<std::string>{"B"});
  StepInput in;
  in.action = Action::kReply;
  in.parties = kUnit;
  in.actor = "u";
  in.now = kNow;
  in.reply = "已协调";
  in.outstanding_parts = OutstandingUnits(parts);
  auto refused = ApplyStep(a_, in, cal_);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("B"), std::string::npos);
  EXPECT_EQ(a_.state, "in_progress");  // unchanged
  in.outstanding_parts.clear();
  ASSERT_TRUE(ApplyStep(a_, in, cal_).ok());
  EXPECT_EQ(a_.state, "replied");
}

TEST_F(JointTest, CoUnitTakesNoStepOfTheLoop) {
  for (const auto& t : TransitionTable()) {
    EXPECT_EQ(t.parties & kCoUnit, 0u) << ActionName(t.action);
  }
}

TEST_F(JointTest, OverdueParts) {
  JointPartRecord p;
  p.state = "open";
  p.due = "2024-10-10";
  EXPECT_FALSE(IsPartOverdue(p, *ParseDay("2024-10-10")));
  EXPECT_TRUE(IsPartOverdue(p, *ParseDay("2024-10-11")));
  p.state = "answered";
  EXPECT_FALSE(IsPartOverdue(p, *ParseDay("2024-10-11")));
}

TEST_F(JointTest, NoticeNumberDeadlineAndAnswer) {
  NoticeRecord n;
  auto e = NewNotice(a_, a_.unit, "二次不满意", 0, "system", "2024-12-31T17:00:00Z", cal_, n);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  n.id = 12;
  // 2025-01-01 01:00 in Beijing: the year of the number is Beijing's. 3 working days from
  // New Year's Day (a holiday): 01-02, 01-03, then Mon 01-06.
  EXPECT_EQ(NoticeNumber(n), "督办〔2025〕12号");
  EXPECT_EQ(n.due, "2025-01-06");
  EXPECT_EQ(e->party, "system");
  EXPECT_EQ(NoticeStatus(n, *ParseDay("2025-01-06")), "open");
  EXPECT_EQ(NoticeStatus(n, *ParseDay("2025-01-07")), "overdue");
  EXPECT_EQ(AnswerNotice(false, "h", "done", kNow, n).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AnswerNotice(true, "h", "", kNow, n).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(AnswerNotice(true, "h", "已约谈企业", kNow, n).ok());
  EXPECT_EQ(NoticeStatus(n, *ParseDay("2025-01-07")), "answered");
  EXPECT_EQ(AnswerNotice(true, "h", "again", kNow, n).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(NewNotice(a_, "", "r", 0, "d", kNow, cal_, n).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ballast::service
