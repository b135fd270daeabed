// A kill in the middle of an import leaves the store consistent: the batch is there whole or
// not at all, and the next import works.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/workspace.h"
#include "gen/generator.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

// Starts `ballast import` and kills it with SIGKILL after `delay`; returns whether it had ended.
bool ImportAndKill(const std::string& db, const std::string& file, std::chrono::milliseconds delay) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(BALLAST_BINARY, BALLAST_BINARY, "import", "--db", db.c_str(), file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  int status = 0;
  bool ended = waitpid(pid, &status, WNOHANG) == pid;
  if (!ended) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  return ended;
}

TEST(FaultTest, KillDuringImportLeavesStoreConsistent) {
  TempDir dir;
  const std::string db = dir.File("s.db");
  {
    auto ws = app::Workspace::Create(db);
    ASSERT_TRUE(ws.ok());
    gen::Options o;
    o.enterprises = 3000;
    o.first = MakePeriod(2024, 1);
    o.months = 14;
    auto summary = gen::WriteCsv((*ws)->catalog(), o, dir.File("csv"));
    ASSERT_TRUE(summary.ok());
    // One big file: every month's observations after one header.
    std::ofstream big(dir.File("all.csv"), std::ios::binary);
    for (size_t i = 0; i < summary->files.size(); ++i) {
      std::ifstream in(summary->files[i], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      if (i == 0) {
        ASSERT_EQ((*ws)->Import(text, "enterprises.csv", "t")->status, ingest::ImportStatus::kImported);
        continue;
      }
      big << (i == 1 ? text : text.substr(text.find('\n') + 1));
    }
  }
  // A crash inside the write transaction itself, after some chunks were written.
  for (const char* after : {"1", "7"}) {
    setenv("BALLAST_FAILPOINT_CRASH_AFTER_CHUNKS", after, 1);
    std::string cmd = std::string(BALLAST_BINARY) + " import --db " + db + " " + dir.File("all.csv") + " >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    unsetenv("BALLAST_FAILPOINT_CRASH_AFTER_CHUNKS");
    auto ws = app::Workspace::Open(db);
    ASSERT_TRUE(ws.ok());
    EXPECT_TRUE((*ws)->CheckIntegrity().ok());
    ASSERT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 86) << "the failpoint did not fire";
    EXPECT_EQ((*ws)->Batches()->size(), 1u);  // nothing of the crashed batch landed
  }
  int killed = 0;
  for (int delay_ms : {30, 120, 300, 700, 1500, 3000}) {
    killed += !ImportAndKill(db, dir.File("all.csv"), std::chrono::milliseconds(delay_ms));
    auto ws = app::Workspace::Open(db);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    Status st = (*ws)->CheckIntegrity();
    ASSERT_TRUE(st.ok()) << "after " << delay_ms << " ms: " << st.ToString();
    auto batches = (*ws)->Batches();
    ASSERT_LE(batches->size(), 2u);
  }
  EXPECT_GT(killed, 0);  // at least one kill landed mid-import
  std::ifstream in(dir.File("all.csv"), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto ws = app::Workspace::Open(db);
  auto outcome = (*ws)->Import(ss.str(), "all.csv", "t");
  ASSERT_TRUE(outcome.ok());
  EXPECT_NE(outcome->status, ingest::ImportStatus::kRejected);
  EXPECT_EQ((*ws)->Batches()->size(), 2u);
  EXPECT_TRUE((*ws)->CheckIntegrity().ok());
}

}  // namespace
}  // namespace ballast::test
