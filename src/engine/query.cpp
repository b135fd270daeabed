#include "engine/query.h"

#include <algorithm>
#include <iterator>

#include "engine/atom_sums.h"
#include "engine/measure_context.h"
#include "engine/roster.h"

namespace ballast {

namespace {

CellSums Total(const std::vector<CellSums>& sums) {
  CellSums t;
  for (const auto& s : sums) t.Merge(s);
  return t;
}

bool HasTag(const PanelEnterprise& ent, const std::vector<std::string>& tags) {
  for (const auto& t : ent.tags) {
    if (std::find(tags.begin(), tags.end(), t) != tags.end()) return true;
  }
  return false;
}

bool InAny(const CodeTree& tree, const std::vector<NodeId>& members, NodeId node) {
  for (NodeId m : members) {
    if (tree.Contains(m, node)) return true;
  }
  return false;
}

}  // namespace

std::string CellFilter::Key() const {
  if (empty()) return {};
  std::string k = "r=" + region_group + ";i=" + industry_group + (exclude_tags ? ";!t=" : ";t=");
  std::vector<std::string> sorted = tags;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& t : sorted) k += t + ",";
  if (!park.empty()) k += ";p=" + park;
  return k;
}

bool CellFilter::InPark(uint32_t e, Period p) const {
  auto it = std::lower_bound(park_members.begin(), park_members.end(), e,
                             [](const ParkSpan& s, uint32_t x) { return s.enterprise < x; });
  for (; it != park_members.end() && it->enterprise == e; ++it) {
    if (it->from <= p && p <= it->to) return true;
  }
  return false;
}

CellRef WithoutGroup(const CellRef& cell, bool region_group) {
  CellRef out = cell;
  if (cell.filter == nullptr) return out;
  auto f = std::make_shared<CellFilter>(*cell.filter);
  if (region_group) {
    f->region_group.clear();
    f->regions.clear();
  } else {
    f->industry_group.clear();
    f->industries.clear();
  }
  if (!f->empty())
    out.filter = std::move(f);
  else
    out.filter = nullptr;
  return out;
}

namespace {

bool SameEnterprises(const Panel& a, const Panel& b) {
  return a.EnterprisesToken() != nullptr && a.EnterprisesToken() == b.EnterprisesToken() &&
         &a.catalog() == &b.catalog();
}

}  // namespace

std::shared_ptr<const Query::Places> Query::PlacesOf(const Panel& panel, const Query* previous) {
  if (previous != nullptr && SameEnterprises(panel, previous->panel_)) return previous->places_;
  const auto& regions = panel.catalog().regions();
  const auto& industries = panel.catalog().industries();
  auto places = std::make_shared<Places>();
  places->region_tin.reserve(panel.num_enterprises());
  places->industry_tin.reserve(panel.num_enterprises());
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const NodeId r = panel.enterprise(e).region, i = panel.enterprise(e).industry;
    places->region_tin.push_back(r == kNoNode ? -1 : regions.node(r).tin);
    places->industry_tin.push_back(i == kNoNode ? -1 : industries.node(i).tin);
  }
  return places;
}

Query::Query(const Panel& panel, const Query* previous)
    : panel_(panel),
      memo_(std::make_unique<SumsMemo>()),
      places_(PlacesOf(panel, previous)),
      region_tin_(places_->region_tin),
      industry_tin_(places_->industry_tin) {}

std::pair<uint32_t, uint32_t> Query::RegionRange(NodeId region) const {
  const auto& n = panel_.catalog().regions().node(region);
  auto lo = std::lower_bound(region_tin_.begin(), region_tin_.end(), n.tin);
  auto hi = std::lower_bound(lo, region_tin_.end(), n.tout);
  return {static_cast<uint32_t>(lo - region_tin_.begin()),
          static_cast<uint32_t>(hi - region_tin_.begin())};
}

bool Query::InCell(uint32_t e, NodeId region, NodeId industry) const {
  const int32_t r = region_tin_[e], i = industry_tin_[e];
  if (r < 0 || i < 0) return false;
  const CodeNode &rn = panel_.catalog().regions().node(region),
                 &in = panel_.catalog().industries().node(industry);
  return rn.tin <= r && r < rn.tout && in.tin <= i && i < in.tout;
}

bool Query::InCell(uint32_t e, const CellRef& c) const {
  if (!InCell(e, c.region, c.industry)) return false;
  if (c.filter == nullptr) return true;
  const CellFilter& f = *c.filter;
  const auto& ent = panel_.enterprise(e);
  if (!f.regions.empty() && !InAny(panel_.catalog().regions(), f.regions, ent.region)) return false;
  if (!f.industries.empty() && !InAny(panel_.catalog().industries(), f.industries, ent.industry))
    return false;
  if (!f.tags.empty() || !f.park.empty()) {
    const bool in =
        (f.tags.empty() || HasTag(ent, f.tags)) && (f.park.empty() || f.InPark(e, c.period));
    if (in == f.exclude_tags) return false;
  }
  return true;
}

