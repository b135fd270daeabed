// The monthly service report's content against a hand-made month (both stores): seven appeals,
// six of them filed in September 2024 on Beijing time — one filed at 00:30 on 1 September in
// Beijing (16:30 UTC on 31 August) counts, one filed at 01:00 on 1 October in Beijing (17:00 UTC
// on 30 September) does not. Every figure below is worked out by hand in the comments.
#include "app/service_report.h"

#include <gtest/gtest.h>

#include "app/ballast.h"
#include "app/service.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";  // 郑州 中原区 410102
constexpr const char* kB = "91310115591693856A";  // 洛阳 老城区 410302
constexpr const char* kFin = "省地方金融监管局";
constexpr const char* kHr = "省人力资源社会保障厅";

using report::CellText;

class ServiceReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(b_, Ballast::Create(db_.locator()));
    ASSERT_OK(b_->workspace()
                  .Import("uscc,name,region,industry,size,tags\n"
                          "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
                          "91310115591693856A,乙食品有限公司,410302,1311,medium,\n",
                          "e.csv", "alice")
                  .status());
    Service& s = b_->service();
    // 1 A 融资: replied, rated solved and satisfied, closed.
    AppealRecord a = Dispatched(entA_, "financing", "2024-09-26T02:00:00Z");
    a = Next(s.StartWork(fin_, At(a, "2024-09-29T01:00:00Z")));
    a = Next(s.Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已办理"));
    a = Next(s.Rate(entA_, At(a, "2024-10-09T01:00:00Z"), true, "satisfied"));
    Next(s.Close(disp_, At(a, "2024-10-09T02:00:00Z")));
    // 2 A 用工: with the labour office, escalated by hand (督办), due 10-12: overdue on 10-14.
    a = Dispatched(entA_, "labour", "2024-09-26T02:00:00Z");
    Next(s.Escalate(disp_, At(a, "2024-10-10T02:00:00Z", "请加快办理")));
    // 3 B 融资: rated not solved and dissatisfied, reopened (the rating stays counted).
    a = Dispatched(entB_, "financing", "2024-09-26T02:00:00Z");
    a = Next(s.StartWork(fin_, At(a, "2024-09-29T01:00:00Z")));
    a = Next(s.Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已答复"));
    a = Next(s.Rate(entB_, At(a, "2024-10-09T01:00:00Z"), false, "dissatisfied"));
    Next(s.Reopen(entB_, At(a, "2024-10-09T02:00:00Z")));
    // 4 B 融资: filed Friday 09-27, never accepted: due 09-29 (a make-up Sunday), overdue.
    Filed(entB_, "financing", "2024-09-27T03:00:00Z");
    // 5 A 用工: withdrawn (out of every rate).
    a = Filed(entA_, "labour", "2024-09-28T02:00:00Z");
    Next(s.Withdraw(entA_, At(a, "2024-09-28T03:00:00Z")));
    // 6 A 融资: 1 October in Beijing — October's.
    Filed(entA_, "financing", "2024-09-30T17:00:00Z");
    // 7 A 融资: 1 September in Beijing; accepted, never dispatched: due 09-02, overdue.
    a = Filed(entA_, "financing", "2024-08-31T16:30:00Z");
    Next(s.Accept(disp_, At(a, "2024-09-02T01:00:00Z")));
  }
  void TearDown() override { b_.reset(); }

  AppealRecord Next(Result<AppealRecord> r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AppealRecord{};
  }
  AppealRecord Filed(const ServiceActor& ent, const char* category, const char* at) {
    NewAppeal n;
    n.category = category;
    n.title = "诉求";
    n.description = "说明";
    auto f = b_->service().FileAppeal(ent, n, at);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->appeal : AppealRecord{};
  }
  AppealRecord Dispatched(const ServiceActor& ent, const char* category, const char* at) {
    AppealRecord a = Filed(ent, category, at);
    a = Next(b_->service().Accept(disp_, At(a, "2024-09-27T01:00:00Z")));
    return Next(b_->service().Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}));
  }
  static StepArgs At(const AppealRecord& a, const char* now, const char* reason = "") {
    return StepArgs{a.id, a.version, reason, now};
  }
  Result<report::Bulletin> Report(const Caller& c, const std::string& month = "2024-09",
                                  const std::string& region = "") {
    return BuildServiceReport(*b_, c, {month, region, "", "2024-10-14"});
  }
  // The figure of the row labelled `label` in column `col` of `t`, as every format prints it.
  static std::string Fig(const report::Table& t, const std::string& label, size_t col,
                         size_t label_col = 0) {
    for (const auto& r : t.rows)
      if (r.size() > col && CellText(r[label_col]) == label) return CellText(r[col]);
    return "(no row " + label + ")";
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Ballast> b_;
  Caller disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  Caller zz_{"zz", auth::Role::kDispatcher, "", "", "410100"};  // 郑州 only
  Caller fin_{"fin", auth::Role::kHandler, "", kFin, "410000"};
  Caller entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
  Caller entB_{"entB", auth::Role::kEnterprise, kB, "", ""};
};

