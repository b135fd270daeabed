#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/catalog.h"
#include "core/uscc.h"
#include "gen/calendar.h"
#include "gen/generator.h"

namespace ballast::gen {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

// "123.4" → 1234 (tenths); "57" → 57 (employees, whole persons); "" → nullopt.
std::optional<int64_t> ParseNum(const std::string& s) {
  if (s.empty()) return std::nullopt;
  bool neg = s[0] == '-';
  int64_t v = 0;
  for (size_t i = neg ? 1 : 0; i < s.size(); ++i) {
    if (s[i] == '.') continue;
    EXPECT_TRUE(s[i] >= '0' && s[i] <= '9') << s;
    v = v * 10 + (s[i] - '0');
  }
  if (s.find('.') != std::string::npos) {
    EXPECT_EQ(s.find('.'), s.size() - 2) << s;
  }
  return neg ? -v : v;
}

struct Row {
  std::string uscc, indicator;
  Period period = 0;
  std::optional<int64_t> value, ytd, prior, prior_ytd;
};

struct Enterprise {
  std::string uscc, name, region, industry, size, tags, entered, exited;
};

fs::path TempDir(const std::string& tag) {
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return fs::temp_directory_path() / ("ballast_gen_test_" + tag + "_" + std::to_string(now));
}

Options SmallOptions() {
  Options o;
  o.seed = 7;
  o.province = "410000";
  o.enterprises = 300;
  o.first = MakePeriod(2023, 11);
  o.months = 26;
  return o;
}

class GenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto catalog = Catalog::Embedded();
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = new Catalog(std::move(catalog).value());
    dir_ = new fs::path(TempDir("main"));
    auto summary = WriteCsv(*catalog_, SmallOptions(), dir_->string());
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    summary_ = new Summary(*summary);
    enterprises_ = new std::vector<Enterprise>;
    for (const auto& line : Lines(ReadFile((*dir_ / "enterprises.csv").string()))) {
      auto f = SplitSimpleCsvLine(line);
      ASSERT_EQ(f.size(), 8u) << line;
      if (f[0] == "uscc") continue;
      enterprises_->push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]),
                               std::string(f[3]), std::string(f[4]), std::string(f[5]),
                               std::string(f[6]), std::string(f[7])});
    }
    rows_ = new std::vector<Row>;
    for (size_t k = 1; k < summary_->files.size(); ++k) {
      for (const auto& line : Lines(ReadFile(summary_->files[k]))) {
        auto f = SplitSimpleCsvLine(line);
        ASSERT_EQ(f.size(), 7u) << line;
        if (f[0] == "uscc") continue;
        auto period = ParsePeriod(f[1]);
        ASSERT_TRUE(period.ok()) << line;
        rows_->push_back({std::string(f[0]), std::string(f[2]), *period,
                          ParseNum(std::string(f[3])), ParseNum(std::string(f[4])),
                          ParseNum(std::string(f[5])), ParseNum(std::string(f[6]))});
      }
    }
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete catalog_;
    delete dir_;
    delete summary_;
    delete enterprises_;
    delete rows_;
  }

  // Sum of `indicator` values over rows passing `keep`, by period.
  template <typename Keep>
  static std::map<Period, double> Totals(const std::string& indicator, Keep keep) {
    std::map<Period, double> out;
    for (const Row& r : *rows_) {
      if (r.indicator == indicator && r.value && keep(r)) out[r.period] += *r.value / 10.0;
    }
    return out;
  }

  static inline Catalog* catalog_ = nullptr;
  static inline fs::path* dir_ = nullptr;
  static inline Summary* summary_ = nullptr;
  static inline std::vector<Enterprise>* enterprises_ = nullptr;
  static inline std::vector<Row>* rows_ = nullptr;
};

