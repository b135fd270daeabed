#include "app/projects.h"

#include <algorithm>
#include <map>

#include "app/audit.h"
#include "app/project_factors.h"
#include "core/clock.h"
#include "projects/project_import.h"
#include "store/open.h"

namespace ballast::app {
namespace {

using projects::MonthlyReport;
using projects::Project;

Result<std::unique_ptr<ProjectStore>> Open(Ballast& b) { return OpenProjectStore(b.path()); }

bool Sees(const Ballast& b, const Caller& c, const Project& p) {
  return b.access().MaySeeProject(c, p.region, p.unit, p.investor_uscc);
}

Status ProjectNotFound() { return NotFoundAs("that project"); }

// The region a list or a rate is asked for: "" = the caller's scope; refused outside it.
Result<NodeId> RegionNode(Ballast& b, const Caller& c, const std::string& region) {
  const Catalog& cat = b.catalog();
  if (region.empty()) {
    // An enterprise's projects may lie outside the region it is registered in.
    if (c.role == auth::Role::kEnterprise) return cat.country();
    const NodeId n = b.access().ScopeNode(c);
    if (n == kNoNode) return Status::Denied("your region scope " + c.region + " no longer exists");
    return n;
  }
  const NodeId n = cat.regions().Find(region);
  if (n == kNoNode) return Status::Invalid("region: '" + region + "' is not a GB/T 2260 code");
  RETURN_IF_ERROR(b.access().CheckRegion(c, region));
  return n;
}

bool InRegion(const Catalog& cat, NodeId node, const Project& p) {
  const NodeId n = cat.regions().Find(p.region);
  return n != kNoNode && cat.regions().Contains(node, n);
}

Result<std::vector<Project>> Visible(Ballast& b, const Caller& c, ProjectStore& store,
                                     NodeId region) {
  ASSIGN_OR_RETURN(auto all, store.ListProjects());
  std::vector<Project> out;
  for (auto& p : all) {
    if (Sees(b, c, p) && InRegion(b.catalog(), region, p)) out.push_back(std::move(p));
  }
  return out;
}

std::string Now(Ballast& b) { return FormatUtc(b.clock().Now()); }

}  // namespace

Result<std::vector<Project>> ListProjects(Ballast& b, const Caller& c, const ProjectFilter& f) {
  ASSIGN_OR_RETURN(NodeId region, RegionNode(b, c, f.region));
  std::optional<projects::Stage> stage;
  if (!f.stage.empty()) {
    stage = projects::ParseStage(f.stage);
    if (!stage)
      return Status::Invalid("stage: '" + f.stage +
                             "' is not signed, started, in_production or at_capacity");
  }
  NodeId industry = kNoNode;
  if (!f.industry.empty()) {
    industry = b.catalog().FindIndustry(f.industry);
    if (industry == kNoNode)
      return Status::Invalid("industry: '" + f.industry + "' is not a GB/T 4754 code");
  }
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto all, Visible(b, c, *store, region));
  std::vector<Project> out;
  for (auto& p : all) {
    if (stage && p.stage() != *stage) continue;
    if (industry != kNoNode) {
      const NodeId n = b.catalog().FindIndustry(p.industry);
      if (n == kNoNode || !b.catalog().industries().Contains(industry, n)) continue;
    }
    if (!f.unit.empty() && p.unit != f.unit) continue;
    if (f.yi_level_only && !p.yi_level()) continue;
    if (!f.text.empty() && p.name.find(f.text) == std::string::npos &&
        p.code.find(f.text) == std::string::npos &&
        p.investor_name.find(f.text) == std::string::npos)
      continue;
    out.push_back(std::move(p));
  }
  return out;
}

Result<Project> GetProject(Ballast& b, const Caller& c, int64_t id) {
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto p, store->GetProject(id));
  if (!p || !Sees(b, c, *p)) return ProjectNotFound();
  return *p;
}

