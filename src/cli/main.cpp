// The `ballast` command. CLI11 stays in this one file (it is the costliest header to compile).
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/json_codec.h"
#include "api/route.h"
#include "api/server.h"
#include "app/analysis.h"
#include "app/ballast.h"
#include "cli/demo.h"
#include "cli/auth_commands.h"
#include "cli/format.h"
#include "cli/sim_command.h"
#include "cli/warn_commands.h"
#include "core/file_util.h"

namespace ballast::cli {
namespace {

// Exit codes of the CLI contract.
constexpr int kOk = 0, kFailure = 1, kBadInput = 2;

int Fail(const Status& s) {
  std::cerr << "ballast: " << s.message() << "\n";
  return s.IsUserError() ? kBadInput : kFailure;
}

int Init(const std::string& db) {
  auto b = app::Ballast::Create(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  std::cout << "created store " << db << " with the shipped catalogs (GB/T 2260 2024, GB/T 4754-2017, "
            << (*b)->catalog().indicators().size() << " indicators)\n";
  auto password = CreateFirstAdmin(**b);
  if (!password.ok()) return Fail(password.status());
  PrintFirstAdmin(*password, std::cout);
  return kOk;
}

int User(const std::string& db, const std::string& action, const auth_cli::UserArgs& a) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  Status st = auth_cli::RunUser(**b, action, a, DefaultUser(), std::cout);
  return st.ok() ? kOk : Fail(st);
}

int Audit(const std::string& db, const std::string& action) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  Status st = auth_cli::RunAudit(**b, action, std::cout);
  return st.ok() ? kOk : Fail(st);
}

int Import(const std::string& db, const std::vector<std::string>& paths, const std::string& user) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  int rc = kOk;
  for (const auto& path : paths) {
    // A directory opens as a file on Linux and reports an absurd size; refuse anything that is
    // not a regular file (directories, devices, FIFOs) before reading.
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    if (type == std::filesystem::file_type::not_found) return Fail(Status::NotFound("cannot read '" + path + "'"));
    if (!ec && type != std::filesystem::file_type::regular) {
      return Fail(Status::Invalid("'" + path + "' is " +
                                  (type == std::filesystem::file_type::directory ? "a directory" : "not a regular file") +
                                  "; give the .csv or .xlsx files to import"));
    }
    auto bytes = ReadFile(path);
    if (!bytes.ok()) return Fail(bytes.status());
    // The rules are evaluated after every batch written (app::Ballast::Import).
    auto result = (*b)->Import(app::Caller::Local(user), *bytes, path);
    if (!result.ok()) return Fail(result.status());
    PrintImportOutcome(result->outcome, std::cout, std::cerr);
    if (result->outcome.status == ingest::ImportStatus::kRejected) rc = kBadInput;
    if (result->evaluation) PrintWarnSummary(*result->evaluation, std::cout);
  }
  return rc;
}

int Query(const std::string& db, const app::CellRequest& request, const std::string& format) {
  if (format != "csv" && format != "json" && format != "table") {
    return Fail(Status::Invalid("--format: '" + format + "' is not csv, json or table"));
  }
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  auto answer = app::QueryCell(**b, app::Caller::Local(DefaultUser()), request);
  if (!answer.ok()) return Fail(answer.status());
  if (format == "json") {
    std::cout << api::FlatCellJson(*answer) << "\n";
  } else if (format == "table") {
    PrintCellTable(*answer, (*b)->catalog(), std::cout);
  } else {
    PrintCellCsv(*answer, std::cout);
  }
  return kOk;
}

int Batches(const std::string& db) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  auto batches = (*b)->Batches(app::Caller::Local(DefaultUser()));
  if (!batches.ok()) return Fail(batches.status());
  PrintBatches(*batches, std::cout);
  return kOk;
}

int Check(const std::string& db) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  if (Status st = (*b)->workspace().CheckIntegrity(); !st.ok()) return Fail(st);
  auto stale = (*b)->EvaluationStale();
  if (!stale.ok()) return Fail(stale.status());
  if (*stale) {
    return Fail(Status::Precondition("the warning rules were not evaluated after the newest batch (a crash after an "
                                     "import?): `ballast warn --db " + db + "` or the next import or serve repairs it"));
  }
  std::cout << "store " << db << " is consistent\n";
  return kOk;
}

