#include "app/ballast.h"

#include <chrono>

#include "app/cultivation.h"
#include "app/policy.h"
#include "app/project_targets.h"
#include "app/projects.h"
#include "app/snapshot_memo.h"
#include "core/blocking.h"
#include "engine/roster.h"
#include "metrics/metrics.h"

namespace ballast::app {

namespace {

// For the instance's metrics (metrics/metrics.h): import and evaluation times.
double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Ballast::Ballast(std::unique_ptr<Workspace> ws, std::unique_ptr<Warnings> warnings, std::unique_ptr<Service> service)
    : ws_(std::move(ws)), warnings_(std::move(warnings)), service_(std::move(service)), access_(ws_->catalog()) {}

Result<std::unique_ptr<Ballast>> Ballast::Create(const std::string& path, OpenOptions options) {
  ASSIGN_OR_RETURN(auto ws, Workspace::Create(path, options.audit_key_path));
  return Assemble(std::move(ws), options);
}

Result<std::unique_ptr<Ballast>> Ballast::Open(const std::string& path, OpenOptions options) {
  ASSIGN_OR_RETURN(auto ws, Workspace::Open(path, options.audit_key_path));
  return Assemble(std::move(ws), options);
}

Result<std::unique_ptr<Ballast>> Ballast::Assemble(std::unique_ptr<Workspace> ws, OpenOptions options) {
  ws->SetClock(options.clock);
  ASSIGN_OR_RETURN(auto warnings, Warnings::Open(*ws, ws->path()));
  ASSIGN_OR_RETURN(auto service, Service::Open(*ws, ws->path()));
  std::unique_ptr<Ballast> b(new Ballast(std::move(ws), std::move(warnings), std::move(service)));
  b->Wire();
  return b;
}

void Ballast::Wire() {
  Service* s = service_.get();
  const Clock* clock = &ws_->clock();
  // Seed 004's 问题解决率 target follows the service's resolution rate (rated solved / rated),
  // over the whole country, in the month it is asked.
  warnings_->SetInternalMetric("appeal_resolution_rate", [s, clock]() -> std::optional<std::pair<double, Period>> {
    auto m = s->Metrics(SystemCaller(), {});
    if (!m.ok() || m->rows.empty()) return std::nullopt;
    auto percent = m->rows.front().resolution.Percent();
    if (!percent) return std::nullopt;
    return std::pair{*percent, BeijingPeriod(clock->Now())};
  });
  // Seed 004's 新增规模以上工业企业 target follows the roster: `entrants` of Henan (410000) in
  // the latest month with data (entered in its year, up to it). Without any `entered` in the
  // enterprises files the count is unknown, not 0: the reported progress stands.
  Workspace* ws = ws_.get();
  warnings_->SetInternalMetric(
      "new_above_scale_enterprises", [ws]() -> std::optional<std::pair<double, Period>> {
        using Metric = std::optional<std::pair<double, Period>>;
        auto snap = ws->GetSnapshot();
        if (!snap.ok() || (*snap)->panel->empty()) return std::nullopt;
        const Panel& panel = *(*snap)->panel;
        const Catalog& c = panel.catalog();
        const NodeId henan = c.regions().Find("410000");
        // Read by every evaluation (after every import): kept while no 河南 enterprise moves.
        static auto* kept = new SnapshotMemo<Metric>();  // outlives every request
        if (auto known = kept->Find(*snap, "new_above_scale_enterprises")) return *known;
        Metric metric;
        bool any_entered = false;
        for (uint32_t e = 0; e < panel.num_enterprises() && !any_entered; ++e)
          any_entered = panel.enterprise(e).entered != kRosterSinceEver;
        const Period t = panel.last_period();
        const CellRef cell{c.FindIndicator("output_value"), t, henan, c.all_industry()};
        if (any_entered) {
          auto row = (*snap)->query->Cell(cell, {Measure::kEntrants}, Dimension::kIndustry);
          if (row.ok() && row->values[0]) metric = std::pair{*row->values[0], t};
        }
        kept->Put(*snap, "new_above_scale_enterprises", metric, henan);
        return metric;
      });
  // Seed 004's 省级专精特新 1000家 and 小巨人 100家 follow the 专精特新 recognitions of their year
  // (app/cultivation.h); without any recognition in it the reported progress stands.
  Ballast* self = this;
  warnings_->SetInternalMetric("provincial_specialised_smes", [self]() {
    return StageTargetMetric(*self, "provincial_specialised_smes", cultivation::Stage::kProvincial);
  });
  warnings_->SetInternalMetric("national_little_giants", [self]() {
    return StageTargetMetric(*self, "national_little_giants", cultivation::Stage::kLittleGiant);
  });
  // Seed 004's 三个一批 rounds and 10亿元 projects per city follow the register (app/project_targets.h).
  for (const char* code : {"three_batches_quarterly", "major_projects_per_city"}) {
    warnings_->SetInternalMetric(code, [self, code]() { return ProjectTargetMetric(*self, code); });
  }
  Warnings* w = warnings_.get();
  // Policy targets behind their path and major projects with red or yellow cards (issue 15).
  warnings_->SetExternalSubjects(
      [w, self](Period today) -> Result<std::vector<warn::ExternalSubject>> {
        ASSIGN_OR_RETURN(auto out, TargetSubjects(*w, today));
        ASSIGN_OR_RETURN(auto more, ProjectSubjects(*self, today));
        for (auto& subject : more) out.push_back(std::move(subject));
        return out;
      });
}

Result<ImportResult> Ballast::Import(const Caller& caller, std::string_view bytes, std::string_view file_name) {
  RETURN_IF_ERROR(access_.Require(caller, auth::Permission::kImport));
  const NodeId scope = access_.ScopeNode(caller);
  if (scope == kNoNode) return Status::Denied("your scope " + caller.region + " is not a known region");
  ImportResult r;
  // Periods after this Beijing month are in the future, by the program's one clock.
  const auto started = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(r.outcome, ws_->Import(bytes, file_name, caller.username, BeijingPeriod(clock().Now()), scope));
  metrics::Metrics::Global().ObserveImport(ingest::ImportStatusName(r.outcome.status), r.outcome.report.rows,
                                           SecondsSince(started));
  if (r.outcome.status == ingest::ImportStatus::kImported) {
    // Mostly waiting for other threads (the pace, the evaluation behind the readers): the
    // server's worker lends its place to another request meanwhile.
    BlockingRegion waiting;
    // Read your writes: the 201 comes once this instance answers from a panel holding the batch
    // (paced with the other batches: Workspace::SetAdvanceInterval).
    RETURN_IF_ERROR(ws_->LatestThrough(r.outcome.batch.id).status());
    const auto evaluating = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(r.evaluation, warnings_->AfterImport(r.outcome));
    metrics::Metrics::Global().ObserveEvaluation(SecondsSince(evaluating));
  } else if (r.outcome.status == ingest::ImportStatus::kUnchanged) {
    // The same file again: a crash may have come between its batch and the evaluation.
    ASSIGN_OR_RETURN(bool repaired, RepairEvaluation());
    (void)repaired;
  }
  return r;
}

Status Ballast::MayImportReferenceData(const Caller& caller) const {
  RETURN_IF_ERROR(access_.Require(caller, auth::Permission::kImport));
  if (!caller.whole_country()) {
    return Status::Denied(
        "price indices and value-added rates hold for the whole country; your scope is " +
        caller.region);
  }
  return Status::Ok();
}

Result<ingest::ImportOutcome> Ballast::ImportPrices(const Caller& caller, std::string_view bytes,
                                                    std::string_view file_name) {
  RETURN_IF_ERROR(MayImportReferenceData(caller));
  ASSIGN_OR_RETURN(auto outcome, ws_->ImportPrices(bytes, file_name, BeijingPeriod(clock().Now())));
  outcome.batch.user = caller.username;
  outcome.batch.created_at = FormatUtc(clock().Now());
  return outcome;
}

Result<ingest::ImportOutcome> Ballast::ImportVaRates(const Caller& caller, std::string_view bytes,
                                                     std::string_view file_name) {
  RETURN_IF_ERROR(MayImportReferenceData(caller));
  ASSIGN_OR_RETURN(auto outcome, ws_->ImportVaRates(bytes, file_name));
  outcome.batch.user = caller.username;
  outcome.batch.created_at = FormatUtc(clock().Now());
  return outcome;
}

Result<std::vector<BatchInfo>> Ballast::Batches(const Caller& caller) {
  RETURN_IF_ERROR(access_.Require(caller, auth::Permission::kImport));
  ASSIGN_OR_RETURN(auto batches, ws_->Batches());
  if (!caller.whole_country()) {
    std::erase_if(batches, [&](const BatchInfo& b) { return b.user != caller.username; });
  }
  return batches;
}

Result<bool> Ballast::EvaluationStale() {
  ASSIGN_OR_RETURN(auto batches, ws_->Batches());
  BatchId newest = 0;
  for (const auto& b : batches) newest = std::max(newest, b.id);
  ASSIGN_OR_RETURN(int64_t through, warnings_->EvaluatedThrough());
  return newest > through;
}

Result<bool> Ballast::RepairEvaluation() {
  ASSIGN_OR_RETURN(bool stale, EvaluationStale());
  if (!stale) return false;
  const auto started = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(warnings_->Evaluate().status());
  metrics::Metrics::Global().ObserveEvaluation(SecondsSince(started));
  return true;
}

}  // namespace ballast::app
