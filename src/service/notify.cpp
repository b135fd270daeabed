#include "service/notify.h"

#include <algorithm>

namespace ballast::service {

int64_t BackoffSeconds(int32_t attempts) {
  const int32_t n = std::clamp(attempts, 1, 20);
  return std::min<int64_t>(int64_t{60} << (n - 1), 6 * 3600);
}

std::string NotificationTitle(const std::string& kind, int64_t id, const std::string& title) {
  const std::string which = "诉求 #" + std::to_string(id) + "「" + title + "」";
  if (kind == "dispatched") return "新派单：" + which;
  if (kind == "replied") return "诉求已答复：" + which;
  if (kind == "due_tomorrow") return "明日到期：" + which;
  if (kind == "overdue") return "已超期：" + which;
  if (kind == "escalated") return "督办：" + which;
  if (kind == "co_unit") return "会办：" + which;
  if (kind == "co_unit_answered") return "会办单位已答复：" + which;
  if (kind == "notice") return "督办通知：" + which;
  if (kind == "notice_answered") return "督办已回复：" + which;
  return which;
}

Status RecordingSender::Send(const OutgoingMessage& m) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_) return Status::Io("recording sender told to fail");
  sent_.push_back(m);
  return Status::Ok();
}

}  // namespace ballast::service
