#include "warn/evaluator.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "engine/measure_context.h"
#include "engine/measures.h"
#include "engine/roster.h"
#include "warn/rule_eval.h"

namespace ballast::warn {

using detail::Carriable;
using detail::Carry;
using detail::Compiled;
using detail::DataPeriods;
using detail::EvaluateCells;
using detail::EvaluateRule;
using detail::InAny;
using detail::kMaxStreak;
using detail::LatestPeriod;
using detail::MemoKey;

namespace {

constexpr int kMissingLookback = 12;  // a subject silent for longer is no longer a reporter

// Resolves the rule's codes against the catalog; a bad code is a problem, not a crash.
Result<Compiled> Compile(const Rule& r, const Catalog& cat) {
  Compiled c;
  if (!r.indicator.empty()) {
    c.indicator = cat.FindIndicator(r.indicator);
    if (c.indicator < 0)
      return Status::Invalid("rule '" + r.id + "': unknown indicator '" + r.indicator + "'");
    const bool derived = cat.indicators()[static_cast<size_t>(c.indicator)].derived();
    if (derived && r.subject == SubjectKind::kEnterprise) {
      return Status::Invalid("rule '" + r.id + "': enterprise rules need a base indicator, not '" +
                             r.indicator + "'");
    }
  }
  for (const auto& code : r.filters.regions) {
    NodeId n = cat.regions().Find(code);
    if (n == kNoNode) return Status::Invalid("rule '" + r.id + "': unknown region '" + code + "'");
    c.regions.push_back(n);
  }
  for (const auto& code : r.filters.industries) {
    NodeId n = cat.FindIndustry(code);
    if (n == kNoNode)
      return Status::Invalid("rule '" + r.id + "': unknown industry '" + code + "'");
    c.industries.push_back(n);
  }
  for (const auto& s : r.filters.sizes) {
    if (s == "large")
      c.sizes.push_back(EnterpriseSize::kLarge);
    else if (s == "medium")
      c.sizes.push_back(EnterpriseSize::kMedium);
    else if (s == "small")
      c.sizes.push_back(EnterpriseSize::kSmall);
    else if (s == "micro")
      c.sizes.push_back(EnterpriseSize::kMicro);
    else
      return Status::Invalid("rule '" + r.id + "': unknown size '" + s + "'");
  }
  return c;
}

bool PassesEnterprise(const Panel& panel, const Rule& r, const Compiled& c, uint32_t e) {
  const PanelEnterprise& ent = panel.enterprise(e);
  const Catalog& cat = panel.catalog();
  if (!InAny(cat.regions(), c.regions, ent.region)) return false;
  if (!InAny(cat.industries(), c.industries, ent.industry)) return false;
  if (!c.sizes.empty() && std::find(c.sizes.begin(), c.sizes.end(), ent.size) == c.sizes.end())
    return false;
  if (!r.filters.tags.empty()) {
    bool any = false;
    for (const auto& t : r.filters.tags)
      any |= std::find(ent.tags.begin(), ent.tags.end(), t) != ent.tags.end();
    if (!any) return false;
  }
  return true;
}

// Whether the enterprise is expected to report for the period: not off the above-scale roster
// (entered/exited, engine/roster.h), so that a roster exit never raises a missing-report alert.
bool ExpectedToReport(const Panel& panel, uint32_t enterprise, Period period) {
  return OnRoster(panel.enterprise(enterprise), period);
}

// The figures an enterprise rule reads at a period, and at January for the January–February rule.
struct Figures {
  EnterpriseFigures now, january;
};

// The enterprises a pass visits: every one, or the listed ones (an incremental evaluation's).
struct Visit {
  const std::vector<uint32_t>* only = nullptr;
  size_t n = 0;
  template <class F>
  void operator()(F&& f) const {
    if (only != nullptr) {
      for (uint32_t e : *only) f(e);
    } else {
      for (uint32_t e = 0; e < n; ++e) f(e);
    }
  }
};

// out[e] = the compared value of an enterprise rule at p (NaN = not applicable), for the
// enterprises `visit` visits.
void EnterpriseValues(const Panel& panel, const Rule& r, int ind, Period p, const Visit& visit,
                      std::vector<double>* out, Figures* fig) {
  const size_t n = panel.num_enterprises();
  out->assign(n, kMissing);
  EnterpriseFigures* f = &fig->now;
  switch (r.check) {
    case Check::kMeasure: {
      const Measure m = *r.measure;  // Evaluate: enterprise measure rules have one
      // In February, yoy is monthly or cumulative enterprise by enterprise: read both.
      const bool jan_feb = ContextPeriodsFor({m}, p).january;
      if (jan_feb)
        fig->january.Load(panel, ind, p - 1, EnterpriseFigures::kX | EnterpriseFigures::kY);
      f->Load(panel, ind, p, EnterpriseMeasureParts(m, false) | EnterpriseMeasureParts(m, jan_feb));
      visit([&](uint32_t e) {
        const bool cumulative = jan_feb && EnterpriseJanFebCumulative(p, fig->january, e);
        if (auto v = EnterpriseMeasure(m, *f, e, cumulative, r.min_base)) (*out)[e] = *v;
      });
      return;
    }
    case Check::kStoppage: {
      f->Load(panel, ind, p, EnterpriseFigures::kMonthly);
      const double min_base = std::max(r.min_base, 0.0);
      visit([&](uint32_t e) {
        const double x = f->x()[e], b = f->bx()[e];
        if (std::isnan(x) || std::isnan(b) || b <= 0 || b < min_base) return;
        (*out)[e] = x;
      });
      return;
    }
    case Check::kTurnToLoss:
      f->Load(panel, ind, p, EnterpriseFigures::kCumulative);
      visit([&](uint32_t e) {
        const double y = f->y()[e], b = f->by()[e];
        if (!std::isnan(y) && !std::isnan(b) && y < 0 && b >= 0) (*out)[e] = y;
      });
      return;
    case Check::kRunRate: {
      f->Load(panel, ind, p, EnterpriseFigures::kY);
      const double months = PeriodMonth(p);
      visit([&](uint32_t e) {
        if (!std::isnan(f->y()[e])) (*out)[e] = f->y()[e] / months * 12;
      });
      return;
    }
    case Check::kMissing:
      return;  // counted over periods in EvaluateEnterprises
  }
}

// `only` (sorted), when given: the enterprises evaluated, the others left out. `index`, when
// given, receives the panel index of each finding.
void EvaluateEnterprises(size_t ri, const Rule& r, const Compiled& c, const Panel& panel,
                         const std::vector<uint32_t>* only, EvaluationResult* res,
                         std::vector<uint32_t>* index) {
  auto t = LatestPeriod(panel, c.indicator);
  if (!t) return;
  res->evaluated.insert(r.id);
  const size_t n = panel.num_enterprises();
  const Visit visit{only, n};
  std::vector<char> pass(n, 0);
  visit([&](uint32_t e) { pass[e] = PassesEnterprise(panel, r, c, e); });
  std::vector<int32_t> streak(n, 0);
  std::vector<double> now_value(n, kMissing);
  Figures figures;
  std::vector<double> v;
  if (r.check == Check::kMissing) {
    // value = consecutive data periods without a report, after a report within the lookback.
    auto periods = DataPeriods(panel, c.indicator, *t, kMissingLookback + 1);
    std::vector<char> done(n, 0);
    size_t open = 0;  // enterprises still counting back
    visit([&](uint32_t e) {
      pass[e] = pass[e] && ExpectedToReport(panel, e, *t);
      open += pass[e] ? 1 : 0;
    });
    for (Period q : periods) {
      if (open == 0) break;
      figures.now.Load(panel, c.indicator, q, EnterpriseFigures::kX | EnterpriseFigures::kY);
      const double *x = figures.now.x(), *y = figures.now.y();
      visit([&](uint32_t e) {
        if (!pass[e] || done[e]) return;
        // Off the above-scale roster nobody expects a report: no alert (engine/roster.h).
        if (!OnRoster(panel.enterprise(e), q)) {
          done[e] = 1;
          --open;
          return;
        }
        const bool reported = !std::isnan(x[e]) || !std::isnan(y[e]);
        if (reported) {
          done[e] = 1;
          --open;
          if (streak[e] > 0) now_value[e] = streak[e];
        } else {
          ++streak[e];
        }
      });
    }
  } else {
    // The true streak, not capped at `for`: walk back while anyone's condition still holds.
    auto periods = DataPeriods(panel, c.indicator, *t, kMaxStreak);
    for (size_t k = 0; k < periods.size(); ++k) {
      EnterpriseValues(panel, r, c.indicator, periods[k], visit, &v, &figures);
      size_t alive = 0;
      visit([&](uint32_t e) {
        if (!pass[e] || streak[e] != static_cast<int32_t>(k)) return;
        if (Classify(r, v[e])) {
          ++streak[e];
          ++alive;
          if (k == 0) now_value[e] = v[e];
        }
      });
      if (alive == 0) break;
    }
  }
  const Catalog& cat = panel.catalog();
  const std::string period = FormatPeriod(*t);
  visit([&](uint32_t e) {
    if (std::isnan(now_value[e])) return;
    auto level = Classify(r, now_value[e]);
    if (!level) return;
    const PanelEnterprise& ent = panel.enterprise(e);
    Finding f;
    f.rule = ri;
    f.subject_key = ent.uscc;
    f.subject_name = ent.name;
    if (ent.region != kNoNode) f.region = cat.regions().node(ent.region).code;
    if (ent.industry != kNoNode) f.industry = cat.industries().node(ent.industry).code;
    f.level = level->level;
    f.threshold = level->value;
    f.value = now_value[e];
    f.streak = streak[e];
    f.period = period;
    f.firing = r.check == Check::kMissing || streak[e] >= r.for_periods;
    res->findings.push_back(std::move(f));
    if (index != nullptr) index->push_back(e);
  });
}

void EvaluateExternal(size_t ri, const Rule& r, const std::vector<ExternalSubject>& subjects,
                      const Catalog* cat, const Compiled& c, EvaluationResult* res) {
  res->evaluated.insert(r.id);
  for (const auto& s : subjects) {
    if (s.kind != r.subject) continue;
    if (!r.filters.subjects.empty() &&
        std::find(r.filters.subjects.begin(), r.filters.subjects.end(), s.key) ==
            r.filters.subjects.end()) {
      continue;
    }
    if (!c.regions.empty() &&
        (cat == nullptr || !InAny(cat->regions(), c.regions, cat->regions().Find(s.region)))) {
      continue;
    }
    const std::vector<SeriesPoint>* series = nullptr;
    for (const auto& [name, points] : s.series) {
      if (name == r.series) series = &points;
    }
    if (series == nullptr || series->empty()) continue;
    Finding f;
    for (size_t k = 0; k < series->size() && f.streak < kMaxStreak; ++k) {
      const SeriesPoint& p = (*series)[series->size() - 1 - k];
      auto level = Classify(r, p.value);
      if (!level) break;
      if (k == 0) {
        f.level = level->level;
        f.threshold = level->value;
        f.value = p.value;
      }
      ++f.streak;
    }
    if (f.streak == 0) continue;
    f.rule = ri;
    f.subject_key = s.key;
    f.subject_name = s.name;
    f.region = s.region;
    f.units = s.units;
    f.period = series->back().period;
    f.firing = f.streak >= r.for_periods;
    res->findings.push_back(std::move(f));
  }
}

std::string_view LevelZh(Level l) {
  switch (l) {
    case Level::kRed:
      return "红色";
    case Level::kOrange:
      return "橙色";
    case Level::kYellow:
      return "黄色";
    case Level::kBlue:
      return "蓝色";
    case Level::kNone:
      break;
  }
  return "";
}

}  // namespace

namespace detail {

EvaluationResult EvaluateRule(size_t i, const Rule& r, const EvaluationInput& in,
                              const std::vector<uint32_t>* moved, std::vector<uint32_t>* index,
                              std::vector<uint32_t>* redone, const KeptAtomSums* before,
                              std::shared_ptr<const KeptAtomSums>* kept) {
  EvaluationResult res;
  const Catalog* cat = in.panel ? &in.panel->catalog() : nullptr;
  if (!r.enabled) return res;
  const bool external = IsExternal(r.subject);
  if (!external && (in.panel == nullptr || in.query == nullptr)) return res;
  if (!external && r.check == Check::kMeasure && !r.measure) {  // built without ParseRuleJson
    res.problems.push_back("rule '" + r.id + "': no measure");
    return res;
  }
  Compiled c;
  if (cat != nullptr) {
    auto compiled = Compile(r, *cat);
    if (!compiled.ok()) {
      res.problems.push_back(compiled.status().message());
      return res;
    }
    c = std::move(compiled).value();
  }
  if (external) {
    EvaluateExternal(i, r, in.externals, cat, c, &res);
  } else if (r.subject == SubjectKind::kEnterprise) {
    EvaluateEnterprises(i, r, c, *in.panel, moved, &res, index);
    if (redone != nullptr && moved != nullptr) *redone = *moved;
  } else {
    EvaluateCells(i, r, c, *in.panel, *in.query, moved, &res, index, redone, before, kept);
  }
  return res;
}

}  // namespace detail

namespace {

// A rough cost, so that the longest rules start first: industries evaluated in every region
// frame, then other cells, then enterprises, then outside series.
int Cost(const Rule& r) {
  if (IsExternal(r.subject)) return 0;
  if (r.subject == SubjectKind::kEnterprise) return 1;
  return r.region_levels.empty() ? 2 : 3;
}

}  // namespace

EvaluationResult Evaluate(const std::vector<Rule>& rules, const EvaluationInput& in,
                          EvaluationMemo* memo) {
  // Rules read the panel and the query only (both safe to share), so they run side by side; the
  // results are joined in rule order, which keeps the findings' order what one thread gives.
  std::vector<detail::RulePart> parts(rules.size());
  std::vector<size_t> order(rules.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return Cost(rules[a]) > Cost(rules[b]); });
  // Two rules of one id (not from the store, where an id names one rule) are never carried.
  std::set<std::string> seen, twice;
  for (const auto& r : rules) {
    if (!seen.insert(r.id).second) twice.insert(r.id);
  }
  auto kept = [&](const Rule& r) {
    return in.panel != nullptr && detail::Memorable(r) && twice.count(r.id) == 0;
  };
  ParallelFor(order.size(), in.threads, [&](size_t k) {
    const size_t i = order[k];
    const Rule& r = rules[i];
    detail::RulePart& part = parts[i];
    if (!kept(r) || (memo == nullptr && in.previous == nullptr)) {
      part.result = EvaluateRule(i, r, in, nullptr, nullptr, nullptr);
      return;
    }
    part.rule = MemoKey(r);
    if (const EvaluationMemo::Part* before = Carriable(r, part.rule, in)) {
      part = Carry(i, r, *before, in);
    } else {
      part.result = EvaluateRule(i, r, in, nullptr, &part.subject, nullptr, nullptr, &part.atoms);
    }
  });
  if (memo != nullptr) {
    memo->parts.clear();
    memo->findings.clear();
    memo->enterprises = in.panel != nullptr ? in.panel->EnterprisesToken() : nullptr;
  }
  EvaluationResult res;
  size_t total = 0;
  bool used_up = false;  // findings were moved out of the previous memo
  for (const auto& part : parts) {
    total += part.result.findings.size();
    used_up = used_up || part.result.carried > 0;
  }
  // One move of each finding (230,000 nationally, 55 MB), into the previous evaluation's
  // buffer rather than pages the kernel must map again.
  if (used_up && in.previous->findings.capacity() >= total) {
    res.findings = std::move(in.previous->findings);
    res.findings.clear();
  }
  res.findings.reserve(total);
  if (used_up) res.was.reserve(total);
  for (size_t i = 0; i < parts.size(); ++i) {
    EvaluationResult& part = parts[i].result;
    if (used_up) {
      if (part.was.empty()) part.was.assign(part.findings.size(), -1);
      res.was.insert(res.was.end(), part.was.begin(), part.was.end());
    }
    if (memo != nullptr && kept(rules[i]) && part.problems.empty()) {
      EvaluationMemo::Part& m = memo->parts[rules[i].id];
      m.rule = std::move(parts[i].rule);
      m.evaluated = part.evaluated;
      m.offset = res.findings.size();
      m.subject = std::move(parts[i].subject);
      m.atoms = std::move(parts[i].atoms);
    }
    res.findings.insert(res.findings.end(), std::make_move_iterator(part.findings.begin()),
                        std::make_move_iterator(part.findings.end()));
    res.evaluated.merge(part.evaluated);
    res.problems.insert(res.problems.end(), part.problems.begin(), part.problems.end());
    res.carried += part.carried;
  }
  return res;
}

