// The leader's statistics of the enterprise service (issue 14 item 7), scoped like the metrics;
// a handler reads its own unit's figures only.
#include "app/service.h"

namespace ballast::app {

Result<service::Statistics> Service::Statistics(const ServiceActor& actor,
                                                const MetricsFilter& filter,
                                                const std::string& today_in) {
  const auto today = today_in.empty() ? service::BeijingDay(Now("")) : service::ParseDay(today_in);
  if (!today) return Status::Invalid("today: bad date '" + today_in + "' (YYYY-MM-DD)");
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto appeals, AggregateAppeals(actor, filter));
  return service::ComputeStatistics(appeals, *today, calendar_);
}

}  // namespace ballast::app
