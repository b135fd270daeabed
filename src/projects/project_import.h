// Reading the project register from CSV or XLSX: Chinese or English headers (项目名称 or name,
// any order), every row checked (codes against the catalogs, dates, amounts), errors naming
// file, line and field. The caller writes all rows or none.
#ifndef BALLAST_PROJECTS_PROJECT_IMPORT_H_
#define BALLAST_PROJECTS_PROJECT_IMPORT_H_

#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "projects/project.h"

namespace ballast::projects {

struct ParsedProject {
  int64_t line = 0;
  Project project;
};

// Required columns: code, name, region; the others are optional (docs/projects.md lists them).
Result<std::vector<ParsedProject>> ParseProjects(const Catalog& catalog, std::string_view bytes,
                                                 std::string_view file_name);

// The same checks for one project edited by hand (no file, no line).
Status CheckProjectCodes(const Catalog& catalog, const Project& p);

}  // namespace ballast::projects

#endif  // BALLAST_PROJECTS_PROJECT_IMPORT_H_
