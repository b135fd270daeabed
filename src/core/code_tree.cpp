#include "core/code_tree.h"

#include <algorithm>

namespace ballast {

Result<CodeTree> CodeTree::Build(const std::vector<Row>& rows) {
  CodeTree t;
  t.nodes_.reserve(rows.size());
  for (const auto& r : rows) {
    auto [it, inserted] = t.by_code_.emplace(r.code, static_cast<NodeId>(t.nodes_.size()));
    if (!inserted) return Status::Invalid("duplicate code '" + r.code + "' in classification");
    CodeNode n;
    n.code = r.code;
    n.name = r.name;
    n.level = r.level;
    t.nodes_.push_back(std::move(n));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].parent_code.empty()) {
      t.roots_.push_back(static_cast<NodeId>(i));
      continue;
    }
    NodeId p = t.Find(rows[i].parent_code);
    if (p == kNoNode) {
      return Status::Invalid("code '" + rows[i].code + "' names unknown parent '" +
                             rows[i].parent_code + "'");
    }
    t.nodes_[i].parent = p;
    t.nodes_[static_cast<size_t>(p)].children.push_back(static_cast<NodeId>(i));
  }
  auto by_code = [&t](NodeId a, NodeId b) { return t.node(a).code < t.node(b).code; };
  std::sort(t.roots_.begin(), t.roots_.end(), by_code);
  for (auto& n : t.nodes_) std::sort(n.children.begin(), n.children.end(), by_code);
  // Iterative pre-order numbering (the trees are shallow, but stay safe on any input).
  int32_t clock = 0;
  std::vector<std::pair<NodeId, size_t>> stack;
  for (NodeId root : t.roots_) {
    stack.push_back({root, 0});
    t.nodes_[static_cast<size_t>(root)].tin = clock++;
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      auto& n = t.nodes_[static_cast<size_t>(id)];
      if (next < n.children.size()) {
        NodeId c = n.children[next++];
        auto& cn = t.nodes_[static_cast<size_t>(c)];
        cn.depth = n.depth + 1;
        t.max_depth_ = std::max(t.max_depth_, cn.depth);
        cn.tin = clock++;
        stack.push_back({c, 0});
      } else {
        n.tout = clock;
        stack.pop_back();
      }
    }
  }
  if (clock != static_cast<int32_t>(t.nodes_.size())) {
    return Status::Invalid("classification has a cycle");
  }
  return t;
}

NodeId CodeTree::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? kNoNode : it->second;
}

NodeId CodeTree::AncestorAtDepth(NodeId id, int32_t depth) const {
  if (id == kNoNode || node(id).depth < depth) return kNoNode;
  while (node(id).depth > depth) id = node(id).parent;
  return id;
}

}  // namespace ballast
