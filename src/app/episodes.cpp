#include "app/episodes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "app/answer_cache.h"
#include "app/ballast.h"
#include "app/warnings_scoped.h"
#include "engine/measure_context.h"

namespace ballast::app {

namespace {

constexpr const char* kOutput = "output_value";
constexpr const char* kChainLeader = "链主";

// The facts of region and industry subjects, kept for the panel snapshot they were read from:
// each is a scan of the panel, hundreds of them make a list, and the list is asked for again by
// every page view and badge until a new batch arrives (then the snapshot changes).
class CellFactsCache {
 public:
  std::optional<warn::SubjectFacts> Find(const std::shared_ptr<const Snapshot>& snap,
                                         const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    if (snap != snap_.lock()) return std::nullopt;
    auto it = facts_.find(key);
    if (it == facts_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::shared_ptr<const Snapshot>& snap, const std::string& key,
           const warn::SubjectFacts& f) {
    std::lock_guard<std::mutex> lock(mu_);
    if (snap != snap_.lock()) {
      snap_ = snap;
      facts_.clear();
    }
    facts_[key] = f;
  }

 private:
  std::mutex mu_;
  std::weak_ptr<const Snapshot> snap_;  // not kept alive: a new batch frees the old panel
  std::unordered_map<std::string, warn::SubjectFacts> facts_;
};

CellFactsCache& CellFacts() {
  static auto* cache = new CellFactsCache();  // never destroyed: outlives every request
  return *cache;
}

// Episode lists as answered, kept for the live alerts and the panel snapshot they were made
// from (both immutable; a new evaluation, a handling step or a new batch replaces one and so
// empties the cache). The warnings page and its badge on every page view ask the same few lists,
// each a grouping and scoring of every alert in the scope. Checks and the audit record run on
// every request (ListEpisodes).
struct KeptList {
  EpisodeList list;
  int64_t on_enterprises = 0;  // alerts on enterprises the list was made from (audit)
};

class ListCache {
 public:
  std::shared_ptr<const Kept<KeptList>> Find(const std::shared_ptr<const LiveAlerts>& live,
                                       const std::shared_ptr<const Snapshot>& snap,
                                       const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    if (live != live_.lock() || snap != snap_.lock()) return nullptr;
    auto it = lists_.find(key);
    return it == lists_.end() ? nullptr : it->second;
  }
  void Put(const std::shared_ptr<const LiveAlerts>& live,
           const std::shared_ptr<const Snapshot>& snap, const std::string& key,
           std::shared_ptr<const Kept<KeptList>> kept) {
    std::lock_guard<std::mutex> lock(mu_);
    if (live != live_.lock() || snap != snap_.lock() || lists_.size() >= kMaxLists) {
      live_ = live;
      snap_ = snap;
      lists_.clear();
    }
    lists_[key] = std::move(kept);
  }
  std::mutex& making() { return making_; }

