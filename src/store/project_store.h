// Storage of the major-project register and its monthly dispatch reports (issue 15). Projects
// carry an optimistic version; reports are append-only versions per (project, month). The
// SQLite implementation opens its own connection to the store file; the tables come from
// migrations 013 and 019 (the factor-guarantee ledger, 要素保障台账).
#ifndef BALLAST_STORE_PROJECT_STORE_H_
#define BALLAST_STORE_PROJECT_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "projects/factor_item.h"
#include "projects/project.h"

namespace ballast {

class ProjectStore {
 public:
  virtual ~ProjectStore() = default;
  // Every project, by id.
  virtual Result<std::vector<projects::Project>> ListProjects() = 0;
  virtual Result<std::optional<projects::Project>> GetProject(int64_t id) = 0;
  // In one transaction: a project with id 0 is inserted (version 1; a code already taken is
  // AlreadyExists); one with an id is rewritten if its stored version still equals its
  // `version` (then bumped); a stale version is FailedPrecondition. Any failure writes nothing.
  // Returns the projects as written (ids, versions).
  virtual Result<std::vector<projects::Project>> SaveProjects(
      std::vector<projects::Project> ps) = 0;
  // Appends the next version of the report's (project, month) and, when `project` is given,
  // saves it as SaveProjects does, in one transaction. `open_items` (may be null): factor items
  // the report opens, each with its "open" event, in the same transaction — an item whose project
  // and factor already have an open item is left out; on return the vector holds the items
  // written, with their ids.
  virtual Result<projects::MonthlyReport> AddReport(
      projects::MonthlyReport r, const std::optional<projects::Project>& project,
      std::vector<projects::FactorItem>* open_items = nullptr) = 0;
  // Every version of every report (of one project when project_id > 0), by project, month and
  // version.
  virtual Result<std::vector<projects::MonthlyReport>> ListReports(int64_t project_id) = 0;

  // The factor-guarantee ledger. Opens an item (version 1) with its first event; AlreadyExists
  // when the project already has an open item of that factor.
  virtual Result<projects::FactorItem> OpenFactorItem(projects::FactorItem item,
                                                      projects::FactorEvent event) = 0;
  // Every item (of one project when project_id > 0), by id.
  virtual Result<std::vector<projects::FactorItem>> ListFactorItems(int64_t project_id) = 0;
  virtual Result<std::optional<projects::FactorItem>> GetFactorItem(int64_t id) = 0;
  // Rewrites the item if its stored version is still `expected_version` (then bumped) and
  // appends the step's event, in one transaction; a stale version is FailedPrecondition.
  virtual Result<projects::FactorItem> UpdateFactorItem(projects::FactorItem item,
                                                        int64_t expected_version,
                                                        projects::FactorEvent event) = 0;
  // An item's history, oldest first.
  virtual Result<std::vector<projects::FactorEvent>> ListFactorEvents(int64_t item_id) = 0;
};

// Opens the project tables of an existing Ballast store file (migrated by the Store).
Result<std::unique_ptr<ProjectStore>> OpenSqliteProjectStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_PROJECT_STORE_H_