Result<ProjectImportSummary> ImportProjects(Ballast& b, const Caller& c, std::string_view bytes,
                                            const std::string& file_name) {
  if (!b.access().MayEditProjects(c))
    return Status::Denied("your role (" + std::string(auth::RoleName(c.role)) +
                          ") may not register projects");
  ASSIGN_OR_RETURN(auto rows, projects::ParseProjects(b.catalog(), bytes, file_name));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto existing, store->ListProjects());
  std::map<std::string, const Project*> by_code;
  for (const auto& p : existing) by_code[p.code] = &p;
  ProjectImportSummary sum;
  std::vector<Project> write;
  const std::string now = Now(b);
  for (auto& row : rows) {
    Project p = std::move(row.project);
    const std::string where = file_name + ":" + std::to_string(row.line) + ": ";
    if (!b.access().MayEditProject(c, p.region))
      return Status::Invalid(where + "region: " + p.region + " is outside your region scope " +
                             c.region);
    if (auto it = by_code.find(p.code); it != by_code.end()) {
      // The same answer whether the holder is invisible or only not editable.
      if (!b.access().MayEditProject(c, it->second->region))
        return Status::Invalid(where + "code: '" + p.code + "' is already used by another project");
      p.id = it->second->id;
      p.version = it->second->version;
      ++sum.updated;
    } else {
      ++sum.created;
    }
    p.updated_by = c.username;
    p.updated_at = now;
    write.push_back(std::move(p));
  }
  ASSIGN_OR_RETURN(auto saved, store->SaveProjects(std::move(write)));
  AuditSuccess(
      b, c, "project.import", file_name,
      std::to_string(sum.created) + " created, " + std::to_string(sum.updated) + " updated");
  return sum;
}

Result<Project> UpdateProject(Ballast& b, const Caller& c, Project edited) {
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto old, store->GetProject(edited.id));
  if (!old || !Sees(b, c, *old)) return ProjectNotFound();
  if (!b.access().MayEditProject(c, old->region))
    return Status::Denied("you may not edit this project");
  // Moving a project: the new region must lie in the caller's scope too.
  if (!b.access().MayEditProject(c, edited.region))
    return Status::Denied("region: " + edited.region + " is outside your region scope " + c.region);
  RETURN_IF_ERROR(projects::CheckProjectCodes(b.catalog(), edited));
  edited.updated_by = c.username;
  edited.updated_at = Now(b);
  ASSIGN_OR_RETURN(auto saved, store->SaveProjects({std::move(edited)}));
  AuditSuccess(b, c, "project.edit", std::to_string(saved[0].id),
               saved[0].code + " version " + std::to_string(saved[0].version));
  return saved[0];
}

Result<MonthlyReport> ReportMonth(Ballast& b, const Caller& c, MonthlyReport r) {
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto p, store->GetProject(r.project_id));
  if (!p || !Sees(b, c, *p)) return ProjectNotFound();
  if (!b.access().MayReportProject(c, p->region, p->unit))
    return Status::Denied("you may not report this project");
  const Period current = BeijingPeriod(b.clock().Now());
  if (r.month > current)
    return Status::Invalid("month: " + FormatPeriod(r.month) + " is in the future (this month is " +
                           FormatPeriod(current) + ")");
  RETURN_IF_ERROR(projects::CheckReport(r));
  std::optional<Project> updated;
  if (r.stage) {
    const auto i = static_cast<size_t>(*r.stage);
    const int reached = static_cast<int>(p->stage());
    const bool any = !p->actual[0].empty();
    if (!p->actual[i].empty()) {
      if (p->actual[i] != r.stage_date)
        return Status::Invalid("stage: " + std::string(projects::StageName(*r.stage)) +
                               " was reached on " + p->actual[i] +
                               " (edit the register to change it)");
    } else {
      const int next = any ? reached + 1 : 0;
      if (static_cast<int>(i) != next)
        return Status::Invalid(
            "stage: the next stage of this project is " +
            std::string(projects::StageName(static_cast<projects::Stage>(next))));
      updated = *p;
      updated->actual[i] = r.stage_date;
      if (Status s = projects::CheckProject(*updated); !s.ok())
        return Status::Invalid("stage_date: " + s.message());
      updated->updated_by = c.username;
      updated->updated_at = Now(b);
    }
  }
  r.reported_by = c.username;
  r.reported_at = Now(b);
  // Each blocker opens a factor-guarantee item unless its factor has one open already.
  std::vector<projects::FactorItem> items =
      ItemsOfReport(r, b.service().Calendar(), r.reported_at, c.username);
  ASSIGN_OR_RETURN(MonthlyReport saved, store->AddReport(std::move(r), updated, &items));
  std::string detail = FormatPeriod(saved.month) + " version " + std::to_string(saved.version);
  for (const auto& item : items)
    detail += "; opened factor item " + std::to_string(item.id) + " (" +
              std::string(projects::FactorName(item.factor)) + ")";
  AuditSuccess(b, c, "project.report", std::to_string(saved.project_id), detail);
  return saved;
}

