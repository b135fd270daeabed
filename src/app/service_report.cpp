// The monthly service report as data, from the leader's statistics (see service_report.h).
#include "app/service_report.h"

#include <map>
#include <utility>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "app/service.h"
#include "core/catalog.h"
#include "core/period.h"

namespace ballast::app {

namespace {

using report::Cell;
using report::Table;

constexpr const char* kNotDispatched = "（未派单）";

std::string RegionName(const Catalog& c, const std::string& code) {
  if (code == kCountryCode) return "全国";
  const NodeId n = c.regions().Find(code);
  return n == kNoNode ? code : c.regions().node(n).name;
}

std::string UnitName(const std::string& unit) { return unit.empty() ? kNotDispatched : unit; }

std::string N(int64_t n) { return std::to_string(n); }

// "n / d" — the numerator and denominator of a rate, as the statistics page shows them.
Cell Fraction(const service::Ratio& r) { return Cell::Text(N(r.num) + " / " + N(r.den)); }
Cell Percent(const service::Ratio& r) { return Cell::Num(r.Percent(), 1); }
Cell Count(int64_t n) { return Cell::Num(static_cast<double>(n), 0); }

// The cross-table summed: every appeal of the report is in exactly one of its rows.
service::CrossRow Sum(const std::vector<service::CrossRow>& rows) {
  service::CrossRow total;
  for (const auto& r : rows) {
    total.filed += r.filed;
    total.in_scope += r.in_scope;
    total.closed += r.closed;
    total.open += r.open;
    total.overdue += r.overdue;
  }
  return total;
}

// 一、the month's appeals: received, accepted, closed, open and overdue, and those outside the
// rates.
Table Flow(const Service::ReportFigures& f, const std::string& basis) {
  const service::CrossRow sum = Sum(f.statistics.cross);
  const int64_t open = sum.open, closed = sum.closed, overdue = sum.overdue;
  Table t;
  t.title = "一、诉求受理与办结";
  t.sheet = "受理办结";
  t.basis = basis;
  t.header = {"项目", "件数", "口径"};
  const auto& m = f.total;
  t.rows = {
      {Cell::Text("收到诉求"), Count(m.filed), Cell::Text("本月提交的全部诉求")},
      {Cell::Text("受理"), Count(f.accepted),
       Cell::Text("已受理（含已派单、办理、答复、评价、办结）")},
      {Cell::Text("办结"), Count(closed), Cell::Text("已办结")},
      {Cell::Text("未办结"), Count(open), Cell::Text("有效诉求中尚未办结")},
      {Cell::Text("其中：超期"), Count(overdue), Cell::Text("未办结且已超过办理时限")},
      {Cell::Text("撤回"), Count(m.withdrawn), Cell::Text("不计入各项比率")},
      {Cell::Text("合并"), Count(m.merged), Cell::Text("不计入各项比率")},
      {Cell::Text("不予受理"), Count(m.not_responsible), Cell::Text("不计入各项比率")},
  };
  return t;
}

// 二、the rates with their numerators and denominators (ComputeMetrics, the one formula).
Table Rates(const Service::ReportFigures& f, const std::string& basis) {
  const auto& m = f.total;
  Table t;
  t.title = "二、问题解决率与满意率";
  t.sheet = "解决率满意率";
  t.basis = basis;
  t.header = {"指标", "分子", "分母", "比率（%）", "分子口径", "分母口径"};
  auto row = [](const char* name, const service::Ratio& r, const char* num, const char* den) {
    return std::vector<Cell>{Cell::Text(name), Count(r.num),    Count(r.den),
                             Percent(r),       Cell::Text(num), Cell::Text(den)};
  };
  t.rows = {
      row("问题解决率", m.resolution, "最近一次评价为“已解决”", "已评价"),
      row("满意率", m.satisfaction, "满意、基本满意", "已评价"),
      row("按时办结率", m.on_time_closure, "在办理时限内答复并办结", "已办结"),
      row("首次响应及时率", m.response, "在首次响应时限内签收或答复", "已派单"),
      row("受理派单及时率", m.dispatch, "在受理时限内派单", "有效诉求"),
      row("重办率", m.reopen, "曾被重新办理", "曾被评价"),
  };
  t.notes = {"未评价(默认)：答复后评价期满仍未评价而办结 " + N(m.unrated_default) +
             " 件，另计，不计入问题解决率和满意率。"};
  return t;
}

// 三、category × region, summed over the units.
Table CategoryByRegion(const Service::ReportFigures& f, const Service& s, const Catalog& c,
                       const std::string& basis) {
  std::map<std::pair<std::string, std::string>, std::vector<service::CrossRow>> groups;
  for (const auto& r : f.statistics.cross) groups[{r.category, r.region}].push_back(r);
  Table t;
  t.title = "三、诉求类别与地区";
  t.sheet = "类别地区";
  t.basis = basis;
  t.header = {"诉求类别", "地区", "收到", "有效诉求", "办结", "未办结", "超期"};
  auto cells = [](const service::CrossRow& r) {
    return std::vector<Cell>{Count(r.filed), Count(r.in_scope), Count(r.closed), Count(r.open),
                             Count(r.overdue)};
  };
  for (const auto& [key, rows] : groups) {
    const service::Category* cat = s.catalogue().FindCategory(key.first);
    std::vector<Cell> row = {Cell::Text(cat ? cat->name : key.first),
                             Cell::Text(RegionName(c, key.second) + "（" + key.second + "）")};
    for (auto& x : cells(Sum(rows))) row.push_back(std::move(x));
    t.rows.push_back(std::move(row));
  }
  std::vector<Cell> last = {Cell::Text("合计"), Cell::Text("")};
  for (auto& x : cells(Sum(f.statistics.cross))) last.push_back(std::move(x));
  t.rows.push_back(std::move(last));
  t.notes = {"有效诉求 = 收到 − 撤回 − 合并 − 不予受理；超期按办理时限（工作日）计至统计日。"};
  return t;
}

Table OverdueRanking(const Service::ReportFigures& f, const std::string& basis) {
  Table t;
  t.title = "四、超期排名（按承办单位）";
  t.sheet = "超期排名";
  t.basis = basis;
  t.header = {"位次", "承办单位", "超期", "未办结", "超期占比（%）"};
  int rank = 0;
  for (const auto& u : f.statistics.overdue_ranking) {
    t.rows.push_back({Count(++rank), Cell::Text(UnitName(u.unit)), Count(u.overdue.num),
                      Count(u.overdue.den), Percent(u.overdue)});
  }
  t.notes = {"按超期件数、再按超期占比、再按单位名称排序；诉求计入其当前承办单位（牵头单位）。"};
  return t;
}

Table EscalationRanking(const Service::ReportFigures& f, const std::string& basis) {
  Table t;
  t.title = "五、督办排名（按承办单位）";
  t.sheet = "督办排名";
  t.basis = basis;
  t.header = {"位次", "承办单位", "被督办诉求", "有效诉求", "被督办占比（%）", "督办通知"};
  int rank = 0;
  for (const auto& u : f.statistics.escalation_ranking) {
    t.rows.push_back({Count(++rank), Cell::Text(UnitName(u.unit)), Count(u.escalated.num),
                      Count(u.escalated.den), Percent(u.escalated), Count(u.escalations)});
  }
  t.notes = {"督办通知含人工督办和复评仍未解决时的自动督办。"};
  return t;
}

Table SatisfactionByUnit(const Service::ReportFigures& f, const std::string& basis) {
  Table t;
  t.title = "六、满意度（按承办单位）";
  t.sheet = "单位满意度";
  t.basis = basis;
  t.header = {"承办单位",        "满意（分子/分母）",     "满意率（%）",     "已解决（分子/分母）",
              "问题解决率（%）", "按时办结（分子/分母）", "按时办结率（%）", "未评价(默认)"};
  for (const auto& u : f.statistics.units) {
    const auto& m = u.metrics;
    t.rows.push_back({Cell::Text(UnitName(u.unit)), Fraction(m.satisfaction),
                      Percent(m.satisfaction), Fraction(m.resolution), Percent(m.resolution),
                      Fraction(m.on_time_closure), Percent(m.on_time_closure),
                      Count(m.unrated_default)});
  }
  return t;
}

Table HotTopics(const Service::ReportFigures& f, const Service& s, const std::string& basis) {
  Table t;
  t.title = "七、热点问题";
  t.sheet = "热点问题";
  t.basis = basis;
  t.header = {"位次", "诉求类别", "件数", "占本月诉求比重（%）"};
  int rank = 0;
  for (const auto& topic : f.statistics.topics) {  // one month: most filed first
    const service::Category* cat = s.catalogue().FindCategory(topic.category);
    t.rows.push_back({Count(++rank), Cell::Text(cat ? cat->name : topic.category),
                      Count(topic.filed), Percent(service::Ratio{topic.filed, f.total.filed})});
  }
  t.chart_column = 2;
  t.label_column = 1;
  return t;
}

}  // namespace

Result<report::Bulletin> BuildServiceReport(Ballast& b, const Caller& caller,
                                            const ServiceReportRequest& request) {
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kReadAggregate));
  const Catalog& c = b.catalog();
  auto month = ParsePeriod(request.month);
  if (!month.ok()) return Status::Invalid("month: '" + request.month + "' is not YYYY-MM");
  std::string region = request.region;
  if (region.empty()) region = caller.whole_country() ? std::string(kCountryCode) : caller.region;
  if (region != kCountryCode && c.regions().Find(region) == kNoNode)
    return Status::Invalid("region: '" + region + "' is not a GB/T 2260 code");
  MetricsFilter filter;
  filter.region = region;
  filter.unit = request.unit;
  filter.from_period = filter.to_period = request.month;
  // Scoped exactly as the statistics: the region in the caller's scope, a handler its own unit,
  // enterprises never.
  ASSIGN_OR_RETURN(auto f, b.service().MonthFigures(caller, filter, request.today));
  const std::string& today = f.today;
  const int year = PeriodYear(*month), month_no = PeriodMonth(*month);
  const std::string label = std::to_string(year) + "年" + std::to_string(month_no) + "月";
  const std::string region_name = RegionName(c, region);

  report::Bulletin out;
  out.region_code = region;
  out.region_name = region_name;
  out.period = request.month;
  out.title = label + region_name + "企业服务（万人助万企）工作月报";
  out.subtitle = "统计范围：" + label + "（北京时间）收到的企业诉求；办理状态截至 " + today +
                 (f.unit.empty() ? "" : "；承办单位：" + f.unit);
  const std::string basis = "单位：件；口径：" + label + "收到的诉求，状态截至 " + today;
  const auto& m = f.total;
  const service::CrossRow sum = Sum(f.statistics.cross);
  const int64_t open = sum.open, closed = sum.closed, overdue = sum.overdue;
  out.summary = {
      label + "，共收到企业诉求" + N(m.filed) + "件，受理" + N(f.accepted) + "件，办结" +
          N(closed) + "件，尚未办结" + N(open) + "件（其中超期" + N(overdue) + "件）；撤回" +
          N(m.withdrawn) + "件、合并" + N(m.merged) + "件、不予受理" + N(m.not_responsible) +
          "件，不计入各项比率。",
      "问题解决率" + m.resolution.Text() + "（最近一次评价为“已解决”" + N(m.resolution.num) +
          "件 / 已评价" + N(m.resolution.den) + "件，目标不低于96%）；满意率" +
          m.satisfaction.Text() + "（满意和基本满意" + N(m.satisfaction.num) + "件 / 已评价" +
          N(m.satisfaction.den) + "件）；未评价(默认)" + N(m.unrated_default) + "件另计。",
  };
  out.tables = {Flow(f, basis),
                Rates(f, basis),
                CategoryByRegion(f, b.service(), c, basis),
                OverdueRanking(f, basis),
                EscalationRanking(f, basis),
                SatisfactionByUnit(f, basis),
                HotTopics(f, b.service(), basis)};
  out.notes = {
      "统计范围为" + label + "（北京时间）提交的诉求，各项状态和超期情况计至 " + today + "。",
      "问题解决率 = 最近一次评价为“已解决”的诉求 ÷ "
      "已评价的诉求；重新办理不撤销原评价，新的评价替代之。",
      "满意率 = 评价为满意或基本满意的诉求 ÷ 已评价的诉求（未评价(默认)的不计入）。",
      "分母为0的比率记为“—”，不记为100%。",
  };
  return out;
}

Result<BulletinFile> RenderServiceReport(const report::Bulletin& r, BulletinFormat format) {
  ASSIGN_OR_RETURN(BulletinFile file, RenderBulletin(r, format));  // the bulletin's writers
  file.name = "service-report-" + r.region_code + "-" + r.period + "." +
              std::string(BulletinExtension(format));
  return file;
}

Result<BulletinFile> MakeServiceReport(Ballast& b, const Caller& caller,
                                       const ServiceReportRequest& request, BulletinFormat format) {
  ASSIGN_OR_RETURN(report::Bulletin r, BuildServiceReport(b, caller, request));
  return RenderServiceReport(r, format);
}

}  // namespace ballast::app
