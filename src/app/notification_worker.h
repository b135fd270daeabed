// The background worker of the service's notifications: every period it turns the day's
// reminders into notifications and sends the pending e-mails (retried with backoff), so that no
// request waits on a mail server. Stops (and joins) on destruction.
#ifndef BALLAST_APP_NOTIFICATION_WORKER_H_
#define BALLAST_APP_NOTIFICATION_WORKER_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "app/service.h"

namespace ballast::app {

class NotificationWorker {
 public:
  // sender may be null: in-app notifications only.
  NotificationWorker(Service& service, std::unique_ptr<service::NotificationSender> sender,
                     std::chrono::seconds period = std::chrono::seconds(60));
  ~NotificationWorker();
  void Start();
  void Stop();
  // One round (what the thread does each period); errors are logged.
  void RunOnce();

 private:
  Service& service_;
  std::unique_ptr<service::NotificationSender> sender_;
  std::chrono::seconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_NOTIFICATION_WORKER_H_
