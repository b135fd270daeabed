// The CLI contract, run as a user would: the real binary, its stdout, stderr and exit codes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "app/ballast.h"
#include "auth/auth_service.h"
#include "ingest/reader/zip_archive.h"
#include "core/catalog.h"
#include "store/store.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

// Escapes a command for the inside of bash -c "...".
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  return out;
}

std::string Shortest(double x) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, p);
}

struct CliRun {
  int code;
  std::string out, err;
};

class CliTest : public ::testing::Test {
 protected:
  CliRun Ballast(const std::string& args) {
    std::string err_file = dir_.File("stderr.txt");
    std::string cmd = "bash -c \"" + std::string(BALLAST_BINARY) + " " + Escape(args) + " 2>" + err_file + "\"";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = ::pclose(p);
    std::ifstream in(err_file);
    std::stringstream err;
    err << in.rdbuf();
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
  }
  std::string Db() { return dir_.File("s.db"); }
  void Load() {
    dir_.Write("e.csv", kEnterprisesCsv);
    dir_.Write("o.csv", kObservationsCsv);
    ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
    ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("e.csv")).code, 0);
    ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("o.csv")).code, 0);
  }
  TempDir dir_;
};

TEST_F(CliTest, InitImportQueryCsv) {
  Load();
  auto r = Ballast("query --db " + Db() + " --indicator output_value --measure yoy --period 2025-03 --region 410000");
  ASSERT_EQ(r.code, 0) << r.err;
  // Hand calculation in test_util.cpp: 230 / 220 - 1.
  EXPECT_EQ(r.out, "region,industry,period,indicator,measure,value,n\n410000,BCD,2025-03,output_value,yoy," +
                       Shortest((230.0 / 220.0 - 1) * 100) + ",3\n");
}

TEST_F(CliTest, ContributionsIndustryFiltersAndFormats) {
  Load();
  auto pp = Ballast("query --db " + Db() +
                    " --indicator output_value --measure contrib_pp --period 2025-03 --region 419001 --of region --format json");
  ASSERT_EQ(pp.code, 0) << pp.err;
  EXPECT_NE(pp.out.find("\"region\":\"419001\""), std::string::npos);
  EXPECT_NE(pp.out.find("\"value\":" + Shortest((30.0 - 20.0) / 220.0 * 100)), std::string::npos) << pp.out;
  auto d33 = Ballast("query --db " + Db() + " --indicator output_value --measure yoy --period 2025-03 --industry 33");
  EXPECT_NE(d33.out.find(",yoy,25,2\n"), std::string::npos) << d33.out;
  auto table = Ballast("query --db " + Db() + " --indicator output_value --measure value --period 2025-03 --format table");
  EXPECT_NE(table.out.find("230"), std::string::npos);
  EXPECT_NE(table.out.find("全国"), std::string::npos);
  // Undefined: the root has no parent share → empty value field.
  auto share = Ballast("query --db " + Db() + " --indicator output_value --measure share --period 2025-03");
  EXPECT_NE(share.out.find(",share,,3\n"), std::string::npos) << share.out;
}

// The monthly bulletin (issue #12 item 7): the three files by default, one by --format, exit 2
// for bad input.
TEST_F(CliTest, BulletinWritesItsFiles) {
  Load();
  const std::string out = dir_.File("bulletins");
  auto all = Ballast("bulletin --db " + Db() + " --period 2025-03 --out " + out);
  ASSERT_EQ(all.code, 0) << all.err;
  for (const char* ext : {"docx", "pdf", "xlsx"}) {
    const std::string file = out + "/bulletin-410000-2025-03." + ext;
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_NE(all.out.find(file), std::string::npos) << all.out;
  }
  auto one = Ballast("bulletin --db " + Db() + " --period 2025-03 --region 410100 --format pdf --out " + out);
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/bulletin-410100-2025-03.pdf"));
  EXPECT_FALSE(std::filesystem::exists(out + "/bulletin-410100-2025-03.docx"));
  EXPECT_EQ(Ballast("bulletin --db " + Db() + " --period 2025-03 --format doc --out " + out).code, 2);
  EXPECT_EQ(Ballast("bulletin --db " + Db() + " --period 2025-01 --out " + out).code, 2);
  EXPECT_EQ(Ballast("bulletin --db " + Db() + " --period 2025-03 --region 999999 --out " + out).code, 2);
}