Result<std::vector<ReportView>> ProjectReports(Ballast& b, const Caller& c, int64_t id) {
  ASSIGN_OR_RETURN(auto p, GetProject(b, c, id));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto history, store->ListReports(p.id));
  const auto latest = projects::LatestVersions(history);
  std::vector<ReportView> out;
  for (auto& r : history) {
    ReportView v;
    v.cumulative = projects::Cumulative(latest, p.id, r.month);
    v.latest = std::any_of(latest.begin(), latest.end(), [&](const MonthlyReport& l) {
      return l.month == r.month && l.version == r.version;
    });
    v.report = std::move(r);
    out.push_back(std::move(v));
  }
  return out;
}

Result<projects::RatesTable> ProjectRates(Ballast& b, const Caller& c, const std::string& round,
                                          const std::string& by, const std::string& region) {
  ASSIGN_OR_RETURN(auto rd, projects::ParseRound(round));
  ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, region));
  const Catalog& cat = b.catalog();
  std::function<std::string(const Project&)> key;
  if (by == "region" || by.empty()) {
    const int32_t depth = cat.regions().node(node).depth + 1;
    key = [&cat, node, depth](const Project& p) -> std::string {
      const NodeId n = cat.regions().Find(p.region);
      if (n == kNoNode || n == node) return p.region;
      const NodeId a = cat.regions().AncestorAtDepth(n, depth);
      return a == kNoNode ? p.region : cat.regions().node(a).code;
    };
  } else if (by == "industry") {
    key = [](const Project& p) {
      return p.industry.size() >= 2 && std::isdigit(static_cast<unsigned char>(p.industry[0]))
                 ? p.industry.substr(0, 2)
                 : p.industry;
    };
  } else if (by == "leader_province") {
    key = [](const Project& p) { return p.leader_province; };
  } else if (by == "leader_city") {
    key = [](const Project& p) { return p.leader_city; };
  } else if (by == "leader_county") {
    key = [](const Project& p) { return p.leader_county; };
  } else {
    return Status::Invalid(
        "by: '" + by + "' is not region, industry, leader_province, leader_city or leader_county");
  }
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto ps, Visible(b, c, *store, node));
  ASSIGN_OR_RETURN(auto history, store->ListReports(0));
  return projects::ComputeRates(ps, projects::LatestVersions(history), rd, key);
}

Result<std::vector<ProjectCardRow>> ProjectCards(Ballast& b, const Caller& c,
                                                 const std::string& region, int idle_months) {
  ASSIGN_OR_RETURN(NodeId node, RegionNode(b, c, region));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto ps, Visible(b, c, *store, node));
  ASSIGN_OR_RETURN(auto history, store->ListReports(0));
  const auto latest = projects::LatestVersions(history);
  std::map<int64_t, std::vector<MonthlyReport>> of;
  for (const auto& r : latest) of[r.project_id].push_back(r);
  const std::string today = BeijingDate(b.clock().Now());
  std::vector<ProjectCardRow> out;
  for (const auto& p : ps) {
    for (auto& card : projects::ProjectCards(p, of[p.id], today, {idle_months})) {
      out.push_back({p.id, p.code, p.name, p.region, p.unit, std::move(card)});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ProjectCardRow& x, const ProjectCardRow& y) {
    return (x.card.level == "red") > (y.card.level == "red");
  });
  return out;
}

Result<std::vector<warn::ExternalSubject>> ProjectSubjects(Ballast& b, Period month) {
  std::string today = BeijingDate(b.clock().Now());
  if (BeijingPeriod(b.clock().Now()) != month) {
    ASSIGN_OR_RETURN(int64_t next, ParseUtc(FormatPeriod(month + 1) + "-01"));
    today = FormatUtc(next - 86400).substr(0, 10);
  }
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto ps, store->ListProjects());
  ASSIGN_OR_RETURN(auto history, store->ListReports(0));
  std::map<int64_t, std::vector<MonthlyReport>> of;
  for (auto& r : projects::LatestVersions(history)) of[r.project_id].push_back(std::move(r));
  std::vector<warn::ExternalSubject> out;
  for (const auto& p : ps) {
    const auto cards = projects::ProjectCards(p, of[p.id], today);
    if (cards.empty()) continue;
    warn::ExternalSubject s;
    s.kind = warn::SubjectKind::kProject;
    s.key = p.code;
    s.name = p.name;
    s.region = p.region;
    s.units = p.unit;
    std::map<std::string, double> worst;  // series → the largest value among the cards
    for (const auto& c : cards) {
      const std::string series = c.kind == "behind_plan"     ? "behind_months"
                                 : c.kind == "no_investment" ? "idle_months"
                                                             : "overdue_days";
      worst[series] = std::max(worst[series], static_cast<double>(c.months));
    }
    for (const auto& [name, value] : worst) s.series.push_back({name, {{today, value}}});
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ballast::app
