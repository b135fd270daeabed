// Shared fixtures for the tests under test/: temporary folders, a small hand-made province,
// and XLSX files built in memory.
#ifndef BALLAST_TEST_TEST_UTIL_H_
#define BALLAST_TEST_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <vector>

#include "app/service.h"
#include "testing/testing.h"

namespace ballast::test {

// A fresh folder under the system's temp dir, removed by the destructor.
using TempDir = ::ballast::testing::TempDir;

// Hand-made data (see the comment in test_util.cpp for the figures and hand calculations).
extern const char* const kEnterprisesCsv;
extern const char* const kObservationsCsv;
// A revision of one figure of kObservationsCsv.
extern const char* const kRevisionCsv;

// Files an appeal of enterprise A and walks it to a rating of "solved" (the resolution rate
// becomes 1/1): accept and dispatch to 省工业和信息化厅 as the whole country's admin, start and
// reply as that unit, rate as the enterprise.
Status RateOneAppealSolved(app::Service& svc);

// A minimal XLSX workbook whose first sheet holds the rows (inline strings).
std::string MakeXlsx(const std::vector<std::vector<std::string>>& rows);
// Splits CSV text (no quoting) into rows of cells.
std::vector<std::vector<std::string>> SplitCsv(const std::string& text);

}  // namespace ballast::test

#endif  // BALLAST_TEST_TEST_UTIL_H_
