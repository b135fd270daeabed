// `make bench`, supply-chain dynamics (issue #16 item 7): the daily propagation model on a
// generated network (default 1 M firms, 5 M links, 100 days), then the fast implementation against
// the straightforward one (per-link objects in ordered maps) on the same network and shocks. Each
// runs in its own child process so that its peak memory is its own. Prints a table; --small for a
// try.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "chain/sim/model.h"
#include "chain/sim/network_gen.h"

namespace ballast::bench {
namespace {

using namespace chain::sim;
using Clock = std::chrono::steady_clock;

struct Options {
  int32_t firms = 1000000;
  int64_t links = 5000000;
  int days = 100;
  int compare_days = 10;  // the straightforward run is long: both are compared over this many days
  int32_t shocked = 1000;
  Rationing rationing = Rationing::kPriority;
  bool naive = true;
  int threads = 0;  // 0: the model's default (two at this size)
};

struct Measure {
  double build_s = 0, run_s = 0, cpu_s = 0, peak_gib = 0, first = 0, last = 0, min = 0;
  uint64_t checksum = 0;  // of the daily totals' bits: equal runs give equal sums
  bool ok = false;
};

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double PeakGiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / (1024.0 * 1024.0);
}

// In a child: generate, simulate, report through the pipe.
Measure RunChild(const Options& o, bool naive, int days) {
  int fd[2];
  if (pipe(fd) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    Measure m;
    auto t0 = Clock::now();
    Economy e = GenerateEconomy(o.firms, o.links, 40, 20261130);
    auto shocks = GenerateShocks(e, o.shocked, 7, 7);
    m.build_s = std::chrono::duration<double>(Clock::now() - t0).count();
    SimParams p;
    p.days = days;
    p.tau = 6;
    p.inventory_days = 15;
    p.recovery_days = 30;
    p.rationing = o.rationing;
    p.threads = o.threads;
    auto t1 = Clock::now();
    const double c1 = CpuSeconds();
    auto r = naive ? SimulateNaive(e, shocks, p) : Simulate(e, shocks, p);
    m.run_s = std::chrono::duration<double>(Clock::now() - t1).count();
    m.cpu_s = CpuSeconds() - c1;
    m.peak_gib = PeakGiB();
    if (r.ok()) {
      m.ok = true;
      m.first = r->total.front();
      m.last = r->total.back();
      m.min = m.first;
      for (double x : r->total) {
        m.min = std::min(m.min, x);
        uint64_t bits;
        std::memcpy(&bits, &x, sizeof bits);
        m.checksum = m.checksum * 1000003u + bits;
      }
    }
    ssize_t w = write(fd[1], &m, sizeof m);
    _exit(w == static_cast<ssize_t>(sizeof m) ? 0 : 1);
  }
  close(fd[1]);
  Measure m;
  ssize_t got = read(fd[0], &m, sizeof m);
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != static_cast<ssize_t>(sizeof m)) m.ok = false;
  return m;
}

void Row(const char* what, const std::string& value, const std::string& note = "") {
  std::printf("| %-44s | %18s | %s\n", what, value.c_str(), note.c_str());
  std::fflush(stdout);
}
std::string F(double x, int prec = 2) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, x);
  return b;
}

int Main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string("0"); };
    if (a == "--firms")
      o.firms = std::stoi(next());
    else if (a == "--links")
      o.links = std::stoll(next());
    else if (a == "--days")
      o.days = std::stoi(next());
    else if (a == "--shocked")
      o.shocked = std::stoi(next());
    else if (a == "--compare-days")
      o.compare_days = std::stoi(next());
    else if (a == "--proportional")
      o.rationing = Rationing::kProportional;
    else if (a == "--no-naive")
      o.naive = false;
    else if (a == "--threads")
      o.threads = std::stoi(next());
    else if (a == "--small") {
      o.firms = 100000;
      o.links = 500000;
      o.shocked = 100;
    } else {
      std::fprintf(
          stderr,
          "usage: ballast_chain_sim_bench [--small] [--firms N] [--links M] [--days D] "
          "[--shocked K] [--compare-days C] [--proportional] [--no-naive] [--threads T]\n");
      return 2;
    }
  }
  std::printf(
      "\nSupply-chain dynamics: %d firms, %lld links, %d days, %d firms shocked, rationing %s\n",
      o.firms, static_cast<long long>(o.links), o.days, o.shocked,
      o.rationing == Rationing::kPriority ? "priority" : "proportional");
  Row("step", "value", "note");
  Measure fast = RunChild(o, false, o.days);
  if (!fast.ok) {
    Row("fast model", "FAILED");
    return 1;
  }
  Row("generate network (not timed below)", F(fast.build_s) + " s");
  const std::string threads = o.threads > 0 ? std::to_string(o.threads) : "2";
  Row(("model, fast (flat arrays, " + threads + " threads)").c_str(), F(fast.run_s) + " s",
      "target <= 10 s; CPU " + F(fast.cpu_s) + " s");
  Row("model, fast: peak memory", F(fast.peak_gib) + " GiB", "target <= 4 GiB (network included)");
  Row("total output day -1 / lowest / last",
      F(fast.first, 0) + " / " + F(fast.min, 0) + " / " + F(fast.last, 0));
  char sum[32];
  std::snprintf(sum, sizeof sum, "%016llx", static_cast<unsigned long long>(fast.checksum));
  Row("checksum of the daily totals' bits", sum, "equal checksums: equal totals, to the bit");
  if (o.naive) {
    // The same network and shocks, both implementations, compare_days days each.
    Measure f = RunChild(o, false, o.compare_days);
    Measure naive = RunChild(o, true, o.compare_days);
    if (!f.ok || !naive.ok) {
      Row("comparison", "FAILED");
      return 1;
    }
    const std::string over = " over " + std::to_string(o.compare_days) + " days";
    Row(("fast" + over).c_str(), F(f.run_s) + " s",
        "CPU " + F(f.cpu_s) + " s, peak " + F(f.peak_gib) + " GiB");
    Row(("straightforward (maps, link objects)" + over).c_str(), F(naive.run_s) + " s",
        "CPU " + F(naive.cpu_s) + " s, peak " + F(naive.peak_gib) + " GiB");
    Row("ratio straightforward / fast (time)", F(naive.run_s / f.run_s, 1) + " x",
        "CPU time " + F(naive.cpu_s / f.cpu_s, 1) + " x");
    Row("same daily totals to the bit", naive.checksum == f.checksum ? "yes" : "NO");
  }
  return 0;
}

}  // namespace
}  // namespace ballast::bench

int main(int argc, char** argv) { return ballast::bench::Main(argc, argv); }