api::Server* g_server = nullptr;
void OnSignal(int) {
  if (g_server != nullptr) g_server->Stop();
}

int Serve(const std::string& db, api::ServeOptions options) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  // Build the latest panel before accepting requests, and finish an evaluation that a crash
  // after an import left undone.
  auto snap = (*b)->workspace().GetSnapshot();
  if (!snap.ok()) return Fail(snap.status());
  if (auto repaired = (*b)->RepairEvaluation(); !repaired.ok()) return Fail(repaired.status());
  api::Server server(**b, options);
  auto port = server.Bind();
  if (!port.ok()) return Fail(port.status());
  g_server = &server;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cout << "Ballast serving " << (options.tls_cert.empty() ? "http" : "https") << "://" << options.host << ":" << *port << "/ (store " << db << ", "
            << (*snap)->panel->num_enterprises() << " enterprises)" << std::endl;
  Status st = server.Run();
  g_server = nullptr;
  if (!st.ok()) return Fail(st);
  return kOk;
}

std::string FirstExisting(std::initializer_list<std::string> candidates) {
  std::error_code ec;
  for (const auto& c : candidates) {
    if (!c.empty() && std::filesystem::exists(c, ec)) return c;
  }
  return {};
}

int Main(int argc, char** argv) {
  CLI::App app{"Ballast: monitoring of the industrial economy"};
  app.require_subcommand(1);
  app.set_version_flag("--version", BALLAST_VERSION);
  std::string db;

  auto* init = app.add_subcommand("init", "Create an empty store with the shipped catalogs");
  init->add_option("--db", db, "store file")->required();

  auto* import = app.add_subcommand("import", "Import enterprises or observations (.csv or .xlsx), one batch per file");
  std::vector<std::string> paths;
  std::string user = DefaultUser();
  import->add_option("--db", db, "store file")->required();
  import->add_option("path", paths, "files to import")->required();
  import->add_option("--user", user, "recorded in the batch's provenance");

  auto* query = app.add_subcommand("query", "Print one measure of one cell");
  app::CellRequest request;
  std::string measure, format = "csv";
  BatchId as_of = 0;
  query->add_option("--db", db, "store file")->required();
  query->add_option("--indicator", request.indicator, "indicator code, e.g. output_value")->required();
  query->add_option("--measure", measure, "value, ytd, yoy, ytd_yoy, yoy_2y, contrib_pp, contrib_share, share, n, growth_breadth")->required();
  query->add_option("--period", request.period, "YYYY-MM")->required();
  query->add_option("--region", request.region, "GB/T 2260 code (default: the whole country)");
  query->add_option("--industry", request.industry, "section letter or 2/3/4-digit GB/T 4754 code (default: all industry)");
  query->add_option("--of", request.of, "region|industry: the dimension of the parent for share and contributions");
  query->add_option("--as-of", as_of, "answer as of this batch id (vintage)");
  query->add_option("--format", format, "csv (default), json or table");

  auto* batches = app.add_subcommand("batches", "List imported batches with provenance");
  batches->add_option("--db", db, "store file")->required();

  auto* check = app.add_subcommand("check", "Check the store's integrity (every batch whole, the file sound)");
  check->add_option("--db", db, "store file")->required();

  auto* user_cmd = app.add_subcommand("user", "Manage users: add, passwd, disable, enable, list");
  std::string user_action;
  auth_cli::UserArgs user_args;
  user_cmd->add_option("action", user_action, "add | passwd | disable | enable | list")->required()
      ->check(CLI::IsMember({"add", "passwd", "disable", "enable", "list"}));
  user_cmd->add_option("name", user_args.username, "the user's name");
  user_cmd->add_option("--db", db, "store file")->required();
  user_cmd->add_option("--role", user_args.role, "admin, analyst, dispatcher, handler, enterprise or viewer");
  user_cmd->add_option("--region", user_args.region, "scope: a GB/T 2260 code (default 100000, the whole country)");
  user_cmd->add_option("--unit", user_args.unit, "handlers: the responsible unit");
  user_cmd->add_option("--uscc", user_args.uscc, "enterprise users: their enterprise");
  user_cmd->add_flag("--password-stdin", user_args.password_stdin, "read the password from standard input (else one is generated and printed once)");

  auto* audit_cmd = app.add_subcommand("audit", "The audit log: verify its hash chain, or list it");
  std::string audit_action;
  audit_cmd->add_option("action", audit_action, "verify | list")->required()->check(CLI::IsMember({"verify", "list"}));
  audit_cmd->add_option("--db", db, "store file")->required();

  auto* warn_cmd = app.add_subcommand("warn", "Evaluate the warning rules now and print the summary");
  std::string now;
  warn_cmd->add_option("--db", db, "store file")->required();
  warn_cmd->add_option("--now", now, "evaluate as at this UTC time (ISO 8601; default: the clock)");

  auto* alerts_cmd = app.add_subcommand("alerts", "List alerts");
  app::AlertFilter alert_filter;
  bool all_alerts = false;
  alerts_cmd->add_option("--db", db, "store file")->required();
  alerts_cmd->add_option("--level", alert_filter.level, "red, orange, yellow or blue");
  alerts_cmd->add_option("--state", alert_filter.state, "pending, firing or resolved");
  alerts_cmd->add_option("--region", alert_filter.region, "alerts of subjects in this region's subtree");
  alerts_cmd->add_option("--unit", alert_filter.unit, "responsible unit");
  alerts_cmd->add_flag("--all", all_alerts, "include closed episodes");

  auto* commodities_cmd = app.add_subcommand("commodities", "Bulk raw materials: import price and supply series");
  std::string commodity_action, commodity_path;
  commodities_cmd->add_option("action", commodity_action, "import")->required()->check(CLI::IsMember({"import"}));
  commodities_cmd->add_option("path", commodity_path, "CSV or XLSX: code,name,unit,date,price,stock_days")->required();
  commodities_cmd->add_option("--db", db, "store file")->required();
  commodities_cmd->add_option("--user", user, "recorded as the importer");

  auto* targets_cmd = app.add_subcommand("targets", "Policy targets with their status");
  app::TargetFilter target_filter;
  std::string target_today;
  targets_cmd->add_option("--db", db, "store file")->required();
  targets_cmd->add_option("--document", target_filter.document, "policy document id");
  targets_cmd->add_option("--unit", target_filter.unit, "responsible unit");
  targets_cmd->add_option("--today", target_today, "status as of this month YYYY-MM");

  auto* progress_cmd = app.add_subcommand("progress", "Report progress on a policy target");
  std::string progress_action;
  app::ProgressRequest progress;
  progress_cmd->add_option("action", progress_action, "add")->required()->check(CLI::IsMember({"add"}));
  progress_cmd->add_option("--db", db, "store file")->required();
  progress_cmd->add_option("--target", progress.target_id, "target id")->required();
  progress_cmd->add_option("--value", progress.value, "the value to date")->required();
  progress_cmd->add_option("--date", progress.date, "YYYY-MM-DD the value stands for")->required();
  progress_cmd->add_option("--note", progress.note, "note");
  progress_cmd->add_option("--attachment", progress.attachment, "attachment file name");
  progress_cmd->add_option("--user", user, "recorded as the reporter");

  auto* serve = app.add_subcommand("serve", "Serve the HTTP API and the web UI");
  api::ServeOptions options;
  serve->add_option("--db", db, "store file")->required();
  serve->add_option("--host", options.host, "address to listen on (default 127.0.0.1)");
  serve->add_option("--port", options.port, "port (default 8080; 0 = any free port)");
  serve->add_option("--web", options.web_dir, "folder of the built web UI (default: web/dist of the source tree)");
  serve->add_option("--geo", options.geo_dir, "folder of GeoJSON maps (default: data/geo of the source tree)");
  serve->add_option("--threads", options.threads, "worker threads");
  serve->add_option("--tls-cert", options.tls_cert, "PEM certificate: serve HTTPS (with --tls-key)");
  serve->add_option("--tls-key", options.tls_key, "PEM private key");
  serve->add_option("--trusted-proxy", options.trusted_proxies,
                    "CIDR[,CIDR]: reverse proxies whose X-Forwarded-For names the client (default: none)");

  auto* openapi = app.add_subcommand("openapi", "Print the HTTP API's OpenAPI 3 document");

  auto* demo = app.add_subcommand("demo", "Create (if needed) a store and fill it with a generated demo province");
  app::DemoOptions demo_options;
  demo->add_option("--db", db, "store file")->required();
  demo->add_option("--enterprises", demo_options.enterprises, "enterprises in the first month (default 20000)");
  demo->add_option("--months", demo_options.months, "months of data (default 36)");
  demo->add_option("--end", demo_options.end, "last month YYYY-MM (default: the month before this one)");
  demo->add_option("--seed", demo_options.seed, "random seed");
  demo->add_option("--province", demo_options.province, "province code, or 'all' for the whole country (default 410000)");
  demo->add_option("--csv-dir", demo_options.csv_dir, "keep the generated CSV files in this folder");

  // chain simulate (issue #16 item 4): runs in its own callback, see cli/sim_command.h.
  auto* chain_cmd = app.add_subcommand("chain", "Supply chains: the shock-propagation model on a firm network");
  chain_cmd->require_subcommand(1);
  RegisterChainSimulate(chain_cmd);

  std::string audit_key;
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->add_option("--audit-key", audit_key, "the audit chain's key file (default: the store file + .audit-key)");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A command run in its callback (chain simulate) leaves with its own exit code.
    if (dynamic_cast<const CLI::RuntimeError*>(&e) != nullptr) return e.get_exit_code();
    int code = app.exit(e);
    return code == 0 ? kOk : kBadInput;
  }
  SetAuditKeyPath(audit_key);
  if (*init) return Init(db);
  if (*import) return Import(db, paths, user);
  if (*query) {
    request.measures = {measure};
    request.as_of = as_of > 0 ? as_of : kLatestBatch;
    if (request.of.empty()) request.of = "industry";
    return Query(db, request, format);
  }
  if (*batches) return Batches(db);
  if (*user_cmd) return User(db, user_action, user_args);
  if (*warn_cmd) return RunWarn(db, std::cout, std::cerr, now);
  if (*alerts_cmd) {
    alert_filter.include_closed = all_alerts;
    return RunAlerts(db, alert_filter, std::cout, std::cerr);
  }
  if (*commodities_cmd) return RunCommoditiesImport(db, commodity_path, user, std::cout, std::cerr);
  if (*targets_cmd) return RunTargets(db, target_filter, target_today, std::cout, std::cerr);
  if (*progress_cmd) return RunProgressAdd(db, progress, user, std::cout, std::cerr);
  if (*audit_cmd) return Audit(db, audit_action);
  if (*check) return Check(db);
  if (*openapi) {
    std::cout << api::OpenApiJson() << "\n";
    return kOk;
  }
  if (*serve) {
    const char* env_web = std::getenv("BALLAST_WEB_DIR");
    if (options.web_dir.empty()) {
      options.web_dir = FirstExisting({env_web ? env_web : "", BALLAST_SOURCE_DIR "/web/dist"});
    }
    if (options.geo_dir.empty()) options.geo_dir = FirstExisting({BALLAST_SOURCE_DIR "/data/geo"});
    return Serve(db, options);
  }
  if (*demo) {
    Status st = RunDemo(db, demo_options, std::cout);
    return st.ok() ? kOk : Fail(st);
  }
  if (*chain_cmd) return kOk;  // chain simulate ran (and succeeded) in its callback
  return kBadInput;
}

}  // namespace
}  // namespace ballast::cli

int main(int argc, char** argv) {
  try {
    return ballast::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ballast: internal error: " << e.what() << "\n";
    return 1;
  }
}