TEST_F(GenTest, SameSeedSameBytesOtherSeedOtherBytes) {
  fs::path again = TempDir("again"), other = TempDir("other");
  auto a = WriteCsv(*catalog_, SmallOptions(), again.string());
  Options o = SmallOptions();
  o.seed = 8;
  auto b = WriteCsv(*catalog_, o, other.string());
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->files.size(), summary_->files.size());
  int differing = 0;
  for (size_t k = 0; k < a->files.size(); ++k) {
    EXPECT_EQ(ReadFile(a->files[k]), ReadFile(summary_->files[k])) << a->files[k];
    differing += ReadFile(b->files[k]) != ReadFile(summary_->files[k]);
  }
  EXPECT_EQ(differing, static_cast<int>(a->files.size()));
  EXPECT_EQ(a->observation_rows, summary_->observation_rows);
  fs::remove_all(again);
  fs::remove_all(other);
}

TEST_F(GenTest, EnterprisesAreValid) {
  const CodeTree& regions = catalog_->regions();
  const CodeTree& industries = catalog_->industries();
  NodeId henan = regions.Find("410000");
  std::set<std::string> codes;
  int jiyuan = 0, large = 0, tagged = 0;
  for (const auto& e : *enterprises_) {
    EXPECT_EQ(CheckUscc(e.uscc), UsccCheck::kValid) << e.uscc;
    EXPECT_EQ(e.uscc.substr(0, 2), "91");
    EXPECT_EQ(e.uscc.substr(2, 6), e.region);
    EXPECT_TRUE(codes.insert(e.uscc).second) << "duplicate " << e.uscc;
    NodeId r = regions.Find(e.region);
    ASSERT_NE(r, kNoNode) << e.region;
    EXPECT_TRUE(regions.Contains(henan, r) && regions.node(r).children.empty()) << e.region;
    NodeId i = industries.Find(e.industry);
    ASSERT_NE(i, kNoNode) << e.industry;
    EXPECT_EQ(e.industry.size(), 4u);
    EXPECT_TRUE(industries.Contains(catalog_->all_industry(), i)) << e.industry;
    EXPECT_TRUE(e.size == "large" || e.size == "medium" || e.size == "small" || e.size == "micro");
    EXPECT_NE(e.name.find("有限公司"), std::string::npos) << e.name;
    jiyuan += e.region == "419001";
    large += e.size == "large";
    tagged += !e.tags.empty();
  }
  EXPECT_EQ(summary_->enterprises, static_cast<int64_t>(enterprises_->size()));
  EXPECT_GT(jiyuan, 0) << "419001 济源 must receive enterprises";
  EXPECT_GT(large, 0);
  EXPECT_LT(large, static_cast<int>(enterprises_->size()) / 10);
  EXPECT_GT(tagged, 0);
  EXPECT_LT(tagged, static_cast<int>(enterprises_->size()) / 2);
}

TEST_F(GenTest, PeriodsCoverTheRun) {
  const Options o = SmallOptions();
  ASSERT_EQ(summary_->files.size(), static_cast<size_t>(o.months) + 1);
  std::set<Period> periods;
  for (const Row& r : *rows_) periods.insert(r.period);
  ASSERT_EQ(periods.size(), static_cast<size_t>(o.months));
  EXPECT_EQ(*periods.begin(), o.first);
  EXPECT_EQ(*periods.rbegin(), o.first + o.months - 1);
  EXPECT_EQ(summary_->observation_rows, static_cast<int64_t>(rows_->size()));
}

