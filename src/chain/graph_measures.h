// Graph measures of the firm network, computed with Boost.Graph on the simple directed graph
// supplier -> customer (FirmNetwork collapses parallel links; there are no self-loops).
#ifndef BALLAST_CHAIN_GRAPH_MEASURES_H_
#define BALLAST_CHAIN_GRAPH_MEASURES_H_

#include <optional>
#include <vector>

#include "chain/firm_network.h"

namespace ballast::chain {

// Immediate dominator of every firm in the dominator tree rooted at `root` (Lengauer–Tarjan):
// nullopt for the root and for firms the root does not reach (and for all when root is nullopt).
std::vector<std::optional<int>> ImmediateDominators(const FirmNetwork& net,
                                                    std::optional<int> root);

// Brandes betweenness on the directed graph, unweighted and unnormalised: for each firm v, the
// sum over ordered pairs s != v != t of the share of shortest s->t paths through v (as networkx
// betweenness_centrality(G, normalized=False) on a DiGraph).
std::vector<double> Betweenness(const FirmNetwork& net);

// Articulation points of the undirected simple view of the network.
std::vector<bool> ArticulationPoints(const FirmNetwork& net);

// Size of every firm's subtree in the dominator tree (the firm itself included; 0 when the root
// does not reach it): how many firms the root reaches only through it.
std::vector<int> DominatorSubtreeSizes(const std::vector<std::optional<int>>& idom,
                                       std::optional<int> root);

// For every firm, how many other firms receive all their supply through it: the size of its
// subtree, minus itself, in the dominator tree of the network rooted at a virtual source that
// feeds every firm without suppliers (firms on a closed cycle with no source count 0).
std::vector<int> SupplyDominated(const FirmNetwork& net);

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_GRAPH_MEASURES_H_
