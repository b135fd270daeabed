#include "cli/serve_config.h"

#include <gtest/gtest.h>

#include <set>

#include "testing/testing.h"

namespace ballast::cli {
namespace {

TEST(ServeConfigTest, ReadsEveryKind) {
  ASSERT_OK_AND_ASSIGN(ServeConfig c, ParseServeConfig(R"(# a deployment
db = "/var/lib/ballast/ballast.db"
port = 8081
host = "127.0.0.1"
trusted_proxies = ["127.0.0.1/32", "::1/128"]
max_upload_mb = 64
access_log = false
)",
                                                       "b.toml"));
  EXPECT_EQ(c.db, "/var/lib/ballast/ballast.db");
  EXPECT_EQ(c.port, 8081);
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.trusted_proxies, "127.0.0.1/32,::1/128");
  EXPECT_EQ(c.max_upload_mb, 64);
  EXPECT_EQ(c.access_log, false);
  ASSERT_OK_AND_ASSIGN(auto cached, ParseServeConfig("answer_cache = 0\n", "c.toml"));
  EXPECT_EQ(cached.answer_cache, 0);
  ASSERT_OK_AND_ASSIGN(auto paced, ParseServeConfig("advance_interval_ms = 250\n", "c.toml"));
  EXPECT_EQ(paced.advance_interval_ms, 250);
  EXPECT_FALSE(c.threads.has_value());
}

TEST(ServeConfigTest, ErrorsNameFileLineAndKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"port = 8081\nprot = 1\n", "b.toml:2: prot: unknown key"},
      {"db = 5\n", "b.toml:1: db: expected a string"},
      {"\n\nport = \"8080\"\n", "b.toml:3: port: expected a whole number"},
      {"port = 70000\n", "b.toml:1: port: 70000 is not in [0, 65535]"},
      {"advance_interval_ms = 9000\n", "b.toml:1: advance_interval_ms: 9000 is not in [0, 5000]"},
      {"trusted_proxies = [1]\n", "b.toml:1: trusted_proxies: expected a list of strings"},
      {"access_log = 1\n", "b.toml:1: access_log: expected true or false"},
      {"db = \"x\"\ndb = \"y\"\n", "b.toml:2: "},  // toml++: redefinition
      {"port = \n", "b.toml:1: "},                 // a syntax error
  };
  for (const auto& [text, want] : cases) {
    auto r = ParseServeConfig(text, "b.toml");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message().rfind(want, 0), 0u) << text << " -> " << r.status().message();
  }
}

TEST(ServeConfigTest, FlagsOverrideTheFile) {
  ASSERT_OK_AND_ASSIGN(ServeConfig c,
                       ParseServeConfig("db = \"file.db\"\nport = 9000\nthreads = 8\n"
                                        "audit_key = \"k\"\nmax_upload_mb = 2\n",
                                        "b.toml"));
  std::string db = "flag.db", audit_key;
  api::ServeOptions o;
  o.port = 1234;  // given on the command line
  const std::set<std::string_view> given = {"--db", "--port"};
  ApplyServeConfig(
      c, [&](std::string_view f) { return given.count(f) > 0; }, &db, &audit_key, &o);
  EXPECT_EQ(db, "flag.db");
  EXPECT_EQ(o.port, 1234);
  EXPECT_EQ(o.threads, 8);
  EXPECT_EQ(audit_key, "k");
  EXPECT_EQ(o.max_upload_bytes, size_t{2} << 20);
}

TEST(ServeConfigTest, ShippedDefaultConfigParses) {
  const char* src = std::getenv("BALLAST_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  ASSERT_OK_AND_ASSIGN(ServeConfig c, LoadServeConfig(std::string(src) + "/deploy/ballast.toml"));
  EXPECT_EQ(c.db, "/var/lib/ballast/ballast.db");
  EXPECT_EQ(c.web, "/usr/share/ballast/web");
}

}  // namespace
}  // namespace ballast::cli
