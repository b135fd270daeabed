#include "app/benefits.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "app/analysis.h"
#include "app/audit.h"
#include "app/disclosure.h"
#include "app/groups.h"
#include "benefit/conditions.h"
#include "benefit/policy_import.h"
#include "core/clock.h"
#include "store/open.h"

namespace ballast::app {
namespace {

using benefit::EnterpriseFacts;
using benefit::Policy;

Result<std::unique_ptr<BenefitStore>> Open(Ballast& b) { return OpenBenefitStore(b.path()); }

std::string Now(Ballast& b) { return FormatUtc(b.clock().Now()); }
std::string Today(Ballast& b) { return BeijingDate(b.clock().Now()); }

Status PolicyNotFound() { return NotFoundAs("that policy"); }

// The industry groups (@hightech …) a condition may name.
struct Groups {
  benefit::GroupMembers members;
  std::vector<std::string> names;
};
Result<Groups> IndustryGroups(const Catalog& cat) {
  ASSIGN_OR_RETURN(auto all, LoadGroups(cat));
  Groups g;
  for (auto& x : all) {
    if (x.region) continue;
    g.names.push_back(x.name);
    g.members[x.name] = std::move(x.codes);
  }
  return g;
}

Result<PolicyView> ToView(const PolicyRecord& r, const Catalog& cat, const Groups& groups,
                          const std::string& today) {
  PolicyView v;
  Policy& p = v.policy;
  p.id = r.id;
  p.title = r.title;
  p.issuer = r.issuer;
  p.doc_number = r.doc_number;
  p.valid_from = r.valid_from;
  p.valid_to = r.valid_to;
  p.summary = r.summary;
  p.benefit = r.benefit;
  p.updated_by = r.updated_by;
  p.updated_at = r.updated_at;
  auto conds = benefit::ParseConditions(r.conditions, cat, groups.names);
  if (!conds.ok()) {
    // A group file removed since the import: say which policy needs editing.
    return Status::Precondition("policy '" + r.id +
                                "': its conditions no longer read: " + conds.status().message());
  }
  p.conditions = std::move(*conds);
  v.conditions = benefit::FormatConditions(p.conditions);
  v.in_force = benefit::InForce(p, today);
  return v;
}

std::string CodeOf(const CodeTree& tree, NodeId n) {
  return n == kNoNode ? std::string() : tree.node(n).code;
}

std::optional<double> Opt(double v) {
  if (IsMissing(v) || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The facts of every enterprise of the latest panel: attributes from the roster, revenue of
// the last full year (the ytd of the latest December), growth = ytd_yoy of output value at the
// latest period, R&D intensity where the catalog has an rd_expense indicator.
struct FactsTable {
  std::string period, revenue_year;
  std::vector<EnterpriseFacts> facts;
  std::vector<NodeId> region;  // per enterprise, for scope checks
};

Result<FactsTable> BuildFacts(Ballast& b) {
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  const Catalog& cat = b.catalog();
  FactsTable t;
  const size_t n = panel.num_enterprises();
  t.facts.resize(n);
  t.region.resize(n, kNoNode);
  static const char* kSizes[] = {"large", "medium", "small", "micro", ""};
  for (size_t i = 0; i < n; ++i) {
    const auto& e = panel.enterprise(static_cast<uint32_t>(i));
    auto& f = t.facts[i];
    f.uscc = e.uscc;
    f.name = e.name;
    f.region = CodeOf(cat.regions(), e.region);
    f.industry = CodeOf(cat.industries(), e.industry);
    f.size = kSizes[static_cast<int>(e.size)];
    f.tags = e.tags;
    t.region[i] = e.region;
  }
  if (panel.empty()) return t;
  // The period every view opens on (app/analysis.h DefaultPeriod), and the engine's measures.
  ASSIGN_OR_RETURN(std::string period, DefaultPeriod(b.workspace()));
  if (period.empty()) return t;
  ASSIGN_OR_RETURN(Period last, ParsePeriod(period));
  t.period = period;
  auto per_enterprise = [&](int indicator, Period p, Measure m,
                            std::vector<std::optional<double>>* out) -> Status {
    out->assign(n, std::nullopt);
    if (indicator < 0 || !panel.HasPeriod(p)) return Status::Ok();
    const CellRef cell(indicator, p, cat.country(), cat.all_industry());
    ASSIGN_OR_RETURN(auto rows, snap->query->Enterprises(cell, {m}));
    for (const auto& r : rows) {
      if (r.enterprise < n && !r.row.values.empty() && r.row.values[0])
        (*out)[r.enterprise] = Opt(*r.row.values[0]);
    }
    return Status::Ok();
  };
  std::vector<std::optional<double>> v;
  // Growth: ytd_yoy of output value.
  RETURN_IF_ERROR(per_enterprise(cat.FindIndicator("output_value"), last, Measure::kYtdYoy, &v));
  for (size_t i = 0; i < n; ++i) t.facts[i].growth = v[i];
  // The last full year: the latest December the panel holds (its year-to-date figures).
  Period dec = MakePeriod(PeriodYear(last), 12);
  if (dec > last) dec -= 12;
  if (panel.HasPeriod(dec)) {
    t.revenue_year = std::to_string(PeriodYear(dec));
    const int rev = cat.FindIndicator("revenue");
    std::vector<std::optional<double>> revenue;
    RETURN_IF_ERROR(per_enterprise(rev, dec, Measure::kYtd, &revenue));
    for (size_t i = 0; i < n; ++i) t.facts[i].revenue = revenue[i];
    if (int rd = cat.FindIndicator("rd_expense"); rd >= 0 && rev >= 0) {
      RETURN_IF_ERROR(per_enterprise(rd, dec, Measure::kYtd, &v));
      for (size_t i = 0; i < n; ++i) {
        if (v[i] && revenue[i] && *revenue[i] > 0) t.facts[i].rd = Opt(*v[i] / *revenue[i] * 100);
      }
    }
  }
  return t;
}

std::vector<std::string> FieldNames(const std::vector<benefit::Field>& fs) {
  std::vector<std::string> out;
  for (auto f : fs) out.emplace_back(benefit::FieldName(f));
  return out;
}

// The region asked for: "" = the caller's scope; refused outside it.
Result<NodeId> AskedRegion(Ballast& b, const Caller& c, const std::string& region) {
  if (region.empty()) {
    const NodeId n = b.access().ScopeNode(c);
    if (n == kNoNode) return Status::Denied("your region scope " + c.region + " no longer exists");
    return n;
  }
  const NodeId n = b.catalog().regions().Find(region);
  if (n == kNoNode) return Status::Invalid("region: '" + region + "' is not a GB/T 2260 code");
  RETURN_IF_ERROR(b.access().CheckRegion(c, region));
  return n;
}

bool StaffSeesRecord(Ballast& b, const Caller& c, const BenefitRecord& r) {
  if (c.role == auth::Role::kEnterprise) return !c.uscc.empty() && r.uscc == c.uscc;
  if (c.role == auth::Role::kViewer) return false;
  return b.access().InScope(c, r.region);
}

// A policy reaches the enterprises of its region clause (none: the whole country). Below the
// whole country an office writes only policies whose reach lies inside its scope, and never
// replaces one whose reach does not: the library is shared, and a province must not rewrite
// another province's policy by its id, nor publish one for enterprises it does not serve.
bool ReachInScope(const Access& access, const Caller& c,
                  const std::vector<benefit::Condition>& conditions) {
  if (c.whole_country()) return true;
  for (const auto& cond : conditions) {
    if (cond.field != benefit::Field::kRegion || cond.values.empty()) continue;
    if (std::all_of(cond.values.begin(), cond.values.end(),
                    [&](const std::string& code) { return access.InScope(c, code); }))
      return true;  // clauses AND together: one inside the scope bounds the reach
  }
  return false;
}

}  // namespace

Result<std::vector<PolicyView>> ListBenefitPolicies(Ballast& b, const Caller& c) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto groups, IndustryGroups(b.catalog()));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto all, store->ListPolicies());
  const std::string today = Today(b);
  std::vector<PolicyView> out;
  for (const auto& r : all) {
    ASSIGN_OR_RETURN(auto v, ToView(r, b.catalog(), groups, today));
    out.push_back(std::move(v));
  }
  return out;
}

