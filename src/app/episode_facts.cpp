#include "app/episode_facts.h"

#include <algorithm>
#include <cmath>

#include "app/newest_kept.h"

namespace ballast::app {

namespace {

constexpr const char* kOutput = "output_value";
constexpr const char* kChainLeader = "链主";

}  // namespace

NodeId PrefectureOf(const CodeTree& regions, NodeId region) {
  return regions.AncestorAtDepth(region, std::min<int32_t>(2, regions.node(region).depth));
}

std::string FactsKey(const warn::Episode& e) {
  if (e.subject_kind == "enterprise") return e.subject_kind + '\x1f' + e.subject_key;
  if (e.subject_kind == "region" || e.subject_kind == "industry")
    return e.subject_kind + '\x1f' + e.region + '\x1f' + e.industry;
  return "";
}

struct SubjectCells {
  const Catalog* catalog = nullptr;
  std::shared_ptr<const Catalog> held;  // keeps `catalog` from being another one at its address
  int indicator = -1;
  Period period = 0;
  struct Subject {
    std::string key;
    bool region = false;
    size_t row = 0;  // of its kind's cells; an industry's region total follows it
    NodeId scope = kNoNode;
    bool unknown = false;  // a code the catalog does not hold: no facts
  };
  std::vector<Subject> subjects;                    // each key once
  std::unordered_map<std::string, uint32_t> index;  // key -> subject
  std::vector<CellRef> regions, industries;

  // The facts of every subject (by subject) read from `snap`: read once per snapshot, and
  // kept for the newest snapshot read.
  std::shared_ptr<const std::vector<ScopedFacts>> FactsAt(
      const std::shared_ptr<const Snapshot>& snap) const;

 private:
  std::vector<ScopedFacts> Read(const Snapshot& snap) const;

  mutable std::mutex reading_;
  mutable NewestKept<Snapshot, std::vector<ScopedFacts>> facts_;
};

namespace {

// Fills `made` (empty) with the cells of `episodes`' region and industry subjects.
void MakeCells(std::shared_ptr<const Catalog> catalog, int ind, Period period,
               std::span<const warn::Episode* const> episodes, SubjectCells* made) {
  SubjectCells& out = *made;
  const Catalog& cat = *catalog;
  out.catalog = catalog.get();
  out.held = std::move(catalog);
  out.indicator = ind;
  out.period = period;
  for (const warn::Episode* ep : episodes) {
    const warn::Episode& e = *ep;
    const bool region = e.subject_kind == "region";
    if (!region && e.subject_kind != "industry") continue;
    std::string key = FactsKey(e);
    // Each key once: its subject is the next one, whichever branch below makes it.
    if (!out.index.try_emplace(key, static_cast<uint32_t>(out.subjects.size())).second) continue;
    const NodeId r = cat.regions().Find(e.region.empty() ? std::string(kCountryCode) : e.region);
    const NodeId i = e.industry.empty() ? cat.all_industry() : cat.FindIndustry(e.industry);
    if (r == kNoNode || i == kNoNode) {
      out.subjects.push_back({std::move(key), region, 0, kNoNode, true});
      continue;
    }
    std::vector<CellRef>& cells = region ? out.regions : out.industries;
    // A region's share moves with its parent's output, an industry's with its region's.
    const NodeId parent = cat.regions().node(r).parent;
    const NodeId scope = region && parent != kNoNode ? parent : r;
    out.subjects.push_back({std::move(key), region, cells.size(), scope, false});
    cells.push_back({ind, period, r, i});
    if (!region) cells.push_back({ind, period, r, cat.all_industry()});
  }
}

}  // namespace

std::shared_ptr<const SubjectCells> CellSubjectSet::CellsFor(
    const std::shared_ptr<const Catalog>& catalog, int indicator, Period period) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (cells_ == nullptr || cells_->catalog != catalog.get() || cells_->indicator != indicator ||
      cells_->period != period) {
    auto made = std::make_shared<SubjectCells>();
    MakeCells(catalog, indicator, period, in_order, made.get());
    cells_ = std::move(made);
  }
  return cells_;
}

