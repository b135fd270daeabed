#include "app/notification_worker.h"

#include <cstdio>

namespace ballast::app {

NotificationWorker::NotificationWorker(Service& service,
                                       std::unique_ptr<service::NotificationSender> sender,
                                       std::chrono::seconds period)
    : service_(service), sender_(std::move(sender)), period_(period) {}

NotificationWorker::~NotificationWorker() { Stop(); }

void NotificationWorker::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      cv_.wait_for(lock, period_, [this] { return stop_; });
    }
  });
}

void NotificationWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationWorker::RunOnce() {
  if (auto r = service_.NotifyReminders(); !r.ok()) {
    std::fprintf(stderr, "notifications: reminders: %s\n", r.status().ToString().c_str());
  }
  if (!sender_) return;
  if (auto r = service_.DeliverPending(*sender_); !r.ok()) {
    std::fprintf(stderr, "notifications: delivery: %s\n", r.status().ToString().c_str());
  }
}

}  // namespace ballast::app
