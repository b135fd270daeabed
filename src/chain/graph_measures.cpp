#include "chain/graph_measures.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/dominator_tree.hpp>
#include <iterator>

namespace ballast::chain {
namespace {

template <typename Graph>
Graph Build(const FirmNetwork& net) {
  Graph g(static_cast<size_t>(net.size()));
  for (int s = 0; s < net.size(); ++s) {
    for (int c : net.customers(s)) boost::add_edge(s, c, g);
  }
  return g;
}

}  // namespace

namespace {

// Immediate dominators on the graph given by out-neighbour lists, rooted at `root`. Boost's
// Lengauer-Tarjan goes wrong when a vertex the root does not reach has an edge into one it
// reaches, so it runs on the reachable part only.
std::vector<std::optional<int>> Dominators(const std::vector<std::vector<int>>& out, int root) {
  const size_t n = out.size();
  std::vector<int> local(n, -1), global;
  local[root] = 0;
  global.push_back(root);
  for (size_t head = 0; head < global.size(); ++head) {
    for (int w : out[global[head]]) {
      if (local[w] < 0) {
        local[w] = static_cast<int>(global.size());
        global.push_back(w);
      }
    }
  }
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
  Graph g(global.size());
  for (size_t v = 0; v < global.size(); ++v) {
    for (int w : out[global[v]]) boost::add_edge(v, static_cast<Vertex>(local[w]), g);
  }
  std::vector<Vertex> dom(global.size(), boost::graph_traits<Graph>::null_vertex());
  auto dom_map = boost::make_iterator_property_map(dom.begin(), boost::get(boost::vertex_index, g));
  boost::lengauer_tarjan_dominator_tree(g, boost::vertex(0, g), dom_map);
  std::vector<std::optional<int>> idom(n);
  for (size_t v = 1; v < global.size(); ++v) {
    if (dom[v] != boost::graph_traits<Graph>::null_vertex()) idom[global[v]] = global[dom[v]];
  }
  return idom;
}

std::vector<std::vector<int>> OutLists(const FirmNetwork& net) {
  std::vector<std::vector<int>> out(static_cast<size_t>(net.size()));
  for (int f = 0; f < net.size(); ++f) out[f] = net.customers(f);
  return out;
}

}  // namespace

std::vector<std::optional<int>> ImmediateDominators(const FirmNetwork& net,
                                                    std::optional<int> root) {
  if (!root || *root < 0 || *root >= net.size()) return std::vector<std::optional<int>>(net.size());
  return Dominators(OutLists(net), *root);
}

std::vector<int> SupplyDominated(const FirmNetwork& net) {
  const int n = net.size();
  auto out = OutLists(net);
  out.emplace_back();  // the virtual source
  for (int f = 0; f < n; ++f) {
    if (net.suppliers(f).empty()) out[n].push_back(f);
  }
  const auto idom = Dominators(out, n);
  const auto sizes = DominatorSubtreeSizes(idom, n);
  std::vector<int> dominated(static_cast<size_t>(n), 0);
  for (int v = 0; v < n; ++v) dominated[v] = sizes[v] > 0 ? sizes[v] - 1 : 0;
  return dominated;
}

std::vector<double> Betweenness(const FirmNetwork& net) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  const Graph g = Build<Graph>(net);
  std::vector<double> centrality(static_cast<size_t>(net.size()), 0.0);
  boost::brandes_betweenness_centrality(
      g, boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, g)));
  for (double& c : centrality) c += 0.0;  // -0 never shows
  return centrality;
}

std::vector<bool> ArticulationPoints(const FirmNetwork& net) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  // Both directions of a pair of firms are one undirected edge.
  Graph g(static_cast<size_t>(net.size()));
  for (int s = 0; s < net.size(); ++s) {
    for (int c : net.customers(s)) {
      if (!boost::edge(s, c, g).second) boost::add_edge(s, c, g);
    }
  }
  std::vector<boost::graph_traits<Graph>::vertex_descriptor> points;
  boost::articulation_points(g, std::back_inserter(points));
  std::vector<bool> out(static_cast<size_t>(net.size()), false);
  for (auto v : points) out[v] = true;
  return out;
}

std::vector<int> DominatorSubtreeSizes(const std::vector<std::optional<int>>& idom,
                                       std::optional<int> root) {
  const size_t n = idom.size();
  std::vector<int> size(n, 0);
  if (!root || *root < 0 || static_cast<size_t>(*root) >= n) return size;
  // Walk each reached firm up to the root, counting it in every ancestor's subtree. The tree's
  // depth is small in supply networks; this is O(n * depth).
  for (size_t v = 0; v < n; ++v) {
    if (static_cast<int>(v) != *root && !idom[v]) continue;
    for (std::optional<int> a = static_cast<int>(v); a; a = idom[*a]) ++size[*a];
  }
  return size;
}

}  // namespace ballast::chain
