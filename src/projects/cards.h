// Warning cards of a project (red / yellow, as project life-cycle systems show them), a read model
// computed from the register and the monthly reports: behind plan, no investment, a blocking
// factor past its deadline. Each card says why.
#ifndef BALLAST_PROJECTS_CARDS_H_
#define BALLAST_PROJECTS_CARDS_H_

#include <string>
#include <vector>

#include "projects/project.h"

namespace ballast::projects {

struct Card {
  int64_t project_id = 0;
  std::string kind;    // behind_plan | no_investment | blocker_overdue
  std::string level;   // yellow | red
  int64_t months = 0;  // months behind / without investment; days past the deadline for blockers
  std::string reason_zh, reason_en;
};

struct CardOptions {
  int idle_months = 3;  // no investment for this many completed months: yellow; twice as many: red
};

// Whole months from date `from` to date `to` (both YYYY-MM-DD; 0 when `to` is not a month later).
int64_t MonthsBetween(const std::string& from, const std::string& to);

// `reports`: the latest versions of this project's reports. `today`: YYYY-MM-DD (Beijing).
// Behind plan: the first stage not reached whose planned date passed N whole months ago
// (yellow for 1–2, red for 3 or more). No investment: a started project below design capacity
// without investment in the last idle_months completed months. Blockers: those of the latest
// month's report whose deadline has passed (red).
std::vector<Card> ProjectCards(const Project& p, const std::vector<MonthlyReport>& reports,
                               const std::string& today, const CardOptions& options = {});

}  // namespace ballast::projects

#endif  // BALLAST_PROJECTS_CARDS_H_
