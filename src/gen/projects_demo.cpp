#include "gen/projects_demo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gen/random.h"

namespace ballast::gen {
namespace {

constexpr const char* kDivisions[] = {"13", "14", "17", "26", "27", "29", "30", "31",
                                      "32", "33", "34", "35", "36", "38", "39", "40"};
constexpr const char* kKinds[] = {"新材料",   "智能装备", "新能源汽车零部件", "电子信息",
                                  "生物医药", "绿色食品", "高端化工",         "先进制造",
                                  "储能电池", "精密铸造"};
constexpr const char* kScale[] = {"年产10万吨", "年产5000台套", "年产2亿件", "一期",
                                  "二期",       "扩建",         "技改",      "产业园"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
constexpr const char* kFactors[] = {"land", "energy", "eia", "funds", "approval", "labour"};
constexpr const char* kFactorUnits[] = {"自然资源和规划局", "发展改革委",     "生态环境局",
                                        "金融工作局",       "行政审批服务局", "人力资源社会保障局"};
constexpr const char* kBanks[] = {"中国工商银行", "中国建设银行", "中国农业银行",
                                  "中国银行",     "中原银行",     "郑州银行"};

std::string Date(Period p, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d", std::clamp(day, 1, 28));
  return FormatPeriod(p) + buf;
}

std::string Csv(const std::string& s) { return s; }  // generated text has no commas or quotes

}  // namespace

ProjectDemo GenerateProjects(const Catalog& catalog, const std::string& province, Period end,
                             uint64_t seed, int count) {
  ProjectDemo out;
  const auto& regions = catalog.regions();
  const NodeId prov = regions.Find(province);
  std::vector<NodeId> counties;
  for (NodeId i = 0; i < static_cast<NodeId>(regions.size()); ++i) {
    const auto& n = regions.node(i);
    if (prov != kNoNode && i != prov && regions.Contains(prov, i) && n.children.empty() &&
        n.parent != prov)
      counties.push_back(i);
  }
  if (counties.empty()) return out;
  Rng rng(seed ^ 0x70726f6a65637473ULL);
  out.register_csv =
      "code,name,investor_name,region,park,industry,total_investment,annual_plan,planned_signed,"
      "planned_started,"
      "planned_in_production,planned_at_capacity,signed,started,in_production,at_capacity,leader_"
      "province,"
      "leader_city,leader_county,unit,whitelist_construction,whitelist_factors,whitelist_finance,"
      "main_bank\n";
  const Period first = end - 35;
  for (int k = 0; k < count; ++k) {
    const NodeId county = counties[rng.Index(counties.size())];
    const NodeId city = regions.node(county).parent;
    const std::string city_name = regions.node(city).name, county_name = regions.node(county).name;
    char code[32];
    std::snprintf(code, sizeof code, "HN-%04d", k + 1);
    const std::string name = county_name + kScale[rng.Index(std::size(kScale))] +
                             kKinds[rng.Index(std::size(kKinds))] + "项目";
    const double total = std::round(std::min(800000.0, rng.LogNormal(30000, 1.0)));
    // Plan: signing, start 1–6 months later, production 10–24 after the start, capacity 6–12.
    const Period plan_sign = first + static_cast<Period>(rng.Index(36));
    const Period plan_start = plan_sign + 1 + static_cast<Period>(rng.Index(6));
    const Period plan_prod = plan_start + 10 + static_cast<Period>(rng.Index(15));
    const Period plan_cap = plan_prod + 6 + static_cast<Period>(rng.Index(7));
    const Period plans[4] = {plan_sign, plan_start, plan_prod, plan_cap};
    // Actual: a little late or early; stalled projects stop at a stage.
    const bool stalled = rng.Bernoulli(0.12);
    const int stall_stage =
        stalled ? 1 + static_cast<int>(rng.Index(2)) : 4;  // never starts / never produces
    Period actual[4];
    int reached = -1;
    Period prev = 0;
    for (int s = 0; s < 4; ++s) {
      const Period slip = s == 0 ? 0 : static_cast<Period>(std::lround(rng.Normal(0.8, 1.6)));
      Period a = std::max(plans[s] + slip, s == 0 ? plans[0] : prev);
      actual[s] = a;
      prev = a;
      if (s < stall_stage && a <= end)
        reached = s;
      else
        break;
    }
    if (reached < 0) continue;  // not signed yet: not in the register
    ++out.projects;
    if (stalled) ++out.stalled;
    int day[4];
    for (int& d : day) d = 1 + static_cast<int>(rng.Index(28));
    // Two stages reached in one month: the later one not on an earlier day.
    for (int st = 1; st < 4; ++st) {
      if (actual[st] == actual[st - 1]) day[st] = std::max(day[st], day[st - 1]);
    }
    // Building months (start → production) take ~80 % of the investment.
    const int build = std::max<int>(1, static_cast<int>(plan_prod - plan_start));
    const double annual = std::round(std::min(total, total * 0.8 * 12.0 / build));
    const std::string leader_city =
        std::string(kSurnames[rng.Index(std::size(kSurnames))]) + "副市长";
    const std::string leader_county =
        std::string(kSurnames[rng.Index(std::size(kSurnames))]) + "县长";
    const std::string unit = city_name + "发展改革委";
    std::string row = std::string(code) + "," + Csv(name) + "," + county_name +
                      kKinds[rng.Index(std::size(kKinds))] + "有限公司," +
                      regions.node(county).code + "," + county_name + "产业集聚区," +
                      kDivisions[rng.Index(std::size(kDivisions))] + "," +
                      std::to_string(static_cast<int64_t>(total)) + "," +
                      std::to_string(static_cast<int64_t>(annual));
    for (int s = 0; s < 4; ++s) row += "," + Date(plans[s], day[s]);
    for (int s = 0; s < 4; ++s)
      row += "," + (s <= reached ? Date(actual[s], day[s]) : std::string());
    row += "," + std::string(total >= 100000 ? "省发展改革委主任" : "") + "," + leader_city + "," +
           leader_county + "," + unit + "," + (rng.Bernoulli(0.6) ? "是" : "否") + "," +
           (rng.Bernoulli(0.5) ? "是" : "否") + "," + (rng.Bernoulli(0.4) ? "是" : "否") + "," +
           kBanks[rng.Index(std::size(kBanks))] + "\n";
    out.register_csv += row;
    // Monthly reports from the start month on (up to end): investment while building, less after
    // production; a stalled project's investment stops three months after its last stage.
    if (reached < 1) continue;
    const Period stop = stalled ? actual[reached] + 3 : end + 1;
    for (Period m = actual[1]; m <= end; ++m) {
      DemoProjectReport r;
      r.code = code;
      r.month = m;
      const bool building = reached < 2 || m < actual[2];
      const double base =
          building ? total * 0.8 / build : (reached < 3 || m < actual[3] ? total * 0.02 : 0);
      r.investment = m < stop ? std::round(std::max(0.0, base * rng.Uniform(0.6, 1.4))) : 0;
      for (int s = 1; s <= reached; ++s) {
        if (actual[s] == m) {
          r.stage = s;
          r.stage_date = Date(actual[s], day[s]);
        }
      }
      if (rng.Bernoulli(stalled && m >= stop - 2 ? 0.6 : 0.06)) {
        const size_t f = rng.Index(std::size(kFactors));
        r.blocker_factor = kFactors[f];
        r.blocker_unit = city_name + kFactorUnits[f];
        r.blocker_deadline = Date(m + 1, 28);
      }
      if (r.investment == 0 && r.stage < 0 && r.blocker_factor.empty() && m >= stop + 2)
        continue;  // no report
      out.reports.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace ballast::gen
