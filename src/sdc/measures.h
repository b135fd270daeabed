// Measures derived from suppressed magnitudes. A growth rate, share or contribution of a cell
// lets a reader recover the magnitudes it is computed from when the others are published
// (value / share = parent's value; value / (1 + yoy) = base), so a measure is suppressed when
// any magnitude it uses is.
#ifndef BALLAST_SDC_MEASURES_H_
#define BALLAST_SDC_MEASURES_H_

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "sdc/primary.h"

namespace ballast::sdc {

// The magnitudes a measure of a cell uses (bit flags).
enum Operand : uint8_t {
  kCellNow = 1,     // the cell's magnitude at t (value, or ytd for ytd measures)
  kCellBase = 2,    // the cell's same-sample base (last year's figure)
  kParentNow = 4,   // the parent's magnitude at t (along `of`)
  kParentBase = 8,  // the parent's base
};

// The suppression status of each operand, taken from the disclosure-controlled tables of the
// periods involved (for yoy_2y pass the worse of t-12 and t-24 as the base).
struct OperandStatus {
  Suppression cell_now = Suppression::kNone;
  Suppression cell_base = Suppression::kNone;
  Suppression parent_now = Suppression::kNone;
  Suppression parent_base = Suppression::kNone;
};

// The operands of an engine measure (names as in docs/measures.md): value, ytd -> cell;
// yoy, ytd_yoy, yoy_2y -> cell, base; share -> cell, parent; contrib_pp -> cell, base,
// parent base; contrib_share -> all four; growth_breadth -> cell (with few firms it tells
// which way one firm went); n -> none (a count of enterprises is not a magnitude). Ratio
// indicators (profit_margin, sales_ratio, debt_ratio) use the cell: pass the worse status of
// their numerator and denominator. Unknown names are an error, so a new measure is not
// published unchecked.
Result<uint8_t> MeasureOperands(std::string_view measure);

// The status of a measure: the cell's own status when the cell's magnitude is a suppressed
// operand, else kSecondary when another operand is suppressed, else kNone.
Result<Suppression> MeasureSuppression(std::string_view measure, const OperandStatus& status);

}  // namespace ballast::sdc

#endif  // BALLAST_SDC_MEASURES_H_
