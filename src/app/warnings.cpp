#include "app/warnings.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/background.h"
#include "store/open.h"
#include "warn/alerts.h"
#include "warn/growth_targets.h"

namespace ballast::app {

namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// "2026-10-05T08:00:00Z" → the period 2026-10 (0 when malformed).
Period PeriodOfTime(const std::string& iso) {
  auto p = ParsePeriod(iso.substr(0, 7));
  return p.ok() ? *p : 0;
}

bool ValidTime(const std::string& s) {
  return s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
         s[16] == ':' && s[19] == 'Z' && warn::DaysFromDate(s.substr(0, 10)).has_value();
}

// Held in memory (LiveAlerts): every alert not both resolved and closed.
bool IsLive(const AlertRecord& a) { return !(a.state == "resolved" && a.handling == "closed"); }

int LevelRank(const std::string& level) {
  auto l = warn::ParseLevel(level);
  return l.ok() ? static_cast<int>(*l) : 0;
}

}  // namespace

ListPlace PlaceOf(const AlertRecord& a) { return {LevelRank(a.level), a.id}; }

Result<std::unique_ptr<Warnings>> Warnings::Open(Workspace& ws, const std::string& db_path) {
  ASSIGN_OR_RETURN(auto store, OpenWarnStore(db_path));
  return std::unique_ptr<Warnings>(new Warnings(ws, std::move(store)));
}

Result<std::vector<RuleView>> Warnings::EffectiveRules() {
  ASSIGN_OR_RETURN(auto defaults, warn::DefaultRules());
  ASSIGN_OR_RETURN(auto saved, store_->LatestRuleRevisions());
  std::vector<RuleView> out;
  for (auto& r : defaults) {
    RuleView v;
    v.rule = std::move(r);
    v.source = "default";
    out.push_back(std::move(v));
  }
  for (const auto& rev : saved) {
    auto parsed = warn::ParseRuleJson(rev.body);
    if (!parsed.ok())
      return Status::Internal("saved rule '" + rev.rule_id +
                              "' no longer parses: " + parsed.status().message());
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const RuleView& v) { return v.rule.id == rev.rule_id; });
    if (it == out.end()) it = out.insert(out.end(), RuleView{});
    it->rule = std::move(parsed).value();
    it->source = "custom";
    it->revision = rev.revision;
    it->updated_by = rev.author;
    it->updated_at = rev.created_at;
  }
  ASSIGN_OR_RETURN(auto growth, warn::DefaultGrowthTargets());
  for (auto& v : out) {
    std::vector<warn::Rule> one{std::move(v.rule)};
    warn::ApplyGrowthTargets(growth, &one);
    v.rule = std::move(one[0]);
    v.json = warn::RuleToJson(v.rule);
  }
  return out;
}

Result<std::vector<RuleView>> Warnings::ListRules() {
  std::lock_guard<std::mutex> lock(mu_);
  return EffectiveRules();
}

Result<RuleView> Warnings::UpsertRule(std::string_view rule_json, const std::string& actor) {
  if (actor.empty()) return Status::Invalid("an actor is required");
  ASSIGN_OR_RETURN(warn::Rule rule, warn::ParseRuleJson(rule_json));
  // Codes are checked against the catalog now rather than at the next evaluation.
  const Catalog& cat = ws_.catalog();
  if (!rule.indicator.empty() && cat.FindIndicator(rule.indicator) < 0) {
    return Status::Invalid("rule '" + rule.id + "': unknown indicator '" + rule.indicator + "'");
  }
  for (const auto& code : rule.filters.regions) {
    if (cat.regions().Find(code) == kNoNode)
      return Status::Invalid("rule '" + rule.id + "': unknown region '" + code + "'");
  }
  for (const auto& code : rule.filters.industries) {
    if (cat.FindIndustry(code) == kNoNode)
      return Status::Invalid("rule '" + rule.id + "': unknown industry '" + code + "'");
  }
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto rev,
                   store_->AddRuleRevision({rule.id, 0, warn::RuleToJson(rule), actor, Now()}));
  return RuleView{rule, warn::RuleToJson(rule), "custom", rev.revision, rev.author, rev.created_at};
}

