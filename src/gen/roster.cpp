#include "gen/roster.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/uscc.h"
#include "gen/tables.h"

namespace ballast::gen {

namespace {

constexpr double kTwoPi = 6.283185307179586;

// Annual chance of leaving the panel (closure, or revenue falling below the threshold).
double ExitProbability(Size s) {
  static constexpr double kP[4] = {0.01, 0.025, 0.045, 0.06};
  return kP[static_cast<int>(s)];
}
constexpr double kEntryRate = 0.06;

// One province of the scope with its county-level units and industry mix.
struct Area {
  NodeId province = kNoNode;
  std::string code;
  double weight = 1, foreign = 1;
  std::vector<NodeId> units;
  std::vector<double> unit_cum;
  std::vector<bool> guaranteed;  // directly under the province: must not be left empty
  std::vector<double> division_cum;
};

int64_t CodeNumber(std::string_view code) {
  int64_t v = 0;
  for (char c : code) v = v * 10 + (c >= '0' && c <= '9' ? c - '0' : 0);
  return v;
}

// County-level units: the leaves below the province (level 3, or a level-2 city without counties).
void CollectUnits(const CodeTree& t, NodeId id, std::vector<NodeId>* out) {
  const auto& n = t.node(id);
  if (n.children.empty()) {
    if (n.level >= 2) out->push_back(id);
    return;
  }
  for (NodeId c : n.children) CollectUnits(t, c, out);
}

void CollectLevel(const CodeTree& t, NodeId id, int level, std::vector<NodeId>* out) {
  const auto& n = t.node(id);
  if (n.level == level) {
    out->push_back(id);
    return;
  }
  for (NodeId c : n.children) CollectLevel(t, c, level, out);
}

struct SizeMix {
  double large, medium, micro;  // small takes the rest
};
SizeMix MixFor(const DivisionInfo& d, bool entrant) {
  double lf = d.large_factor;
  if (entrant) return {0.004 * lf, 0.05 * std::sqrt(lf), 0.10};
  return {0.025 * lf, 0.10 * std::min(std::sqrt(lf), 3.5), 0.055};
}

// Mean annual revenue (万元) of the size classes as drawn by DrawRevenue, initial enterprises.
constexpr double kMeanRevenue[4] = {373600, 26340, 9580, 3790};

// Count weights are output weights divided by the mean enterprise scale, so that output by
// division follows the input-output table even where enterprises are few and large (tobacco).
double MeanRevenue(const DivisionInfo& d) {
  SizeMix m = MixFor(d, false);
  double small = 1 - m.large - m.medium - m.micro;
  return m.large * kMeanRevenue[0] + m.medium * kMeanRevenue[1] + small * kMeanRevenue[2] +
         m.micro * kMeanRevenue[3];
}

Size DrawSize(const DivisionInfo& d, bool entrant, Rng& rng) {
  SizeMix m = MixFor(d, entrant);
  double u = rng.Uniform();
  if (u < m.large) return Size::kLarge;
  if (u < m.large + m.medium) return Size::kMedium;
  if (u < m.large + m.medium + m.micro) return Size::kMicro;
  return Size::kSmall;
}

// Annual revenue in 万元: heavy-tailed for large enterprises, all above the 2000万 threshold.
double DrawRevenue(Size s, bool entrant, Rng& rng) {
  switch (s) {
    case Size::kLarge:
      return rng.Pareto(60000, 1.0, 3e7);
    case Size::kMedium:
      return std::clamp(rng.LogNormal(entrant ? 15000 : 22000, 0.6), 4000.0, 150000.0);
    case Size::kSmall:
      return std::clamp(rng.LogNormal(entrant ? 5000 : 8000, 0.6), 2000.0, 40000.0);
    case Size::kMicro:
      break;
  }
  return std::clamp(rng.LogNormal(3500, 0.4), 2000.0, 12000.0);
}

uint8_t DrawTags(const DivisionInfo& d, Size s, double foreign, Rng& rng) {
  const int division = static_cast<int>(CodeNumber(d.code));
  const bool manufacturing = division >= 13 && division <= 43;
  uint8_t t = 0;
  double state = d.state_p * (s == Size::kLarge ? 2.5 : s == Size::kMedium ? 1.5 : 1.0);
  if (rng.Bernoulli(std::min(state, 0.95))) {
    t |= kTagState;
  } else {
    bool hightech = division == 36 || division == 38 || division == 39 || division == 40;
    if (rng.Bernoulli(std::min(0.08 * foreign * (hightech ? 1.6 : 1.0), 0.6))) t |= kTagForeign;
  }
  if (manufacturing && s != Size::kLarge && rng.Bernoulli(0.10)) {
    t |= kTagSrdi;
    if (rng.Bernoulli(0.2)) t |= kTagLittleGiant;
  }
  if (manufacturing && (s == Size::kLarge || s == Size::kMedium) &&
      rng.Bernoulli(s == Size::kLarge ? 0.08 : 0.02)) {
    t |= kTagChampion;
  }
  if (s == Size::kLarge && rng.Bernoulli(0.25)) t |= kTagChainLeader;
  return t;
}

// Draws everything but the code for an enterprise located in `unit`.
void DrawFirm(const Area& area, NodeId unit, bool entrant,
              const std::vector<std::vector<NodeId>>& classes, Rng& rng, Firm* f) {
  const auto& divisions = Divisions();
  f->region = unit;
  f->entrant = entrant;
  f->division = static_cast<uint8_t>(rng.Pick(area.division_cum));
  const DivisionInfo& d = divisions[f->division];
  const auto& cls = classes[f->division];
  f->industry = cls[rng.Index(cls.size())];
  f->size = DrawSize(d, entrant, rng);
  f->tags = DrawTags(d, f->size, area.foreign, rng);
  f->exporter = (f->tags & kTagForeign) ? rng.Bernoulli(0.75)
                                        : rng.Bernoulli(d.export_p * std::sqrt(area.foreign));
  f->key = rng.Next();

  const bool large = f->size == Size::kLarge;
  const double revenue = DrawRevenue(f->size, entrant, rng);
  f->sales_ratio = static_cast<float>(rng.Uniform(0.97, 0.99));
  f->revenue_ratio = static_cast<float>(rng.Uniform(1.0, 1.1));
  f->log_base = static_cast<float>(std::log(revenue / 12.0 / (f->sales_ratio * f->revenue_ratio)));
  double growth =
      std::log(1.0 + d.growth) + rng.Normal(0, large ? 0.03 : 0.05) + (entrant ? 0.03 : 0.0);
  f->growth = static_cast<float>(std::clamp(growth, -0.25, 0.4));
  f->idio_a1 = static_cast<float>(0.06 * rng.Uniform(0.3, 1.5) * (large ? 0.6 : 1.0));
  f->idio_w1 = static_cast<float>(kTwoPi / rng.Uniform(15, 48));
  f->idio_p1 = static_cast<float>(rng.Uniform(0, kTwoPi));
  f->idio_a2 = static_cast<float>(0.025 * rng.Uniform(0.3, 1.5));
  f->idio_w2 = static_cast<float>(kTwoPi / rng.Uniform(7, 13));
  f->idio_p2 = static_cast<float>(rng.Uniform(0, kTwoPi));
  static constexpr float kNoise[4] = {0.025f, 0.04f, 0.05f, 0.06f};
  f->noise = kNoise[static_cast<int>(f->size)];
  f->export_share = static_cast<float>(!f->exporter              ? 0.0
                                       : (f->tags & kTagForeign) ? rng.Uniform(0.2, 0.9)
                                                                 : rng.Uniform(0.05, 0.6));
  f->cost_ratio = static_cast<float>(rng.Uniform(0.80, 0.90));
  f->margin = static_cast<float>(rng.Normal(0.06, 0.05));
  f->tax_rate =
      static_cast<float>(d.tax > 0 ? d.tax * rng.Uniform(0.8, 1.2) : rng.Uniform(0.03, 0.05));
  f->elec_log = static_cast<float>(std::log(d.elec * rng.LogNormal(1.0, 0.3)) + 0.2 * f->log_base);
  f->inventory_months = static_cast<float>(rng.LogNormal(0.35, 0.4));
  f->asset_ratio = static_cast<float>(d.capital * rng.LogNormal(1.1, 0.35));
  f->debt_ratio = static_cast<float>(
      std::clamp(rng.Normal(0.56, 0.13) + (f->margin < 0 ? 0.05 : 0.0), 0.08, 0.95));
  static constexpr double kBand[4][2] = {{1000, 400000}, {300, 999}, {20, 299}, {5, 19}};
  const auto* band = kBand[static_cast<int>(f->size)];
  double employees = revenue / (d.productivity * rng.LogNormal(1.0, 0.35));
  f->employees = static_cast<float>(std::clamp(employees, band[0], band[1]));
  f->employee_growth = static_cast<float>(0.25 * growth - 0.015 + rng.Normal(0, 0.01));
}

// GB 11714 check character of an 8-character organization code body.
char OrgCodeCheck(const char* body) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    char c = body[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
    sum += v * kWeights[i];
  }
  int c = 11 - sum % 11;
  return c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
}

// 91 + county code + organization code + check. Initial enterprises get 8-digit bodies, entrants
// the newer "MA" + 6 characters; both are bijections of the ordinal, so codes are unique.
void SetUscc(const CodeTree& regions, size_t ordinal, uint64_t salt, Firm* f) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  char* c = f->uscc.data();
  c[0] = '9';
  c[1] = '1';
  std::memcpy(c + 2, regions.node(f->region).code.data(), 6);
  if (!f->entrant) {
    uint64_t v = (73939133ULL * ordinal + salt % 100000000ULL) % 100000000ULL;
    for (int i = 15; i >= 8; --i, v /= 10) c[i] = static_cast<char>('0' + v % 10);
  } else {
    constexpr uint64_t kSpace = 887503681ULL;  // 31^6
    uint64_t v = (104729ULL * ordinal + salt % kSpace) % kSpace;
    c[8] = 'M';
    c[9] = 'A';
    for (int i = 15; i >= 10; --i, v /= 31) c[i] = kAlphabet[v % 31];
  }
  c[16] = OrgCodeCheck(c + 8);
  c[17] = UsccCheckChar(std::string_view(c, 17));
}

}  // namespace