Result<PolicyView> GetBenefitPolicy(Ballast& b, const Caller& c, const std::string& id) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto groups, IndustryGroups(b.catalog()));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto r, store->GetPolicy(id));
  if (!r) return PolicyNotFound();
  return ToView(*r, b.catalog(), groups, Today(b));
}

Result<PolicyImportSummary> ImportBenefitPolicies(Ballast& b, const Caller& c,
                                                  std::string_view bytes,
                                                  const std::string& file_name) {
  if (!b.access().MayEditBenefitPolicies(c))
    return Status::Denied("your role and scope (" + std::string(auth::RoleName(c.role)) + ", " +
                          c.region +
                          ") may not edit the policy library: administrators, analysts and "
                          "dispatchers of a province or the whole country");
  ASSIGN_OR_RETURN(auto groups, IndustryGroups(b.catalog()));
  ASSIGN_OR_RETURN(auto ps, benefit::ParsePolicies(bytes, file_name, b.catalog(), groups.names));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto existing, store->ListPolicies());
  for (const auto& p : ps) {
    bool ok = ReachInScope(b.access(), c, p.conditions);
    for (const auto& r : existing) {
      if (!ok || r.id != p.id) continue;
      auto old = benefit::ParseConditions(r.conditions, b.catalog(), groups.names);
      ok = old.ok() && ReachInScope(b.access(), c, *old);
    }
    if (!ok)
      return Status::Denied(file_name + ": policy '" + p.id +
                            "' reaches (or replaces one that reaches) enterprises outside your "
                            "scope " +
                            c.region +
                            ": give it a region clause inside it, e.g. "
                            "region = " +
                            c.region + " / 政策适用地区超出您的权限范围");
  }
  PolicyImportSummary sum;
  std::vector<PolicyRecord> write;
  const std::string now = Now(b);
  for (const auto& p : ps) {
    const bool known = std::any_of(existing.begin(), existing.end(),
                                   [&](const PolicyRecord& r) { return r.id == p.id; });
    ++(known ? sum.updated : sum.created);
    write.push_back(PolicyRecord{p.id, p.title, p.issuer, p.doc_number, p.valid_from, p.valid_to,
                                 p.summary, p.benefit, benefit::FormatConditions(p.conditions),
                                 c.username, now});
  }
  RETURN_IF_ERROR(store->SavePolicies(write));
  AuditSuccess(
      b, c, "benefit.policies.import", file_name,
      std::to_string(sum.created) + " created, " + std::to_string(sum.updated) + " updated");
  return sum;
}

