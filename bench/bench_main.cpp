// `make bench`: the national data set end to end — import, panel, full cube, and the peer
// question against SQLite and DuckDB on the same data. Prints a table; not part of `make test`.
#include <malloc.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "app/episodes.h"
#include "app/warnings.h"
#include "app/workspace.h"
#include "core/file_util.h"
#include "engine/cube.h"
#include "gen/generator.h"

namespace ballast::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
double PeakRssGiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / (1024.0 * 1024.0);
}
double RssGiB() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  in >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 30);
}

struct Options {
  std::string work = "build/bench/work";
  int64_t enterprises = 500000;
  int months = 25;
  Period end = MakePeriod(2026, 10);
  int threads = 2;
  bool sqlite = true, duckdb = true;
  bool cube = true;
  // Reuse the store of an earlier run (its alerts cleared) instead of generating and importing.
  bool reuse = false;
  std::string duckdb_script = "bench/duckdb/peer.mjs";
};

void Row(const std::string& what, const std::string& value, const std::string& note = "") {
  std::printf("| %-44s | %18s | %s\n", what.c_str(), value.c_str(), note.c_str());
  std::fflush(stdout);
}
std::string F(double x, int prec = 2) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, x);
  return b;
}

using Answer = std::map<std::tuple<int, std::string, std::string, std::string>, double>;

// Ballast's answer to the peer question for every indicator and period, on `threads` threads.
Answer EngineAnswer(const Panel& panel, int threads, double* seconds) {
  const Catalog& c = panel.catalog();
  std::vector<std::pair<int, Period>> work;
  for (int i = 0; i < static_cast<int>(c.indicators().size()); ++i) {
    if (c.indicators()[static_cast<size_t>(i)].derived()) continue;
    for (Period p = panel.first_period() + 12; p <= panel.last_period(); ++p)
      work.emplace_back(i, p);
  }
  std::vector<std::vector<GroupGrowth>> results(work.size());
  auto t = Clock::now();
  const GroupIndex index(panel, 1, 2);  // province x division, built inside the timed region
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t k = next++; k < work.size(); k = next++) {
      results[k] = GroupedGrowth(panel, index, work[k].first, work[k].second);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(run);
  run();
  for (auto& th : pool) th.join();
  *seconds = Since(t);
  Answer a;
  for (size_t k = 0; k < work.size(); ++k) {
    for (const auto& g : results[k]) {
      a[{work[k].second, c.regions().node(g.region).code, c.industries().node(g.industry).code,
         c.indicators()[static_cast<size_t>(work[k].first)].code}] = g.x_sum / g.base_sum - 1;
    }
  }
  return a;
}

Answer ReadAnswer(const std::string& path) {
  Answer a;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string period, province, division, indicator, growth;
    std::getline(ss, period, ',');
    std::getline(ss, province, ',');
    std::getline(ss, division, ',');
    std::getline(ss, indicator, ',');
    std::getline(ss, growth, ',');
    if (growth.empty() || growth == "NULL") continue;
    double g = std::strtod(growth.c_str(), nullptr);
    if (!std::isfinite(g)) continue;
    a[{std::stoi(period), province, division, indicator}] = g;
  }
  return a;
}

std::string Compare(const Answer& ours, const Answer& peer) {
  size_t common = 0, mismatched = 0;
  double worst = 0;
  size_t ours_defined = 0;
  for (const auto& [k, v] : ours) ours_defined += std::isfinite(v);
  for (const auto& [k, v] : peer) {
    auto it = ours.find(k);
    if (it == ours.end() || !std::isfinite(it->second)) {
      ++mismatched;  // defined for the peer, not for us
      continue;
    }
    ++common;
    double d = std::fabs(it->second - v);
    worst = std::max(worst, d);
    mismatched += d > 1e-9;
  }
  mismatched += ours_defined - common;  // defined for us, not for the peer
  return std::to_string(common) + " groups agree in key, " + std::to_string(mismatched) +
         " differ (> 1e-9 or missing on one side), max |diff| " + F(worst * 1e12, 3) + "e-12";
}

