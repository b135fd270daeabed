// Policy-target use cases: the shipped catalog (data/policies/) with each target's status from
// actual versus expected-to-date, and progress reported by the responsible units. Targets
// behind their path raise warnings through the rules of subject "target" (Warnings::Evaluate
// calls TargetSubjects).
#ifndef BALLAST_APP_POLICY_H_
#define BALLAST_APP_POLICY_H_

#include <optional>
#include <string>
#include <vector>

#include "app/warnings.h"
#include "policy/catalog.h"
#include "policy/progress.h"
#include "warn/evaluator.h"

namespace ballast::app {

struct TargetView {
  policy::Target target;
  std::string document_title, document_number, document_region;
  policy::Progress progress;
  std::string status;          // no_data | on_track | at_risk | off_track | achieved | qualitative
  std::string actual_source;   // reported | indicator | "" (none yet)
  std::string actual_period;   // YYYY-MM the actual stands for
  std::optional<ProgressRecord> latest;  // the latest reported progress
  int32_t reports = 0;
};

struct TargetFilter {
  std::string document;  // document id
  std::string unit;      // a lead or cooperating unit (exact)
  std::string status;
  bool include_qualitative = true;
  bool internal_metrics = true;  // false: targets on internal metrics fall back to reports
};

// today: the month statuses are computed for (0 = the current month).
Result<std::vector<TargetView>> ListTargets(Warnings& w, const TargetFilter& filter, Period today = 0);
Result<TargetView> GetTarget(Warnings& w, const std::string& target_id, Period today = 0);

struct ProgressRequest {
  std::string target_id;
  double value = 0;        // cumulative-to-date for cumulative targets, else the current level
  std::string date;        // YYYY-MM-DD the value stands for (not in the future)
  std::string note, attachment;  // attachment: a file name, stored as given
};
Result<ProgressRecord> AddProgress(Warnings& w, const ProgressRequest& request, const std::string& actor);
Result<std::vector<ProgressRecord>> ListProgress(Warnings& w, const std::string& target_id);

// As a caller asks (app/access.h): targets are policy texts any aggregate reader sees;
// internal metrics only for the whole country's users; progress only on targets of a region in
// the caller's scope (a handler: targets naming its unit).
class Ballast;
struct Caller;
struct TargetDetail {
  TargetView view;
  std::vector<ProgressRecord> progress;
};
Result<std::vector<TargetView>> ListTargets(Ballast& b, const Caller& caller, TargetFilter filter, Period today = 0);
Result<TargetDetail> GetTarget(Ballast& b, const Caller& caller, const std::string& target_id, Period today = 0);
Result<ProgressRecord> AddProgress(Ballast& b, const Caller& caller, const ProgressRequest& request);

// The targets as subjects of the target rules (series "behind_pct"), for the evaluator.
Result<std::vector<warn::ExternalSubject>> TargetSubjects(Warnings& w, Period today);

}  // namespace ballast::app

#endif  // BALLAST_APP_POLICY_H_