Result<MatchList> MatchBenefitPolicy(Ballast& b, const Caller& c, const std::string& policy_id,
                                     const std::string& region) {
  if (!b.access().MayListBenefitMatches(c))
    return Status::Denied("your role (" + std::string(auth::RoleName(c.role)) +
                          ") may not list the enterprises a policy matches");
  ASSIGN_OR_RETURN(NodeId node, AskedRegion(b, c, region));
  ASSIGN_OR_RETURN(auto groups, IndustryGroups(b.catalog()));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto rec, store->GetPolicy(policy_id));
  if (!rec) return PolicyNotFound();
  MatchList out;
  ASSIGN_OR_RETURN(out.policy, ToView(*rec, b.catalog(), groups, Today(b)));
  out.region = b.catalog().regions().node(node).code;
  ASSIGN_OR_RETURN(auto facts, BuildFacts(b));
  out.period = facts.period;
  out.revenue_year = facts.revenue_year;
  ASSIGN_OR_RETURN(auto records, store->ListRecords(policy_id));
  std::map<std::string, BenefitRecord> by_uscc;
  for (auto& r : records) by_uscc.emplace(r.uscc, std::move(r));
  const bool figures = b.access().Allows(c, auth::Permission::kReadEnterprise);
  benefit::Matcher matcher(b.catalog(), groups.members);
  for (size_t i = 0; i < facts.facts.size(); ++i) {
    const NodeId rn = facts.region[i];
    if (rn == kNoNode || !b.catalog().regions().Contains(node, rn) || !b.access().InScope(c, rn))
      continue;
    ++out.considered;
    const auto& f = facts.facts[i];
    auto m = matcher.Match(out.policy.policy, f);
    if (m.verdict == benefit::Verdict::kNotMatched) continue;
    MatchRow row;
    row.uscc = f.uscc;
    row.name = f.name;
    row.region = f.region;
    row.industry = f.industry;
    row.size = f.size;
    row.tags = f.tags;
    row.verdict = benefit::VerdictName(m.verdict);
    row.unknown = FieldNames(m.unknown);
    if (figures) {
      row.figures_shown = true;
      row.revenue = f.revenue;
      row.growth = f.growth;
      row.rd = f.rd;
    }
    if (auto it = by_uscc.find(f.uscc); it != by_uscc.end()) row.record = it->second;
    (m.verdict == benefit::Verdict::kMatched ? out.matched : out.possible)
        .push_back(std::move(row));
  }
  AuditSuccess(b, c, "benefit.match", policy_id,
               "region " + out.region + ": " + std::to_string(out.matched.size()) + " matched, " +
                   std::to_string(out.possible.size()) + " possible");
  return out;
}