// Fills the template's fields as FormatMessage would from the map of every field, computing
// only those the template names (an evaluation formats two messages per finding: hundreds of
// thousands nationally).
std::string FindingMessage(const Rule& r, const Finding& f, bool zh, const Catalog* catalog) {
  auto value = [&](bool absolute) {
    // Missing reports and project series count months or days: "已连续10个月", never "10.0个月".
    if (r.check == Check::kMissing || r.subject == SubjectKind::kProject)
      return std::to_string(static_cast<int64_t>(std::llround(f.value)));
    return FormatNumber(absolute ? std::fabs(f.value) : f.value);
  };
  auto level = [&]() {
    return zh ? std::string(LevelZh(f.level)) : std::string(LevelName(f.level));
  };
  const std::string& tmpl = zh ? r.message_zh : r.message_en;
  if (tmpl.empty()) return f.subject_name + " " + r.id + " " + value(false) + " (" + level() + ")";
  auto field = [&](std::string_view name, std::string* out) {
    if (name == "subject") {
      *out += f.subject_name;
    } else if (name == "code") {
      *out += f.subject_key;
    } else if (name == "value" || name == "abs_value") {
      *out += value(name == "abs_value");
    } else if (name == "threshold") {
      *out += FormatNumber(f.threshold);
    } else if (name == "period") {
      *out += f.period;
    } else if (name == "level") {
      *out += level();
    } else if (name == "streak") {
      *out += std::to_string(f.streak);
    } else if (name == "indicator") {
      std::string indicator = r.indicator;
      if (catalog != nullptr && !r.indicator.empty()) {
        const int i = catalog->FindIndicator(r.indicator);
        if (i >= 0) {
          const Indicator& ind = catalog->indicators()[static_cast<size_t>(i)];
          indicator = zh ? ind.name_zh : ind.name_en;
        }
      }
      *out += indicator;
    } else if (name == "target") {
      // An industry within a region ("13@410000") has the industry's target.
      if (auto t = TargetFor(r, f.subject_key.substr(0, f.subject_key.find('@'))))
        *out += FormatNumber(*t);
    } else {
      return false;
    }
    return true;
  };
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close != std::string::npos &&
          field(std::string_view(tmpl).substr(i + 1, close - i - 1), &out)) {
        i = close;
        continue;
      }
    }
    out += tmpl[i];
  }
  return out;
}

}  // namespace ballast::warn
