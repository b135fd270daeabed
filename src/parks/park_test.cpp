#include "parks/park.h"

#include <gtest/gtest.h>

#include "core/catalog.h"
#include "parks/park_import.h"
#include "testing/testing.h"

namespace ballast::parks {
namespace {

constexpr const char* kA = "914101000000000011";

TEST(ParkTest, MembershipCountsEveryMonthItTouches) {
  Membership m{"P1", kA, "2024-03-31", "2025-01-01"};
  EXPECT_FALSE(m.ActiveIn(MakePeriod(2024, 2)));
  EXPECT_TRUE(m.ActiveIn(MakePeriod(2024, 3)));  // joined on the month's last day
  EXPECT_TRUE(m.ActiveIn(MakePeriod(2025, 1)));  // left on its first
  EXPECT_FALSE(m.ActiveIn(MakePeriod(2025, 2)));
  m.to = "";
  EXPECT_TRUE(m.ActiveIn(MakePeriod(2030, 12)));
}

TEST(ParkTest, DatesAreRealDays) {
  EXPECT_TRUE(IsDate("2024-02-29"));
  EXPECT_FALSE(IsDate("2023-02-29"));
  EXPECT_FALSE(IsDate("2024-13-01"));
  EXPECT_FALSE(IsDate("2024-1-01"));
}

TEST(ParkTest, LeadingIndustriesSplitOnEitherSeparator) {
  EXPECT_EQ(SplitIndustries("26; 39"), (std::vector<std::string>{"26", "39"}));
  EXPECT_EQ(SplitIndustries("26；39"), (std::vector<std::string>{"26", "39"}));
  EXPECT_EQ(JoinIndustries({"26", "39"}), "26;39");
}

TEST(ParkImportTest, ReadsParksWithChineseHeaders) {
  ASSERT_OK_AND_ASSIGN(auto cat, Catalog::Embedded());
  const std::string csv =
      "园区代码,园区名称,级别,所在地区,面积（亩）,工业用地占比,主导产业\n"
      "ZZ01,郑州经开区,国家级,410100,60000,0.6,36;39\n";
  ASSERT_OK_AND_ASSIGN(auto v, ParseParks(cat, csv, "parks.csv"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].line, 2);
  EXPECT_EQ(v[0].value.level, Level::kNational);
  EXPECT_DOUBLE_EQ(v[0].value.area_mu, 60000);
  EXPECT_EQ(v[0].value.leading_industries, (std::vector<std::string>{"36", "39"}));
}

TEST(ParkImportTest, ErrorsNameFileLineAndField) {
  ASSERT_OK_AND_ASSIGN(auto cat, Catalog::Embedded());
  const std::string head =
      "code,name,level,region,area_mu,industrial_land_share,leading_industries\n";
  auto err = [&](const std::string& row) {
    auto r = ParseParks(cat, head + "P0,甲,provincial,410100,100,0.5,26\n" + row, "p.csv");
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_EQ(err("P1,乙,city,410100,100,0.5,26\n"),
            "p.csv:3: level: 'city' is not national/provincial (国家级/省级)");
  EXPECT_EQ(err("P1,乙,provincial,999999,100,0.5,26\n"),
            "p.csv:3: region: '999999' is not a GB/T 2260 code");
  EXPECT_EQ(err("P1,乙,provincial,410100,100,60,26\n"),
            "p.csv:3: industrial_land_share: must lie in [0, 1] (60% = 0.6)");
  EXPECT_EQ(err("P1,乙,provincial,410100,100,0.5,26;27;28\n"),
            "p.csv:3: leading_industries: give 1 or 2 GB/T 4754 codes separated by ';'");
  EXPECT_EQ(err("P1,乙,provincial,410100,100,0.5,XX\n"),
            "p.csv:3: leading_industries: 'XX' is not a GB/T 4754 code");
  EXPECT_EQ(err("P0,乙,provincial,410100,100,0.5,26\n"),
            "p.csv:3: code: 'P0' appears twice in the file");
  EXPECT_EQ(err("P1,乙,provincial,410100,-1,0.5,26\n"),
            "p.csv:3: area_mu: '-1' is not a number ≥ 0");
}

TEST(ParkImportTest, MembershipsMustNotOverlap) {
  const std::string csv = std::string("park,uscc,from,to\n") + "P1," + kA +
                          ",2020-01-01,2022-12-31\n" + "P1," + kA + ",2022-06-01,\n";
  auto r = ParseMemberships(csv, "m.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("m.csv:3: from: overlaps the membership of line 2"),
            std::string::npos)
      << r.status().message();
  const std::string ok = std::string("park,uscc,from,to\n") + "P1," + kA +
                         ",2020-01-01,2022-12-31\n" + "P1," + kA + ",2023-01-01,\n";
  ASSERT_OK_AND_ASSIGN(auto v, ParseMemberships(ok, "m.csv"));
  EXPECT_EQ(v.size(), 2u);
  auto bad = ParseMemberships("park,uscc,from\nP1,xyz,2020-01-01\n", "m.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "m.csv:2: uscc: 'xyz' is not a unified social credit code");
}

TEST(ParkImportTest, ResourcesWithOptionalRd) {
  const std::string csv =
      std::string("uscc,year,land_mu,energy_tce,tax,rd_expense\n") + kA + ",2024,12.5,300,80,\n";
  ASSERT_OK_AND_ASSIGN(auto v, ParseResources(csv, "r.csv"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_DOUBLE_EQ(v[0].value.land_mu, 12.5);
  EXPECT_FALSE(v[0].value.rd_expense.has_value());
  auto twice = ParseResources(csv + kA + ",2024,1,1,1,1\n", "r.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(),
            std::string("r.csv:3: year: ") + kA + " 2024 is given twice (line 2)");
  auto nan = ParseResources(
      std::string("uscc,year,land_mu,energy_tce,tax\n") + kA + ",2024,nan,1,1\n", "r.csv");
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.status().message(), "r.csv:2: land_mu: 'nan' is not a number ≥ 0");
}

}  // namespace
}  // namespace ballast::parks
