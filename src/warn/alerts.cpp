#include "warn/alerts.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/parallel.h"

namespace ballast::warn {

namespace {

bool SameAlert(const AlertRecord& a, const AlertRecord& b) {
  return a.state == b.state && a.level == b.level && a.value == b.value &&
         a.threshold == b.threshold && a.period == b.period && a.streak == b.streak &&
         a.message_zh == b.message_zh && a.message_en == b.message_en &&
         a.subject_name == b.subject_name && a.region == b.region && a.industry == b.industry &&
         a.units == b.units && a.family == b.family && a.fired_at == b.fired_at &&
         a.resolved_at == b.resolved_at && a.silenced_by == b.silenced_by &&
         a.inhibited == b.inhibited && a.handling == b.handling && a.assignee == b.assignee &&
         a.deadline == b.deadline && a.note == b.note;
}

// Whether the stored alert already says what the finding says: the same state and level (so no
// event is due), every field and both messages.
bool AsStored(const AlertRecord& old, const Rule& r, const Finding& f, const std::string& zh,
              const std::string& en) {
  return old.state == (f.firing ? "firing" : "pending") && old.level == LevelName(f.level) &&
         !(f.firing && old.fired_at.empty()) && old.family == r.family &&
         old.subject_name == f.subject_name && old.region == f.region &&
         old.industry == f.industry && old.units == f.units && old.period == f.period &&
         old.value == f.value && old.threshold == f.threshold && old.streak == f.streak &&
         old.message_zh == zh && old.message_en == en;
}

AlertEventRecord Event(const std::string& now, const std::string& actor, std::string action,
                       std::string from, std::string to, std::string detail = "") {
  AlertEventRecord e;
  e.at = now;
  e.actor = actor;
  e.action = std::move(action);
  e.from = std::move(from);
  e.to = std::move(to);
  e.detail = std::move(detail);
  return e;
}

bool RegionContains(const Catalog* cat, const std::string& outer, const std::string& inner) {
  if (outer == inner) return true;
  if (cat == nullptr || outer.empty() || inner.empty()) return false;
  NodeId o = cat->regions().Find(outer), i = cat->regions().Find(inner);
  return o != kNoNode && i != kNoNode && cat->regions().Contains(o, i);
}

int LevelRank(const std::string& level) {
  auto l = ParseLevel(level);
  return l.ok() ? static_cast<int>(*l) : 0;
}

bool ValidDate(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return false;
  if (s[4] != '-' || s[7] != '-' || y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && !leap ? 28 : kDays[m - 1]);
}

}  // namespace

namespace {

uint64_t FingerprintHash(const std::string& rule_id, const std::string& subject_kind,
                         const std::string& subject_key) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1f;  // separator, so that ("ab","c") and ("a","bc") differ
    h *= 1099511628211ULL;
  };
  mix(rule_id);
  mix(subject_kind);
  mix(subject_key);
  return h;
}

