// The defects of issue 14 item 1, one test each (every test failed before its fix): rates on the
// latest rating, the rating window before closing, the acceptance deadline, Beijing months, 包联
// officials as real users, the reply thread, extensions per round, overdue returned appeals,
// escalation in the history, internal notes, blank titles and merge answers.
#include <gtest/gtest.h>

#include "app/service.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";

class ServiceDefectsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = (tmp_.path() / "s.db").string();
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Create(path));
    ASSERT_OK(ws_->Import("uscc,name,region,industry,size,tags\n"
                          "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
                          "91310115591693856A,乙食品有限公司,410202,1311,medium,\n",
                          "e.csv", "alice")
                  .status());
    ASSERT_OK_AND_ASSIGN(s_, Service::Open(*ws_, path));
  }
  void TearDown() override {
    s_.reset();
    ws_.reset();
  }
  AppealRecord File(const char* uscc, const char* at = "2024-09-26T02:00:00Z") {
    NewAppeal n;
    n.category = "financing";
    n.title = "续贷";
    n.description = "流动资金贷款到期续贷困难";
    ServiceActor ent{"ent", auth::Role::kEnterprise, uscc, "", ""};
    auto f = s_->FileAppeal(ent, n, at);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->appeal : AppealRecord{};
  }
  StepArgs At(const AppealRecord& a, const char* now, const char* reason = "") {
    return StepArgs{a.id, a.version, reason, now};
  }
  // Filed 09-26, dispatched 09-27, replied 10-08 (a Tuesday after 国庆 2024).
  AppealRecord Replied(const char* uscc = kA) {
    AppealRecord a = File(uscc);
    a = s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")).value();
    a = s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}).value();
    a = s_->StartWork(fin_, At(a, "2024-09-29T01:00:00Z")).value();
    return s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已协调").value();
  }
  const service::MetricRow Total() {
    auto m = s_->Metrics(disp_, MetricsFilter{});
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() && !m->rows.empty() ? m->rows[0] : service::MetricRow{};
  }

  ::ballast::testing::TempDir tmp_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Service> s_;
  ServiceActor disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  ServiceActor fin_{"fin", auth::Role::kHandler, "", "省地方金融监管局", "410000"};
  ServiceActor entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
  ServiceActor entB_{"entB", auth::Role::kEnterprise, kB, "", ""};
};

TEST_F(ServiceDefectsTest, ReopeningKeepsTheLatestRatingCounted) {
  std::vector<AppealRecord> v;
  for (int i = 0; i < 4; ++i) v.push_back(Replied());
  for (int i = 0; i < 4; ++i) {
    ASSERT_OK_AND_ASSIGN(v[i], s_->Rate(entA_, At(v[i], "2024-10-09T01:00:00Z"), i < 2,
                                        i < 2 ? "satisfied" : "dissatisfied"));
  }
  EXPECT_EQ(Total().resolution.num, 2);
  EXPECT_EQ(Total().resolution.den, 4);
  // The dispatcher reopens the two unsolved: by hand, still 2 solved of 4 rated (not 2/2).
  ASSERT_OK_AND_ASSIGN(v[2], s_->Reopen(disp_, At(v[2], "2024-10-09T02:00:00Z")));
  ASSERT_OK_AND_ASSIGN(v[3], s_->Reopen(disp_, At(v[3], "2024-10-09T02:00:00Z")));
  auto t = Total();
  EXPECT_EQ(t.resolution.num, 2);
  EXPECT_EQ(t.resolution.den, 4);
  EXPECT_EQ(t.satisfaction.num, 2);
  EXPECT_EQ(t.satisfaction.den, 4);
  // A new rating replaces the old one: 3 of 4.
  ASSERT_OK_AND_ASSIGN(v[2], s_->StartWork(fin_, At(v[2], "2024-10-09T03:00:00Z")));
  ASSERT_OK_AND_ASSIGN(v[2], s_->Reply(fin_, At(v[2], "2024-10-10T03:00:00Z"), "再次答复"));
  ASSERT_OK_AND_ASSIGN(v[2], s_->Rate(entA_, At(v[2], "2024-10-10T04:00:00Z"), true, "basic"));
  t = Total();
  EXPECT_EQ(t.resolution.num, 3);
  EXPECT_EQ(t.resolution.den, 4);
}