// Shares use the base (上年同期): a stopped firm weighs what it normally produces.
struct FactFinder::Prefectures {
  std::shared_ptr<const std::vector<NodeId>> of;  // each enterprise's (kNoNode: none)
  std::vector<double> totals;                     // by region node: its enterprises' sizes
};

namespace {

// Each enterprise's prefecture, worked out once per list of enterprises (every snapshot a batch
// of values makes shares it: Panel::EnterprisesToken), not once per scoring.
std::shared_ptr<const std::vector<NodeId>> PrefectureOfEach(const Panel& panel) {
  // never destroyed: outlives every request
  static auto* held = new NewestKept<void, std::vector<NodeId>>();
  const auto token = panel.EnterprisesToken();
  if (auto found = held->Find(token)) return found;
  const CodeTree& regions = panel.catalog().regions();
  auto of = std::make_shared<std::vector<NodeId>>(panel.num_enterprises(), kNoNode);
  for (uint32_t e = 0; e < of->size(); ++e) {
    const NodeId r = panel.enterprise(e).region;
    if (r == kNoNode) continue;
    (*of)[e] = PrefectureOf(regions, r);
  }
  held->Put(token, of);
  return of;
}

}  // namespace

FactFinder::FactFinder(Workspace& ws) {
  auto snap = ws.GetSnapshot();
  if (snap.ok()) Start(*snap);
}

FactFinder::FactFinder(std::shared_ptr<const Snapshot> snap) { Start(std::move(snap)); }

ScopedFacts FactFinder::Facts(const warn::Episode& e) {
  if (period_ == 0) return {};
  if (e.subject_kind == "enterprise") {
    // Read afresh: a few figures of the enterprise and its prefecture's total (kept once per
    // snapshot), less than looking them up in a memo kept across snapshots was (issue 11).
    NodeId prefecture = kNoNode;
    const warn::SubjectFacts f = Enterprise(e.subject_key, &prefecture);
    return {f, prefecture};
  }
  if (e.subject_kind == "region" || e.subject_kind == "industry") return Cell(e);
  return {};
}

void FactFinder::Prefetch(std::span<const warn::Episode* const> episodes,
                          const CellSubjectSet& all) {
  if (period_ == 0) return;
  const bool cells = std::any_of(episodes.begin(), episodes.end(), [](const auto* e) {
    return e->subject_kind == "region" || e->subject_kind == "industry";
  });
  if (!cells) return;
  cells_ = all.CellsFor(snap_->panel->shared_catalog(), ind_, period_);
  cell_facts_ = cells_->FactsAt(snap_);
}

std::shared_ptr<const std::vector<ScopedFacts>> SubjectCells::FactsAt(
    const std::shared_ptr<const Snapshot>& snap) const {
  // Read by one request at a time: the others of the same snapshot find them read.
  std::lock_guard<std::mutex> lock(reading_);
  if (auto found = facts_.Find(snap)) return found;
  auto facts = std::make_shared<const std::vector<ScopedFacts>>(Read(*snap));
  // A request still on an older snapshot reads its own, without replacing the newer ones.
  facts_.Put(snap, facts, snap->through);
  return facts;
}

std::vector<ScopedFacts> SubjectCells::Read(const Snapshot& snap) const {
  std::vector<ScopedFacts> out(subjects.size());
  const auto by_region = snap.query->Cells(
      regions, {Measure::kYoy, Measure::kYoy2y, Measure::kShare}, Dimension::kRegion);
  const auto by_industry = snap.query->Cells(
      industries, {Measure::kYoy, Measure::kYoy2y, Measure::kYtd}, Dimension::kIndustry);
  for (size_t k = 0; k < subjects.size(); ++k) {
    const Subject& s = subjects[k];
    if (s.unknown) continue;
    warn::SubjectFacts& f = out[k].facts;
    out[k].scope = s.scope;
    const auto& row = s.region ? by_region[s.row] : by_industry[s.row];
    if (!row.ok()) continue;
    f.yoy = row->values[0];
    f.yoy_2y = row->values[1];
    if (s.region) {
      f.share_pct = row->values[2];
    } else if (const auto& whole = by_industry[s.row + 1];
               whole.ok() && whole->values[2] && row->values[2] && *whole->values[2] > 0) {
      f.share_pct = *row->values[2] / *whole->values[2] * 100;
    }
  }
  return out;
}

