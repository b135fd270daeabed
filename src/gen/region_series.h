// The demo's region series (issue #12 item 4): synthetic figures for Henan's 17 prefectures and
// 济源 as a statistics office publishes them — 工业投资 and 技改投资 as cumulative 1–N月 (from
// 1–2月) and 地区生产总值 as cumulative quarters, each with its cumulative growth. Magnitudes are
// of the published order (GDP of 2023 in 亿元 rounded, investment about a quarter of it), the
// paths are invented: they are not official figures.
#ifndef BALLAST_GEN_REGION_SERIES_H_
#define BALLAST_GEN_REGION_SERIES_H_

#include <cstdint>
#include <string>

#include "core/period.h"

namespace ballast::gen {

// region,period,indicator,value,ytd,yoy,ytd_yoy for the months first..end (万元, growth in %).
std::string RegionSeriesCsv(Period first, Period end, uint64_t seed);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_REGION_SERIES_H_
