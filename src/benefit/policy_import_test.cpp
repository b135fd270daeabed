// Reading a policy library: headers in either language, errors with file, line and field.
#include "benefit/policy_import.h"

#include <gtest/gtest.h>

#include "testing/testing.h"

namespace ballast::benefit {
namespace {

const Catalog& Cat() {
  static const Catalog c = std::move(Catalog::Embedded()).value();
  return c;
}

TEST(PolicyImport, ChineseHeadersAnyOrder) {
  const std::string csv =
      "申报条件,政策编号,政策名称,生效日期,截止日期\n"
      "\"region = 410000; tag = 专精特新\",P1,专精特新研发后补助,2022-01-01,2022-12-31\n"
      ",P2,普惠政策,,\n";
  ASSERT_OK_AND_ASSIGN(auto ps, ParsePolicies(csv, "p.csv", Cat(), {}));
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].id, "P1");
  EXPECT_EQ(ps[0].valid_to, "2022-12-31");
  ASSERT_EQ(ps[0].conditions.size(), 2u);
  EXPECT_EQ(ps[0].conditions[1].field, Field::kTag);
  EXPECT_TRUE(ps[1].conditions.empty());
}

TEST(PolicyImport, ErrorsNameFileLineField) {
  auto err = [](const std::string& csv) {
    auto r = ParsePolicies(csv, "p.csv", Cat(), {});
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(err("id,title,conditions\nP1,t,\nP1,u,\n"),
            "p.csv:3: id: 'P1' appears twice in the file");
  EXPECT_EQ(err("id,title,conditions,valid_from\nP1,t,,2022-02-30\n"),
            "p.csv:2: valid_from: '2022-02-30' is not a date YYYY-MM-DD");
  EXPECT_EQ(err("id,title,conditions\nP1,t,size = huge\n"),
            "p.csv:2: conditions: condition 1 'size = huge': size 'huge' is not large, medium, "
            "small or micro");
  EXPECT_EQ(err("id,title\nP1,t\n"), "p.csv:1: conditions: missing column (申报条件)");
  EXPECT_EQ(err("id,title,conditions,colour\n"), "p.csv:1: colour: unknown column");
  EXPECT_EQ(err("id,title,conditions\n,t,\n"), "p.csv:2: id: required");
  EXPECT_EQ(err("id,title,conditions,valid_from,valid_to\nP,t,,2022-02-01,2022-01-01\n"),
            "p.csv:2: valid_to: 2022-01-01 is before valid_from 2022-02-01");
}

}  // namespace
}  // namespace ballast::benefit
