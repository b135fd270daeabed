#include "sdc/measures.h"

#include <string>
#include <utility>

namespace ballast::sdc {

Result<uint8_t> MeasureOperands(std::string_view measure) {
  static constexpr std::pair<std::string_view, uint8_t> kTable[] = {
      {"value", kCellNow},
      {"ytd", kCellNow},
      {"yoy", kCellNow | kCellBase},
      {"ytd_yoy", kCellNow | kCellBase},
      {"yoy_real", kCellNow | kCellBase},
      {"ytd_yoy_real", kCellNow | kCellBase},
      {"yoy_2y", kCellNow | kCellBase},
      {"share", kCellNow | kParentNow},
      {"contrib_pp", kCellNow | kCellBase | kParentBase},
      {"contrib_share", kCellNow | kCellBase | kParentNow | kParentBase},
      {"growth_breadth", kCellNow},
      {"mom_sa", kCellNow | kCellBase},  // the cell now and its history
      {"profit_margin", kCellNow},
      {"sales_ratio", kCellNow},
      {"debt_ratio", kCellNow},
      {"n", 0},
      // Counts of enterprises on the roster, as n: no enterprise's figure enters them.
      {"roster", 0},
      {"entrants", 0},
      {"exits", 0},
      {"report_rate", 0},
  };
  for (const auto& [name, ops] : kTable) {
    if (name == measure) return ops;
  }
  return Status::Invalid("disclosure control: unknown measure " + std::string(measure));
}

Result<Suppression> MeasureSuppression(std::string_view measure, const OperandStatus& s) {
  ASSIGN_OR_RETURN(const uint8_t ops, MeasureOperands(measure));
  if ((ops & kCellNow) && IsSuppressed(s.cell_now)) return s.cell_now;
  const bool other = ((ops & kCellBase) && IsSuppressed(s.cell_base)) ||
                     ((ops & kParentNow) && IsSuppressed(s.parent_now)) ||
                     ((ops & kParentBase) && IsSuppressed(s.parent_base));
  return other ? Suppression::kSecondary : Suppression::kNone;
}

}  // namespace ballast::sdc
