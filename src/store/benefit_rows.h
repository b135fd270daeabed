// The columns of the benefit tables and their rows, shared by the SQLite and PostgreSQL stores
// (`R` reads the current row: Text(c), Int(c), Double(c), IsNull(c)).
#ifndef BALLAST_STORE_BENEFIT_ROWS_H_
#define BALLAST_STORE_BENEFIT_ROWS_H_

#include "store/benefit_store.h"

namespace ballast::benefit_rows {

inline constexpr const char* kPolicyColumns =
    "id, title, issuer, doc_number, valid_from, valid_to, summary, benefit, conditions, "
    "updated_by, updated_at";
inline constexpr const char* kRecordColumns =
    "policy_id, uscc, region, status, applied_on, decided_on, amount, note, recorded_by, "
    "recorded_at";
inline constexpr const char* kAnswerColumns =
    "id, region, category, title, body, version, edited_by, edited_at";

template <typename R>
PolicyRecord PolicyFromRow(const R& r) {
  return PolicyRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                      r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10)};
}

template <typename R>
BenefitRecord RecordFromRow(const R& r) {
  BenefitRecord b{r.Text(0), r.Text(1),    r.Text(2), r.Text(3), r.Text(4),
                  r.Text(5), std::nullopt, r.Text(7), r.Text(8), r.Text(9)};
  if (!r.IsNull(6)) b.amount = r.Double(6);
  return b;
}

template <typename R>
StandardAnswer AnswerFromRow(const R& r) {
  return StandardAnswer{r.Int(0),  r.Text(1), r.Text(2), r.Text(3),
                        r.Text(4), r.Int(5),  r.Text(6), r.Text(7)};
}

}  // namespace ballast::benefit_rows

#endif  // BALLAST_STORE_BENEFIT_ROWS_H_
