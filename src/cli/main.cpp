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
#include "app/store_copy.h"
#include "cli/demo.h"
#include "cli/auth_commands.h"
#include "cli/bulletin_commands.h"
#include "cli/chain_commands.h"
#include "cli/park_commands.h"
#include "cli/cultivation_commands.h"
#include "cli/project_commands.h"
#include "cli/benefit_commands.h"  // policy matching (issue 14 item 6)
#include "cli/format.h"
#include "cli/month_commands.h"
#include "cli/region_series_commands.h"
#include "cli/serve_config.h"
#include "cli/nowcast_commands.h"
#include "cli/stl_commands.h"
#include "cli/service_commands.h"
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
  std::cout << "created store " << RedactLocator(db) << " with the shipped catalogs (GB/T 2260 2024, GB/T 4754-2017, "
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
                                     "import?): `ballast warn --db " + RedactLocator(db) + "` or the next import or serve repairs it"));
  }
  std::cout << "store " << RedactLocator(db) << " is consistent\n";
  return kOk;
}

api::Server* g_server = nullptr;
void OnSignal(int) {
  if (g_server != nullptr) g_server->Stop();
}

int Serve(const std::string& db, api::ServeOptions options, const cli::SmtpFlags& smtp,
          const std::string& attachment_scan) {
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return Fail(b.status());
  // Build the latest panel before accepting requests, and finish an evaluation that a crash
  // after an import left undone.
  auto snap = (*b)->workspace().GetSnapshot();
  if (!snap.ok()) return Fail(snap.status());
  if (auto repaired = (*b)->RepairEvaluation(); !repaired.ok()) return Fail(repaired.status());
  // Service notifications: reminders and e-mail in the background (stopped before the store closes).
  auto notifier = cli::StartNotifications((*b)->service(), smtp, std::cerr);
  if (!notifier) return kBadInput;
  (*b)->service().SetAttachmentScan(attachment_scan);  // appeal attachments: "" = no scan
  api::Server server(**b, options);
  auto port = server.Bind();
  if (!port.ok()) return Fail(port.status());
  g_server = &server;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cout << "Ballast serving " << (options.tls_cert.empty() ? "http" : "https") << "://" << options.host << ":" << *port << "/ (store " << RedactLocator(db) << ", "
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
  init->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();

  auto* import = app.add_subcommand("import", "Import enterprises or observations (.csv or .xlsx), one batch per file");
  std::vector<std::string> paths;
  std::string user = DefaultUser();
  import->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  import->add_option("path", paths, "files to import")->required();
  import->add_option("--user", user, "recorded in the batch's provenance");

  auto* query = app.add_subcommand("query", "Print one measure of one cell");
  app::CellRequest request;
  std::string measure, format = "csv";
  BatchId as_of = 0;
  query->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  query->add_option("--indicator", request.indicator, "indicator code, e.g. output_value")->required();
  query->add_option("--measure", measure, "value, ytd, yoy, ytd_yoy, yoy_2y, contrib_pp, contrib_share, share, n, growth_breadth")->required();
  query->add_option("--period", request.period, "YYYY-MM")->required();
  query->add_option("--region", request.region, "GB/T 2260 code (default: the whole country), or @east, @central, @west, @northeast");
  query->add_option("--industry", request.industry, "section letter or 2/3/4-digit GB/T 4754 code (default: all industry), or @hightech, @equipment, @energy6, @consumer, @raw");
  query->add_option("--tag", request.tags, "enterprises with this tag only (repeatable: any of them), e.g. 外资");
  query->add_option("--park", request.park, "a park's members only (by membership in the period)");
  query->add_option("--of", request.of, "region|industry: the dimension of the parent for share and contributions");
  query->add_option("--as-of", as_of, "answer as of this batch id (vintage)");
  query->add_option("--format", format, "csv (default), json or table");

  auto* batches = app.add_subcommand("batches", "List imported batches with provenance");
  batches->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();

  auto* check = app.add_subcommand("check", "Check the store's integrity (every batch whole, the file sound)");
  check->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();

  auto* user_cmd = app.add_subcommand("user", "Manage users: add, passwd, disable, enable, list");
  std::string user_action;
  auth_cli::UserArgs user_args;
  user_cmd->add_option("action", user_action, "add | passwd | disable | enable | list")->required()
      ->check(CLI::IsMember({"add", "passwd", "disable", "enable", "list"}));
  user_cmd->add_option("name", user_args.username, "the user's name");
  user_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  user_cmd->add_option("--role", user_args.role, "admin, analyst, dispatcher, handler, enterprise or viewer");
  user_cmd->add_option("--region", user_args.region, "scope: a GB/T 2260 code (default 100000, the whole country)");
  user_cmd->add_option("--unit", user_args.unit, "handlers: the responsible unit");
  user_cmd->add_option("--uscc", user_args.uscc, "enterprise users: their enterprise");
  user_cmd->add_flag("--password-stdin", user_args.password_stdin, "read the password from standard input (else one is generated and printed once)");

  auto* audit_cmd = app.add_subcommand("audit", "The audit log: verify its hash chain, or list it");
  std::string audit_action;
  audit_cmd->add_option("action", audit_action, "verify | list")->required()->check(CLI::IsMember({"verify", "list"}));
  audit_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();

  auto* warn_cmd = app.add_subcommand("warn", "Evaluate the warning rules now and print the summary");
  std::string now;
  warn_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  warn_cmd->add_option("--now", now, "evaluate as at this UTC time (ISO 8601; default: the clock)");

  auto* alerts_cmd = app.add_subcommand("alerts", "List alerts");
  app::AlertFilter alert_filter;
  bool all_alerts = false;
  alerts_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  alerts_cmd->add_option("--level", alert_filter.level, "red, orange, yellow or blue");
  alerts_cmd->add_option("--state", alert_filter.state, "pending, firing or resolved");
  alerts_cmd->add_option("--region", alert_filter.region, "alerts of subjects in this region's subtree");
  alerts_cmd->add_option("--unit", alert_filter.unit, "responsible unit");
  alerts_cmd->add_flag("--all", all_alerts, "include closed episodes");

  auto* commodities_cmd = app.add_subcommand("commodities", "Bulk raw materials: import price and supply series");
  std::string commodity_action, commodity_path;
  commodities_cmd->add_option("action", commodity_action, "import")->required()->check(CLI::IsMember({"import"}));
  commodities_cmd->add_option("path", commodity_path, "CSV or XLSX: code,name,unit,date,price,stock_days")->required();
  commodities_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  commodities_cmd->add_option("--user", user, "recorded as the importer");

  // --- the analyst's month (issue #12): cli/month_commands.h ---
  std::string month_action, month_path;
  auto* prices_cmd = app.add_subcommand("prices", "Ex-factory price indices (PPI) by industry: import");
  auto* va_rates_cmd = app.add_subcommand("va-rates", "Value-added rates by industry: import");
  for (auto* c : {prices_cmd, va_rates_cmd}) {
    c->add_option("action", month_action, "import")->required()->check(CLI::IsMember({"import"}));
    c->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
    c->add_option("--user", user, "recorded as the importer");
  }
  prices_cmd->add_option("path", month_path, "CSV or XLSX: industry,period,index")->required();
  va_rates_cmd->add_option("path", month_path, "CSV or XLSX: industry,rate")->required();
  // --- end of the analyst's month ---

  // --- region series (issue #12 item 4): cli/region_series_commands.h ---
  std::string rseries_action, rseries_path;
  auto* rseries_cmd = app.add_subcommand("region-series", "Figures published per region (investment, GDP, grid electricity): import");
  rseries_cmd->add_option("action", rseries_action, "import")->required()->check(CLI::IsMember({"import"}));
  rseries_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  rseries_cmd->add_option("--user", user, "recorded as the importer");
  rseries_cmd->add_option("path", rseries_path, "CSV or XLSX: region,period,indicator,value,ytd,yoy,ytd_yoy")->required();
  // --- end of region series ---
  // --- the monthly bulletin (issue #12 item 7): cli/bulletin_commands.h ---
  BulletinArgs bulletin_args;
  auto* bulletin_cmd = app.add_subcommand("bulletin", "The monthly bulletin (通报) of a region as DOCX, PDF and XLSX");
  bulletin_cmd->add_option("--db", bulletin_args.db, "store: a SQLite file or a postgresql:// URI")->required();
  bulletin_cmd->add_option("--period", bulletin_args.period, "YYYY-MM (default: the default period of the views)");
  bulletin_cmd->add_option("--region", bulletin_args.region, "GB/T 2260 code (default 410000)");
  bulletin_cmd->add_option("--out", bulletin_args.out, "directory for bulletin-<region>-<period>.<ext>")->required();
  bulletin_cmd->add_option("--format", bulletin_args.formats, "comma-separated: docx,pdf,xlsx (default all three)");
  // --- end of the monthly bulletin ---

  // --- episodes (issue 13: warn helper) ---
  auto* episodes_cmd = app.add_subcommand("episodes", "Warning episodes (one per subject), most important first");
  app::EpisodeFilter episode_filter;
  episodes_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  episodes_cmd->add_option("--region", episode_filter.region, "subjects in this region's subtree");
  episodes_cmd->add_option("--state", episode_filter.state, "firing (default), pending, or \"\" for both");
  episodes_cmd->add_option("--kind", episode_filter.kind, "subject kind");
  episodes_cmd->add_option("--limit", episode_filter.limit, "at most this many rows (0 = all)");
  episodes_cmd->add_option("--min-score", episode_filter.min_score, "only episodes at least this important");
  episodes_cmd->add_flag("--include-muted", episode_filter.include_muted, "also silenced or inhibited episodes");
  // --- end episodes ---
  auto* targets_cmd = app.add_subcommand("targets", "Policy targets with their status");
  app::TargetFilter target_filter;
  std::string target_today;
  targets_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  targets_cmd->add_option("--document", target_filter.document, "policy document id");
  targets_cmd->add_option("--unit", target_filter.unit, "responsible unit");
  targets_cmd->add_option("--today", target_today, "status as of this month YYYY-MM");

  auto* progress_cmd = app.add_subcommand("progress", "Report progress on a policy target");
  std::string progress_action;
  app::ProgressRequest progress;
  progress_cmd->add_option("action", progress_action, "add")->required()->check(CLI::IsMember({"add"}));
  progress_cmd->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  progress_cmd->add_option("--target", progress.target_id, "target id")->required();
  progress_cmd->add_option("--value", progress.value, "the value to date")->required();
  progress_cmd->add_option("--date", progress.date, "YYYY-MM-DD the value stands for")->required();
  progress_cmd->add_option("--note", progress.note, "note");
  progress_cmd->add_option("--attachment", progress.attachment, "attachment file name");
  progress_cmd->add_option("--user", user, "recorded as the reporter");

  auto* serve = app.add_subcommand("serve", "Serve the HTTP API and the web UI");
  api::ServeOptions options;
  serve->add_option("--db", db, "store: a SQLite file or a postgresql:// URI (or `db` in the config file)");
  serve->add_option("--host", options.host, "address to listen on (default 127.0.0.1)");
  serve->add_option("--port", options.port, "port (default 8080; 0 = any free port)");
  serve->add_option("--web", options.web_dir, "folder of the built web UI (default: web/dist of the source tree)");
  serve->add_option("--geo", options.geo_dir, "folder of GeoJSON maps (default: data/geo of the source tree)");
  serve->add_option("--threads", options.threads, "worker threads");
  serve->add_option("--tls-cert", options.tls_cert, "PEM certificate: serve HTTPS (with --tls-key)");
  serve->add_option("--tls-key", options.tls_key, "PEM private key");
  serve->add_option("--trusted-proxy", options.trusted_proxies,
                    "CIDR[,CIDR]: reverse proxies whose X-Forwarded-For names the client (default: none)");
  // Operations (issue 11): the configuration file and the limits it may also set.
  std::string config_path;
  int64_t max_upload_mb = 256;
  bool no_access_log = false;
  serve->add_option("--config", config_path,
                    std::string("TOML configuration file (default ") + kDefaultConfigPath +
                        " if it exists); flags override it");
  serve->add_option("--max-upload-mb", max_upload_mb, "largest upload in MiB (default 256)");
  serve->add_option("--header-timeout-ms", options.header_timeout_ms,
                    "a request header must arrive within this (5000)");
  serve->add_option("--keep-alive-timeout-ms", options.keep_alive_timeout_ms,
                    "idle keep-alive connections close after this (5000)");
  serve->add_option("--max-connections-per-client", options.max_connections_per_client,
                    "connections per client address (64)");
  serve->add_flag("--no-access-log", no_access_log, "no JSON line per request on stderr");
  serve->add_option("--answer-cache", options.answer_cache,
                    "answers kept per panel snapshot (default 2048; 0 = none)");
  serve
      ->add_option("--advance-interval-ms", options.advance_interval_ms,
                   "batches applied at most once per this many ms (default 500; 0 = at once)")
      ->check(CLI::Range(0, kMaxAdvanceIntervalMs));

  // --- enterprise service (issue 14): e-mail notifications of serve, calendar years ---
  cli::SmtpFlags smtp;
  serve->add_option("--smtp-url", smtp.url, "e-mail notifications: smtp://host:587 or smtps://host:465");
  serve->add_option("--smtp-from", smtp.from, "the sender address of notification e-mails");
  serve->add_option("--smtp-user", smtp.user, "SMTP login (TLS is then required)");
  serve->add_option("--smtp-password-file", smtp.password_file, "file holding the SMTP password");
  // Service: the virus-scan hook of appeal attachments (docs/service.md).
  std::string attachment_scan;
  serve->add_option("--attachment-scan", attachment_scan,
                    "command run on each uploaded attachment as: sh -c 'CMD \"$1\"' FILE; exit 0 = clean");
  auto* service_cmd = app.add_subcommand("service", "Enterprise service (万人助万企) administration");
  auto* calendar_year = service_cmd->add_subcommand("calendar-year", "Load one year of the working-day calendar");
  std::string calendar_file;
  calendar_year->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  calendar_year->add_option("--file", calendar_file, "the year's JSON (data/calendar/README.md)")->required();
  calendar_year->add_option("--user", user, "recorded as the actor");
  cli::ServiceReportArgs report_args;
  auto* service_report = service_cmd->add_subcommand(
      "report", "The monthly service report (企业服务月报) as DOCX, PDF and XLSX");
  service_report->add_option("--db", report_args.db, "store: a SQLite file or a postgresql:// URI")
      ->required();
  service_report->add_option("--month", report_args.month, "YYYY-MM: appeals filed in this Beijing month")
      ->required();
  service_report->add_option("--region", report_args.region, "GB/T 2260 code (default the whole country)");
  service_report->add_option("--out", report_args.out, "directory for service-report-<region>-<month>.<ext>")
      ->required();
  service_report->add_option("--format", report_args.formats, "comma-separated: docx,pdf,xlsx (default all three)");
  service_report->add_option("--today", report_args.today,
                             "YYYY-MM-DD the open and overdue counts are taken on (default today, Beijing)");
  // --- end enterprise service ---

  auto* openapi = app.add_subcommand("openapi", "Print the HTTP API's OpenAPI 3 document");

  auto* demo = app.add_subcommand("demo", "Create (if needed) a store and fill it with a generated demo province");
  app::DemoOptions demo_options;
  demo->add_option("--db", db, "store: a SQLite file or a postgresql:// URI")->required();
  demo->add_option("--enterprises", demo_options.enterprises, "enterprises in the first month (default 20000)");
  demo->add_option("--months", demo_options.months, "months of data (default 36)");
  demo->add_option("--end", demo_options.end, "last month YYYY-MM (default: the month before this one)");
  demo->add_option("--seed", demo_options.seed, "random seed");
  demo->add_option("--province", demo_options.province, "province code, or 'all' for the whole country (default 410000)");
  demo->add_option("--csv-dir", demo_options.csv_dir, "keep the generated CSV files in this folder");

  // --- copy (PostgreSQL store, issue 11): a whole store into a new one, either direction ---
  auto* copy_cmd = app.add_subcommand("copy", "Copy a whole store into a new SQLite file or an empty PostgreSQL database");
  std::string copy_from, copy_to, copy_to_key;
  copy_cmd->add_option("--from", copy_from, "the store to copy: a SQLite file or a postgresql:// URI")->required();
  copy_cmd->add_option("--to", copy_to, "a SQLite file that does not exist yet or an empty PostgreSQL database")->required();
  copy_cmd->add_option("--to-audit-key", copy_to_key, "where the audit key goes (default: the target's default key path)");
  // --- end copy ---

  // --- stl: seasonal adjustment as R's stats::stl (cli/stl_commands.cpp) ---
  auto* stl_cmd = app.add_subcommand("stl", "Seasonal-trend decomposition of a CSV series (as R's stats::stl)");
  StlArgs stl_args;
  int stl_t_window = 0, stl_inner = 0, stl_outer = 0;
  stl_cmd->add_option("--period", stl_args.period, "observations per cycle (12 for months)")->required();
  stl_cmd->add_option("--s-window", stl_args.s_window, "seasonal loess span (odd), or 'periodic'")->required();
  auto* stl_t_opt = stl_cmd->add_option("--t-window", stl_t_window, "trend loess span (default as R)");
  stl_cmd->add_option("--s-degree", stl_args.s_degree, "seasonal loess degree, 0 (default) or 1");
  stl_cmd->add_flag("--robust", stl_args.robust, "robustness iterations against outliers");
  auto* stl_inner_opt = stl_cmd->add_option("--inner", stl_inner, "inner iterations (default robust ? 1 : 2)");
  auto* stl_outer_opt = stl_cmd->add_option("--outer", stl_outer, "outer iterations (default robust ? 15 : 0)");
  stl_cmd->add_option("--input", stl_args.input, "CSV with a header row, the series in the last column (default: standard input)");
  // --- end stl ---

  // --- nowcast: the flash estimate of a cell's yoy (cli/nowcast_commands.cpp) ---
  auto* nowcast_cmd = app.add_subcommand("nowcast", "Flash estimate (快报) of a cell's yoy before the month closes, or its backtest");
  NowcastArgs nowcast_args;
  std::string nowcast_rates;
  nowcast_cmd->add_option("--db", nowcast_args.db, "store: a SQLite file or a postgresql:// URI")->required();
  nowcast_cmd->add_option("--period", nowcast_args.cell.period, "YYYY-MM")->required();
  nowcast_cmd->add_option("--indicator", nowcast_args.cell.indicator, "flow indicator (default output_value)");
  nowcast_cmd->add_option("--region", nowcast_args.cell.region, "GB/T 2260 code (default the whole country)");
  nowcast_cmd->add_option("--industry", nowcast_args.cell.industry, "GB/T 4754 code (default BCD)");
  nowcast_cmd->add_option("--backtest", nowcast_args.backtest_months, "backtest over this many months ending at --period");
  nowcast_cmd->add_option("--rates", nowcast_rates, "report rates of the backtest (default 0.5,0.8)");
  // --- end nowcast ---

  // Supply chains, static part (issue 16): chain cascade|analyze|import|list|report, io
  // analyze|inverse. Other chain commands attach under chain_commands.chain().
  ChainCommands chain_commands(app);
  // chain simulate (issue #16 item 4): runs in its own callback, see cli/sim_command.h.
  RegisterChainSimulate(chain_commands.chain());

  // Major projects (issue 15): projects import|list|report|history|rates|cards.
  ProjectCommands project_commands(app);

  // Parks and 亩均 evaluation (issue 15 item 2): parks import|list|grades.
  ParkCommands park_commands(app);
  // Cultivation pipelines (issue 15 item 3): cultivation import|pool|candidates|conversion|stages.
  CultivationCommands cultivation_commands(app);
  // Policy matching (issue 14 item 6): benefits import|list|match.
  BenefitCommands benefit_commands(app);

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
  if (auto rc = chain_commands.Run(std::cout, std::cerr)) return *rc;
  if (auto rc = project_commands.Run(std::cout, std::cerr)) return *rc;
  if (auto rc = park_commands.Run(std::cout, std::cerr)) return *rc;
  if (auto rc = cultivation_commands.Run(std::cout, std::cerr)) return *rc;
  if (auto rc = benefit_commands.Run(std::cout, std::cerr)) return *rc;
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
  if (*prices_cmd) return RunPricesImport(db, month_path, user, std::cout, std::cerr);
  if (*va_rates_cmd) return RunVaRatesImport(db, month_path, user, std::cout, std::cerr);
  if (*rseries_cmd) return RunRegionSeriesImport(db, rseries_path, user, std::cout, std::cerr);  // region series
  if (*bulletin_cmd) return RunBulletin(bulletin_args, std::cout, std::cerr);  // the monthly bulletin
  if (*episodes_cmd) return RunEpisodes(db, episode_filter, std::cout, std::cerr);
  if (*targets_cmd) return RunTargets(db, target_filter, target_today, std::cout, std::cerr);
  if (*progress_cmd) return RunProgressAdd(db, progress, user, std::cout, std::cerr);
  if (*audit_cmd) return Audit(db, audit_action);
  if (*nowcast_cmd) {
    if (!nowcast_rates.empty()) {
      nowcast_args.rates.clear();
      std::stringstream rates(nowcast_rates);
      for (std::string r; std::getline(rates, r, ',');) {
        try {
          nowcast_args.rates.push_back(std::stod(r));
        } catch (const std::exception&) {
          return Fail(Status::Invalid("--rates: '" + r + "' is not a number"));
        }
      }
    }
    return RunNowcast(nowcast_args, std::cout, std::cerr);
  }
  if (*stl_cmd) {
    if (stl_t_opt->count() > 0) stl_args.t_window = stl_t_window;
    if (stl_inner_opt->count() > 0) stl_args.inner = stl_inner;
    if (stl_outer_opt->count() > 0) stl_args.outer = stl_outer;
    return RunStl(stl_args, std::cin, std::cout, std::cerr);
  }
  if (*check) return Check(db);
  if (*copy_cmd) {
    auto r = app::CopyWholeStore(copy_from, copy_to, audit_key, copy_to_key);
    if (!r.ok()) return Fail(r.status());
    std::cout << "copied " << r->counts.rows << " rows of " << r->counts.tables << " tables from " << RedactLocator(copy_from)
              << " to " << RedactLocator(copy_to) << " (sessions are not copied: users sign in again)\n";
    if (!r->key_copied_to.empty()) std::cout << "audit key copied to " << r->key_copied_to << " (mode 0600)\n";
    return kOk;
  }
  if (*openapi) {
    std::cout << api::OpenApiJson() << "\n";
    return kOk;
  }
  if (*serve) {
    // Operations (issue 11): the configuration file fills what the flags left unset.
    if (serve->count("--max-upload-mb") > 0) options.max_upload_bytes = static_cast<size_t>(max_upload_mb) << 20;
    if (no_access_log) options.access_log = false;
    std::error_code ec;
    if (config_path.empty() && std::filesystem::exists(kDefaultConfigPath, ec)) config_path = kDefaultConfigPath;
    if (!config_path.empty()) {
      auto config = LoadServeConfig(config_path);
      if (!config.ok()) return Fail(config.status());
      ApplyServeConfig(*config, [serve](std::string_view flag) { return serve->count(std::string(flag)) > 0; }, &db,
                       &audit_key, &options);
      SetAuditKeyPath(audit_key);
    }
    if (db.empty()) return Fail(Status::Invalid("serve: give --db, or `db` in the configuration file"));
    const char* env_web = std::getenv("BALLAST_WEB_DIR");
    if (options.web_dir.empty()) {
      options.web_dir = FirstExisting({env_web ? env_web : "", BALLAST_SOURCE_DIR "/web/dist"});
    }
    if (options.geo_dir.empty()) options.geo_dir = FirstExisting({BALLAST_SOURCE_DIR "/data/geo"});
    return Serve(db, options, smtp, attachment_scan);
  }
  if (*calendar_year) return cli::RunCalendarYear(db, calendar_file, user, std::cout, std::cerr);
  if (*service_report) return cli::RunServiceReport(report_args, std::cout, std::cerr);
  if (*demo) {
    Status st = RunDemo(db, demo_options, std::cout);
    return st.ok() ? kOk : Fail(st);
  }
  if (*chain_commands.chain()) return kOk;  // chain simulate ran (and succeeded) in its callback
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