Status Query::Validate(const CellRef& c, const std::vector<Measure>& measures) const {
  const Catalog& cat = panel_.catalog();
  if (c.indicator < 0 || static_cast<size_t>(c.indicator) >= cat.indicators().size()) {
    return Status::Invalid("unknown indicator");
  }
  if (c.region == kNoNode) return Status::Invalid("unknown region");
  if (c.industry == kNoNode) return Status::Invalid("unknown industry");
  const Indicator& ind = cat.indicators()[static_cast<size_t>(c.indicator)];
  for (Measure m : measures) {
    if ((m == Measure::kMomSa || IsWindowMeasure(m)) && !MeasureApplies(m, ind)) {
      return Status::Invalid("measure '" + std::string(MeasureName(m)) +
                             "' is defined for flow indicators only, not '" + ind.code + "'");
    }
    if (!MeasureApplies(m, ind)) {
      return Status::Invalid("measure '" + std::string(MeasureName(m)) +
                             "' is not defined for the derived indicator '" + ind.code +
                             "' (use value, ytd or n)");
    }
  }
  return Status::Ok();
}

std::vector<CellSums> Query::AtomSums(int indicator, Period p, const std::vector<int32_t>& atom_of,
                                      int32_t atoms, bool windows, bool real, bool roster,
                                      const std::vector<uint32_t>* members) const {
  if (members != nullptr)
    return SumAtomsOf(panel_, indicator, p, atom_of, atoms, {real, windows, roster}, *members);
  return SumAtoms(panel_, indicator, p, atom_of, atoms, {real, windows, roster}, 0,
                  static_cast<uint32_t>(panel_.num_enterprises()));
}

void Query::CarrySumsFrom(const Query& previous, const std::vector<uint32_t>& changed) {
  memo_->CarryFrom(*previous.memo_, changed);
}

std::vector<CellSums> Query::PassSums(int indicator, Period q, const AtomMap& atom_of,
                                      int32_t atoms, SumOptions options,
                                      std::pair<uint32_t, uint32_t> range,
                                      const SumsMemo::Key* pass) const {
  const auto [lo, hi] = range;
  // Sums at comparable prices and over windows read figures of the whole panel made for the
  // pass: not kept.
  if (pass == nullptr || options.real || options.windows) {
    return SumAtoms(panel_, indicator, q, atom_of, atoms, options, lo, hi);
  }
  SumsMemo::Key key = *pass;
  key.indicator = indicator;
  key.period = q;
  key.roster = options.roster;
  auto found = memo_->Find(key);
  if (found && found->dirty.empty()) return found->sums->Totals(atoms);
  auto made = std::make_shared<const BlockSums>(
      found ? ResumBlocks(*found->sums, found->dirty, panel_, indicator, q, atom_of, atoms, options,
                          lo, hi)
            : SumByBlocks(panel_, indicator, q, atom_of, atoms, options, lo, hi));
  memo_->Put(key, made);
  return made->Totals(atoms);
}

std::vector<MeasureRow> Query::EvaluateAtoms(int indicator, Period t, const AtomMap& atom_of,
                                             int32_t atoms, int32_t row_atoms, bool has_parent,
                                             const std::vector<Measure>& measures,
                                             std::pair<uint32_t, uint32_t> range,
                                             const SumsMemo::Key* pass) const {
  const Indicator& ind = panel_.catalog().indicators()[static_cast<size_t>(indicator)];
  const bool real = NeedsRealSums(measures);
  const bool windows = NeedsWindows(measures), roster = NeedsRoster(measures);
  AtomContexts atoms_at(measures, t, [&](Period q) {
    return PassSums(indicator, q, atom_of, atoms, {real, windows && q == t, roster && q == t},
                    range, pass);
  });
  const std::vector<CellSums>& now = atoms_at.sums();
  CellSums parent = Total(now);
  std::vector<MeasureRow> rows(static_cast<size_t>(row_atoms));
  for (int32_t a = 0; a < row_atoms; ++a) {
    const auto i = static_cast<size_t>(a);
    const MeasureContext ctx = atoms_at.Context(i, has_parent ? &parent : nullptr);
    rows[i].n = now[i].n;
    for (Measure m : measures) rows[i].values.push_back(ComputeMeasure(m, ind, now[i], ctx));
  }
  return rows;
}

