// Joint handling (会办) and 督办 notices through app::Service on a real store (both stores), tried
// as each party would: the co-unit, the lead unit, the dispatcher, the enterprise, another
// appeal's co-unit and another city's unit of the same name.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "app/service.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";
constexpr const char* kCom = "省商务厅";

class ServiceJointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = db_.locator();
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Create(path));
    ASSERT_OK(ws_->Import("uscc,name,region,industry,size,tags\n"
                          "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
                          "91310115591693856A,乙食品有限公司,410102,1311,medium,\n",
                          "e.csv", "alice")
                  .status());
    auto& auth = ws_->auth();
    ASSERT_OK(auth.AddUser({"com", "correct horse battery 1", "handler", "410000", kCom, ""}, "t")
                  .status());
    ASSERT_OK(auth.AddUser({"fin", "correct horse battery 2", "handler", "410000",
                            "省地方金融监管局", ""},
                           "t")
                  .status());
    ASSERT_OK(
        auth.AddUser({"boss", "correct horse battery 3", "admin", "410000", "", ""}, "t").status());
    ASSERT_OK_AND_ASSIGN(s_, Service::Open(*ws_, path));
  }
  void TearDown() override {
    s_.reset();
    ws_.reset();
  }
  StepArgs At(const AppealRecord& a, const char* now, const char* reason = "") {
    return StepArgs{a.id, a.version, reason, now};
  }
  // Filed 09-26, dispatched Fri 2024-09-27 to 省地方金融监管局 (the catalogue's unit), started.
  AppealRecord InProgress(const char* uscc = kA) {
    NewAppeal n;
    n.category = "financing";
    n.title = "续贷";
    n.description = "流动资金贷款到期续贷困难";
    ServiceActor ent{"ent", auth::Role::kEnterprise, uscc, "", ""};
    auto a = s_->FileAppeal(ent, n, "2024-09-26T02:00:00Z").value().appeal;
    a = s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")).value();
    a = s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}).value();
    return s_->StartWork(fin_, At(a, "2024-09-27T03:00:00Z")).value();
  }
  AppealRecord Reload(const AppealRecord& a) { return s_->GetAppeal(disp_, a.id).value().appeal; }
  static bool Mentions(const AppealView& v, const std::string& text) {
    if (v.appeal.co_units.find(text) != std::string::npos) return true;
    return std::any_of(v.history.begin(), v.history.end(), [&](const AppealEventRecord& e) {
      return e.unit.find(text) != std::string::npos || e.reason.find(text) != std::string::npos ||
             e.body.find(text) != std::string::npos;
    });
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Service> s_;
  ServiceActor disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  ServiceActor fin_{"fin", auth::Role::kHandler, "", "省地方金融监管局", "410000"};
  ServiceActor com_{"com", auth::Role::kHandler, "", kCom, "410000"};
  ServiceActor far_{"far", auth::Role::kHandler, "", kCom, "419001"};  // 济源's unit of that name
  ServiceActor sci_{"sci", auth::Role::kHandler, "", "省科学技术厅", "410000"};
  ServiceActor entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
};

