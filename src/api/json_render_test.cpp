// The JSON of the answers rendered in bulk (api/json_fields.h), against text written out by hand:
// each field in its documented order (docs/api.md), null for a missing figure, a marker where
// disclosure control withholds a row, invalid UTF-8 replaced rather than thrown on.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/json_codec.h"
#include "api/json_fields.h"
#include "api/json_warn.h"

namespace ballast::api {
namespace {

TEST(JsonFieldsTest, FieldsComeInTheOrderAdded) {
  const auto j = JsonFields(3).Add("z", 1).Add("a", "二").Add("m", nullptr).Take();
  EXPECT_EQ(j.dump(), R"({"z":1,"a":"二","m":null})");
}

// A table of 河南's manufacturing output by region in 2025-12, with its parent's figures only.
app::TableAnswer HenanManufacturing(std::vector<std::string> measures,
                                    std::vector<std::optional<double>> values) {
  app::TableAnswer t;
  t.dim = "region";
  t.parent.region = {"410000", "河南省"};
  t.parent.industry = {"C", "制造业"};
  t.parent.period = "2025-12";
  t.parent.indicator = "output_value";
  t.parent.measures = std::move(measures);
  t.parent.row = {{}, std::move(values), 12, std::nullopt, "", ""};
  return t;
}

TEST(JsonRenderTest, ATableWithAMissingFigureAndAWithheldRow) {
  app::TableAnswer t = HenanManufacturing({"value", "yoy"}, {1000.5, 3.25});
  t.rows.push_back({{"410100", "郑州市"}, {600, std::nullopt}, 7, 1, "", ""});
  t.rows.push_back({{"410300", std::string("洛阳\xff")}, {std::nullopt, std::nullopt}, 2, 2,
                    "dominance", ""});
  EXPECT_EQ(TableJson(t),
            R"({"dim":"region","measures":["value","yoy"],)"
            R"("parent":{"region":{"code":"410000","name":"河南省"},)"
            R"("industry":{"code":"C","name":"制造业"},"period":"2025-12",)"
            R"("indicator":"output_value","park":null,)"
            R"("values":{"value":1000.5,"yoy":3.25},"n":12,"suppressed":null,"would_suppress":null},)"
            R"("rows":[{"code":"410100","name":"郑州市","values":{"value":600.0,"yoy":null},)"
            R"("n":7,"rank":1,"suppressed":null,"would_suppress":null},)"
            R"({"code":"410300","name":"洛阳�","values":{"value":null,"yoy":null},)"
            R"("n":2,"rank":2,"suppressed":"dominance","would_suppress":null}]})");
}

// A measure asked twice (`measures=yoy,yoy`) is one key of each row's values, as of the parent's:
// an object names each key once.
TEST(JsonRenderTest, AMeasureAskedTwiceIsOneKey) {
  app::TableAnswer t = HenanManufacturing({"yoy", "value", "yoy"}, {3.25, 1000.5, 3.25});
  t.rows.push_back({{"410100", "郑州市"}, {2.5, 600, 2.5}, 7, 1, "", ""});
  EXPECT_EQ(TableJson(t),
            R"({"dim":"region","measures":["yoy","value","yoy"],)"
            R"("parent":{"region":{"code":"410000","name":"河南省"},)"
            R"("industry":{"code":"C","name":"制造业"},"period":"2025-12",)"
            R"("indicator":"output_value","park":null,)"
            R"("values":{"yoy":3.25,"value":1000.5},"n":12,"suppressed":null,"would_suppress":null},)"
            R"("rows":[{"code":"410100","name":"郑州市","values":{"yoy":2.5,"value":600.0},)"
            R"("n":7,"rank":1,"suppressed":null,"would_suppress":null}]})");
}

TEST(JsonRenderTest, ARankingRow) {
  app::RankingAnswer r;
  r.parent.region = {"410000", "河南省"};
  r.parent.industry = {"C", "制造业"};
  r.parent.period = "2025-12";
  r.parent.indicator = "output_value";
  r.parent.measures = {"yoy"};
  r.previous_period = "2025-11";
  r.rows.push_back({{"410100", "郑州市"}, 5.5, 1, 2, 1, "", "threshold"});
  EXPECT_EQ(RankingJson(r),
            R"({"region":{"code":"410000","name":"河南省"},"industry":{"code":"C","name":"制造业"},)"
            R"("period":"2025-12","previous_period":"2025-11","indicator":"output_value",)"
            R"("measure":"yoy","rows":[{"code":"410100","name":"郑州市","value":5.5,"rank":1,)"
            R"("prev_rank":2,"rank_change":1,"suppressed":null,"would_suppress":"threshold"}]})");
}

TEST(JsonRenderTest, AnEpisodeWithItsHit) {
  app::EpisodeList list;
  warn::Episode e;
  e.id = "enterprise:X";
  e.subject_kind = "enterprise";
  e.subject_key = "X";
  e.subject_name = "甲公司";
  e.region = "410100";
  e.state = "firing";
  e.level = "red";
  e.started_at = "2025-10-01T00:00:00Z";
  e.period = "2025-12";
  e.months = 3;
  e.weight = 2;
  e.persistence = 1.5;
  e.score = 12;
  AlertRecord a;
  a.id = 7;
  a.fingerprint = "00000000000000ff";
  a.rule_id = "output_drop";
  a.family = "output";
  a.subject_kind = "enterprise";
  a.subject_key = "X";
  a.subject_name = "甲公司";
  a.region = "410100";
  a.level = "red";
  a.state = "firing";
  a.period = "2025-12";
  a.value = -30;
  a.threshold = -20;
  a.streak = 3;
  a.message_zh = "产值下降";
  a.message_en = "Output fell";
  a.handling = "open";
  e.hits.push_back(a);
  list.episodes.push_back(e);
  list.matched = 1;
  list.counts.total = 1;
  list.counts.by_level["red"] = 1;
  list.counts.by_kind["enterprise"] = 1;
  list.counts.by_region["410100"] = 1;
  list.counts.by_rule["output_drop"] = 1;
  const std::string json = EpisodesJson(list, [](const AlertRecord&) {
    return std::vector<std::string>{"acknowledge"};
  });
  EXPECT_EQ(
      json,
      R"({"episodes":[{"id":"enterprise:X","subject_kind":"enterprise","subject_key":"X",)"
      R"("subject_name":"甲公司","region":"410100","industry":"","state":"firing","level":"red",)"
      R"("started_at":"2025-10-01T00:00:00Z","period":"2025-12","months":3,"muted":false,)"
      R"("weight":2.0,"persistence":1.5,"score":12.0,"base_effect":"",)"
      R"("hits":[{"id":7,"fingerprint":"00000000000000ff","rule_id":"output_drop",)"
      R"("family":"output","subject":{"kind":"enterprise","key":"X","name":"甲公司",)"
      R"("region":"410100","industry":""},"level":"red","state":"firing","period":"2025-12",)"
      R"("value":-30.0,"threshold":-20.0,"streak":3,"message_zh":"产值下降",)"
      R"("message_en":"Output fell","starts_at":"","fired_at":"","updated_at":"",)"
      R"("resolved_at":"","silenced_by":0,"inhibited":false,"handling":"open","assignee":"",)"
      R"("deadline":"","note":"","units":"","allowed_actions":["acknowledge"]}]}],)"
      R"("matched":1,"counts":{"total":1,"by_level":{"red":1,"orange":0,"yellow":0,"blue":0},)"
      R"("by_kind":{"enterprise":1},"by_region":{"410100":1},"by_rule":{"output_drop":1}}})");
}

}  // namespace
}  // namespace ballast::api
