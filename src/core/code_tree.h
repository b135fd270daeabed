// A classification as a forest of coded nodes: the GB/T 2260 region tree or the GB/T 4754
// industry tree. Membership walks the tree (pre-order intervals), never string prefixes.
#ifndef BALLAST_CORE_CODE_TREE_H_
#define BALLAST_CORE_CODE_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace ballast {

using NodeId = int32_t;
constexpr NodeId kNoNode = -1;

struct CodeNode {
  std::string code;
  std::string name;
  int level = 0;  // as in the source table; virtual roots have level 0
  NodeId parent = kNoNode;
  std::vector<NodeId> children;
  int32_t depth = 0;  // 0 for a root
  int32_t tin = 0;    // pre-order interval [tin, tout) of the subtree
  int32_t tout = 0;
};

class CodeTree {
 public:
  struct Row {
    std::string code, name, parent_code;
    int level = 0;
  };
  // Builds the tree; a row whose parent_code is empty becomes a root. Rows may come in any
  // order. Fails on duplicate codes or unknown parents.
  static Result<CodeTree> Build(const std::vector<Row>& rows);

  size_t size() const { return nodes_.size(); }
  const CodeNode& node(NodeId id) const { return nodes_[static_cast<size_t>(id)]; }
  const std::vector<NodeId>& roots() const { return roots_; }
  NodeId Find(std::string_view code) const;
  // True when `id` is `ancestor` or lies below it.
  bool Contains(NodeId ancestor, NodeId id) const {
    const auto& a = node(ancestor);
    const int32_t t = node(id).tin;
    return a.tin <= t && t < a.tout;
  }
  // The ancestor of `id` at `depth` (id itself when its depth equals it), or kNoNode.
  NodeId AncestorAtDepth(NodeId id, int32_t depth) const;
  int32_t max_depth() const { return max_depth_; }

 private:
  std::vector<CodeNode> nodes_;
  std::vector<NodeId> roots_;
  std::unordered_map<std::string, NodeId> by_code_;
  int32_t max_depth_ = 0;
};

}  // namespace ballast

#endif  // BALLAST_CORE_CODE_TREE_H_