const char* SizeName(Size s) {
  static constexpr const char* kNames[4] = {"large", "medium", "small", "micro"};
  return kNames[static_cast<int>(s)];
}

void AppendTags(uint8_t tags, std::string* out) {
  static constexpr const char* kNames[6] = {"专精特新", "小巨人", "单项冠军",
                                            "链主",     "外资",   "国有"};
  bool any = false;
  for (int i = 0; i < 6; ++i) {
    if (!(tags & (1u << i))) continue;
    if (any) out->push_back(';');
    out->append(kNames[i]);
    any = true;
  }
}

Result<Roster> BuildRoster(const Catalog& catalog, const Options& o, Rng& rng) {
  const CodeTree& regions = catalog.regions();
  const auto& divisions = Divisions();
  ASSIGN_OR_RETURN(std::vector<double> output_weights, DivisionWeights());
  std::vector<std::vector<NodeId>> classes(divisions.size());
  for (size_t i = 0; i < divisions.size(); ++i) {
    NodeId d = catalog.FindIndustry(divisions[i].code);
    if (d != kNoNode) CollectLevel(catalog.industries(), d, 4, &classes[i]);
    if (classes[i].empty()) {
      return Status::Internal("industry catalog lacks classes of division " +
                              std::string(divisions[i].code));
    }
  }

  const uint64_t unit_key = rng.Next();
  std::vector<Area> areas;
  auto add_area = [&](NodeId province, const ProvinceInfo* info) {
    Area a;
    a.province = province;
    a.code = regions.node(province).code;
    if (info != nullptr) {
      a.weight = info->enterprises;
      a.foreign = info->foreign;
    }
    CollectUnits(regions, province, &a.units);
    if (a.units.empty()) return;
    std::vector<double> w;
    for (NodeId u : a.units) {
      const CodeNode& n = regions.node(u);
      // Districts (…区) host more industry than counties; the rest is luck of the draw.
      bool district = n.name.size() >= 3 && n.name.compare(n.name.size() - 3, 3, "区") == 0;
      double z = HashNormal(Hash3(unit_key, static_cast<uint64_t>(CodeNumber(n.code)), 0));
      w.push_back(std::exp(0.7 * z) * (district ? 1.3 : 1.0));
      a.guaranteed.push_back(n.parent == province);
    }
    a.unit_cum = Cumulative(w);
    w.clear();
    for (size_t i = 0; i < divisions.size(); ++i) {
      w.push_back(output_weights[i] * Specialisation(a.code, divisions[i].code) /
                  MeanRevenue(divisions[i]));
    }
    a.division_cum = Cumulative(w);
    areas.push_back(std::move(a));
  };
  if (o.province.empty()) {
    for (const auto& info : Provinces()) {
      NodeId p = regions.Find(info.code);
      if (p != kNoNode) add_area(p, &info);
    }
  } else {
    NodeId p = regions.Find(o.province);
    if (p == kNoNode || regions.node(p).parent != catalog.country()) {
      return Status::Invalid("'" + o.province + "' is not a province code");
    }
    const ProvinceInfo* info = nullptr;
    for (const auto& pi : Provinces()) {
      if (pi.code == o.province) info = &pi;
    }
    add_area(p, info);
  }
  if (areas.empty()) return Status::Invalid("no county-level units in '" + o.province + "'");
  std::vector<double> area_weights;
  for (const auto& a : areas) area_weights.push_back(a.weight);
  const std::vector<double> area_cum = Cumulative(area_weights);
  auto draw_place = [&](uint32_t* area, uint32_t* unit) {
    *area = areas.size() == 1 ? 0 : static_cast<uint32_t>(rng.Pick(area_cum));
    *unit = static_cast<uint32_t>(rng.Pick(areas[*area].unit_cum));
  };

  Roster r;
  const auto n0 = static_cast<size_t>(o.enterprises);
  r.initial = n0;
  r.firms.resize(n0);
  std::vector<uint32_t> area_of(n0), unit_of(n0);
  for (size_t i = 0; i < n0; ++i) draw_place(&area_of[i], &unit_of[i]);
  // Units directly under a province (济源, 仙桃, municipal districts) each get at least one
  // enterprise when there are enough: the engine must handle them, so the data must hold them.
  for (uint32_t a = 0; a < areas.size(); ++a) {
    std::vector<int64_t> count(areas[a].units.size(), 0);
    int64_t total = 0, needed = 0;
    for (size_t i = 0; i < n0; ++i) {
      if (area_of[i] == a) ++count[unit_of[i]], ++total;
    }
    for (bool g : areas[a].guaranteed) needed += g ? 1 : 0;
    if (total < 2 * needed) continue;
    for (size_t u = 0; u < count.size(); ++u) {
      if (!areas[a].guaranteed[u] || count[u] > 0) continue;
      auto largest =
          static_cast<uint32_t>(std::max_element(count.begin(), count.end()) - count.begin());
      for (size_t i = n0; i-- > 0;) {
        if (area_of[i] == a && unit_of[i] == largest) {
          unit_of[i] = static_cast<uint32_t>(u);
          --count[largest];
          ++count[u];
          break;
        }
      }
    }
  }
  const int first_year = PeriodYear(o.first);
  for (size_t i = 0; i < n0; ++i) {
    const Area& a = areas[area_of[i]];
    DrawFirm(a, a.units[unit_of[i]], false, classes, rng, &r.firms[i]);
    r.firms[i].entry_year = static_cast<int16_t>(first_year);
  }

  // Roster churn each January after the first period: exits first, then entrants in proportion
  // to the panel before the change.
  const Period last = o.first + o.months - 1;
  for (int y = first_year + 1; MakePeriod(y, 1) <= last; ++y) {
    size_t active = 0;
    for (auto& f : r.firms) {
      if (f.exit_year != 0) continue;
      ++active;
      if (rng.Bernoulli(ExitProbability(f.size))) f.exit_year = static_cast<int16_t>(y);
    }
    Cohort c{y, r.firms.size(), 0};
    auto entrants = static_cast<size_t>(std::llround(kEntryRate * static_cast<double>(active)));
    for (size_t k = 0; k < entrants; ++k) {
      uint32_t a = 0, u = 0;
      draw_place(&a, &u);
      Firm f;
      DrawFirm(areas[a], areas[a].units[u], true, classes, rng, &f);
      f.entry_year = static_cast<int16_t>(y);
      r.firms.push_back(f);
    }
    c.end = r.firms.size();
    r.cohorts.push_back(c);
  }

  const uint64_t salt = rng.Next();
  for (size_t i = 0; i < r.firms.size(); ++i) {
    SetUscc(regions, i < n0 ? i : i - n0, salt, &r.firms[i]);
  }
  return r;
}