TEST_F(ServiceReportTest, TheProvincesSeptember) {
  ASSERT_OK_AND_ASSIGN(auto r, Report(disp_, "2024-09", "410000"));
  EXPECT_EQ(r.title, "2024年9月河南省企业服务（万人助万企）工作月报");
  EXPECT_EQ(r.region_code, "410000");
  EXPECT_EQ(r.period, "2024-09");
  // Received 1,2,3,4,5,7 = 6; withdrawn 5; accepted 1,2,3,7 = 4 (4 was never accepted);
  // closed 1; open 2,3,4,7 = 4, of which overdue 2 (due 10-12), 4 (09-29), 7 (09-02) = 3.
  ASSERT_EQ(r.summary.size(), 2u);
  EXPECT_EQ(r.summary[0],
            "2024年9月，共收到企业诉求6件，受理4件，办结1件，尚未办结4件（其中超期3件）；撤回1件、"
            "合并0件、不予受理0件，不计入各项比率。");
  // Rated: 1 (solved, satisfied) and 3 (not solved, dissatisfied; its rating kept after the
  // reopen): 1 / 2 each.
  EXPECT_EQ(r.summary[1],
            "问题解决率50.0%（最近一次评价为“已解决”1件 / 已评价2件，目标不低于96%）；满意率50.0%"
            "（满意和基本满意1件 / 已评价2件）；未评价(默认)0件另计。");
  ASSERT_EQ(r.tables.size(), 7u);
  const auto& flow = r.tables[0];
  EXPECT_EQ(Fig(flow, "收到诉求", 1), "6");
  EXPECT_EQ(Fig(flow, "受理", 1), "4");
  EXPECT_EQ(Fig(flow, "办结", 1), "1");
  EXPECT_EQ(Fig(flow, "未办结", 1), "4");
  EXPECT_EQ(Fig(flow, "其中：超期", 1), "3");
  EXPECT_EQ(Fig(flow, "撤回", 1), "1");
  const auto& rates = r.tables[1];
  EXPECT_EQ(Fig(rates, "问题解决率", 1) + "/" + Fig(rates, "问题解决率", 2) + "=" +
                Fig(rates, "问题解决率", 3),
            "1/2=50.0");
  EXPECT_EQ(Fig(rates, "满意率", 1) + "/" + Fig(rates, "满意率", 2) + "=" + Fig(rates, "满意率", 3),
            "1/2=50.0");
  // Closed 1, replied 10-08 within its 20 working days: 1 / 1.
  EXPECT_EQ(Fig(rates, "按时办结率", 3), "100.0");
  // Dispatched by the acceptance deadline (1, 2, 3 on 09-27, due 09-27) of the 5 in scope.
  EXPECT_EQ(Fig(rates, "受理派单及时率", 1) + "/" + Fig(rates, "受理派单及时率", 2), "3/5");
  // Reopened (3) of the rated (1, 3).
  EXPECT_EQ(Fig(rates, "重办率", 1) + "/" + Fig(rates, "重办率", 2), "1/2");
  // Category × region: 融资 郑州 (1, 7), 融资 洛阳 (3, 4), 用工 郑州 (2, 5).
  const auto& cross = r.tables[2];
  ASSERT_EQ(cross.rows.size(), 4u);
  auto row = [&](size_t i) {
    std::string s;
    for (const auto& c : cross.rows[i]) s += CellText(c) + "|";
    return s;
  };
  EXPECT_EQ(row(0), "融资|中原区（410102）|2|2|1|1|1|");
  EXPECT_EQ(row(1), "融资|老城区（410302）|2|2|0|2|1|");
  EXPECT_EQ(row(2), "用工|中原区（410102）|2|1|0|1|1|");
  EXPECT_EQ(row(3), "合计||6|5|1|4|3|");
  // Overdue ranking: not dispatched 2 of 2, the labour office 1 of 1, finance 0 of 1 (3).
  const auto& overdue = r.tables[3];
  ASSERT_EQ(overdue.rows.size(), 3u);
  EXPECT_EQ(CellText(overdue.rows[0][1]), "（未派单）");
  EXPECT_EQ(CellText(overdue.rows[0][2]) + "/" + CellText(overdue.rows[0][3]), "2/2");
  EXPECT_EQ(CellText(overdue.rows[1][1]), kHr);
  EXPECT_EQ(CellText(overdue.rows[2][1]), kFin);
  EXPECT_EQ(CellText(overdue.rows[2][4]), "0.0");
  // Escalation ranking: the labour office (2 escalated, 1 notice) first.
  const auto& esc = r.tables[4];
  ASSERT_EQ(esc.rows.size(), 3u);
  EXPECT_EQ(CellText(esc.rows[0][1]), kHr);
  EXPECT_EQ(CellText(esc.rows[0][2]) + "/" + CellText(esc.rows[0][3]) + " " +
                CellText(esc.rows[0][4]) + " " + CellText(esc.rows[0][5]),
            "1/1 100.0 1");
  EXPECT_EQ(CellText(esc.rows[2][1]), kFin);
  EXPECT_EQ(CellText(esc.rows[2][2]) + "/" + CellText(esc.rows[2][3]), "0/2");
  // Satisfaction by unit: finance 1 / 2 satisfied and solved, 1 / 1 on time; labour 0 / 0 "—".
  const auto& units = r.tables[5];
  EXPECT_EQ(Fig(units, kFin, 1), "1 / 2");
  EXPECT_EQ(Fig(units, kFin, 2), "50.0");
  EXPECT_EQ(Fig(units, kFin, 3), "1 / 2");
  EXPECT_EQ(Fig(units, kFin, 6), "100.0");
  EXPECT_EQ(Fig(units, kHr, 1), "0 / 0");
  EXPECT_EQ(Fig(units, kHr, 2), "—");
  // Hot topics: 融资 4 of 6 (1, 3, 4, 7), 用工 2 of 6.
  const auto& topics = r.tables[6];
  ASSERT_EQ(topics.rows.size(), 2u);
  EXPECT_EQ(Fig(topics, "融资", 2, 1) + " " + Fig(topics, "融资", 3, 1), "4 66.7");
  EXPECT_EQ(Fig(topics, "用工", 2, 1) + " " + Fig(topics, "用工", 3, 1), "2 33.3");
}

