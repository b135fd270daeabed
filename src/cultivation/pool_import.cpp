#include "cultivation/pool_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/uscc.h"
#include "ingest/reader/table_reader.h"

namespace ballast::cultivation {
namespace {

struct ColName {
  const char* en;
  const char* zh;
  bool required;
  const char* zh2 = nullptr;  // another Chinese name used in practice
};

std::string Normalise(std::string_view h) {
  std::string s(h);
  // A unit in brackets after the name is ignored: "营业收入（万元）", "rd_share (%)".
  for (const char* open : {"（", "("}) {
    if (size_t at = s.find(open); at != std::string::npos && at > 0) s.resize(at);
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Status Field(const char* name, const std::string& what) {
  return Status::Invalid(std::string(name) + ": " + what);
}

Result<double> Number(std::string_view s, bool allow_negative = false) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) ||
      (!allow_negative && v < 0))
    return Status::Invalid("'" + std::string(s) + "' is not a number" +
                           (allow_negative ? "" : " ≥ 0"));
  return v;
}

bool IsMonth(std::string_view s) { return s.size() == 7 && ParsePeriod(s).ok(); }

// Reads a table whose columns are `cols` (by English or Chinese name); calls row(cell) for every
// data row, cell(i) being the text of cols[i] ("" when absent). The row's error starts with the
// field's name; the file and line are put before it here.
template <typename RowFn>
Status ReadColumns(std::string_view bytes, std::string_view file_name,
                   const std::vector<ColName>& cols, RowFn row) {
  const std::string file(file_name);
  std::vector<int> at(cols.size(), -1);
  bool header = false;
  auto info = ingest::ReadTable(
      bytes, file_name, [&](int64_t line, std::span<const std::string_view> cells) -> Status {
        const std::string where = file + ":" + std::to_string(line) + ": ";
        if (!header) {
          header = true;
          for (size_t i = 0; i < cells.size(); ++i) {
            const std::string h = Normalise(cells[i]);
            size_t found = cols.size();
            for (size_t k = 0; k < cols.size(); ++k) {
              if (h == cols[k].en || h == cols[k].zh || (cols[k].zh2 && h == cols[k].zh2))
                found = k;
            }
            if (found == cols.size())
              return Status::Invalid(where + std::string(cells[i]) + ": unknown column");
            if (at[found] >= 0)
              return Status::Invalid(where + std::string(cells[i]) + ": column given twice");
            at[found] = static_cast<int>(i);
          }
          for (size_t k = 0; k < cols.size(); ++k) {
            if (cols[k].required && at[k] < 0)
              return Status::Invalid(where + cols[k].en + ": missing column (" + cols[k].zh + ")");
          }
          return Status::Ok();
        }
        auto cell = [&](size_t k) -> std::string_view {
          const int i = at[k];
          return i >= 0 && static_cast<size_t>(i) < cells.size() ? cells[static_cast<size_t>(i)]
                                                                 : std::string_view();
        };
        Status s = row(line, cell);
        if (!s.ok()) return Status::Invalid(where + s.message());
        return Status::Ok();
      });
  if (!info.ok()) {
    if (info.status().message().rfind(file, 0) == 0) return info.status();
    return Status::Invalid(file + ": " + info.status().message());
  }
  if (!header) return Status::Invalid(file + ":1: the file is empty (expected a header row)");
  return Status::Ok();
}

Status CheckCode(std::string_view uscc) {
  if (CheckUscc(uscc) == UsccCheck::kMalformed)
    return Field("uscc", "'" + std::string(uscc) + "' is not a unified social credit code");
  return Status::Ok();
}

}  // namespace

