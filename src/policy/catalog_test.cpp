#include "policy/catalog.h"

#include <gtest/gtest.h>

#include <map>

namespace ballast::policy {
namespace {

std::map<std::string, Target> AllTargets() {
  std::map<std::string, Target> out;
  auto cat = EmbeddedPolicyCatalog();
  EXPECT_TRUE(cat.ok()) << cat.status().ToString();
  if (!cat.ok()) return out;
  for (const auto& d : *cat) {
    for (const auto& t : d.targets) out[t.id] = t;
  }
  return out;
}

TEST(PolicyCatalogTest, EveryNumericTargetOfHenan2022WithItsUnits) {
  auto all = AllTargets();
  const std::string kIit = "省工业和信息化厅";
  struct Want {
    const char* id;
    double value;
    const char* unit;
    const char* lead;
    const char* text_has;
  };
  const Want wants[] = {
      {"henan2022.1.enterprises_served", 50000, "家", "省工业和信息化厅", "5万家以上"},
      {"henan2022.1.appeal_resolution_rate", 96, "%", "省工业和信息化厅", "问题解决率不低于96%"},
      {"henan2022.1.financing_matchmaking_events", 100, "场", "省工业和信息化厅", "100场"},
      {"henan2022.1.financing_amount", 1000, "亿元", "省工业和信息化厅", "1000亿元以上"},
      {"henan2022.1.research_results_transferred", 100, "项", "省工业和信息化厅", "100项科研成果"},
      {"henan2022.2.new_above_scale_enterprises", 2500, "家", "省工业和信息化厅", "新增规模以上工业企业超过2500家"},
      {"henan2022.2.provincial_specialised_smes", 1000, "家", "省工业和信息化厅", "1000家"},
      {"henan2022.2.new_high_tech_enterprises", 2000, "家", "省工业和信息化厅", "2000家"},
      {"henan2022.2.national_little_giants", 100, "家", "省工业和信息化厅", "100家"},
      {"henan2022.2.new_listed_enterprises", 20, "家", "省工业和信息化厅", "不少于20家"},
      {"henan2022.5.three_batches_quarterly", 4, "次", "省发展改革委", "按季度"},
      {"henan2022.6.tech_retrofit_investment_growth", 20, "%", "省工业和信息化厅", "技改投资年度增长20%以上"},
      {"henan2022.6.tech_retrofit_coverage", 100, "%", "省工业和信息化厅", "全覆盖"},
      {"henan2022.6.smart_workshops_factories", 150, "个", "省工业和信息化厅", "每年新建智能车间和工厂150个以上"},
      {"henan2022.6.smart_manufacturing_benchmarks", 10, "家", "省工业和信息化厅", "标杆企业10家"},
      {"henan2022.7.new_5g_base_stations", 40000, "个", "省通信管理局", "新建5G基站4万个"},
      {"henan2022.8.major_projects_per_city", 3, "个", "省工业和信息化厅", "3个10亿元以上"},
      {"henan2022.9.land_revitalised", 25, "万亩", "省发展改革委", "盘活25万亩以上"},
      {"henan2022.10.provincial_clusters", 10, "个", "省工业和信息化厅", "10个省级千亿级"},
      {"henan2022.10.national_clusters", 1, "个", "省工业和信息化厅", "1-2个国家级"},
      {"henan2022.10.innovative_products", 300, "个", "省工业和信息化厅", "300个创新产品"},
      {"henan2022.11.rd_activity_coverage", 50, "%", "省工业和信息化厅", "50%以上"},
      {"henan2022.12.national_emerging_cluster_pilots", 4, "个", "省发展改革委", "4个国家级"},
      {"henan2022.12.provincial_emerging_clusters", 10, "个", "省发展改革委", "10个省级战略性新兴产业集群"},
      {"henan2022.13.development_zone_reform", 100, "%", "省委组织部", "6月底前"},
      {"henan2022.13.industrial_land_share", 60, "%", "省委组织部", "不低于60%"},
  };
  for (const auto& w : wants) {
    auto it = all.find(w.id);
    ASSERT_NE(it, all.end()) << w.id;
    const Target& t = it->second;
    EXPECT_DOUBLE_EQ(t.value, w.value) << w.id;
    EXPECT_EQ(t.unit, w.unit) << w.id;
    ASSERT_FALSE(t.lead_units.empty()) << w.id;
    EXPECT_EQ(t.lead_units[0], w.lead) << w.id;
    EXPECT_NE(t.text.find(w.text_has), std::string::npos) << w.id;
    EXPECT_EQ(t.document, "henan_2022");
    EXPECT_FALSE(t.units_text.empty());
  }
  // Units as written, e.g. clause 7 and the city governments of clause 1.
  EXPECT_EQ(all["henan2022.7.new_5g_base_stations"].units_text,
            "省通信管理局、省工业和信息化厅、省发展改革委,各省辖市政府、济源示范区管委会");
  const auto& co = all["henan2022.1.enterprises_served"].cooperating_units;
  EXPECT_NE(std::find(co.begin(), co.end(), "济源示范区管委会"), co.end());
  EXPECT_EQ(all["henan2022.2.new_above_scale_enterprises"].comparator, ">");
  EXPECT_EQ(all["henan2022.13.development_zone_reform"].deadline, MakePeriod(2022, 6));
  EXPECT_EQ(all["henan2022.5.three_batches_quarterly"].path, PathKind::kCurve);
  EXPECT_EQ(all["henan2022.6.tech_retrofit_investment_growth"].path, PathKind::kFlat);
  // Every clause 1–13 of the notice is in the catalog.
  for (int c = 1; c <= 13; ++c) {
    bool found = false;
    for (const auto& [id, t] : all) found |= t.document == "henan_2022" && t.clause == std::to_string(c);
    EXPECT_TRUE(found) << "clause " << c;
  }
}

TEST(PolicyCatalogTest, Targets2027AndTheNationalSeventeen) {
  auto all = AllTargets();
  EXPECT_DOUBLE_EQ(all["tm2027.digital_rd_tools"].value, 90);
  EXPECT_EQ(all["tm2027.digital_rd_tools"].comparator, ">");
  EXPECT_DOUBLE_EQ(all["tm2027.nc_key_processes"].value, 70);
  EXPECT_DOUBLE_EQ(all["tm2027.water_per_value_added"].value, -13);
  EXPECT_EQ(all["tm2027.water_per_value_added"].comparator, "<=");
  EXPECT_DOUBLE_EQ(all["tm2027.solid_waste_utilisation"].value, 57);
  EXPECT_EQ(all["tm2027.solid_waste_utilisation"].deadline, MakePeriod(2027, 12));
  int national = 0;
  for (const auto& [id, t] : all) {
    if (t.document != "national_17") continue;
    ++national;
    EXPECT_TRUE(t.qualitative());
    EXPECT_EQ(t.lead_units[0], "工业和信息化部");
  }
  EXPECT_EQ(national, 17);
  EXPECT_EQ(all["national17.6"].clause, "（六）");
  EXPECT_EQ(all["national17.17"].clause_title, "完善监测调度和督导激励机制");
}

TEST(PolicyCatalogTest, RefusesBadFiles) {
  EXPECT_FALSE(ParsePolicyDocument("{}").ok());
  EXPECT_FALSE(ParsePolicyDocument(R"({"version":1,"document":{"id":"d"},"targets":[{"id":"t","clause":"1","text":"x",
      "start":"2022-01","deadline":"2022-12","units":{"lead":[]}}]})").ok());
  EXPECT_FALSE(ParsePolicyDocument(R"({"version":1,"document":{"id":"d"},"targets":[{"id":"t","clause":"1","text":"x",
      "start":"2022-01","deadline":"2021-12","units":{"lead":["u"]},"value":1}]})").ok());
  EXPECT_FALSE(ParsePolicyDocument(R"({"version":1,"document":{"id":"d"},"targets":[{"id":"t","clause":"1","text":"x",
      "start":"2022-01","deadline":"2022-12","units":{"lead":["u"]},"value":1,"path":{"curve":{"2022-06":0.6,"2022-03":0.2}}}]})").ok());
  auto ok = ParsePolicyDocument(R"({"version":1,"document":{"id":"d"},"targets":[{"id":"t","clause":"1","text":"x",
      "start":"2022-01","deadline":"2022-12","units":{"lead":["u"]},"value":1}]})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->targets[0].path, PathKind::kLinear);
}

}  // namespace
}  // namespace ballast::policy