 private:
  static constexpr size_t kMaxLists = 512;
  std::mutex mu_, making_;
  std::weak_ptr<const LiveAlerts> live_;  // neither kept alive
  std::weak_ptr<const Snapshot> snap_;
  std::unordered_map<std::string, std::shared_ptr<const Kept<KeptList>>> lists_;
};

ListCache& Lists() {
  static auto* cache = new ListCache();  // never destroyed: outlives every request
  return *cache;
}

std::string ExactText(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

// Everything a list depends on besides the alerts and the panel: the caller's scope (what
// app/access.h decides by, besides the user's name) and every field of the request.
std::string ListKey(const Caller& c, const AlertFilter& af, const EpisodeFilter& f) {
  CacheKey k("episodes");
  k.Add(auth::RoleName(c.role)).Add(c.region).Add(c.uscc).Add(c.unit).Add(af.region);
  k.Add(f.state).Add(f.level).Add(f.kind).Add(f.rule_id).Add(f.subject_key);
  k.Add(f.include_muted ? "muted" : "-").Add(ExactText(f.min_score)).Add(f.sort);
  k.Add(static_cast<int64_t>(f.offset)).Add(static_cast<int64_t>(f.limit));
  return k.str();
}

// What the panel says of each episode's subject: its weight and its growth now and over two
// years (the output figures, at the latest month with output data).
class FactFinder {
 public:
  explicit FactFinder(Workspace& ws) {
    auto snap = ws.GetSnapshot();
    if (!snap.ok()) return;
    snap_ = *snap;
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

  warn::SubjectFacts Facts(const warn::Episode& e) {
    warn::SubjectFacts f;
    if (period_ == 0) return f;
    if (e.subject_kind == "enterprise") return Enterprise(e.subject_key);
    if (e.subject_kind == "region" || e.subject_kind == "industry") return Cell(e);
    return f;
  }

  // Reads the facts of the region and industry subjects among `episodes` not known yet for
  // this snapshot, all together (Query::Cells: a few passes over the panel, not one per
  // subject). A region weighs its share of its parent region's output; an industry (within a
  // region) its share of that region's whole industrial output, year to date.
  void Prefetch(std::span<const warn::Episode> episodes) {
    if (period_ == 0) return;
    const Catalog& cat = snap_->panel->catalog();
    struct Pending {
      std::string key;
      bool region;
      size_t row;  // of its kind's cells; an industry's region total follows it
    };
    std::vector<Pending> pending;
    std::vector<CellRef> regions, industries;
    std::unordered_set<std::string> seen;
    for (const warn::Episode& e : episodes) {
      const bool region = e.subject_kind == "region";
      if (!region && e.subject_kind != "industry") continue;
      std::string key = CellKey(e);
      if (!seen.insert(key).second || CellFacts().Find(snap_, key)) continue;
      const NodeId r = cat.regions().Find(e.region.empty() ? std::string(kCountryCode) : e.region);
      const NodeId i = e.industry.empty() ? cat.all_industry() : cat.FindIndustry(e.industry);
      if (r == kNoNode || i == kNoNode) {
        CellFacts().Put(snap_, key, {});
        continue;
      }
      std::vector<CellRef>& cells = region ? regions : industries;
      pending.push_back({std::move(key), region, cells.size()});
      cells.push_back({ind_, period_, r, i});
      if (!region) cells.push_back({ind_, period_, r, cat.all_industry()});
    }
    if (pending.empty()) return;
    const auto by_region = snap_->query->Cells(
        regions, {Measure::kYoy, Measure::kYoy2y, Measure::kShare}, Dimension::kRegion);
    const auto by_industry = snap_->query->Cells(
        industries, {Measure::kYoy, Measure::kYoy2y, Measure::kYtd}, Dimension::kIndustry);
    for (const Pending& p : pending) {
      warn::SubjectFacts f;
      const auto& row = p.region ? by_region[p.row] : by_industry[p.row];
      if (row.ok()) {
        f.yoy = row->values[0];
        f.yoy_2y = row->values[1];
        if (p.region) {
          f.share_pct = row->values[2];
        } else if (const auto& all = by_industry[p.row + 1];
                   all.ok() && all->values[2] && row->values[2] && *all->values[2] > 0) {
          f.share_pct = *row->values[2] / *all->values[2] * 100;
        }
      }
      CellFacts().Put(snap_, p.key, f);
    }
  }

 private:
  // Shares use the base (上年同期): a stopped firm weighs what it normally produces.
  void LoadEnterprises() {
    if (loaded_) return;
    loaded_ = true;
    const Panel& panel = *snap_->panel;
    const CodeTree& regions = panel.catalog().regions();
    now_.Load(panel, ind_, period_, EnterpriseFigures::kMonthly);
    has_year_ago_ = period_ - 12 >= panel.first_period();
    if (has_year_ago_) year_ago_.Load(panel, ind_, period_ - 12, EnterpriseFigures::kBx);
    const size_t n = panel.num_enterprises();
    prefecture_.assign(n, kNoNode);
    for (uint32_t e = 0; e < n; ++e) {
      const NodeId r = panel.enterprise(e).region;
      if (r == kNoNode) continue;
      prefecture_[e] = regions.AncestorAtDepth(r, std::min<int32_t>(2, regions.node(r).depth));
      const double size = Size(e);
      if (!std::isnan(size)) totals_[prefecture_[e]] += size;
    }
  }
  double Size(uint32_t e) const {
    const double b = now_.bx()[e], x = now_.x()[e];
    return !std::isnan(b) && b > 0 ? b : !std::isnan(x) && x > 0 ? x : NAN;
  }

  warn::SubjectFacts Enterprise(const std::string& uscc) {
    warn::SubjectFacts f;
    const Panel& panel = *snap_->panel;
    const int64_t idx = panel.FindEnterprise(uscc);
    if (idx < 0) return f;
    LoadEnterprises();
    const auto e = static_cast<uint32_t>(idx);
    const auto& tags = panel.enterprise(e).tags;
    f.chain_leader = std::find(tags.begin(), tags.end(), kChainLeader) != tags.end();
    const double size = Size(e);
    if (prefecture_[e] != kNoNode && !std::isnan(size)) {
      const double total = totals_[prefecture_[e]];
      if (total > 0) f.share_pct = size / total * 100;
    }
    const double x = now_.x()[e], b = now_.bx()[e];
    const double b2 = has_year_ago_ ? year_ago_.bx()[e] : NAN;  // the value two years ago
    if (!std::isnan(x) && !std::isnan(b) && b > 0) f.yoy = (x / b - 1) * 100;
    if (!std::isnan(x) && !std::isnan(b2) && b2 > 0 && x >= 0)
      f.yoy_2y = (std::sqrt(x / b2) - 1) * 100;
    return f;
  }

  static std::string CellKey(const warn::Episode& e) {
    return e.subject_kind + '\x1f' + e.region + '\x1f' + e.industry;
  }
  warn::SubjectFacts Cell(const warn::Episode& e) {
    if (auto known = CellFacts().Find(snap_, CellKey(e))) return *known;
    Prefetch(std::span<const warn::Episode>(&e, 1));
    return CellFacts().Find(snap_, CellKey(e)).value_or(warn::SubjectFacts{});
  }

  std::shared_ptr<const Snapshot> snap_;
  int ind_ = -1;
  Period period_ = 0;
  bool loaded_ = false, has_year_ago_ = false;
  EnterpriseFigures now_, year_ago_;
  std::vector<NodeId> prefecture_;
  std::unordered_map<NodeId, double> totals_;
};

std::string PrefectureOf(const Catalog& cat, const std::string& code) {
  const NodeId n = cat.regions().Find(code);
  if (n == kNoNode) return code.empty() ? "-" : code;
  const NodeId p =
      cat.regions().AncestorAtDepth(n, std::min<int32_t>(2, cat.regions().node(n).depth));
  return p == kNoNode ? code : cat.regions().node(p).code;
}

bool GrowthRule(const std::string& rule_id) {
  return rule_id.find("drop") != std::string::npos ||
         rule_id.find("decline") != std::string::npos ||
         rule_id.find("growth") != std::string::npos;
}

void ScoreWithNotes(FactFinder& facts, warn::Episode* e) {
  warn::ScoreEpisode(facts.Facts(*e), e);
  const bool growth = std::any_of(e->hits.begin(), e->hits.end(),
                                  [](const AlertRecord& a) { return GrowthRule(a.rule_id); });
  if (!growth) e->base_effect.clear();
}

// The live alerts of the subjects whose episode passes the state and muting filters, copied;
// the others (most are pending or muted) are only read. GroupEpisodes's rules: an episode is
// firing when any hit fires, muted when every hit is silenced or inhibited.
std::vector<AlertRecord> OfPassingSubjects(const std::vector<const AlertRecord*>& alerts,
                                           const EpisodeFilter& f) {
  struct Subject {
    bool firing = false, muted = true;
  };
  auto key = [](const AlertRecord& a) {
    std::string k;
    k.reserve(a.subject_kind.size() + 1 + a.subject_key.size());
    k.append(a.subject_kind).append(1, '\x1f').append(a.subject_key);
    return k;
  };
  std::unordered_map<std::string, Subject> subjects;
  subjects.reserve(alerts.size());
  auto live = [](const AlertRecord& a) { return a.state == "firing" || a.state == "pending"; };
  for (const AlertRecord* a : alerts) {
    if (!live(*a)) continue;
    Subject& s = subjects[key(*a)];
    s.firing = s.firing || a->state == "firing";
    s.muted = s.muted && (a->silenced_by != 0 || a->inhibited);
  }
  std::vector<AlertRecord> out;
  for (const AlertRecord* a : alerts) {
    if (!live(*a)) continue;
    const Subject& s = subjects[key(*a)];
    if (!f.state.empty() && (s.firing ? "firing" : "pending") != f.state) continue;
    if (!f.include_muted && s.muted) continue;
    out.push_back(*a);
  }
  return out;
}

Result<EpisodeList> FromAlerts(Warnings& w, std::vector<AlertRecord> alerts,
                               const EpisodeFilter& f) {
  if (!f.level.empty()) RETURN_IF_ERROR(warn::ParseLevel(f.level).status());
  if (!f.state.empty() && f.state != "firing" && f.state != "pending") {
    return Status::Invalid("state: firing or pending (empty for both)");
  }
  if (!(f.min_score >= 0)) return Status::Invalid("min_score: a number >= 0");
  if (f.sort != "score" && f.sort != "level" && f.sort != "newest" && f.sort != "duration") {
    return Status::Invalid("sort: score, level, newest or duration");
  }
  auto all = warn::GroupEpisodes(std::move(alerts));
  const Catalog& cat = w.workspace().catalog();
  EpisodeList out;
  std::vector<warn::Episode> base;
  FactFinder facts(w.workspace());
  const bool scored = f.min_score > 0;  // scores for every episode only when they filter
  if (scored) facts.Prefetch(all);
  for (auto& e : all) {
    if (!f.state.empty() && e.state != f.state) continue;
    if (!f.include_muted && e.muted) continue;
    if (scored) {
      ScoreWithNotes(facts, &e);
      if (e.score < f.min_score) continue;
    }
    base.push_back(std::move(e));
  }
  out.counts.total = static_cast<int64_t>(base.size());
  for (const auto& e : base) {
    ++out.counts.by_level[e.level];
    ++out.counts.by_kind[e.subject_kind];
    ++out.counts.by_region[PrefectureOf(cat, e.region)];
    for (const auto& h : e.hits) {
      if (h.state == e.state) ++out.counts.by_rule[h.rule_id];
    }
  }
  std::vector<warn::Episode> matched;
  for (auto& e : base) {
    if (!f.level.empty() && e.level != f.level) continue;
    if (!f.kind.empty() && e.subject_kind != f.kind) continue;
    if (!f.subject_key.empty() && e.subject_key != f.subject_key) continue;
    if (!f.rule_id.empty() && std::none_of(e.hits.begin(), e.hits.end(), [&](const AlertRecord& a) {
          return a.rule_id == f.rule_id;
        })) {
      continue;
    }
    matched.push_back(std::move(e));
  }
  if (!scored) {
    facts.Prefetch(matched);
    for (auto& e : matched) ScoreWithNotes(facts, &e);
  }
  auto by = [&](const warn::Episode& a, const warn::Episode& b) {
    if (f.sort == "level" && a.level != b.level)
      return warn::LevelPoints(a.level) > warn::LevelPoints(b.level);
    if (f.sort == "newest" && a.started_at != b.started_at) return a.started_at > b.started_at;
    if (f.sort == "duration" && a.months != b.months) return a.months > b.months;
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  };
  std::sort(matched.begin(), matched.end(), by);
  out.matched = static_cast<int64_t>(matched.size());
  const size_t from = std::min(f.offset, matched.size());
  const size_t to = f.limit == 0 ? matched.size() : std::min(matched.size(), from + f.limit);
  for (size_t i = from; i < to; ++i) out.episodes.push_back(std::move(matched[i]));
  return out;
}

}  // namespace

Result<EpisodeList> ListEpisodes(Warnings& w, const EpisodeFilter& f) {
  AlertFilter af;
  af.region = f.region;
  ASSIGN_OR_RETURN(auto view, w.ViewAlerts(af));
  return FromAlerts(w, OfPassingSubjects(view.rows, f), f);
}

namespace {

Result<std::shared_ptr<const Kept<KeptList>>> KeptEpisodes(Ballast& b, const Caller& c,
                                                            const EpisodeFilter& f) {
  AlertFilter af;
  af.region = f.region;
  RETURN_IF_ERROR(ScopeAlertFilter(b, c, &af));
  ASSIGN_OR_RETURN(auto live, b.warnings().Live());
  // A store without data has no panel: its lists are kept under none.
  auto snapshot = b.workspace().GetSnapshot();
  const std::shared_ptr<const Snapshot> snap = snapshot.ok() ? *snapshot : nullptr;
  const std::string key = ListKey(c, af, f);
  auto found = [&]() -> std::shared_ptr<const Kept<KeptList>> {
    auto hit = Lists().Find(live, snap, key);
    if (hit != nullptr) AuditEnterpriseAlerts(b, c, af, hit->answer().on_enterprises);
    return hit;
  };
  if (auto hit = found()) return hit;
  // One list is made at a time: the requests that arrive meanwhile (a page and its badge
  // after each new batch, from every open browser) find it made instead of making it again.
  std::lock_guard<std::mutex> making(Lists().making());
  if (auto hit = found()) return hit;
  ASSIGN_OR_RETURN(auto view, ViewAlerts(b, c, af));  // checks and audits again, reads
  KeptList made;
  made.on_enterprises = std::count_if(view.rows.begin(), view.rows.end(), [](const AlertRecord* a) {
    return a->subject_kind == "enterprise";
  });
  ASSIGN_OR_RETURN(made.list, FromAlerts(b.warnings(), OfPassingSubjects(view.rows, f), f));
  auto kept = std::make_shared<const Kept<KeptList>>(std::move(made));
  Lists().Put(view.held, snap, key, kept);
  return kept;
}

}  // namespace

Result<EpisodeList> ListEpisodes(Ballast& b, const Caller& c, EpisodeFilter f) {
  ASSIGN_OR_RETURN(auto kept, KeptEpisodes(b, c, f));
  return kept->answer().list;
}

Result<std::shared_ptr<const std::string>> ListEpisodes(Ballast& b, const Caller& c,
                                                        const EpisodeFilter& f,
                                                        const Rendering<EpisodeList>& r) {
  ASSIGN_OR_RETURN(auto kept, KeptEpisodes(b, c, f));
  return kept->Rendered({r.name, [&](const KeptList& k) { return r.render(k.list); }});
}

Result<EpisodeCounts> CountEpisodes(Ballast& b, const Caller& c, const std::string& region,
                                    double min_score) {
  EpisodeFilter f;
  f.region = region;
  f.min_score = min_score;
  f.limit = 1;
  f.kind = std::string(1, '-');  // nothing matches: only the counts are computed, no scores
  ASSIGN_OR_RETURN(auto list, ListEpisodes(b, c, f));
  return list.counts;
}

}  // namespace ballast::app