// The monthly service report (issue 14 item 7): three appeals of 甲 and 乙 filed in September
// 2024 (Beijing), one of them solved and satisfied, one not solved; the three files, and the
// figures in the DOCX's text.
TEST_F(CliTest, ServiceReportWritesItsFilesWithTheFigures) {
  Load();
  {
    auto b = app::Ballast::Open(Db());
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    app::Service& s = (*b)->service();
    const app::Caller disp{"disp", auth::Role::kDispatcher, "", "", "410000"};
    const app::Caller fin{"fin", auth::Role::kHandler, "", "省地方金融监管局", "410000"};
    auto replied = [&](const char* uscc, bool solved, const char* satisfaction) {
      const app::Caller ent{"e", auth::Role::kEnterprise, uscc, "", ""};
      app::NewAppeal n;
      n.category = "financing";
      n.title = "续贷";
      n.description = "流动资金贷款到期续贷困难";
      auto a = s.FileAppeal(ent, n, "2024-09-26T02:00:00Z").value().appeal;
      auto at = [&a](const char* now) { return app::StepArgs{a.id, a.version, "", now}; };
      a = s.Accept(disp, at("2024-09-27T01:00:00Z")).value();
      a = s.Dispatch(disp, at("2024-09-27T02:00:00Z"), {}).value();
      a = s.StartWork(fin, at("2024-09-29T01:00:00Z")).value();
      a = s.Reply(fin, at("2024-10-08T02:00:00Z"), "已办理").value();
      if (satisfaction[0] != '\0')
        a = s.Rate(ent, at("2024-10-09T01:00:00Z"), solved, satisfaction).value();
    };
    replied("91310110666007217T", true, "satisfied");
    replied("91310115591693856A", false, "dissatisfied");
    replied("91310115591693856A", false, "");  // replied, not rated yet
  }
  const std::string out = dir_.File("reports");
  auto all =
      Ballast("service report --db " + Db() + " --month 2024-09 --today 2024-10-14 --out " + out);
  ASSERT_EQ(all.code, 0) << all.err;
  for (const char* ext : {"docx", "pdf", "xlsx"}) {
    const std::string file = out + "/service-report-100000-2024-09." + ext;
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_NE(all.out.find(file), std::string::npos) << all.out;
  }
  std::ifstream in(out + "/service-report-100000-2024-09.docx", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string docx = bytes.str();
  auto zip = ingest::ZipArchive::Open(docx);
  ASSERT_TRUE(zip.ok());
  auto xml = (*zip)->Read("word/document.xml");
  ASSERT_TRUE(xml.ok());
  // Three received, accepted and open (none closed); rated 2, solved 1: 50.0 %.
  EXPECT_NE(xml->find("2024年9月全国企业服务（万人助万企）工作月报"), std::string::npos);
  EXPECT_NE(xml->find("共收到企业诉求3件，受理3件，办结0件，尚未办结3件（其中超期0件）"),
            std::string::npos);
  EXPECT_NE(xml->find("问题解决率50.0%（最近一次评价为“已解决”1件 / 已评价2件"), std::string::npos);
  EXPECT_NE(xml->find("满意率50.0%（满意和基本满意1件 / 已评价2件）"), std::string::npos);
  // Bad input: exit 2, nothing written.
  EXPECT_EQ(Ballast("service report --db " + Db() + " --month 2024-9 --out " + out).code, 2);
  EXPECT_EQ(
      Ballast("service report --db " + Db() + " --month 2024-09 --format doc --out " + out).code,
      2);
  EXPECT_EQ(
      Ballast("service report --db " + Db() + " --month 2024-09 --region 999999 --out " + out).code,
      2);
  auto one = Ballast("service report --db " + Db() +
                     " --month 2024-09 --region 410100 --format xlsx --out " + out);
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/service-report-410100-2024-09.xlsx"));
  EXPECT_FALSE(std::filesystem::exists(out + "/service-report-410100-2024-09.docx"));
}

TEST_F(CliTest, VintagesAndIdempotentImport) {
  Load();
  dir_.Write("rev.csv", kRevisionCsv);
  auto again = Ballast("import --db " + Db() + " " + dir_.File("o.csv"));
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.out.find("unchanged"), std::string::npos);
  ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("rev.csv")).code, 0);
  auto now = Ballast("query --db " + Db() + " --indicator output_value --measure value --period 2025-03");
  EXPECT_NE(now.out.find(",value,240,3"), std::string::npos) << now.out;
  // Batch 2 is the original observations file: 120 + 80 + 30.
  auto then = Ballast("query --db " + Db() + " --indicator output_value --measure value --period 2025-03 --as-of 2");
  EXPECT_NE(then.out.find(",value,230,3"), std::string::npos) << then.out;
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator output_value --measure value --period 2025-03 --as-of 99").code, 2);
}

