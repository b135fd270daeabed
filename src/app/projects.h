// Major-project use cases (issue 15): the register (import, edit), the monthly dispatch reports,
// the 三个一批 rates and the warning cards. Every call takes the caller; app/access.h decides what
// it may see, edit and report. A project the caller may not see answers NotFound like one that
// does not exist.
#ifndef BALLAST_APP_PROJECTS_H_
#define BALLAST_APP_PROJECTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "projects/cards.h"
#include "projects/project.h"
#include "projects/rates.h"
#include "warn/evaluator.h"

namespace ballast::app {

struct ProjectFilter {
  std::string region;    // "" = the caller's scope
  std::string stage;     // "" or a stage name
  std::string industry;  // "" or a GB/T 4754 code (its subtree)
  std::string unit;      // "" or the responsible unit
  std::string text;      // "" or a part of the name, code or investor
  bool yi_level_only = false;
};

// The projects the caller may see, by id.
Result<std::vector<projects::Project>> ListProjects(Ballast& b, const Caller& c,
                                                    const ProjectFilter& f);
Result<projects::Project> GetProject(Ballast& b, const Caller& c, int64_t id);

struct ProjectImportSummary {
  int64_t created = 0, updated = 0;
};
// Imports a register file (CSV/XLSX): rows are new projects or, by code, replace projects the
// caller may edit. Every row must lie in the caller's scope; one bad row writes nothing.
Result<ProjectImportSummary> ImportProjects(Ballast& b, const Caller& c, std::string_view bytes,
                                            const std::string& file_name);

// Replaces the project `edited.id` if `edited.version` is still the stored one. The caller must
// be able to edit the project where it is AND where the edit puts it.
Result<projects::Project> UpdateProject(Ballast& b, const Caller& c, projects::Project edited);

// One month's report (a new version when the month has one). Refused for a future month (by the
// Beijing calendar) and for a project outside what the caller may report. A stage reached in the
// month becomes the project's actual date of that stage (the next stage only; no skipping).
Result<projects::MonthlyReport> ReportMonth(Ballast& b, const Caller& c, projects::MonthlyReport r);

struct ReportView {
  projects::MonthlyReport report;
  double cumulative = 0;  // investment up to this month, over the latest versions
  bool latest = false;    // the latest version of its month
};
// Every version of a project's reports, by month and version.
Result<std::vector<ReportView>> ProjectReports(Ballast& b, const Caller& c, int64_t id);

// The rates of a round over the projects the caller may see in `region` ("" = scope), grouped
// by: region (the region's children) | industry (GB/T 4754 division) | leader_province |
// leader_city | leader_county.
Result<projects::RatesTable> ProjectRates(Ballast& b, const Caller& c, const std::string& round,
                                          const std::string& by, const std::string& region);

struct ProjectCardRow {
  int64_t project_id = 0;
  std::string code, name, region, unit;
  projects::Card card;
};
// The warning cards of the projects the caller may see in `region`, red first.
Result<std::vector<ProjectCardRow>> ProjectCards(Ballast& b, const Caller& c,
                                                 const std::string& region, int idle_months = 3);

// The projects as subjects of the warning engine (subject kind "project", key the project code):
// every project with a card as of `month` (today when the clock is in it, else the month's last
// day) carries the series of its cards — behind_months, idle_months, overdue_days (the most
// overdue blocker) — one point each, for the rules project_* of data/rules/default.json. The
// responsible unit goes into the subject's units (a handler sees its own projects' alerts).
// Wired into every evaluation by the composition root.
Result<std::vector<warn::ExternalSubject>> ProjectSubjects(Ballast& b, Period month);

}  // namespace ballast::app

#endif  // BALLAST_APP_PROJECTS_H_
