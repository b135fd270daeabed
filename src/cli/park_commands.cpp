#include "cli/park_commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/parks.h"
#include "cli/auth_commands.h"
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

std::string Cell(const std::optional<double>& v, int decimals = 2) {
  return parks::Display(v, decimals);
}

}  // namespace

struct ParkCommands::Args {
  CLI::App *import = nullptr, *list = nullptr, *grades = nullptr;
  std::string db, user = DefaultUser(), file, kind, region, park;
  int year = 0;
};

ParkCommands::ParkCommands(CLI::App& app) : args_(std::make_unique<Args>()) {
  Args& a = *args_;
  CLI::App* p = app.add_subcommand("parks", "Parks (开发区/园区): imports, list, 亩均 grades");
  p->require_subcommand(1);
  auto db = [&a](CLI::App* c) {
    c->add_option("--db", a.db, "the store (file or postgresql:// URI)")->required();
    c->add_option("--user", a.user, "who acts (for the record)");
  };
  a.import = p->add_subcommand("import", "Import parks, memberships or yearly resources");
  db(a.import);
  a.import->add_option("--kind", a.kind, "parks | members | resources")->required();
  a.import->add_option("file", a.file, "the CSV/XLSX file")->required();
  a.list = p->add_subcommand("list", "List the parks as CSV");
  db(a.list);
  a.list->add_option("--region", a.region, "GB/T 2260 code (its subtree)");
  a.grades = p->add_subcommand("grades", "亩均 evaluation of a park or a region for a year");
  db(a.grades);
  a.grades->add_option("--year", a.year, "the year")->required();
  a.grades->add_option("--park", a.park, "a park code");
  a.grades->add_option("--region", a.region, "GB/T 2260 code (default: the whole scope)");
}

ParkCommands::~ParkCommands() = default;

std::optional<int> ParkCommands::Run(std::ostream& out, std::ostream& err) const {
  const Args& a = *args_;
  if (!a.import->parsed() && !a.list->parsed() && !a.grades->parsed()) return std::nullopt;
  auto b = app::Ballast::Open(a.db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  const app::Caller caller = app::Caller::Local(a.user);
  if (a.import->parsed()) {
    auto kind = app::ParseParkImportKind(a.kind);
    if (!kind.ok()) return Fail(kind.status(), err);
    std::error_code ec;
    if (std::filesystem::is_directory(a.file, ec))
      return Fail(Status::Invalid("'" + a.file + "' is a directory"), err);
    auto bytes = ReadFile(a.file);
    if (!bytes.ok()) return Fail(bytes.status(), err);
    auto n = app::ImportParkFile(**b, caller, *kind, *bytes, a.file);
    if (!n.ok()) return Fail(n.status(), err);
    out << "imported " << a.file << ": " << *n << " " << a.kind << " rows\n";
    return kOk;
  }
  if (a.list->parsed()) {
    auto ps = app::ListParks(**b, caller, a.region);
    if (!ps.ok()) return Fail(ps.status(), err);
    out << "code,name,level,region,area_mu,industrial_land_share,leading_industries\n";
    for (const auto& p : *ps) {
      out << CsvField(p.code) << ',' << CsvField(p.name) << ',' << parks::LevelName(p.level) << ','
          << p.region << ',' << FormatNumber(p.area_mu) << ','
          << FormatNumber(p.industrial_land_share) << ','
          << CsvField(parks::JoinIndustries(p.leading_industries)) << '\n';
    }
    return kOk;
  }
  auto g = app::EvaluateParks(**b, caller, a.year, a.park, a.region);
  if (!g.ok()) return Fail(g.status(), err);
  // The enterprises first, then the summary rows (uscc = "*median" / "*mean" / "*count").
  out << "uscc,name,land_mu,energy_tce,tax";
  for (int f = 0; f < parks::kFigureCount; ++f)
    out << ',' << parks::FigureName(static_cast<parks::Figure>(f));
  out << ",score,grade\n";
  for (const auto& e : g->enterprises) {
    out << e.uscc << ',' << CsvField(e.name) << ',' << FormatNumber(e.inputs.land_mu) << ','
        << FormatNumber(e.inputs.energy_tce) << ',' << FormatNumber(e.inputs.tax);
    for (const auto& v : e.evaluation.figures) out << ',' << Cell(v, 4);
    out << ',' << Cell(e.evaluation.score, 1) << ','
        << (e.evaluation.grade.empty() ? "—" : e.evaluation.grade) << '\n';
  }
  for (const char* which : {"*median", "*mean"}) {
    out << which << ",,,,";
    const auto& v = std::string(which) == "*median" ? g->summary.median : g->summary.mean;
    for (const auto& x : v) out << ',' << Cell(x, 4);
    out << ",," << g->suppressed << '\n';
  }
  out << "*count," << g->summary.enterprises << " enterprises";
  for (size_t i = 0; i < g->grade_names.size(); ++i)
    out << "; " << g->grade_names[i] << "=" << g->summary.grade_counts[i];
  out << "; ungraded=" << g->summary.ungraded << ",,,";
  for (int f = 0; f < parks::kFigureCount; ++f) out << ',';
  out << ",," << g->suppressed << '\n';
  if (!a.park.empty()) {
    out << "*leading_share,"
        << Cell(g->leading_share ? std::optional<double>(*g->leading_share * 100) : std::nullopt, 1)
        << "%,,,";
    for (int f = 0; f < parks::kFigureCount; ++f) out << ',';
    out << ",," << g->leading_suppressed << '\n';
  }
  return kOk;
}

}  // namespace ballast::cli
