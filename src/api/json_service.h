// JSON of the enterprise-service answers and the bodies of its routes.
#ifndef BALLAST_API_JSON_SERVICE_H_
#define BALLAST_API_JSON_SERVICE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/service.h"

namespace ballast::api {

std::string CategoriesJson(const service::ServiceCatalogue& catalogue);
// allowed: the steps the caller may take on the appeal now ("allowed_actions").
using AllowedAppealFn = std::function<std::vector<std::string>(const AppealRecord&)>;
// What an appeal's JSON needs besides the record: the caller's steps, today (Beijing date,
// for "overdue") and whether a date lies past the known calendar ("due_provisional").
struct AppealContext {
  AllowedAppealFn allowed;
  std::string today;
  std::function<bool(const std::string&)> provisional;
};
std::string AppealJson(const AppealRecord& a, const AppealContext& ctx,
                       const std::vector<int64_t>& duplicates = {});
std::string AppealsJson(const std::vector<AppealRecord>& appeals, const AppealContext& ctx);
std::string AppealViewJson(const app::AppealView& v, const AppealContext& ctx);
std::string CalendarStatusJson(const app::Service::CalendarStatus& s);
std::string NotificationsJson(const app::Service::NotificationList& l);
std::string RemindersJson(const std::vector<service::Reminder>& reminders);
std::string ServiceMetricsJson(const app::MetricsReport& r);
// The leader's statistics as of the Beijing date `today` (schema ServiceStatistics).
std::string ServiceStatisticsJson(const service::Statistics& s, const std::string& today);
// Attachments without their content (schemas Attachment, Attachments); the Content-Disposition
// value of a download (RFC 6266: an ASCII fallback and the UTF-8 name).
std::string AttachmentJson(const AttachmentRecord& a);
std::string AttachmentsJson(const std::vector<AttachmentRecord>& list);
std::string ContentDisposition(const std::string& file_name);
std::string CoverageJson(const std::vector<app::CoverageRow>& rows);
std::string OfficialsJson(const std::vector<OfficialRecord>& officials);
std::string MatchEventsJson(const std::vector<MatchEventRecord>& events);
std::string MatchEventJson(const MatchEventRecord& e);
std::string MatchTotalsJson(const service::MatchTotals& t);

struct ServiceBody {
  int64_t version = 0;
  std::string uscc, category, title, description, contact, channel;
  std::vector<std::string> attachments, co_units;
  std::string reason, unit, complexity, reply, satisfaction;
  std::string username, name, email;
  std::optional<int64_t> days, into;
  std::optional<bool> approve, solved;
  MatchEventRecord event;
};
Result<ServiceBody> ParseServiceBody(const std::string& body);

}  // namespace ballast::api

#endif  // BALLAST_API_JSON_SERVICE_H_
