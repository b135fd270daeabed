// Regrouping the live alerts after a few of them moved (RegroupAlerts) gives what grouping every
// alert gives, and keeps the episodes of the subjects nothing was written for.
#include "app/episode_grouping.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace ballast::app {
namespace {

std::shared_ptr<const AlertRecord> Alert(int64_t id, const std::string& kind,
                                         const std::string& key, const std::string& level,
                                         const std::string& state, const std::string& name = "") {
  AlertRecord a;
  a.id = id;
  a.rule_id = "rule" + std::to_string(id);
  a.subject_kind = kind;
  a.subject_key = key;
  a.subject_name = name.empty() ? key : name;
  a.level = level;
  a.state = state;
  a.streak = static_cast<int32_t>(id);
  a.starts_at = "2025-0" + std::to_string(1 + id % 9) + "-01T00:00:00Z";
  a.handling = "open";
  return std::make_shared<const AlertRecord>(a);
}

std::shared_ptr<const LiveAlerts> Live(std::vector<std::shared_ptr<const AlertRecord>> rows) {
  auto live = std::make_shared<LiveAlerts>();
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x->id < y->id; });
  live->rows = std::move(rows);
  return live;
}

// `a` in `region`.
std::shared_ptr<const AlertRecord> In(std::shared_ptr<const AlertRecord> a,
                                      const std::string& region) {
  AlertRecord r = *a;
  r.region = region;
  return std::make_shared<const AlertRecord>(r);
}

// Every alert in the lists' order, as the lists hand them to GroupAlerts.
std::vector<const AlertRecord*> Listed(const LiveAlerts& live) {
  std::vector<const AlertRecord*> out;
  for (const auto& a : live.rows) out.push_back(a.get());
  std::sort(out.begin(), out.end(),
            [](const AlertRecord* x, const AlertRecord* y) { return PlaceOf(*x) < PlaceOf(*y); });
  return out;
}

// What a list shows of each episode, by id: its head and its hits in order.
std::map<std::string, std::string> Shown(const GroupedEpisodes& g) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < g.episodes.size(); ++i) {
    const warn::Episode& e = g.episodes[i]->head;
    std::string s = e.subject_name + "|" + e.state + "|" + e.level + "|" + e.started_at + "|" +
                    e.period + "|" + std::to_string(e.months) + "|" + (e.muted ? "m" : "-") + "|" +
                    (g.growth[i] ? "g" : "-") + "|";
    std::vector<std::string> in_state;  // the rules the lists count it under
    for (const AlertRecord* h : g.episodes[i]->hits) {
      s += std::to_string(h->id) + ",";
      EXPECT_EQ(g.EpisodeOf(h->id), i);
      if (h->state == e.state) in_state.push_back(h->rule_id);
    }
    // Its counted tags name its own level, kind and region, and the rules of its hits in its
    // state.
    EXPECT_EQ(g.labels.at(g.tags.at(i).level), e.level) << e.id;
    EXPECT_EQ(g.labels.at(g.tags.at(i).kind), e.subject_kind) << e.id;
    EXPECT_EQ(g.labels.at(g.tags.at(i).region), e.region) << e.id;
    EXPECT_EQ(g.labels.at(g.tags.at(i).state), e.state) << e.id;
    EXPECT_EQ(g.tags.at(i).muted, e.muted) << e.id;
    std::vector<std::string> counted;
    for (uint32_t r = g.rules_from.at(i); r < g.rules_from.at(i + 1); ++r)
      counted.push_back(g.labels.at(g.counted_rules.at(r)));
    EXPECT_EQ(counted, in_state) << e.id;
    out[e.id] = s;
  }
  return out;
}

