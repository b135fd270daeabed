#include "app/policy.h"

#include "app/ballast.h"

#include <algorithm>

#include "engine/measures.h"

namespace ballast::app {

namespace {

// The actual value of an indicator metric: the measure of the cell at the latest period with data
// up to `today`.
std::optional<policy::Actual> IndicatorActual(Workspace& ws, const policy::Target& t, Period today) {
  auto snap = ws.GetSnapshot();
  if (!snap.ok()) return std::nullopt;
  const Panel& panel = *(*snap)->panel;
  const Catalog& cat = ws.catalog();
  const int ind = cat.FindIndicator(t.indicator);
  auto measure = ParseMeasure(t.measure);
  const NodeId region = t.region.empty() ? cat.country() : cat.regions().Find(t.region);
  const NodeId industry = t.industry.empty() ? cat.all_industry() : cat.FindIndustry(t.industry);
  if (ind < 0 || !measure.ok() || region == kNoNode || industry == kNoNode || panel.empty()) return std::nullopt;
  for (Period p = std::min(panel.last_period(), today); p >= panel.first_period(); --p) {
    if (!panel.HasData(ind, p)) continue;
    auto row = (*snap)->query->Cell({ind, p, region, industry}, {*measure}, Dimension::kIndustry);
    if (!row.ok() || !row->values[0]) return std::nullopt;
    return policy::Actual{*row->values[0], p};
  }
  return std::nullopt;
}

Result<std::vector<TargetView>> Targets(Warnings& w, const TargetFilter& f, Period today) {
  if (today == 0) today = BeijingPeriod(w.workspace().clock().Now());
  ASSIGN_OR_RETURN(auto catalog, policy::EmbeddedPolicyCatalog());
  ASSIGN_OR_RETURN(auto progress, w.ListProgress(""));  // by target, date, id
  std::vector<TargetView> out;
  for (const auto& doc : catalog) {
    if (!f.document.empty() && doc.id != f.document) continue;
    for (const auto& t : doc.targets) {
      if (!f.include_qualitative && t.qualitative()) continue;
      if (!f.unit.empty() && std::find(t.lead_units.begin(), t.lead_units.end(), f.unit) == t.lead_units.end() &&
          std::find(t.cooperating_units.begin(), t.cooperating_units.end(), f.unit) == t.cooperating_units.end()) {
        continue;
      }
      TargetView v;
      v.target = t;
      v.document_title = doc.title;
      v.document_number = doc.number;
      v.document_region = doc.region;
      // Only reports dated on or before the end of `today` count (a board as of June never
      // shows July's figure); the latest date wins.
      std::vector<policy::Report> reports;
      const std::string last_day = FormatPeriod(today) + "-31";
      for (const auto& p : progress) {
        if (p.target_id != t.id) continue;
        ++v.reports;
        reports.push_back({p.date, p.value});
        if (p.date <= last_day && (!v.latest || p.date >= v.latest->date)) v.latest = p;
      }
      std::optional<policy::Actual> latest = policy::LatestReportAsOf(reports, today);
      if (latest) v.actual_source = "reported";
      // A computed indicator wins over reports; internal metrics fall back to reports until the
      // module that computes them exists.
      if (t.metric == policy::MetricKind::kIndicator) {
        if (auto a = IndicatorActual(w.workspace(), t, today)) {
          latest = a;
          v.actual_source = "indicator";
        }
      }
      if (t.metric == policy::MetricKind::kInternal && f.internal_metrics) {
        if (const auto* metric = w.FindInternalMetric(t.internal)) {
          if (auto value = (*metric)()) {
            latest = policy::Actual{value->first, value->second};
            v.actual_source = "internal";
          }
        }
      }
      if (latest) v.actual_period = FormatPeriod(latest->period);
      v.progress = policy::ComputeProgress(t, latest, today);
      v.status = std::string(policy::StatusName(v.progress.status));
      if (!f.status.empty() && v.status != f.status) continue;
      out.push_back(std::move(v));
    }
  }
  return out;
}

std::string JoinUnits(const policy::Target& t) {
  std::string s;
  for (const auto* list : {&t.lead_units, &t.cooperating_units}) {
    for (const auto& u : *list) s += (s.empty() ? "" : ";") + u;
  }
  return s;
}

}  // namespace

Result<std::vector<TargetView>> ListTargets(Warnings& w, const TargetFilter& filter, Period today) {
  return Targets(w, filter, today);
}

Result<TargetView> GetTarget(Warnings& w, const std::string& target_id, Period today) {
  ASSIGN_OR_RETURN(auto all, ListTargets(w, {}, today));
  for (auto& v : all) {
    if (v.target.id == target_id) return std::move(v);
  }
  return Status::NotFound("target '" + target_id + "' does not exist");
}

Result<ProgressRecord> AddProgress(Warnings& w, const ProgressRequest& r, const std::string& actor) {
  if (actor.empty()) return Status::Invalid("an actor is required");
  ASSIGN_OR_RETURN(auto catalog, policy::EmbeddedPolicyCatalog());
  const policy::Target* target = nullptr;
  for (const auto& d : catalog) {
    for (const auto& t : d.targets) {
      if (t.id == r.target_id) target = &t;
    }
  }
  if (target == nullptr) return Status::NotFound("target '" + r.target_id + "' does not exist");
  if (target->qualitative()) return Status::Invalid("target '" + r.target_id + "' is qualitative: report a note, value 0");
  if (!warn::DaysFromDate(r.date)) return Status::Invalid("date must be YYYY-MM-DD");
  if (r.date.substr(0, 7) > FormatPeriod(BeijingPeriod(w.workspace().clock().Now()))) {
    return Status::Invalid("date is in the future");
  }
  if (r.value != r.value) return Status::Invalid("value must be a number");
  if (r.attachment.find('/') != std::string::npos || r.attachment.find('\\') != std::string::npos) {
    return Status::Invalid("attachment: a file name, not a path");
  }
  ProgressRecord rec;
  rec.target_id = r.target_id;
  rec.value = r.value;
  rec.date = r.date;
  rec.note = r.note;
  rec.attachment = r.attachment;
  rec.actor = actor;
  return w.AddProgress(rec);
}

Result<std::vector<ProgressRecord>> ListProgress(Warnings& w, const std::string& target_id) {
  return w.ListProgress(target_id);
}

Result<std::vector<warn::ExternalSubject>> TargetSubjects(Warnings& w, Period today) {
  ASSIGN_OR_RETURN(auto views, Targets(w, {}, today));
  std::vector<warn::ExternalSubject> out;
  for (const auto& v : views) {
    // Achieved and expired targets raise no behind-path warnings (a 2022 target in 2026 is history).
    if (!v.progress.behind_pct || v.progress.status == policy::Status::kAchieved ||
        v.progress.status == policy::Status::kExpired) {
      continue;
    }
    warn::ExternalSubject s;
    s.kind = warn::SubjectKind::kTarget;
    s.key = v.target.id;
    s.name = v.target.text;
    s.units = JoinUnits(v.target);
    s.series = {{"behind_pct", {{FormatPeriod(today), *v.progress.behind_pct}}}};
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<TargetView>> ListTargets(Ballast& b, const Caller& c, TargetFilter filter, Period today) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  // Internal metrics are computed over the whole country (the appeal resolution rate): a
  // narrower scope would read other regions' figures in them.
  filter.internal_metrics = c.whole_country();
  return ListTargets(b.warnings(), filter, today);
}

Result<TargetDetail> GetTarget(Ballast& b, const Caller& c, const std::string& target_id, Period today) {
  TargetFilter f;
  ASSIGN_OR_RETURN(auto all, ListTargets(b, c, f, today));
  for (auto& v : all) {
    if (v.target.id != target_id) continue;
    TargetDetail d{std::move(v), {}};
    ASSIGN_OR_RETURN(d.progress, ListProgress(b.warnings(), target_id));
    return d;
  }
  return Status::NotFound("target '" + target_id + "' does not exist");
}

Result<ProgressRecord> AddProgress(Ballast& b, const Caller& c, const ProgressRequest& r) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReportProgress));
  ASSIGN_OR_RETURN(TargetView t, GetTarget(b.warnings(), r.target_id));
  // A target belongs to the region its document governs: a city reports on its own targets,
  // never on the province's.
  if (!b.access().InScope(c, t.document_region)) {
    return Status::Denied("target '" + r.target_id + "' belongs to region " + t.document_region +
                          ", outside your scope " + c.region);
  }
  if (c.role == auth::Role::kHandler) {
    const auto& lead = t.target.lead_units;
    const auto& coop = t.target.cooperating_units;
    if (std::find(lead.begin(), lead.end(), c.unit) == lead.end() &&
        std::find(coop.begin(), coop.end(), c.unit) == coop.end()) {
      return Status::Denied("your unit (" + c.unit + ") is not responsible for this target");
    }
  }
  return AddProgress(b.warnings(), r, c.username);
}

}  // namespace ballast::app