Result<MeasureRow> Query::Cell(const CellRef& c, const std::vector<Measure>& measures,
                               Dimension of) const {
  RETURN_IF_ERROR(Validate(c, measures));
  const Catalog& cat = panel_.catalog();
  // A group's parent along its own dimension is the root without the group (all industry,
  // the whole country); any other cell's is its node's parent, with the same filter.
  CellRef parent = c;
  bool has_parent = true;
  const CellFilter* f = c.filter.get();
  if (of == Dimension::kRegion && f != nullptr && !f->regions.empty()) {
    parent = WithoutGroup(c, true);
  } else if (of == Dimension::kIndustry && f != nullptr && !f->industries.empty()) {
    parent = WithoutGroup(c, false);
  } else if (of == Dimension::kRegion) {
    parent.region = cat.regions().node(c.region).parent;
    has_parent = parent.region != kNoNode;
  } else {
    parent.industry = cat.industries().node(c.industry).parent;
    has_parent = parent.industry != kNoNode;
  }
  auto [lo, hi] = RegionRange(has_parent ? parent.region : c.region);
  // Placed block by block as the pass reads them: a kept pass reads only the blocks it sums again.
  const AtomMap atom_of([&](uint32_t from, uint32_t to, int32_t* out) {
    for (uint32_t e = from; e < to; ++e) {
      out[e - from] = InCell(e, c) ? 0 : has_parent && InCell(e, parent) ? 1 : -1;
    }
  });
  const SumsMemo::Key pass{SumsMemo::Key::kCell, c.region, c.industry, static_cast<int>(of)};
  auto rows = EvaluateAtoms(c.indicator, c.period, atom_of, has_parent ? 2 : 1, 1, has_parent,
                            measures, {lo, hi}, f == nullptr ? &pass : nullptr);
  return rows[0];
}

Result<std::vector<ChildRow>> Query::Children(const CellRef& c, Dimension dim,
                                              const std::vector<Measure>& measures) const {
  RETURN_IF_ERROR(Validate(c, measures));
  const bool by_region = dim == Dimension::kRegion;
  const CodeTree& tree = by_region ? panel_.catalog().regions() : panel_.catalog().industries();
  const std::vector<NodeId>* group = nullptr;
  if (c.filter != nullptr) group = by_region ? &c.filter->regions : &c.filter->industries;
  if (group != nullptr && group->empty()) group = nullptr;
  const NodeId node = by_region ? c.region : c.industry;
  // A group's children are its members; a node's are its children in the code tree.
  const std::vector<NodeId>& children = group != nullptr ? *group : tree.node(node).children;
  const auto k = static_cast<int32_t>(children.size());
  const std::vector<int32_t>& tins = by_region ? region_tin_ : industry_tin_;
  auto [lo, hi] = RegionRange(c.region);
  const auto place = [&](uint32_t e) -> int32_t {
    if (!InCell(e, c)) return -1;
    const auto& ent = panel_.enterprise(e);
    const NodeId own = by_region ? ent.region : ent.industry;
    if (group != nullptr) {
      const auto it = std::find_if(children.begin(), children.end(),
                                   [&](NodeId m) { return tree.Contains(m, own); });
      return static_cast<int32_t>(it - children.begin());
    }
    // The child whose subtree holds it: the last to start at or before its place (a node's
    // children follow one another in the pre-order).
    const int32_t t = tins[e];
    auto it = std::upper_bound(children.begin(), children.end(), t,
                               [&tree](int32_t x, NodeId m) { return x < tree.node(m).tin; });
    if (it == children.begin() || t >= tree.node(*std::prev(it)).tout) {
      return k;  // registered at the node itself: part of the parent, of no child
    }
    return static_cast<int32_t>(std::prev(it) - children.begin());
  };
  // Placed block by block as the pass reads them: a kept pass reads only the blocks it sums again.
  const AtomMap atom_of([&](uint32_t from, uint32_t to, int32_t* out) {
    for (uint32_t e = from; e < to; ++e) out[e - from] = place(e);
  });
  const SumsMemo::Key pass{SumsMemo::Key::kChildren, c.region, c.industry, static_cast<int>(dim)};
  auto rows = EvaluateAtoms(c.indicator, c.period, atom_of, k + 1, k, true, measures, {lo, hi},
                            c.filter == nullptr ? &pass : nullptr);
  std::vector<ChildRow> out(static_cast<size_t>(k));
  for (int32_t i = 0; i < k; ++i) {
    out[static_cast<size_t>(i)].node = children[static_cast<size_t>(i)];
    out[static_cast<size_t>(i)].row = std::move(rows[static_cast<size_t>(i)]);
  }
  return out;
}

Result<std::vector<ChildRow>> Query::Enterprises(const CellRef& c,
                                                 const std::vector<Measure>& measures) const {
  RETURN_IF_ERROR(Validate(c, measures));
  std::vector<int32_t> atom_of(panel_.num_enterprises(), -1);
  std::vector<uint32_t> members;
  auto [lo, hi] = RegionRange(c.region);
  for (uint32_t e = lo; e < hi; ++e) {
    if (!InCell(e, c)) continue;
    atom_of[e] = static_cast<int32_t>(members.size());
    members.push_back(e);
  }
  const auto k = static_cast<int32_t>(members.size());
  const SumsMemo::Key pass{SumsMemo::Key::kEnterprises, c.region, c.industry};
  auto rows = EvaluateAtoms(c.indicator, c.period, atom_of, k, k, true, measures, {lo, hi},
                            c.filter == nullptr ? &pass : nullptr);
  std::vector<ChildRow> out(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    out[i].enterprise = members[i];
    out[i].row = std::move(rows[i]);
  }
  return out;
}

}  // namespace ballast