TEST(RegroupAlertsTest, OnlyTheSubjectsWrittenForAreGroupedAgain) {
  const auto x1 = Alert(1, "enterprise", "X", "red", "firing");
  const auto x2 = Alert(2, "enterprise", "X", "yellow", "pending");
  const auto y3 = Alert(3, "enterprise", "Y", "orange", "firing");
  const auto r4 = Alert(4, "region", "410100", "red", "firing", "郑州市");
  const auto z5 = Alert(5, "enterprise", "Z", "blue", "firing");
  const auto y6 = Alert(6, "enterprise", "Y", "blue", "resolved");
  const auto before = Live({x1, x2, y3, r4, z5, y6});
  const auto first = GroupAlerts(before, Listed(*before));
  ASSERT_EQ(first->episodes.size(), 4u);  // X, Y, Z and 郑州

  // Y's alert turns red, Z's goes, W comes, and X gets a newer red alert that names it anew
  // (the first of a subject in the lists' order names it).
  const auto y3red = Alert(3, "enterprise", "Y", "red", "firing");
  const auto w7 = Alert(7, "enterprise", "W", "yellow", "firing");
  const auto x8 = Alert(8, "enterprise", "X", "red", "firing", "X 新名");
  const auto after = Live({x1, x2, y3red, r4, y6, w7, x8});
  const auto regrouped = RegroupAlerts(first, after);
  ASSERT_NE(regrouped, nullptr);
  const auto whole = GroupAlerts(after, Listed(*after));
  EXPECT_EQ(Shown(*regrouped), Shown(*whole));
  // X's episode counts only its firing hit's rule (x2 is pending), and the labels of the grouping
  // before keep their indexes in the regrouping (the episodes carried keep their tags).
  EXPECT_EQ(first->rules_from[first->EpisodeOf(1) + 1] - first->rules_from[first->EpisodeOf(1)],
            1u);
  ASSERT_GE(regrouped->labels.size(), first->labels.size());
  EXPECT_TRUE(std::equal(first->labels.begin(), first->labels.end(), regrouped->labels.begin()));
  EXPECT_TRUE(Shown(*regrouped).at("enterprise:X").starts_with("X 新名|"));
  EXPECT_FALSE(Shown(*regrouped).contains("enterprise:Z"));
  for (const auto& a : after->rows) {  // the same alerts grouped as grouping them all groups
    EXPECT_EQ(regrouped->EpisodeOf(a->id) == GroupedEpisodes::kNone,
              whole->EpisodeOf(a->id) == GroupedEpisodes::kNone)
        << a->id;
  }
  EXPECT_EQ(regrouped->EpisodeOf(5), GroupedEpisodes::kNone);  // Z's, gone

  // 郑州's episode is the one grouped before, not grouped again.
  size_t kept = 0;
  for (size_t i = 0; i < regrouped->episodes.size(); ++i) {
    if (regrouped->episodes[i]->head.id != "region:410100") continue;
    ASSERT_GE(regrouped->was[i], 0);
    EXPECT_EQ(regrouped->episodes[i], first->episodes[static_cast<size_t>(regrouped->was[i])]);
    ++kept;
  }
  EXPECT_EQ(kept, 1u);
  for (size_t i = 0; i < regrouped->episodes.size(); ++i) {
    if (regrouped->episodes[i]->head.id != "region:410100") {
      EXPECT_EQ(regrouped->was[i], -1);
    }
  }

  // And back: regrouping the earlier set from the later grouping gives the earlier episodes.
  const auto back = RegroupAlerts(regrouped, before);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(Shown(*back), Shown(*first));
}

// The index by id of a regrouping is carried from the grouping before for the episodes kept, also
// when the first id moves (the oldest alert resolved and removed) and new ids come at the end:
// every alert of the set finds the episode grouping it whole finds, and a removed one none.
TEST(RegroupAlertsTest, TheIndexCarriedAcrossAMovedFirstIdIsTheWholeIndex) {
  const auto x1 = Alert(1, "enterprise", "X", "red", "firing");
  const auto r2 = Alert(2, "region", "410100", "orange", "firing", "郑州市");
  const auto y3 = Alert(3, "enterprise", "Y", "yellow", "firing");
  const auto r4 = Alert(4, "region", "410100", "yellow", "pending", "郑州市");
  const auto before = Live({x1, r2, y3, r4});
  const auto first = GroupAlerts(before, Listed(*before));
  ASSERT_EQ(first->episodes.size(), 3u);  // X, 郑州, Y
  // X's alert goes (the first id is now 2), Z comes with id 6; 郑州 and Y are carried.
  const auto after = Live({r2, y3, r4, Alert(6, "enterprise", "Z", "blue", "firing")});
  const auto regrouped = RegroupAlerts(first, after);
  ASSERT_NE(regrouped, nullptr);
  const auto whole = GroupAlerts(after, Listed(*after));
  EXPECT_EQ(Shown(*regrouped), Shown(*whole));
  size_t carried = 0;
  for (int32_t k : regrouped->was) carried += k >= 0;
  EXPECT_EQ(carried, 2u);
  for (int64_t id = 0; id <= 8; ++id) {
    const uint32_t got = regrouped->EpisodeOf(id), want = whole->EpisodeOf(id);
    ASSERT_EQ(got == GroupedEpisodes::kNone, want == GroupedEpisodes::kNone) << id;
    if (got != GroupedEpisodes::kNone) {
      EXPECT_EQ(regrouped->episodes[got]->head.id, whole->episodes[want]->head.id) << id;
    }
  }
  EXPECT_EQ(regrouped->EpisodeOf(1), GroupedEpisodes::kNone);
  EXPECT_EQ(regrouped->episodes[regrouped->EpisodeOf(4)]->head.id, "region:410100");
}

