#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>

#include "engine/measure_context.h"
#include "engine/measures.h"
#include "warn/rule_eval.h"

namespace ballast::warn::detail {

// Region or industry cells: the measure (minus the target, when the rule has one). Subjects are
// (frame, node) pairs: the node at the rule's depth of its own dimension, the frame the fixed node
// of the other one. Industry rules with `region_levels` are also evaluated with each province or
// prefecture as the frame (subject key "code@region"), so that a province's analyst sees its own
// industries' alerts.
void EvaluateCells(size_t ri, const Rule& r, const Compiled& c, const Panel& panel,
                   const Query& query, const std::vector<uint32_t>* moved, EvaluationResult* res,
                   std::vector<uint32_t>* index, std::vector<uint32_t>* redone,
                   const KeptAtomSums* before, std::shared_ptr<const KeptAtomSums>* kept) {
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
  // Frames: the fixed node, then (industry rules with region_levels) every region at each depth
  // the rule asks for. A subject is a (frame, node) pair, index frame * nodes + node.
  const NodeId fixed = region_rule ? fixed_industry : fixed_region;
  const bool batch = !NeedsParent(measure);
  std::vector<NodeId> frames{fixed};
  std::vector<int32_t> frame_of_node(other.size(), -1);
  frame_of_node[static_cast<size_t>(fixed)] = 0;
  if (!region_rule && batch) {
    for (const auto& level : r.region_levels) {
      const int32_t d = level == "province" ? 1 : level == "prefecture" ? 2 : 3;
      if (d <= other.node(fixed).depth) continue;
      for (NodeId n = 0; n < static_cast<NodeId>(other.size()); ++n) {
        if (other.node(n).depth != d || !other.Contains(fixed, n)) continue;
        if (frame_of_node[static_cast<size_t>(n)] >= 0) continue;
        frame_of_node[static_cast<size_t>(n)] = static_cast<int32_t>(frames.size());
        frames.push_back(n);
      }
    }
  }
  // Each frame's frames up to the fixed one (itself first): the cells it adds to.
  std::vector<std::vector<int32_t>> chain(frames.size());
  for (size_t f = 0; f < frames.size(); ++f) {
    for (NodeId n = frames[f]; n != kNoNode; n = other.node(n).parent) {
      if (frame_of_node[static_cast<size_t>(n)] >= 0)
        chain[f].push_back(frame_of_node[static_cast<size_t>(n)]);
      if (n == fixed) break;
    }
  }
  const size_t width = nodes.size(), subjects = frames.size() * width;
  // One pass over the panel per period, rather than one per subject and frame: an enterprise
  // is summed into the atom of its deepest frame, and every frame's cell is then the sum of
  // the atoms of the frames under it. Measures that compare with a parent cell go through
  // Query::Cells instead.
  std::vector<int32_t> atom_of;
  if (batch) {
    atom_of.assign(panel.num_enterprises(), -1);
    for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
      const PanelEnterprise& ent = panel.enterprise(e);
      const NodeId own = region_rule ? ent.region : ent.industry,
                   cross = region_rule ? ent.industry : ent.region;
      if (own == kNoNode || cross == kNoNode || !other.Contains(fixed, cross)) continue;
      const NodeId at = tree.AncestorAtDepth(own, depth);
      if (at == kNoNode || atom_of_node[static_cast<size_t>(at)] < 0) continue;
      int32_t frame = 0;
      for (NodeId n = cross; n != kNoNode && n != fixed; n = other.node(n).parent) {
        if (frame_of_node[static_cast<size_t>(n)] >= 0) {
          frame = frame_of_node[static_cast<size_t>(n)];
          break;
        }
      }
      atom_of[e] = frame * static_cast<int32_t>(width) + atom_of_node[static_cast<size_t>(at)];
    }
  }
  std::vector<char> alive(subjects, 1);
  // Incremental: the atoms that hold a moved enterprise (`hit`, ascending), whose kept sums
  // are summed again from their own enterprises alone.
  std::vector<uint32_t> hit;
  if (moved != nullptr) {
    // Incremental (warn/evaluation_memo.cpp): the cells that hold a moved enterprise.
    if (!batch) return;  // Memorable refuses these
    std::fill(alive.begin(), alive.end(), 0);
    for (uint32_t e : *moved) {
      if (e >= atom_of.size() || atom_of[e] < 0) continue;
      const auto atom = static_cast<size_t>(atom_of[e]);
      for (int32_t g : chain[atom / width])
        alive[static_cast<size_t>(g) * width + atom % width] = 1;
      hit.push_back(static_cast<uint32_t>(atom));
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    if (redone != nullptr) {
      for (size_t a = 0; a < subjects; ++a) {
        if (alive[a]) redone->push_back(static_cast<uint32_t>(a));
      }
    }
  }
  // The enterprises of `atoms` (ascending), and each one's place among them.
  struct Redo {
    std::vector<uint32_t> atoms, members;
    std::vector<int32_t> place_of;
  };
  auto redo_of = [&](std::vector<uint32_t> atoms) {
    Redo out{std::move(atoms), {}, std::vector<int32_t>(atom_of.size(), -1)};
    std::vector<int32_t> place(subjects, -1);
    for (size_t h = 0; h < out.atoms.size(); ++h) place[out.atoms[h]] = static_cast<int32_t>(h);
    for (uint32_t e = 0; e < atom_of.size(); ++e) {
      if (atom_of[e] < 0 || place[static_cast<size_t>(atom_of[e])] < 0) continue;
      out.place_of[e] = place[static_cast<size_t>(atom_of[e])];
      out.members.push_back(e);
    }
    return out;
  };
  // The atoms moved since kept sums were made: those marked stale then, and this batch's.
  auto moved_since = [&](const std::vector<uint32_t>& stale) {
    std::vector<uint32_t> atoms;
    std::set_union(hit.begin(), hit.end(), stale.begin(), stale.end(), std::back_inserter(atoms));
    return atoms;
  };
  std::optional<Redo> redo_hit;  // made when first needed
  auto next = kept != nullptr ? std::make_shared<KeptAtomSums>() : nullptr;
  // Every atom's sums at q, by frame: the kept ones with the atoms moved since summed again, or
  // (none kept for q) all summed from the panel.
  auto atom_sums = [&](Period q, bool now) {
    const bool windows = IsWindowMeasure(measure) && now, real = NeedsRealSums({measure}),
               roster = IsRosterMeasure(measure) && now;
    const KeptAtomSums::Key key{q, now};
    const KeptAtomSums::Sums* old = nullptr;
    if (moved != nullptr && before != nullptr) {
      auto it = before->at.find(key);
      if (it != before->at.end() && it->second.frames.size() == frames.size()) old = &it->second;
    }
    KeptAtomSums::Frames out;
    if (old == nullptr) {
      std::vector<CellSums> all = query.AtomSums(
          c.indicator, q, atom_of, static_cast<int32_t>(subjects), windows, real, roster, nullptr);
      out.reserve(frames.size());
      for (size_t f = 0; f < frames.size(); ++f) {
        out.push_back(std::make_shared<const std::vector<CellSums>>(
            all.begin() + static_cast<std::ptrdiff_t>(f * width),
            all.begin() + static_cast<std::ptrdiff_t>((f + 1) * width)));
      }
    } else {
      std::optional<Redo> own;
      if (old->stale.empty()) {
        if (!redo_hit) redo_hit = redo_of(hit);
      } else {
        own = redo_of(moved_since(old->stale));
      }
      const Redo& redo = own ? *own : *redo_hit;
      const std::vector<CellSums> again =
          query.AtomSums(c.indicator, q, redo.place_of, static_cast<int32_t>(redo.atoms.size()),
                         windows, real, roster, &redo.members);
      out = old->frames;
      std::vector<std::shared_ptr<std::vector<CellSums>>> copied(frames.size());
      for (size_t h = 0; h < redo.atoms.size(); ++h) {
        const size_t f = redo.atoms[h] / width;
        if (copied[f] == nullptr) {
          copied[f] = std::make_shared<std::vector<CellSums>>(*out[f]);
          out[f] = copied[f];
        }
        (*copied[f])[redo.atoms[h] % width] = again[h];
      }
    }
    if (next != nullptr) next->at[key].frames = out;
    return out;
  };
  auto cell_sums = [&](Period q, bool now) {
    const KeptAtomSums::Frames atoms = atom_sums(q, now);
    if (frames.size() == 1) return *atoms[0];
    std::vector<CellSums> cells(subjects);
    for (size_t f = 0; f < frames.size(); ++f) {
      const std::vector<CellSums>& of_frame = *atoms[f];
      for (int32_t g : chain[f]) {
        for (size_t k = 0; k < width; ++k)
          cells[static_cast<size_t>(g) * width + k].Merge(of_frame[k]);
      }
    }
    return cells;
  };
  const Indicator& indicator = cat.indicators()[static_cast<size_t>(c.indicator)];
  std::vector<Finding> found(subjects);
  for (size_t k = 0; k < periods.size(); ++k) {
    if (std::none_of(alive.begin(), alive.end(), [](char x) { return x != 0; })) break;
    const Period p = periods[k];
    std::vector<std::optional<double>> values(subjects);
    if (batch) {
      AtomContexts cells(std::vector<Measure>{measure}, p,
                         [&](Period q) { return cell_sums(q, q == p); });
      for (size_t a = 0; a < subjects; ++a) {
        if (!alive[a] || cells.sums()[a].n == 0) continue;  // nobody reports: no subject
        values[a] = ComputeMeasure(measure, indicator, cells.sums()[a], cells.Context(a, nullptr));
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
      const std::string& code = tree.node(nodes[a % width]).code;
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
  const std::string period = FormatPeriod(*t);
  for (size_t a = 0; a < subjects; ++a) {
    Finding& f = found[a];
    if (f.streak == 0) continue;
    const size_t frame_index = a / width;
    const NodeId node = nodes[a % width], frame = frames[frame_index];
    const std::string& code = tree.node(node).code;
    f.rule = ri;
    f.subject_key = code;
    f.subject_name = tree.node(node).name;
    if (frame_index > 0) {
      f.subject_key += "@" + other.node(frame).code;
      f.subject_name = other.node(frame).name + "·" + f.subject_name;
    }
    f.region = region_rule ? code : other.node(frame).code;
    f.industry = region_rule ? other.node(frame).code : code;
    f.period = period;
    f.firing = f.streak >= r.for_periods;
    res->findings.push_back(std::move(f));
    if (index != nullptr) index->push_back(static_cast<uint32_t>(a));
  }
  if (next == nullptr) return;
  // The periods not read this time are kept with the atoms moved since marked.
  if (moved != nullptr && before != nullptr) {
    for (const auto& [key, sums] : before->at) {
      if (next->at.contains(key) || sums.frames.size() != frames.size()) continue;
      KeptAtomSums::Sums& carried = next->at[key];
      carried.frames = sums.frames;
      carried.stale = moved_since(sums.stale);
    }
  }
  *kept = std::move(next);
}

}  // namespace ballast::warn::detail
