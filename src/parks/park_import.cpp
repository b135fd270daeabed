#include "parks/park_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/uscc.h"
#include "ingest/reader/table_reader.h"

namespace ballast::parks {
namespace {

struct ColName {
  const char* en;
  const char* zh;
  bool required;
};

std::string Normalise(std::string_view h) {
  std::string s(h);
  // A unit in brackets after the name is ignored: "占地面积（亩）", "tax (万元)".
  for (const char* open : {"（", "("}) {
    if (size_t at = s.find(open); at != std::string::npos && at > 0) s.resize(at);
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Where(std::string_view file, int64_t line, std::string_view field) {
  return std::string(file) + ":" + std::to_string(line) + ": " + std::string(field) + ": ";
}

Result<double> Number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
    return Status::Invalid("'" + std::string(s) + "' is not a number ≥ 0");
  return v;
}

// Reads a table whose columns are `cols` (by English or Chinese name); calls row(line, cell) for
// every data row, cell(i) being the text of cols[i] ("" when absent).
template <typename RowFn>
Status ReadColumns(std::string_view bytes, std::string_view file_name,
                   const std::vector<ColName>& cols, RowFn row) {
  const std::string file(file_name);
  std::vector<int> at(cols.size(), -1);
  bool header = false;
  auto info = ingest::ReadTable(
      bytes, file_name, [&](int64_t line, std::span<const std::string_view> cells) -> Status {
        if (!header) {
          header = true;
          for (size_t i = 0; i < cells.size(); ++i) {
            const std::string h = Normalise(cells[i]);
            size_t found = cols.size();
            for (size_t k = 0; k < cols.size(); ++k) {
              if (h == cols[k].en || h == cols[k].zh) found = k;
            }
            if (found == cols.size())
              return Status::Invalid(Where(file, line, cells[i]) + "unknown column");
            if (at[found] >= 0)
              return Status::Invalid(Where(file, line, cells[i]) + "column given twice");
            at[found] = static_cast<int>(i);
          }
          for (size_t k = 0; k < cols.size(); ++k) {
            if (cols[k].required && at[k] < 0)
              return Status::Invalid(Where(file, line, cols[k].en) + "missing column (" +
                                     cols[k].zh + ")");
          }
          return Status::Ok();
        }
        auto cell = [&](size_t k) -> std::string_view {
          const int i = at[k];
          return i >= 0 && static_cast<size_t>(i) < cells.size() ? cells[static_cast<size_t>(i)]
                                                                 : std::string_view();
        };
        Status s = row(line, cell);
        if (!s.ok()) {
          // The message starts with the field's name: put the file and line before it.
          return Status::Invalid(file + ":" + std::to_string(line) + ": " + s.message());
        }
        return Status::Ok();
      });
  if (!info.ok()) {
    if (info.status().message().rfind(file, 0) == 0) return info.status();
    return Status::Invalid(file + ": " + info.status().message());
  }
  if (!header) return Status::Invalid(file + ":1: the file is empty (expected a header row)");
  return Status::Ok();
}

Status Field(const char* name, const std::string& what) {
  return Status::Invalid(std::string(name) + ": " + what);
}

}  // namespace

Result<std::vector<Parsed<Park>>> ParseParks(const Catalog& catalog, std::string_view bytes,
                                             std::string_view file_name) {
  const std::vector<ColName> cols = {{"code", "园区代码", true},
                                     {"name", "园区名称", true},
                                     {"level", "级别", true},
                                     {"region", "所在地区", true},
                                     {"area_mu", "面积", true},
                                     {"industrial_land_share", "工业用地占比", true},
                                     {"leading_industries", "主导产业", true}};
  std::vector<Parsed<Park>> out;
  std::set<std::string> codes;
  const Status read = ReadColumns(bytes, file_name, cols, [&](int64_t line, auto cell) -> Status {
    Park p;
    p.code = cell(0);
    p.name = cell(1);
    auto level = ParseLevel(cell(2));
    if (!level)
      return Field("level",
                   "'" + std::string(cell(2)) + "' is not national/provincial (国家级/省级)");
    p.level = *level;
    p.region = cell(3);
    if (catalog.regions().Find(p.region) == kNoNode)
      return Field("region", "'" + p.region + "' is not a GB/T 2260 code");
    auto area = Number(cell(4));
    if (!area.ok()) return Field("area_mu", area.status().message());
    p.area_mu = *area;
    auto share = Number(cell(5));
    if (!share.ok()) return Field("industrial_land_share", share.status().message());
    p.industrial_land_share = *share;
    p.leading_industries = SplitIndustries(cell(6));
    for (const auto& ind : p.leading_industries) {
      if (catalog.FindIndustry(ind) == kNoNode)
        return Field("leading_industries", "'" + ind + "' is not a GB/T 4754 code");
    }
    RETURN_IF_ERROR(CheckPark(p));
    if (!codes.insert(p.code).second)
      return Field("code", "'" + p.code + "' appears twice in the file");
    out.push_back({line, std::move(p)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

Result<std::vector<Parsed<Membership>>> ParseMemberships(std::string_view bytes,
                                                         std::string_view file_name) {
  const std::vector<ColName> cols = {{"park", "园区代码", true},
                                     {"uscc", "统一社会信用代码", true},
                                     {"from", "入园日期", true},
                                     {"to", "退出日期", false}};
  std::vector<Parsed<Membership>> out;
  const Status read = ReadColumns(bytes, file_name, cols, [&](int64_t line, auto cell) -> Status {
    Membership m{std::string(cell(0)), std::string(cell(1)), std::string(cell(2)),
                 std::string(cell(3))};
    if (m.park.empty()) return Field("park", "required");
    if (CheckUscc(m.uscc) == UsccCheck::kMalformed)
      return Field("uscc", "'" + m.uscc + "' is not a unified social credit code");
    if (!IsDate(m.from)) return Field("from", "'" + m.from + "' is not a date YYYY-MM-DD");
    if (!m.to.empty() && !IsDate(m.to))
      return Field("to", "'" + m.to + "' is not a date YYYY-MM-DD");
    if (!m.to.empty() && m.to < m.from)
      return Field("to", "'" + m.to + "' is before from '" + m.from + "'");
    out.push_back({line, std::move(m)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  // Two spans of one enterprise in one park must not overlap (a park would count it twice).
  std::map<std::pair<std::string, std::string>, std::vector<const Parsed<Membership>*>> by;
  for (const auto& m : out) by[{m.value.park, m.value.uscc}].push_back(&m);
  for (auto& [key, v] : by) {
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->value.from < b->value.from; });
    for (size_t i = 1; i < v.size(); ++i) {
      const auto& prev = v[i - 1]->value;
      if (prev.to.empty() || prev.to >= v[i]->value.from)
        return Status::Invalid(std::string(file_name) + ":" + std::to_string(v[i]->line) +
                               ": from: overlaps the membership of line " +
                               std::to_string(v[i - 1]->line) + " (" + key.second + " in " +
                               key.first + ")");
    }
  }
  return out;
}

Result<std::vector<Parsed<Resource>>> ParseResources(std::string_view bytes,
                                                     std::string_view file_name) {
  const std::vector<ColName> cols = {{"uscc", "统一社会信用代码", true},
                                     {"year", "年份", true},
                                     {"land_mu", "用地面积", true},
                                     {"energy_tce", "综合能耗", true},
                                     {"tax", "税收", true},
                                     {"rd_expense", "研发经费", false}};
  std::vector<Parsed<Resource>> out;
  std::map<std::pair<std::string, int>, int64_t> seen;
  const Status read = ReadColumns(bytes, file_name, cols, [&](int64_t line, auto cell) -> Status {
    Resource r;
    r.uscc = cell(0);
    if (CheckUscc(r.uscc) == UsccCheck::kMalformed)
      return Field("uscc", "'" + r.uscc + "' is not a unified social credit code");
    const std::string_view y = cell(1);
    int year = 0;
    auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
    if (y.empty() || ec != std::errc() || p != y.data() + y.size() || year < 2000 || year > 2100)
      return Field("year", "'" + std::string(y) + "' is not a year (2000–2100)");
    r.year = year;
    struct Num {
      const char* name;
      size_t col;
      double* into;
    };
    for (const Num& n : {Num{"land_mu", 2, &r.land_mu}, Num{"energy_tce", 3, &r.energy_tce},
                         Num{"tax", 4, &r.tax}}) {
      auto v = Number(cell(n.col));
      if (!v.ok()) return Field(n.name, v.status().message());
      *n.into = *v;
    }
    if (!cell(5).empty()) {
      auto v = Number(cell(5));
      if (!v.ok()) return Field("rd_expense", v.status().message());
      r.rd_expense = *v;
    }
    if (auto [it, fresh] = seen.emplace(std::pair{r.uscc, r.year}, line); !fresh)
      return Field("year", r.uscc + " " + std::to_string(r.year) + " is given twice (line " +
                               std::to_string(it->second) + ")");
    out.push_back({line, std::move(r)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

}  // namespace ballast::parks