Result<std::vector<PolicyForYou>> PoliciesForEnterprise(Ballast& b, const Caller& c,
                                                        const std::string& uscc_in) {
  std::string uscc = uscc_in;
  if (c.role == auth::Role::kEnterprise) {
    if (uscc.empty()) uscc = c.uscc;
    if (c.uscc.empty() || uscc != c.uscc) return EnterpriseNotFound();
  } else if (uscc.empty()) {
    return Status::Invalid("uscc: required");
  }
  ASSIGN_OR_RETURN(auto facts, BuildFacts(b));
  const EnterpriseFacts* f = nullptr;
  for (const auto& x : facts.facts) {
    if (x.uscc == uscc) f = &x;
  }
  if (f == nullptr || !b.access().MaySeeEnterprise(c, f->uscc, f->region)) {
    // Staff without enterprise-level reads may still serve an enterprise of their scope.
    if (f == nullptr || !b.access().MayRecordBenefit(c, f->region)) return EnterpriseNotFound();
  }
  ASSIGN_OR_RETURN(auto groups, IndustryGroups(b.catalog()));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto all, store->ListPolicies());
  ASSIGN_OR_RETURN(auto records, store->ListRecords(""));
  const std::string today = Today(b);
  benefit::Matcher matcher(b.catalog(), groups.members);
  std::vector<PolicyForYou> out;
  for (const auto& r : all) {
    ASSIGN_OR_RETURN(auto v, ToView(r, b.catalog(), groups, today));
    if (!v.in_force) continue;
    auto m = matcher.Match(v.policy, *f);
    if (m.verdict == benefit::Verdict::kNotMatched) continue;
    PolicyForYou p{std::move(v), std::string(benefit::VerdictName(m.verdict)),
                   FieldNames(m.unknown), std::nullopt};
    for (const auto& rec : records) {
      if (rec.policy_id == r.id && rec.uscc == uscc) p.record = rec;
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<BenefitRecord> RecordBenefit(Ballast& b, const Caller& c, const BenefitRecordRequest& q) {
  if (c.role == auth::Role::kEnterprise || c.role == auth::Role::kViewer)
    return Status::Denied("your role (" + std::string(auth::RoleName(c.role)) +
                          ") may not record benefits");
  if (q.status != "applied" && q.status != "granted" && q.status != "refused")
    return Status::Invalid("status: '" + q.status + "' is not applied, granted or refused");
  if (!q.applied_on.empty() && !benefit::ValidDate(q.applied_on))
    return Status::Invalid("applied_on: '" + q.applied_on + "' is not a date YYYY-MM-DD");
  if (q.status == "applied" && q.applied_on.empty())
    return Status::Invalid("applied_on: required for an application");
  if (q.status != "applied") {
    if (!benefit::ValidDate(q.decided_on))
      return Status::Invalid("decided_on: a date YYYY-MM-DD is required when " + q.status);
    if (!q.applied_on.empty() && q.decided_on < q.applied_on)
      return Status::Invalid("decided_on: " + q.decided_on + " is before applied_on " +
                             q.applied_on);
  } else if (!q.decided_on.empty()) {
    return Status::Invalid("decided_on: an application has no decision yet");
  }
  if (q.status == "granted") {
    if (!q.amount || !std::isfinite(*q.amount) || *q.amount < 0)
      return Status::Invalid("amount: a granted benefit needs its amount (万元, ≥ 0)");
  } else if (q.amount) {
    return Status::Invalid("amount: only a granted benefit has an amount");
  }
  const std::string today = Today(b);
  if ((!q.applied_on.empty() && q.applied_on > today) ||
      (!q.decided_on.empty() && q.decided_on > today))
    return Status::Invalid("dates: a record cannot be dated after today (" + today + ", Beijing)");
  // The enterprise must be one the caller serves: out of scope reads as absent.
  // An unknown code answers exactly like one outside the scope.
  auto info = GetEnterprise(b.workspace(), q.uscc);
  if (!info.ok() && info.status().code() == StatusCode::kNotFound) return EnterpriseNotFound();
  if (!info.ok()) return info.status();
  if (!b.access().MayRecordBenefit(c, info->region.code)) return EnterpriseNotFound();
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto p, store->GetPolicy(q.policy_id));
  if (!p) return PolicyNotFound();
  BenefitRecord r{q.policy_id, q.uscc, info->region.code, q.status, q.applied_on, q.decided_on,
                  q.amount,    q.note, c.username,        Now(b)};
  RETURN_IF_ERROR(store->SaveRecord(r));
  AuditSuccess(b, c, "benefit.record", q.policy_id + "/" + q.uscc, q.status);
  return r;
}

Result<std::vector<BenefitRecord>> ListBenefitRecords(Ballast& b, const Caller& c,
                                                      const std::string& policy_id) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto all, store->ListRecords(policy_id));
  std::vector<BenefitRecord> out;
  for (auto& r : all) {
    if (StaffSeesRecord(b, c, r)) out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<BenefitCountRow>> BenefitCounts(Ballast& b, const Caller& c,
                                                   const std::string& region) {
  RETURN_IF_ERROR(b.access().Require(c, auth::Permission::kReadAggregate));
  ASSIGN_OR_RETURN(NodeId node, AskedRegion(b, c, region));
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto all, store->ListRecords(""));
  const CodeTree& tree = b.catalog().regions();
  struct Acc {
    BenefitCountRow row;
    std::vector<double> amounts;
  };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  for (const auto& r : all) {
    const NodeId rn = tree.Find(r.region);
    if (rn == kNoNode || !tree.Contains(node, rn)) continue;
    // The child of `node` the enterprise lies under (the node itself for its own enterprises).
    NodeId child = rn;
    while (child != node && tree.node(child).parent != node) child = tree.node(child).parent;
    Acc& a = acc[{r.policy_id, tree.node(child).code}];
    a.row.policy_id = r.policy_id;
    a.row.region = tree.node(child).code;
    if (r.status == "applied") ++a.row.applied;
    if (r.status == "refused") ++a.row.refused;
    if (r.status == "granted") {
      ++a.row.granted;
      a.amounts.push_back(r.amount.value_or(0));
    }
  }
  const bool published = GetsPublishedFigures(b.access(), c);
  std::vector<BenefitCountRow> out;
  for (auto& [key, a] : acc) {
    double total = 0;
    for (double x : a.amounts) total += x;
    // The sum of few or dominated grants would reveal one enterprise's amount.
    ASSIGN_OR_RETURN(auto s, sdc::PrimarySuppression(a.amounts, DisclosureParams()));
    if (sdc::IsSuppressed(s) && published) {
      a.row.suppressed = sdc::SuppressionName(s);
    } else {
      a.row.amount = total;
    }
    out.push_back(std::move(a.row));
  }
  return out;
}