// Alert ids far apart (rows deleted in between) are indexed by a map, not by position; ids not
// grouped find no episode either way. A growth rule's flag follows its episode into a regrouping.
TEST(RegroupAlertsTest, SparseIdsAndGrowthFlags) {
  auto grow = [](std::shared_ptr<const AlertRecord> a) {
    AlertRecord g = *a;
    g.rule_id = "output_growth_drop";
    return std::make_shared<const AlertRecord>(g);
  };
  const auto a1 = grow(Alert(1, "enterprise", "X", "red", "firing"));
  const auto b2 = Alert(9000000, "enterprise", "Y", "yellow", "firing");
  const auto before = Live({a1, b2});
  const auto first = GroupAlerts(before, Listed(*before));
  ASSERT_EQ(first->episodes.size(), 2u);
  EXPECT_EQ(first->episodes[first->EpisodeOf(1)]->head.subject_key, "X");
  EXPECT_EQ(first->episodes[first->EpisodeOf(9000000)]->head.subject_key, "Y");
  EXPECT_EQ(first->EpisodeOf(2), GroupedEpisodes::kNone);
  EXPECT_EQ(first->EpisodeOf(-5), GroupedEpisodes::kNone);
  EXPECT_TRUE(first->growth[first->EpisodeOf(1)]);
  EXPECT_FALSE(first->growth[first->EpisodeOf(9000000)]);
  // Y moves; X's episode (and its flag) is carried.
  const auto after = Live({a1, Alert(9000000, "enterprise", "Y", "red", "firing")});
  const auto regrouped = RegroupAlerts(first, after);
  ASSERT_NE(regrouped, nullptr);
  EXPECT_EQ(Shown(*regrouped), Shown(*GroupAlerts(after, Listed(*after))));
  EXPECT_GE(regrouped->was[regrouped->EpisodeOf(1)], 0);
  EXPECT_TRUE(regrouped->growth[regrouped->EpisodeOf(1)]);
}

