// The leader's statistics of the enterprise service (issue 14 item 7), scoped like the metrics;
// a handler reads its own unit's figures only.
#include "app/access.h"
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

Result<Service::ReportFigures> Service::MonthFigures(const ServiceActor& actor,
                                                     const MetricsFilter& filter,
                                                     const std::string& today_in) {
  const auto today = today_in.empty() ? service::BeijingDay(Now("")) : service::ParseDay(today_in);
  if (!today) return Status::Invalid("today: bad date '" + today_in + "' (YYYY-MM-DD)");
  std::lock_guard<std::mutex> lock(mu_);
  // One read of the appeals for every figure, so the report's tables agree with each other.
  ASSIGN_OR_RETURN(auto appeals, AggregateAppeals(actor, filter));
  ReportFigures out;
  ASSIGN_OR_RETURN(out.unit, Access(ws_.catalog()).UnitOfFigures(actor, filter.unit));
  out.statistics = service::ComputeStatistics(appeals, *today, calendar_);
  auto total = service::ComputeMetrics(appeals, service::GroupBy::kTotal, calendar_);
  if (!total.empty()) out.total = std::move(total.front());
  out.accepted = service::CountAccepted(appeals);
  out.today = service::FormatDay(*today);
  return out;
}

}  // namespace ballast::app
