// The service use cases end to end on a real store file: the full loop, IDOR, stale versions,
// the reassign loop in history, metrics with a reopened case, coverage and matchmaking.
#include "app/service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = db_.locator();
    auto ws = Workspace::Create(path);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    ws_ = std::move(ws).value();
    auto out = ws_->Import("uscc,name,region,industry,size,tags\n"
                           "91310110666007217T,甲装备有限公司,410102,3311,large,专精特新\n"
                           "91310115591693856A,乙食品有限公司,410102,1311,medium,\n",
                           "e.csv", "alice");
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    auto s = Service::Open(*ws_, path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    s_ = std::move(s).value();
  }
  void TearDown() override {
    s_.reset();
    ws_.reset();
  }
  AppealRecord File(const char* uscc, const char* category = "financing") {
    NewAppeal n;
    n.category = category;
    n.title = "续贷";
    n.description = "流动资金贷款到期续贷困难";
    n.attachments = {"申请.pdf"};
    ServiceActor ent{"ent", auth::Role::kEnterprise, uscc, "", ""};
    auto f = s_->FileAppeal(ent, n, "2024-09-26T02:00:00Z");
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->appeal : AppealRecord{};
  }
  StepArgs At(const AppealRecord& a, const char* now, const char* reason = "") {
    return StepArgs{a.id, a.version, reason, now};
  }
  ::ballast::testing::TestStore db_;
  std::filesystem::path dir_ = db_.dir().path();
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Service> s_;
  ServiceActor disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  ServiceActor fin_{"fin", auth::Role::kHandler, "", "省地方金融监管局", "410000"};
  ServiceActor hr_{"hr", auth::Role::kHandler, "", "省人力资源社会保障厅", "410000"};
  ServiceActor entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
  ServiceActor entB_{"entB", auth::Role::kEnterprise, kB, "", ""};
};

#define OK_AND(var, expr)                                           \
  do {                                                              \
    auto r_ = (expr);                                               \
    ASSERT_TRUE(r_.ok()) << r_.status().ToString();                 \
    var = std::move(r_).value();                                    \
  } while (0)

TEST_F(ServiceTest, FullLoopOnTheCalendar) {
  AppealRecord a = File(kA);
  EXPECT_EQ(a.region, "410102");
  EXPECT_EQ(a.enterprise_name, "甲装备有限公司");
  OK_AND(a, s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")));
  OK_AND(a, s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}));
  EXPECT_EQ(a.unit, "省地方金融监管局");        // from the dispatch catalogue
  EXPECT_EQ(a.co_units, "省工业和信息化厅");
  EXPECT_EQ(a.response_due, "2024-09-29");     // the make-up Sunday
  // complex, 20 working days: 09-29, 09-30, 10-08..10-12 (7), 10-14..18 (12), 10-21..25 (17),
  // 10-28, 10-29, 10-30 (20).
  EXPECT_EQ(a.due, "2024-10-30");
  OK_AND(a, s_->StartWork(fin_, At(a, "2024-09-29T01:00:00Z")));
  // Rating without a reply is refused.
  EXPECT_EQ(s_->Rate(entA_, At(a, "2024-09-30T01:00:00Z"), true, "satisfied").status().code(),
            StatusCode::kFailedPrecondition);
  OK_AND(a, s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已协调银行办理续贷"));
  // Another enterprise cannot rate it, nor even see it (no IDOR).
  EXPECT_EQ(s_->Rate(entB_, At(a, "2024-10-09T01:00:00Z"), true, "satisfied").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->GetAppeal(entB_, a.id).status().code(), StatusCode::kNotFound);
  OK_AND(a, s_->Rate(entA_, At(a, "2024-10-09T01:00:00Z"), true, "satisfied"));
  OK_AND(a, s_->Close(disp_, At(a, "2024-10-09T02:00:00Z")));
  EXPECT_EQ(a.state, "closed");
  auto v = s_->GetAppeal(disp_, a.id);  // the enterprise does not read staff names
  ASSERT_TRUE(v.ok());
  std::vector<std::string> actions;
  for (const auto& e : v->history) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"file", "accept", "dispatch", "start", "reply", "rate", "close"}));
  EXPECT_EQ(v->history[1].actor, "disp");
  EXPECT_EQ(v->history[1].at, "2024-09-27T01:00:00Z");
}

