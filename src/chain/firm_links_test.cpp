#include "chain/firm_links.h"

#include <gtest/gtest.h>

#include "ingest/reader/xlsx_test_util.h"
#include "testing/testing.h"

namespace ballast::chain {
namespace {

TEST(FirmLinksTest, ReadsColumnsInAnyOrderWithOptionalLeadDays) {
  ASSERT_OK_AND_ASSIGN(auto links, ReadFirmLinks("Customer,supplier,value,product,lead_days\n"
                                                 "B,A,12.5,steel,3\n"
                                                 "\"C,1\",B,0,\"gear, small\",\n",
                                                 "links.csv"));
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].supplier, "A");
  EXPECT_EQ(links[0].customer, "B");
  EXPECT_EQ(links[0].product, "steel");
  EXPECT_EQ(links[0].value, 12.5);
  EXPECT_EQ(links[0].lead_days, 3.0);
  EXPECT_EQ(links[0].line, 2);
  EXPECT_EQ(links[1].customer, "C,1");
  EXPECT_EQ(links[1].product, "gear, small");
  EXPECT_EQ(links[1].value, 0.0);
  EXPECT_FALSE(links[1].lead_days.has_value());
}

TEST(FirmLinksTest, HeaderOnlyIsEmpty) {
  ASSERT_OK_AND_ASSIGN(auto links, ReadFirmLinks("supplier,customer,product,value\n", "l.csv"));
  EXPECT_TRUE(links.empty());
}

void ExpectError(const std::string& csv, const std::string& where) {
  auto r = ReadFirmLinks(csv, "links.csv");
  ASSERT_FALSE(r.ok()) << csv;
  EXPECT_TRUE(r.status().IsUserError());
  EXPECT_NE(r.status().message().find(where), std::string::npos) << r.status().message();
}

TEST(FirmLinksTest, BadInputNamesFileLineAndField) {
  const std::string h = "supplier,customer,product,value,lead_days\n";
  ExpectError(h + "A,B,p,1\n,B,p,1\n", "links.csv:3: supplier: empty");
  ExpectError(h + "A,,p,1\n", "links.csv:2: customer: empty");
  ExpectError(h + "A,B,,1\n", "links.csv:2: product: empty");
  ExpectError(h + "A,B,p,abc\n", "links.csv:2: value: 'abc'");
  ExpectError(h + "A,B,p,-1\n", "links.csv:2: value: '-1'");
  ExpectError(h + "A,B,p,nan\n", "links.csv:2: value");
  ExpectError(h + "A,B,p,inf\n", "links.csv:2: value");
  ExpectError(h + "A,B,p,1e999\n", "links.csv:2: value");
  ExpectError(h + "A,B,p,\n", "links.csv:2: value");
  ExpectError(h + "A,A,p,1\n", "links.csv:2: customer: 'A' is also the supplier");
  ExpectError(h + "A,B,p,1,-2\n", "links.csv:2: lead_days");
  ExpectError("supplier,customer,value\nA,B,1\n", "links.csv:1: product: missing column");
  ExpectError("supplier,customer,product,value,colour\n", "links.csv:1: colour: unknown column");
  ExpectError("", "links.csv:1: the file is empty");
  ExpectError(h + "A,\"B,p,1\n", "links.csv");
}

}  // namespace
}  // namespace ballast::chain

namespace ballast::chain {
namespace {

TEST(FirmLinksTest, ReadsXlsxWithSheetRowNumbers) {
  using ingest::InlineRow;
  const std::string book = ingest::MakeWorkbook(
      InlineRow("1", {"supplier", "customer", "product", "value"}) +
      InlineRow("2", {"A", "B", "钢材", "12.5"}) + InlineRow("4", {"B", "C", "发动机", "-1"}));
  auto r = ReadFirmLinks(book, "links.xlsx");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("links.xlsx:4: value: '-1'"), std::string::npos)
      << r.status().message();
  const std::string good =
      ingest::MakeWorkbook(InlineRow("1", {"supplier", "customer", "product", "value"}) +
                           InlineRow("2", {"A", "B", "钢材", "12.5"}));
  ASSERT_OK_AND_ASSIGN(auto links, ReadFirmLinks(good, "links.xlsx"));
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].product, "钢材");
  EXPECT_EQ(links[0].value, 12.5);
}

}  // namespace
}  // namespace ballast::chain
