// The notifications of app::Service: who learns of what (docs/service.md, "Notifications"),
// written in the request that causes them; reminders and e-mail delivery by the background
// worker (app/notification_worker.h).
#include <algorithm>
#include <cstdio>

#include "app/service.h"

namespace ballast::app {

namespace {

std::string AddSeconds(const std::string& utc, int64_t seconds) {
  auto t = ParseUtc(utc);
  return t.ok() ? FormatUtc(*t + seconds) : utc;
}

}  // namespace

Result<std::vector<std::string>> Service::Recipients(const AppealRecord& a, const std::string& who,
                                                     const std::string& except) {
  ASSIGN_OR_RETURN(auto users, ws_.auth().ListUsers());
  std::vector<std::string> out;
  for (const auto& u : users) {
    if (u.disabled || u.username == except) continue;
    const auto role = auth::ParseRole(u.role);
    if (!role) continue;
    bool match = false;
    if (who == "unit") match = *role == auth::Role::kHandler && !a.unit.empty() && u.unit == a.unit;
    if (who == "enterprise") match = *role == auth::Role::kEnterprise && u.uscc == a.uscc;
    if (who == "dispatchers")
      match = *role == auth::Role::kDispatcher || *role == auth::Role::kAdmin;
    if (who == "leaders") match = *role == auth::Role::kAdmin || *role == auth::Role::kDispatcher;
    if (match && who != "enterprise" && !Covers(u.region, a.region)) match = false;
    if (match) out.push_back(u.username);
  }
  return out;
}

Status Service::NotifyUsers(const std::vector<std::string>& usernames, const std::string& kind,
                            const std::string& cause, const AppealRecord& a,
                            const std::string& now) {
  for (const auto& u : usernames) {
    NotificationRecord n;
    n.username = u;
    n.kind = kind;
    n.dedupe = cause;
    n.appeal_id = a.id;
    n.title = service::NotificationTitle(kind, a.id, a.title);
    n.body = a.enterprise_name + "｜" + a.category + (a.unit.empty() ? "" : "｜" + a.unit) +
             (a.due.empty() ? "" : "｜办理期限 " + a.due);
    n.created_at = now;
    ASSIGN_OR_RETURN(n.email, store_->ContactEmail(u));
    n.delivery = n.email.empty() ? "none" : "pending";
    n.next_attempt_at = now;
    RETURN_IF_ERROR(store_->AddNotification(std::move(n)).status());
  }
  return Status::Ok();
}

void Service::NotifyStep(const ServiceActor& actor, service::Action action, const AppealRecord& a,
                         bool escalated) {
  using service::Action;
  const std::string now = a.updated_at;
  const std::string cause = std::to_string(a.id) + "@" + std::to_string(a.version);
  auto send = [&](const std::string& who, const std::string& kind) {
    auto users = Recipients(a, who, actor.username);
    Status st = users.ok() ? NotifyUsers(*users, kind, kind + ":" + cause, a, now) : users.status();
    if (!st.ok())
      std::fprintf(stderr, "service: notification of appeal %lld not recorded: %s\n",
                   static_cast<long long>(a.id), st.ToString().c_str());
  };
  if (action == Action::kDispatch || action == Action::kReassign || action == Action::kReopen) {
    send("unit", "dispatched");
  }
  if (action == Action::kReply) send("enterprise", "replied");
  if (action == Action::kEscalate || escalated) send("leaders", "escalated");
}

Result<Service::NotificationList> Service::Notifications(const ServiceActor& actor,
                                                         bool unread_only, int64_t limit) {
  if (limit < 1 || limit > 500) return Status::Invalid("limit: 1–500");
  std::lock_guard<std::mutex> lock(mu_);
  NotificationList out;
  ASSIGN_OR_RETURN(out.items, store_->ListNotifications(actor.username, unread_only, limit));
  ASSIGN_OR_RETURN(out.unread, store_->UnreadNotifications(actor.username));
  return out;
}

Status Service::MarkNotificationsRead(const ServiceActor& actor, int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->MarkNotificationsRead(actor.username, id, Now(""));
}

Status Service::SetNotificationEmail(const ServiceActor& actor, const std::string& email) {
  const bool ok = email.empty() || (email.size() <= 254 && email.find('@') != std::string::npos &&
                                    email.find_first_of(" \t\r\n<>,;\"") == std::string::npos);
  if (!ok)
    return Status::Invalid("email: one address like name@example.org (or empty to stop e-mails)");
  std::lock_guard<std::mutex> lock(mu_);
  return store_->SetContactEmail(actor.username, email);
}

Result<std::vector<NotificationAttemptRecord>> Service::DeliveryAttempts(const ServiceActor& actor,
                                                                         int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto mine, store_->ListNotifications(actor.username, false, 100000));
  if (std::none_of(mine.begin(), mine.end(),
                   [&](const NotificationRecord& n) { return n.id == id; })) {
    return Status::NotFound("no notification " + std::to_string(id));
  }
  return store_->DeliveryAttempts(id);
}

