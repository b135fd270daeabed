// Field-level parsing shared by the validators.
#ifndef BALLAST_INGEST_FIELDS_H_
#define BALLAST_INGEST_FIELDS_H_

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/report.h"

namespace ballast::ingest {

enum class NumberParse { kEmpty, kOk, kInvalid, kImplausible };
// No figure of an enterprise comes near this (10^15 yuan is ten times China's GDP); larger
// magnitudes are typing or unit errors and would make sums lose all precision.
constexpr double kMaxMagnitude = 1e15;
// A plain decimal number ("1234.5", "-3", "1e3"); no thousands separators, no nan/inf.
// kImplausible: a number beyond kMaxMagnitude (or beyond double's range, as "1e400").
NumberParse ParseNumber(std::string_view text, double* out);

// A cell's text quoted for a message: 'text', cut to a short length so that a huge cell
// quoted by many errors cannot flood the report.
std::string Quote(std::string_view text);

// Why a text cell cannot be stored, or null: control characters (C0 except tab, DEL, C1) have
// no place in names and codes and break exports and terminals.
const char* ControlCharacterProblem(std::string_view text);
// True when text begins with a character that spreadsheets read as a formula (=, +, -, @).
bool HasFormulaPrefix(std::string_view text);

// Maps the header's columns onto the names a file kind expects.
class ColumnMap {
 public:
  // Validates the header (line 1): every required column present once, no unknown column.
  // Column names are matched case-insensitively after trimming.
  bool Bind(std::span<const std::string_view> header, std::span<const std::string_view> required,
            std::span<const std::string_view> optional, ImportReport* report);
  // Position of a known column in the row, or -1 when the file lacks it.
  int Index(size_t name_index) const { return index_[name_index]; }
  // Number of columns of the header.
  size_t width() const { return width_; }
  // The cell of a known column (empty when absent or the row is short).
  std::string_view Cell(std::span<const std::string_view> row, size_t name_index) const {
    int i = index_[name_index];
    return i < 0 || static_cast<size_t>(i) >= row.size() ? std::string_view()
                                                         : row[static_cast<size_t>(i)];
  }

 private:
  std::vector<int> index_;  // by name index (required then optional)
  size_t width_ = 0;
};

std::string Lower(std::string_view s);

}  // namespace ballast::ingest

#endif  // BALLAST_INGEST_FIELDS_H_
