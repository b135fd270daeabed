#include "warn/evaluator.h"

#include <algorithm>
#include <cmath>

#include "engine/measure_context.h"
#include "engine/measures.h"
#include "engine/roster.h"

namespace ballast::warn {

namespace {

constexpr int kMissingLookback = 12;  // a subject silent for longer is no longer a reporter
// How far back a streak is counted (months of data): longer runs read "36 months or more".
constexpr int kMaxStreak = 36;

struct Compiled {
  int indicator = -1;
  std::vector<NodeId> regions, industries;
  std::vector<EnterpriseSize> sizes;
};

bool InAny(const CodeTree& tree, const std::vector<NodeId>& roots, NodeId node) {
  if (roots.empty()) return true;
  if (node == kNoNode) return false;
  for (NodeId r : roots) {
    if (tree.Contains(r, node)) return true;
  }
  return false;
}

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

// The latest period with data for the indicator, or nullopt.
std::optional<Period> LatestPeriod(const Panel& panel, int indicator) {
  if (panel.empty()) return std::nullopt;
  for (Period p = panel.last_period(); p >= panel.first_period(); --p) {
    if (panel.HasData(indicator, p)) return p;
  }
  return std::nullopt;
}

// The data periods from t backwards (periods nobody reported, such as January for the
// financial forms, are skipped: they are no evidence either way), at most `count`.
std::vector<Period> DataPeriods(const Panel& panel, int indicator, Period t, int count) {
  std::vector<Period> out;
  for (Period p = t; p >= panel.first_period() && static_cast<int>(out.size()) < count; --p) {
    if (panel.HasData(indicator, p)) out.push_back(p);
  }
  return out;
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

// out[e] = the compared value of an enterprise rule at p (NaN = not applicable).
void EnterpriseValues(const Panel& panel, const Rule& r, int ind, Period p,
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
      for (size_t e = 0; e < n; ++e) {
        const bool cumulative = jan_feb && EnterpriseJanFebCumulative(p, fig->january, e);
        if (auto v = EnterpriseMeasure(m, *f, e, cumulative, r.min_base)) (*out)[e] = *v;
      }
      return;
    }
    case Check::kStoppage: {
      f->Load(panel, ind, p, EnterpriseFigures::kMonthly);
      const double min_base = std::max(r.min_base, 0.0);
      for (size_t e = 0; e < n; ++e) {
        const double x = f->x()[e], b = f->bx()[e];
        if (std::isnan(x) || std::isnan(b) || b <= 0 || b < min_base) continue;
        (*out)[e] = x;
      }
      return;
    }
    case Check::kTurnToLoss:
      f->Load(panel, ind, p, EnterpriseFigures::kCumulative);
      for (size_t e = 0; e < n; ++e) {
        const double y = f->y()[e], b = f->by()[e];
        if (!std::isnan(y) && !std::isnan(b) && y < 0 && b >= 0) (*out)[e] = y;
      }
      return;
    case Check::kRunRate: {
      f->Load(panel, ind, p, EnterpriseFigures::kY);
      const double months = PeriodMonth(p);
      for (size_t e = 0; e < n; ++e) {
        if (!std::isnan(f->y()[e])) (*out)[e] = f->y()[e] / months * 12;
      }
      return;
    }
    case Check::kMissing:
      return;  // counted over periods in EvaluateEnterprises
  }
}

void EvaluateEnterprises(size_t ri, const Rule& r, const Compiled& c, const Panel& panel,
                         EvaluationResult* res) {
  auto t = LatestPeriod(panel, c.indicator);
  if (!t) return;
  res->evaluated.insert(r.id);
  const size_t n = panel.num_enterprises();
  std::vector<char> pass(n);
  for (uint32_t e = 0; e < n; ++e) pass[e] = PassesEnterprise(panel, r, c, e);
  std::vector<int32_t> streak(n, 0);
  std::vector<double> now_value(n, kMissing);
  Figures figures;
  std::vector<double> v;
  if (r.check == Check::kMissing) {
    // value = consecutive data periods without a report, after a report within the lookback.
    auto periods = DataPeriods(panel, c.indicator, *t, kMissingLookback + 1);
    std::vector<char> done(n, 0);
    for (uint32_t e = 0; e < n; ++e) pass[e] = pass[e] && ExpectedToReport(panel, e, *t);
    for (Period q : periods) {
      figures.now.Load(panel, c.indicator, q, EnterpriseFigures::kX | EnterpriseFigures::kY);
      const double *x = figures.now.x(), *y = figures.now.y();
      for (uint32_t e = 0; e < n; ++e) {
        if (!pass[e] || done[e]) continue;
        // Off the above-scale roster nobody expects a report: no alert (engine/roster.h).
        if (!OnRoster(panel.enterprise(e), q)) {
          done[e] = 1;
          continue;
        }
        const bool reported = !std::isnan(x[e]) || !std::isnan(y[e]);
        if (reported) {
          done[e] = 1;
          if (streak[e] > 0) now_value[e] = streak[e];
        } else {
          ++streak[e];
        }
      }
    }
  } else {
    // The true streak, not capped at `for`: walk back while anyone's condition still holds.
    auto periods = DataPeriods(panel, c.indicator, *t, kMaxStreak);
    for (size_t k = 0; k < periods.size(); ++k) {
      EnterpriseValues(panel, r, c.indicator, periods[k], &v, &figures);
      size_t alive = 0;
      for (uint32_t e = 0; e < n; ++e) {
        if (!pass[e] || streak[e] != static_cast<int32_t>(k)) continue;
        if (Classify(r, v[e])) {
          ++streak[e];
          ++alive;
          if (k == 0) now_value[e] = v[e];
        }
      }
      if (alive == 0) break;
    }
  }
  const Catalog& cat = panel.catalog();
  const std::string period = FormatPeriod(*t);
  for (uint32_t e = 0; e < n; ++e) {
    if (std::isnan(now_value[e])) continue;
    auto level = Classify(r, now_value[e]);
    if (!level) continue;
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
  }
}

// Region or industry cells: the measure (minus the target, when the rule has one). Subjects are
// (frame, node) pairs: the node at the rule's depth of its own dimension, the frame the fixed node
// of the other one. Industry rules with `region_levels` are also evaluated with each province or
// prefecture as the frame (subject key "code@region"), so that a province's analyst sees its own
// industries' alerts.
void EvaluateCells(size_t ri, const Rule& r, const Compiled& c, const Panel& panel,
                   const Query& query, EvaluationResult* res) {
  const Measure measure = *r.measure;  // Evaluate: region and industry rules have one
  auto t = LatestPeriod(panel, c.indicator);
  if (!t) return;
  const Catalog& cat = panel.catalog();
  const bool region_rule = r.subject == SubjectKind::kRegion;
  const CodeTree& tree = region_rule ? cat.regions() : cat.industries();
  const CodeTree& other = region_rule ? cat.industries() : cat.regions();
  const int32_t depth = r.level_of == "province" || r.level_of == "section"      ? 1
                        : r.level_of == "prefecture" || r.level_of == "division" ? 2
                                                                                 : 3;
  const NodeId fixed_region = c.regions.empty() ? cat.country() : c.regions[0];
  const NodeId fixed_industry = c.industries.empty() ? cat.all_industry() : c.industries[0];
  if (Status st = query.Validate({c.indicator, *t, fixed_region, fixed_industry}, {measure});
      !st.ok()) {
    res->problems.push_back("rule '" + r.id + "': " + st.message());
    return;
  }
  res->evaluated.insert(r.id);
  auto periods = DataPeriods(panel, c.indicator, *t, kMaxStreak);
  const std::vector<NodeId>& scope = region_rule ? c.regions : c.industries;
  // The nodes at the rule's depth within the filters, each an "atom" of enterprises.
  std::vector<NodeId> nodes;
  std::vector<int32_t> atom_of_node(tree.size(), -1);
  for (NodeId node = 0; node < static_cast<NodeId>(tree.size()); ++node) {
    if (tree.node(node).depth != depth) continue;
    if (!region_rule && !tree.Contains(cat.all_industry(), node)) continue;
    if (!InAny(tree, scope, node)) continue;
    atom_of_node[static_cast<size_t>(node)] = static_cast<int32_t>(nodes.size());
    nodes.push_back(node);
  }
  // Frame groups: the fixed node (-1), then each region depth the rule asks for.
  const NodeId fixed = region_rule ? fixed_industry : fixed_region;
  std::vector<int32_t> group_depths{-1};
  const bool batch = !NeedsParent(measure);
  if (!region_rule && batch) {
    for (const auto& level : r.region_levels) {
      const int32_t d = level == "province" ? 1 : level == "prefecture" ? 2 : 3;
      if (d > other.node(fixed).depth) group_depths.push_back(d);
    }
  }
  const Indicator& indicator = cat.indicators()[static_cast<size_t>(c.indicator)];
  for (int32_t group_depth : group_depths) {
    std::vector<NodeId> frames;
    std::vector<int32_t> frame_of_node(other.size(), -1);
    if (group_depth < 0) {
      frames.push_back(fixed);
    } else {
      for (NodeId n = 0; n < static_cast<NodeId>(other.size()); ++n) {
        if (other.node(n).depth != group_depth || !other.Contains(fixed, n)) continue;
        frame_of_node[static_cast<size_t>(n)] = static_cast<int32_t>(frames.size());
        frames.push_back(n);
      }
    }
    const size_t subjects = frames.size() * nodes.size();
    // One pass over the panel per period (the same sums and context as Query::Cell), rather than
    // one per subject; measures that compare with a parent cell go through Query::Cell.
    std::vector<int32_t> atom_of;
    if (batch) {
      atom_of.assign(panel.num_enterprises(), -1);
      for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
        const PanelEnterprise& ent = panel.enterprise(e);
        const NodeId own = region_rule ? ent.region : ent.industry,
                     cross = region_rule ? ent.industry : ent.region;
        if (own == kNoNode || cross == kNoNode || !other.Contains(fixed, cross)) continue;
        int32_t frame = 0;
        if (group_depth >= 0) {
          const NodeId f = other.AncestorAtDepth(cross, group_depth);
          if (f == kNoNode || frame_of_node[static_cast<size_t>(f)] < 0) continue;
          frame = frame_of_node[static_cast<size_t>(f)];
        }
        const NodeId at = tree.AncestorAtDepth(own, depth);
        if (at == kNoNode || atom_of_node[static_cast<size_t>(at)] < 0) continue;
        atom_of[e] =
            frame * static_cast<int32_t>(nodes.size()) + atom_of_node[static_cast<size_t>(at)];
      }
    }
    const auto atoms = static_cast<int32_t>(subjects);
    std::vector<Finding> found(subjects);
    std::vector<char> alive(subjects, 1);
    for (size_t k = 0; k < periods.size(); ++k) {
      if (std::none_of(alive.begin(), alive.end(), [](char x) { return x != 0; })) break;
      const Period p = periods[k];
      std::vector<std::optional<double>> values(subjects);
      if (batch) {
        AtomContexts cells(std::vector<Measure>{measure}, p, [&](Period q) {
          return query.AtomSums(c.indicator, q, atom_of, atoms, IsWindowMeasure(measure) && q == p,
                                NeedsRealSums({measure}), IsRosterMeasure(measure) && q == p);
        });
        for (size_t a = 0; a < subjects; ++a) {
          if (!alive[a] || cells.sums()[a].n == 0) continue;  // nobody reports: no subject
          values[a] =
              ComputeMeasure(measure, indicator, cells.sums()[a], cells.Context(a, nullptr));
        }
      } else {
        // All of the period's cells at once (Query::Cells); a region compares with its parent
        // region, an industry with its parent industry.
        std::vector<CellRef> refs;
        std::vector<size_t> of_ref;
        for (size_t a = 0; a < subjects; ++a) {
          if (!alive[a]) continue;
          refs.push_back({c.indicator, p, region_rule ? nodes[a] : fixed_region,
                          region_rule ? fixed_industry : nodes[a]});
          of_ref.push_back(a);
        }
        const auto rows =
            query.Cells(refs, {measure}, region_rule ? Dimension::kRegion : Dimension::kIndustry);
        for (size_t j = 0; j < rows.size(); ++j) {
          if (rows[j].ok() && rows[j]->n > 0) values[of_ref[j]] = rows[j]->values[0];
        }
      }
      for (size_t a = 0; a < subjects; ++a) {
        if (!alive[a]) continue;
        const std::string& code = tree.node(nodes[a % nodes.size()]).code;
        const std::optional<double> target = TargetFor(r, code);
        std::optional<Threshold> level;
        double value = 0;
        if (values[a]) {
          value = *values[a] - (target ? *target : 0.0);
          level = Classify(r, value);
        }
        if (!level) {
          alive[a] = 0;
          continue;
        }
        Finding& f = found[a];
        if (k == 0) {
          f.level = level->level;
          f.threshold = level->value;
          f.value = value;
        }
        ++f.streak;
      }
    }
    for (size_t a = 0; a < subjects; ++a) {
      Finding& f = found[a];
      if (f.streak == 0) continue;
      const NodeId node = nodes[a % nodes.size()], frame = frames[a / nodes.size()];
      const std::string& code = tree.node(node).code;
      f.rule = ri;
      f.subject_key = code;
      f.subject_name = tree.node(node).name;
      if (group_depth >= 0) {
        f.subject_key += "@" + other.node(frame).code;
        f.subject_name = other.node(frame).name + "·" + f.subject_name;
      }
      f.region = region_rule ? code : other.node(frame).code;
      f.industry = region_rule ? other.node(frame).code : code;
      f.period = FormatPeriod(*t);
      f.firing = f.streak >= r.for_periods;
      res->findings.push_back(std::move(f));
    }
  }
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

EvaluationResult Evaluate(const std::vector<Rule>& rules, const EvaluationInput& in) {
  EvaluationResult res;
  const Catalog* cat = in.panel ? &in.panel->catalog() : nullptr;
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& r = rules[i];
    if (!r.enabled) continue;
    const bool external = IsExternal(r.subject);
    if (!external && (in.panel == nullptr || in.query == nullptr)) continue;
    if (!external && r.check == Check::kMeasure &&
        !r.measure) {  // a rule built without ParseRuleJson
      res.problems.push_back("rule '" + r.id + "': no measure");
      continue;
    }
    Compiled c;
    if (cat != nullptr) {
      auto compiled = Compile(r, *cat);
      if (!compiled.ok()) {
        res.problems.push_back(compiled.status().message());
        continue;
      }
      c = std::move(compiled).value();
    }
    if (external) {
      EvaluateExternal(i, r, in.externals, cat, c, &res);
    } else if (r.subject == SubjectKind::kEnterprise) {
      EvaluateEnterprises(i, r, c, *in.panel, &res);
    } else {
      EvaluateCells(i, r, c, *in.panel, *in.query, &res);
    }
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
