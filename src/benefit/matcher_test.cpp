// The matcher on hand-made enterprises: each condition kind, the subtree (prefix) semantics of
// codes and groups, 待核实 for a missing figure, and validity dates at the boundary.
#include "benefit/matcher.h"

#include <gtest/gtest.h>

#include "benefit/conditions.h"
#include "core/clock.h"
#include "testing/testing.h"

namespace ballast::benefit {
namespace {

const Catalog& Cat() {
  static const Catalog c = std::move(Catalog::Embedded()).value();
  return c;
}

// A stand-in for @hightech: two classes of pharmaceuticals.
Matcher MakeMatcher() { return Matcher(Cat(), {{"@hightech", {"2710", "2720"}}}); }

Policy With(const std::string& conditions) {
  Policy p;
  p.id = "T";
  p.title = "t";
  auto c = ParseConditions(conditions, Cat(), {"@hightech"});
  EXPECT_TRUE(c.ok()) << c.status().message();
  if (c.ok()) p.conditions = *c;
  return p;
}

EnterpriseFacts Firm() {
  EnterpriseFacts e;
  e.uscc = "91410100MA0000001X";
  e.region = "410102";  // 郑州市中原区
  e.industry = "3411";  // 锅炉及辅助设备制造, under 34 通用设备制造业 and C
  e.size = "small";
  e.tags = {"专精特新"};
  e.revenue = 2500;  // 万元
  e.growth = 12.5;   // %
  return e;          // no R&D figure
}

Verdict V(const std::string& conditions, const EnterpriseFacts& e = Firm()) {
  return MakeMatcher().Match(With(conditions), e).verdict;
}

TEST(Matcher, RegionCoversItsCounties) {
  EXPECT_EQ(V("region = 410100"), Verdict::kMatched);  // the city covers 410102
  EXPECT_EQ(V("region = 410000"), Verdict::kMatched);  // so does the province
  EXPECT_EQ(V("region = 410102"), Verdict::kMatched);
  EXPECT_EQ(V("region = 410300"), Verdict::kNotMatched);       // 洛阳
  EXPECT_EQ(V("region = 410300, 410100"), Verdict::kMatched);  // any alternative
}

TEST(Matcher, IndustryPrefixAndGroups) {
  EXPECT_EQ(V("industry = 34"), Verdict::kMatched);
  EXPECT_EQ(V("industry = 341"), Verdict::kMatched);
  EXPECT_EQ(V("industry = C"), Verdict::kMatched);  // the section covers its divisions
  EXPECT_EQ(V("industry = 35"), Verdict::kNotMatched);
  EXPECT_EQ(V("industry = @hightech"), Verdict::kNotMatched);
  EnterpriseFacts pharma = Firm();
  pharma.industry = "2720";
  EXPECT_EQ(V("industry = @hightech", pharma), Verdict::kMatched);
  pharma.industry = "2730";  // not a member of the stand-in group
  EXPECT_EQ(V("industry = @hightech", pharma), Verdict::kNotMatched);
}

TEST(Matcher, SizeAndTags) {
  EXPECT_EQ(V("size = small, micro"), Verdict::kMatched);
  EXPECT_EQ(V("规模 = 小型"), Verdict::kMatched);  // Chinese names
  EXPECT_EQ(V("size = large"), Verdict::kNotMatched);
  EXPECT_EQ(V("tag = 专精特新"), Verdict::kMatched);
  EXPECT_EQ(V("tag = 链主"), Verdict::kNotMatched);
  EXPECT_EQ(V("tag = 链主, 专精特新"), Verdict::kMatched);
}

TEST(Matcher, FigureBoundsAreInclusive) {
  EXPECT_EQ(V("revenue >= 2500"), Verdict::kMatched);  // 2500 ≥ 2500
  EXPECT_EQ(V("revenue >= 2500.01"), Verdict::kNotMatched);
  EXPECT_EQ(V("revenue <= 2000"), Verdict::kNotMatched);
  EXPECT_EQ(V("营业收入 ≥ 2000"), Verdict::kMatched);
  EXPECT_EQ(V("growth >= 12.5"), Verdict::kMatched);
  EXPECT_EQ(V("growth >= 13"), Verdict::kNotMatched);
  EXPECT_EQ(V("growth <= 0"), Verdict::kNotMatched);
}

TEST(Matcher, AllConditionsMustHold) {
  EXPECT_EQ(V("region = 410100; size = small; revenue >= 2000"), Verdict::kMatched);
  EXPECT_EQ(V("region = 410100; size = large; revenue >= 2000"), Verdict::kNotMatched);
  EXPECT_EQ(V(""), Verdict::kMatched);  // open to everyone
}

TEST(Matcher, MissingFigureIsPossibleNotMatched) {
  // No R&D figure reported: 待核实, with the field named.
  MatchResult r = MakeMatcher().Match(With("region = 410100; rd >= 3"), Firm());
  EXPECT_EQ(r.verdict, Verdict::kPossible);
  ASSERT_EQ(r.unknown.size(), 1u);
  EXPECT_EQ(r.unknown[0], Field::kRd);
  // A failing condition outweighs a missing figure.
  EXPECT_EQ(V("region = 410300; rd >= 3"), Verdict::kNotMatched);
  EnterpriseFacts no_revenue = Firm();
  no_revenue.revenue.reset();
  EXPECT_EQ(V("revenue >= 1", no_revenue), Verdict::kPossible);
  EnterpriseFacts no_size = Firm();
  no_size.size = "";
  EXPECT_EQ(V("size = small", no_size), Verdict::kPossible);
  // An enterprise without tags has none: a known "no".
  EnterpriseFacts untagged = Firm();
  untagged.tags.clear();
  EXPECT_EQ(V("tag = 专精特新", untagged), Verdict::kNotMatched);
}

TEST(Conditions, ErrorsNameTheClause) {
  auto bad = [](const std::string& text) {
    auto r = ParseConditions(text, Cat(), {"@hightech"});
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(bad("region = 410100; region = 999999").find("condition 2"), std::string::npos);
  EXPECT_NE(bad("industry = @nosuch").find("not an industry group"), std::string::npos);
  EXPECT_NE(bad("revenue = 5").find("figure takes"), std::string::npos);
  EXPECT_NE(bad("revenue >= lots").find("not a number"), std::string::npos);
  EXPECT_NE(bad("size = huge").find("not large"), std::string::npos);
  EXPECT_NE(bad("colour = red").find("unknown field"), std::string::npos);
  EXPECT_NE(bad("region 410100").find("no operator"), std::string::npos);
}

TEST(Conditions, FormatParsesBack) {
  const std::string text =
      "region = 410100, 410300; industry = @hightech; revenue <= 20000; growth >= 10";
  ASSERT_OK_AND_ASSIGN(auto c, ParseConditions(text, Cat(), {"@hightech"}));
  EXPECT_EQ(FormatConditions(c), text);
}

TEST(Validity, BeijingDateBoundaries) {
  Policy p;
  p.valid_from = "2026-01-01";
  p.valid_to = "2026-12-31";
  // 2025-12-31T15:59:59Z is 23:59:59 on 31 December in Beijing: not yet in force; one second
  // later it is 1 January in Beijing (still 31 December in UTC) and in force.
  ASSERT_OK_AND_ASSIGN(int64_t before, ParseUtc("2025-12-31T15:59:59Z"));
  EXPECT_EQ(BeijingDate(before), "2025-12-31");
  EXPECT_FALSE(InForce(p, BeijingDate(before)));
  EXPECT_TRUE(InForce(p, BeijingDate(before + 1)));
  // The last day counts whole; the next Beijing day does not.
  ASSERT_OK_AND_ASSIGN(int64_t last, ParseUtc("2026-12-31T15:59:59Z"));
  EXPECT_TRUE(InForce(p, BeijingDate(last)));
  EXPECT_FALSE(InForce(p, BeijingDate(last + 1)));
  Policy open;
  EXPECT_TRUE(InForce(open, "1999-01-01"));
}

TEST(Validity, Dates) {
  EXPECT_TRUE(ValidDate("2024-02-29"));
  EXPECT_FALSE(ValidDate("2023-02-29"));
  EXPECT_FALSE(ValidDate("2023-13-01"));
  EXPECT_FALSE(ValidDate("2023-1-01"));
}

}  // namespace
}  // namespace ballast::benefit
