#include "chain/graph_measures.h"

#include <gtest/gtest.h>

#include "chain/firm_links.h"
#include "testing/testing.h"

namespace ballast::chain {
namespace {

FirmNetwork Net(const std::string& rows) {
  auto links = ReadFirmLinks("supplier,customer,product,value\n" + rows, "t.csv");
  EXPECT_TRUE(links.ok()) << links.status().ToString();
  return FirmNetwork(*links);
}

// idom of each firm as ids ("" = none), in firm order.
std::vector<std::string> Idoms(const FirmNetwork& net, const std::string& root) {
  std::vector<std::string> out;
  for (auto d : ImmediateDominators(net, net.Find(root))) out.push_back(d ? net.id(*d) : "");
  return out;
}

using V = std::vector<std::string>;

// Firms in order A, B, C, D, R. Edges R->A, R->B, A->C, B->C, C->D.
const char* kDiamond = "R,A,r,1\nR,B,r,1\nA,C,p,1\nB,C,p,1\nC,D,c,1\n";

TEST(GraphMeasuresTest, DiamondByHand) {
  FirmNetwork net = Net(kDiamond);
  // C is reached through A or B, so only R dominates it; D only through C.
  EXPECT_EQ(Idoms(net, "R"), (V{"R", "R", "R", "C", ""}));
  // Shortest paths through a firm: R->C (two, via A or B: 1/2 each), R->D (two: A 1/2, B 1/2, C 1),
  // A->D and B->D (through C). So A = 1, B = 1, C = 3.
  EXPECT_EQ(Betweenness(net), (std::vector<double>{1, 1, 3, 0, 0}));
  // Undirected: the cycle R-A-C-B-R with D hanging from C.
  EXPECT_EQ(ArticulationPoints(net), (std::vector<bool>{false, false, true, false, false}));
  const int r = *net.Find("R");
  EXPECT_EQ(DominatorSubtreeSizes(ImmediateDominators(net, r), r),
            (std::vector<int>{1, 1, 2, 1, 5}));
}

TEST(GraphMeasuresTest, ChainByHand) {
  FirmNetwork net = Net("A,B,a,1\nB,C,b,1\nC,D,c,1\n");
  EXPECT_EQ(Idoms(net, "A"), (V{"", "A", "B", "C"}));
  // Rooted downstream: A is unreachable, so it has no dominator.
  EXPECT_EQ(Idoms(net, "B"), (V{"", "", "B", "C"}));
  // B lies on A->C and A->D; C on A->D and B->D.
  EXPECT_EQ(Betweenness(net), (std::vector<double>{0, 2, 2, 0}));
  EXPECT_EQ(ArticulationPoints(net), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(Idoms(net, "nobody"), (V{"", "", "", ""}));
}

TEST(GraphMeasuresTest, StarByHand) {
  // X supplies hub H, which supplies Y1..Y3: H is on the three paths X->Yi.
  FirmNetwork net = Net("X,H,x,1\nH,Y1,h,1\nH,Y2,h,1\nH,Y3,h,1\n");  // order H X Y1 Y2 Y3
  EXPECT_EQ(Betweenness(net), (std::vector<double>{3, 0, 0, 0, 0}));
  EXPECT_EQ(ArticulationPoints(net), (std::vector<bool>{true, false, false, false, false}));
  EXPECT_EQ(Idoms(net, "X"), (V{"X", "", "H", "H", "H"}));
}

TEST(GraphMeasuresTest, SeveralProductsOnOneLinkAreOneEdge) {
  // A ships two products to B: still one shortest path A->C through B.
  FirmNetwork net = Net("A,B,p,1\nA,B,q,1\nB,C,b,1\n");
  EXPECT_EQ(Betweenness(net), (std::vector<double>{0, 1, 0}));
  EXPECT_EQ(ArticulationPoints(net), (std::vector<bool>{false, true, false}));
}

TEST(GraphMeasuresTest, BothDirectionsBetweenTwoFirms) {
  // A <-> B and B -> C. Directed paths through B: A->C only. Undirected: A-B-C, B articulates.
  FirmNetwork net = Net("A,B,p,1\nB,A,q,1\nB,C,b,1\n");
  EXPECT_EQ(Betweenness(net), (std::vector<double>{0, 1, 0}));
  EXPECT_EQ(ArticulationPoints(net), (std::vector<bool>{false, true, false}));
  EXPECT_EQ(Idoms(net, "C"), (V{"", "", ""}));
  EXPECT_EQ(Idoms(net, "A"), (V{"", "A", "B"}));
}

TEST(GraphMeasuresTest, UnreachableSupplierDoesNotHideDominators) {
  // X (not reached from R) also supplies C: C's immediate dominator from R is still A. Boost's
  // Lengauer-Tarjan on the whole graph left C and D without one (found against networkx).
  FirmNetwork net = Net("R,A,r,1\nA,C,a,1\nX,C,x,1\nC,D,c,1\n");  // order A C D R X
  EXPECT_EQ(Idoms(net, "R"), (V{"R", "A", "C", "", ""}));
}

TEST(GraphMeasuresTest, SupplyDominatedByHand) {
  // Diamond: the only source R feeds everything; D gets everything through C.
  FirmNetwork net = Net(kDiamond);  // order A B C D R
  EXPECT_EQ(SupplyDominated(net), (std::vector<int>{0, 0, 1, 0, 4}));
  // Two sources S and T both feed C: neither dominates it.
  FirmNetwork two = Net("S,C,p,1\nT,C,p,1\nC,D,c,1\n");  // order C D S T
  EXPECT_EQ(SupplyDominated(two), (std::vector<int>{1, 0, 0, 0}));
}

}  // namespace
}  // namespace ballast::chain