// Exports the panel's monthly values and the enterprises' province and division for the peers.
void ExportPeerTables(const Panel& panel, const fs::path& dir) {
  const Catalog& c = panel.catalog();
  {
    std::ofstream e(dir / "peer_enterprise.csv");
    e << "enterprise_id,province,division\n";
    for (uint32_t i = 0; i < panel.num_enterprises(); ++i) {
      const auto& ent = panel.enterprise(i);
      NodeId prov = c.regions().AncestorAtDepth(ent.region, 1);
      NodeId div = c.industries().AncestorAtDepth(ent.industry, 2);
      e << i << ',' << (prov == kNoNode ? "" : c.regions().node(prov).code) << ','
        << (div == kNoNode ? "" : c.industries().node(div).code) << '\n';
    }
  }
  FILE* f = std::fopen((dir / "peer_panel.csv").c_str(), "w");
  std::vector<char> buf(1 << 22);
  std::setvbuf(f, buf.data(), _IOFBF, buf.size());
  std::fputs("enterprise_id,period,indicator,value\n", f);
  for (int i = 0; i < static_cast<int>(c.indicators().size()); ++i) {
    if (c.indicators()[static_cast<size_t>(i)].derived()) continue;
    const char* code = c.indicators()[static_cast<size_t>(i)].code.c_str();
    for (Period p = panel.first_period(); p <= panel.last_period(); ++p) {
      const double* v = panel.Values(i, p);
      if (v == nullptr) continue;
      for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
        if (v[e] != v[e]) continue;
        char line[128];
        char* q = std::to_chars(line, line + 16, e).ptr;
        *q++ = ',';
        q = std::to_chars(q, q + 16, p).ptr;
        *q++ = ',';
        for (const char* c2 = code; *c2; ++c2) *q++ = *c2;
        *q++ = ',';
        q = std::to_chars(q, line + sizeof line - 1, v[e]).ptr;  // shortest round-trip text
        *q++ = '\n';
        std::fwrite(line, 1, static_cast<size_t>(q - line), f);
      }
    }
  }
  std::fclose(f);
}

constexpr const char* kPeerSql =
    "SELECT c.period, e.province, e.division, c.indicator, SUM(c.value)/SUM(p.value) - 1 FROM "
    "panel c "
    "JOIN panel p ON p.enterprise_id = c.enterprise_id AND p.indicator = c.indicator AND p.period "
    "= c.period - 12 "
    "JOIN enterprise e ON e.enterprise_id = c.enterprise_id GROUP BY 1,2,3,4";

void SqlitePeer(const fs::path& dir, const Answer& ours) {
  fs::remove(dir / "peer.sqlite");
  sqlite3* db = nullptr;
  sqlite3_open((dir / "peer.sqlite").c_str(), &db);
  sqlite3_exec(
      db,
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4000000;"
      "CREATE TABLE panel(enterprise_id INTEGER, period INTEGER, indicator TEXT, value REAL,"
      " PRIMARY KEY(enterprise_id, indicator, period)) WITHOUT ROWID;"
      "CREATE TABLE enterprise(enterprise_id INTEGER PRIMARY KEY, province TEXT, division TEXT);",
      nullptr, nullptr, nullptr);
  auto t = Clock::now();
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO panel VALUES(?,?,?,?)", -1, &ins, nullptr);
  std::ifstream in(dir / "peer_panel.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    size_t a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
    sqlite3_bind_int64(ins, 1, std::stoll(line.substr(0, a)));
    sqlite3_bind_int64(ins, 2, std::stoll(line.substr(a + 1, b - a - 1)));
    sqlite3_bind_text(ins, 3, line.data() + b + 1, static_cast<int>(c - b - 1), SQLITE_TRANSIENT);
    sqlite3_bind_double(ins, 4, std::strtod(line.c_str() + c + 1, nullptr));
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_prepare_v2(db, "INSERT INTO enterprise VALUES(?,?,?)", -1, &ins, nullptr);
  std::ifstream ein(dir / "peer_enterprise.csv");
  std::getline(ein, line);
  while (std::getline(ein, line)) {
    size_t a = line.find(','), b = line.find(',', a + 1);
    sqlite3_bind_int64(ins, 1, std::stoll(line.substr(0, a)));
    sqlite3_bind_text(ins, 2, line.data() + a + 1, static_cast<int>(b - a - 1), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, line.data() + b + 1, static_cast<int>(line.size() - b - 1),
                      SQLITE_TRANSIENT);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  Row("SQLite peer: load", F(Since(t), 1) + " s");
  t = Clock::now();
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, kPeerSql, -1, &q, nullptr);
  Answer peer;
  while (sqlite3_step(q) == SQLITE_ROW) {
    if (sqlite3_column_type(q, 4) == SQLITE_NULL) continue;
    peer[{sqlite3_column_int(q, 0), reinterpret_cast<const char*>(sqlite3_column_text(q, 1)),
          reinterpret_cast<const char*>(sqlite3_column_text(q, 2)),
          reinterpret_cast<const char*>(sqlite3_column_text(q, 3))}] = sqlite3_column_double(q, 4);
  }
  sqlite3_finalize(q);
  double secs = Since(t);
  sqlite3_close(db);
  fs::remove(dir / "peer.sqlite");
  Row("SQLite peer: the peer question", F(secs, 2) + " s", Compare(ours, peer));
}

double DuckdbPeer(const fs::path& dir, const std::string& script, const Answer& ours) {
  std::string out = (dir / "duckdb_answer.csv").string();
  std::string cmd = "node " + script + " " + dir.string() + " " + out;
  FILE* p = popen(cmd.c_str(), "r");
  std::string json;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) json.append(buf, n);
  if (pclose(p) != 0) {
    Row("DuckDB peer", "failed", json);
    return -1;
  }
  auto field = [&json](const char* name) {
    size_t at = json.find(std::string("\"") + name + "\":");
    return at == std::string::npos
               ? -1.0
               : std::strtod(json.c_str() + at + std::strlen(name) + 3, nullptr);
  };
  Row("DuckDB peer (2 threads): load CSV", F(field("load_s"), 1) + " s");
  Row("DuckDB peer (2 threads): the peer question", F(field("query_s"), 2) + " s",
      Compare(ours, ReadAnswer(out)));
  Row("DuckDB peer: peak memory (its VmHWM)", F(field("peak_gib"), 2) + " GiB");
  return field("query_s");
}

