#include "sdc/table.h"

#include <cmath>
#include <string>

namespace ballast::sdc {

int SdcTable::SuppressedCount() const {
  int n = 0;
  for (const SdcCell& c : cells) n += IsSuppressed(c.status) ? 1 : 0;
  return n;
}

Status SdcTable::Validate() const {
  const int n = static_cast<int>(cells.size());
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(cells[static_cast<size_t>(i)].value)) {
      return Status::Invalid("disclosure control: cell " + std::to_string(i) +
                             " has a non-finite value");
    }
  }
  std::vector<int> mark(cells.size(), -1);
  for (size_t k = 0; k < constraints.size(); ++k) {
    const SdcConstraint& c = constraints[k];
    const std::string where = "disclosure control: constraint " + std::to_string(k);
    if (c.children.empty()) return Status::Invalid(where + " has no children");
    auto check = [&](int cell) -> Status {
      if (cell < 0 || cell >= n) {
        return Status::Invalid(where + " names cell " + std::to_string(cell) + " of " +
                               std::to_string(n));
      }
      if (mark[static_cast<size_t>(cell)] == static_cast<int>(k)) {
        return Status::Invalid(where + " names cell " + std::to_string(cell) + " twice");
      }
      mark[static_cast<size_t>(cell)] = static_cast<int>(k);
      return Status::Ok();
    };
    RETURN_IF_ERROR(check(c.parent));
    for (int child : c.children) RETURN_IF_ERROR(check(child));
  }
  return Status::Ok();
}

TwoWayLayout AddTwoWay(SdcTable* table, int rows, int cols) {
  TwoWayLayout l;
  l.first = static_cast<int>(table->cells.size());
  l.rows = rows;
  l.cols = cols;
  for (int i = 0; i < (rows + 1) * (cols + 1); ++i) table->AddCell(0);
  for (int r = 0; r <= rows; ++r) {  // r == rows: the column totals add up to the grand total
    std::vector<int> children;
    children.reserve(static_cast<size_t>(cols));
    for (int c = 0; c < cols; ++c) children.push_back(l.Cell(r, c));
    table->AddConstraint(l.Cell(r, cols), std::move(children));
  }
  for (int c = 0; c <= cols; ++c) {
    std::vector<int> children;
    children.reserve(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) children.push_back(l.Cell(r, c));
    table->AddConstraint(l.Cell(rows, c), std::move(children));
  }
  return l;
}

void FillTwoWayTotals(SdcTable* table, const TwoWayLayout& l) {
  auto at = [&](int cell) -> double& { return table->cells[static_cast<size_t>(cell)].value; };
  for (int r = 0; r <= l.rows; ++r) at(l.RowTotal(r)) = 0;
  for (int c = 0; c < l.cols; ++c) at(l.ColTotal(c)) = 0;
  for (int r = 0; r < l.rows; ++r) {
    for (int c = 0; c < l.cols; ++c) {
      at(l.RowTotal(r)) += at(l.Cell(r, c));
      at(l.ColTotal(c)) += at(l.Cell(r, c));
    }
    at(l.GrandTotal()) += at(l.RowTotal(r));
  }
}

namespace {

// The children of every node, after checking that parents exist and every chain ends at a root.
Result<std::vector<std::vector<int>>> Children(const std::vector<int>& parent, const char* what) {
  const int n = static_cast<int>(parent.size());
  std::vector<std::vector<int>> kids(parent.size());
  for (int v = 0; v < n; ++v) {
    const int p = parent[static_cast<size_t>(v)];
    if (p < -1 || p >= n || p == v) {
      return Status::Invalid(std::string("disclosure control: ") + what + " node " +
                             std::to_string(v) + " has parent " + std::to_string(p));
    }
    int steps = 0;
    for (int u = p; u >= 0; u = parent[static_cast<size_t>(u)]) {
      if (++steps > n) {
        return Status::Invalid(std::string("disclosure control: ") + what + " node " +
                               std::to_string(v) + " is on a cycle of parents");
      }
    }
    if (p >= 0) kids[static_cast<size_t>(p)].push_back(v);
  }
  return kids;
}

}  // namespace

Result<CrossLayout> AddCrossTable(SdcTable* table, const std::vector<int>& row_parent,
                                  const std::vector<int>& col_parent) {
  ASSIGN_OR_RETURN(const auto row_kids, Children(row_parent, "row"));
  ASSIGN_OR_RETURN(const auto col_kids, Children(col_parent, "column"));
  CrossLayout l;
  l.first = static_cast<int>(table->cells.size());
  l.rows = static_cast<int>(row_parent.size());
  l.cols = static_cast<int>(col_parent.size());
  for (int i = 0; i < l.rows * l.cols; ++i) table->AddCell(0);
  for (int p = 0; p < l.rows; ++p) {
    const auto& kids = row_kids[static_cast<size_t>(p)];
    if (kids.empty()) continue;
    for (int c = 0; c < l.cols; ++c) {
      std::vector<int> children;
      for (int k : kids) children.push_back(l.Cell(k, c));
      table->AddConstraint(l.Cell(p, c), std::move(children));
    }
  }
  for (int q = 0; q < l.cols; ++q) {
    const auto& kids = col_kids[static_cast<size_t>(q)];
    if (kids.empty()) continue;
    for (int r = 0; r < l.rows; ++r) {
      std::vector<int> children;
      for (int k : kids) children.push_back(l.Cell(r, k));
      table->AddConstraint(l.Cell(r, q), std::move(children));
    }
  }
  return l;
}

}  // namespace ballast::sdc
