// Notifications: who learns of what, read marks, reminders once per cause, e-mail delivery
// retried with backoff and every attempt recorded.
#include <gtest/gtest.h>

#include "app/notification_worker.h"
#include "app/service.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";

class ServiceNotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = (tmp_.path() / "s.db").string();
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Create(path));
    ws_->SetClock(&clock_);
    ASSERT_OK(ws_->Import("uscc,name,region,industry,size,tags\n91310110666007217T,甲装备有限公司,"
                          "410102,3311,large,\n",
                          "e.csv", "alice")
                  .status());
    auto& auth = ws_->auth();
    ASSERT_OK(auth.AddUser({"fin", "correct horse battery 1", "handler", "410000",
                            "省地方金融监管局", ""},
                           "t")
                  .status());
    ASSERT_OK(auth.AddUser({"hr", "correct horse battery 2", "handler", "410000",
                            "省人力资源社会保障厅", ""},
                           "t")
                  .status());
    ASSERT_OK(
        auth.AddUser({"entA", "correct horse battery 3", "enterprise", "", "", kA}, "t").status());
    ASSERT_OK(auth.AddUser({"disp", "correct horse battery 4", "dispatcher", "410000", "", ""}, "t")
                  .status());
    ASSERT_OK(
        auth.AddUser({"boss", "correct horse battery 5", "admin", "410000", "", ""}, "t").status());
    ASSERT_OK(
        auth.AddUser({"far", "correct horse battery 6", "admin", "420000", "", ""}, "t").status());
    ASSERT_OK_AND_ASSIGN(s_, Service::Open(*ws_, path));
  }
  void TearDown() override {
    s_.reset();
    ws_.reset();
  }
  std::vector<std::string> Kinds(const ServiceActor& who) {
    auto l = s_->Notifications(who, false);
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    std::vector<std::string> out;
    if (l.ok())
      for (const auto& n : l->items) out.push_back(n.kind);
    return out;
  }
  StepArgs At(const AppealRecord& a, const char* now, const char* reason = "") {
    return StepArgs{a.id, a.version, reason, now};
  }
  AppealRecord Dispatched() {
    NewAppeal n;
    n.category = "financing";
    n.title = "续贷";
    n.description = "流动资金贷款到期续贷困难";
    AppealRecord a = s_->FileAppeal(entA_, n, "2024-09-26T02:00:00Z").value().appeal;
    a = s_->Accept(disp_, At(a, "2024-09-27T01:00:00Z")).value();
    return s_->Dispatch(disp_, At(a, "2024-09-27T02:00:00Z"), DispatchRequest{}).value();
  }

  ::ballast::testing::TempDir tmp_;
  FixedClock clock_{*ParseUtc("2024-09-27T03:00:00Z")};
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Service> s_;
  ServiceActor disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  ServiceActor fin_{"fin", auth::Role::kHandler, "", "省地方金融监管局", "410000"};
  ServiceActor hr_{"hr", auth::Role::kHandler, "", "省人力资源社会保障厅", "410000"};
  ServiceActor entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
  ServiceActor boss_{"boss", auth::Role::kAdmin, "", "", "410000"};
  ServiceActor far_{"far", auth::Role::kAdmin, "", "", "420000"};
};

TEST_F(ServiceNotifyTest, UnitEnterpriseAndLeadersLearnOfTheirSteps) {
  AppealRecord a = Dispatched();
  EXPECT_EQ(Kinds(fin_), std::vector<std::string>{"dispatched"});
  EXPECT_TRUE(Kinds(hr_).empty());  // another unit
  ASSERT_OK_AND_ASSIGN(a, s_->StartWork(fin_, At(a, "2024-09-29T01:00:00Z")));
  ASSERT_OK_AND_ASSIGN(a, s_->Reply(fin_, At(a, "2024-10-08T02:00:00Z"), "已协调"));
  EXPECT_EQ(Kinds(entA_), std::vector<std::string>{"replied"});
  ASSERT_OK_AND_ASSIGN(a, s_->Escalate(disp_, At(a, "2024-10-08T03:00:00Z", "督办")));
  EXPECT_EQ(Kinds(boss_), std::vector<std::string>{"escalated"});
  EXPECT_TRUE(Kinds(far_).empty());   // another province's administrator
  EXPECT_TRUE(Kinds(disp_).empty());  // not the one who escalated
  // The unit the 督办 notice is addressed to learns of it (service/joint.h).
  EXPECT_EQ(Kinds(fin_), (std::vector<std::string>{"notice", "dispatched"}));
  ASSERT_OK_AND_ASSIGN(auto l, s_->Notifications(fin_, false));
  EXPECT_EQ(l.unread, 2);
  EXPECT_NE(l.items[0].title.find("续贷"), std::string::npos);
  EXPECT_EQ(s_->MarkNotificationsRead(entA_, l.items[0].id).code(),
            StatusCode::kNotFound);  // not theirs
  for (const auto& n : l.items) ASSERT_OK(s_->MarkNotificationsRead(fin_, n.id));
  ASSERT_OK_AND_ASSIGN(l, s_->Notifications(fin_, true));
  EXPECT_EQ(l.unread, 0);
  EXPECT_TRUE(l.items.empty());
}

