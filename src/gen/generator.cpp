#include "gen/generator.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

#include "gen/csv_out.h"
#include "gen/model.h"
#include "gen/random.h"
#include "gen/roster.h"
#include "gen/tables.h"

namespace ballast::gen {

namespace {

struct Column {
  std::string code;
  Measure measure;
  bool stock, financial;
};

Result<std::vector<Column>> ResolveColumns(const Catalog& catalog, const Options& o) {
  auto modelled = [](std::string_view code) {
    for (int m = 0; m < kMeasureCount; ++m) {
      if (code == MeasureCode(static_cast<Measure>(m))) return m;
    }
    return -1;
  };
  std::vector<Column> out;
  auto add = [&](const Indicator& ind, int m) -> Status {
    bool stock = m >= kFlowMeasures;
    if (stock != (ind.kind == IndicatorKind::kStock)) {
      return Status::Internal("indicator '" + ind.code + "' has another kind in the catalog");
    }
    out.push_back({ind.code, static_cast<Measure>(m), stock, IsFinancial(static_cast<Measure>(m))});
    return Status::Ok();
  };
  if (o.indicators.empty()) {
    for (const auto& ind : catalog.indicators()) {
      int m = modelled(ind.code);
      if (!ind.derived() && m >= 0) RETURN_IF_ERROR(add(ind, m));
    }
  } else {
    for (const auto& code : o.indicators) {
      int i = catalog.FindIndicator(code);
      if (i < 0) return Status::NotFound("unknown indicator '" + code + "'");
      const Indicator& ind = catalog.indicators()[static_cast<size_t>(i)];
      if (ind.derived()) return Status::Invalid("'" + code + "' is derived, not reported");
      int m = modelled(code);
      if (m < 0) return Status::Invalid("the generator does not model '" + code + "'");
      for (const auto& c : out) {
        if (c.code == code) return Status::Invalid("indicator '" + code + "' given twice");
      }
      RETURN_IF_ERROR(add(ind, m));
    }
  }
  if (out.empty()) return Status::Invalid("no indicators to generate");
  return out;
}

Status Validate(const Options& o) {
  if (o.enterprises < 1 || o.enterprises > 50'000'000) {
    return Status::Invalid("enterprises must be within 1..50,000,000");
  }
  if (o.months < 1 || o.months > 1200) return Status::Invalid("months must be within 1..1200");
  if (PeriodYear(o.first) < 1900 || PeriodYear(o.first + o.months - 1) > 2199) {
    return Status::Invalid("periods must lie within 1900..2199");
  }
  return Status::Ok();
}

Status WriteEnterprises(const Catalog& catalog, const Roster& roster, uint64_t seed,
                        const std::string& path) {
  BufferedFile file;
  RETURN_IF_ERROR(file.Open(path));
  file.Append("uscc,name,region,industry,size,tags,entered,exited\n");
  // Names come from their own stream so that they do not shift any other draw.
  Rng rng(seed ^ 0x6e616d6573ULL);
  const CodeTree& regions = catalog.regions();
  const CodeTree& industries = catalog.industries();
  std::string line;
  for (const Firm& f : roster.firms) {
    line.assign(f.uscc.data(), f.uscc.size());
    line += ',';
    line += FirmName(regions, f, rng);
    line += ',';
    line += regions.node(f.region).code;
    line += ',';
    line += industries.node(f.industry).code;
    line += ',';
    line += SizeName(f.size);
    line += ',';
    AppendTags(f.tags, &line);
    // The roster: entrants from the January they first report; exits to the December before
    // the January they stop (the initial roster was on it before the run: empty).
    line += ',';
    if (&f - roster.firms.data() >= static_cast<std::ptrdiff_t>(roster.initial))
      line += FormatPeriod(MakePeriod(f.entry_year, 1));
    line += ',';
    if (f.exit_year != 0) line += FormatPeriod(MakePeriod(f.exit_year - 1, 12));
    line += '\n';
    file.Append(line);
  }
  return file.Close();
}

// Ex-factory price indices (same month of the previous year = 100) by division and for BCD (the
// divisions' mean weighted by gross output): an AR(1) around a division's own level, process
// industries (mining, chemicals, metals) swinging more. Own random stream: no other draw shifts.
Status WritePrices(const Options& o, const std::string& path) {
  BufferedFile file;
  RETURN_IF_ERROR(file.Open(path));
  file.Append("industry,period,index\n");
  Rng rng(o.seed ^ 0x7072696365ULL);
  const auto& divisions = Divisions();
  ASSIGN_OR_RETURN(std::vector<double> weights, DivisionWeights());
  std::vector<double> level(divisions.size()), now(divisions.size()), sd(divisions.size());
  for (size_t d = 0; d < divisions.size(); ++d) {
    const bool process = divisions[d].season == SeasonClass::kContinuous;
    sd[d] = process ? 1.6 : 0.5;
    level[d] = rng.Normal(0.0, process ? 3.0 : 1.0);
    now[d] = level[d] + rng.Normal(0.0, sd[d] * 2.0);
  }
  const Period last = o.first + o.months - 1;
  char buf[64];
  for (Period p = o.first; p <= last; ++p) {
    const std::string period = FormatPeriod(p);
    double sum = 0, weight = 0;
    for (size_t d = 0; d < divisions.size(); ++d) {
      now[d] = level[d] + 0.85 * (now[d] - level[d]) + rng.Normal(0.0, sd[d]);
      const double index = std::clamp(100.0 + now[d], 70.0, 140.0);
      sum += weights[d] * index;
      weight += weights[d];
      std::snprintf(buf, sizeof buf, ",%s,%.1f\n", period.c_str(), index);
      file.Append(std::string(divisions[d].code) + buf);
    }
    std::snprintf(buf, sizeof buf, "BCD,%s,%.1f\n", period.c_str(), sum / weight);
    file.Append(buf);
  }
  return file.Close();
}

// Streams the observation files, one per month; per-enterprise state is the running ytd only.
class ObservationWriter {
 public:
  ObservationWriter(const Options& o, const Roster& roster, const World& world,
                    std::vector<Column> columns)
      : o_(o),
        roster_(roster),
        world_(world),
        columns_(std::move(columns)),
        ytd_(roster.firms.size(), Flows{}) {}