Result<RuleView> Warnings::SetRuleEnabled(const std::string& rule_id, bool enabled,
                                          const std::string& actor) {
  if (actor.empty()) return Status::Invalid("an actor is required");
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto rules, EffectiveRules());
  for (auto& v : rules) {
    if (v.rule.id != rule_id) continue;
    v.rule.enabled = enabled;
    ASSIGN_OR_RETURN(auto rev,
                     store_->AddRuleRevision({rule_id, 0, warn::RuleToJson(v.rule), actor, Now()}));
    return RuleView{v.rule,        warn::RuleToJson(v.rule), "custom", rev.revision, rev.author,
                    rev.created_at};
  }
  return Status::NotFound("rule '" + rule_id + "' does not exist");
}

Result<std::vector<RuleRevision>> Warnings::RuleHistory(const std::string& rule_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->RuleHistory(rule_id);
}

std::string Warnings::Now() const { return FormatUtc(ws_.clock().Now()); }

Result<WarnSummary> Warnings::Evaluate(const std::string& now_in) {
  const std::string now = now_in.empty() ? Now() : now_in;
  if (!ValidTime(now))
    return Status::Invalid("time must be UTC ISO 8601 like 2026-10-05T08:00:00Z");
  ASSIGN_OR_RETURN(auto summary, EvaluateAt(now, 0));
  return std::move(summary).value();
}

Result<std::optional<WarnSummary>> Warnings::EvaluateAt(const std::string& now,
                                                        BatchId unless_held) {
  // (AfterImport has just read the mark; EvaluateLocked reads it again while waiting for the
  // lock and once it holds it.)
  // Other domains' subjects are gathered before the lock: they may read this service.
  std::vector<warn::ExternalSubject> externals;
  if (external_subjects_) {
    ASSIGN_OR_RETURN(externals, external_subjects_(PeriodOfTime(now)));
  }
  std::lock_guard<std::mutex> lock(eval_mu_);
  return EvaluateLocked(now, std::move(externals), unless_held);
}

Result<int64_t> Warnings::EvaluatedThrough() {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->EvaluatedThrough();
}

Result<std::vector<ProgressRecord>> Warnings::ListProgress(const std::string& target_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->ListProgress(target_id);
}

Result<ProgressRecord> Warnings::AddProgress(ProgressRecord record) {
  std::lock_guard<std::mutex> lock(mu_);
  return store_->AddProgress(std::move(record));
}

Result<std::optional<WarnSummary>> Warnings::AfterImport(const ingest::ImportOutcome& outcome) {
  if (outcome.status != ingest::ImportStatus::kImported) return std::optional<WarnSummary>();
  const BatchId batch = outcome.batch.id;
  std::unique_lock<std::mutex> lock(after_mu_);
  for (;;) {
    if (after_last_ && after_last_->through_batch >= batch) return after_last_;
    if (after_covered_ >= batch) return std::optional<WarnSummary>();
    if (after_running_) {
      after_cv_.wait(lock);
      continue;
    }
    // Another instance's evaluation may hold the batch already: then there is nothing to wait
    // for. (Imports waiting here for the pace would otherwise each wait an interval in turn
    // just to find that out.)
    lock.unlock();
    auto through = EvaluatedThrough();
    lock.lock();
    if (!through.ok()) return through.status();
    after_covered_ = std::max(after_covered_, *through);
    if (after_covered_ >= batch) return std::optional<WarnSummary>();
    const auto due = after_started_ + ws_.advance_interval();
    if (std::chrono::steady_clock::now() >= due) break;
    after_cv_.wait_until(lock, due);
  }
  after_running_ = true;
  after_started_ = std::chrono::steady_clock::now();
  lock.unlock();
  // Behind the readers: on a busy machine the requests a person waits for come first, and the
  // imports landing meanwhile share the next evaluation.
  Result<std::optional<WarnSummary>> summary = std::optional<WarnSummary>();
  RunInBackground([&] { summary = EvaluateAt(Now(), batch); });
  lock.lock();
  after_running_ = false;
  if (summary.ok() && summary->has_value()) after_last_ = **summary;
  after_cv_.notify_all();
  return summary;
}

