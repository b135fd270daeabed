#include "chain/sim/economy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ballast::chain::sim {
namespace {

// One CSV record per line (fields may be quoted; no newlines inside fields).
Result<std::vector<std::string>> SplitCsv(const std::string& line, const std::string& where) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch == '"' && cur.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      out.push_back(std::move(cur));
      cur.clear();
      was_quoted = false;
    } else {
      cur += ch;
    }
  }
  if (quoted) return Status::Invalid(where + ": unterminated quoted field / 引号未闭合");
  out.push_back(std::move(cur));
  for (auto& f : out) {
    size_t b = f.find_first_not_of(" \t"), e = f.find_last_not_of(" \t");
    f = b == std::string::npos ? std::string() : f.substr(b, e - b + 1);
  }
  return out;
}

// A CSV text with a header naming `columns` (in any order; other columns are ignored).
class Table {
 public:
  static Result<Table> Parse(const std::string& text, const std::string& name,
                             const std::vector<std::string>& columns) {
    Table t;
    t.name_ = name;
    std::istringstream in(text);
    std::string line;
    int line_no = 0;
    bool header = true;
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      ASSIGN_OR_RETURN(auto fields, SplitCsv(line, name + ":" + std::to_string(line_no)));
      if (header) {
        header = false;
        for (const auto& c : columns) {
          auto it = std::find(fields.begin(), fields.end(), c);
          if (it == fields.end()) {
            return Status::Invalid(name + ":" + std::to_string(line_no) +
                                   ": header lacks column '" + c + "' / 表头缺少列 " + c);
          }
          t.index_.push_back(static_cast<size_t>(it - fields.begin()));
        }
        t.width_ = fields.size();
        continue;
      }
      if (fields.size() != t.width_) {
        return Status::Invalid(name + ":" + std::to_string(line_no) + ": expected " +
                               std::to_string(t.width_) + " fields, found " +
                               std::to_string(fields.size()) + " / 字段个数不符");
      }
      std::vector<std::string> row;
      for (size_t k : t.index_) row.push_back(fields[k]);
      t.rows_.push_back(std::move(row));
      t.lines_.push_back(line_no);
    }
    if (header) return Status::Invalid(name + ": empty file, expected a header / 文件为空");
    t.columns_ = columns;
    return t;
  }

  size_t size() const { return rows_.size(); }
  const std::string& Get(size_t r, size_t c) const { return rows_[r][c]; }
  std::string Where(size_t r, size_t c) const {
    return name_ + ":" + std::to_string(lines_[r]) + ": field '" + columns_[c] + "'";
  }

  Result<double> Number(size_t r, size_t c) const {
    const std::string& s = Get(r, c);
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
      return Status::Invalid(Where(r, c) + ": '" + s + "' is not a finite number / 不是有效数值");
    }
    return v;
  }
  Result<int32_t> Integer(size_t r, size_t c) const {
    const std::string& s = Get(r, c);
    int32_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
      return Status::Invalid(Where(r, c) + ": '" + s + "' is not an integer / 不是整数");
    }
    return v;
  }

 private:
  std::string name_;
  std::vector<std::string> columns_;
  std::vector<size_t> index_;
  size_t width_ = 0;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

Result<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid(path + ": cannot open / 无法打开文件");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status Bad(const std::string& where, const std::string& what) {
  return Status::Invalid(where + ": " + what);
}

}  // namespace

Result<Economy> ParseEconomy(const std::string& firms_csv, const std::string& links_csv,
                             const std::string& firms_name, const std::string& links_name) {
  Economy e;
  ASSIGN_OR_RETURN(Table firms, Table::Parse(firms_csv, firms_name,
                                             {"firm", "sector", "final_demand", "initial_output"}));
  std::unordered_map<std::string, int32_t> index, sectors;
  for (size_t r = 0; r < firms.size(); ++r) {
    const std::string& id = firms.Get(r, 0);
    if (id.empty()) return Bad(firms.Where(r, 0), "empty firm id / 企业标识为空");
    if (!index.emplace(id, static_cast<int32_t>(r)).second) {
      return Bad(firms.Where(r, 0), "firm '" + id + "' listed twice / 企业重复");
    }
    const std::string& sec = firms.Get(r, 1);
    if (sec.empty()) return Bad(firms.Where(r, 1), "empty sector / 行业为空");
    auto [it, added] = sectors.emplace(sec, static_cast<int32_t>(sectors.size()));
    if (added) e.sector_names.push_back(sec);
    ASSIGN_OR_RETURN(double fd, firms.Number(r, 2));
    if (fd < 0) return Bad(firms.Where(r, 2), "must not be negative / 不能为负");
    ASSIGN_OR_RETURN(double out, firms.Number(r, 3));
    if (out < 0) return Bad(firms.Where(r, 3), "must not be negative / 不能为负");
    e.firm_ids.push_back(id);
    e.sector.push_back(it->second);
    e.final_demand.push_back(fd);
    e.initial_output.push_back(out);
  }
  e.num_sectors = static_cast<int32_t>(sectors.size());

  ASSIGN_OR_RETURN(Table links,
                   Table::Parse(links_csv, links_name, {"supplier", "customer", "value"}));
  std::unordered_set<uint64_t> seen;
  for (size_t r = 0; r < links.size(); ++r) {
    Economy::Link l;
    for (size_t c = 0; c < 2; ++c) {
      auto it = index.find(links.Get(r, c));
      if (it == index.end()) {
        return Bad(links.Where(r, c),
                   "unknown firm '" + links.Get(r, c) + "' / 企业不在企业文件中");
      }
      (c == 0 ? l.supplier : l.customer) = it->second;
    }
    ASSIGN_OR_RETURN(l.value, links.Number(r, 2));
    // A zero link would make an input with nothing to draw on (proNet stops on it too).
    if (!(l.value > 0)) return Bad(links.Where(r, 2), "must be positive / 必须为正数");
    uint64_t key = (static_cast<uint64_t>(l.supplier) << 32) | static_cast<uint32_t>(l.customer);
    if (!seen.insert(key).second) {
      return Bad(links.Where(r, 0), "link " + links.Get(r, 0) + " -> " + links.Get(r, 1) +
                                        " listed twice / 供货关系重复");
    }
    e.links.push_back(l);
  }
  return e;
}