TEST_F(ServiceReportTest, OctoberHoldsTheAppealFiledOnItsFirstBeijingMorning) {
  ASSERT_OK_AND_ASSIGN(auto r, Report(disp_, "2024-10"));
  EXPECT_EQ(Fig(r.tables[0], "收到诉求", 1), "1");
  EXPECT_EQ(Fig(r.tables[0], "受理", 1), "0");
  EXPECT_EQ(Fig(r.tables[1], "问题解决率", 3), "—");  // 0 / 0 is no rate, never 100 %
  EXPECT_EQ(r.region_code, "410000");
}

TEST_F(ServiceReportTest, ScopedLikeTheStatistics) {
  // 郑州's dispatcher: A's appeals only (1, 2, 5, 7); 洛阳 is refused.
  ASSERT_OK_AND_ASSIGN(auto city, Report(zz_));
  EXPECT_EQ(city.region_code, "410100");
  EXPECT_EQ(Fig(city.tables[0], "收到诉求", 1), "4");
  EXPECT_EQ(Fig(city.tables[0], "受理", 1), "3");
  EXPECT_EQ(Fig(city.tables[0], "其中：超期", 1), "2");
  EXPECT_EQ(Report(zz_, "2024-09", "410302").status().code(), StatusCode::kPermissionDenied);
  // A handler: its own unit's appeals (1, 3), said so in the subtitle.
  ASSERT_OK_AND_ASSIGN(auto unit, Report(fin_));
  EXPECT_EQ(Fig(unit.tables[0], "收到诉求", 1), "2");
  EXPECT_EQ(Fig(unit.tables[0], "办结", 1), "1");
  EXPECT_NE(unit.subtitle.find(std::string("承办单位：") + kFin), std::string::npos);
  for (const auto& u : unit.tables[5].rows) EXPECT_EQ(CellText(u[0]), kFin);
  EXPECT_EQ(BuildServiceReport(*b_, fin_, {"2024-09", "", kHr, "2024-10-14"}).status().code(),
            StatusCode::kPermissionDenied);
  // Enterprises never; bad input named.
  EXPECT_EQ(Report(entA_).status().code(), StatusCode::kPermissionDenied);
  auto bad = Report(disp_, "2024-13");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("month"), std::string::npos);
  EXPECT_EQ(Report(disp_, "2024-09", "999999").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildServiceReport(*b_, disp_, {"2024-09", "", "", "2024-10-41"}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ServiceReportTest, TheThreeFilesAreWrittenByTheBulletinsWriters) {
  for (auto format : AllBulletinFormats()) {
    ASSERT_OK_AND_ASSIGN(auto file,
                         MakeServiceReport(*b_, disp_, {"2024-09", "", "", "2024-10-14"}, format));
    EXPECT_EQ(file.name, "service-report-410000-2024-09." + std::string(BulletinExtension(format)));
    EXPECT_EQ(file.content_type, BulletinContentType(format));
    EXPECT_GT(file.bytes.size(), 1000u);
  }
}

}  // namespace
}  // namespace ballast::app