Result<std::vector<Parsed<Member>>> ParseMembers(const Catalog& catalog, std::string_view bytes,
                                                 std::string_view file_name) {
  const std::vector<ColName> cols = {{"uscc", "统一社会信用代码", true},
                                     {"name", "企业名称", true},
                                     {"region", "所在地区", true, "行政区划代码"},
                                     {"industry", "行业代码", true},
                                     {"joined", "入库时间", true},
                                     {"tags", "标签", false},
                                     {"left", "出库时间", false}};
  std::vector<Parsed<Member>> out;
  std::map<std::string, int64_t> seen;
  const Status read = ReadColumns(bytes, file_name, cols, [&](int64_t line, auto cell) -> Status {
    Member m;
    m.uscc = cell(0);
    RETURN_IF_ERROR(CheckCode(m.uscc));
    m.name = cell(1);
    if (m.name.empty()) return Field("name", "required");
    m.region = cell(2);
    if (catalog.regions().Find(m.region) == kNoNode)
      return Field("region", "'" + m.region + "' is not a GB/T 2260 code");
    m.industry = cell(3);
    if (catalog.FindIndustry(m.industry) == kNoNode)
      return Field("industry", "'" + m.industry + "' is not a GB/T 4754 code");
    m.joined = cell(4);
    if (!IsMonth(m.joined)) return Field("joined", "'" + m.joined + "' is not a month YYYY-MM");
    m.tags = SplitTags(cell(5));
    m.left = cell(6);
    if (!m.left.empty() && !IsMonth(m.left))
      return Field("left", "'" + m.left + "' is not a month YYYY-MM");
    if (!m.left.empty() && m.left < m.joined)
      return Field("left", "'" + m.left + "' is before joined '" + m.joined + "'");
    if (auto [it, fresh] = seen.emplace(m.uscc, line); !fresh)
      return Field("uscc", m.uscc + " is given twice (line " + std::to_string(it->second) + ")");
    out.push_back({line, std::move(m)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

Result<std::vector<Parsed<RevenueReport>>> ParseRevenue(std::string_view bytes,
                                                        std::string_view file_name) {
  const std::vector<ColName> cols = {{"uscc", "统一社会信用代码", true},
                                     {"period", "报告期", true, "时期"},
                                     {"revenue", "营业收入", true}};
  std::vector<Parsed<RevenueReport>> out;
  std::map<std::string, int64_t> seen;
  const Status read = ReadColumns(bytes, file_name, cols, [&](int64_t line, auto cell) -> Status {
    RevenueReport r;
    r.uscc = cell(0);
    RETURN_IF_ERROR(CheckCode(r.uscc));
    auto period = ParseReportPeriod(cell(1));
    if (!period)
      return Field("period", "'" + std::string(cell(1)) +
                                 "' is not a month YYYY-MM or a year YYYY (2000–2100)");
    r.year = period->first;
    r.month = period->second;
    auto v = Number(cell(2));
    if (!v.ok()) return Field("revenue", v.status().message());
    r.revenue = *v;
    if (auto [it, fresh] = seen.emplace(r.uscc + " " + r.PeriodText(), line); !fresh)
      return Field("period", r.uscc + " " + r.PeriodText() + " is given twice (line " +
                                 std::to_string(it->second) + ")");
    out.push_back({line, std::move(r)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

Result<std::vector<Parsed<Recognition>>> ParseRecognitions(std::string_view bytes,
                                                           std::string_view file_name) {
  const std::vector<ColName> cols = {{"uscc", "统一社会信用代码", true},
                                     {"stage", "阶段", true, "认定类型"},
                                     {"year", "认定年份", true, "年份"},
                                     {"rd_share", "研发投入占比", false},
                                     {"revenue_growth", "营业收入增长率", false},
                                     {"main_product_share", "主营业务收入占比", false}};
  std::vector<Parsed<Recognition>> out;
  std::map<std::pair<std::string, int>, int64_t> seen;
  const Status read = ReadColumns(bytes, file_name, cols, [&](int64_t line, auto cell) -> Status {
    Recognition r;
    r.uscc = cell(0);
    RETURN_IF_ERROR(CheckCode(r.uscc));
    auto stage = ParseStage(cell(1));
    if (!stage)
      return Field("stage", "'" + std::string(cell(1)) +
                                "' is not candidate, provincial, little_giant or champion "
                                "(培育对象/省级专精特新/国家级小巨人/单项冠军)");
    r.stage = *stage;
    const std::string_view y = cell(2);
    int year = 0;
    auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
    if (y.empty() || ec != std::errc() || p != y.data() + y.size() || year < 2000 || year > 2100)
      return Field("year", "'" + std::string(y) + "' is not a year (2000–2100)");
    r.year = year;
    struct Opt {
      const char* name;
      size_t col;
      std::optional<double>* into;
      bool negative;
    };
    for (const Opt& o :
         {Opt{"rd_share", 3, &r.rd_share, false}, Opt{"revenue_growth", 4, &r.revenue_growth, true},
          Opt{"main_product_share", 5, &r.main_product_share, false}}) {
      if (cell(o.col).empty()) continue;
      auto v = Number(cell(o.col), o.negative);
      if (!v.ok()) return Field(o.name, v.status().message());
      if (!o.negative && *v > 100) return Field(o.name, "a share in % must not exceed 100");
      *o.into = *v;
    }
    if (auto [it, fresh] = seen.emplace(std::pair{r.uscc, static_cast<int>(r.stage)}, line); !fresh)
      return Field("stage", r.uscc + " " + std::string(StageName(r.stage)) +
                                " is given twice (line " + std::to_string(it->second) + ")");
    out.push_back({line, std::move(r)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

}  // namespace ballast::cultivation
