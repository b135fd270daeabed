#include "cli/chain_commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/chain.h"
#include "cli/format.h"
#include "core/file_util.h"

namespace ballast::cli {
namespace {

constexpr int kOk = 0, kFailure = 1, kBadInput = 2;

int Fail(const Status& s, std::ostream& err) {
  err << "ballast: " << s.message() << "\n";
  return s.IsUserError() ? kBadInput : kFailure;
}

Result<std::string> ReadInput(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Status::Invalid("'" + path + "' is a directory, not a file");
  return ReadFile(path);
}

Status CheckCsv(const std::string& format) {
  if (format == "csv") return Status::Ok();
  return Status::Invalid("--format: '" + format + "' is not csv");
}

}  // namespace

struct ChainCommands::Args {
  CLI::App* cascade = nullptr;
  CLI::App* analyze = nullptr;
  CLI::App* io_analyze = nullptr;
  CLI::App* io_inverse = nullptr;
  std::string links, firm, root, table, kind, format = "csv";
};

ChainCommands::ChainCommands(CLI::App& app) : args_(std::make_unique<Args>()) {
  Args& a = *args_;
  chain_ = app.add_subcommand("chain",
                              "Supply chains: failure cascades and key nodes of a firm network");
  chain_->require_subcommand(1);
  a.cascade =
      chain_->add_subcommand("cascade", "Print the other firms that fail when one firm stops");
  a.cascade
      ->add_option("--links", a.links,
                   "firm links CSV/XLSX: supplier,customer,product,value[,lead_days]")
      ->required();
  a.cascade->add_option("--remove", a.firm, "the firm that stops")->required();
  a.analyze = chain_->add_subcommand(
      "analyze", "Immediate dominators, betweenness and articulation of every firm");
  a.analyze
      ->add_option("--links", a.links,
                   "firm links CSV/XLSX: supplier,customer,product,value[,lead_days]")
      ->required();
  a.analyze->add_option("--root", a.root, "the root of the dominator tree")->required();
  a.analyze->add_option("--format", a.format, "csv (default)");

  auto* io =
      app.add_subcommand("io", "Input-output tables: key sectors, Leontief and Ghosh inverses");
  io->require_subcommand(1);
  a.io_analyze = io->add_subcommand(
      "analyze", "Backward and forward linkages, key sectors, hypothetical extraction");
  a.io_analyze->add_option("--table", a.table, "IO table CSV (see data/io/README.md)")->required();
  a.io_analyze->add_option("--format", a.format, "csv (default)");
  a.io_inverse = io->add_subcommand("inverse", "Print the Leontief or Ghosh inverse");
  a.io_inverse->add_option("--table", a.table, "IO table CSV (see data/io/README.md)")->required();
  a.io_inverse->add_option("--kind", a.kind, "leontief or ghosh")->required();
}

ChainCommands::~ChainCommands() = default;

std::optional<int> ChainCommands::Run(std::ostream& out, std::ostream& err) const {
  const Args& a = *args_;
  if (a.cascade->parsed()) return RunChainCascade(a.links, a.firm, out, err);
  if (a.analyze->parsed()) return RunChainAnalyze(a.links, a.root, a.format, out, err);
  if (a.io_analyze->parsed()) return RunIoAnalyze(a.table, a.format, out, err);
  if (a.io_inverse->parsed()) return RunIoInverse(a.table, a.kind, out, err);
  return std::nullopt;
}

int RunChainCascade(const std::string& links, const std::string& firm, std::ostream& out,
                    std::ostream& err) {
  auto bytes = ReadInput(links);
  if (!bytes.ok()) return Fail(bytes.status(), err);
  auto answer = app::ChainCascade(*bytes, links, firm);
  if (!answer.ok()) return Fail(answer.status(), err);
  // A firm absent from the links supplies nobody in them: nobody fails (stdout stays empty).
  if (!answer->firm_known)
    err << "ballast: note: '" << firm << "' is not in " << links << "; no firm fails\n";
  for (const auto& f : answer->failed) out << f << '\n';
  return kOk;
}

int RunChainAnalyze(const std::string& links, const std::string& root, const std::string& format,
                    std::ostream& out, std::ostream& err) {
  if (Status st = CheckCsv(format); !st.ok()) return Fail(st, err);
  auto bytes = ReadInput(links);
  if (!bytes.ok()) return Fail(bytes.status(), err);
  auto answer = app::ChainAnalyze(*bytes, links, root);
  if (!answer.ok()) return Fail(answer.status(), err);
  if (!answer->root_known)
    err << "ballast: note: root '" << root << "' is not in " << links << "; idom is empty\n";
  out << "firm,idom,betweenness,articulation\n";
  for (const auto& f : answer->firms) {
    out << CsvField(f.firm) << ',' << CsvField(f.idom) << ',' << FormatNumber(f.betweenness) << ','
        << (f.articulation ? 1 : 0) << '\n';
  }
  return kOk;
}

int RunIoAnalyze(const std::string& table, const std::string& format, std::ostream& out,
                 std::ostream& err) {
  if (Status st = CheckCsv(format); !st.ok()) return Fail(st, err);
  auto bytes = ReadInput(table);
  if (!bytes.ok()) return Fail(bytes.status(), err);
  auto sectors = app::IoKeySectors(*bytes, table);
  if (!sectors.ok()) return Fail(sectors.status(), err);
  out << "code,backward,forward,key,extraction_loss_pct\n";
  for (const auto& s : *sectors) {
    out << CsvField(s.code) << ',' << FormatNumber(s.backward) << ',' << FormatNumber(s.forward)
        << ',' << (s.key ? 1 : 0) << ',' << FormatNumber(s.extraction_loss_pct) << '\n';
  }
  return kOk;
}

int RunIoInverse(const std::string& table, const std::string& kind, std::ostream& out,
                 std::ostream& err) {
  auto bytes = ReadInput(table);
  if (!bytes.ok()) return Fail(bytes.status(), err);
  auto inv = app::IoInverse(*bytes, table, kind);
  if (!inv.ok()) return Fail(inv.status(), err);
  out << "code";
  for (const auto& c : inv->codes) out << ',' << CsvField(c);
  out << '\n';
  for (int i = 0; i < inv->matrix.n; ++i) {
    out << CsvField(inv->codes[static_cast<size_t>(i)]);
    for (int j = 0; j < inv->matrix.n; ++j) out << ',' << FormatNumber(inv->matrix.at(i, j) + 0.0);
    out << '\n';
  }
  return kOk;
}

}  // namespace ballast::cli