TEST_F(ServiceTest, StaleVersionIsRefusedAndReassignLoopIsInHistory) {
  AppealRecord a = File(kA, "labour");
  const AppealRecord stale = a;
  OK_AND(a, s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")));
  EXPECT_EQ(s_->Accept(disp_, At(stale, "2024-09-27T01:00:00Z")).status().code(), StatusCode::kFailedPrecondition);
  OK_AND(a, s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}));
  EXPECT_EQ(a.unit, "省人力资源社会保障厅");
  OK_AND(a, s_->Reassign(disp_, At(a, "2024-09-27T03:00:00Z", "涉及融资"), DispatchRequest{"省地方金融监管局", {}, ""}));
  OK_AND(a, s_->Reassign(disp_, At(a, "2024-09-27T04:00:00Z", "仍属用工"), DispatchRequest{"省人力资源社会保障厅", {}, ""}));
  EXPECT_EQ(s_->StartWork(fin_, At(a, "2024-09-27T05:00:00Z")).status().code(), StatusCode::kNotFound);
  OK_AND(a, s_->StartWork(hr_, At(a, "2024-09-27T05:00:00Z")));
  auto v = s_->GetAppeal(disp_, a.id);
  ASSERT_TRUE(v.ok());
  std::vector<std::string> units;
  for (const auto& e : v->history) {
    if (e.action == "dispatch" || e.action == "reassign") units.push_back(e.unit);
  }
  EXPECT_EQ(units, (std::vector<std::string>{"省人力资源社会保障厅", "省地方金融监管局", "省人力资源社会保障厅"}));
  EXPECT_EQ(a.version, 6);
}

