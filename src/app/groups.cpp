#include "app/groups.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/incbin.h"

BALLAST_INCBIN(ballast_group_hightech, BALLAST_DATA_DIR "/groups/hightech.csv")
BALLAST_INCBIN(ballast_group_equipment, BALLAST_DATA_DIR "/groups/equipment.csv")
BALLAST_INCBIN(ballast_group_energy6, BALLAST_DATA_DIR "/groups/energy6.csv")
BALLAST_INCBIN(ballast_group_consumer, BALLAST_DATA_DIR "/groups/consumer.csv")
BALLAST_INCBIN(ballast_group_raw, BALLAST_DATA_DIR "/groups/raw.csv")
BALLAST_INCBIN(ballast_group_east, BALLAST_DATA_DIR "/groups/east.csv")
BALLAST_INCBIN(ballast_group_central, BALLAST_DATA_DIR "/groups/central.csv")
BALLAST_INCBIN(ballast_group_west, BALLAST_DATA_DIR "/groups/west.csv")
BALLAST_INCBIN(ballast_group_northeast, BALLAST_DATA_DIR "/groups/northeast.csv")

namespace ballast::app {

namespace {

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

struct Shipped {
  const char* name;
  std::string_view text;
};

std::vector<Shipped> ShippedGroups() {
  return {{"hightech", BALLAST_INCBIN_VIEW(ballast_group_hightech)},
          {"equipment", BALLAST_INCBIN_VIEW(ballast_group_equipment)},
          {"energy6", BALLAST_INCBIN_VIEW(ballast_group_energy6)},
          {"consumer", BALLAST_INCBIN_VIEW(ballast_group_consumer)},
          {"raw", BALLAST_INCBIN_VIEW(ballast_group_raw)},
          {"east", BALLAST_INCBIN_VIEW(ballast_group_east)},
          {"central", BALLAST_INCBIN_VIEW(ballast_group_central)},
          {"west", BALLAST_INCBIN_VIEW(ballast_group_west)},
          {"northeast", BALLAST_INCBIN_VIEW(ballast_group_northeast)}};
}

bool ValidName(std::string_view n) {
  if (n.empty() || n.size() > 40) return false;
  return std::all_of(n.begin(), n.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}

Status CheckCodes(const Catalog& c, const Group& g) {
  for (size_t i = 0; i < g.codes.size(); ++i) {
    const bool known =
        g.region ? c.regions().Find(g.codes[i]) != kNoNode : c.FindIndustry(g.codes[i]) != kNoNode;
    if (!known) {
      return Status::Invalid(g.file + ": code: '" + g.codes[i] + "' is not a " +
                             (g.region ? "GB/T 2260 region code" : "GB/T 4754-2017 industry code"));
    }
  }
  return Status::Ok();
}

Result<const Group*> Find(const std::vector<Group>& groups, const std::string& name, bool region,
                          const char* field) {
  for (const auto& g : groups) {
    if (g.name != name) continue;
    if (g.region != region) {
      return Status::Invalid(std::string(field) + ": '" + name + "' is a group of " +
                             (g.region ? "regions" : "industries"));
    }
    return &g;
  }
  std::string known;
  for (const auto& g : groups) {
    if (g.region == region) known += (known.empty() ? "" : ", ") + g.name;
  }
  return Status::Invalid(std::string(field) + ": unknown group '" + name + "' (known: " + known +
                         ")");
}

}  // namespace

Result<Group> ParseGroup(std::string_view text, const std::string& file, const std::string& name) {
  Group g;
  g.name = "@" + name;
  g.file = file;
  if (!ValidName(name)) {
    return Status::Invalid(file +
                           ": the file name must be [a-z0-9_-]+.csv (it names the group @name)");
  }
  bool header = false, dimension = false;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    const std::string where = file + ":" + std::to_string(line_no) + ": ";
    if (line.empty()) continue;
    if (line[0] == '#') {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;  // a plain comment
      const std::string key = Trim(std::string_view(line).substr(1, colon - 1));
      const std::string value = Trim(std::string_view(line).substr(colon + 1));
      if (key == "name_zh") g.name_zh = value;
      if (key == "name_en") g.name_en = value;
      if (key == "source") g.source = value;
      if (key == "dimension") {
        if (value != "region" && value != "industry") {
          return Status::Invalid(where + "dimension: '" + value + "' is not region or industry");
        }
        g.region = value == "region";
        dimension = true;
      }
      continue;
    }
    const auto cells = SplitSimpleCsvLine(line);
    const std::string first = cells.empty() ? std::string() : Trim(cells[0]);
    if (!header) {
      if (first != "code")
        return Status::Invalid(where + "the header must start with the column 'code'");
      header = true;
      continue;
    }
    if (first.empty()) return Status::Invalid(where + "code: empty");
    if (std::find(g.codes.begin(), g.codes.end(), first) != g.codes.end()) {
      return Status::Invalid(where + "code: '" + first + "' is listed twice");
    }
    g.codes.push_back(first);
  }
  if (!dimension)
    return Status::Invalid(file +
                           ": missing the line '# dimension: region' or '# dimension: industry'");
  if (g.name_zh.empty())
    return Status::Invalid(file + ": missing the line '# name_zh: …' (the Chinese label)");
  if (g.name_en.empty()) g.name_en = g.name;
  if (g.codes.empty()) return Status::Invalid(file + ": the group lists no code");
  return g;
}

Result<std::vector<Group>> LoadGroups(const Catalog& catalog) {
  std::vector<Group> out;
  for (const auto& s : ShippedGroups()) {
    ASSIGN_OR_RETURN(Group g,
                     ParseGroup(s.text, std::string("data/groups/") + s.name + ".csv", s.name));
    RETURN_IF_ERROR(CheckCodes(catalog, g));
    out.push_back(std::move(g));
  }
  const char* dir = std::getenv("BALLAST_GROUPS_DIR");
  if (dir == nullptr || *dir == '\0') return out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  if (ec)
    return Status::Invalid(std::string("BALLAST_GROUPS_DIR: cannot read '") + dir +
                           "': " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Status::Invalid(path.string() + ": cannot be read");
    ASSIGN_OR_RETURN(Group g, ParseGroup(text.str(), path.string(), path.stem().string()));
    if (std::any_of(out.begin(), out.end(), [&](const Group& o) { return o.name == g.name; })) {
      return Status::Invalid(path.string() + ": the group " + g.name +
                             " is shipped with Ballast; choose another file name");
    }
    RETURN_IF_ERROR(CheckCodes(catalog, g));
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& item : raw) {
    for (auto part : SplitSimpleCsvLine(item)) {
      std::string t = Trim(part);
      if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end())
        out.push_back(std::move(t));
    }
  }
  return out;
}