  // Sums January..the month before the first period for the enterprises already reporting, and
  // the same a year earlier for their 上年同期 figures.
  void StartMidYear() {
    const Period jan = MakePeriod(PeriodYear(o_.first), 1);
    MonthValues v;
    if (o_.priors_before_run) initial_prior_ytd_.assign(roster_.initial, Flows{});
    for (size_t i = 0; i < roster_.initial; ++i) {
      for (Period p = jan; p < o_.first; ++p) {
        world_.Evaluate(roster_.firms[i], p, &v);
        for (int m = 0; m < kFlowMeasures; ++m) ytd_[i][m] += v[m];
        if (!o_.priors_before_run) continue;
        world_.Evaluate(roster_.firms[i], p - 12, &v);
        for (int m = 0; m < kFlowMeasures; ++m) initial_prior_ytd_[i][m] += v[m];
      }
    }
  }

  Status WriteMonth(Period p, const std::string& path, int64_t* rows);

 private:
  using Flows = std::array<int64_t, kFlowMeasures>;

  const Options& o_;
  const Roster& roster_;
  const World& world_;
  std::vector<Column> columns_;
  std::vector<Flows> ytd_;
  std::vector<Flows> prior_ytd_;  // the current year's entrant cohort, by offset in the cohort
  std::vector<Flows> initial_prior_ytd_;  // the initial roster, while p − 12 is before the run
};

Status ObservationWriter::WriteMonth(Period p, const std::string& path, int64_t* rows) {
  const int year = PeriodYear(p), month = PeriodMonth(p);
  const Cohort* cohort = nullptr;
  if (o_.entrant_priors) {
    for (const auto& c : roster_.cohorts) {
      if (c.year == year) cohort = &c;
    }
  }
  if (cohort != nullptr && month == 1) prior_ytd_.assign(cohort->end - cohort->begin, Flows{});

  BufferedFile file;
  RETURN_IF_ERROR(file.Open(path));
  file.Append("uscc,period,indicator,value,ytd,prior,prior_ytd\n");
  const bool jan_feb = o_.financial_from_jan_feb;
  char prefix[32];
  const std::string period = FormatPeriod(p);
  MonthValues v, pv;
  int64_t count = 0;
  for (size_t i = 0; i < roster_.firms.size(); ++i) {
    const Firm& f = roster_.firms[i];
    if (f.entry_year > year || (f.exit_year != 0 && year >= f.exit_year)) continue;
    world_.Evaluate(f, p, &v);
    Flows& ytd = ytd_[i];
    if (month == 1) ytd.fill(0);
    for (int m = 0; m < kFlowMeasures; ++m) ytd[m] += v[m];
    Flows* pytd = nullptr;
    if (cohort != nullptr && i >= cohort->begin && i < cohort->end) {
      pytd = &prior_ytd_[i - cohort->begin];
    } else if (o_.priors_before_run && i < roster_.initial && p - 12 < o_.first) {
      // The year-ago month is not in the run: the form's 上年同期 is the only base there is.
      pytd = &initial_prior_ytd_[i];
      if (month == 1) pytd->fill(0);
    }
    if (pytd != nullptr) {
      world_.Evaluate(f, p - 12, &pv);
      for (int m = 0; m < kFlowMeasures; ++m) (*pytd)[m] += pv[m];
    }
    std::memcpy(prefix, f.uscc.data(), 18);
    prefix[18] = ',';
    std::memcpy(prefix + 19, period.data(), 7);
    prefix[26] = ',';

    for (const Column& c : columns_) {
      const bool ytd_only = c.financial && jan_feb && month == 2;
      if (c.financial && jan_feb && month == 1) continue;  // no January financial report
      const bool persons = c.measure == kEmployees;
      char* q = file.Reserve(27 + c.code.size() + 4 * 24 + 8);
      std::memcpy(q, prefix, 27);
      q += 27;
      std::memcpy(q, c.code.data(), c.code.size());
      q += c.code.size();
      *q++ = ',';
      if (!ytd_only) q = persons ? WriteInt(q, v[c.measure]) : WriteTenths(q, v[c.measure]);
      *q++ = ',';
      if (!c.stock) q = WriteTenths(q, ytd[c.measure]);
      *q++ = ',';
      if (pytd != nullptr && !ytd_only) {
        q = persons ? WriteInt(q, pv[c.measure]) : WriteTenths(q, pv[c.measure]);
      }
      *q++ = ',';
      if (pytd != nullptr && !c.stock) q = WriteTenths(q, (*pytd)[c.measure]);
      *q++ = '\n';
      file.Commit(q);
      ++count;
    }
  }
  RETURN_IF_ERROR(file.Close());
  *rows += count;
  return Status::Ok();
}

// The largest stoppages the default warning list must put on top: the three largest enterprises
// (by base output) still reporting in the last month, outside the collapse city, one per
// prefecture.
void PlantStoppages(const Catalog& catalog, Period last, Roster* roster, Summary* summary) {
  std::vector<Firm*> candidates;
  for (Firm& f : roster->firms) {
    const bool reports_last = f.exit_year == 0 || f.exit_year > PeriodYear(last);
    if (!f.in_collapse && reports_last && f.entry_year < PeriodYear(last)) candidates.push_back(&f);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Firm* a, const Firm* b) { return a->log_base > b->log_base; });
  std::set<std::string> prefectures;
  for (Firm* f : candidates) {
    const std::string prefecture = catalog.regions().node(f->region).code.substr(0, 4);
    if (!prefectures.insert(prefecture).second) continue;
    f->stops_last = true;
    summary->stoppages.emplace_back(f->uscc.data(), 18);
    if (summary->stoppages.size() == 3) break;
  }
}

}  // namespace

