#include "cli/benefit_commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/benefits.h"
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

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

std::string Opt(const std::optional<double>& v) { return v ? FormatNumber(*v) : ""; }

}  // namespace

struct BenefitCommands::Args {
  CLI::App *import = nullptr, *list = nullptr, *match = nullptr;
  std::string db, user = DefaultUser(), file, policy, region;
};

BenefitCommands::BenefitCommands(CLI::App& app) : args_(std::make_unique<Args>()) {
  Args& a = *args_;
  CLI::App* p =
      app.add_subcommand("benefits", "Policy matching (惠企政策): library, 免申即享 lists");
  p->require_subcommand(1);
  auto db = [&a](CLI::App* c) {
    c->add_option("--db", a.db, "the store (file or postgresql:// URI)")->required();
    c->add_option("--user", a.user, "who acts (for the record)");
  };
  a.import = p->add_subcommand(
      "import", "Import policies (CSV/XLSX; conditions as in docs/benefits.md); all or nothing");
  db(a.import);
  a.import->add_option("file", a.file, "the policy file")->required();
  a.list = p->add_subcommand("list", "List the policies as CSV");
  db(a.list);
  a.match = p->add_subcommand("match", "The enterprises a policy matches (and the 待核实 ones)");
  db(a.match);
  a.match->add_option("--policy", a.policy, "policy id")->required();
  a.match->add_option("--region", a.region, "GB/T 2260 code (default: the whole country)");
}

BenefitCommands::~BenefitCommands() = default;

std::optional<int> BenefitCommands::Run(std::ostream& out, std::ostream& err) const {
  const Args& a = *args_;
  CLI::App* cmds[] = {a.import, a.list, a.match};
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
    auto sum = app::ImportBenefitPolicies(**b, caller, *bytes, a.file);
    if (!sum.ok()) return Fail(sum.status(), err);
    out << "imported " << a.file << ": " << sum->created << " new, " << sum->updated
        << " updated\n";
    return kOk;
  }
  if (a.list->parsed()) {
    auto ps = app::ListBenefitPolicies(**b, caller);
    if (!ps.ok()) return Fail(ps.status(), err);
    out << "id,title,issuer,doc_number,valid_from,valid_to,in_force,conditions\n";
    for (const auto& v : *ps) {
      const auto& p = v.policy;
      out << CsvField(p.id) << ',' << CsvField(p.title) << ',' << CsvField(p.issuer) << ','
          << CsvField(p.doc_number) << ',' << p.valid_from << ',' << p.valid_to << ','
          << (v.in_force ? "yes" : "no") << ',' << CsvField(v.conditions) << '\n';
    }
    return kOk;
  }
  auto m = app::MatchBenefitPolicy(**b, caller, a.policy, a.region);
  if (!m.ok()) return Fail(m.status(), err);
  out << "verdict,uscc,name,region,industry,size,unknown,revenue,growth,rd,record\n";
  for (const auto* rows : {&m->matched, &m->possible}) {
    for (const auto& r : *rows) {
      out << r.verdict << ',' << r.uscc << ',' << CsvField(r.name) << ',' << r.region << ','
          << r.industry << ',' << r.size << ',' << CsvField(Join(r.unknown)) << ','
          << Opt(r.revenue) << ',' << Opt(r.growth) << ',' << Opt(r.rd) << ','
          << (r.record ? r.record->status : "") << '\n';
    }
  }
  err << m->matched.size() << " matched, " << m->possible.size() << " 待核实 of " << m->considered
      << " enterprises in " << m->region << "\n";
  return kOk;
}

}  // namespace ballast::cli
