// The monthly bulletin as data, from the scoped analysis use cases (see bulletin.h).
#include "app/bulletin.h"

#include <algorithm>
#include <map>
#include <optional>

#include "app/analysis.h"
#include "app/ballast.h"
#include "app/bulletin_target.h"
#include "app/caller.h"
#include "app/region_series.h"
#include "report/writers.h"

namespace ballast::app {

namespace {

using report::Cell;
using report::Table;

constexpr const char* kDefaultRegion = "410000";
// 高技术制造业, 装备制造业, 六大高耗能行业: the engine's named groups (data/groups/).
constexpr const char* kBulletinGroups[] = {"@hightech", "@equipment", "@energy6"};

// A figure of an answer row: withheld rows print the UI's marker, undefined figures "—".
Cell Figure(const Row& row, size_t i, int decimals = 1) {
  if (!row.suppressed.empty()) return Cell::Text(report::kWithheld);
  return Cell::Num(i < row.values.size() ? row.values[i] : std::nullopt, decimals);
}

std::optional<double> ValueOf(const Row& row, size_t i) {
  if (!row.suppressed.empty() || i >= row.values.size()) return std::nullopt;
  return row.values[i];
}

// 高于 / 低于 / 持平 against the parent's figure, with the gap in percentage points.
Cell Versus(std::optional<double> v, std::optional<double> parent) {
  if (!v || !parent) return Cell::Text(report::kUndefined);
  const double gap = *v - *parent;
  if (report::FormatFixed(gap, 1) == "0.0") return Cell::Text("持平");
  return Cell::Text(std::string(gap > 0 ? "高于 " : "低于 ") +
                    report::FormatFixed(gap > 0 ? gap : -gap, 1));
}

// The change of rank since the previous month: ↑2 (up two places), ↓1, 持平, — (no rank).
Cell RankChange(const RankingRow& r) {
  if (!r.rank_change) return Cell::Text(report::kUndefined);
  if (*r.rank_change == 0) return Cell::Text("持平");
  return Cell::Text((*r.rank_change > 0 ? "↑" : "↓") +
                    std::to_string(*r.rank_change > 0 ? *r.rank_change : -*r.rank_change));
}

Cell RankCell(const RankingRow& r) {
  if (!r.suppressed.empty()) return Cell::Text(report::kWithheld);
  return r.rank ? Cell::Num(*r.rank, 0) : Cell::Text(report::kUndefined);
}

struct Labels {
  std::string month, ytd;  // "3月", "1—3月"
  int year = 0, month_no = 0;
};

Labels LabelsOf(Period p) {
  Labels l;
  l.year = PeriodYear(p);
  l.month_no = PeriodMonth(p);
  l.month = std::to_string(l.month_no) + "月";
  l.ytd = "1—" + l.month;
  return l;
}

CellRequest Request(const std::string& indicator, std::vector<std::string> measures,
                    const std::string& region, const std::string& period, BatchId as_of,
                    const std::string& industry = "", const std::string& of = "") {
  CellRequest r;
  r.indicator = indicator;
  r.measures = std::move(measures);
  r.region = region;
  r.period = period;
  r.industry = industry;
  r.of = of;
  r.as_of = as_of;
  return r;
}

// A ranking table of the region's children by one measure, the region itself first; `extra`
// adds a column per child from another table of the same children (by code).
struct Extra {
  std::string header;
  std::optional<Row> parent;
  std::map<std::string, Row> rows;
};

Table RankingTable(const RankingAnswer& a, const std::string& region_name, std::string title,
                   std::string basis, const std::string& value_header,
                   const std::vector<Extra>& extras = {}) {
  Table t;
  t.title = std::move(title);
  t.basis = std::move(basis);
  t.header = {"地区", value_header, "位次", "较上月位次", "比" + region_name + "（百分点）"};
  for (const auto& e : extras) t.header.push_back(e.header);
  const std::optional<double> parent = ValueOf(a.parent.row, 0);
  std::vector<Cell> top = {Cell::Text(region_name), Figure(a.parent.row, 0),
                           Cell::Text(report::kUndefined), Cell::Text(report::kUndefined),
                           Cell::Text(report::kUndefined)};
  for (const auto& e : extras)
    top.push_back(e.parent ? Figure(*e.parent, 0) : Cell::Text(report::kUndefined));
  t.rows.push_back(std::move(top));
  for (const auto& r : a.rows) {
    const bool withheld = !r.suppressed.empty();
    std::vector<Cell> row = {Cell::Text(r.label.name),
                             withheld ? Cell::Text(report::kWithheld) : Cell::Num(r.value),
                             RankCell(r), withheld ? Cell::Text(report::kWithheld) : RankChange(r),
                             withheld ? Cell::Text(report::kWithheld) : Versus(r.value, parent)};
    for (const auto& e : extras) {
      auto it = e.rows.find(r.label.code);
      row.push_back(it == e.rows.end() ? Cell::Text(report::kUndefined) : Figure(it->second, 0));
    }
    t.rows.push_back(std::move(row));
  }
  t.chart_column = 1;
  t.label_column = 0;
  t.chart_first_row = 1;  // the children only
  return t;
}

Extra ExtraOf(std::string header, const TableAnswer& t) {
  Extra e;
  e.header = std::move(header);
  e.parent = t.parent.row;
  for (const auto& r : t.rows) e.rows[r.label.code] = r;
  return e;
}

std::string ParentCodeOf(const Catalog& c, const std::string& region) {
  if (region == kCountryCode) return "";
  const NodeId n = c.regions().Find(region);
  if (n == kNoNode) return "";
  const NodeId p = c.regions().node(n).parent;
  if (p == kNoNode || p == c.country()) return std::string(kCountryCode);
  return c.regions().node(p).code;
}

std::string RegionName(const Catalog& c, const std::string& code) {
  if (code == kCountryCode) return "全国";
  const NodeId n = c.regions().Find(code);
  return n == kNoNode ? code : c.regions().node(n).name;
}

// Each child's share of manufacturing (C) in its own industry (BCD) — the share of the cell
// (child, C) along the industry dimension, which a ranking of C along the region dimension (the
// child's part of the region's C) is not — ranked among the published figures, with the
// previous month's rank.
Result<RankingAnswer> IndustryShareRanking(Ballast& b, const Caller& caller,
                                           const std::vector<std::string>& children,
                                           const std::string& region, Period p, BatchId as_of) {
  auto shares = [&](Period t, std::vector<CellAnswer>* out) -> Status {
    for (const auto& code : children) {
      ASSIGN_OR_RETURN(CellAnswer a, QueryCell(b, caller,
                                               Request("value_added", {"share"}, code,
                                                       FormatPeriod(t), as_of, "C", "industry")));
      out->push_back(std::move(a));
    }
    return Status::Ok();
  };
  RankingAnswer a;
  ASSIGN_OR_RETURN(a.parent, QueryCell(b, caller,
                                       Request("value_added", {"share"}, region, FormatPeriod(p),
                                               as_of, "C", "industry")));
  a.previous_period = FormatPeriod(p - 1);
  std::vector<CellAnswer> now, before;
  RETURN_IF_ERROR(shares(p, &now));
  RETURN_IF_ERROR(shares(p - 1, &before));
  std::vector<std::optional<double>> v_now, v_before;
  for (const auto& c : now) v_now.push_back(ValueOf(c.row, 0));
  for (const auto& c : before) v_before.push_back(ValueOf(c.row, 0));
  const auto r_now = RankValues(v_now, false), r_before = RankValues(v_before, false);
  for (size_t i = 0; i < now.size(); ++i) {
    RankingRow row;
    row.label = {children[i], now[i].region.name};
    row.value = v_now[i];
    row.suppressed = now[i].row.suppressed;
    row.would_suppress = now[i].row.would_suppress;
    row.rank = r_now[i];
    row.prev_rank = r_before[i];
    if (row.rank && row.prev_rank) row.rank_change = *row.prev_rank - *row.rank;
    a.rows.push_back(std::move(row));
  }
  std::stable_sort(a.rows.begin(), a.rows.end(), [](const RankingRow& x, const RankingRow& y) {
    if (x.rank.has_value() != y.rank.has_value()) return x.rank.has_value();
    return x.rank.value_or(0) < y.rank.value_or(0);
  });
  return a;
}

}  // namespace

const std::vector<BulletinFormat>& AllBulletinFormats() {
  static const std::vector<BulletinFormat> all = {BulletinFormat::kDocx, BulletinFormat::kPdf,
                                                  BulletinFormat::kXlsx};
  return all;
}

Result<BulletinFormat> ParseBulletinFormat(std::string_view text, std::string_view field) {
  if (text == "docx") return BulletinFormat::kDocx;
  if (text == "pdf") return BulletinFormat::kPdf;
  if (text == "xlsx") return BulletinFormat::kXlsx;
  return Status::Invalid(std::string(field) + ": '" + std::string(text) +
                         "' is not docx, pdf or xlsx");
}

std::string_view BulletinExtension(BulletinFormat f) {
  switch (f) {
    case BulletinFormat::kDocx:
      return "docx";
    case BulletinFormat::kPdf:
      return "pdf";
    case BulletinFormat::kXlsx:
      return "xlsx";
  }
  return "";
}

std::string_view BulletinContentType(BulletinFormat f) {
  switch (f) {
    case BulletinFormat::kDocx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case BulletinFormat::kPdf:
      return "application/pdf";
    case BulletinFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "";
}

Result<report::Bulletin> BuildBulletin(Ballast& b, const Caller& asker,
                                       const BulletinRequest& request) {
  const Catalog& c = b.catalog();
  RETURN_IF_ERROR(b.access().Require(asker, auth::Permission::kReadAggregate));
  // A bulletin is a publication: its figures are the published ones whoever asks, so an
  // analyst's bulletin withholds what publication withholds and ranks among what is published.
  // The use cases below see a reader of aggregates with the asker's scope.
  Caller caller = asker;
  caller.role = auth::Role::kViewer;
  std::string region = request.region;
  if (region.empty()) region = caller.whole_country() ? kDefaultRegion : caller.region;
  if (region != kCountryCode && c.regions().Find(region) == kNoNode) {
    return Status::Invalid("region: '" + region + "' is not a GB/T 2260 code");
  }
  RETURN_IF_ERROR(b.access().CheckRegion(caller, region));
  std::string period = request.period;
  if (period.empty()) {
    ASSIGN_OR_RETURN(period, DefaultPeriod(b.workspace(), request.as_of));
    if (period.empty()) return Status::Precondition("period: the store holds no data yet");
  }
  auto parsed = ParsePeriod(period);
  if (!parsed.ok()) return Status::Invalid("period: '" + period + "' is not YYYY-MM");
  const Labels l = LabelsOf(*parsed);
  if (l.month_no == 1) {
    return Status::Invalid(
        "period: " + period +
        ": January is published together with February (January-February); ask for " +
        std::to_string(l.year) + "-02");
  }
  const bool jan_feb = l.month_no == 2;  // only the cumulative 1—2月 is published
  const std::string region_name = RegionName(c, region);
  const std::string parent = ParentCodeOf(c, region);
  const std::string parent_name = parent.empty() ? "" : RegionName(c, parent);
  const BatchId as_of = request.as_of;

  report::Bulletin out;
  out.region_code = region;
  out.region_name = region_name;
  out.period = period;
  out.title = std::to_string(l.year) + "年" + l.ytd + region_name + "工业经济运行情况通报";

  // Headline: value added at comparable prices, month and 1–N月, against the parent and target.
  ASSIGN_OR_RETURN(CellAnswer head, QueryCell(b, caller,
                                              Request("value_added", {"yoy_real", "ytd_yoy_real"},
                                                      region, period, as_of)));
  std::optional<CellAnswer> parent_head;
  if (!parent.empty() && b.access().InScope(caller, parent)) {
    ASSIGN_OR_RETURN(parent_head, QueryCell(b, caller,
                                            Request("value_added", {"yoy_real", "ytd_yoy_real"},
                                                    parent, period, as_of)));
  }
  const std::optional<double> target = ValueAddedGrowthTarget(region);
  Table headline;
  headline.title = "一、规上工业增加值增速";
  headline.basis = "单位：%；口径：规模以上工业，可比价，同比";
  headline.header = {"指标", region_name};
  if (!parent.empty()) {
    headline.header.push_back(parent_name);
    headline.header.push_back("比" + parent_name + "（百分点）");
  }
  headline.header.push_back("目标");
  for (size_t i = jan_feb ? 1 : 0; i < 2; ++i) {
    std::vector<Cell> row = {Cell::Text(i == 0 ? l.month + "当月" : l.ytd + "累计"),
                             Figure(head.row, i)};
    if (!parent.empty()) {
      if (parent_head) {
        row.push_back(Figure(parent_head->row, i));
        const auto v = ValueOf(head.row, i), pv = ValueOf(parent_head->row, i);
        row.push_back(v && pv ? Cell::Num(*v - *pv) : Cell::Text(report::kUndefined));
      } else {
        row.push_back(Cell::Text(report::kUndefined));
        row.push_back(Cell::Text(report::kUndefined));
      }
    }
    row.push_back(Cell::Num(i == 1 ? target : std::nullopt));
    headline.rows.push_back(std::move(row));
  }
  if (!parent.empty() && !parent_head)
    headline.notes.push_back("注：" + parent_name + "不在您的数据范围内，不作比较。");
  if (!target)
    headline.notes.push_back("注：政策目录中没有本地区规上工业增加值增速的目标，目标列为“—”。");

  // Report completeness and the roster, for the subtitle, the summary and the last table.
  const std::vector<std::string> roster_measures = {"entrants", "exits", "n", "roster",
                                                    "report_rate"};
  TableRequest roster_req;
  static_cast<CellRequest&>(roster_req) =
      Request("output_value", roster_measures, region, period, as_of);
  roster_req.dim = "region";
  ASSIGN_OR_RETURN(TableAnswer roster, QueryTable(b, caller, roster_req));
  const Row& own = roster.parent.row;
  out.subtitle = "数据截至" + std::to_string(l.year) + "年" + l.month + "；已报送 " +
                 report::CellText(Figure(own, 2, 0)) + " / " + report::CellText(Figure(own, 3, 0)) +
                 " 家（报送率 " + report::CellText(Figure(own, 4)) + "%）";

  // The summary paragraph, from the same figures as the tables.
  {
    std::string s = l.ytd + "，" + region_name + "规模以上工业增加值按可比价格计算同比";
    const auto ytd = ValueOf(head.row, 1);
    if (!head.row.suppressed.empty()) {
      s += "增速依法不公布";
    } else if (ytd) {
      s += (*ytd >= 0 ? "增长" : "下降") + report::FormatFixed(*ytd >= 0 ? *ytd : -*ytd, 1) + "%";
      if (parent_head) {
        if (const auto pv = ValueOf(parent_head->row, 1)) {
          const double gap = *ytd - *pv;
          const std::string points = report::FormatFixed(gap >= 0 ? gap : -gap, 1);
          if (points == "0.0") {
            s += "，与" + parent_name + "持平";
          } else {
            s += "，" + std::string(gap > 0 ? "高于" : "低于") + parent_name + points + "个百分点";
          }
        }
      }
      if (target)
        s += std::string("，") + (*ytd >= *target ? "达到" : "低于") +
             report::FormatFixed(*target, 1) + "%的目标";
    } else {
      s += "增速暂无数据";
    }
    if (const auto m = ValueOf(head.row, 0); m && !jan_feb) {
      s += "；其中" + l.month + "当月" + (*m >= 0 ? "增长" : "下降") +
           report::FormatFixed(*m >= 0 ? *m : -*m, 1) + "%";
    }
    s += "。";
    out.summary.push_back(s);
  }
  out.tables.push_back(std::move(headline));

  const bool has_children = !roster.rows.empty();
  if (has_children) {
    // Production: ranked by the cumulative growth, as official bulletins rank.
    ASSIGN_OR_RETURN(
        RankingAnswer production,
        QueryRanking(b, caller, Request("value_added", {"ytd_yoy_real"}, region, period, as_of)));
    TableRequest month_req;
    static_cast<CellRequest&>(month_req) =
        Request("value_added", {"yoy_real"}, region, period, as_of);
    month_req.dim = "region";
    std::vector<Extra> production_extras;
    if (!jan_feb) {
      ASSIGN_OR_RETURN(TableAnswer month, QueryTable(b, caller, month_req));
      production_extras.push_back(ExtraOf(l.month + "当月增速", month));
    }
    Table t = RankingTable(production, region_name, "二、各地规上工业增加值增速（" + l.ytd + "）",
                           "单位：%；口径：可比价，" + l.ytd + "累计同比；按累计增速排位",
                           l.ytd + "增速", production_extras);
    t.sheet = "生产";
    out.tables.push_back(std::move(t));

    // Profits: growth of 利润总额 1–N月 and 亏损面.
    ASSIGN_OR_RETURN(
        RankingAnswer profits,
        QueryRanking(b, caller, Request("profit", {"ytd_yoy"}, region, period, as_of)));
    TableRequest loss_req;
    static_cast<CellRequest&>(loss_req) = Request("loss_share", {"ytd"}, region, period, as_of);
    loss_req.dim = "region";
    ASSIGN_OR_RETURN(TableAnswer loss, QueryTable(b, caller, loss_req));
    Table pt =
        RankingTable(profits, region_name, "三、各地规上工业利润总额增速与亏损面（" + l.ytd + "）",
                     "单位：%；口径：现价，" + l.ytd + "累计同比；亏损面为亏损企业占比",
                     "利润总额增速", {ExtraOf("亏损面", loss)});
    pt.sheet = "效益";
    out.tables.push_back(std::move(pt));

    // Investment: the published 1–N月 growth of the imported region series (app/region_series.h),
    // ranked like the others; a region without an imported figure prints "—".
    ASSIGN_OR_RETURN(
        RankingAnswer investment,
        QueryRanking(b, caller,
                     Request("industrial_investment", {"ytd_yoy"}, region, period, as_of)));
    Table it = RankingTable(
        investment, region_name, "四、各地工业投资增速（" + l.ytd + "）",
        "单位：%；口径：地区统计部门公布的" + l.ytd + "累计同比（导入的地区数据）", "工业投资增速");
    it.sheet = "投资";
    const bool any_investment =
        ValueOf(investment.parent.row, 0).has_value() ||
        std::any_of(investment.rows.begin(), investment.rows.end(),
                    [](const RankingRow& r) { return r.value.has_value(); });
    if (!any_investment) it.notes.push_back("注：尚未导入本期地区工业投资数据，显示“—”。");
    out.tables.push_back(std::move(it));

    // Manufacturing's share of value added (制造业增加值占规上工业比重).
    std::vector<std::string> children;
    for (const auto& r : roster.rows) children.push_back(r.label.code);
    ASSIGN_OR_RETURN(RankingAnswer share,
                     IndustryShareRanking(b, caller, children, region, *parsed, as_of));
    // Beside it, 制造业增加值占GDP比重 as GET /api/v1/region-series/mfg-share answers it (another
    // 口径: 1–N月 against the published GDP, which exists for quarters only).
    Extra gdp_share;
    gdp_share.header = "占地区生产总值比重（" + l.ytd + "）";
    auto gdp_row = [&](const std::string& code) -> Result<Row> {
      ASSIGN_OR_RETURN(ManufacturingShare m, ManufacturingShareOfGdp(b, caller, code, period));
      Row r;
      r.suppressed = m.suppressed;
      r.values = {m.period == period ? m.share : std::nullopt};
      return r;
    };
    ASSIGN_OR_RETURN(gdp_share.parent, gdp_row(region));
    for (const auto& code : children) {
      ASSIGN_OR_RETURN(gdp_share.rows[code], gdp_row(code));
    }
    Table st = RankingTable(share, region_name, "五、各地制造业增加值比重（" + l.month + "）",
                            "单位：%；口径：现价；按制造业（C门类）占规模以上工业增加值的比重排位；"
                            "占地区生产总值比重为" +
                                l.ytd + "累计，仅公布地区生产总值的季度有数",
                            "占规上工业比重", {gdp_share});
    st.sheet = "制造业比重";
    out.tables.push_back(std::move(st));
  }

  // Industry groups.
  {
    Table g;
    g.title = std::string(has_children ? "六" : "二") + "、重点行业增加值增速（" + l.ytd + "）";
    g.sheet = "重点行业";
    g.basis = "单位：%；口径：可比价，" + l.ytd + "累计同比；比重为" + l.ytd +
              "累计占规上工业增加值（现价）";
    g.header = {"行业", "增速", "比规上工业（百分点）", "比重"};
    // The groups are the engine's (data/groups/), asked through the same scoped,
    // disclosure-controlled cell as GET /api/v1/cell?industry=@hightech; the share is the ratio
    // of the group's 1–N月 value added to the region's, both cells of the use case.
    ASSIGN_OR_RETURN(CellAnswer all_ytd,
                     QueryCell(b, caller, Request("value_added", {"ytd"}, region, period, as_of)));
    const auto all = ValueOf(head.row, 1);
    const auto all_level = ValueOf(all_ytd.row, 0);
    g.rows.push_back({Cell::Text("规模以上工业"), Figure(head.row, 1),
                      Cell::Text(report::kUndefined), Cell::Num(100.0)});
    for (const char* group : kBulletinGroups) {
      ASSIGN_OR_RETURN(CellAnswer cell, QueryCell(b, caller,
                                                  Request("value_added", {"ytd_yoy_real", "ytd"},
                                                          region, period, as_of, group)));
      const std::string& name =
          cell.industry.name.empty() ? cell.industry.code : cell.industry.name;
      if (!cell.row.suppressed.empty()) {
        g.rows.push_back({Cell::Text(name), Cell::Text(report::kWithheld),
                          Cell::Text(report::kWithheld), Cell::Text(report::kWithheld)});
        continue;
      }
      const auto growth = ValueOf(cell.row, 0), level = ValueOf(cell.row, 1);
      Cell share = Cell::Text(report::kUndefined);
      if (!all_ytd.row.suppressed.empty()) {
        share = Cell::Text(report::kWithheld);
      } else if (level && all_level && *all_level > 0) {
        share = Cell::Num(*level / *all_level * 100);
      }
      g.rows.push_back({Cell::Text(name), Cell::Num(growth),
                        growth && all ? Cell::Num(*growth - *all) : Cell::Text(report::kUndefined),
                        share});
    }
    g.notes.push_back(
        "注：高技术制造业按国家统计局《高技术产业（制造业）分类（2017）》的小类划分；"
        "装备制造业为33—40大类，六大高耗能行业为25、26、30、31、32、44大类。");
    out.tables.push_back(std::move(g));
  }

  // Roster entries and exits, report completeness.
  {
    Table r;
    r.title = std::string(has_children ? "七" : "三") + "、入规退规与报送情况（" + l.ytd + "）";
    r.sheet = "入规退规与报送";
    r.basis = "单位：家，%；口径：规模以上工业企业名录，" + l.ytd + "新增入规与退规；报送为" +
              l.month + "工业总产值";
    r.header = {"地区", "新增入规", "退规", "已报送", "在库企业", "报送率"};
    auto add = [&](const std::string& name, const Row& row) {
      r.rows.push_back({Cell::Text(name), Figure(row, 0, 0), Figure(row, 1, 0), Figure(row, 2, 0),
                        Figure(row, 3, 0), Figure(row, 4)});
    };
    add(region_name, roster.parent.row);
    for (const auto& row : roster.rows) add(row.label.name, row);
    out.tables.push_back(std::move(r));
  }

  out.notes = {
      "规上工业增加值按各企业工业总产值乘以所属行业增加值率计算，增速按可比价格（工业生产者出厂价格"
      "指数缩减）计算，"
      "同一样本企业比较。",
      "1月数据与2月合并为1—2月发布。",
      "“…”为依统计法不公布的数据（企业过少或个别企业占比过大）；“—”为无数据或不适用。",
      "位次按本期数值从高到低排列；较上月位次“↑”为上升，“↓”为下降。",
  };
  return out;
}

Result<BulletinFile> RenderBulletin(const report::Bulletin& bulletin, BulletinFormat format) {
  BulletinFile f;
  f.name = "bulletin-" + bulletin.region_code + "-" + bulletin.period + "." +
           std::string(BulletinExtension(format));
  f.content_type = std::string(BulletinContentType(format));
  switch (format) {
    case BulletinFormat::kDocx: {
      ASSIGN_OR_RETURN(f.bytes, report::WriteDocx(bulletin));
      break;
    }
    case BulletinFormat::kPdf: {
      ASSIGN_OR_RETURN(f.bytes, report::WritePdf(bulletin));
      break;
    }
    case BulletinFormat::kXlsx: {
      ASSIGN_OR_RETURN(f.bytes, report::WriteXlsx(bulletin));
      break;
    }
  }
  return f;
}

Result<BulletinFile> MakeBulletin(Ballast& b, const Caller& caller, const BulletinRequest& request,
                                  BulletinFormat format) {
  ASSIGN_OR_RETURN(report::Bulletin bulletin, BuildBulletin(b, caller, request));
  return RenderBulletin(bulletin, format);
}

}  // namespace ballast::app
