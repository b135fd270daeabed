#include "warn/alerts.h"

#include <cstdio>
#include <map>
#include <unordered_map>

namespace ballast::warn {

namespace {

bool SameAlert(const AlertRecord& a, const AlertRecord& b) {
  return a.state == b.state && a.level == b.level && a.value == b.value && a.threshold == b.threshold &&
         a.period == b.period && a.streak == b.streak && a.message_zh == b.message_zh &&
         a.message_en == b.message_en && a.subject_name == b.subject_name && a.region == b.region &&
         a.industry == b.industry && a.units == b.units && a.family == b.family && a.fired_at == b.fired_at &&
         a.resolved_at == b.resolved_at && a.silenced_by == b.silenced_by && a.inhibited == b.inhibited &&
         a.handling == b.handling && a.assignee == b.assignee && a.deadline == b.deadline && a.note == b.note;
}

AlertEventRecord Event(const std::string& now, const std::string& actor, std::string action, std::string from,
                       std::string to, std::string detail = "") {
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
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (s[4] != '-' || s[7] != '-' || y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && !leap ? 28 : kDays[m - 1]);
}

}  // namespace

std::string Fingerprint(const std::string& rule_id, const std::string& subject_kind, const std::string& subject_key) {
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
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
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

std::vector<size_t> ApplyMutes(std::vector<AlertRecord>* alerts, const std::vector<SilenceRecord>& silences,
                               const std::string& now, const Catalog* catalog) {
  std::vector<const SilenceRecord*> active;
  for (const auto& s : silences) {
    if (SilenceActive(s, now)) active.push_back(&s);
  }
  std::vector<size_t> changed;
  std::vector<char> touched(alerts->size(), 0);
  for (size_t i = 0; i < alerts->size(); ++i) {
    AlertRecord& a = (*alerts)[i];
    if (a.state == "resolved") continue;
    int64_t by = 0;
    for (const SilenceRecord* s : active) {
      if (SilenceMatches(*s, a, catalog)) {
        by = s->id;
        break;
      }
    }
    if (by != a.silenced_by) {
      a.silenced_by = by;
      touched[i] = 1;
    }
  }
  // Inhibition: a firing, unsilenced region alert mutes the alerts of its enterprises in the
  // same family whose level is not above its own (a red city explains its firms' falls; a blue
  // city does not hide a red firm).
  std::map<std::string, std::vector<std::pair<std::string, int>>> sources;  // family -> (region, level)
  for (const auto& a : *alerts) {
    if (a.subject_kind == "region" && a.state == "firing" && a.silenced_by == 0) {
      sources[a.family].emplace_back(a.region, LevelRank(a.level));
    }
  }
  for (size_t i = 0; i < alerts->size(); ++i) {
    AlertRecord& a = (*alerts)[i];
    if (a.state == "resolved" || a.subject_kind != "enterprise") continue;
    bool inhibited = false;
    if (auto it = sources.find(a.family); it != sources.end()) {
      const int rank = LevelRank(a.level);
      for (const auto& [region, source_rank] : it->second) {
        if (source_rank >= rank && RegionContains(catalog, region, a.region)) {
          inhibited = true;
          break;
        }
      }
    }
    if (inhibited != a.inhibited) {
      a.inhibited = inhibited;
      touched[i] = 1;
    }
  }
  for (size_t i = 0; i < touched.size(); ++i) {
    if (touched[i]) changed.push_back(i);
  }
  return changed;
}

std::vector<AlertChange> Reconcile(const ReconcileInput& in) {
  const std::vector<Rule>& rules = *in.rules;
  std::vector<AlertRecord> alerts = in.live;
  const size_t stored = alerts.size();
  std::vector<std::vector<AlertEventRecord>> events(alerts.size());
  std::vector<char> matched(alerts.size(), 0), remove(alerts.size(), 0);
  std::unordered_map<std::string, size_t> by_fp;
  for (size_t i = 0; i < alerts.size(); ++i) by_fp[alerts[i].fingerprint] = i;  // the latest wins

  for (const Finding& f : in.evaluation->findings) {
    const Rule& r = rules[f.rule];
    const std::string kind(SubjectKindName(r.subject));
    const std::string fp = Fingerprint(r.id, kind, f.subject_key);
    const std::string state = f.firing ? "firing" : "pending";
    const std::string level(LevelName(f.level));
    size_t idx;
    if (auto it = by_fp.find(fp); it != by_fp.end()) {
      idx = it->second;
    } else {
      AlertRecord a;
      a.fingerprint = fp;
      a.rule_id = r.id;
      a.subject_kind = kind;
      a.subject_key = f.subject_key;
      a.state = "";  // new
      a.starts_at = in.now;
      a.handling = "open";
      idx = alerts.size();
      alerts.push_back(std::move(a));
      events.emplace_back();
      matched.push_back(0);
      remove.push_back(0);
      by_fp[fp] = idx;
    }
    matched[idx] = 1;
    AlertRecord& a = alerts[idx];
    const std::string old_state = a.state, old_level = a.level;
    auto& ev = events[idx];
    if (old_state == "resolved") {
      ev.push_back(Event(in.now, in.actor, "reopened", "resolved", state, level));
      a.resolved_at.clear();
    } else if (state == "firing" && old_state != "firing") {
      ev.push_back(Event(in.now, in.actor, "fired", old_state, state, level));
    } else if (state == "pending" && old_state.empty()) {
      // Created pending: its history starts here, so later events (fired, uninhibited) have a
      // beginning.
      ev.push_back(Event(in.now, in.actor, "pending", old_state, state, level));
    } else if (state == "pending" && old_state == "firing") {
      ev.push_back(Event(in.now, in.actor, "pending", old_state, state, "persistence no longer met"));
    } else if (state == "firing" && old_level != level) {
      ev.push_back(Event(in.now, in.actor, static_cast<int>(f.level) > LevelRank(old_level) ? "escalated" : "deescalated",
                         state, state, old_level + " -> " + level));
    }
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
    a.message_zh = FindingMessage(r, f, true, in.catalog);
    a.message_en = FindingMessage(r, f, false, in.catalog);
  }

  std::map<std::string, const Rule*> by_id;
  for (const auto& r : rules) by_id[r.id] = &r;
  for (size_t i = 0; i < stored; ++i) {
    if (matched[i]) continue;
    AlertRecord& a = alerts[i];
    auto it = by_id.find(a.rule_id);
    const bool gone = it == by_id.end() || !it->second->enabled;
    if (!gone && in.evaluation->evaluated.count(a.rule_id) == 0) continue;  // no data: keep as is
    if (a.state == "resolved") continue;
    if (a.state == "pending" && a.fired_at.empty()) {
      remove[i] = 1;
      continue;
    }
    events[i].push_back(Event(in.now, in.actor, "resolved", a.state, "resolved", gone ? "rule disabled or removed" : ""));
    a.state = "resolved";
    a.resolved_at = in.now;
    a.inhibited = false;  // mutes apply to active alerts only
    a.silenced_by = 0;
  }

  std::vector<AlertRecord> before_mutes = alerts;
  ApplyMutes(&alerts, in.silences, in.now, in.catalog);
  std::vector<AlertChange> out;
  for (size_t i = 0; i < alerts.size(); ++i) {
    AlertRecord& a = alerts[i];
    if (remove[i]) {
      out.push_back({a, true, {}});
      continue;
    }
    // Mutes are recorded for pending alerts too: an `uninhibited` always has its `inhibited`.
    if (a.silenced_by != before_mutes[i].silenced_by) {
      events[i].push_back(Event(in.now, in.actor, a.silenced_by ? "silenced" : "unsilenced", a.state, a.state,
                                a.silenced_by ? "silence " + std::to_string(a.silenced_by) : ""));
    }
    if (a.inhibited != before_mutes[i].inhibited) {
      events[i].push_back(Event(in.now, in.actor, a.inhibited ? "inhibited" : "uninhibited", a.state, a.state));
    }
    const bool is_new = i >= stored;
    if (!is_new && SameAlert(a, in.live[i]) && events[i].empty()) continue;
    a.updated_at = in.now;
    out.push_back({a, false, std::move(events[i])});
  }
  return out;
}

std::string_view HandlingActionName(HandlingAction a) {
  switch (a) {
    case HandlingAction::kAcknowledge: return "acknowledge";
    case HandlingAction::kAssign: return "assign";
    case HandlingAction::kHandle: return "handle";
    case HandlingAction::kClose: return "close";
  }
  return "";
}

Result<HandlingAction> ParseHandlingAction(std::string_view s) {
  for (auto a : {HandlingAction::kAcknowledge, HandlingAction::kAssign, HandlingAction::kHandle, HandlingAction::kClose}) {
    if (HandlingActionName(a) == s) return a;
  }
  return Status::Invalid("unknown action '" + std::string(s) + "' (acknowledge, assign, handle, close)");
}

Result<AlertChange> ApplyHandling(const AlertRecord& alert, const HandlingRequest& req) {
  const std::string& h = alert.handling;
  const std::string name(HandlingActionName(req.action));
  auto refuse = [&]() {
    return Status::Precondition("alert " + std::to_string(alert.id) + " is " + h + ": cannot " + name + " it");
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
      if (!ValidDate(req.deadline)) return Status::Invalid("assign: the deadline must be a date YYYY-MM-DD");
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
