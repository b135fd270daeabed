// JSON of the warning and policy-target answers, and the request bodies of their routes.
#ifndef BALLAST_API_JSON_WARN_H_
#define BALLAST_API_JSON_WARN_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/episodes.h"
#include "app/judgement.h"
#include "app/policy.h"
#include "app/warnings.h"

namespace ballast::api {

// counts: firing alerts by level over everything the caller may see, before the level filter
// and the limit (for badges).
// allowed: the handling steps the caller may take on an alert now ("allowed_actions").
using AllowedFn = std::function<std::vector<std::string>(const AlertRecord&)>;
std::string AlertsJson(const std::vector<AlertRecord>& alerts,
                       const std::map<std::string, int64_t>& counts, const AllowedFn& allowed);
std::string AlertJson(const AlertRecord& a, const std::vector<std::string>& allowed);
std::string AlertDetailJson(const AlertRecord& a, const std::vector<AlertEventRecord>& events,
                            const std::vector<std::string>& allowed);
// Episodes (app/episodes.h): the page, how many matched, and the counts (no cap).
std::string EpisodesJson(const app::EpisodeList& list, const AllowedFn& allowed);
std::string EpisodeCountsJson(const app::EpisodeCounts& counts);
// 研判 (app/judgement.h): the summary of a node.
std::string JudgementJson(const app::Judgement& j, const AllowedFn& allowed);
std::string SilencesJson(const std::vector<SilenceRecord>& silences);
std::string SilenceJson(const SilenceRecord& s);
std::string RulesJson(const std::vector<app::RuleView>& rules);
std::string RuleJson(const app::RuleView& r);
std::string WarnSummaryJson(const app::WarnSummary& s);
std::string CommodityPointsJson(const std::vector<CommodityPointRecord>& points);
std::string CommodityImportJson(const app::CommodityImportResult& r);
std::string CommodityReportJson(const app::CommodityImportResult& r);
std::string TargetsJson(const std::vector<app::TargetView>& targets);
std::string TargetDetailJson(const app::TargetView& t, const std::vector<ProgressRecord>& progress);
std::string ProgressJson(const ProgressRecord& p);

// Request bodies: every field optional here; the handlers say which they need.
struct WarnBody {
  std::string note, unit, deadline;
  std::string rule_id, family, subject_key, region, reason, starts_at, ends_at;
  std::string date, attachment;
  std::optional<double> value;
  std::optional<bool> enabled;
};
Result<WarnBody> ParseWarnBody(const std::string& body);

}  // namespace ballast::api

#endif  // BALLAST_API_JSON_WARN_H_