TEST_F(ServiceDefectsTest, ClosingNeedsARatingOrTheEndOfTheRatingWindow) {
  AppealRecord a = Replied();
  // Replied Tue 10-08; the window is 5 working days: 10-09, 10-10, 10-11, 10-12 (make-up
  // Saturday), 10-14 → rating_due 10-14; a close on 10-14 is too early, on 10-15 it applies.
  EXPECT_EQ(a.rating_due, "2024-10-14");
  EXPECT_EQ(s_->Close(disp_, At(a, "2024-10-08T03:00:00Z")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(s_->Close(disp_, At(a, "2024-10-14T03:00:00Z")).status().code(),
            StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(a, s_->Close(disp_, At(a, "2024-10-15T03:00:00Z")));
  EXPECT_EQ(a.state, "closed");
  EXPECT_EQ(a.satisfaction, "default");  // 未评价(默认)
  EXPECT_EQ(a.rating_solved, -1);
  AppealRecord b = Replied();
  ASSERT_OK_AND_ASSIGN(b, s_->Rate(entA_, At(b, "2024-10-09T01:00:00Z"), true, "satisfied"));
  ASSERT_OK_AND_ASSIGN(b, s_->Close(disp_, At(b, "2024-10-09T02:00:00Z")));  // rated: no wait
  auto t = Total();
  EXPECT_EQ(t.unrated_default, 1);  // counted apart ...
  EXPECT_EQ(t.resolution.num, 1);   // ... and neither solved nor satisfied
  EXPECT_EQ(t.resolution.den, 1);
  EXPECT_EQ(t.satisfaction.den, 1);
}

TEST_F(ServiceDefectsTest, AnAppealNeverDispatchedHasItsOwnDeadline) {
  AppealRecord a = File(kA);  // Thu 2024-09-26: accept_due one working day later
  EXPECT_EQ(a.accept_due, "2024-09-27");
  ASSERT_OK_AND_ASSIGN(auto r, s_->Reminders(disp_, "2024-09-26"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].deadline, "dispatch");
  EXPECT_EQ(r[0].kind, service::ReminderKind::kDueTomorrow);
  ASSERT_OK_AND_ASSIGN(r, s_->Reminders(disp_, "2024-09-28"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, service::ReminderKind::kOverdue);
  AppealFilter f;
  f.overdue_only = true;
  f.today = "2024-09-28";
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListAppeals(disp_, f));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, a.id);
  auto t = Total();
  EXPECT_EQ(t.dispatch.num, 0);  // not dispatched yet: pending counts in the denominator
  EXPECT_EQ(t.dispatch.den, 1);
  ASSERT_OK_AND_ASSIGN(a, s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")));
  ASSERT_OK_AND_ASSIGN(a, s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}));
  t = Total();
  EXPECT_EQ(t.dispatch.num, 1);
  EXPECT_EQ(t.dispatch.den, 1);
}

TEST_F(ServiceDefectsTest, MonthlyFiguresOnBeijingMonths) {
  File(kA, "2024-09-30T17:00:00Z");  // 2024-10-01 01:00 in Beijing
  MetricsFilter f;
  f.group_by = service::GroupBy::kPeriod;
  ASSERT_OK_AND_ASSIGN(auto m, s_->Metrics(disp_, f));
  ASSERT_EQ(m.rows.size(), 1u);
  EXPECT_EQ(m.rows[0].key, "2024-10");
  f.from_period = f.to_period = "2024-10";
  ASSERT_OK_AND_ASSIGN(m, s_->Metrics(disp_, f));
  ASSERT_EQ(m.rows.size(), 1u);
  EXPECT_EQ(m.rows[0].filed, 1);
  // Per period and region at once.
  f.from_period = f.to_period = "";
  f.group_by = service::GroupBy::kPeriodRegion;
  ASSERT_OK_AND_ASSIGN(m, s_->Metrics(disp_, f));
  ASSERT_EQ(m.rows.size(), 1u);
  EXPECT_EQ(m.rows[0].key, "2024-10 410102");
}

TEST_F(ServiceDefectsTest, OfficialsAreUsersOfAnAllowedRoleAndCanBeRemoved) {
  auto& auth = ws_->auth();
  ASSERT_OK(
      auth.AddUser({"zhang", "correct horse battery 1", "handler", "410100", "郑州市工信局", ""},
                   "t")
          .status());
  ASSERT_OK(
      auth.AddUser({"entB", "correct horse battery 2", "enterprise", "", "", kB}, "t").status());
  auto assign = [&](const char* user) {
    return s_->AssignOfficial(disp_, OfficialRecord{kA, user, "张三", "郑州市工信局", "", "", ""});
  };
  EXPECT_EQ(assign("nobody").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(assign("entB").code(), StatusCode::kInvalidArgument);  // another enterprise's account
  ASSERT_OK(assign("zhang"));
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListOfficials(entA_, kA));
  ASSERT_EQ(list.size(), 1u);
  ASSERT_OK(s_->UnassignOfficial(disp_, kA, "zhang"));
  ASSERT_OK_AND_ASSIGN(list, s_->ListOfficials(entA_, kA));
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(s_->UnassignOfficial(disp_, kA, "zhang").code(), StatusCode::kNotFound);
}

TEST_F(ServiceDefectsTest, RepliesAreKeptAsAThread) {
  AppealRecord a = Replied();
  ASSERT_OK_AND_ASSIGN(a, s_->Rate(entA_, At(a, "2024-10-09T01:00:00Z"), false, "dissatisfied"));
  ASSERT_OK_AND_ASSIGN(a, s_->Reopen(entA_, At(a, "2024-10-09T02:00:00Z")));
  ASSERT_OK_AND_ASSIGN(a, s_->StartWork(fin_, At(a, "2024-10-09T03:00:00Z")));
  ASSERT_OK_AND_ASSIGN(a, s_->Reply(fin_, At(a, "2024-10-10T03:00:00Z"), "再次答复"));
  ASSERT_OK_AND_ASSIGN(auto v, s_->GetAppeal(disp_, a.id));
  ASSERT_EQ(v.replies.size(), 2u);
  EXPECT_EQ(v.replies[0].body, "已协调");
  EXPECT_EQ(v.replies[0].author, "fin");
  EXPECT_EQ(v.replies[0].unit, "省地方金融监管局");
  EXPECT_EQ(v.replies[0].at, "2024-10-08T02:00:00Z");
  EXPECT_EQ(v.replies[1].body, "再次答复");
  EXPECT_EQ(v.replies[1].at, "2024-10-10T03:00:00Z");
}

TEST_F(ServiceDefectsTest, APendingExtensionOfRoundOneDoesNotExtendRoundTwo) {
  AppealRecord a = File(kA);
  a = s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")).value();
  a = s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}).value();
  a = s_->StartWork(fin_, At(a, "2024-09-29T01:00:00Z")).value();
  ASSERT_OK_AND_ASSIGN(a, s_->RequestExtension(fin_, At(a, "2024-09-30T01:00:00Z", "需要调查"), 5));
  ASSERT_OK_AND_ASSIGN(a, s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已协调"));
  ASSERT_OK_AND_ASSIGN(a, s_->Rate(entA_, At(a, "2024-10-09T01:00:00Z"), false, "dissatisfied"));
  ASSERT_OK_AND_ASSIGN(a, s_->Reopen(entA_, At(a, "2024-10-09T02:00:00Z")));
  const std::string due = a.due;
  EXPECT_EQ(s_->ApproveExtension(disp_, At(a, "2024-10-09T03:00:00Z"), true).status().code(),
            StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(auto v, s_->GetAppeal(disp_, a.id));
  EXPECT_EQ(v.appeal.due, due);
}

TEST_F(ServiceDefectsTest, AReturnedAppealPastItsDeadlineIsInTheOverdueList) {
  AppealRecord a = File(kA);
  a = s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")).value();
  a = s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}).value();
  ASSERT_OK_AND_ASSIGN(a, s_->Return(fin_, At(a, "2024-09-27T03:00:00Z", "不属本单位")));
  AppealFilter f;
  f.overdue_only = true;
  f.today = "2024-11-01";  // past the handling deadline 10-30
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListAppeals(disp_, f));
  ASSERT_EQ(list.size(), 1u);
  auto day = service::ParseDay(f.today);
  ASSERT_TRUE(day);
  EXPECT_TRUE(service::IsOverdue(list[0], *day));  // the same rule as the JSON flag
}