// The lists' order of a set made from another (LiveAlerts::from) is the earlier order with the
// rows written since merged in: the same rows and region nodes as sorting the set whole, also
// when the code tree is another one (its nodes are found again).
TEST(LiveAlertsTest, ListOrderMergedFromTheSetBeforeIsTheWholeSort) {
  auto tree = [](bool with_kaifeng) {
    std::vector<CodeTree::Row> rows = {{"410000", "河南省", "", 1},
                                       {"410100", "郑州市", "410000", 2},
                                       {"410300", "洛阳市", "410000", 2}};
    if (with_kaifeng) rows.insert(rows.begin() + 1, {"410200", "开封市", "410000", 2});
    return std::move(CodeTree::Build(rows)).value();
  };
  const CodeTree regions = tree(false), other = tree(true);
  const auto x1 = In(Alert(1, "enterprise", "X", "yellow", "firing"), "410100");
  const auto y2 = In(Alert(2, "enterprise", "Y", "red", "firing"), "410300");
  const auto z3 = In(Alert(3, "enterprise", "Z", "blue", "pending"), "410100");
  const auto c4 = In(Alert(4, "commodity", "copper", "orange", "firing"), "");
  const auto w5 = In(Alert(5, "enterprise", "W", "red", "firing"), "410300");
  const auto before = Live({x1, y2, z3, c4, w5});
  auto shown = [](const LiveAlerts::Listed& l) {
    std::string s;
    for (size_t i = 0; i < l.rows.size(); ++i)
      s += std::to_string(l.rows[i]->id) + "@" + std::to_string(l.regions[i]) + " ";
    return s;
  };
  auto at = [](const CodeTree& t, const std::string& code) {
    return "@" + std::to_string(t.Find(code)) + " ";
  };
  const std::string zz = "410100", ly = "410300";
  EXPECT_EQ(shown(before->InListOrder(regions)), "5" + at(regions, ly) + "2" + at(regions, ly) +
                                                     "4@-1 1" + at(regions, zz) + "3" +
                                                     at(regions, zz));
  for (const CodeTree* t : {&regions, &other}) {
    // Y turns blue, Z goes, V comes (orange), W and the commodity stay.
    auto after = std::make_shared<LiveAlerts>();
    AlertRecord y_silenced = *In(Alert(2, "enterprise", "Y", "blue", "firing"), "410300");
    y_silenced.silenced_by = 7;
    after->rows = {x1, std::make_shared<const AlertRecord>(y_silenced), c4, w5,
                   In(Alert(6, "enterprise", "V", "orange", "firing"), "410100")};
    after->from = before;
    const auto whole = Live(after->rows);
    EXPECT_EQ(shown(after->InListOrder(*t)), shown(whole->InListOrder(*t)));
    // Each row's marks beside it, those of the rows kept carried with them: Y muted now, the
    // commodity (no region) country-wide, every other row on an enterprise.
    const LiveAlerts::Listed& merged = after->InListOrder(*t);
    ASSERT_EQ(merged.marks.size(), merged.rows.size());
    for (size_t i = 0; i < merged.rows.size(); ++i) {
      const int64_t id = merged.rows[i]->id;
      const uint8_t want = id == 4   ? LiveAlerts::kCountryWideCode
                           : id == 2 ? LiveAlerts::kOnEnterprise | LiveAlerts::kMuted
                                     : LiveAlerts::kOnEnterprise;
      EXPECT_EQ(merged.marks[i], want) << id;
    }
    EXPECT_EQ(shown(whole->InListOrder(*t)),
              "5" + at(*t, ly) + "6" + at(*t, zz) + "4@-1 1" + at(*t, zz) + "2" + at(*t, ly));
    EXPECT_NE(at(regions, ly), at(other, ly));  // the other tree numbers its nodes otherwise
  }
}

// With the tree's owner given, a set made from another takes the nodes of the rows kept without
// comparing codes: the same rows, nodes and marks as sorting the set whole.
TEST(LiveAlertsTest, ListOrderMergedInAHeldTreeIsTheWholeSort) {
  auto tree = std::make_shared<const CodeTree>(
      std::move(CodeTree::Build({{"410000", "河南省", "", 1}, {"410100", "郑州市", "410000", 2}}))
          .value());
  const auto x1 = In(Alert(1, "enterprise", "X", "yellow", "firing"), "410100");
  const auto p2 = In(Alert(2, "project", "P", "red", "firing"), "410000");
  const auto before = Live({x1, p2, In(Alert(3, "enterprise", "Z", "blue", "pending"), "")});
  before->InListOrder(*tree, tree);
  auto after = std::make_shared<LiveAlerts>();
  after->rows = {x1, p2, In(Alert(4, "enterprise", "V", "orange", "firing"), "419999")};
  after->from = before;
  const auto whole = Live(after->rows);
  auto shown = [](const LiveAlerts::Listed& l) {
    std::string s;
    for (size_t i = 0; i < l.rows.size(); ++i) {
      s += std::to_string(l.rows[i]->id) + "@" + std::to_string(l.regions[i]) + "#" +
           std::to_string(l.marks[i]) + " ";
    }
    return s;
  };
  EXPECT_EQ(shown(after->InListOrder(*tree, tree)), shown(whole->InListOrder(*tree)));
  // 2 (red, a project in 河南), 4 (orange, an unknown code: no node), 1 (yellow, 郑州).
  EXPECT_EQ(shown(whole->InListOrder(*tree)), "2@" + std::to_string(tree->Find("410000")) +
                                                  "#4 4@-1#2 1@" +
                                                  std::to_string(tree->Find("410100")) + "#2 ");
}