TEST_F(ServiceJointTest, CoUnitContributesLeadConsolidatesEnterpriseSeesOnlyTheReply) {
  AppealRecord a = InProgress();
  // Before it is a co-unit, 省商务厅 does not see the appeal at all.
  EXPECT_EQ(s_->GetAppeal(com_, a.id).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto part, s_->AddCoUnit(fin_, a.id, kCom, "出口信用保险保费补贴政策", 0,
                                                "2024-09-27T04:00:00Z"));
  EXPECT_EQ(part.due, "2024-10-10");  // 5 working days: 09-29, 09-30, 10-08, 10-09, 10-10
  // The co-unit reads the appeal now, and its own part; it takes no step of the loop.
  ASSERT_OK(s_->GetAppeal(com_, a.id).status());
  ASSERT_OK_AND_ASSIGN(auto jv, s_->Joint(com_, a.id));
  ASSERT_EQ(jv.parts.size(), 1u);
  a = Reload(a);
  EXPECT_EQ(s_->Reply(com_, At(a, "2024-09-28T01:00:00Z"), "商务厅直接答复").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->Return(com_, At(a, "2024-09-28T01:00:00Z", "x")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->Close(com_, At(a, "2024-09-28T01:00:00Z")).status().code(),
            StatusCode::kFailedPrecondition);  // not even in a closable state; and never its step
  EXPECT_TRUE(s_->AllowedActions(com_, a).empty());
  // The lead's reply waits for the open part.
  EXPECT_EQ(s_->Reply(fin_, At(a, "2024-09-28T01:00:00Z"), "已协调").status().code(),
            StatusCode::kFailedPrecondition);
  // Only 省商务厅 answers its part: not the lead, not another unit, not 济源's 省商务厅.
  EXPECT_EQ(s_->AnswerPart(fin_, a.id, part.id, "x").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->AnswerPart(far_, a.id, part.id, "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->AnswerPart(sci_, a.id, part.id, "x").status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(part,
                       s_->AnswerPart(com_, a.id, part.id, "可申报出口信保保费补贴，限额50万元",
                                      "2024-09-29T02:00:00Z"));
  EXPECT_EQ(part.state, "answered");
  a = Reload(a);
  ASSERT_OK_AND_ASSIGN(a, s_->Reply(fin_, At(a, "2024-09-30T02:00:00Z"),
                                    "经会办：续贷已协调；出口信保保费补贴可申报，限额50万元"));
  EXPECT_EQ(a.state, "replied");
  // Staff read the joint steps in the history; the enterprise reads the reply and nothing of it.
  ASSERT_OK_AND_ASSIGN(auto staff, s_->GetAppeal(disp_, a.id));
  EXPECT_TRUE(Mentions(staff, kCom));
  ASSERT_OK_AND_ASSIGN(auto ent, s_->GetAppeal(entA_, a.id));
  EXPECT_FALSE(Mentions(ent, kCom));
  EXPECT_FALSE(Mentions(ent, "可申报出口信保保费补贴，限额50万元"));  // the contribution itself
  ASSERT_EQ(ent.replies.size(), 1u);
  EXPECT_EQ(ent.replies[0].body, "经会办：续贷已协调；出口信保保费补贴可申报，限额50万元");
  EXPECT_TRUE(ent.appeal.co_units.empty());
  ASSERT_OK_AND_ASSIGN(auto ej, s_->Joint(entA_, a.id));
  EXPECT_TRUE(ej.parts.empty());
  EXPECT_TRUE(ej.notices.empty());
  // Once replied, the co-unit cannot revise its part.
  EXPECT_EQ(s_->AnswerPart(com_, a.id, part.id, "改").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(ServiceJointTest, ACoUnitOfOneAppealReadsNoOther) {
  AppealRecord a = InProgress(kA);
  AppealRecord b = InProgress(kA);  // the same enterprise's other appeal
  AppealRecord c = InProgress(kB);
  ASSERT_OK(s_->AddCoUnit(disp_, a.id, kCom, "q", 0).status());
  ASSERT_OK(s_->GetAppeal(com_, a.id).status());
  EXPECT_EQ(s_->GetAppeal(com_, b.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->GetAppeal(com_, c.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->Joint(com_, b.id).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListAppeals(com_, AppealFilter{}));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, a.id);
  // The part of appeal a cannot be reached through appeal b's path either.
  ASSERT_OK_AND_ASSIGN(auto jv, s_->Joint(disp_, a.id));
  ASSERT_EQ(jv.parts.size(), 1u);
  EXPECT_EQ(s_->AnswerPart(com_, b.id, jv.parts[0].id, "x").status().code(), StatusCode::kNotFound);
  // Another city's unit of the same name is no co-unit.
  EXPECT_EQ(s_->GetAppeal(far_, a.id).status().code(), StatusCode::kNotFound);
}

TEST_F(ServiceJointTest, WaivingNeedsAReasonAndIsRecorded) {
  AppealRecord a = InProgress();
  ASSERT_OK_AND_ASSIGN(auto part, s_->AddCoUnit(fin_, a.id, kCom, "q", 2));
  EXPECT_EQ(s_->WaivePart(com_, a.id, part.id, "不需要").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->WaivePart(fin_, a.id, part.id, "").status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(
      part, s_->WaivePart(fin_, a.id, part.id, "已由牵头单位查明", "2024-09-28T01:00:00Z"));
  EXPECT_EQ(part.state, "waived");
  a = Reload(a);
  ASSERT_OK(s_->Reply(fin_, At(a, "2024-09-30T02:00:00Z"), "已协调").status());
  ASSERT_OK_AND_ASSIGN(auto v, s_->GetAppeal(disp_, a.id));
  EXPECT_TRUE(std::any_of(v.history.begin(), v.history.end(), [](const AppealEventRecord& e) {
    return e.action == "co_unit_waive" && e.reason == "已由牵头单位查明" && e.actor == "fin";
  }));
}

TEST_F(ServiceJointTest, AnOverduePartIsInTheCoUnitsOverdueListAndReminders) {
  AppealRecord a = InProgress();
  ASSERT_OK_AND_ASSIGN(auto part, s_->AddCoUnit(fin_, a.id, kCom, "q", 1, "2024-09-27T04:00:00Z"));
  EXPECT_EQ(part.due, "2024-09-29");  // the make-up Sunday
  AppealFilter f;
  f.overdue_only = true;
  f.today = "2024-09-30";
  ASSERT_OK_AND_ASSIGN(auto late, s_->ListAppeals(com_, f));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].id, a.id);
  ASSERT_OK_AND_ASSIGN(auto lead_late, s_->ListAppeals(fin_, f));
  EXPECT_TRUE(lead_late.empty());  // the lead's own deadline is not past
  ASSERT_OK_AND_ASSIGN(auto r, s_->Reminders(com_, "2024-09-30"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].deadline, "co_unit");
  EXPECT_EQ(r[0].kind, service::ReminderKind::kOverdue);
  // The background worker tells the co-unit's handlers too (once per cause).
  ASSERT_OK_AND_ASSIGN(int made, s_->NotifyReminders("2024-09-30"));
  EXPECT_GE(made, 1);
  ASSERT_OK_AND_ASSIGN(auto mail, s_->Notifications(com_, false));
  EXPECT_TRUE(std::any_of(mail.items.begin(), mail.items.end(), [&](const NotificationRecord& n) {
    return n.kind == "overdue" && n.appeal_id == a.id;
  }));
  ASSERT_OK_AND_ASSIGN(int again, s_->NotifyReminders("2024-09-30"));
  ASSERT_OK_AND_ASSIGN(auto mail2, s_->Notifications(com_, false));
  EXPECT_EQ(mail2.items.size(), mail.items.size()) << again;
  ASSERT_OK(s_->AnswerPart(com_, a.id, part.id, "答复", "2024-09-30T02:00:00Z").status());
  ASSERT_OK_AND_ASSIGN(late, s_->ListAppeals(com_, f));
  EXPECT_TRUE(late.empty());
}

TEST_F(ServiceJointTest, ANoticeIsAnsweredByTheAddressedUnitOnly) {
  AppealRecord a = InProgress();
  ASSERT_OK_AND_ASSIGN(a,
                       s_->Escalate(disp_, At(a, "2024-09-30T01:00:00Z", "企业多次来电"), "", 2));
  ASSERT_OK_AND_ASSIGN(auto open, s_->ListNotices(disp_, "open", "2024-09-30"));
  ASSERT_EQ(open.size(), 1u);
  const NoticeRecord n = open[0];
  EXPECT_EQ(n.unit, "省地方金融监管局");
  EXPECT_EQ(n.due, "2024-10-09");  // 2 working days from Mon 09-30: 10-08 (after 国庆), 10-09
  EXPECT_EQ(n.reason, "企业多次来电");
  EXPECT_EQ(service::NoticeNumber(n), "督办〔2024〕" + std::to_string(n.id) + "号");
  ASSERT_OK_AND_ASSIGN(auto overdue, s_->ListNotices(disp_, "overdue", "2024-10-10"));
  EXPECT_EQ(overdue.size(), 1u);
  // Not the dispatcher, not another unit, not 济源's unit, not the enterprise; a guessed id is
  // absent.
  EXPECT_EQ(s_->AnswerNotice(disp_, n.id, "x").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->AnswerNotice(com_, n.id, "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->AnswerNotice(far_, n.id, "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->AnswerNotice(entA_, n.id, "x").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->AnswerNotice(fin_, n.id + 1000, "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->ListNotices(entA_, "").status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(auto mine, s_->ListNotices(fin_, ""));
  EXPECT_EQ(mine.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto others, s_->ListNotices(com_, ""));
  EXPECT_TRUE(others.empty());
  ASSERT_OK_AND_ASSIGN(auto answered, s_->AnswerNotice(fin_, n.id, "已约谈银行，续贷本周办结",
                                                       "2024-10-08T02:00:00Z"));
  EXPECT_EQ(answered.state, "answered");
  EXPECT_EQ(s_->AnswerNotice(fin_, n.id, "again").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(auto done, s_->ListNotices(disp_, "answered", "2024-10-10"));
  EXPECT_EQ(done.size(), 1u);
  // In the appeal's history for staff; none of it for the enterprise.
  ASSERT_OK_AND_ASSIGN(auto v, s_->GetAppeal(disp_, a.id));
  for (const char* action : {"escalate", "notice", "notice_answer"}) {
    EXPECT_TRUE(std::any_of(v.history.begin(), v.history.end(), [&](const AppealEventRecord& e) {
      return e.action == action;
    })) << action;
  }
  ASSERT_OK_AND_ASSIGN(auto ent, s_->GetAppeal(entA_, a.id));
  EXPECT_FALSE(Mentions(ent, "已约谈银行"));
  EXPECT_FALSE(Mentions(ent, "企业多次来电"));
  // The addressed unit was told (the notification path of app/service_notify).
  auto fin_mail = s_->Notifications(fin_, false);
  ASSERT_OK(fin_mail.status());
  EXPECT_TRUE(std::any_of(fin_mail->items.begin(), fin_mail->items.end(),
                          [](const NotificationRecord& x) { return x.kind == "notice"; }));
}

TEST_F(ServiceJointTest, ANoticeToAnotherUnitLetsItReadAndAnswer) {
  AppealRecord a = InProgress();
  EXPECT_EQ(s_->GetAppeal(com_, a.id).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(
      a, s_->Escalate(disp_, At(a, "2024-09-30T01:00:00Z", "需商务部门配合"), kCom, 0));
  ASSERT_OK(s_->GetAppeal(com_, a.id).status());
  ASSERT_OK_AND_ASSIGN(auto mine, s_->ListNotices(com_, "open", "2024-09-30"));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(s_->AnswerNotice(fin_, mine[0].id, "x").status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK(s_->AnswerNotice(com_, mine[0].id, "已配合").status());
  // An appeal with no unit (returned) is escalated without a notice unless one is named; a bad
  // deadline is refused before anything is written.
  AppealRecord b = InProgress();
  ASSERT_OK_AND_ASSIGN(b, s_->Return(fin_, At(b, "2024-09-30T01:00:00Z", "不属本单位")));
  EXPECT_EQ(s_->Escalate(disp_, At(b, "2024-09-30T02:00:00Z", "r"), kCom, 31).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Reload(b).escalations, 0);
  ASSERT_OK_AND_ASSIGN(b, s_->Escalate(disp_, At(b, "2024-09-30T02:00:00Z", "r")));
  ASSERT_OK_AND_ASSIGN(auto jv, s_->Joint(disp_, b.id));
  EXPECT_TRUE(jv.notices.empty());
}

TEST_F(ServiceJointTest, ASecondNotSolvedMakesASystemNotice) {
  AppealRecord a = InProgress();
  a = s_->Reply(fin_, At(a, "2024-09-30T02:00:00Z"), "已协调").value();
  a = s_->Rate(entA_, At(a, "2024-10-08T01:00:00Z"), false, "dissatisfied").value();
  a = s_->Reopen(entA_, At(a, "2024-10-08T02:00:00Z")).value();
  a = s_->StartWork(fin_, At(a, "2024-10-08T03:00:00Z")).value();
  a = s_->Reply(fin_, At(a, "2024-10-09T02:00:00Z"), "再次答复").value();
  ASSERT_OK_AND_ASSIGN(auto none, s_->ListNotices(disp_, ""));
  EXPECT_TRUE(none.empty());
  ASSERT_OK_AND_ASSIGN(a, s_->Rate(entA_, At(a, "2024-10-10T01:00:00Z"), false, "dissatisfied"));
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListNotices(disp_, ""));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].created_by, "system");
  // A reason code the UI translates, not an English sentence shown to Chinese readers.
  EXPECT_EQ(list[0].reason, "rule:second_not_solved");
  EXPECT_EQ(list[0].unit, "省地方金融监管局");
  EXPECT_EQ(list[0].due,
            "2024-10-14");  // 3 working days from Thu 10-10: 10-11, Sat 10-12 (make-up), 10-14
}

// Fault injection: the store refuses every new 督办 notice (a trigger), as a full disk or a lost
// connection would between two writes. The escalation and its notice are one transaction, so the
// step fails whole: no escalation count, no escalate event, no notice. (They were two: the
// escalation stayed saved without its notice and the step answered success.)
class NoticeFault {
 public:
  explicit NoticeFault(const ::ballast::testing::TestStore& db) : db_(db) {
    Run(db_.postgres()
            ? "CREATE FUNCTION ballast_test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
              "'injected fault'; END $$ LANGUAGE plpgsql; CREATE TRIGGER ballast_test_fail BEFORE "
              "INSERT ON service_notice FOR EACH ROW EXECUTE FUNCTION ballast_test_fail();"
            : "CREATE TRIGGER ballast_test_fail BEFORE INSERT ON service_notice BEGIN SELECT "
              "RAISE(ABORT, 'injected fault'); END;");
  }
  ~NoticeFault() {
    Run(db_.postgres() ? "DROP TRIGGER ballast_test_fail ON service_notice; DROP FUNCTION "
                         "ballast_test_fail();"
                       : "DROP TRIGGER ballast_test_fail;");
  }
  NoticeFault(const NoticeFault&) = delete;
  NoticeFault& operator=(const NoticeFault&) = delete;

 private:
  void Run(const char* sql) {
    if (db_.postgres()) return ::ballast::testing::TestStore::RunSql(db_.locator(), sql);
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db_.locator().c_str(), &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(h, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(h);
  }
  const ::ballast::testing::TestStore& db_;
};

TEST_F(ServiceJointTest, AnEscalationWhoseNoticeFailsIsNotSavedAtAll) {
  AppealRecord a = InProgress();
  const size_t events_before = s_->GetAppeal(disp_, a.id).value().history.size();
  {
    NoticeFault fault(db_);
    EXPECT_FALSE(s_->Escalate(disp_, At(a, "2024-09-30T02:00:00Z", "请加快办理")).ok());
    const AppealRecord now = Reload(a);
    EXPECT_EQ(now.version, a.version);
    EXPECT_EQ(now.escalations, 0);
    EXPECT_EQ(s_->GetAppeal(disp_, a.id).value().history.size(), events_before);
    ASSERT_OK_AND_ASSIGN(auto none, s_->ListNotices(disp_, ""));
    EXPECT_TRUE(none.empty());
  }
  // The fault gone, the same step (same version) goes through with its notice.
  ASSERT_OK_AND_ASSIGN(a, s_->Escalate(disp_, At(a, "2024-09-30T02:00:00Z", "请加快办理")));
  EXPECT_EQ(a.escalations, 1);
  ASSERT_OK_AND_ASSIGN(auto one, s_->ListNotices(disp_, ""));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].reason, "请加快办理");
  EXPECT_EQ(s_->GetAppeal(disp_, a.id).value().history.size(), events_before + 2);
}

TEST_F(ServiceJointTest, ASecondNotSolvedWhoseNoticeFailsLeavesTheRatingUnsaved) {
  AppealRecord a = InProgress();
  a = s_->Reply(fin_, At(a, "2024-09-30T02:00:00Z"), "已协调").value();
  a = s_->Rate(entA_, At(a, "2024-10-08T01:00:00Z"), false, "dissatisfied").value();
  a = s_->Reopen(entA_, At(a, "2024-10-08T02:00:00Z")).value();
  a = s_->StartWork(fin_, At(a, "2024-10-08T03:00:00Z")).value();
  a = s_->Reply(fin_, At(a, "2024-10-09T02:00:00Z"), "再次答复").value();
  {
    NoticeFault fault(db_);
    EXPECT_FALSE(s_->Rate(entA_, At(a, "2024-10-10T01:00:00Z"), false, "dissatisfied").ok());
    const AppealRecord now = Reload(a);
    EXPECT_EQ(now.state, "replied");  // the rating is not half-saved without its 督办
    EXPECT_EQ(now.escalations, 0);
  }
  ASSERT_OK_AND_ASSIGN(a, s_->Rate(entA_, At(a, "2024-10-10T01:00:00Z"), false, "dissatisfied"));
  EXPECT_EQ(Reload(a).escalations, 1);  // as staff read it (the enterprise is not told)
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListNotices(disp_, ""));
  EXPECT_EQ(list.size(), 1u);
}

}  // namespace
}  // namespace ballast::app