Result<NodeId> ChooseCollapseCity(const Catalog& catalog, const Options& o, const Roster& roster) {
  if (o.collapse_city == "-") return kNoNode;
  const CodeTree& regions = catalog.regions();
  NodeId scope = o.province.empty() ? catalog.country() : regions.Find(o.province);
  if (!o.collapse_city.empty()) {
    NodeId c = regions.Find(o.collapse_city);
    if (c == kNoNode) return Status::NotFound("unknown collapse city '" + o.collapse_city + "'");
    if (c == scope || !regions.Contains(scope, c)) {
      return Status::Invalid("collapse city '" + o.collapse_city + "' is outside the run's scope");
    }
    return c;
  }
  NodeId xinyang = regions.Find("411500");  // the demo story: a flood in southern Henan
  if (xinyang != kNoNode && regions.Contains(scope, xinyang)) return xinyang;
  // Otherwise the prefecture-level unit of median size, so that the province total still moves.
  std::vector<std::pair<int64_t, NodeId>> counts;
  std::vector<int64_t> by_node(regions.size(), 0);
  for (size_t i = 0; i < roster.initial; ++i) {
    NodeId p = regions.AncestorAtDepth(roster.firms[i].region, 2);
    if (p != kNoNode) ++by_node[static_cast<size_t>(p)];
  }
  for (size_t id = 0; id < by_node.size(); ++id) {
    if (by_node[id] > 0) counts.emplace_back(by_node[id], static_cast<NodeId>(id));
  }
  if (counts.empty()) return kNoNode;
  std::sort(counts.begin(), counts.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first
                              : regions.node(a.second).code < regions.node(b.second).code;
  });
  return counts[counts.size() / 2].second;
}

Period ChooseCollapseMonths(Period first, int months) {
  // The latest two months whose year-earlier months are in the run: the collapse is the problem
  // the default list (the latest month) must put on top. January is skipped: flow figures are
  // published as 1–2月, so a collapse there would show in one month only.
  const Period last = first + months - 1;
  for (Period p = last - 1; p - 12 >= first; --p) {
    if (PeriodMonth(p) != 1 && PeriodMonth(p + 1) != 1) return p;
  }
  return 0;
}

}  // namespace ballast::gen
