#include "chain/cascade.h"

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

std::vector<std::string> Victims(const FirmNetwork& net, const std::string& firm) {
  std::vector<std::string> out;
  for (int f : CascadeVictims(net, *net.Find(firm))) out.push_back(net.id(f));
  return out;
}

using V = std::vector<std::string>;

// R supplies A and B; C buys product p from A or B (alternatives); D buys from C.
const char* kDiamond = "R,A,r,1\nR,B,r,1\nA,C,p,1\nB,C,p,1\nC,D,c,1\n";

TEST(CascadeTest, AlternativesOfOneProductKeepTheCustomerRunning) {
  FirmNetwork net = Net(kDiamond);
  EXPECT_EQ(Victims(net, "A"), V{});  // C still gets p from B
  EXPECT_EQ(Victims(net, "B"), V{});
  EXPECT_EQ(Victims(net, "C"), V{"D"});
  EXPECT_EQ(Victims(net, "R"), (V{"A", "B", "C", "D"}));
  EXPECT_EQ(Victims(net, "D"), V{});
}

TEST(CascadeTest, DifferentProductsAreAllNeeded) {
  // C needs p (only from A) and q (only from B): losing either stops C, then D.
  FirmNetwork net = Net("R,A,r,1\nR,B,r,1\nA,C,p,1\nB,C,q,1\nC,D,c,1\n");
  EXPECT_EQ(Victims(net, "A"), (V{"C", "D"}));
  EXPECT_EQ(Victims(net, "B"), (V{"C", "D"}));
}

TEST(CascadeTest, FailuresNeedAllSuppliersOfTheProductAcrossRounds) {
  // X buys p from Y and Z; Y depends on S, Z depends on Y (two rounds before X fails).
  FirmNetwork net = Net("S,Y,s,1\nY,Z,y,1\nY,X,p,1\nZ,X,p,1\nX,W,x,1\n");
  EXPECT_EQ(Victims(net, "S"), (V{"W", "X", "Y", "Z"}));
  EXPECT_EQ(Victims(net, "Z"), V{});  // X still gets p from Y
}

TEST(CascadeTest, CyclesReachAFixpoint) {
  // A and B supply each other, and B also buys a from C: stopping A leaves B running (it has C),
  // stopping C and A together stops B.
  FirmNetwork net = Net("A,B,a,1\nC,B,a,1\nB,A,b,1\n");
  EXPECT_EQ(Victims(net, "A"), V{});
  EXPECT_EQ(Victims(net, "B"), V{"A"});
  auto failed = Cascade(net, {*net.Find("A"), *net.Find("C")});
  EXPECT_TRUE(failed[*net.Find("B")]);
}

TEST(CascadeTest, SortedByteOrderOfIds) {
  FirmNetwork net = Net("S,b,p,1\nS,B,p,1\nS,a,p,1\nS,A10,p,1\nS,A9,p,1\n");
  EXPECT_EQ(Victims(net, "S"), (V{"A10", "A9", "B", "a", "b"}));
}

}  // namespace
}  // namespace ballast::chain
