#include "store/locator.h"

#include <gtest/gtest.h>

#include "store/open.h"

namespace ballast {
namespace {

TEST(LocatorTest, PostgresUrisAreRecognised) {
  EXPECT_TRUE(IsPostgresLocator("postgresql://u:p@h:5432/db"));
  EXPECT_TRUE(IsPostgresLocator("postgres://h/db"));
  EXPECT_FALSE(IsPostgresLocator("/var/lib/ballast/s.db"));
  EXPECT_FALSE(IsPostgresLocator("postgresql.db"));
}

TEST(LocatorTest, PasswordsAreNeverShown) {
  EXPECT_EQ(RedactLocator("postgresql://ballast:s3cr%40t@10.0.0.5:5432/ballast"),
            "postgresql://ballast:***@10.0.0.5:5432/ballast");
  EXPECT_EQ(RedactLocator("postgres://u:p@h/db?sslmode=require&password=x&application_name=a"),
            "postgres://u:***@h/db?sslmode=require&password=***&application_name=a");
  EXPECT_EQ(RedactLocator("postgresql://u@h:1/db"), "postgresql://u@h:1/db");
  EXPECT_EQ(RedactLocator("postgresql://h/db?password=x"), "postgresql://h/db?password=***");
  EXPECT_EQ(RedactLocator("/tmp/a:b@c.db"), "/tmp/a:b@c.db");  // a path is not a URI
}

TEST(LocatorTest, FileStemNamesDatabaseAndServerWithoutCredentials) {
  EXPECT_EQ(LocatorFileStem("/tmp/s.db"), "/tmp/s.db");
  EXPECT_EQ(LocatorFileStem("postgresql://u:p@10.0.0.5:5432/ballast?sslmode=require"),
            "ballast@10.0.0.5-5432");
  EXPECT_EQ(LocatorFileStem("postgresql://h/"), "postgres@h");
}

// A server that cannot be reached: the error names the store without its password.
TEST(LocatorTest, ConnectionErrorsDoNotShowThePassword) {
  auto r = OpenStore("postgresql://ballast:topsecret@127.0.0.1:1/ballast?connect_timeout=2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().find("topsecret"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("postgresql://ballast:***@127.0.0.1:1/ballast"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace ballast
