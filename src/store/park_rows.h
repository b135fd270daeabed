// The column lists and row conversions both park stores share (SQL text lives in store/).
#ifndef BALLAST_STORE_PARK_ROWS_H_
#define BALLAST_STORE_PARK_ROWS_H_

#include <string>

#include "parks/park.h"

namespace ballast::park_rows {

inline constexpr const char* kParkColumns =
    "code, name, level, region, area_mu, industrial_land_share, leading_industries";
inline constexpr const char* kMemberColumns = "park, uscc, from_date, to_date";
inline constexpr const char* kResourceColumns = "uscc, year, land_mu, energy_tce, tax, rd_expense";

// `row` answers Text(col), Int(col), Double(col) and IsNull(col).
template <typename Row>
Result<parks::Park> ParkFromRow(const Row& row) {
  parks::Park p;
  p.code = row.Text(0);
  p.name = row.Text(1);
  const auto level = parks::ParseLevel(row.Text(2));
  if (!level) return Status::Internal("damaged park " + p.code + ": level '" + row.Text(2) + "'");
  p.level = *level;
  p.region = row.Text(3);
  p.area_mu = row.Double(4);
  p.industrial_land_share = row.Double(5);
  p.leading_industries = parks::SplitIndustries(row.Text(6));
  return p;
}

template <typename Row>
parks::Membership MemberFromRow(const Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
}

template <typename Row>
parks::Resource ResourceFromRow(const Row& row) {
  parks::Resource r;
  r.uscc = row.Text(0);
  r.year = static_cast<int>(row.Int(1));
  r.land_mu = row.Double(2);
  r.energy_tce = row.Double(3);
  r.tax = row.Double(4);
  if (!row.IsNull(5)) r.rd_expense = row.Double(5);
  return r;
}

}  // namespace ballast::park_rows

#endif  // BALLAST_STORE_PARK_ROWS_H_