Result<std::optional<WarnSummary>> Warnings::EvaluateLocked(
    const std::string& now, std::vector<warn::ExternalSubject> externals, BatchId unless_held) {
  // Instances sharing one store evaluate one at a time (a lock in the store: WarnStore::
  // TryLockEvaluation): a second one waits its turn and then evaluates data that holds the
  // first's batch.
  auto try_lock = [&]() -> Result<bool> {
    std::lock_guard<std::mutex> lock(mu_);
    return store_->TryLockEvaluation();
  };
  // Another instance's evaluation that holds the batch answers for this one too: looked for on
  // every try, since the holder may take the lock again before this one's next try.
  auto covered = [&]() -> Result<bool> {
    if (unless_held <= 0) return false;
    ASSIGN_OR_RETURN(int64_t through, EvaluatedThrough());
    return through >= unless_held;
  };
  ASSIGN_OR_RETURN(bool locked, try_lock());
  for (int i = 0; !locked && i < 1200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSIGN_OR_RETURN(bool done, covered());
    if (done) return std::optional<WarnSummary>();
    ASSIGN_OR_RETURN(locked, try_lock());
  }
  if (!locked)
    return Status::Exhausted(
        "another instance is still evaluating the warning rules; try again later");
  auto unlock = [&] {
    std::lock_guard<std::mutex> lock(mu_);
    return store_->UnlockEvaluation();
  };
  {
    // Another instance evaluated data holding the batch between this one's last look and its lock.
    auto done = covered();
    if (!done.ok() || *done) {
      Status unlocked = unlock();
      if (!done.ok()) return done.status();
      if (!unlocked.ok()) return unlocked;
      return std::optional<WarnSummary>();
    }
  }
  auto result = EvaluateHoldingLock(now, std::move(externals));
  Status unlocked = unlock();
  if (!result.ok()) return result.status();
  if (!unlocked.ok()) return unlocked;
  return std::optional<WarnSummary>(std::move(result).value());
}

