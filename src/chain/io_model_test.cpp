#include "chain/io_model.h"

#include <gtest/gtest.h>

#include "chain/io_table.h"
#include "testing/testing.h"

namespace ballast::chain {
namespace {

// Miller & Blair, Input-Output Analysis (2nd ed.), section 2.3: Z = [[150, 500], [200, 100]],
// f = [350, 1700], x = [1000, 2000].
const char* kToy = "code,1,2,f,GO\n1,150,500,350,1000\n2,200,100,1700,2000\n";

// The same economy in the shipped layout, with import rows, totals and final-use columns that
// must be ignored.
const char* kWithOrigin =
    "\"Code\",\"Description\",\"DescriptionInChinese\",\"Origin\",\"1\",\"2\",\"TIU\",\"EX\","
    "\"GO\"\n"
    "\"1\",\"Agriculture\",\"农业\",\"Domestic\",150,500,650,350,1000\n"
    "\"2\",\"Manufacturing\",\"制造业\",\"Domestic\",200,100,300,1700,2000\n"
    "\"1\",\"Agriculture\",\"农业\",\"Imports\",999,999,,,\n"
    "\"2\",\"Manufacturing\",\"制造业\",\"Imports\",7,7,,,0\n"
    "\"TII\",\"Total intermediate input\",\"中间投入合计\",\"TOT\",1356,1606,,,\n";

void ExpectMillerBlair(const IoTable& t) {
  ASSERT_EQ(t.codes, (std::vector<std::string>{"1", "2"}));
  // A = [[0.15, 0.25], [0.2, 0.05]]; det(I - A) = 0.85 * 0.95 - 0.25 * 0.2 = 0.7575, so
  // L = [[0.95, 0.25], [0.2, 0.85]] / 0.7575 = [[380, 100], [80, 340]] / 303.
  ASSERT_OK_AND_ASSIGN(IoMatrix l, Inverse(t, InverseKind::kLeontief));
  EXPECT_NEAR(l.at(0, 0), 380.0 / 303, 1e-12);
  EXPECT_NEAR(l.at(0, 1), 100.0 / 303, 1e-12);
  EXPECT_NEAR(l.at(1, 0), 80.0 / 303, 1e-12);
  EXPECT_NEAR(l.at(1, 1), 340.0 / 303, 1e-12);
  // As the book prints them, to 1e-3.
  EXPECT_NEAR(l.at(0, 0), 1.254, 5e-4);
  EXPECT_NEAR(l.at(0, 1), 0.330, 5e-4);
  EXPECT_NEAR(l.at(1, 0), 0.264, 5e-4);
  EXPECT_NEAR(l.at(1, 1), 1.122, 5e-4);
  // B = [[0.15, 0.5], [0.1, 0.05]]; det(I - B) = 0.85 * 0.95 - 0.5 * 0.1 = 0.7575, so
  // G = [[0.95, 0.5], [0.1, 0.85]] / 0.7575 = [[380, 200], [40, 340]] / 303.
  ASSERT_OK_AND_ASSIGN(IoMatrix g, Inverse(t, InverseKind::kGhosh));
  EXPECT_NEAR(g.at(0, 0), 380.0 / 303, 1e-12);
  EXPECT_NEAR(g.at(0, 1), 200.0 / 303, 1e-12);
  EXPECT_NEAR(g.at(1, 0), 40.0 / 303, 1e-12);
  EXPECT_NEAR(g.at(1, 1), 340.0 / 303, 1e-12);

  ASSERT_OK_AND_ASSIGN(auto s, KeySectors(t));
  ASSERT_EQ(s.size(), 2u);
  // sum L = 900/303, column sums 460/303 and 440/303: backward = 2*460/900, 2*440/900.
  EXPECT_NEAR(s[0].backward, 920.0 / 900, 1e-12);
  EXPECT_NEAR(s[1].backward, 880.0 / 900, 1e-12);
  // sum G = 960/303, row sums 580/303 and 380/303: forward = 2*580/960, 2*380/960.
  EXPECT_NEAR(s[0].forward, 1160.0 / 960, 1e-12);
  EXPECT_NEAR(s[1].forward, 760.0 / 960, 1e-12);
  EXPECT_TRUE(s[0].key);
  EXPECT_FALSE(s[1].key);
  // f = x - Z 1 = [350, 1700]. Extracting 1 leaves x2' = 1700 / (1 - 0.05) = 34000/19, a loss of
  // (2000 - 34000/19) / 3000 * 100 = 400/57 %. Extracting 2 leaves x1' = 350 / 0.85 = 7000/17,
  // a loss of (1000 - 7000/17) / 3000 * 100 = 1000/51 %.
  EXPECT_NEAR(s[0].extraction_loss_pct, 400.0 / 57, 1e-10);
  EXPECT_NEAR(s[1].extraction_loss_pct, 1000.0 / 51, 1e-10);
}

TEST(IoModelTest, MillerBlairToyFormat) {
  ASSERT_OK_AND_ASSIGN(IoTable t, ReadIoTable(kToy, "toy.csv"));
  EXPECT_EQ(t.x, (std::vector<double>{1000, 2000}));
  ExpectMillerBlair(t);
}

TEST(IoModelTest, MillerBlairShippedLayoutUsesDomesticRowsOnly) {
  ASSERT_OK_AND_ASSIGN(IoTable t, ReadIoTable(kWithOrigin, "io.csv"));
  EXPECT_EQ(t.names, (std::vector<std::string>{"农业", "制造业"}));
  ExpectMillerBlair(t);
}

TEST(IoModelTest, ThreeSectorExtractionByHand) {
  // A diagonal economy (no flows between sectors 2 and 3) with Z = [[0, 10, 0], [0, 0, 0],
  // [0, 0, 0]], x = [100, 50, 50]: f = [90, 50, 50]. Extracting 2 cuts sector 1's sales to it
  // (10), so x1' = 90 and the loss is 10 / 200 * 100 = 5 %; extracting 1 or 3 changes nothing
  // elsewhere (0 %).
  ASSERT_OK_AND_ASSIGN(IoTable t,
                       ReadIoTable("code,a,b,c,GO\na,0,10,0,100\nb,0,0,0,50\nc,,,,50\n", "t.csv"));
  ASSERT_OK_AND_ASSIGN(auto s, KeySectors(t));
  EXPECT_NEAR(s[0].extraction_loss_pct, 0, 1e-12);
  EXPECT_NEAR(s[1].extraction_loss_pct, 5, 1e-12);
  EXPECT_NEAR(s[2].extraction_loss_pct, 0, 1e-12);
}

TEST(IoModelTest, BadTablesNameFileLineAndColumn) {
  auto r = ReadIoTable("code,1,2,GO\n1,150,x,1000\n2,200,100,2000\n", "io.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("io.csv:2: 2: 'x' is not a number"), std::string::npos)
      << r.status().message();
  r = ReadIoTable("code,1,2\n1,1,2\n2,3,4\n", "io.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("GO: missing column"), std::string::npos);
  r = ReadIoTable("code,1,2,GO\n1,1,2,-5\n2,3,4,10\n", "io.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("io.csv:2: GO"), std::string::npos);
  r = ReadIoTable("code,x,y,GO\n1,1,2,5\n", "io.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no sector columns"), std::string::npos);
  // I - A singular: sector 1 uses exactly its own output.
  ASSERT_OK_AND_ASSIGN(IoTable t, ReadIoTable("code,1,GO\n1,10,10\n", "io.csv"));
  EXPECT_FALSE(Inverse(t, InverseKind::kLeontief).ok());
  EXPECT_FALSE(KeySectors(t).ok());
}

}  // namespace
}  // namespace ballast::chain