TEST_F(ServiceDefectsTest, ASecondNotSolvedIsAnEscalationInTheHistory) {
  AppealRecord a = Replied();
  ASSERT_OK_AND_ASSIGN(a, s_->Rate(entA_, At(a, "2024-10-09T01:00:00Z"), false, "dissatisfied"));
  ASSERT_OK_AND_ASSIGN(a, s_->Reopen(entA_, At(a, "2024-10-09T02:00:00Z")));
  ASSERT_OK_AND_ASSIGN(a, s_->StartWork(fin_, At(a, "2024-10-09T03:00:00Z")));
  ASSERT_OK_AND_ASSIGN(a, s_->Reply(fin_, At(a, "2024-10-10T03:00:00Z"), "再次答复"));
  ASSERT_OK_AND_ASSIGN(a, s_->Rate(entA_, At(a, "2024-10-10T04:00:00Z"), false, "dissatisfied"));
  ASSERT_OK_AND_ASSIGN(auto v, s_->GetAppeal(disp_, a.id));
  EXPECT_EQ(v.appeal.escalations, 1);
  ASSERT_GE(v.history.size(), 3u);
  // The escalation, then its 督办 notice (service/joint.h), both by the rule.
  const auto& esc = v.history[v.history.size() - 2];
  EXPECT_EQ(esc.action, "escalate");
  EXPECT_EQ(esc.party, "system");
  EXPECT_EQ(esc.at, "2024-10-10T04:00:00Z");
  // A code the UI translates (zh and en), never an English note shown to Chinese users.
  EXPECT_EQ(esc.reason, "rule:second_not_solved");
  EXPECT_EQ(v.history.back().action, "notice");
  EXPECT_EQ(v.history.back().party, "system");
}

