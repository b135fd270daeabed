// Hand-set parameters of the synthetic economy: per industrial division and per province. These are
// invented but plausible magnitudes for development and tests; they are not statistics.
#ifndef BALLAST_GEN_TABLES_H_
#define BALLAST_GEN_TABLES_H_

#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::gen {

// How a division's output moves through the year.
enum class SeasonClass {
  kNormal,      // discrete manufacturing: Spring Festival dip, quarter-end and December pushes
  kContinuous,  // process industries (mining, chemicals, metals): small festival dip
  kLabour,      // labour-intensive (textiles, apparel, furniture): deep festival dip
  kUtility,     // power, gas, water: winter and summer peaks, almost no festival dip
};
inline constexpr int kSeasonClasses = 4;

struct DivisionInfo {
  std::string_view code;  // GB/T 4754 division, "06".."46"
  std::string_view word;  // trade word for company names
  double growth;          // trend nominal growth per year
  double elec;            // electricity intensity, 万千瓦时 per 万元 of output
  double productivity;    // revenue per person employed, 万元 per year
  SeasonClass season;
  double export_p;      // share of domestic enterprises that export
  double large_factor;  // multiplies the chance of being large or medium
  double state_p;       // chance of being state-controlled (国有)
  double capital;       // assets per revenue, relative to the industrial average
  double tax;           // taxes per revenue; 0 = the usual 3-5 %
};

// The 41 industrial divisions 06..46, in code order.
const std::vector<DivisionInfo>& Divisions();

struct ProvinceInfo {
  std::string_view code;
  double enterprises;  // rough count of above-scale industrial enterprises (order of 2023)
  double foreign;      // relative propensity of foreign-funded enterprises (1 = average)
};
// The 31 mainland provinces; Hong Kong, Macao and Taiwan carry no enterprises.
const std::vector<ProvinceInfo>& Provinces();
// Regional specialisation: a multiplier on the division weight in a province (1 by default).
double Specialisation(std::string_view province, std::string_view division);

// Gross output weights per division (index as Divisions()), from the embedded
// division_weights.csv; fails if the file misses a division.
Result<std::vector<double>> DivisionWeights();
std::string_view EmbeddedDivisionWeightsCsv();

}  // namespace ballast::gen

#endif  // BALLAST_GEN_TABLES_H_
