#include "cli/warn_commands.h"

#include <cstdio>

#include "cli/auth_commands.h"
#include "cli/format.h"
#include "core/file_util.h"

namespace ballast::cli {

std::string DefaultUser() {
  const char* u = std::getenv("USER");
  return u && *u ? std::string(u) : "cli";
}

namespace {

int Fail(const Status& st, std::ostream& err) {
  err << "error: " << st.message() << "\n";
  return st.IsUserError() ? 2 : 1;
}

Result<std::unique_ptr<app::Ballast>> Open(const std::string& db) {
  return app::Ballast::Open(db, StoreOptions());
}

std::string Fixed1(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", *v);
  return buf;
}

}  // namespace

void PrintWarnSummary(const app::WarnSummary& s, std::ostream& out) {
  out << "evaluated " << s.rules << " rules at " << s.evaluated_at << " in "
      << Fixed1(s.total_seconds * 1000) << " ms (rules " << Fixed1(s.evaluate_seconds * 1000)
      << ", reading alerts " << Fixed1(s.load_seconds * 1000) << ", comparing "
      << Fixed1(s.reconcile_seconds * 1000) << ", writing " << Fixed1(s.write_seconds * 1000)
      << " ms)\n";
  out << "firing " << s.firing << " (";
  bool first = true;
  for (const char* level : {"red", "orange", "yellow", "blue"}) {
    auto it = s.firing_by_level.find(level);
    if (it == s.firing_by_level.end()) continue;
    out << (first ? "" : ", ") << level << " " << it->second;
    first = false;
  }
  out << "), pending " << s.pending << "; alerts opened " << s.opened << ", updated " << s.updated
      << ", resolved " << s.resolved << ", dropped " << s.removed << "\n";
  for (const auto& p : s.problems) out << "skipped: " << p << "\n";
}

void PrintAlerts(const std::vector<AlertRecord>& alerts, std::ostream& out) {
  out << "id,level,state,handling,rule,subject_kind,subject,region,period,value,muted,message\n";
  for (const auto& a : alerts) {
    const std::string muted = a.silenced_by ? "silenced" : a.inhibited ? "inhibited" : "";
    out << a.id << ',' << a.level << ',' << a.state << ',' << a.handling << ',' << a.rule_id << ','
        << a.subject_kind << ',' << CsvField(a.subject_key) << ',' << a.region << ',' << a.period
        << ',' << FormatNumber(a.value) << ',' << muted << ',' << CsvField(a.message_zh) << '\n';
  }
}

void PrintTargets(const std::vector<app::TargetView>& targets, std::ostream& out) {
  out << "id,clause,status,actual,expected,behind_pct,value,unit,deadline,lead_unit,text\n";
  for (const auto& v : targets) {
    const auto& t = v.target;
    out << t.id << ',' << CsvField(t.clause) << ',' << v.status << ','
        << FormatNumber(v.progress.actual) << ',' << FormatNumber(v.progress.expected) << ','
        << Fixed1(v.progress.behind_pct) << ','
        << (t.qualitative() ? "" : t.comparator + FormatNumber(t.value)) << ',' << CsvField(t.unit)
        << ',' << FormatPeriod(t.deadline) << ','
        << CsvField(t.lead_units.empty() ? "" : t.lead_units[0]) << ',' << CsvField(t.text) << '\n';
  }
}

int RunWarn(const std::string& db, std::ostream& out, std::ostream& err, const std::string& now) {
  auto o = Open(db);
  if (!o.ok()) return Fail(o.status(), err);
  auto s = app::Evaluate(**o, app::Caller::Local(DefaultUser()), now);
  if (!s.ok()) return Fail(s.status(), err);
  PrintWarnSummary(*s, out);
  app::AlertFilter f;
  f.state = "firing";
  f.include_muted = false;
  f.limit = 20;
  auto alerts = (*o)->warnings().ListAlerts(f);
  if (!alerts.ok()) return Fail(alerts.status(), err);
  if (!alerts->empty()) {
    out << "\nmost severe firing alerts (unmuted, at most 20):\n";
    PrintAlerts(*alerts, out);
  }
  return 0;
}

int RunAlerts(const std::string& db, const app::AlertFilter& filter, std::ostream& out,
              std::ostream& err) {
  auto o = Open(db);
  if (!o.ok()) return Fail(o.status(), err);
  auto alerts = app::ListAlerts(**o, app::Caller::Local(DefaultUser()), filter);
  if (!alerts.ok()) return Fail(alerts.status(), err);
  PrintAlerts(alerts->alerts, out);
  return 0;
}

int RunEpisodes(const std::string& db, const app::EpisodeFilter& filter, std::ostream& out,
                std::ostream& err) {
  auto o = Open(db);
  if (!o.ok()) return Fail(o.status(), err);
  auto list = app::ListEpisodes(**o, app::Caller::Local(DefaultUser()), filter);
  if (!list.ok()) return Fail(list.status(), err);
  const auto& c = list->counts;
  out << "episodes " << c.total << " (matched " << list->matched << ")";
  for (const auto& [k, n] : c.by_level) out << ' ' << k << ' ' << n;
  out << "\nby kind:";
  for (const auto& [k, n] : c.by_kind) out << ' ' << k << ' ' << n;
  out << "\nby rule:";
  for (const auto& [k, n] : c.by_rule) out << ' ' << k << ' ' << n;
  out << "\nscore,level,state,kind,subject_key,subject_name,months,base_effect,rules\n";
  for (const auto& e : list->episodes) {
    std::string rules;
    for (const auto& h : e.hits) rules += (rules.empty() ? "" : ";") + h.rule_id;
    char score[32];
    std::snprintf(score, sizeof score, "%.1f", e.score);
    out << score << ',' << e.level << ',' << e.state << ',' << e.subject_kind << ','
        << e.subject_key << ',' << e.subject_name << ',' << e.months << ',' << e.base_effect << ','
        << rules << '\n';
  }
  return 0;
}

int RunCommoditiesImport(const std::string& db, const std::string& path, const std::string& user,
                         std::ostream& out, std::ostream& err) {
  auto o = Open(db);
  if (!o.ok()) return Fail(o.status(), err);
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return Fail(bytes.status(), err);
  const std::string name = path.substr(path.find_last_of('/') + 1);
  auto r = app::ImportCommodities(**o, app::Caller::Local(user), *bytes, name);
  if (!r.ok()) return Fail(r.status(), err);
  if (!r->imported) {
    for (const auto& e : r->errors)
      err << name << ':' << e.line << ": " << e.column << ": " << e.message << "\n";
    err << "error: " << r->errors.size() << " problem(s); nothing imported\n";
    return 2;
  }
  out << "imported " << r->points << " points from " << name << " (" << r->format << ")\n";
  if (r->evaluation) PrintWarnSummary(*r->evaluation, out);
  return 0;
}

int RunTargets(const std::string& db, const app::TargetFilter& filter, const std::string& today,
               std::ostream& out, std::ostream& err) {
  Period p = 0;
  if (!today.empty()) {
    auto parsed = ParsePeriod(today);
    if (!parsed.ok()) return Fail(parsed.status(), err);
    p = *parsed;
  }
  auto o = Open(db);
  if (!o.ok()) return Fail(o.status(), err);
  auto targets = app::ListTargets(**o, app::Caller::Local(DefaultUser()), filter, p);
  if (!targets.ok()) return Fail(targets.status(), err);
  PrintTargets(*targets, out);
  return 0;
}

int RunProgressAdd(const std::string& db, const app::ProgressRequest& request,
                   const std::string& user, std::ostream& out, std::ostream& err) {
  auto o = Open(db);
  if (!o.ok()) return Fail(o.status(), err);
  auto r = app::AddProgress(**o, app::Caller::Local(user), request);
  if (!r.ok()) return Fail(r.status(), err);
  out << "progress " << r->id << " recorded for " << r->target_id << ": " << FormatNumber(r->value)
      << " on " << r->date << "\n";
  return 0;
}

}  // namespace ballast::cli