TEST_F(ServiceDefectsTest, TheEnterpriseNeverReadsInternalNotes) {
  AppealRecord a = File(kA);
  a = s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")).value();
  a = s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}).value();
  ASSERT_OK_AND_ASSIGN(a, s_->Return(fin_, At(a, "2024-09-27T03:00:00Z", "内部退回原因")));
  ASSERT_OK_AND_ASSIGN(a, s_->Escalate(disp_, At(a, "2024-09-27T04:00:00Z", "督办说明")));
  ASSERT_OK_AND_ASSIGN(auto staff, s_->GetAppeal(disp_, a.id));
  EXPECT_TRUE(staff.internal);
  ASSERT_OK_AND_ASSIGN(auto v, s_->GetAppeal(entA_, a.id));
  EXPECT_FALSE(v.internal);
  for (const auto& e : v.history) {
    EXPECT_TRUE(e.reason.empty() || e.party == "enterprise") << e.action << ": " << e.reason;
    if (e.party != "enterprise") {
      EXPECT_NE(e.actor, "disp");
      EXPECT_NE(e.actor, "fin");
    }
  }
  EXPECT_EQ(v.appeal.escalations, 0);
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListAppeals(entA_, AppealFilter{}));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].escalations, 0);
}

TEST_F(ServiceDefectsTest, ABlankTitleIsRefusedNamingTheField) {
  NewAppeal n;
  n.category = "financing";
  n.description = "说明";
  for (const char* title : {"", "   ", "\t"}) {
    n.title = title;
    auto r = s_->FileAppeal(entA_, n, "2024-09-26T02:00:00Z");
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("title"), std::string::npos) << r.status().ToString();
  }
}

