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

}  // namespace ballast::sdc
