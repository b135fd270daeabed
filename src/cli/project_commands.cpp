#include "cli/project_commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/projects.h"
#include "cli/auth_commands.h"
#include "cli/factor_commands.h"
#include "cli/format.h"
#include "cli/warn_commands.h"
#include "core/file_util.h"

namespace ballast::cli {
namespace {

constexpr int kOk = 0, kFailure = 1, kBadInput = 2;

int Fail(const Status& s, std::ostream& err) {
  err << "ballast: " << s.message() << "\n";
  return s.IsUserError() ? kBadInput : kFailure;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

std::string Num(double v) { return FormatNumber(v); }

std::string RatioCells(const projects::Ratio& r) {
  return Num(r.num) + "," + Num(r.den) + "," + CsvField(r.Display());
}

// FACTOR:UNIT:DEADLINE (factor in English or Chinese).
Result<projects::Blocker> ParseBlocker(const std::string& s) {
  const size_t a = s.find(':'), z = s.rfind(':');
  if (a == std::string::npos || a == z)
    return Status::Invalid("--blocker: '" + s + "' is not FACTOR:UNIT:DEADLINE");
  auto f = projects::ParseFactor(s.substr(0, a));
  if (!f)
    return Status::Invalid("--blocker: '" + s.substr(0, a) +
                           "' is not 用地/用能/环评/资金/审批/用工");
  return projects::Blocker{*f, s.substr(a + 1, z - a - 1), s.substr(z + 1), ""};
}

}  // namespace

struct ProjectCommands::Args {
  CLI::App *import = nullptr, *list = nullptr, *report = nullptr, *history = nullptr,
           *rates = nullptr, *cards = nullptr;
  std::string db, user = DefaultUser(), file, region, stage, month, stage_date, note, round,
                  by = "region";
  std::vector<std::string> documents, blockers;
  int64_t project = 0;
  double investment = 0;
  int idle_months = 3;
  bool yi = false;
  std::unique_ptr<FactorCommands> factors;  // `projects factors …`
};

ProjectCommands::ProjectCommands(CLI::App& app) : args_(std::make_unique<Args>()) {
  Args& a = *args_;
  CLI::App* p = app.add_subcommand(
      "projects", "Major projects: register, monthly dispatch, 三个一批 rates, cards");
  p->require_subcommand(1);
  a.factors = std::make_unique<FactorCommands>(*p);
  auto db = [&a](CLI::App* c) {
    c->add_option("--db", a.db, "the store (file or postgresql:// URI)")->required();
    c->add_option("--user", a.user, "who acts (for the record)");
  };
  a.import = p->add_subcommand(
      "import", "Import the project register (CSV/XLSX, Chinese or English headers)");
  db(a.import);
  a.import->add_option("file", a.file, "the register file")->required();
  a.list = p->add_subcommand("list", "List projects as CSV");
  db(a.list);
  a.list->add_option("--region", a.region, "GB/T 2260 code (its subtree)");
  a.list->add_option("--stage", a.stage, "signed | started | in_production | at_capacity");
  a.list->add_flag("--yi", a.yi, "亿元-level projects only");
  a.report =
      p->add_subcommand("report", "Record a month's dispatch report of a project (a new version)");
  db(a.report);
  a.report->add_option("--project", a.project, "project id")->required();
  a.report->add_option("--month", a.month, "YYYY-MM")->required();
  a.report->add_option("--investment", a.investment, "investment completed in the month, 万元")
      ->required();
  a.report->add_option("--stage", a.stage, "a stage reached in the month");
  a.report->add_option("--stage-date", a.stage_date, "its date YYYY-MM-DD");
  a.report->add_option("--document", a.documents, "an image or document name (repeatable)");
  a.report->add_option("--blocker", a.blockers, "FACTOR:UNIT:DEADLINE (repeatable)");
  a.report->add_option("--note", a.note, "a note");
  a.history = p->add_subcommand("history", "Every version of a project's monthly reports");
  db(a.history);
  a.history->add_option("--project", a.project, "project id")->required();
  a.rates = p->add_subcommand(
      "rates", "三个一批 rates of a quarter's round with numerators and denominators");
  db(a.rates);
  a.rates->add_option("--round", a.round, "YYYYQn")->required();
  a.rates->add_option("--by", a.by,
                      "region | industry | leader_province | leader_city | leader_county");
  a.rates->add_option("--region", a.region, "GB/T 2260 code (default: the whole scope)");
  a.cards = p->add_subcommand("cards", "Red and yellow cards of slow projects, with reasons");
  db(a.cards);
  a.cards->add_option("--region", a.region, "GB/T 2260 code");
  a.cards->add_option("--idle-months", a.idle_months,
                      "months without investment for a yellow card (default 3)");
}

ProjectCommands::~ProjectCommands() = default;

std::optional<int> ProjectCommands::Run(std::ostream& out, std::ostream& err) const {
  const Args& a = *args_;
  if (auto rc = a.factors->Run(out, err)) return rc;
  CLI::App* cmds[] = {a.import, a.list, a.report, a.history, a.rates, a.cards};
  if (std::none_of(std::begin(cmds), std::end(cmds), [](CLI::App* c) { return c->parsed(); }))
    return std::nullopt;
  auto b = app::Ballast::Open(a.db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  const app::Caller caller = app::Caller::Local(a.user);
  if (a.import->parsed()) {
    std::error_code ec;
    if (std::filesystem::is_directory(a.file, ec))
      return Fail(Status::Invalid("'" + a.file + "' is a directory"), err);
    auto bytes = ReadFile(a.file);
    if (!bytes.ok()) return Fail(bytes.status(), err);
    auto sum = app::ImportProjects(**b, caller, *bytes, a.file);
    if (!sum.ok()) return Fail(sum.status(), err);
    out << "imported " << a.file << ": " << sum->created << " new, " << sum->updated
        << " updated\n";
    return kOk;
  }
  if (a.list->parsed()) {
    app::ProjectFilter f;
    f.region = a.region;
    f.stage = a.stage;
    f.yi_level_only = a.yi;
    auto ps = app::ListProjects(**b, caller, f);
    if (!ps.ok()) return Fail(ps.status(), err);
    out << "id,code,name,investor,region,industry,total_investment,annual_plan,yi_level,stage,unit,"
           "version\n";
    for (const auto& p : *ps) {
      out << p.id << ',' << CsvField(p.code) << ',' << CsvField(p.name) << ','
          << CsvField(p.investor_name.empty() ? p.investor_uscc : p.investor_name) << ','
          << p.region << ',' << p.industry << ',' << Num(p.total_investment) << ','
          << Num(p.annual_plan) << ',' << (p.yi_level() ? 1 : 0) << ','
          << projects::StageName(p.stage()) << ',' << CsvField(p.unit) << ',' << p.version << '\n';
    }
    return kOk;
  }
  if (a.report->parsed()) {
    projects::MonthlyReport r;
    r.project_id = a.project;
    auto m = ParsePeriod(a.month);
    if (!m.ok()) return Fail(Status::Invalid("--month: " + m.status().message()), err);
    r.month = *m;
    r.investment = a.investment;
    if (!a.stage.empty()) {
      r.stage = projects::ParseStage(a.stage);
      if (!r.stage) return Fail(Status::Invalid("--stage: '" + a.stage + "' is not a stage"), err);
    }
    r.stage_date = a.stage_date;
    r.documents = a.documents;
    for (const auto& s : a.blockers) {
      auto bl = ParseBlocker(s);
      if (!bl.ok()) return Fail(bl.status(), err);
      r.blockers.push_back(*bl);
    }
    r.note = a.note;
    auto done = app::ReportMonth(**b, caller, r);
    if (!done.ok()) return Fail(done.status(), err);
    out << "project " << done->project_id << " " << FormatPeriod(done->month) << ": version "
        << done->version << "\n";
    return kOk;
  }
  if (a.history->parsed()) {
    auto h = app::ProjectReports(**b, caller, a.project);
    if (!h.ok()) return Fail(h.status(), err);
    out << "month,version,latest,investment,cumulative,stage,stage_date,documents,blockers,"
           "reported_by,reported_at\n";
    for (const auto& v : *h) {
      const auto& r = v.report;
      std::vector<std::string> bl;
      for (const auto& x : r.blockers)
        bl.push_back(std::string(projects::FactorName(x.factor)) + ":" + x.unit + ":" + x.deadline);
      out << FormatPeriod(r.month) << ',' << r.version << ',' << (v.latest ? 1 : 0) << ','
          << Num(r.investment) << ',' << Num(v.cumulative) << ','
          << (r.stage ? projects::StageName(*r.stage) : "") << ',' << r.stage_date << ','
          << CsvField(Join(r.documents)) << ',' << CsvField(Join(bl)) << ','
          << CsvField(r.reported_by) << ',' << r.reported_at << '\n';
    }
    return kOk;
  }
  if (a.rates->parsed()) {
    auto t = app::ProjectRates(**b, caller, a.round, a.by, a.region);
    if (!t.ok()) return Fail(t.status(), err);
    out << "group,projects,signed_in_round,started_in_round,in_production_in_round,at_capacity_in_"
           "round,"
           "signed_kept_num,signed_kept_den,signed_kept_rate,started_num,started_den,started_rate,"
           "in_production_num,in_production_den,in_production_rate,at_capacity_num,at_capacity_den,"
           "at_capacity_rate,investment_num,investment_den,investment_rate\n";
    auto row = [&](const projects::RoundRates& g, const std::string& key) {
      out << CsvField(key) << ',' << g.projects;
      for (auto n : g.actual_in_round) out << ',' << n;
      out << ',' << RatioCells(g.signed_kept) << ',' << RatioCells(g.started) << ','
          << RatioCells(g.in_production) << ',' << RatioCells(g.at_capacity) << ','
          << RatioCells(g.investment) << '\n';
    };
    for (const auto& g : t->groups) row(g, g.key);
    row(t->total, "total");
    return kOk;
  }
  if (a.cards->parsed()) {
    auto cards = app::ProjectCards(**b, caller, a.region, a.idle_months);
    if (!cards.ok()) return Fail(cards.status(), err);
    out << "project_id,code,name,region,level,kind,months,reason_zh,reason_en\n";
    for (const auto& c : *cards) {
      out << c.project_id << ',' << CsvField(c.code) << ',' << CsvField(c.name) << ',' << c.region
          << ',' << c.card.level << ',' << c.card.kind << ',' << c.card.months << ','
          << CsvField(c.card.reason_zh) << ',' << CsvField(c.card.reason_en) << '\n';
    }
    return kOk;
  }
  return std::nullopt;
}

}  // namespace ballast::cli