Status ResolveCellScope(const Catalog& c, const std::string& region, const std::string& industry,
                        const std::vector<std::string>& tags, CellRef* ref) {
  auto filter = std::make_shared<CellFilter>();
  std::vector<Group> groups;
  if (region.rfind('@', 0) == 0 || industry.rfind('@', 0) == 0) {
    ASSIGN_OR_RETURN(groups, LoadGroups(c));
  }
  if (region.rfind('@', 0) == 0) {
    ASSIGN_OR_RETURN(const Group* g, Find(groups, region, true, "region"));
    ref->region = c.country();
    filter->region_group = g->name;
    filter->region_group_label = g->name_zh;
    for (const auto& code : g->codes) filter->regions.push_back(c.regions().Find(code));
  } else {
    ref->region = region.empty() || region == kCountryCode ? c.country() : c.regions().Find(region);
    if (ref->region == kNoNode) {
      return Status::Invalid("region: unknown region code '" + region +
                             "' (GB/T 2260, or a group such as @east)");
    }
  }
  if (industry.rfind('@', 0) == 0) {
    ASSIGN_OR_RETURN(const Group* g, Find(groups, industry, false, "industry"));
    ref->industry = c.all_industry();
    filter->industry_group = g->name;
    filter->industry_group_label = g->name_zh;
    for (const auto& code : g->codes) filter->industries.push_back(c.FindIndustry(code));
  } else {
    ref->industry = industry.empty() ? c.all_industry() : c.FindIndustry(industry);
    if (ref->industry == kNoNode) {
      return Status::Invalid(
          "industry: unknown industry code '" + industry +
          "' (a section letter, a 2-, 3- or 4-digit GB/T 4754-2017 code, BCD, or a group "
          "such as @hightech)");
    }
  }
  filter->tags = NormalizeTags(tags);
  ref->filter = filter->empty() ? nullptr : std::move(filter);
  return Status::Ok();
}

Result<std::vector<std::string>> RegionGroupMembers(const Catalog& catalog,
                                                    const std::string& name) {
  ASSIGN_OR_RETURN(std::vector<Group> groups, LoadGroups(catalog));
  ASSIGN_OR_RETURN(const Group* g, Find(groups, name, true, "region"));
  return g->codes;
}

}  // namespace ballast::app
