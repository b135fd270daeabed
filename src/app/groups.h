// Named groups of regions or industries (高技术制造业 @hightech, 东部地区 @east, …) and the tag
// filter of a request (issue #12 item 5). The shipped groups are data/groups/*.csv, linked into
// the binary; users add their own as files of the same format in the folder named by the
// environment variable BALLAST_GROUPS_DIR (data/groups/README.md describes the format).
#ifndef BALLAST_APP_GROUPS_H_
#define BALLAST_APP_GROUPS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/status.h"
#include "engine/query.h"

namespace ballast::app {

struct Group {
  std::string name;  // "@hightech": '@' and the file's stem
  std::string name_zh, name_en, source, file;
  bool region = false;             // a group of regions, else of industries
  std::vector<std::string> codes;  // its members, in the file's order
};

// Parses one group file; errors name the file, the line and the field.
Result<Group> ParseGroup(std::string_view text, const std::string& file, const std::string& name);

// The shipped groups, then those of BALLAST_GROUPS_DIR (read at each call: a new file counts at
// once), checked against the catalog. A user file may not reuse a shipped name.
Result<std::vector<Group>> LoadGroups(const Catalog& catalog);

// Resolves a request's region and industry (a code, or @group) and its tags into `ref`'s nodes and
// filter: a region group sets the region to the whole country, an industry group the industry to
// all industry (BCD). Errors are InvalidArgument naming the field.
Status ResolveCellScope(const Catalog& catalog, const std::string& region,
                        const std::string& industry, const std::vector<std::string>& tags,
                        CellRef* ref);

// The members of a region group ("@east"), for scope checks; InvalidArgument for an unknown one.
Result<std::vector<std::string>> RegionGroupMembers(const Catalog& catalog,
                                                    const std::string& name);

// Tags as a request gives them: repeated and/or comma-separated; blanks dropped, duplicates once.
std::vector<std::string> NormalizeTags(const std::vector<std::string>& raw);

}  // namespace ballast::app

#endif  // BALLAST_APP_GROUPS_H_
