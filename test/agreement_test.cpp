// The command line and the server are assembled by one composition root (app::Ballast): on the
// same store they give the same answers. Before, the server alone registered the appeal
// resolution rate as the internal metric of seed 004's 问题解决率 target, and `ballast targets`
// showed that target without it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "api/server.h"
#include "app/ballast.h"
#include "app/users.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

std::string Shell(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  EXPECT_EQ(::pclose(p), 0) << cmd;
  return out;
}

// The row of one target in `ballast targets` output: id,clause,status,actual,...
std::vector<std::string> TargetRow(const std::string& csv, const std::string& id) {
  std::stringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(id + ",", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream l(line);
    std::string cell;
    while (std::getline(l, cell, ',')) cells.push_back(cell);
    return cells;
  }
  return {};
}

TEST(AgreementTest, CliAndServerGiveTheSameTargets) {
  TempDir dir;
  const std::string db = dir.File("s.db");
  auto b = std::move(app::Ballast::Create(db)).value();
  ASSERT_EQ(b->workspace().Import(kEnterprisesCsv, "e.csv", "t")->status, ingest::ImportStatus::kImported);
  // One appeal rated solved: the resolution rate is 1/1 = 100 % (meets ≥ 96 %).
  ASSERT_OK(RateOneAppealSolved(b->service()));
  ASSERT_TRUE(b->auth().AddUser({"admin", "admin-password-1", "admin", "100000", "", ""}, "test").ok());

  api::ServeOptions o;
  o.port = 0;
  o.threads = 2;
  api::Server server(*b, o);
  auto port = server.Bind();
  ASSERT_TRUE(port.ok());
  std::thread t([&] { (void)server.Run(); });
  httplib::Client c("127.0.0.1", *port);
  const std::string token = b->auth().Login("admin", "admin-password-1", "test")->token;
  c.set_bearer_token_auth(token.c_str());
  auto res = c.Get("/api/v1/targets/henan2022.1.appeal_resolution_rate");
  server.Stop();
  t.join();
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto served = nlohmann::json::parse(res->body)["target"];

  const std::string csv = Shell(std::string(BALLAST_BINARY) + " targets --db " + db);
  const auto row = TargetRow(csv, "henan2022.1.appeal_resolution_rate");
  ASSERT_GE(row.size(), 4u) << csv;
  EXPECT_EQ(served["actual_source"], "internal");
  EXPECT_DOUBLE_EQ(served["actual"].get<double>(), 100.0);
  EXPECT_EQ(row[2], served["status"].get<std::string>());
  EXPECT_EQ(row[3], "100");
}

}  // namespace
}  // namespace ballast::test