TEST_F(CliTest, XlsxImport) {
  ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
  std::ofstream(dir_.File("e.xlsx"), std::ios::binary) << MakeXlsx(SplitCsv(kEnterprisesCsv));
  std::ofstream(dir_.File("o.xlsx"), std::ios::binary) << MakeXlsx(SplitCsv(kObservationsCsv));
  auto e = Ballast("import --db " + Db() + " " + dir_.File("e.xlsx"));
  ASSERT_EQ(e.code, 0) << e.err;
  EXPECT_NE(e.out.find("xlsx"), std::string::npos);
  ASSERT_EQ(Ballast("import --db " + Db() + " " + dir_.File("o.xlsx")).code, 0);
  auto r = Ballast("query --db " + Db() + " --indicator output_value --measure value --period 2025-03 --region 410100");
  EXPECT_NE(r.out.find(",value,200,2"), std::string::npos) << r.out;
}

TEST_F(CliTest, RejectedBatchExitsTwoAndNamesFileLineColumn) {
  Load();
  dir_.Write("bad.csv",
             "uscc,period,indicator,value\n"
             "91310110666007217T,2025-04,output_value,abc\n"
             "91310110666007217T,2099-01,output_value,1\n");
  auto r = Ballast("import --db " + Db() + " " + dir_.File("bad.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.csv:2:value: error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.csv:3:period: error"), std::string::npos) << r.err;
  auto batches = Ballast("batches --db " + Db());
  EXPECT_EQ(batches.out.find("bad.csv"), std::string::npos);
}

TEST_F(CliTest, ImportOfADirectoryIsACleanError) {
  ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
  std::filesystem::create_directories(dir_.File("folder"));
  auto r = Ballast("import --db " + Db() + " " + dir_.File("folder"));
  EXPECT_EQ(r.code, 2);  // was std::bad_alloc
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("bad_alloc"), std::string::npos) << r.err;
  EXPECT_EQ(Ballast("import --db " + Db() + " " + dir_.File("missing.csv")).code, 2);
}

