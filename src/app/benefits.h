// Policy matching use cases (惠企政策, issue 14 item 6): the policy library, the 免申即享 list of a
// policy for an office, "policies for you" for an enterprise, benefit records and their counts,
// and the standard answers (标准答复) per appeal category. app/access.h decides who may do what:
//   - policies: readable by every logged-in user; imported by administrators, analysts and
//     dispatchers whose scope is the whole country or a province;
//   - a policy's matches: staff with enterprise lists (administrators, analysts, dispatchers),
//     over the enterprises of their scope; an enterprise user only its own verdicts;
//   - benefit records: staff of the enterprise's scope (not viewers, not enterprises); counts
//     by policy and region for every role with aggregates, amounts under disclosure control;
//   - standard answers: edited by the dispatchers and administrators of the scope that owns
//     them, read by the staff of the appeals (handlers included) of that scope and below.
#ifndef BALLAST_APP_BENEFITS_H_
#define BALLAST_APP_BENEFITS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "benefit/matcher.h"
#include "benefit/policy.h"
#include "store/benefit_store.h"

namespace ballast::app {

struct PolicyView {
  benefit::Policy policy;
  std::string conditions;  // canonical condition text
  bool in_force = false;   // on today's Beijing date
};

// Every policy of the library, by id (in_force computed on the Beijing date of the clock).
Result<std::vector<PolicyView>> ListBenefitPolicies(Ballast& b, const Caller& c);
Result<PolicyView> GetBenefitPolicy(Ballast& b, const Caller& c, const std::string& id);

struct PolicyImportSummary {
  int64_t created = 0, updated = 0;
};
// Imports a policy library (CSV/XLSX, benefit/policy_import.h): new ids are added, known ids
// replaced; one bad row writes nothing.
Result<PolicyImportSummary> ImportBenefitPolicies(Ballast& b, const Caller& c,
                                                  std::string_view bytes,
                                                  const std::string& file_name);

struct MatchRow {
  std::string uscc, name, region, industry, size;
  std::vector<std::string> tags;
  std::string verdict;               // matched | possible
  std::vector<std::string> unknown;  // fields to check (待核实)
  // The figures matched on: for those who may read enterprise-level figures.
  std::optional<double> revenue, growth, rd;
  bool figures_shown = false;
  std::optional<BenefitRecord> record;  // what was applied for / granted
};
struct MatchList {
  PolicyView policy;
  std::string region;        // the region matched over
  std::string period;        // the panel's latest period (the figures' period)
  std::string revenue_year;  // the last full year of revenue ("" = none in the panel)
  std::vector<MatchRow> matched, possible;
  int64_t considered = 0;  // enterprises of the region looked at
};
// The 免申即享 list of a policy: the enterprises in `region` ("" = the caller's scope) that
// qualify, and the 待核实 ones apart.
Result<MatchList> MatchBenefitPolicy(Ballast& b, const Caller& c, const std::string& policy_id,
                                     const std::string& region);

struct PolicyForYou {
  PolicyView policy;
  std::string verdict;  // matched | possible
  std::vector<std::string> unknown;
  std::optional<BenefitRecord> record;
};
// The policies in force an enterprise qualifies for (or may: 待核实), on its own figures only.
// Staff may ask for an enterprise they may see; an enterprise user only for itself ("" = own).
Result<std::vector<PolicyForYou>> PoliciesForEnterprise(Ballast& b, const Caller& c,
                                                        const std::string& uscc);

struct BenefitRecordRequest {
  std::string policy_id, uscc;
  std::string status;                  // applied | granted | refused
  std::string applied_on, decided_on;  // Beijing dates; decided_on required for granted/refused
  std::optional<double> amount;        // 万元, granted only (required then)
  std::string note;
};
// Records what became of a policy for an enterprise (staff of the enterprise's scope; audited).
Result<BenefitRecord> RecordBenefit(Ballast& b, const Caller& c, const BenefitRecordRequest& r);

// Benefit records the caller may see (of one policy, "" = all).
Result<std::vector<BenefitRecord>> ListBenefitRecords(Ballast& b, const Caller& c,
                                                      const std::string& policy_id);

struct BenefitCountRow {
  std::string policy_id, region;  // region: a child of the asked region (or the region itself)
  int64_t applied = 0, granted = 0, refused = 0;
  std::optional<double> amount;  // 万元 granted; withheld under disclosure control
  std::string suppressed;        // why the amount is withheld ("" when shown)
};
// Counts by policy and by the children of `region` ("" = the caller's scope).
Result<std::vector<BenefitCountRow>> BenefitCounts(Ballast& b, const Caller& c,
                                                   const std::string& region);

// Standard answers (标准答复). Readable answers of a category ("" = all).
Result<std::vector<StandardAnswer>> ListStandardAnswers(Ballast& b, const Caller& c,
                                                        const std::string& category);
// id 0 creates (region "" = the caller's scope); else edits at `version`. Audited.
Result<StandardAnswer> SaveStandardAnswer(Ballast& b, const Caller& c, StandardAnswer a);
Status DeleteStandardAnswer(Ballast& b, const Caller& c, int64_t id, int64_t version);

}  // namespace ballast::app

#endif  // BALLAST_APP_BENEFITS_H_