Result<std::vector<StandardAnswer>> ListStandardAnswers(Ballast& b, const Caller& c,
                                                        const std::string& category) {
  if (c.role == auth::Role::kEnterprise || !b.access().Allows(c, auth::Permission::kAppeals))
    return Status::Denied("standard answers are for the staff who handle appeals");
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto all, store->ListAnswers());
  std::vector<StandardAnswer> out;
  for (auto& a : all) {
    if (!category.empty() && a.category != category) continue;
    if (b.access().MayReadStandardAnswer(c, a.region)) out.push_back(std::move(a));
  }
  return out;
}

Result<StandardAnswer> SaveStandardAnswer(Ballast& b, const Caller& c, StandardAnswer a) {
  if (c.role != auth::Role::kAdmin && c.role != auth::Role::kDispatcher)
    return Status::Denied("standard answers are edited by dispatchers and administrators");
  ASSIGN_OR_RETURN(auto store, Open(b));
  if (a.id != 0) {
    ASSIGN_OR_RETURN(auto old, store->GetAnswer(a.id));
    if (!old || !b.access().MayReadStandardAnswer(c, old->region))
      return NotFoundAs("that standard answer");
    if (!b.access().MayEditStandardAnswer(c, old->region))
      return Status::Denied("standard answer " + std::to_string(a.id) + " belongs to region " +
                            old->region + ", outside your scope " + c.region);
    if (a.region.empty()) a.region = old->region;  // an edit keeps its region unless moved
  }
  if (a.region.empty()) a.region = c.whole_country() ? std::string(kCountryCode) : c.region;
  if (a.region != kCountryCode && b.catalog().regions().Find(a.region) == kNoNode)
    return Status::Invalid("region: '" + a.region + "' is not a GB/T 2260 code");
  if (!b.access().MayEditStandardAnswer(c, a.region))
    return Status::Denied("region " + a.region + " is outside your scope " + c.region);
  if (b.service().catalogue().FindCategory(a.category) == nullptr)
    return Status::Invalid("category: '" + a.category + "' is not an appeal category");
  if (a.title.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Invalid("title: required");
  if (a.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Invalid("body: required");
  if (a.title.size() > 400) return Status::Invalid("title: at most 400 bytes");
  if (a.body.size() > 16000) return Status::Invalid("body: at most 16,000 bytes");
  a.edited_by = c.username;
  a.edited_at = Now(b);
  ASSIGN_OR_RETURN(auto saved, store->SaveAnswer(a));
  AuditSuccess(b, c, "service.standard_answer.save", std::to_string(saved.id), saved.category);
  return saved;
}

Status DeleteStandardAnswer(Ballast& b, const Caller& c, int64_t id, int64_t version) {
  if (c.role != auth::Role::kAdmin && c.role != auth::Role::kDispatcher)
    return Status::Denied("standard answers are edited by dispatchers and administrators");
  ASSIGN_OR_RETURN(auto store, Open(b));
  ASSIGN_OR_RETURN(auto old, store->GetAnswer(id));
  if (!old || !b.access().MayReadStandardAnswer(c, old->region))
    return NotFoundAs("that standard answer");
  if (!b.access().MayEditStandardAnswer(c, old->region))
    return Status::Denied("standard answer " + std::to_string(id) + " belongs to region " +
                          old->region + ", outside your scope " + c.region);
  RETURN_IF_ERROR(store->DeleteAnswer(id, version));
  AuditSuccess(b, c, "service.standard_answer.delete", std::to_string(id), old->category);
  return Status::Ok();
}

}  // namespace ballast::app
