#include "cli/cultivation_commands.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "app/cultivation.h"
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

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

void PrintPool(const app::PoolList& list, std::ostream& out) {
  out << "uscc,name,region,industry,tags,joined,left,entered,run_rate,basis,as_of,growth_pct,"
         "months_to_threshold\n";
  for (const auto& r : list.rows) {
    const auto& m = r.member;
    out << m.uscc << ',' << CsvField(m.name) << ',' << m.region << ',' << m.industry << ','
        << CsvField(cultivation::JoinTags(m.tags)) << ',' << m.joined << ',' << m.left << ','
        << r.entered << ',';
    if (r.run_rate) {
      out << Fixed(r.run_rate->value, 1) << ',' << cultivation::BasisName(r.run_rate->basis) << ','
          << FormatPeriod(r.run_rate->as_of) << ','
          << (r.run_rate->growth ? Fixed(*r.run_rate->growth * 100, 1) : "—");
    } else {
      out << "—,,,—";
    }
    out << ','
        << (r.months_to_threshold ? std::to_string(*r.months_to_threshold) : std::string("—"))
        << '\n';
  }
}

}  // namespace

struct CultivationCommands::Args {
  CLI::App *import = nullptr, *pool = nullptr, *candidates = nullptr, *conversion = nullptr,
           *stages = nullptr;
  std::string db, user = DefaultUser(), file, kind, region, industry, tag;
  bool all = false;
  int year = 0, from = 0, to = 0, within = -1;
  double threshold = 0;
};

CultivationCommands::CultivationCommands(CLI::App& app) : args_(std::make_unique<Args>()) {
  Args& a = *args_;
  CLI::App* p = app.add_subcommand(
      "cultivation", "Cultivation pipelines (培育库, 小升规, 专精特新): imports, pool, candidates");
  p->require_subcommand(1);
  auto db = [&a](CLI::App* c) {
    c->add_option("--db", a.db, "the store (file or postgresql:// URI)")->required();
    c->add_option("--user", a.user, "who acts (for the record)");
  };
  auto filters = [&a](CLI::App* c) {
    c->add_option("--region", a.region, "GB/T 2260 code (its subtree)");
    c->add_option("--industry", a.industry, "GB/T 4754 code (its subtree)");
    c->add_option("--tag", a.tag, "members with this tag only");
    c->add_option("--threshold", a.threshold, "the above-scale threshold in 万元 (default 2000)");
  };
  a.import = p->add_subcommand("import", "Import the pool, revenue reports or stage recognitions");
  db(a.import);
  a.import->add_option("--kind", a.kind, "pool | revenue | stages")->required();
  a.import->add_option("file", a.file, "the CSV/XLSX file")->required();
  a.pool = p->add_subcommand("pool", "The pool as CSV, with run rates");
  db(a.pool);
  filters(a.pool);
  a.pool->add_flag("--all", a.all, "also members that left or entered the roster");
  a.candidates = p->add_subcommand("candidates", "小升规 candidates, ranked");
  db(a.candidates);
  filters(a.candidates);
  a.candidates->add_option("--within", a.within, "only those within so many months");
  a.conversion = p->add_subcommand("conversion", "Each year's conversion into roster entrants");
  db(a.conversion);
  a.conversion->add_option("--from", a.from, "the first year")->required();
  a.conversion->add_option("--to", a.to, "the last year (default --from)");
  a.conversion->add_option("--region", a.region, "GB/T 2260 code");
  a.stages = p->add_subcommand("stages", "专精特新 counts by stage and region for a year");
  db(a.stages);
  a.stages->add_option("--year", a.year, "the year of recognition")->required();
  a.stages->add_option("--region", a.region, "GB/T 2260 code");
}

CultivationCommands::~CultivationCommands() = default;

std::optional<int> CultivationCommands::Run(std::ostream& out, std::ostream& err) const {
  const Args& a = *args_;
  if (!a.import->parsed() && !a.pool->parsed() && !a.candidates->parsed() &&
      !a.conversion->parsed() && !a.stages->parsed())
    return std::nullopt;
  auto b = app::Ballast::Open(a.db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  const app::Caller caller = app::Caller::Local(a.user);
  app::PoolFilter f;
  f.region = a.region;
  f.industry = a.industry;
  f.tag = a.tag;
  f.include_left = a.all;
  if (a.threshold != 0) f.threshold = a.threshold;
  if (a.import->parsed()) {
    auto kind = app::ParseCultivationImportKind(a.kind);
    if (!kind.ok()) return Fail(kind.status(), err);
    std::error_code ec;
    if (std::filesystem::is_directory(a.file, ec))
      return Fail(Status::Invalid("'" + a.file + "' is a directory"), err);
    auto bytes = ReadFile(a.file);
    if (!bytes.ok()) return Fail(bytes.status(), err);
    auto n = app::ImportCultivationFile(**b, caller, *kind, *bytes, a.file);
    if (!n.ok()) return Fail(n.status(), err);
    out << "imported " << a.file << ": " << *n << " " << a.kind << " rows\n";
    return kOk;
  }
  if (a.pool->parsed() || a.candidates->parsed()) {
    std::optional<int> within;
    if (a.within >= 0) within = a.within;
    auto list =
        a.pool->parsed() ? app::ListPool(**b, caller, f) : app::Candidates(**b, caller, f, within);
    if (!list.ok()) return Fail(list.status(), err);
    PrintPool(*list, out);
    return kOk;
  }
  if (a.conversion->parsed()) {
    auto years = app::ConversionByYear(**b, caller, a.region, a.from, a.to == 0 ? a.from : a.to);
    if (!years.ok()) return Fail(years.status(), err);
    out << "year,pool_at_start,entered_in_year,conversion,entrants\n";
    for (const auto& y : *years)
      out << y.year << ',' << y.rate.den << ',' << y.rate.num << ',' << y.rate.Display() << ','
          << y.entrants << '\n';
    return kOk;
  }
  auto v = app::StageSummary(**b, caller, a.region, a.year);
  if (!v.ok()) return Fail(v.status(), err);
  out << "region";
  for (int i = 0; i < cultivation::kStageCount; ++i)
    out << ",recognised_" << cultivation::StageName(static_cast<cultivation::Stage>(i));
  for (int i = 0; i < cultivation::kStageCount; ++i)
    out << ",holding_" << cultivation::StageName(static_cast<cultivation::Stage>(i));
  out << '\n';
  auto row = [&](const cultivation::StageCounts& c, const std::string& label) {
    out << label;
    for (auto n : c.recognised) out << ',' << n;
    for (auto n : c.holding) out << ',' << n;
    out << '\n';
  };
  for (const auto& c : v->by_region) row(c, c.key);
  row(v->total, "*total " + v->region);
  return kOk;
}

}  // namespace ballast::cli
