#include "app/episode_grouping.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace ballast::app {

namespace {

bool GrowthRule(const std::string& rule_id) {
  return rule_id.find("drop") != std::string::npos ||
         rule_id.find("decline") != std::string::npos ||
         rule_id.find("growth") != std::string::npos;
}

using Subject = std::pair<std::string_view, std::string_view>;  // kind, key
struct SubjectHash {
  size_t operator()(const Subject& s) const {
    return std::hash<std::string_view>{}(s.first) * 31 + std::hash<std::string_view>{}(s.second);
  }
};
Subject SubjectOf(const AlertRecord& a) { return {a.subject_kind, a.subject_key}; }

// The labels of a grouping, each given an index once: those of the grouping it was regrouped
// from keep theirs.
class Labels {
 public:
  explicit Labels(std::vector<std::string>* labels) : labels_(labels) {
    for (uint32_t k = 0; k < labels->size(); ++k) index_.emplace((*labels)[k], k);
  }
  uint32_t Of(const std::string& label) {
    auto [it, added] = index_.try_emplace(label, static_cast<uint32_t>(labels_->size()));
    if (added) labels_->push_back(label);
    return it->second;
  }

 private:
  std::vector<std::string>* labels_;
  std::unordered_map<std::string, uint32_t> index_;
};

// Growth, the subject's hash and the counted tags per episode: an episode shared with the
// grouping it was regrouped from (`previous`) has the same hits, so these are read rather than
// found again.
void Index(GroupedEpisodes* g, const GroupedEpisodes* previous = nullptr) {
  g->growth.reserve(g->episodes.size());
  g->subject_hash.reserve(g->episodes.size());
  g->tags.reserve(g->episodes.size());
  g->rules_from.reserve(g->episodes.size() + 1);
  g->rules_from.push_back(0);
  if (previous != nullptr) g->labels = previous->labels;
  std::optional<Labels> labels;  // made when an episode is new
  for (uint32_t i = 0; i < g->episodes.size(); ++i) {
    if (previous != nullptr && g->was[i] >= 0) {
      const auto k = static_cast<size_t>(g->was[i]);
      g->growth.push_back(previous->growth[k]);
      g->subject_hash.push_back(previous->subject_hash[k]);
      g->tags.push_back(previous->tags[k]);
      g->counted_rules.insert(g->counted_rules.end(),
                              previous->counted_rules.begin() + previous->rules_from[k],
                              previous->counted_rules.begin() + previous->rules_from[k + 1]);
      g->rules_from.push_back(static_cast<uint32_t>(g->counted_rules.size()));
      continue;
    }
    const auto& hits = g->episodes[i]->hits;
    g->growth.push_back(std::any_of(hits.begin(), hits.end(),
                                    [](const AlertRecord* a) { return GrowthRule(a->rule_id); }));
    const warn::Episode& head = g->episodes[i]->head;
    g->subject_hash.push_back(SubjectHash{}(Subject(head.subject_kind, head.subject_key)));
    if (!labels) labels.emplace(&g->labels);
    g->tags.push_back({labels->Of(head.level), labels->Of(head.subject_kind),
                       labels->Of(head.region), labels->Of(head.state), head.muted});
    for (const AlertRecord* h : hits) {
      if (h->state == head.state) g->counted_rules.push_back(labels->Of(h->rule_id));
    }
    g->rules_from.push_back(static_cast<uint32_t>(g->counted_rules.size()));
  }
  g->IndexAlerts(previous);
}

void AddGrouped(GroupedEpisodes* g, const std::vector<const AlertRecord*>& alerts) {
  for (auto& e : warn::GroupEpisodeRefs(alerts)) {
    g->episodes.push_back(std::make_shared<const warn::EpisodeRefs>(std::move(e)));
    g->was.push_back(-1);
  }
}

}  // namespace

std::shared_ptr<const GroupedEpisodes> GroupAlerts(std::shared_ptr<const LiveAlerts> held,
                                                   const std::vector<const AlertRecord*>& alerts) {
  auto g = std::make_shared<GroupedEpisodes>();
  g->held = std::move(held);
  AddGrouped(g.get(), alerts);
  Index(g.get());
  return g;
}