void FactFinder::Start(std::shared_ptr<const Snapshot> snap) {
  snap_ = std::move(snap);
  const Panel& panel = *snap_->panel;
  ind_ = panel.catalog().FindIndicator(kOutput);
  if (ind_ < 0 || panel.empty()) return;
  for (Period p = panel.last_period(); p >= panel.first_period(); --p) {
    if (panel.HasData(ind_, p)) {
      period_ = p;
      break;
    }
  }
}

void FactFinder::LoadEnterprises() {
  if (loaded_) return;
  loaded_ = true;
  const Panel& panel = *snap_->panel;
  now_.Load(panel, ind_, period_, EnterpriseFigures::kMonthly);
  has_year_ago_ = period_ - 12 >= panel.first_period();
  if (has_year_ago_) year_ago_.Load(panel, ind_, period_ - 12, EnterpriseFigures::kBx);
  // The prefectures' totals, once per snapshot: the lists of one snapshot score its episodes
  // region by region, each with a finder of its own.
  // (The indicator and month are the snapshot's: Start finds them from its panel alone.)
  static auto* held = new NewestKept<Snapshot, Prefectures>();  // outlives every request
  if ((prefectures_ = held->Find(snap_)) != nullptr) return;
  auto made = std::make_shared<Prefectures>();
  made->of = PrefectureOfEach(panel);
  made->totals.assign(panel.catalog().regions().size(), 0.0);
  const std::vector<NodeId>& of = *made->of;
  for (uint32_t e = 0; e < of.size(); ++e) {
    if (of[e] == kNoNode) continue;
    const double size = Size(e);
    if (!std::isnan(size)) made->totals[static_cast<size_t>(of[e])] += size;
  }
  prefectures_ = made;
  held->Put(snap_, std::move(made), snap_->through);
}

double FactFinder::Size(uint32_t e) const {
  const double b = now_.bx()[e], x = now_.x()[e];
  return !std::isnan(b) && b > 0 ? b : !std::isnan(x) && x > 0 ? x : NAN;
}

warn::SubjectFacts FactFinder::Enterprise(const std::string& uscc, NodeId* prefecture) {
  warn::SubjectFacts f;
  const Panel& panel = *snap_->panel;
  const int64_t idx = panel.FindEnterprise(uscc);
  if (idx < 0) return f;
  LoadEnterprises();
  const auto e = static_cast<uint32_t>(idx);
  *prefecture = (*prefectures_->of)[e];
  const auto& tags = panel.enterprise(e).tags;
  f.chain_leader = std::find(tags.begin(), tags.end(), kChainLeader) != tags.end();
  const double size = Size(e);
  if (*prefecture != kNoNode && !std::isnan(size)) {
    const double total = prefectures_->totals[static_cast<size_t>(*prefecture)];
    if (total > 0) f.share_pct = size / total * 100;
  }
  const double x = now_.x()[e], b = now_.bx()[e];
  const double b2 = has_year_ago_ ? year_ago_.bx()[e] : NAN;  // the value two years ago
  if (!std::isnan(x) && !std::isnan(b) && b > 0) f.yoy = (x / b - 1) * 100;
  if (!std::isnan(x) && !std::isnan(b2) && b2 > 0 && x >= 0)
    f.yoy_2y = (std::sqrt(x / b2) - 1) * 100;
  return f;
}

ScopedFacts FactFinder::Cell(const warn::Episode& e) {
  const std::string key = FactsKey(e);
  if (cell_facts_ != nullptr) {
    if (auto it = cells_->index.find(key); it != cells_->index.end())
      return (*cell_facts_)[it->second];
  }
  // Not read beforehand with the grouping's: read alone.
  if (auto known = own_.find(key); known != own_.end()) return known->second;
  if (period_ == 0) return ScopedFacts{};
  const warn::Episode* one = &e;
  SubjectCells alone;
  MakeCells(snap_->panel->shared_catalog(), ind_, period_,
            std::span<const warn::Episode* const>(&one, 1), &alone);
  const ScopedFacts f = alone.FactsAt(snap_)->at(0);
  own_[key] = f;
  return f;
}

}  // namespace ballast::app