TEST_F(CliTest, UsersAndAuditLog) {
  auto init = Ballast("init --db " + Db());
  ASSERT_EQ(init.code, 0);
  EXPECT_NE(init.out.find("first administrator: user 'admin', password '"), std::string::npos) << init.out;
  auto add = Ballast("user add zz --db " + Db() + " --role analyst --region 410100");
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_NE(add.out.find("password: "), std::string::npos);  // generated, shown once
  EXPECT_EQ(Ballast("user add zz --db " + Db() + " --role analyst").code, 2);        // exists
  EXPECT_EQ(Ballast("user add yy --db " + Db() + " --role emperor").code, 2);         // no such role
  EXPECT_EQ(Ballast("user add yy --db " + Db() + " --role analyst --region 1").code, 2);
  auto set = Ballast("user passwd zz --db " + Db() + " --password-stdin <<< 'a-long-password-1'");
  EXPECT_EQ(set.code, 0) << set.err;
  EXPECT_EQ(Ballast("user disable zz --db " + Db()).code, 0);
  auto list = Ballast("user list --db " + Db());
  EXPECT_NE(list.out.find("zz,analyst,410100,,,yes,"), std::string::npos) << list.out;
  EXPECT_EQ(Ballast("user disable nobody --db " + Db()).code, 2);
  auto verify = Ballast("audit verify --db " + Db());
  EXPECT_EQ(verify.code, 0) << verify.err;
  EXPECT_NE(verify.out.find("intact"), std::string::npos);
  // Tamper with an entry behind the store's back: verify must notice.
  std::string sql = "sqlite3 " + Db() +
                    " \"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE id = 2;\"";
  ASSERT_EQ(std::system(sql.c_str()), 0);
  auto broken = Ballast("audit verify --db " + Db());
  EXPECT_EQ(broken.code, 1);
  EXPECT_NE(broken.err.find("entry 2 was altered"), std::string::npos) << broken.err;
}

TEST_F(CliTest, AuditKeyFileTruncationAndWrongKey) {
  ASSERT_EQ(Ballast("init --db " + Db()).code, 0);
  const std::string key = Db() + ".audit-key";
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0) << "init writes the key beside the store";
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(Ballast("user add zz --db " + Db() + " --role analyst --region 410100").code, 0);
  ASSERT_EQ(Ballast("user disable zz --db " + Db()).code, 0);
  auto ok = Ballast("audit verify --db " + Db());
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("head record"), std::string::npos) << ok.out;
  // The key elsewhere: --audit-key names it, and the store does not open without it.
  ASSERT_EQ(std::rename(key.c_str(), dir_.File("k").c_str()), 0);
  auto missing = Ballast("audit verify --db " + Db());
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--audit-key"), std::string::npos) << missing.err;
  EXPECT_EQ(Ballast("audit verify --db " + Db() + " --audit-key " + dir_.File("k")).code, 0);
  // A wrong key fails verification.
  ASSERT_EQ(Ballast("init --db " + dir_.File("other.db")).code, 0);
  auto wrong = Ballast("audit verify --db " + Db() + " --audit-key " + dir_.File("other.db.audit-key"));
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.err.find("does not match the audit key"), std::string::npos) << wrong.err;
  // Removing the newest entries leaves a valid chain, but not the head record's count.
  std::string sql = "sqlite3 " + Db() + " \"DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= 2;\"";
  ASSERT_EQ(std::system(sql.c_str()), 0);
  auto cut = Ballast("audit verify --db " + Db() + " --audit-key " + dir_.File("k"));
  EXPECT_EQ(cut.code, 1);
  EXPECT_NE(cut.err.find("entries were removed"), std::string::npos) << cut.err;
}

TEST_F(CliTest, AStoreMadeBeforeAuditKeysGetsOneAndStillVerifies) {
  {
    // Entries with the unkeyed hash, no head record and no key file: a store of the previous version.
    auto catalog = std::move(Catalog::Embedded()).value();
    Store::CatalogTexts texts{std::string(Catalog::EmbeddedRegionsCsv()), std::string(Catalog::EmbeddedIndustriesCsv()),
                              std::string(Catalog::EmbeddedIndicatorsCsv())};
    auto store = std::move(CreateSqliteStore(Db(), texts)).value();
    std::mutex mu;
    auth::AuthService legacy(*store, mu, catalog);
    ASSERT_TRUE(legacy.AddUser({"admin", "a-long-password-1", "admin", "100000", "", ""}, "test").ok());
    ASSERT_TRUE(legacy.Audit({"admin", "admin", "", "import", "e.csv", "success", ""}).ok());
  }
  const std::string key = Db() + ".audit-key";
  ASSERT_FALSE(std::filesystem::exists(key));
  auto first = Ballast("audit verify --db " + Db());
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("2 entries"), std::string::npos) << first.out;
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0) << "the first open makes the key";
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(Ballast("user add zz --db " + Db() + " --role analyst --region 410100").code, 0);
  auto again = Ballast("audit verify --db " + Db());
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("3 entries"), std::string::npos) << again.out;
}

