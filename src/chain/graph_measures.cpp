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

std::vector<std::optional<int>> ImmediateDominators(const FirmNetwork& net,
                                                    std::optional<int> root) {
  std::vector<std::optional<int>> out(static_cast<size_t>(net.size()));
  if (!root || *root < 0 || *root >= net.size()) return out;
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
  const Graph g = Build<Graph>(net);
  // Vertices the root does not reach keep null_vertex.
  std::vector<Vertex> dom(out.size(), boost::graph_traits<Graph>::null_vertex());
  auto dom_map = boost::make_iterator_property_map(dom.begin(), boost::get(boost::vertex_index, g));
  boost::lengauer_tarjan_dominator_tree(g, boost::vertex(static_cast<size_t>(*root), g), dom_map);
  for (size_t v = 0; v < out.size(); ++v) {
    if (dom[v] != boost::graph_traits<Graph>::null_vertex() && static_cast<int>(v) != *root) {
      out[v] = static_cast<int>(dom[v]);
    }
  }
  return out;
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