Result<Summary> WriteCsv(const Catalog& catalog, const Options& options, const std::string& dir) {
  RETURN_IF_ERROR(Validate(options));
  ASSIGN_OR_RETURN(std::vector<Column> columns, ResolveColumns(catalog, options));
  Rng rng(options.seed);
  ASSIGN_OR_RETURN(Roster roster, BuildRoster(catalog, options, rng));
  ASSIGN_OR_RETURN(NodeId collapse, ChooseCollapseCity(catalog, options, roster));
  Summary summary;
  if (collapse != kNoNode) {
    summary.collapse_first = ChooseCollapseMonths(options.first, options.months);
    if (summary.collapse_first != 0) {
      summary.collapse_city = catalog.regions().node(collapse).code;
      for (Firm& f : roster.firms) f.in_collapse = catalog.regions().Contains(collapse, f.region);
    }
  }
  const Period last = options.first + options.months - 1;
  if (summary.collapse_first != 0) PlantStoppages(catalog, last, &roster, &summary);
  const World world(options.first, MakePeriod(PeriodYear(options.first), 1), last,
                    summary.collapse_first, rng);

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Io("cannot create directory " + dir + ": " + ec.message());
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  summary.enterprises = static_cast<int64_t>(roster.firms.size());
  summary.files.push_back(base + "enterprises.csv");
  RETURN_IF_ERROR(WriteEnterprises(catalog, roster, options.seed, summary.files.back()));

  summary.prices_file = base + "prices.csv";
  RETURN_IF_ERROR(WritePrices(options, summary.prices_file));

  ObservationWriter writer(options, roster, world, std::move(columns));
  writer.StartMidYear();
  for (Period p = options.first; p <= last; ++p) {
    summary.files.push_back(base + "observations_" + FormatPeriod(p) + ".csv");
    RETURN_IF_ERROR(writer.WriteMonth(p, summary.files.back(), &summary.observation_rows));
  }
  return summary;
}

}  // namespace ballast::gen