TEST_F(CliTest, AFileThatIsNotAStoreIsRefused) {
  dir_.Write("empty.db", "");
  auto r = Ballast("batches --db " + dir_.File("empty.db"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("not a Ballast store"), std::string::npos) << r.err;
  std::ifstream in(dir_.File("empty.db"), std::ios::binary | std::ios::ate);
  EXPECT_EQ(static_cast<long>(in.tellg()), 0L);  // still empty
  dir_.Write("notes.txt", "not a database\n");
  EXPECT_EQ(Ballast("init --db " + dir_.File("notes.txt")).code, 2);
  EXPECT_EQ(Ballast("batches --db " + dir_.File("notes.txt")).code, 2);
}

TEST_F(CliTest, BadArgumentsExitTwo) {
  Load();
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator output_value --measure yoy").code, 2);  // no period
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator nope --measure yoy --period 2025-03").code, 2);
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator output_value --measure fast --period 2025-03").code, 2);
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator output_value --measure yoy --period 2025-3").code, 2);
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator output_value --measure yoy --period 2025-03 --region 41").code, 2);
  EXPECT_EQ(Ballast("query --db " + Db() + " --indicator output_value --measure yoy --period 2025-03 --format xml").code, 2);
  EXPECT_EQ(Ballast("query --db " + dir_.File("none.db") + " --indicator output_value --measure yoy --period 2025-03").code, 2);
  EXPECT_EQ(Ballast("init --db " + Db()).code, 2);  // already a store
  EXPECT_EQ(Ballast("frobnicate").code, 2);
  auto r = Ballast("query --db " + Db() + " --indicator nope --measure yoy --period 2025-03");
  EXPECT_NE(r.err.find("unknown indicator"), std::string::npos);
  // An unreadable --trusted-proxy stops serve before it listens.
  auto proxy = Ballast("serve --db " + Db() + " --port 0 --trusted-proxy 10.0.0.0/33");
  EXPECT_EQ(proxy.code, 2) << proxy.err;
  EXPECT_NE(proxy.err.find("10.0.0.0/33"), std::string::npos) << proxy.err;
}

TEST_F(CliTest, ServeConfigFile) {
  Load();
  // A wrong key: serve stops before it listens, naming the file, the line and the key.
  const std::string bad = dir_.File("bad.toml");
  dir_.Write("bad.toml", "db = \"" + Db() + "\"\nprot = 1\n");
  auto r = Ballast("serve --config " + bad);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find(bad + ":2: prot: unknown key"), std::string::npos) << r.err;
  // The file's proxy list is read (an unreadable one stops serve) unless the flag overrides it.
  const std::string proxies = dir_.File("proxies.toml");
  dir_.Write("proxies.toml", "db = \"" + Db() + "\"\nport = 0\ntrusted_proxies = [\"10.0.0.0/33\"]\n");
  auto from_file = Ballast("serve --config " + proxies);
  EXPECT_EQ(from_file.code, 2) << from_file.err;
  EXPECT_NE(from_file.err.find("10.0.0.0/33"), std::string::npos) << from_file.err;
  auto overridden = Ballast("serve --config " + proxies + " --trusted-proxy 10.0.0.0/34");
  EXPECT_NE(overridden.err.find("10.0.0.0/34"), std::string::npos) << overridden.err;
  // Neither --db nor db in a file.
  EXPECT_EQ(Ballast("serve --config " + dir_.File("missing.toml")).code, 2);
  const std::string empty = dir_.File("empty.toml");
  dir_.Write("empty.toml", "# nothing\n");
  auto no_db = Ballast("serve --config " + empty);
  EXPECT_EQ(no_db.code, 2);
  EXPECT_NE(no_db.err.find("--db"), std::string::npos) << no_db.err;
}

}  // namespace
}  // namespace ballast::test