TEST_F(ServiceDefectsTest, MergeAnswersDoNotRevealAppealsOutsideTheScope) {
  AppealRecord mine = File(kA);
  AppealRecord other = File(kB);  // 410202: outside the city dispatcher's 410100
  ServiceActor city{"c", auth::Role::kDispatcher, "", "", "410100"};
  auto hidden = s_->Merge(city, At(mine, "2024-09-27T01:00:00Z"), other.id);
  auto absent = s_->Merge(city, At(mine, "2024-09-27T01:00:00Z"), 9999);
  EXPECT_EQ(hidden.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
  std::string h = hidden.status().message(), n = absent.status().message();
  h.replace(h.find(std::to_string(other.id)), std::to_string(other.id).size(), "N");
  n.replace(n.find("9999"), 4, "N");
  EXPECT_EQ(h, n);
}

TEST_F(ServiceDefectsTest, AProvinceAdministratorLoadsANewerYearAndAdminsAreWarned) {
  FixedClock clock(*ParseUtc("2026-10-01T02:00:00Z"));  // 91 days before 2026-12-31
  ws_->SetClock(&clock);
  ServiceActor admin{"padmin", auth::Role::kAdmin, "", "", "410000"};
  ServiceActor city_admin{"cadmin", auth::Role::kAdmin, "", "", "410100"};
  auto st = s_->CalendarState(admin);
  EXPECT_EQ(st.known_to, "2026-12-31");
  EXPECT_EQ(st.days_left, 91);
  EXPECT_FALSE(st.warning);
  clock.Set(*ParseUtc("2026-11-01T02:00:00Z"));  // 60 days before
  EXPECT_TRUE(s_->CalendarState(admin).warning);
  EXPECT_FALSE(s_->CalendarState(disp_).warning);  // the banner is for administrators
  EXPECT_TRUE(s_->ProvisionalDay("2027-01-07"));
  const std::string year = R"({"version":1,"year":2027,
    "source":{"title":"国务院办公厅关于2027年部分节假日安排的通知","number":"test","date":"2026-11-01"},
    "holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],"workdays":[]})";
  EXPECT_EQ(s_->LoadCalendarYear(city_admin, year).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s_->LoadCalendarYear(disp_, year).code(), StatusCode::kPermissionDenied);
  ASSERT_OK(s_->LoadCalendarYear(admin, year));
  EXPECT_EQ(s_->CalendarState(admin).known_to, "2027-12-31");
  EXPECT_FALSE(s_->CalendarState(admin).warning);
  EXPECT_FALSE(s_->ProvisionalDay("2027-01-07"));
  ASSERT_OK_AND_ASSIGN(auto audit, ws_->auth().ListAudit(0, 1000));
  bool logged = false;
  for (const auto& e : audit)
    logged = logged || (e.action == "service.calendar.year" && e.target == "2027");
  EXPECT_TRUE(logged);
  // A reopened store keeps the loaded year (a calendar revision).
  s_.reset();
  ASSERT_OK_AND_ASSIGN(s_, Service::Open(*ws_, (tmp_.path() / "s.db").string()));
  EXPECT_EQ(s_->CalendarState(admin).known_to, "2027-12-31");
  ws_->SetClock(nullptr);
}

}  // namespace
}  // namespace ballast::app