Result<WarnSummary> Warnings::EvaluateHoldingLock(const std::string& now,
                                                  std::vector<warn::ExternalSubject> externals) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<warn::Rule> rules;
  std::vector<CommodityPointRecord> points;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(auto views, EffectiveRules());
    for (auto& v : views) rules.push_back(std::move(v.rule));
    ASSIGN_OR_RETURN(points, store_->LoadCommodityPoints());
  }
  // The newest batch first, on a panel holding it (the one held may be behind another
  // instance's import, or paced), so that the mark never goes back behind another instance's;
  // a batch written while this runs is evaluated again later.
  ASSIGN_OR_RETURN(BatchId newest, ws_.Newest());
  ASSIGN_OR_RETURN(auto snapshot, ws_.LatestThrough(newest));
  newest = snapshot->through;
  warn::EvaluationInput input{snapshot->panel.get(), snapshot->query.get(),
                              warn::CommoditySubjects(points)};
  for (auto& t : externals) input.externals.push_back(std::move(t));
  // Since the last evaluation here, batches of values moved a few enterprises: the rules are
  // evaluated again for those (and the cells that hold them) alone (warn::EvaluationMemo).
  std::optional<PanelChanges> moved;
  if (memo_ != nullptr && memo_references_ == snapshot->references)
    moved = ChangesSince(*snapshot, memo_through_);
  if (moved) {
    input.previous = memo_.get();
    input.changes = &*moved;
  }
  const auto t1 = std::chrono::steady_clock::now();
  // The rules run without mu_: lists and handling steps go on meanwhile.
  auto memo = std::make_unique<warn::EvaluationMemo>();
  warn::EvaluationResult evaluation = warn::Evaluate(rules, input, memo.get());
  // What the last Reconcile made of the findings of the evaluation carried from.
  std::vector<warn::ReconciledFinding> reconciled_before;
  if (input.previous != nullptr) reconciled_before = std::move(memo_->reconciled);
  memo_ = std::move(memo);
  memo_through_ = snapshot->through;
  memo_references_ = snapshot->references;
  WarnSummary s;
  s.evaluate_seconds = Since(t1);
  s.evaluated_at = now;
  s.rules = static_cast<int32_t>(evaluation.evaluated.size());
  s.rules_carried = evaluation.carried;
  s.through_batch = newest;
  s.problems = evaluation.problems;
  for (const auto& f : evaluation.findings) {
    if (f.firing) {
      ++s.firing;
      ++s.firing_by_level[std::string(warn::LevelName(f.level))];
    } else {
      ++s.pending;
    }
  }
  warn::ReconcileInput in;
  in.rules = &rules;
  in.evaluation = &evaluation;
  const auto t2 = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  // The stored alerts: held in memory since the last evaluation or list (one small query checks
  // that no other process wrote alerts since), read in place rather than copied.
  ASSIGN_OR_RETURN(auto live, LiveLocked());
  in.live_rows = &live->rows;
  in.live_index = &live->ByFingerprint();
  ASSIGN_OR_RETURN(in.silences, store_->ListSilences());
  s.load_seconds = Since(t2);
  in.now = now;
  in.catalog = &ws_.catalog();
  in.previous = &reconciled_before;
  in.reconciled = &memo_->reconciled;
  const auto t3 = std::chrono::steady_clock::now();
  auto changes = warn::Reconcile(in);
  s.reconcile_seconds = Since(t3);
  memo_->findings = std::move(evaluation.findings);  // the next evaluation carries them
  for (const auto& c : changes) {
    ++s.alerts_written;
    s.events_written += static_cast<int64_t>(c.events.size());
    if (c.remove)
      ++s.removed;
    else if (c.alert.id == 0)
      ++s.opened;
    else if (std::any_of(c.events.begin(), c.events.end(),
                         [](const auto& e) { return e.action == "resolved"; }))
      ++s.resolved;
    else
      ++s.updated;
  }
  const auto t4 = std::chrono::steady_clock::now();
  // Only what changed, and the evaluation mark, in one transaction.
  ASSIGN_OR_RETURN(auto applied, store_->ApplyEvaluation(std::move(changes), newest, now));
  Remember(applied);
  s.write_seconds = Since(t4);
  s.total_seconds = Since(t0);
  return s;
}

Result<std::shared_ptr<const LiveAlerts>> Warnings::Live() {
  std::lock_guard<std::mutex> lock(mu_);
  return LiveLocked();
}

Result<std::shared_ptr<const LiveAlerts>> Warnings::LiveLocked() {
  ASSIGN_OR_RETURN(int64_t version, store_->AlertsVersion());
  if (live_ && live_->version == version) return live_;
  // Another process wrote: what it wrote since (or every alert, when nothing is held).
  ASSIGN_OR_RETURN(AlertDelta delta, store_->AlertsSince(live_ ? live_->version : -1));
  auto next = std::make_shared<LiveAlerts>();
  next->version = delta.version;
  std::unordered_set<int64_t> gone(delta.removed.begin(), delta.removed.end());
  for (const auto& a : delta.rows) gone.insert(a.id);
  next->rows.reserve(delta.rows.size() + (delta.whole || !live_ ? 0 : live_->rows.size()));
  size_t j = 0;
  auto add_written = [&]() {
    AlertRecord& a = delta.rows[j++];
    if (IsLive(a)) next->rows.push_back(std::make_shared<const AlertRecord>(std::move(a)));
  };
  if (!delta.whole && live_) {  // both by id: merged in order
    next->from = live_;
    for (const auto& a : live_->rows) {
      while (j < delta.rows.size() && delta.rows[j].id < a->id) add_written();
      if (!gone.contains(a->id)) next->rows.push_back(a);  // unchanged: shared, not copied
    }
  }
  while (j < delta.rows.size()) add_written();
  if (next->from.lock() != nullptr) next->CarryFingerprints(*live_);
  live_ = std::move(next);
  return live_;
}