TEST_F(GenTest, YtdIsTheSumOfMonthlyValues) {
  // (uscc, indicator) → period → row
  std::map<std::pair<std::string, std::string>, std::map<Period, const Row*>> series;
  for (const Row& r : *rows_) series[{r.uscc, r.indicator}][r.period] = &r;
  int checked = 0;
  for (const auto& [key, by_period] : series) {
    const bool stock = key.second == "inventory" || key.second == "assets" ||
                       key.second == "liabilities" || key.second == "employees";
    for (const auto& [p, r] : by_period) {
      if (stock) {
        EXPECT_TRUE(r->value && !r->ytd && !r->prior_ytd);
        continue;
      }
      ASSERT_TRUE(r->ytd.has_value()) << key.first << " " << key.second;
      if (PeriodMonth(p) == 1) {
        EXPECT_EQ(*r->ytd, *r->value);
        if (r->prior) {
          EXPECT_EQ(*r->prior_ytd, *r->prior);
        }
      }
      auto prev = by_period.find(p - 1);
      if (PeriodMonth(p) == 1 || prev == by_period.end() || !r->value) continue;
      EXPECT_EQ(*r->ytd, *prev->second->ytd + *r->value) << key.first << " " << key.second;
      if (r->prior && prev->second->prior_ytd) {
        EXPECT_EQ(*r->prior_ytd, *prev->second->prior_ytd + *r->prior);
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000);
}

TEST_F(GenTest, FinancialIndicatorsStartWithJanuaryFebruary) {
  int feb = 0, mar = 0;
  for (const Row& r : *rows_) {
    if (r.indicator != "profit" && r.indicator != "revenue") continue;
    EXPECT_NE(PeriodMonth(r.period), 1) << "January " << r.indicator << " row";
    if (PeriodMonth(r.period) == 2) {
      EXPECT_FALSE(r.value.has_value());
      EXPECT_TRUE(r.ytd.has_value());
      ++feb;
    } else {
      EXPECT_TRUE(r.value && r.ytd);
      ++mar;
    }
  }
  EXPECT_GT(feb, 0);
  EXPECT_GT(mar, 0);
  // Production indicators are reported every month.
  EXPECT_FALSE(
      Totals("output_value", [](const Row& r) { return PeriodMonth(r.period) == 1; }).empty());
}

TEST_F(GenTest, EntrantsCarryPriorsAndExitsStop) {
  std::map<std::string, std::set<Period>> reported;
  for (const Row& r : *rows_) {
    if (r.indicator == "output_value") reported[r.uscc].insert(r.period);
  }
  const Options o = SmallOptions();
  const Period last = o.first + o.months - 1;
  std::map<std::string, int> entry_year;  // entrants only
  int exits = 0;
  for (const auto& e : *enterprises_) {
    auto it = reported.find(e.uscc);
    ASSERT_NE(it, reported.end()) << e.uscc << " never reports";
    const auto& ps = it->second;
    // Reporting is one unbroken spell, starting at the first period or in a January, ending
    // at the last period or in a December; entered and exited say so.
    EXPECT_EQ(static_cast<Period>(ps.size()), *ps.rbegin() - *ps.begin() + 1) << e.uscc;
    if (*ps.begin() != o.first) {
      EXPECT_EQ(PeriodMonth(*ps.begin()), 1);
      entry_year[e.uscc] = PeriodYear(*ps.begin());
      EXPECT_EQ(e.entered, FormatPeriod(*ps.begin())) << e.uscc;
    } else {
      EXPECT_EQ(e.entered, "") << e.uscc;
    }
    if (*ps.rbegin() != last) {
      EXPECT_EQ(PeriodMonth(*ps.rbegin()), 12);
      EXPECT_EQ(e.exited, FormatPeriod(*ps.rbegin())) << e.uscc;
      ++exits;
    } else {
      EXPECT_EQ(e.exited, "") << e.uscc;
    }
  }
  EXPECT_GT(exits, 3);
  EXPECT_GT(entry_year.size(), 5u);
  EXPECT_LT(exits, 60);
  for (const Row& r : *rows_) {
    auto it = entry_year.find(r.uscc);
    bool first_year = it != entry_year.end() && PeriodYear(r.period) == it->second;
    // The initial roster reports 上年同期 while the year-ago month is before the run.
    bool before_run = it == entry_year.end() && r.period - 12 < o.first;
    if (!first_year && !before_run) {
      EXPECT_FALSE(r.prior || r.prior_ytd) << r.uscc;
      continue;
    }
    EXPECT_EQ(r.prior.has_value(), r.value.has_value()) << r.uscc << " " << r.indicator;
    EXPECT_EQ(r.prior_ytd.has_value(), r.ytd.has_value()) << r.uscc << " " << r.indicator;
  }
}

// Issue #12 item 8: on the demo, 2024年1-11月 cumulative growth (+5.5 %) lay outside 1-10月
// (+8.2 %) and November (+6.9 %). Cause: the run began in 2023-11, so the base of 1-10月 (ytd of
// 2023-10) was outside the data for every enterprise but the entrants, who alone reported
// 上年同期: 1-10月 was the entrants' growth. With every enterprise's 上年同期 reported while the
// year-ago month is before the run, each cumulative growth is a mediant of the one before and
// the month's: it lies between them.
TEST_F(GenTest, CumulativeGrowthLiesBetweenThePreviousOneAndTheMonths) {
  // uscc → period → row of output_value
  std::map<std::string, std::map<Period, const Row*>> by;
  for (const Row& r : *rows_) {
    if (r.indicator == "output_value") by[r.uscc][r.period] = &r;
  }
  // Same-sample growth as the engine computes it: base = reported prior, else the own figure
  // 12 months earlier.
  auto growth = [&](Period t, bool cumulative, int* members) {
    double x = 0, b = 0;
    *members = 0;
    for (const auto& [uscc, rows] : by) {
      auto it = rows.find(t);
      if (it == rows.end()) continue;
      const Row& r = *it->second;
      auto own = cumulative ? r.ytd : r.value;
      auto base = cumulative ? r.prior_ytd : r.prior;
      if (!base) {
        auto ago = rows.find(t - 12);
        if (ago != rows.end()) base = cumulative ? ago->second->ytd : ago->second->value;
      }
      if (!own || !base) continue;
      x += static_cast<double>(*own);
      b += static_cast<double>(*base);
      ++*members;
    }
    return x / b - 1;
  };
  const Options o = SmallOptions();
  const auto reporters = static_cast<int>(by.size());
  for (Period t = o.first + 1; t < o.first + o.months; ++t) {
    if (PeriodMonth(t) == 1) continue;
    int m_prev = 0, m_month = 0, m_now = 0;
    const double prev = growth(t - 1, true, &m_prev);
    const double month = growth(t, false, &m_month);
    const double now = growth(t, true, &m_now);
    EXPECT_GE(now, std::min(prev, month) - 1e-12) << FormatPeriod(t);
    EXPECT_LE(now, std::max(prev, month) + 1e-12) << FormatPeriod(t);
    EXPECT_GT(m_now, reporters * 8 / 10) << FormatPeriod(t) << ": the sample is not the panel";
  }
}

TEST_F(GenTest, CollapseCityIsVisible) {
  ASSERT_EQ(summary_->collapse_city, "411500");
  // The run ends 2025-12: the collapse is its last two months, November and December.
  ASSERT_EQ(summary_->collapse_first, MakePeriod(2025, 11));
  const CodeTree& regions = catalog_->regions();
  NodeId city = regions.Find("411500");
  std::map<std::string, bool> in_city;
  for (const auto& e : *enterprises_)
    in_city[e.uscc] = regions.Contains(city, regions.Find(e.region));
  // A matched panel: enterprises reporting in both months, so churn does not blur the change.
  std::map<std::pair<std::string, Period>, double> output;
  for (const Row& r : *rows_) {
    if (r.indicator == "output_value") output[{r.uscc, r.period}] = *r.value / 10.0;
  }
  for (Period p : {summary_->collapse_first, summary_->collapse_first + 1}) {
    double now[2] = {0, 0}, before[2] = {0, 0};
    for (const auto& [key, value] : output) {
      if (key.second != p) continue;
      auto prev = output.find({key.first, p - 12});
      if (prev == output.end()) continue;
      // The planted stoppages (last month, other cities) are not the rest's ordinary months.
      const auto& stops = summary_->stoppages;
      if (std::find(stops.begin(), stops.end(), key.first) != stops.end()) continue;
      int k = in_city[key.first] ? 1 : 0;
      now[k] += value;
      before[k] += prev->second;
    }
    ASSERT_GT(before[1], 0) << "no enterprises in the collapse city";
    double yoy_city = now[1] / before[1] - 1, yoy_rest = now[0] / before[0] - 1;
    EXPECT_LT(yoy_city, -0.25) << FormatPeriod(p);
    EXPECT_GT(yoy_rest, -0.15) << FormatPeriod(p);
    EXPECT_LT(yoy_rest, 0.30) << FormatPeriod(p);
  }
}

TEST_F(GenTest, ThreeLargeEnterprisesStopInTheLastMonth) {
  const Period last = SmallOptions().first + SmallOptions().months - 1;
  ASSERT_EQ(summary_->stoppages.size(), 3u);
  std::map<std::string, std::string> region;
  for (const auto& e : *enterprises_) region[e.uscc] = e.region;
  std::set<std::string> prefectures;
  for (const auto& uscc : summary_->stoppages) {
    ASSERT_TRUE(region.count(uscc)) << uscc;
    prefectures.insert(region[uscc].substr(0, 4));
    EXPECT_NE(region[uscc].substr(0, 4), "4115") << "a stoppage inside the collapse city";
    std::optional<int64_t> before, now, power_before, power_now;
    for (const Row& r : *rows_) {
      if (r.uscc != uscc) continue;
      if (r.indicator == "output_value" && r.period == last - 12) before = r.value;
      if (r.indicator == "output_value" && r.period == last) now = r.value;
      if (r.indicator == "electricity" && r.period == last - 12) power_before = r.value;
      if (r.indicator == "electricity" && r.period == last) power_now = r.value;
    }
    // A reported zero against a year-ago month far above the stoppage rule's 500 万元 floor.
    ASSERT_TRUE(before && now) << uscc;
    EXPECT_EQ(*now, 0) << uscc;
    EXPECT_GT(*before, 5000) << uscc;  // tenths of 万元
    ASSERT_TRUE(power_before && power_now) << uscc;
    EXPECT_LT(*power_now, *power_before / 5) << uscc;
  }
  EXPECT_EQ(prefectures.size(), 3u);
}

TEST_F(GenTest, ElectricityTracksOutput) {
  std::map<std::pair<std::string, Period>, double> output;
  for (const Row& r : *rows_) {
    if (r.indicator == "output_value" && *r.value > 0)
      output[{r.uscc, r.period}] = std::log(*r.value);
  }
  // Pearson correlation of log electricity with log output: across all enterprise-months, and
  // within enterprises (each one's mean removed), where only the monthly movements count.
  std::map<std::string, std::vector<std::pair<double, double>>> pairs;
  for (const Row& r : *rows_) {
    if (r.indicator != "electricity" || *r.value <= 0) continue;
    auto it = output.find({r.uscc, r.period});
    if (it != output.end()) pairs[r.uscc].emplace_back(it->second, std::log(*r.value));
  }
  auto correlation = [&](bool within) {
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (const auto& [uscc, xy] : pairs) {
      double mx = 0, my = 0;
      for (const auto& [x, y] : xy) mx += x / xy.size(), my += y / xy.size();
      for (auto [x, y] : xy) {
        if (within) x -= mx, y -= my;
        n += 1, sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
      }
    }
    EXPECT_GT(n, 1000);
    return (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  };
  EXPECT_GT(correlation(false), 0.6);  // industries differ in intensity by a factor of 50
  EXPECT_GT(correlation(true), 0.7);
  // Over time as well: the province totals move together month by month.
  auto out = Totals("output_value", [](const Row&) { return true; });
  auto elec = Totals("electricity", [](const Row&) { return true; });
  double up_together = 0, steps = 0;
  for (auto it = std::next(out.begin()); it != out.end(); ++it) {
    double d_out = it->second - std::prev(it)->second;
    double d_elec = elec[it->first] - elec[std::prev(it)->first];
    up_together += (d_out > 0) == (d_elec > 0);
    steps += 1;
  }
  EXPECT_GT(up_together / steps, 0.75);
}

TEST_F(GenTest, FinancialStructureIsPlausible) {
  // Year 2024 as a whole (December ytd), for enterprises reporting then.
  double revenue = 0, cost = 0, profit = 0, sales = 0, output = 0;
  int losses = 0, reporting = 0;
  for (const Row& r : *rows_) {
    if (r.period != MakePeriod(2024, 12)) continue;
    if (r.indicator == "revenue") revenue += *r.ytd;
    if (r.indicator == "cost") cost += *r.ytd;
    if (r.indicator == "sales_value") sales += *r.ytd;
    if (r.indicator == "output_value") output += *r.ytd;
    if (r.indicator == "profit") {
      profit += *r.ytd;
      losses += *r.ytd < 0;
      ++reporting;
    }
  }
  EXPECT_GT(sales / output, 0.95);
  EXPECT_LT(sales / output, 1.0);
  EXPECT_GT(cost / revenue, 0.78);
  EXPECT_LT(cost / revenue, 0.92);
  EXPECT_GT(profit / revenue, 0.02);
  EXPECT_LT(profit / revenue, 0.12);
  EXPECT_GT(losses, reporting * 5 / 100);
  EXPECT_LT(losses, reporting * 35 / 100);
}

TEST(GenCalendar, SpringFestivalDipsTheRightMonth) {
  EXPECT_EQ(SpringFestival(2024).month, 2);
  EXPECT_EQ(SpringFestival(2024).day, 10);
  EXPECT_EQ(SpringFestival(2023).day, 22);
  // 2023: festival on 22 January, so January dips; 2024: 10 February, so February does.
  EXPECT_LT(SeasonFactor(SeasonClass::kNormal, 2023, 1),
            SeasonFactor(SeasonClass::kNormal, 2024, 1));
  EXPECT_LT(SeasonFactor(SeasonClass::kNormal, 2024, 2), 0.8);
  EXPECT_GT(SeasonFactor(SeasonClass::kNormal, 2024, 3), 1.0);
  EXPECT_GT(SeasonFactor(SeasonClass::kNormal, 2024, 12),
            SeasonFactor(SeasonClass::kNormal, 2024, 11));
  EXPECT_GT(SeasonFactor(SeasonClass::kContinuous, 2024, 2),
            SeasonFactor(SeasonClass::kLabour, 2024, 2));
}

TEST(GenOptions, ErrorsAndVariants) {
  auto catalog = Catalog::Embedded();
  ASSERT_TRUE(catalog.ok());
  fs::path dir = TempDir("options");
  Options o = SmallOptions();
  o.enterprises = 40;
  o.months = 3;
  o.first = MakePeriod(2024, 1);
  Options bad = o;
  bad.province = "411500";
  EXPECT_FALSE(WriteCsv(*catalog, bad, dir.string()).ok());
  bad = o;
  bad.indicators = {"profit_margin"};
  EXPECT_FALSE(WriteCsv(*catalog, bad, dir.string()).ok());
  bad.indicators = {"nonesuch"};
  EXPECT_FALSE(WriteCsv(*catalog, bad, dir.string()).ok());
  bad = o;
  bad.collapse_city = "320100";  // not in Henan
  EXPECT_FALSE(WriteCsv(*catalog, bad, dir.string()).ok());

  // A subset of indicators, financial figures every month, no collapse.
  Options v = o;
  v.indicators = {"profit", "employees"};
  v.financial_from_jan_feb = false;
  v.collapse_city = "-";
  auto s = WriteCsv(*catalog, v, dir.string());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->collapse_city, "");
  std::set<std::string> indicators;
  int january_profit = 0;
  for (const auto& line : Lines(ReadFile(s->files[1]))) {
    auto f = SplitSimpleCsvLine(line);
    if (f[0] == "uscc") continue;
    indicators.insert(std::string(f[2]));
    january_profit += f[2] == "profit" && !f[3].empty();
  }
  EXPECT_EQ(indicators, (std::set<std::string>{"profit", "employees"}));
  EXPECT_GT(january_profit, 0);

  // A whole-country run spreads over many provinces.
  Options n = o;
  n.province = "";
  n.enterprises = 2000;
  n.months = 1;
  s = WriteCsv(*catalog, n, dir.string());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::set<std::string> provinces;
  for (const auto& line : Lines(ReadFile(s->files[0]))) {
    auto f = SplitSimpleCsvLine(line);
    if (f[0] != "uscc") provinces.insert(std::string(f[2]).substr(0, 2));
  }
  EXPECT_GT(provinces.size(), 20u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ballast::gen
