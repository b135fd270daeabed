// The pool's readers: Chinese headers, errors naming file, line and field.
#include "cultivation/pool_import.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::cultivation {
namespace {

constexpr const char* kA = "914101000000000011";

TEST(PoolImportTest, MembersWithChineseHeadersInAnyOrder) {
  ASSERT_OK_AND_ASSIGN(auto cat, Catalog::Embedded());
  const std::string csv =
      std::string("企业名称,统一社会信用代码,行业代码,所在地区,入库时间,标签\n") + "甲公司," + kA +
      ",3311,410102,2024-03,科技型;外贸\n";
  ASSERT_OK_AND_ASSIGN(auto rows, ParseMembers(cat, csv, "pool.csv"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].value.name, "甲公司");
  EXPECT_EQ(rows[0].value.region, "410102");
  EXPECT_EQ(rows[0].value.joined, "2024-03");
  EXPECT_EQ(rows[0].value.tags, (std::vector<std::string>{"科技型", "外贸"}));
}

TEST(PoolImportTest, MemberErrorsNameFileLineAndField) {
  ASSERT_OK_AND_ASSIGN(auto cat, Catalog::Embedded());
  const std::string head = "uscc,name,region,industry,joined,left\n";
  const std::string ok = std::string(kA) + ",甲,410102,3311,2024-03,\n";
  struct Case {
    std::string row, want;
  };
  for (const Case& c : std::vector<Case>{
           {"91410100000000001,甲,410102,3311,2024-03,\n", "pool.csv:3: uscc:"},
           {"914101000000000022,甲,999999,3311,2024-03,\n", "pool.csv:3: region:"},
           {"914101000000000022,甲,410102,9999,2024-03,\n", "pool.csv:3: industry:"},
           {"914101000000000022,甲,410102,3311,2024-3,\n", "pool.csv:3: joined:"},
           {"914101000000000022,甲,410102,3311,2024-03,2024-01\n", "pool.csv:3: left:"},
           {std::string(kA) + ",甲,410102,3311,2024-03,\n", "pool.csv:3: uscc:"},  // twice
       }) {
    auto r = ParseMembers(cat, head + ok + c.row, "pool.csv");
    ASSERT_FALSE(r.ok()) << c.row;
    EXPECT_EQ(r.status().message().rfind(c.want, 0), 0u) << r.status().message();
  }
  auto missing = ParseMembers(cat, "uscc,name,region,industry\n", "pool.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("pool.csv:1: joined: missing column (入库时间)"),
            std::string::npos);
}

TEST(PoolImportTest, RevenueByMonthOrYear) {
  const std::string csv = std::string("统一社会信用代码,报告期,营业收入（万元）\n") + kA +
                          ",2025-03,120.5\n" + kA + ",2024,1500\n";
  ASSERT_OK_AND_ASSIGN(auto rows, ParseRevenue(csv, "rev.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].value.month, 3);
  EXPECT_DOUBLE_EQ(rows[0].value.revenue, 120.5);
  EXPECT_EQ(rows[1].value.month, 0);
  EXPECT_EQ(rows[1].value.PeriodText(), "2024");
  auto neg = ParseRevenue(std::string("uscc,period,revenue\n") + kA + ",2025-03,-1\n", "rev.csv");
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.status().message().rfind("rev.csv:2: revenue:", 0), 0u);
  auto twice = ParseRevenue(
      std::string("uscc,period,revenue\n") + kA + ",2025-03,1\n" + kA + ",2025-03,2\n", "rev.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message().rfind("rev.csv:3: period:", 0), 0u);
  EXPECT_FALSE(ParseRevenue(std::string("uscc,period,revenue\n") + kA + ",2025-13,1\n", "r").ok());
}

TEST(PoolImportTest, Recognitions) {
  const std::string csv = std::string("uscc,stage,year,rd_share,revenue_growth\n") + kA +
                          ",省级专精特新,2024,3.5,-2\n" + kA + ",little_giant,2025,,\n";
  ASSERT_OK_AND_ASSIGN(auto rows, ParseRecognitions(csv, "st.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].value.stage, Stage::kProvincial);
  EXPECT_DOUBLE_EQ(*rows[0].value.rd_share, 3.5);
  EXPECT_DOUBLE_EQ(*rows[0].value.revenue_growth, -2);
  EXPECT_FALSE(rows[1].value.rd_share.has_value());
  auto bad = ParseRecognitions(std::string("uscc,stage,year\n") + kA + ",gold,2024\n", "st.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("st.csv:2: stage:", 0), 0u);
  auto share = ParseRecognitions(
      std::string("uscc,stage,year,main_product_share\n") + kA + ",champion,2024,120\n", "st.csv");
  ASSERT_FALSE(share.ok());
  EXPECT_EQ(share.status().message().rfind("st.csv:2: main_product_share:", 0), 0u);
}

}  // namespace
}  // namespace ballast::cultivation
