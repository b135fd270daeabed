// The shipped catalogs, linked into the binary so that `ballast` needs no data folder at run time.
#include <cstddef>
#include <string_view>

#include "core/catalog.h"
#include "core/incbin.h"


BALLAST_INCBIN(ballast_regions_csv, BALLAST_DATA_DIR "/regions_gbt2260_2024.csv")
BALLAST_INCBIN(ballast_industries_csv, BALLAST_DATA_DIR "/industries_gbt4754_2017.csv")
BALLAST_INCBIN(ballast_indicators_csv, BALLAST_DATA_DIR "/indicators.csv")

namespace ballast {

const std::string_view Catalog::EmbeddedRegionsCsv() {
  return BALLAST_INCBIN_VIEW(ballast_regions_csv);
}
const std::string_view Catalog::EmbeddedIndustriesCsv() {
  return BALLAST_INCBIN_VIEW(ballast_industries_csv);
}
const std::string_view Catalog::EmbeddedIndicatorsCsv() {
  return BALLAST_INCBIN_VIEW(ballast_indicators_csv);
}

}  // namespace ballast