TEST_F(ServiceTest, FilingRules) {
  NewAppeal n;
  n.category = "financing";
  n.description = std::string(4001, 'x');
  EXPECT_EQ(s_->FileAppeal(entA_, n).status().code(), StatusCode::kInvalidArgument);
  n.description = "ok";
  n.title = "续贷";
  n.uscc = kB;
  EXPECT_EQ(s_->FileAppeal(entA_, n).status().code(), StatusCode::kPermissionDenied);
  // An assigned official files on the enterprise's behalf.
  ServiceActor off{"zhang", auth::Role::kHandler, "", "郑州市工信局", "410100"};
  EXPECT_EQ(s_->FileAppeal(off, n).status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(ws_->auth().AddUser({"zhang", "correct horse battery 1", "handler", "410100", "郑州市工信局", ""}, "t").ok());
  ASSERT_TRUE(s_->AssignOfficial(disp_, OfficialRecord{kB, "zhang", "张三", "郑州市工信局", "", "", ""}).ok());
  auto f = s_->FileAppeal(off, n);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->appeal.channel, "official");
  auto dup = s_->FileAppeal(entB_, n);
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->possible_duplicates, std::vector<int64_t>{f->appeal.id});
  AppealRecord d = dup->appeal;
  OK_AND(d, s_->Merge(disp_, At(d, "2024-09-27T01:00:00Z"), f->appeal.id));
  EXPECT_EQ(d.state, "merged");
  auto cov = s_->Coverage(disp_, "410000", "size");
  ASSERT_TRUE(cov.ok());
  ASSERT_EQ(cov->size(), 2u);
  EXPECT_EQ((*cov)[0].key, "large");
  EXPECT_EQ((*cov)[0].covered.num, 0);
  EXPECT_EQ((*cov)[1].key, "medium");
  EXPECT_EQ((*cov)[1].covered.num, 1);
  EXPECT_EQ((*cov)[1].covered.den, 1);
  EXPECT_EQ(s_->Coverage(entA_, "", "size").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(ServiceTest, MetricsWithReopenedCaseAndZeroOverZero) {
  AppealRecord a = File(kA);
  OK_AND(a, s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")));
  OK_AND(a, s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}));
  OK_AND(a, s_->StartWork(fin_, At(a, "2024-09-30T02:00:00Z")));  // late: due 09-29
  OK_AND(a, s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "答复"));
  OK_AND(a, s_->Rate(entA_, At(a, "2024-10-08T03:00:00Z"), false, "dissatisfied"));
  OK_AND(a, s_->Reopen(entA_, At(a, "2024-10-08T04:00:00Z")));
  EXPECT_EQ(a.state, "dispatched");
  OK_AND(a, s_->StartWork(fin_, At(a, "2024-10-08T05:00:00Z")));
  OK_AND(a, s_->Reply(fin_, At(a, "2024-10-10T02:00:00Z"), "再次答复"));
  OK_AND(a, s_->Rate(entA_, At(a, "2024-10-10T03:00:00Z"), true, "basic"));
  AppealRecord w = File(kA, "labour");
  OK_AND(w, s_->Withdraw(entA_, At(w, "2024-09-26T03:00:00Z")));
  // By hand: filed 2, withdrawn 1, in scope 1; response 0/1 (the first response, on 09-30, was
  // late and a reopen keeps it); resolution 1/1; satisfaction 1/1 (basic); reopen 1/1; handling
  // days dispatch 09-27 → last reply 10-10: 09-29, 09-30, 10-08, 10-09, 10-10 = 5.
  auto m = s_->Metrics(disp_, MetricsFilter{});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->rows.size(), 1u);
  const auto& r = m->rows[0];
  EXPECT_EQ(r.filed, 2);
  EXPECT_EQ(r.withdrawn, 1);
  EXPECT_EQ(r.response.num, 0);
  EXPECT_EQ(r.response.den, 1);
  EXPECT_EQ(r.resolution.Text(), "100.0%");
  EXPECT_EQ(r.reopen.num, 1);
  EXPECT_EQ(r.reopen.den, 1);
  EXPECT_EQ(r.handling_days, 5);
  EXPECT_EQ(r.on_time_closure.Text(), "—");  // nothing closed: 0/0
  EXPECT_EQ(m->resolution_target_id, "henan2022.1.appeal_resolution_rate");
  ServiceActor city{"c", auth::Role::kDispatcher, "", "", "410100"};
  EXPECT_EQ(s_->Metrics(city, MetricsFilter{}).ok(), true);
  MetricsFilter other;
  other.region = "420000";
  EXPECT_EQ(s_->Metrics(city, other).status().code(), StatusCode::kPermissionDenied);  // refused, not narrowed
}

TEST_F(ServiceTest, CalendarEditAndMatchmaking) {
  ServiceActor admin{"admin", auth::Role::kAdmin, "", "", ""};
  EXPECT_EQ(s_->UpdateCalendar(disp_, s_->CalendarJson()).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(s_->UpdateCalendar(admin, s_->CalendarJson()).ok());
  MatchEventRecord e;
  e.type = "finance";
  e.title = "银企对接会";
  e.date = "2022-05-10";
  e.region = "410100";
  e.organiser = "郑州市工信局";
  e.financing_amount = 25.5;
  e.participants = std::string(kA) + ";" + kB;
  ASSERT_TRUE(s_->AddMatchEvent(disp_, e).ok());
  e.type = "party";
  EXPECT_FALSE(s_->AddMatchEvent(disp_, e).ok());
  auto t = s_->MatchTotals(disp_, "2022");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->finance_events(), 1);
  EXPECT_DOUBLE_EQ(t->financing_amount, 25.5);
  EXPECT_EQ(t->enterprises, 2);
}

}  // namespace
}  // namespace ballast::app