std::string HexFingerprint(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

struct Mute {
  int64_t silenced_by = 0;
  bool inhibited = false;
};

// The mutes `alerts` should carry (ApplyMutes's rules), read through `at(i)` for i < n. Resolved
// alerts keep theirs; only enterprise alerts are inhibited. A region alert's inhibition reaches
// the enterprise alerts of its family in its subtree: looked up by walking each region the
// enterprises are in up the code tree, not by comparing every pair.
template <typename At>
std::vector<Mute> ComputeMutes(size_t n, At at, const std::vector<SilenceRecord>& silences,
                               const std::string& now, const Catalog* catalog) {
  std::vector<const SilenceRecord*> active;
  for (const auto& s : silences) {
    if (SilenceActive(s, now)) active.push_back(&s);
  }
  std::vector<Mute> out(n);
  // Inhibition: a firing, unsilenced region alert mutes the alerts of its enterprises in the
  // same family whose level is not above its own (a red city explains its firms' falls; a blue
  // city does not hide a red firm). family -> region code -> the highest level inhibiting there;
  // gathered in the same pass as the silences.
  struct Sources {
    std::unordered_map<std::string, int> at;  // region code -> highest level
    // region code -> highest level at it or above it (-1: none), as enterprises ask for it
    std::unordered_map<std::string_view, int> reach;
  };
  std::unordered_map<std::string, Sources> sources;
  for (size_t i = 0; i < n; ++i) {
    const AlertRecord& a = at(i);
    out[i] = {a.silenced_by, a.inhibited};
    if (a.state == "resolved") continue;
    int64_t by = 0;
    for (const SilenceRecord* s : active) {
      if (SilenceMatches(*s, a, catalog)) {
        by = s->id;
        break;
      }
    }
    out[i].silenced_by = by;
    if (by == 0 && a.state == "firing" && a.subject_kind == "region") {
      int& rank = sources[a.family].at[a.region];
      rank = std::max(rank, LevelRank(a.level));
    }
  }
  // An enterprise's region is inhibited up to the highest level of the sources at it or above
  // it: worked out once per family and region (a few thousand), not per alert (a few hundred
  // thousand), by walking the region up the code tree.
  const CodeTree* regions = catalog == nullptr ? nullptr : &catalog->regions();
  auto highest = [&](Sources* family, const std::string& region) {
    auto [it, added] = family->reach.try_emplace(region, -1);
    if (!added) return it->second;
    const auto& by_region = family->at;
    int best = -1;
    if (auto s = by_region.find(region); s != by_region.end()) best = s->second;
    if (regions != nullptr && !region.empty()) {
      const NodeId r = regions->Find(region);
      for (NodeId p = r == kNoNode ? kNoNode : regions->node(r).parent; p != kNoNode;
           p = regions->node(p).parent) {
        if (auto s = by_region.find(regions->node(p).code); s != by_region.end())
          best = std::max(best, s->second);
      }
    }
    it->second = best;
    return best;
  };
  // The alerts come by id, so mostly a rule's, region by region: the last family and region's
  // reach is asked again rather than looked up (hundreds of thousands of lookups nationally).
  const AlertRecord* last = nullptr;
  int reach = -1;
  for (size_t i = 0; i < n; ++i) {
    const AlertRecord& a = at(i);
    if (a.state == "resolved" || a.subject_kind != "enterprise") continue;
    if (last == nullptr || a.region != last->region || a.family != last->family) {
      auto it = sources.find(a.family);
      reach = it == sources.end() ? -1 : highest(&it->second, a.region);
      last = &a;
    }
    out[i].inhibited = reach >= LevelRank(a.level);  // -1: none
  }
  return out;
}

}  // namespace

std::string Fingerprint(const std::string& rule_id, const std::string& subject_kind,
                        const std::string& subject_key) {
  return HexFingerprint(FingerprintHash(rule_id, subject_kind, subject_key));
}

bool FingerprintBits(const std::string& s, uint64_t* out) {
  if (s.size() != 16) return false;
  uint64_t h = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else
      return false;
    h = h << 4 | static_cast<uint64_t>(d);
  }
  *out = h;
  return true;
}