void Warnings::Remember(const std::vector<AlertChange>& applied) {
  if (!live_ || applied.empty()) return;  // nothing held, or nothing written (the counter stays)
  auto version = store_->AlertsVersion();
  // One write of ours raises the counter by one; more means another process wrote too: the
  // next read takes both from the store (AlertsSince the version held).
  if (!version.ok() || *version != live_->version + 1) return;
  std::unordered_map<int64_t, const AlertChange*> by_id;
  std::vector<const AlertChange*> added;
  for (const auto& c : applied) {
    if (c.alert.id == 0) continue;  // a removal of an alert never stored
    by_id[c.alert.id] = &c;
  }
  auto live = [](const AlertChange& c) { return !c.remove && IsLive(c.alert); };
  auto next = std::make_shared<LiveAlerts>();
  next->version = *version;
  next->from = live_;
  next->rows.reserve(live_->rows.size() + applied.size());
  for (const auto& a : live_->rows) {
    auto it = by_id.find(a->id);
    if (it == by_id.end()) {
      next->rows.push_back(a);
      continue;
    }
    if (live(*it->second))
      next->rows.push_back(std::make_shared<const AlertRecord>(it->second->alert));
    by_id.erase(it);
  }
  for (const auto& [id, c] : by_id) {  // inserted (or not held before)
    if (live(*c)) next->rows.push_back(std::make_shared<const AlertRecord>(c->alert));
  }
  std::sort(next->rows.begin(), next->rows.end(),
            [](const auto& x, const auto& y) { return x->id < y->id; });
  next->CarryFingerprints(*live_);
  live_ = std::move(next);
}

Result<AlertView> Warnings::ViewAlerts(
    const AlertFilter& f, const std::function<bool(const AlertRecord&, NodeId, uint8_t)>& keep) {
  const auto catalog = ws_.shared_catalog();  // the lists' order holds it (InListOrder)
  const Catalog& cat = *catalog;
  NodeId region = kNoNode;
  if (!f.region.empty()) {
    region = cat.regions().Find(f.region);
    if (region == kNoNode) return Status::Invalid("unknown region '" + f.region + "'");
  }
  if (!f.level.empty()) RETURN_IF_ERROR(warn::ParseLevel(f.level).status());
  if (!f.state.empty() && f.state != "pending" && f.state != "firing" && f.state != "resolved") {
    return Status::Invalid("state must be pending, firing or resolved");
  }
  AlertView view;
  if (f.include_closed) {  // closed episodes are not held in memory: read them all
    std::vector<AlertRecord> all;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ASSIGN_OR_RETURN(all, store_->LoadAlerts({false, std::nullopt}));
    }
    auto held = std::make_shared<LiveAlerts>();
    held->rows.reserve(all.size());
    for (auto& a : all) held->rows.push_back(std::make_shared<const AlertRecord>(std::move(a)));
    view.held = std::move(held);
  } else {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(view.held, LiveLocked());
  }
  const LiveAlerts::Listed& listed = view.held->InListOrder(cat.regions(), catalog);
  const auto within = region != kNoNode ? view.held->Within(region, cat.regions()) : nullptr;
  const size_t count = within != nullptr ? within->size() : listed.rows.size();
  for (size_t k = 0; k < count; ++k) {
    if (f.limit > 0 && view.rows.size() >= f.limit) break;
    const size_t i = within != nullptr ? (*within)[k] : k;
    // The region first, from the listed regions alone: a province's list passes over the other
    // provinces' alerts without reading them.
    if (within == nullptr && region != kNoNode &&
        (listed.regions[i] == kNoNode || !cat.regions().Contains(region, listed.regions[i])))
      continue;
    // The marks first: the records are read only for the filters given.
    const uint8_t marks = listed.marks[i];
    if (!f.include_muted && (marks & LiveAlerts::kMuted) != 0) continue;
    const AlertRecord& a = *listed.rows[i];
    if (!f.level.empty() && a.level != f.level) continue;
    if (!f.state.empty() && a.state != f.state) continue;
    if (!f.handling.empty() && a.handling != f.handling) continue;
    if (!f.rule_id.empty() && a.rule_id != f.rule_id) continue;
    if (!f.subject_kind.empty() && a.subject_kind != f.subject_kind) continue;
    if (!f.subject_key.empty() && a.subject_key != f.subject_key) continue;
    if (!f.unit.empty()) {
      const std::string units = ";" + a.units + ";";
      if (a.assignee != f.unit && units.find(";" + f.unit + ";") == std::string::npos) continue;
    }
    if (keep && !keep(a, listed.regions[i], marks)) continue;
    view.rows.push_back(&a);
    view.on_enterprises += (marks & LiveAlerts::kOnEnterprise) != 0;
  }
  return view;
}

