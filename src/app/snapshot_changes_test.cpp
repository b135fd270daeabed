#include "app/snapshot_changes.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "app/workspace.h"

namespace ballast::app {
namespace {

// Batch b (b = 1, 2, ...) moved enterprise b alone; each application took one batch.
std::shared_ptr<const SnapshotChanges> Chain(BatchId last) {
  std::shared_ptr<const SnapshotChanges> chain;
  for (BatchId b = 1; b <= last; ++b) {
    PanelChanges moved;
    moved.enterprises = {static_cast<uint32_t>(b)};
    chain = ExtendChain(chain, b - 1, b, moved);
  }
  return chain;
}

// The first link of a chain (the folded one, once a fold happened).
const SnapshotChanges* Oldest(const SnapshotChanges& chain) {
  const SnapshotChanges* link = &chain;
  while (link->earlier != nullptr) link = link->earlier.get();
  return link;
}

std::vector<uint32_t> Range(uint32_t from, uint32_t to) {  // [from, to]
  std::vector<uint32_t> out;
  for (uint32_t e = from; e <= to; ++e) out.push_back(e);
  return out;
}

TEST(SnapshotChangesTest, AShortChainAnswersEachSnapshotExactly) {
  Snapshot snap;
  snap.through = 10;
  snap.changes = Chain(10);
  EXPECT_EQ(snap.changes->links, 10);
  for (BatchId from = 0; from <= 10; ++from) {
    auto moved = ChangesSince(snap, from);
    ASSERT_TRUE(moved.has_value()) << from;
    EXPECT_EQ(moved->enterprises, Range(static_cast<uint32_t>(from) + 1, 10)) << from;
  }
  EXPECT_FALSE(ChangesSince(snap, 11).has_value());  // not on the chain
}

// A chain longer than kMaxLinks (64) is folded, not started again: a snapshot inside the folded
// part still finds what moved since, with the rest of the folded part besides; those after it
// are answered exactly, and the chain stays short.
TEST(SnapshotChangesTest, ALongChainIsFoldedNotForgotten) {
  Snapshot snap;
  snap.through = 100;
  snap.changes = Chain(100);
  EXPECT_LE(snap.changes->links, 64);
  // Found by hand: batches 1–64 made 64 links; the 65th folded them into one (from 0 to 64);
  // links 65–127 follow it: the 100th link is the 37th after the fold.
  EXPECT_EQ(snap.changes->links, 37);
  const SnapshotChanges* oldest = Oldest(*snap.changes);
  EXPECT_TRUE(oldest->folded);
  EXPECT_EQ(oldest->from, 0);
  EXPECT_EQ(oldest->through, 64);
  auto exact = ChangesSince(snap, 80);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(exact->enterprises, Range(81, 100));
  auto at_fold = ChangesSince(snap, 64);
  ASSERT_TRUE(at_fold.has_value());
  EXPECT_EQ(at_fold->enterprises, Range(65, 100));
  // Inside the folded link (before the fold this was nullopt: the evaluation started again).
  auto inside = ChangesSince(snap, 30);
  ASSERT_TRUE(inside.has_value());
  EXPECT_EQ(inside->enterprises, Range(1, 100));  // a superset of 31–100
  auto start = ChangesSince(snap, 0);
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(start->enterprises, Range(1, 100));
  EXPECT_FALSE(ChangesSince(snap, 101).has_value());
}

// A second fold takes the links after the first fold alone and drops the first: what a snapshot
// inside the fold redoes stays the last 64 links' enterprises, not every one since the start
// (under a stream of imports that grew to every enterprise revised since the server started).
TEST(SnapshotChangesTest, AFoldListsTheLastLinksAlone) {
  Snapshot snap;
  snap.through = 200;
  snap.changes = Chain(200);
  // Found by hand: the fold at batch 65 made (0, 64]; the one at batch 128 made (64, 127] and
  // dropped the first; the one at batch 191 made (127, 190]; links 191–200 follow: 1 + 10.
  EXPECT_EQ(snap.changes->links, 11);
  const SnapshotChanges* oldest = Oldest(*snap.changes);
  EXPECT_TRUE(oldest->folded);
  EXPECT_EQ(oldest->from, 127);
  EXPECT_EQ(oldest->through, 190);
  EXPECT_EQ(oldest->panel.enterprises, Range(128, 190));
  auto inside = ChangesSince(snap, 150);
  ASSERT_TRUE(inside.has_value());
  EXPECT_EQ(inside->enterprises, Range(128, 200));  // a superset of 151–200, no more
  auto exact = ChangesSince(snap, 190);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(exact->enterprises, Range(191, 200));
  // Before the last fold's links: no longer on the chain (done again in full, as for any
  // snapshot older than the chain).
  EXPECT_FALSE(ChangesSince(snap, 100).has_value());
  EXPECT_FALSE(ChangesSince(snap, 0).has_value());
}

// A chain that lists too many enterprises starts again: nothing is known before it.
TEST(SnapshotChangesTest, AChainMovingTooManyStartsAgain) {
  PanelChanges many;
  many.enterprises = Range(0, (1u << 20) - 1);
  auto chain = ExtendChain(nullptr, 0, 1, many);
  PanelChanges one;
  one.enterprises = {7};
  chain = ExtendChain(chain, 1, 2, one);
  Snapshot snap;
  snap.through = 2;
  snap.changes = chain;
  EXPECT_EQ(chain->links, 1);
  EXPECT_FALSE(ChangesSince(snap, 0).has_value());
  ASSERT_TRUE(ChangesSince(snap, 1).has_value());
}

}  // namespace
}  // namespace ballast::app
