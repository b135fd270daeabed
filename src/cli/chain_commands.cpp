#include "cli/chain_commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/chain.h"
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
  CLI::App* import = nullptr;
  CLI::App* list = nullptr;
  CLI::App* report = nullptr;
  std::string links, firm, root, table, kind, format = "csv";
  std::string db, user = DefaultUser(), chain, region, what = "summary";
  std::vector<std::string> files;
  double hhi = 0.5;
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
  a.import = chain_->add_subcommand(
      "import", "Import chains, firm links or firm attributes into the store (replaces that kind)");
  a.import->add_option("--db", a.db, "store file")->required();
  a.import->add_option("--kind", a.kind, "chains | links | firms")
      ->required()
      ->check(CLI::IsMember({"chains", "links", "firms"}));
  a.import->add_option(
      "files", a.files,
      "chains: CHAINS SEGMENTS EDGES (none = the shipped examples); links or firms: one file");
  a.import->add_option("--user", a.user, "recorded as the importer");
  a.list = chain_->add_subcommand("list", "List the chains and their segments");
  a.list->add_option("--db", a.db, "store file")->required();
  a.report = chain_->add_subcommand(
      "report", "Local supporting rate, gaps, single-source inputs and key nodes of a chain");
  a.report->add_option("--db", a.db, "store file")->required();
  a.report->add_option("--chain", a.chain, "chain id")->required();
  a.report->add_option("--region", a.region, "GB/T 2260 code (default: the whole country)");
  a.report
      ->add_option("--what", a.what,
                   "summary (default) | segments | single-source | key-nodes | regions")
      ->check(CLI::IsMember({"summary", "segments", "single-source", "key-nodes", "regions"}));
  a.report->add_option(
      "--hhi", a.hhi,
      "HHI above which an input with several suppliers is single-source (default 0.5)");

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
  if (a.import->parsed()) return RunChainImport(a.db, a.kind, a.files, a.user, out, err);
  if (a.list->parsed()) return RunChainList(a.db, out, err);
  if (a.report->parsed()) return RunChainReport(a.db, a.chain, a.region, a.what, a.hhi, out, err);
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

int RunChainImport(const std::string& db, const std::string& kind,
                   const std::vector<std::string>& files, const std::string& user,
                   std::ostream& out, std::ostream& err) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  const app::Caller caller = app::Caller::Local(user);
  Result<ChainImportRecord> done = Status::Internal("no import");
  if (kind == "chains") {
    if (!files.empty() && files.size() != 3) {
      return Fail(Status::Invalid("chains: give three files (chains, segments, edges) or none for "
                                  "the shipped examples"),
                  err);
    }
    std::vector<std::string> bytes;
    for (const auto& f : files) {
      auto r = ReadInput(f);
      if (!r.ok()) return Fail(r.status(), err);
      bytes.push_back(std::move(*r));
    }
    std::optional<app::ChainFiles> cf;
    if (!files.empty())
      cf = app::ChainFiles{{bytes[0], files[0]}, {bytes[1], files[1]}, {bytes[2], files[2]}};
    done = app::ImportChains(**b, caller, cf);
  } else {
    if (files.size() != 1) return Fail(Status::Invalid(kind + ": give one file"), err);
    auto bytes = ReadInput(files[0]);
    if (!bytes.ok()) return Fail(bytes.status(), err);
    done = kind == "links" ? app::ImportFirmLinks(**b, caller, *bytes, files[0])
                           : app::ImportFirms(**b, caller, *bytes, files[0]);
  }
  if (!done.ok()) return Fail(done.status(), err);
  out << "imported " << done->kind << " from " << done->file_name << ": " << done->rows
      << " rows\n";
  return kOk;
}

int RunChainList(const std::string& db, std::ostream& out, std::ostream& err) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  auto cat = app::ListChains(**b, app::Caller::Local(DefaultUser()));
  if (!cat.ok()) return Fail(cat.status(), err);
  out << "chain,name_zh,region,segment,segment_name,stage,industries\n";
  for (const auto& c : cat->chains) {
    for (const auto* s : cat->SegmentsOf(c.id)) {
      std::string industries;
      for (const auto& i : s->industries) industries += (industries.empty() ? "" : ";") + i;
      out << CsvField(c.id) << ',' << CsvField(c.name_zh) << ',' << c.region << ','
          << CsvField(s->id) << ',' << CsvField(s->name_zh) << ',' << s->stage << ','
          << CsvField(industries) << '\n';
    }
  }
  return kOk;
}

namespace {

std::string JoinIds(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

}  // namespace

int RunChainReport(const std::string& db, const std::string& chain, const std::string& region,
                   const std::string& what, double hhi, std::ostream& out, std::ostream& err) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  auto r = app::AnalyzeChainInStore(**b, app::Caller::Local(DefaultUser()), chain, region, hhi);
  if (!r.ok()) return Fail(r.status(), err);
  const auto& a = r->analysis;
  if (what == "summary") {
    out << "chain,region,firms_in_region,purchases,purchases_local,local_rate,gaps,single_source,"
           "key_nodes\n";
    int gaps = 0;
    for (const auto& s : a.segments) gaps += s.gap ? 1 : 0;
    out << CsvField(a.chain) << ',' << a.region << ',' << a.firms_in_region << ','
        << FormatNumber(a.purchases) << ',' << FormatNumber(a.purchases_local) << ','
        << FormatNumber(a.local_rate) << ',' << gaps << ',' << a.single_source.size() << ','
        << a.key_nodes.size() << '\n';
  } else if (what == "segments") {
    out << "segment,name_zh,stage,firms_in_region,firms_elsewhere,purchases,purchases_local,local_"
           "rate,gap,candidates\n";
    for (const auto& s : a.segments) {
      out << CsvField(s.segment) << ',' << CsvField(s.name_zh) << ',' << s.stage << ','
          << s.firms_in_region << ',' << s.firms_elsewhere << ',' << FormatNumber(s.purchases)
          << ',' << FormatNumber(s.purchases_local) << ',' << FormatNumber(s.local_rate) << ','
          << (s.gap ? 1 : 0) << ',' << CsvField(JoinIds(s.candidates)) << '\n';
    }
  } else if (what == "single-source") {
    out << "customer,product,suppliers,top_supplier,top_share,hhi,value\n";
    for (const auto& s : a.single_source) {
      out << CsvField(s.customer) << ',' << CsvField(s.product) << ',' << s.suppliers << ','
          << CsvField(s.top_supplier) << ',' << FormatNumber(s.top_share) << ','
          << FormatNumber(s.hhi) << ',' << FormatNumber(s.value) << '\n';
    }
  } else if (what == "regions") {
    out << "province,value,share\n";
    for (const auto& p : a.supplier_provinces) {
      out << p.province << ',' << FormatNumber(p.value) << ',' << FormatNumber(p.share) << '\n';
    }
  } else {
    out << "firm,in_region,segments,dependants,failures,dominated,reach,betweenness,articulation,"
           "sole_supply,alternatives\n";
    for (const auto& k : a.key_nodes) {
      out << CsvField(k.firm) << ',' << (k.in_region ? 1 : 0) << ','
          << CsvField(JoinIds(k.segments)) << ',' << CsvField(JoinIds(k.dependants)) << ','
          << k.failures << ',' << k.dominated << ',' << k.reach << ','
          << FormatNumber(k.betweenness) << ',' << (k.articulation ? 1 : 0) << ','
          << CsvField(JoinIds(k.sole_supply)) << ',' << CsvField(JoinIds(k.alternatives)) << '\n';
    }
  }
  return kOk;
}

}  // namespace ballast::cli