Result<std::vector<Shock>> ParseShocks(const std::string& csv, const Economy& economy,
                                       const std::string& name) {
  ASSIGN_OR_RETURN(Table t, Table::Parse(csv, name, {"firm", "day_from", "day_to", "delta"}));
  std::unordered_map<std::string, int32_t> index;
  for (size_t i = 0; i < economy.firm_ids.size(); ++i)
    index.emplace(economy.firm_ids[i], static_cast<int32_t>(i));
  std::vector<Shock> out;
  for (size_t r = 0; r < t.size(); ++r) {
    Shock s;
    auto it = index.find(t.Get(r, 0));
    if (it == index.end())
      return Bad(t.Where(r, 0), "unknown firm '" + t.Get(r, 0) + "' / 企业不在企业文件中");
    s.firm = it->second;
    ASSIGN_OR_RETURN(s.day_from, t.Integer(r, 1));
    if (s.day_from < 0) return Bad(t.Where(r, 1), "must not be negative / 不能为负");
    ASSIGN_OR_RETURN(s.day_to, t.Integer(r, 2));
    if (s.day_to < s.day_from)
      return Bad(t.Where(r, 2), "must not be before day_from / 不能早于 day_from");
    ASSIGN_OR_RETURN(s.delta, t.Number(r, 3));
    if (s.delta < 0 || s.delta > 1)
      return Bad(t.Where(r, 3), "must be between 0 and 1 / 须在 0 到 1 之间");
    out.push_back(s);
  }
  return out;
}

Result<Economy> ReadEconomy(const std::string& firms_path, const std::string& links_path) {
  ASSIGN_OR_RETURN(std::string firms, Slurp(firms_path));
  ASSIGN_OR_RETURN(std::string links, Slurp(links_path));
  return ParseEconomy(firms, links, firms_path, links_path);
}

Result<std::vector<Shock>> ReadShocks(const std::string& path, const Economy& economy) {
  ASSIGN_OR_RETURN(std::string text, Slurp(path));
  return ParseShocks(text, economy, path);
}

std::vector<double> EquilibriumOutput(const Economy& economy) {
  // Each supplier's sales in one flat array (a counting sort by supplier), then in customer order.
  const size_t n = economy.num_firms();
  std::vector<size_t> begin(n + 1, 0);
  for (const auto& l : economy.links) ++begin[static_cast<size_t>(l.supplier) + 1];
  for (size_t j = 0; j < n; ++j) begin[j + 1] += begin[j];
  std::vector<std::pair<int32_t, double>> sales(economy.links.size());
  {
    std::vector<size_t> next(begin.begin(), begin.end() - 1);
    for (const auto& l : economy.links)
      sales[next[static_cast<size_t>(l.supplier)]++] = {l.customer, l.value};
  }
  std::vector<double> out(n);
  for (size_t j = 0; j < n; ++j) {
    const auto first = sales.begin() + static_cast<ptrdiff_t>(begin[j]);
    const auto last = sales.begin() + static_cast<ptrdiff_t>(begin[j + 1]);
    std::sort(first, last);
    double sum = 0.0;
    for (auto it = first; it != last; ++it) sum += it->second;
    out[j] = economy.final_demand[j] + sum;
  }
  return out;
}

std::vector<std::string> InconsistentInitialOutput(const Economy& economy) {
  std::vector<double> eq = EquilibriumOutput(economy);
  std::vector<std::string> out;
  for (size_t i = 0; i < eq.size(); ++i) {
    if (std::abs(eq[i] - economy.initial_output[i]) > 1e-9 * std::max(1.0, std::abs(eq[i]))) {
      out.push_back(economy.firm_ids[i]);
    }
  }
  return out;
}

}  // namespace ballast::chain::sim
