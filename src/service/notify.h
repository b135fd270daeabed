// Notifications of the appeal loop and how they leave the platform. In-app notifications are
// rows of the store (app::Service writes them in the request that causes them; nothing else
// happens there); e-mail and any other channel go through a NotificationSender, called only by
// the background worker (app/notification_worker.h), which retries with backoff.
//
// Adapters (SMS, WeChat work accounts, …) implement NotificationSender: Send() gets the
// recipient's address for that channel and a plain-text message, and answers Ok when the
// provider accepted it; any error is retried (BackoffSeconds) up to kMaxDeliveryAttempts.
#ifndef BALLAST_SERVICE_NOTIFY_H_
#define BALLAST_SERVICE_NOTIFY_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"

namespace ballast::service {

struct OutgoingMessage {
  std::string to;       // the address on the sender's channel (an e-mail address for SMTP)
  std::string subject;  // one line
  std::string body;     // plain text, UTF-8
};

class NotificationSender {
 public:
  virtual ~NotificationSender() = default;
  virtual std::string channel() const = 0;  // "email", "sms", …
  virtual Status Send(const OutgoingMessage& m) = 0;
};

// Seconds to wait after the n-th failed attempt (n ≥ 1): 1 min, 2, 4, … capped at 6 h.
int64_t BackoffSeconds(int32_t attempts);
inline constexpr int32_t kMaxDeliveryAttempts = 8;

// The kinds of notification and their text (Chinese; the web shows its own labels).
// dispatched: a unit receives an appeal; replied: the enterprise gets an answer; due_tomorrow,
// overdue: the handling unit (or the dispatchers for an appeal not yet dispatched); escalated:
// the region's administrators and dispatchers (leaders) learn of a 督办.
std::string NotificationTitle(const std::string& kind, int64_t appeal_id,
                              const std::string& appeal_title);

// SMTP through libcurl: url "smtp://host:25" or "smtps://host:465" (STARTTLS is required on
// smtp:// when a user is given), from the envelope sender; user/password optional.
struct SmtpOptions {
  std::string url, from, user, password;
  int64_t timeout_seconds = 20;
};
std::unique_ptr<NotificationSender> MakeSmtpSender(SmtpOptions options);

// Keeps what it is given (tests, and a dry run without a mail server); can be told to fail.
class RecordingSender : public NotificationSender {
 public:
  std::string channel() const override { return "email"; }
  Status Send(const OutgoingMessage& m) override;
  void set_fail(bool fail) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_ = fail;
  }
  std::vector<OutgoingMessage> sent() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }

 private:
  mutable std::mutex mu_;
  bool fail_ = false;
  std::vector<OutgoingMessage> sent_;
};

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_NOTIFY_H_
