// Input-output tables as shipped in data/io/ (see data/io/README.md): a `Code` column, optional
// description columns, an optional `Origin` column (Domestic / Imports / TOT), one intermediate
// column per sector (headed by the sector's code), final-use columns, and `GO` (gross output).
#ifndef BALLAST_CHAIN_IO_TABLE_H_
#define BALLAST_CHAIN_IO_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::chain {

struct IoTable {
  std::vector<std::string> codes;  // sectors in the order of their columns
  std::vector<std::string> names;  // DescriptionInChinese, else Description, else empty
  std::vector<double> z;           // domestic intermediate flows, row-major: z[i*n+j] = i -> j
  std::vector<double> x;           // gross output (GO)
  int n() const { return static_cast<int>(codes.size()); }
  double Z(int i, int j) const {
    return z[static_cast<size_t>(i) * codes.size() + static_cast<size_t>(j)];
  }
};

// The sectors are the columns headed by the code of a row (of a Domestic row when the table has an
// Origin column); other rows (imports, totals, value added) and columns (final use) are ignored.
// Empty intermediate cells are 0. Errors name the file, line and column.
Result<IoTable> ReadIoTable(std::string_view bytes, std::string_view file_name);

// data/io/io_2020_42.csv (42 sectors, 2020), compiled into the binary for the demo generator.
Result<IoTable> ShippedIoTable42();

}  // namespace ballast::chain

#endif  // BALLAST_CHAIN_IO_TABLE_H_