int Main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--work")
      o.work = next();
    else if (a == "--enterprises")
      o.enterprises = std::stoll(next());
    else if (a == "--months")
      o.months = std::stoi(next());
    else if (a == "--threads")
      o.threads = std::stoi(next());
    else if (a == "--no-sqlite")
      o.sqlite = false;
    else if (a == "--no-duckdb")
      o.duckdb = false;
    else if (a == "--no-cube")
      o.cube = false;
    else if (a == "--reuse-store")
      o.reuse = true;
    else if (a == "--duckdb-script")
      o.duckdb_script = next();
    else {
      std::fprintf(stderr,
                   "usage: ballast_bench [--work DIR] [--enterprises N] [--months M] [--threads T] "
                   "[--no-sqlite] "
                   "[--no-duckdb] [--no-cube] [--reuse-store]\n"
                   "  --reuse-store: the store of an earlier run in --work, its alerts cleared (no "
                   "generate/import)\n");
      return 2;
    }
  }
  fs::path work(o.work);
  fs::create_directories(work);
  std::printf(
      "Ballast benchmark: national set, %lld enterprises x 12 indicators x %d months, %d threads, "
      "%u cores\n",
      static_cast<long long>(o.enterprises), o.months, o.threads,
      std::thread::hardware_concurrency());
  Row("step", "figure", "note");
  auto catalog = Catalog::Embedded();
  gen::Options g;
  g.province = "";
  g.enterprises = o.enterprises;
  g.months = o.months;
  g.first = o.end - o.months + 1;
  g.entrant_priors = false;          // the peer question's base is the own value 12 months earlier
  g.financial_from_jan_feb = false;  // every month reported, so no 1-2月 rule applies
  g.collapse_city = "-";
  auto t = Clock::now();
  fs::path db = work / "national.db";
  std::unique_ptr<app::Workspace> ws;
  auto generate_and_import = [&]() -> bool {
    t = Clock::now();
    fs::path csv = work / "csv";
    auto summary = gen::WriteCsv(*catalog, g, csv.string());
    if (!summary.ok()) {
      std::fprintf(stderr, "%s\n", summary.status().ToString().c_str());
      return false;
    }
    Row("generate CSV", F(Since(t), 1) + " s", std::to_string(summary->observation_rows) + " rows");

    for (const char* s : {"", "-wal", "-shm"}) fs::remove(db.string() + s);
    ws = std::move(app::Workspace::Create(db.string())).value();
    t = Clock::now();
    int64_t rows = 0, bytes = 0;
    for (const auto& f : summary->files) {
      std::string content = std::move(ReadFile(f)).value();
      bytes += static_cast<int64_t>(content.size());
      auto r = ws->Import(content, f, "bench");
      if (!r.ok() || r->status != ingest::ImportStatus::kImported) {
        std::fprintf(stderr, "import of %s failed\n", f.c_str());
        return false;
      }
      if (r->report.kind == "observations") rows += r->report.rows;
    }
    double import_s = Since(t);
    int64_t disk = *ws->SizeOnDisk();
    Row("import end to end (read, validate, write)", F(import_s, 1) + " s",
        F(static_cast<double>(rows) / import_s / 1e6, 2) + " M values/s, " +
            F(bytes / import_s / 1e6, 0) + " MB/s of CSV");
    Row("store on disk", F(static_cast<double>(disk) / static_cast<double>(rows), 2) + " B/value",
        F(static_cast<double>(disk) / (1 << 20), 0) + " MiB for " + std::to_string(rows) +
            " values");
    return true;
  };
  if (!o.reuse) {
    if (!generate_and_import()) return 1;
  } else {
    // The alerts of the earlier run go, so that the first evaluation is a first one again.
    sqlite3* h = nullptr;
    const char* clear =
        "DELETE FROM warn_alert_event; DELETE FROM warn_alert; DELETE FROM warn_evaluation; "
        "UPDATE warn_alert_version SET version = version + 1";
    if (sqlite3_open(db.string().c_str(), &h) != SQLITE_OK ||
        sqlite3_exec(h, clear, nullptr, nullptr, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "--reuse-store: cannot clear the alerts of %s: %s\n",
                   db.string().c_str(), h ? sqlite3_errmsg(h) : "");
      sqlite3_close(h);
      return 1;
    }
    sqlite3_close(h);
    ws = std::move(app::Workspace::Open(db.string())).value();
    Row("reuse the store of an earlier run", db.string(), "alerts cleared");
  }

  t = Clock::now();
  auto snap = std::move(ws->GetSnapshot()).value();
  const Panel& panel = *snap->panel;
  Row("load panel from store", F(Since(t), 1) + " s",
      std::to_string(panel.num_enterprises()) + " enterprises");
  Row("panel memory",
      F(static_cast<double>(panel.ColumnBytes()) / static_cast<double>(panel.StoredCells()), 2) +
          " B/value",
      F(static_cast<double>(panel.ColumnBytes()) / (1 << 30), 2) + " GiB for " +
          std::to_string(panel.StoredCells()) + " cells; RSS now " + F(RssGiB(), 2) + " GiB");

  if (o.cube) {
    t = Clock::now();
    auto cube = Cube::Build(panel, o.threads);
    Row("cube first build (allocates)", F(Since(t), 3) + " s",
        std::to_string(cube->cells()) + " cells; cube " +
            F(static_cast<double>(cube->bytes()) / (1 << 30), 2) + " GiB");
    double best_cube = 1e9;
    for (int rep = 0; rep < 3; ++rep) {
      t = Clock::now();
      cube->Recompute(o.threads);
      best_cube = std::min(best_cube, Since(t));
    }
    Row("full cube recompute (best of 3)", F(best_cube, 3) + " s",
        "every indicator x period x region node x industry node to divisions; peak RSS " +
            F(PeakRssGiB(), 2) + " GiB");
    cube.reset();
  }

  {
    auto warnings = std::move(app::Warnings::Open(*ws, db.string())).value();
    // Where an evaluation's time goes: the rules, reading (or checking) the stored alerts, the
    // comparison with them, the write.
    auto split = [](const app::WarnSummary& w) {
      return "rules " + F(w.evaluate_seconds, 2) + " s, load " + F(w.load_seconds, 2) +
             " s, compare " + F(w.reconcile_seconds, 2) + " s, write " + F(w.write_seconds, 2) +
             " s (" + std::to_string(w.alerts_written) + " alerts, " +
             std::to_string(w.events_written) + " events)" +
             (w.rules_carried > 0 ? "; " + std::to_string(w.rules_carried) +
                                        " rules carried over, moved subjects redone"
                                  : std::string());
    };
    t = Clock::now();
    auto first = warnings->Evaluate("2026-11-22T00:00:00Z");
    const double first_s = Since(t);
    t = Clock::now();
    auto again = warnings->Evaluate("2026-11-22T01:00:00Z");
    const double again_s = Since(t);
    if (first.ok() && again.ok()) {
      Row("warning rules, first evaluation", F(first_s, 2) + " s",
          std::to_string(first->rules) + " rules; " + std::to_string(first->firing) + " firing, " +
              std::to_string(first->pending) + " pending; " + split(*first));
      Row("warning rules, again (nothing changed)", F(again_s, 2) + " s", split(*again));
    }
    // The steady state in production: a batch revising one value, then the evaluation after it.
    // The panel's rebuild after the import is timed on its own (it is the panel's, not the
    // rules'); the evaluation row is AfterImport with the panel current.
    const Panel& p0 = *snap->panel;
    const std::string uscc = p0.enterprise(p0.num_enterprises() / 2).uscc;
    const std::string revision = "uscc,period,indicator,value,ytd,prior,prior_ytd\n" + uscc + "," +
                                 FormatPeriod(o.end) + ",output_value," +
                                 std::to_string(time(nullptr) % 997) + ",,,\n";
    t = Clock::now();
    auto imported = ws->Import(revision, "revision.csv", "bench");
    const double import_one_s = Since(t);
    t = Clock::now();
    auto rebuilt = ws->GetSnapshot();
    const double rebuild_s = Since(t);
    if (imported.ok() && rebuilt.ok() && imported->status == ingest::ImportStatus::kImported) {
      rebuilt->reset();
      t = Clock::now();
      auto after = warnings->AfterImport(*imported);
      const double after_s = Since(t);
      Row("one-value import (batch written)", F(import_one_s, 2) + " s",
          "then the panel's rebuild " + F(rebuild_s, 1) + " s (not the rules')");
      if (after.ok() && after->has_value()) {
        Row("warning rules after a one-value import", F(after_s, 2) + " s",
            split(**after) + "; opened " + std::to_string((*after)->opened) + ", updated " +
                std::to_string((*after)->updated) + ", resolved " +
                std::to_string((*after)->resolved));
      } else {
        Row("warning rules after a one-value import", "failed",
            after.ok() ? "" : after.status().ToString());
      }
    } else {
      Row("one-value import", "failed", imported.ok() ? "" : imported.status().ToString());
    }
    // The lists the warnings page asks for (in process, without HTTP and JSON): a province's
    // firing alerts and its episodes, a page of 1,000, scored and sorted.
    for (const char* region : {"410000", ""}) {
      const std::string where =
          *region ? std::string("region ") + region : std::string("the country");
      app::AlertFilter af;
      af.state = "firing";
      af.region = region;
      af.limit = 1000;
      t = Clock::now();
      auto alerts = warnings->ListAlerts(af);
      Row("alert list, firing, " + where + ", limit 1000", F(Since(t), 3) + " s",
          alerts.ok() ? std::to_string(alerts->size()) + " alerts" : alerts.status().ToString());
      app::EpisodeFilter ef;
      ef.region = region;
      ef.limit = 1000;
      t = Clock::now();
      auto episodes = app::ListEpisodes(*warnings, ef);
      Row("episode list, " + where + ", limit 1000", F(Since(t), 3) + " s",
          episodes.ok() ? std::to_string(episodes->episodes.size()) + " of " +
                              std::to_string(episodes->matched) + " episodes (scored)"
                        : episodes.status().ToString());
    }
  }
  double ours_s = 1e9;
  Answer ours;
  for (int rep = 0; rep < 3; ++rep) {
    double s = 0;
    ours = EngineAnswer(panel, o.threads, &s);
    ours_s = std::min(ours_s, s);
  }
  Row("Ballast: the peer question (best of 3)", F(ours_s, 3) + " s",
      std::to_string(ours.size()) + " groups");
  if (o.sqlite || o.duckdb) {
    t = Clock::now();
    ExportPeerTables(panel, work);
    Row("export peer tables (CSV)", F(Since(t), 1) + " s");
  }
  // The peers run alone: the cube is gone already, and the panel, its snapshot and the store go
  // now (held together with a peer they exceeded the machine's memory when anything else ran).
  snap.reset();
  ws.reset();
  malloc_trim(0);
  Row("memory while the peers run", "RSS " + F(RssGiB(), 2) + " GiB",
      "panel, cube and store released");
  if (o.duckdb) {
    double d = DuckdbPeer(work, o.duckdb_script, ours);
    if (d > 0) Row("ratio DuckDB / Ballast", F(d / ours_s, 1) + " x", "target >= 20 x");
  }
  if (o.sqlite) SqlitePeer(work, ours);
  Row("peak memory (getrusage maxrss)", F(PeakRssGiB(), 2) + " GiB",
      "this process (the peer's is above)");
  return 0;
}

}  // namespace
}  // namespace ballast::bench

int main(int argc, char** argv) { return ballast::bench::Main(argc, argv); }
