// The column lists and row conversions both cultivation stores share (SQL text lives in store/).
#ifndef BALLAST_STORE_CULTIVATION_ROWS_H_
#define BALLAST_STORE_CULTIVATION_ROWS_H_

#include <string>

#include "cultivation/pool.h"

namespace ballast::cultivation_rows {

inline constexpr const char* kMemberColumns = "uscc, name, region, industry, tags, joined, left_on";
inline constexpr const char* kRevenueColumns = "uscc, year, month, revenue";
inline constexpr const char* kStageColumns =
    "uscc, stage, year, rd_share, revenue_growth, main_product_share";

// `row` answers Text(col), Int(col), Double(col) and IsNull(col).
template <typename Row>
cultivation::Member MemberFromRow(const Row& row) {
  cultivation::Member m;
  m.uscc = row.Text(0);
  m.name = row.Text(1);
  m.region = row.Text(2);
  m.industry = row.Text(3);
  m.tags = cultivation::SplitTags(row.Text(4));
  m.joined = row.Text(5);
  m.left = row.Text(6);
  return m;
}

template <typename Row>
cultivation::RevenueReport RevenueFromRow(const Row& row) {
  return {row.Text(0), static_cast<int>(row.Int(1)), static_cast<int>(row.Int(2)), row.Double(3)};
}

template <typename Row>
Result<cultivation::Recognition> StageFromRow(const Row& row) {
  cultivation::Recognition r;
  r.uscc = row.Text(0);
  const auto stage = cultivation::ParseStage(row.Text(1));
  if (!stage) return Status::Internal("damaged stage row of " + r.uscc + ": '" + row.Text(1) + "'");
  r.stage = *stage;
  r.year = static_cast<int>(row.Int(2));
  if (!row.IsNull(3)) r.rd_share = row.Double(3);
  if (!row.IsNull(4)) r.revenue_growth = row.Double(4);
  if (!row.IsNull(5)) r.main_product_share = row.Double(5);
  return r;
}

}  // namespace ballast::cultivation_rows

#endif  // BALLAST_STORE_CULTIVATION_ROWS_H_