Result<int> Service::NotifyReminders(const std::string& today_in) {
  const std::string now = Now("");
  auto today = today_in.empty() ? service::BeijingDay(now) : service::ParseDay(today_in);
  if (!today) return Status::Invalid("bad date '" + today_in + "'");
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto all, store_->ListAppeals(AppealQuery{}));
  int made = 0;
  for (const auto& r : RemindersOf(all, *today)) {
    auto a = std::find_if(all.begin(), all.end(),
                          [&](const AppealRecord& x) { return x.id == r.appeal_id; });
    const std::string kind(service::ReminderKindName(r.kind));
    // Not yet dispatched, or returned: the dispatchers owe the next step; otherwise the unit.
    ASSIGN_OR_RETURN(
        auto users,
        Recipients(*a, r.deadline == "dispatch" || a->unit.empty() ? "dispatchers" : "unit"));
    const std::string cause =
        kind + ":" + std::to_string(a->id) + ":" + r.deadline + ":" + service::FormatDay(r.due);
    RETURN_IF_ERROR(NotifyUsers(users, kind, cause, *a, now));
    made += static_cast<int>(users.size());
  }
  // 会办 parts and 督办 notices still open: their unit is reminded (T−1, overdue) like the lead.
  auto remind = [&](int64_t appeal_id, const std::string& unit, const std::string& deadline,
                    const std::string& due_text) -> Status {
    auto due = service::ParseDay(due_text);
    auto a = std::find_if(all.begin(), all.end(),
                          [&](const AppealRecord& x) { return x.id == appeal_id; });
    if (!due || a == all.end()) return Status::Ok();
    auto k = service::ReminderFor(calendar_, *due, *today);
    if (!k) return Status::Ok();
    AppealRecord to = *a;
    to.unit = unit;
    ASSIGN_OR_RETURN(auto users, Recipients(to, "unit"));
    const std::string kind(service::ReminderKindName(*k));
    RETURN_IF_ERROR(NotifyUsers(
        users, kind,
        kind + ":" + std::to_string(a->id) + ":" + deadline + ":" + unit + ":" + due_text, *a,
        now));
    made += static_cast<int>(users.size());
    return Status::Ok();
  };
  ASSIGN_OR_RETURN(auto parts, store_->ListJointParts(0, ""));
  for (const auto& p : parts) {
    if (p.state == "open") RETURN_IF_ERROR(remind(p.appeal_id, p.unit, "co_unit", p.due));
  }
  ASSIGN_OR_RETURN(auto notices, store_->ListNotices(0, ""));
  for (const auto& n : notices) {
    if (n.state == "open") RETURN_IF_ERROR(remind(n.appeal_id, n.unit, "notice", n.due));
  }
  return made;
}

Result<int> Service::DeliverPending(service::NotificationSender& sender, int64_t limit) {
  std::vector<NotificationRecord> due;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(due, store_->DueDeliveries(Now(""), limit));
  }
  int sent = 0;
  for (auto& n : due) {
    // The send itself runs without the lock: a slow mail server delays no request.
    Status st =
        sender.Send({n.email, n.title,
                     n.title + "\n" + n.body + "\n\n（本邮件由 Ballast 企业服务平台自动发送）"});
    const std::string at = Now("");
    ++n.attempts;
    if (st.ok()) {
      n.delivery = "sent";
      ++sent;
    } else if (n.attempts >= service::kMaxDeliveryAttempts) {
      n.delivery = "failed";
    } else {
      n.next_attempt_at = AddSeconds(at, service::BackoffSeconds(n.attempts));
    }
    std::lock_guard<std::mutex> lock(mu_);
    RETURN_IF_ERROR(store_->RecordDelivery(
        n, {0, n.id, at, sender.channel(), st.ok(), st.ok() ? "" : st.ToString()}));
  }
  return sent;
}

}  // namespace ballast::app