Result<std::vector<AlertRecord>> Warnings::ListAlerts(const AlertFilter& f) {
  ASSIGN_OR_RETURN(auto view, ViewAlerts(f));
  std::vector<AlertRecord> out;
  out.reserve(view.rows.size());
  for (const AlertRecord* a : view.rows) out.push_back(*a);
  return out;
}

Result<AlertRecord> Warnings::GetAlert(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto found, store_->LoadAlerts({false, id}));
  if (found.empty()) return Status::NotFound("alert " + std::to_string(id) + " does not exist");
  return found[0];
}

Result<std::vector<AlertEventRecord>> Warnings::AlertHistory(int64_t id) {
  RETURN_IF_ERROR(GetAlert(id).status());
  std::lock_guard<std::mutex> lock(mu_);
  return store_->AlertEvents(id);
}

Result<AlertRecord> Warnings::Step(int64_t id, warn::HandlingRequest request) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto found, store_->LoadAlerts({false, id}));
  if (found.empty()) return Status::NotFound("alert " + std::to_string(id) + " does not exist");
  request.now = Now();
  ASSIGN_OR_RETURN(auto change, warn::ApplyHandling(found[0], request));
  ASSIGN_OR_RETURN(auto applied, store_->ApplyAlertChanges({std::move(change)}));
  Remember(applied);
  return applied[0].alert;
}

Result<AlertRecord> Warnings::Acknowledge(int64_t id, const std::string& actor,
                                          const std::string& note) {
  return Step(id, {warn::HandlingAction::kAcknowledge, actor, "", "", note, ""});
}
Result<AlertRecord> Warnings::Assign(int64_t id, const std::string& unit,
                                     const std::string& deadline, const std::string& actor,
                                     const std::string& note) {
  return Step(id, {warn::HandlingAction::kAssign, actor, unit, deadline, note, ""});
}
Result<AlertRecord> Warnings::Handle(int64_t id, const std::string& note,
                                     const std::string& actor) {
  return Step(id, {warn::HandlingAction::kHandle, actor, "", "", note, ""});
}
Result<AlertRecord> Warnings::Close(int64_t id, const std::string& actor, const std::string& note) {
  return Step(id, {warn::HandlingAction::kClose, actor, "", "", note, ""});
}

Status Warnings::RefreshMutes(const std::string& now, const std::string& actor) {
  ASSIGN_OR_RETURN(auto held, LiveLocked());
  std::vector<AlertRecord> live;
  live.reserve(held->rows.size());
  for (const auto& a : held->rows) live.push_back(*a);
  ASSIGN_OR_RETURN(auto silences, store_->ListSilences());
  auto before = live;
  auto changed = warn::ApplyMutes(&live, silences, now, &ws_.catalog());
  std::vector<AlertChange> changes;
  for (size_t i : changed) {
    AlertRecord& a = live[i];
    a.updated_at = now;
    AlertChange c{a, false, {}};
    {  // mutes of pending alerts are recorded too (an `uninhibited` always has its `inhibited`)
      auto event = [&](std::string action, std::string detail) {
        AlertEventRecord e;
        e.at = now;
        e.actor = actor;
        e.action = std::move(action);
        e.from = e.to = a.state;
        e.detail = std::move(detail);
        c.events.push_back(std::move(e));
      };
      if (a.silenced_by != before[i].silenced_by) {
        event(a.silenced_by ? "silenced" : "unsilenced",
              a.silenced_by ? "silence " + std::to_string(a.silenced_by) : "");
      }
      if (a.inhibited != before[i].inhibited) event(a.inhibited ? "inhibited" : "uninhibited", "");
    }
    changes.push_back(std::move(c));
  }
  ASSIGN_OR_RETURN(auto applied, store_->ApplyAlertChanges(std::move(changes)));
  Remember(applied);
  return Status::Ok();
}