std::shared_ptr<const GroupedEpisodes> RegroupAlerts(
    const std::shared_ptr<const GroupedEpisodes>& previous,
    std::shared_ptr<const LiveAlerts> held) {
  // The rows of the two sets, both by id: a row not shared by both touches its subject.
  std::unordered_set<Subject, SubjectHash> touched;
  std::unordered_set<int64_t> stale;      // rows of the earlier set not in this one as they were
  std::vector<const AlertRecord*> added;  // rows of this set not in the earlier one
  const auto &before = previous->held->rows, &now = held->rows;
  for (size_t i = 0, j = 0; i < before.size() || j < now.size();) {
    if (j == now.size() || (i < before.size() && before[i]->id < now[j]->id)) {
      touched.insert(SubjectOf(*before[i]));
      stale.insert(before[i++]->id);
    } else if (i == before.size() || now[j]->id < before[i]->id) {
      touched.insert(SubjectOf(*now[j]));
      added.push_back(now[j++].get());
    } else {
      if (before[i] != now[j]) {
        touched.insert(SubjectOf(*before[i]));
        touched.insert(SubjectOf(*now[j]));
        stale.insert(before[i]->id);
        added.push_back(now[j].get());
      }
      ++i, ++j;
    }
  }
  if (touched.size() > previous->episodes.size() / 2 + 16) return nullptr;
  std::unordered_set<size_t> touched_hash;
  for (const Subject& s : touched) touched_hash.insert(SubjectHash{}(s));
  auto g = std::make_shared<GroupedEpisodes>();
  g->held = std::move(held);
  g->from = previous;
  g->episodes.reserve(previous->episodes.size() + added.size());
  std::map<Subject, std::vector<const AlertRecord*>> regroup;  // a touched subject's alerts now
  for (const AlertRecord* a : added) regroup[SubjectOf(*a)].push_back(a);
  for (size_t k = 0; k < previous->episodes.size(); ++k) {
    const auto& e = previous->episodes[k];
    // By the kept hash first: the episode's head is read only when its subject may be touched.
    if (!touched_hash.contains(previous->subject_hash[k]) ||
        !touched.contains(Subject(e->head.subject_kind, e->head.subject_key))) {
      g->episodes.push_back(e);
      g->was.push_back(static_cast<int32_t>(k));
      continue;
    }
    const Subject s(e->head.subject_kind, e->head.subject_key);
    auto& alerts = regroup[s];
    for (const AlertRecord* h : e->hits) {
      if (!stale.contains(h->id)) alerts.push_back(h);
    }
  }
  for (auto& [subject, alerts] : regroup) {
    // In the lists' order, as GroupAlerts sees them (the first names the subject).
    std::sort(alerts.begin(), alerts.end(),
              [](const AlertRecord* x, const AlertRecord* y) { return PlaceOf(*x) < PlaceOf(*y); });
    AddGrouped(g.get(), alerts);
  }
  Index(g.get(), previous.get());
  return g;
}

void GroupedEpisodes::IndexAlerts(const GroupedEpisodes* previous) {
  dense_.clear();
  sparse_.clear();
  const auto& rows = held->rows;  // by id
  if (rows.empty()) return;
  first_id_ = rows.front()->id;
  const auto span = static_cast<uint64_t>(rows.back()->id - first_id_) + 1;
  const bool dense = span <= 4 * static_cast<uint64_t>(rows.size()) + 1024;
  if (dense) dense_.assign(static_cast<size_t>(span), kNone);
  auto place = [&](uint32_t i) {
    for (const AlertRecord* h : episodes[i]->hits) {
      if (!dense) {
        sparse_[h->id] = i;
      } else if (h->id >= first_id_ && h->id - first_id_ < static_cast<int64_t>(span)) {
        dense_[static_cast<size_t>(h->id - first_id_)] = i;
      }
    }
  };
  if (dense && previous != nullptr && !previous->dense_.empty() && was.size() == episodes.size()) {
    // An episode carried has the same alerts, with the same ids: their slots are read from the
    // index before, renumbered, without reading the alerts (the country's, after each
    // evaluation). The episodes grouped again place their own.
    std::vector<uint32_t> now_of(previous->episodes.size(), kNone);
    for (uint32_t i = 0; i < episodes.size(); ++i) {
      if (was[i] >= 0) now_of[static_cast<size_t>(was[i])] = i;
    }
    const int64_t shift = first_id_ - previous->first_id_;
    const auto before = static_cast<int64_t>(previous->dense_.size());
    for (size_t slot = 0; slot < dense_.size(); ++slot) {
      const int64_t old = static_cast<int64_t>(slot) + shift;
      if (old < 0 || old >= before) continue;
      const uint32_t k = previous->dense_[static_cast<size_t>(old)];
      if (k != kNone) dense_[slot] = now_of[k];
    }
    for (uint32_t i = 0; i < episodes.size(); ++i) {
      if (was[i] < 0) place(i);
    }
    return;
  }
  for (uint32_t i = 0; i < episodes.size(); ++i) place(i);
}

}  // namespace ballast::app
