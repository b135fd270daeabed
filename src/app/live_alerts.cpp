// What a set of live alerts works out once and keeps: the lists' order, the places of a
// region's rows, and the rows by fingerprint (app/warnings.h, LiveAlerts).
#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/access.h"
#include "app/warnings.h"

namespace ballast::app {

namespace {

// Walks the rows of a set and of the set it was made from, both by id: `kept(i, j)` for a record
// both hold (was[i] is now[j]), `gone(i)` for a row of `was` not here as it was (removed, or
// written again), `written(j)` for a row here that `was` did not hold as it is.
template <typename Kept, typename Gone, typename Written>
void CompareRows(const std::vector<std::shared_ptr<const AlertRecord>>& was,
                 const std::vector<std::shared_ptr<const AlertRecord>>& now, Kept kept, Gone gone,
                 Written written) {
  for (size_t i = 0, j = 0; i < was.size() || j < now.size();) {
    if (i < was.size() && j < now.size() && was[i] == now[j]) {
      kept(i++, j++);
    } else if (j == now.size() || (i < was.size() && was[i]->id < now[j]->id)) {
      gone(i++);
    } else {
      if (i < was.size() && was[i]->id == now[j]->id) gone(i++);  // written again
      written(j++);
    }
  }
}

}  // namespace

std::shared_ptr<const std::vector<uint32_t>> LiveAlerts::Within(NodeId region,
                                                                const CodeTree& regions) const {
  const Listed& listed = InListOrder(regions);
  std::lock_guard<std::mutex> lock(within_mu_);
  if (auto it = within_.find(region); it != within_.end()) return it->second;
  if (within_.size() >= kWithinKept) return nullptr;
  auto places = std::make_shared<std::vector<uint32_t>>();
  for (size_t i = 0; i < listed.rows.size(); ++i) {
    const NodeId r = listed.regions[i];
    if (r != kNoNode && regions.Contains(region, r)) places->push_back(static_cast<uint32_t>(i));
  }
  within_.emplace(region, places);
  return places;
}

const LiveAlerts::Listed& LiveAlerts::InListOrder(const CodeTree& regions,
                                                  std::shared_ptr<const void> owner) const {
  std::call_once(listed_once_, [&] {
    // Region codes repeat (every alert of a city's firms): each is looked up once.
    std::unordered_map<std::string_view, NodeId> node_of;
    auto node = [&](const AlertRecord& a) {
      auto [it, fresh] = node_of.try_emplace(a.region, kNoNode);
      if (fresh) it->second = regions.Find(a.region);
      return it->second;
    };
    // The rows written since the set before (not the same record in both, by id), in order.
    std::vector<std::pair<ListPlace, const AlertRecord*>> ranked;
    const auto before = from.lock();
    const bool merge = before != nullptr && before->listed_done_.load(std::memory_order_acquire);
    std::unordered_set<const AlertRecord*> stale;
    if (merge) {
      CompareRows(
          before->rows, rows, [](size_t, size_t) {},
          [&](size_t i) { stale.insert(before->rows[i].get()); },
          [&](size_t j) { ranked.emplace_back(PlaceOf(*rows[j]), rows[j].get()); });
    } else {
      ranked.reserve(rows.size());
      for (const auto& p : rows) ranked.emplace_back(PlaceOf(*p), p.get());
    }
    std::sort(ranked.begin(), ranked.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    listed_.rows.reserve(rows.size());
    listed_.regions.reserve(rows.size());
    listed_.marks.reserve(rows.size());
    listed_.places.reserve(rows.size());
    auto add = [&](const AlertRecord* a, NodeId n, uint8_t marks, ListPlace place) {
      listed_.rows.push_back(a);
      listed_.regions.push_back(n);
      listed_.marks.push_back(marks);
      listed_.places.push_back(place);
    };
    auto add_written = [&](const std::pair<ListPlace, const AlertRecord*>& w) {
      add(w.second, node(*w.second), MarksOf(*w.second), w.first);
    };
    size_t k = 0;
    if (merge) {  // the rows kept, in their order, with the written ones merged in
      const Listed& was = before->listed_;
      // The same tree, held since: the nodes stand. Another one: each read again unless its
      // code is at the same node.
      const bool same_tree = was.tree_owner != nullptr && was.tree == &regions;
      for (size_t i = 0; i < was.rows.size(); ++i) {
        const AlertRecord* a = was.rows[i];
        if (!stale.empty() && stale.contains(a)) continue;
        const ListPlace place = was.places[i];
        while (k < ranked.size() && ranked[k].first < place) add_written(ranked[k++]);
        const NodeId n = was.regions[i];
        const bool same = same_tree || (n == kNoNode ? regions.Find(a->region) == kNoNode
                                                     : static_cast<size_t>(n) < regions.size() &&
                                                           regions.node(n).code == a->region);
        add(a, same ? n : node(*a), was.marks[i], place);  // the same record: the same marks
      }
    }
    for (; k < ranked.size(); ++k) add_written(ranked[k]);
    listed_.tree = &regions;
    listed_.tree_owner = std::move(owner);
    listed_done_.store(true, std::memory_order_release);
  });
  return listed_;
}

uint8_t LiveAlerts::MarksOf(const AlertRecord& a) {
  uint8_t m = 0;
  if (a.muted()) m |= kMuted;
  if (a.subject_kind == "enterprise") m |= kOnEnterprise;
  if (a.subject_kind == "project") m |= kOnProject;
  if (Access::CountryWide(a.region)) m |= kCountryWideCode;
  return m;
}

const warn::FingerprintIndex& LiveAlerts::ByFingerprint() const {
  std::call_once(fingerprints_once_, [&] {
    std::vector<const AlertRecord*> all;
    all.reserve(rows.size());
    for (const auto& a : rows) all.push_back(a.get());
    by_fingerprint_ = warn::IndexFingerprints(all);
    fingerprints_done_.store(true, std::memory_order_release);
  });
  return by_fingerprint_;
}

void LiveAlerts::CarryFingerprints(const LiveAlerts& before) {
  if (!before.fingerprints_done_.load(std::memory_order_acquire)) return;
  std::call_once(fingerprints_once_, [&] {
    // A row of `before` is kept when the same record is here (its place here noted); the rows
    // written since are the only ones parsed.
    constexpr size_t kGone = static_cast<size_t>(-1);
    std::vector<size_t> place(before.rows.size(), kGone);
    warn::FingerprintIndex written;
    CompareRows(
        before.rows, rows, [&](size_t i, size_t j) { place[i] = j; }, [](size_t) {},
        [&](size_t j) {
          uint64_t h;
          if (warn::FingerprintBits(rows[j]->fingerprint, &h)) written.emplace_back(h, j);
        });
    std::sort(written.begin(), written.end());
    // The kept rows' places keep their order (both sets by id): the index stays sorted.
    warn::FingerprintIndex kept;
    kept.reserve(before.by_fingerprint_.size());
    for (const auto& [h, i] : before.by_fingerprint_) {
      if (place[i] != kGone) kept.emplace_back(h, place[i]);
    }
    by_fingerprint_.reserve(kept.size() + written.size());
    std::merge(kept.begin(), kept.end(), written.begin(), written.end(),
               std::back_inserter(by_fingerprint_));
    fingerprints_done_.store(true, std::memory_order_release);
  });
}

}  // namespace ballast::app