Result<SilenceRecord> Warnings::CreateSilence(const SilenceRequest& r, const std::string& actor) {
  if (actor.empty()) return Status::Invalid("an actor is required");
  if (r.reason.empty()) return Status::Invalid("a silence needs a reason");
  if (r.rule_id.empty() && r.family.empty() && r.subject_key.empty() && r.region.empty()) {
    return Status::Invalid(
        "a silence needs at least one matcher (rule_id, family, subject_key, region)");
  }
  if (!r.region.empty() && ws_.catalog().regions().Find(r.region) == kNoNode) {
    return Status::Invalid("unknown region '" + r.region + "'");
  }
  const std::string now = Now();
  SilenceRecord s;
  s.rule_id = r.rule_id;
  s.family = r.family;
  s.subject_key = r.subject_key;
  s.region = r.region;
  s.author = actor;
  s.reason = r.reason;
  s.starts_at = r.starts_at.empty() ? now : r.starts_at;
  s.ends_at = r.ends_at;
  if (!ValidTime(s.starts_at) || !ValidTime(s.ends_at)) {
    return Status::Invalid("starts_at and ends_at must be UTC ISO 8601 like 2026-10-05T08:00:00Z");
  }
  if (s.ends_at <= s.starts_at) return Status::Invalid("ends_at must be after starts_at");
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(s, store_->AddSilence(s));
  RETURN_IF_ERROR(RefreshMutes(now, actor));
  return s;
}

Result<std::vector<SilenceRecord>> Warnings::ListSilences(bool active_only) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto all, store_->ListSilences());
  if (!active_only) return all;
  const std::string now = Now();
  std::vector<SilenceRecord> out;
  for (auto& s : all) {
    if (warn::SilenceActive(s, now)) out.push_back(std::move(s));
  }
  return out;
}

Status Warnings::ExpireSilence(int64_t id, const std::string& actor) {
  if (actor.empty()) return Status::Invalid("an actor is required");
  std::lock_guard<std::mutex> lock(mu_);
  const std::string now = Now();
  RETURN_IF_ERROR(store_->ExpireSilence(id, actor, now));
  return RefreshMutes(now, actor);
}

Result<CommodityImportResult> Warnings::ImportCommodities(std::string_view bytes,
                                                          std::string_view file_name,
                                                          const std::string& user) {
  if (user.empty()) return Status::Invalid("a user is required");
  ASSIGN_OR_RETURN(auto parsed, warn::ParseCommodityTable(bytes, file_name));
  CommodityImportResult out;
  out.file_name = std::string(file_name);
  out.format = parsed.format;
  out.rows = parsed.rows;
  out.errors = std::move(parsed.errors);
  if (!out.errors.empty()) return out;  // nothing written
  const std::string now = Now();
  for (auto& p : parsed.points) {
    p.source = std::string(file_name);
    p.user = user;
    p.imported_at = now;
  }
  out.points = static_cast<int64_t>(parsed.points.size());
  {
    std::lock_guard<std::mutex> lock(mu_);
    RETURN_IF_ERROR(store_->UpsertCommodityPoints(parsed.points));
  }
  out.imported = true;
  ASSIGN_OR_RETURN(auto summary, Evaluate(now));
  out.evaluation = std::move(summary);
  return out;
}

Result<std::vector<CommodityPointRecord>> Warnings::ListCommodityPoints(const std::string& code) {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(auto all, store_->LoadCommodityPoints());
  if (code.empty()) return all;
  std::vector<CommodityPointRecord> out;
  for (auto& p : all) {
    if (p.code == code) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace ballast::app