// A region's rows are found once per set (LiveAlerts::Within): the places, in the lists' order,
// of the rows whose region lies within it, and no other; a row without a region is in none.
TEST(LiveAlertsTest, WithinARegionAreItsRowsInListOrder) {
  const CodeTree regions = std::move(CodeTree::Build({{"410000", "河南省", "", 1},
                                                      {"410100", "郑州市", "410000", 2},
                                                      {"410300", "洛阳市", "410000", 2},
                                                      {"420000", "湖北省", "", 1}}))
                               .value();
  // In the lists' order: 5 (red), 2 (red), 4 (orange), 1 (yellow), 3 (blue).
  const auto live = Live({In(Alert(1, "enterprise", "X", "yellow", "firing"), "410100"),
                          In(Alert(2, "enterprise", "Y", "red", "firing"), "410300"),
                          In(Alert(3, "enterprise", "Z", "blue", "pending"), "410100"),
                          In(Alert(4, "commodity", "copper", "orange", "firing"), ""),
                          In(Alert(5, "enterprise", "W", "red", "firing"), "420000")});
  auto ids = [&](const std::string& code) {
    const auto places = live->Within(regions.Find(code), regions);
    std::string s;
    if (places == nullptr) return std::string("none");
    for (uint32_t i : *places) s += std::to_string(live->InListOrder(regions).rows[i]->id) + " ";
    return s;
  };
  EXPECT_EQ(ids("410000"), "2 1 3 ");
  EXPECT_EQ(ids("410100"), "1 3 ");
  EXPECT_EQ(ids("410300"), "2 ");
  EXPECT_EQ(ids("420000"), "5 ");
  // Found once: the second ask is the same list.
  const NodeId henan = regions.Find("410000");
  EXPECT_EQ(live->Within(henan, regions), live->Within(henan, regions));
}

// Past LiveAlerts::kWithinKept regions a set finds no more (nullptr: the caller passes over every
// row), while those it found stay.
TEST(LiveAlertsTest, WithinKeepsAtMostItsLimitOfRegions) {
  std::vector<CodeTree::Row> rows = {{"410000", "河南省", "", 1}};
  for (size_t k = 0; k <= LiveAlerts::kWithinKept; ++k)
    rows.push_back({std::to_string(410100 + 100 * k), "市" + std::to_string(k), "410000", 2});
  const CodeTree regions = std::move(CodeTree::Build(rows)).value();
  AlertRecord a = *Alert(1, "enterprise", "X", "red", "firing");
  a.region = "410100";
  const auto live = Live({std::make_shared<const AlertRecord>(a)});
  for (size_t k = 0; k < LiveAlerts::kWithinKept; ++k) {
    const auto places = live->Within(regions.Find(rows[k + 1].code), regions);
    ASSERT_NE(places, nullptr) << k;
    EXPECT_EQ(places->size(), k == 0 ? 1u : 0u) << k;
  }
  EXPECT_EQ(live->Within(regions.Find(rows.back().code), regions), nullptr);
  EXPECT_NE(live->Within(regions.Find("410100"), regions), nullptr);  // found before: kept
}

// A set made from another takes the rows by fingerprint from it (LiveAlerts::CarryFingerprints):
// the kept rows at their new places, the rows written since parsed, the same index as made
// from every row; a set whose predecessor made none makes its own.
TEST(LiveAlertsTest, FingerprintsCarriedFromTheSetBeforeAreTheWholeIndex) {
  auto with = [](int64_t id, const std::string& fingerprint) {
    AlertRecord a = *Alert(id, "enterprise", "E" + std::to_string(id), "red", "firing");
    a.fingerprint = fingerprint;
    return std::make_shared<const AlertRecord>(a);
  };
  const std::string fa = "000000000000000a", fb = "000000000000000b", fc = "000000000000000c";
  const auto r1 = with(1, fc), r3 = with(3, fa), r5 = with(5, "not-a-fingerprint");
  const auto before = Live({r1, with(2, fb), r3, r5});
  using Index = warn::FingerprintIndex;
  EXPECT_EQ(before->ByFingerprint(), (Index{{0xa, 2}, {0xb, 1}, {0xc, 0}}));
  // 2 is written again with another fingerprint, 3 goes, 4 comes with 1's fingerprint.
  auto after = std::make_shared<LiveAlerts>();
  after->rows = {r1, with(2, fa), with(4, fc), r5};
  after->from = before;
  after->CarryFingerprints(*before);
  // By hand: places 0 (id 1, c), 1 (id 2, a), 2 (id 4, c); id 5's is not one.
  const Index want = {{0xa, 1}, {0xc, 0}, {0xc, 2}};
  EXPECT_EQ(after->ByFingerprint(), want);
  // Without the set before's index: made from every row, the same.
  const auto fresh = Live({with(1, fc), with(3, fa)});
  auto next = std::make_shared<LiveAlerts>();
  next->rows = after->rows;
  next->CarryFingerprints(*fresh);  // fresh made none: nothing carried
  EXPECT_EQ(next->ByFingerprint(), want);
}

}  // namespace
}  // namespace ballast::app