TEST_F(ServiceNotifyTest, RemindersAreNotifiedOncePerCause) {
  AppealRecord a = Dispatched();  // response due 2024-09-29 (a make-up Sunday)
  ASSERT_OK_AND_ASSIGN(int made, s_->NotifyReminders("2024-09-27"));
  EXPECT_EQ(made, 1);  // T−1 of the response deadline, to the one handler of the unit
  ASSERT_OK_AND_ASSIGN(made, s_->NotifyReminders("2024-09-27"));
  EXPECT_EQ(made, 1);  // computed again …
  EXPECT_EQ(Kinds(fin_),
            (std::vector<std::string>{"due_tomorrow", "dispatched"}));  // … but stored once
  ASSERT_OK(s_->NotifyReminders("2024-09-30").status());  // the response deadline passed
  EXPECT_EQ(Kinds(fin_), (std::vector<std::string>{"overdue", "due_tomorrow", "dispatched"}));
}

TEST_F(ServiceNotifyTest, EmailsAreRetriedWithBackoffAndEveryAttemptRecorded) {
  ASSERT_OK(s_->SetNotificationEmail(fin_, "fin@example.org"));
  EXPECT_EQ(s_->SetNotificationEmail(fin_, "a@b\r\nBcc: x").code(), StatusCode::kInvalidArgument);
  Dispatched();
  service::RecordingSender sender;
  sender.set_fail(true);
  ASSERT_OK_AND_ASSIGN(int sent, s_->DeliverPending(sender));
  EXPECT_EQ(sent, 0);
  ASSERT_OK_AND_ASSIGN(auto l, s_->Notifications(fin_, false));
  ASSERT_EQ(l.items.size(), 1u);
  EXPECT_EQ(l.items[0].delivery, "pending");
  EXPECT_EQ(l.items[0].attempts, 1);
  EXPECT_EQ(l.items[0].next_attempt_at, "2024-09-27T03:01:00Z");  // one minute later
  sender.set_fail(false);
  ASSERT_OK_AND_ASSIGN(sent, s_->DeliverPending(sender));
  EXPECT_EQ(sent, 0);  // not due yet
  clock_.Advance(61);
  NotificationWorker worker(*s_, nullptr);
  ASSERT_OK_AND_ASSIGN(sent, s_->DeliverPending(sender));
  EXPECT_EQ(sent, 1);
  ASSERT_EQ(sender.sent().size(), 1u);
  EXPECT_EQ(sender.sent()[0].to, "fin@example.org");
  ASSERT_OK_AND_ASSIGN(auto attempts, s_->DeliveryAttempts(fin_, l.items[0].id));
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_FALSE(attempts[0].ok);
  EXPECT_TRUE(attempts[1].ok);
  EXPECT_EQ(attempts[1].channel, "email");
  EXPECT_EQ(s_->DeliveryAttempts(entA_, l.items[0].id).status().code(), StatusCode::kNotFound);
}

TEST_F(ServiceNotifyTest, TheWorkerRunsAndStops) {
  Dispatched();
  auto sender = std::make_unique<service::RecordingSender>();
  NotificationWorker worker(*s_, std::move(sender), std::chrono::seconds(3600));
  worker.Start();
  worker.Stop();  // joins after its first round
  EXPECT_FALSE(Kinds(fin_).empty());
}

}  // namespace
}  // namespace ballast::app