FingerprintIndex IndexFingerprints(const std::vector<const AlertRecord*>& alerts) {
  FingerprintIndex out;
  out.reserve(alerts.size());
  for (size_t i = 0; i < alerts.size(); ++i) {
    uint64_t h;
    if (FingerprintBits(alerts[i]->fingerprint, &h)) out.emplace_back(h, i);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool SilenceActive(const SilenceRecord& s, const std::string& now) {
  return s.expired_at.empty() && s.starts_at <= now && now < s.ends_at;
}

bool SilenceMatches(const SilenceRecord& s, const AlertRecord& a, const Catalog* catalog) {
  if (!s.rule_id.empty() && s.rule_id != a.rule_id) return false;
  if (!s.family.empty() && s.family != a.family) return false;
  if (!s.subject_key.empty() && s.subject_key != a.subject_key) return false;
  if (!s.region.empty() && !RegionContains(catalog, s.region, a.region)) return false;
  return true;
}

std::vector<size_t> ApplyMutes(std::vector<AlertRecord>* alerts,
                               const std::vector<SilenceRecord>& silences, const std::string& now,
                               const Catalog* catalog) {
  auto mutes = ComputeMutes(
      alerts->size(), [alerts](size_t i) -> const AlertRecord& { return (*alerts)[i]; }, silences,
      now, catalog);
  std::vector<size_t> changed;
  for (size_t i = 0; i < alerts->size(); ++i) {
    AlertRecord& a = (*alerts)[i];
    if (a.silenced_by == mutes[i].silenced_by && a.inhibited == mutes[i].inhibited) continue;
    a.silenced_by = mutes[i].silenced_by;
    a.inhibited = mutes[i].inhibited;
    changed.push_back(i);
  }
  return changed;
}

std::vector<AlertChange> Reconcile(const ReconcileInput& in) {
  const std::vector<Rule>& rules = *in.rules;
  // The stored alerts are read in place; an alert is copied only when something in it changes
  // (`edited`), and the result holds only those.
  std::vector<const AlertRecord*> stored;
  if (in.live_rows != nullptr) {
    stored.reserve(in.live_rows->size());
    for (const auto& a : *in.live_rows) stored.push_back(a.get());
  } else {
    stored.reserve(in.live.size());
    for (const auto& a : in.live) stored.push_back(&a);
  }
  const size_t n = stored.size();
  std::vector<std::unique_ptr<AlertRecord>> edited(n);
  std::vector<AlertRecord> fresh;  // new alerts, index n + k
  std::vector<std::vector<AlertEventRecord>> events(n);
  std::vector<char> matched(n, 0), remove(n, 0);
  auto cur = [&](size_t i) -> const AlertRecord& {
    return i >= n ? fresh[i - n] : edited[i] ? *edited[i] : *stored[i];
  };
  auto edit = [&](size_t i) -> AlertRecord& {
    if (i >= n) return fresh[i - n];
    if (!edited[i]) edited[i] = std::make_unique<AlertRecord>(*stored[i]);
    return *edited[i];
  };
  // The stored alerts by fingerprint, sorted (the latest of equal fingerprints wins); the new
  // alerts of this evaluation in `fresh_by_fp`.
  const bool kept = in.live_rows != nullptr && in.live_index != nullptr;
  const FingerprintIndex made = kept ? FingerprintIndex() : IndexFingerprints(stored);
  const FingerprintIndex& by_fp = kept ? *in.live_index : made;
  auto stored_index = [&](uint64_t h) -> std::optional<size_t> {
    auto it = std::upper_bound(by_fp.begin(), by_fp.end(),
                               std::make_pair(h, std::numeric_limits<size_t>::max()));
    if (it == by_fp.begin() || std::prev(it)->first != h) return std::nullopt;
    return std::prev(it)->second;
  };
  std::unordered_map<uint64_t, size_t> fresh_by_fp;

  std::vector<std::string> kinds(rules.size());
  for (size_t r = 0; r < rules.size(); ++r)
    kinds[r] = std::string(SubjectKindName(rules[r].subject));
  // First, side by side and reading only: each finding's stored alert, its two messages (most
  // of the time here: hundreds of thousands nationally) and whether its alert stays as stored,
  // which nationally is nearly every finding.
  const std::vector<Finding>& findings = in.evaluation->findings;
  struct Prepared {
    uint64_t hash = 0;
    std::optional<size_t> stored;
    bool same = false;
    std::string zh, en;
  };
  std::vector<Prepared> prepared(findings.size());
  const std::vector<int32_t>& was = in.evaluation->was;
  std::vector<ReconciledFinding>* earlier = in.previous;
  // The messages of a finding carried unchanged are what they were: the same rule (to its
  // templates and targets) and catalog (a carried evaluation has the same references).
  auto carried = [&](size_t i) -> ReconciledFinding* {
    if (earlier == nullptr || was.size() != findings.size() || was[i] < 0) return nullptr;
    const auto k = static_cast<size_t>(was[i]);
    return k < earlier->size() && !(*earlier)[k].zh.empty() ? &(*earlier)[k] : nullptr;
  };
  constexpr size_t kChunk = 2048;
  ParallelFor((findings.size() + kChunk - 1) / kChunk, in.threads, [&](size_t chunk) {
    const size_t end = std::min(findings.size(), (chunk + 1) * kChunk);
    for (size_t i = chunk * kChunk; i < end; ++i) {
      const Finding& f = findings[i];
      const Rule& r = rules[f.rule];
      Prepared& p = prepared[i];
      ReconciledFinding* m = carried(i);  // each was index is one finding's: no race
      if (m != nullptr) {
        p.hash = m->fingerprint;
        p.zh = std::move(m->zh);
        p.en = std::move(m->en);
      } else {
        p.hash = FingerprintHash(r.id, kinds[f.rule], f.subject_key);
        p.zh = FindingMessage(r, f, true, in.catalog);
        p.en = FindingMessage(r, f, false, in.catalog);
      }
      p.stored = stored_index(p.hash);
      if (!p.stored) continue;
      // The same finding, and the very alert it was as stored with: nothing in either moved.
      const AlertRecord* old = stored[*p.stored];
      p.same = (m != nullptr && m->as_stored.get() == old) || AsStored(*old, r, f, p.zh, p.en);
    }
  });
  for (size_t fi = 0; fi < findings.size(); ++fi) {
    const Finding& f = findings[fi];
    Prepared& p = prepared[fi];
    if (p.same && !matched[*p.stored]) {  // as stored, and no finding before touched it
      matched[*p.stored] = 1;
      continue;
    }
    const Rule& r = rules[f.rule];
    const std::string& kind = kinds[f.rule];
    const uint64_t h = p.hash;
    const std::string state = f.firing ? "firing" : "pending";
    const std::string level(LevelName(f.level));
    size_t idx;
    if (auto it = fresh_by_fp.find(h); it != fresh_by_fp.end()) {
      idx = it->second;
    } else if (p.stored) {
      idx = *p.stored;
    } else {
      AlertRecord a;
      a.fingerprint = HexFingerprint(h);
      a.rule_id = r.id;
      a.subject_kind = kind;
      a.subject_key = f.subject_key;
      a.state = "";  // new
      a.starts_at = in.now;
      a.handling = "open";
      idx = n + fresh.size();
      fresh.push_back(std::move(a));
      events.emplace_back();
      fresh_by_fp[h] = idx;
    }
    if (idx < n) matched[idx] = 1;
    const AlertRecord& old = cur(idx);
    const std::string old_state = old.state, old_level = old.level;
    std::vector<AlertEventRecord> ev;
    if (old_state == "resolved") {
      ev.push_back(Event(in.now, in.actor, "reopened", "resolved", state, level));
    } else if (state == "firing" && old_state != "firing") {
      ev.push_back(Event(in.now, in.actor, "fired", old_state, state, level));
    } else if (state == "pending" && old_state.empty()) {
      // Created pending: its history starts here, so later events (fired, uninhibited) have a
      // beginning.
      ev.push_back(Event(in.now, in.actor, "pending", old_state, state, level));
    } else if (state == "pending" && old_state == "firing") {
      ev.push_back(
          Event(in.now, in.actor, "pending", old_state, state, "persistence no longer met"));
    } else if (state == "firing" && old_level != level) {
      ev.push_back(
          Event(in.now, in.actor,
                static_cast<int>(f.level) > LevelRank(old_level) ? "escalated" : "deescalated",
                state, state, old_level + " -> " + level));
    }
    const std::string& message_zh = p.zh;
    const std::string& message_en = p.en;
    const bool same = ev.empty() && idx < n && AsStored(old, r, f, message_zh, message_en);
    if (same) continue;
    AlertRecord& a = edit(idx);
    if (old_state == "resolved") a.resolved_at.clear();
    if (state == "firing" && a.fired_at.empty()) a.fired_at = in.now;
    a.state = state;
    a.level = level;
    a.family = r.family;
    a.subject_name = f.subject_name;
    a.region = f.region;
    a.industry = f.industry;
    a.units = f.units;
    a.period = f.period;
    a.value = f.value;
    a.threshold = f.threshold;
    a.streak = f.streak;
    a.message_zh = message_zh;  // copied: kept for the next evaluation too
    a.message_en = message_en;
    for (auto& e : ev) events[idx].push_back(std::move(e));
  }

  std::map<std::string, const Rule*> by_id;
  for (const auto& r : rules) by_id[r.id] = &r;
  for (size_t i = 0; i < n; ++i) {
    if (matched[i]) continue;
    const AlertRecord& old = cur(i);
    auto it = by_id.find(old.rule_id);
    const bool gone = it == by_id.end() || !it->second->enabled;
    if (!gone && in.evaluation->evaluated.count(old.rule_id) == 0) continue;  // no data: keep as is
    if (old.state == "resolved") continue;
    if (old.state == "pending" && old.fired_at.empty()) {
      remove[i] = 1;
      continue;
    }
    AlertRecord& a = edit(i);
    events[i].push_back(Event(in.now, in.actor, "resolved", a.state, "resolved",
                              gone ? "rule disabled or removed" : ""));
    a.state = "resolved";
    a.resolved_at = in.now;
    a.inhibited = false;  // mutes apply to active alerts only
    a.silenced_by = 0;
  }

  if (in.reconciled != nullptr) {
    in.reconciled->clear();
    in.reconciled->reserve(prepared.size());
    for (Prepared& p : prepared) {
      // As stored and left so: the object stays the alert's until something writes it.
      std::shared_ptr<const AlertRecord> row;
      if (p.same && in.live_rows != nullptr && !edited[*p.stored]) row = (*in.live_rows)[*p.stored];
      in.reconciled->push_back({std::move(p.zh), std::move(p.en), p.hash, std::move(row)});
    }
  }

  const size_t total = n + fresh.size();
  const auto mutes = ComputeMutes(total, cur, in.silences, in.now, in.catalog);
  std::vector<AlertChange> out;
  for (size_t i = 0; i < total; ++i) {
    if (i < n && remove[i]) {
      out.push_back({cur(i), true, {}});
      continue;
    }
    const AlertRecord& before = cur(i);
    const Mute& m = mutes[i];
    if (m.silenced_by != before.silenced_by || m.inhibited != before.inhibited) {
      // Mutes are recorded for pending alerts too: an `uninhibited` always has its `inhibited`.
      AlertRecord& a = edit(i);
      if (a.silenced_by != m.silenced_by) {
        events[i].push_back(Event(in.now, in.actor, m.silenced_by ? "silenced" : "unsilenced",
                                  a.state, a.state,
                                  m.silenced_by ? "silence " + std::to_string(m.silenced_by) : ""));
      }
      if (a.inhibited != m.inhibited) {
        events[i].push_back(
            Event(in.now, in.actor, m.inhibited ? "inhibited" : "uninhibited", a.state, a.state));
      }
      a.silenced_by = m.silenced_by;
      a.inhibited = m.inhibited;
    }
    if (i < n && !edited[i]) continue;  // untouched: as stored
    AlertRecord& a = edit(i);
    if (i < n && SameAlert(a, *stored[i]) && events[i].empty()) continue;
    a.updated_at = in.now;
    out.push_back({std::move(a), false, std::move(events[i])});
  }
  return out;
}

std::string_view HandlingActionName(HandlingAction a) {
  switch (a) {
    case HandlingAction::kAcknowledge:
      return "acknowledge";
    case HandlingAction::kAssign:
      return "assign";
    case HandlingAction::kHandle:
      return "handle";
    case HandlingAction::kClose:
      return "close";
  }
  return "";
}

Result<HandlingAction> ParseHandlingAction(std::string_view s) {
  for (auto a : {HandlingAction::kAcknowledge, HandlingAction::kAssign, HandlingAction::kHandle,
                 HandlingAction::kClose}) {
    if (HandlingActionName(a) == s) return a;
  }
  return Status::Invalid("unknown action '" + std::string(s) +
                         "' (acknowledge, assign, handle, close)");
}

Result<AlertChange> ApplyHandling(const AlertRecord& alert, const HandlingRequest& req) {
  const std::string& h = alert.handling;
  const std::string name(HandlingActionName(req.action));
  auto refuse = [&]() {
    return Status::Precondition("alert " + std::to_string(alert.id) + " is " + h + ": cannot " +
                                name + " it");
  };
  if (req.actor.empty()) return Status::Invalid("an actor is required");
  if (h == "closed") return refuse();
  AlertRecord a = alert;
  std::string to, detail = req.note;
  switch (req.action) {
    case HandlingAction::kAcknowledge:
      if (h != "open") return refuse();
      to = "acknowledged";
      break;
    case HandlingAction::kAssign:
      if (h != "acknowledged" && h != "assigned") return refuse();
      if (req.unit.empty()) return Status::Invalid("assign: the responsible unit is required");
      if (!ValidDate(req.deadline))
        return Status::Invalid("assign: the deadline must be a date YYYY-MM-DD");
      to = "assigned";
      a.assignee = req.unit;
      a.deadline = req.deadline;
      detail = req.unit + " by " + req.deadline + (req.note.empty() ? "" : ": " + req.note);
      break;
    case HandlingAction::kHandle:
      if (h != "assigned") return refuse();
      if (req.note.empty()) return Status::Invalid("handle: a note on what was done is required");
      to = "handled";
      a.note = req.note;
      break;
    case HandlingAction::kClose:
      // Closing follows handling; an alert whose data cleared may be closed at any step.
      if (h != "handled" && alert.state != "resolved") return refuse();
      to = "closed";
      break;
  }
  a.handling = to;
  a.updated_at = req.now;
  AlertChange change{a, false, {Event(req.now, req.actor, name, h, to, detail)}};
  return change;
}

}  // namespace ballast::warn
