#include "gen/tables.h"

#include <cstdlib>
#include <string>

#include "core/catalog.h"
#include "core/incbin.h"

// The division weights file is linked into the binary so that generation needs no data folder.
BALLAST_INCBIN(ballast_gen_division_weights, BALLAST_GEN_DATA_DIR "/division_weights.csv")

namespace ballast::gen {

namespace {
using S = SeasonClass;
constexpr S kN = S::kNormal, kC = S::kContinuous, kL = S::kLabour, kU = S::kUtility;
}  // namespace

const std::vector<DivisionInfo>& Divisions() {
  // code, word, growth, elec, productivity, season, export_p, large, state_p, capital, tax
  static const std::vector<DivisionInfo> kTable = {
      {"06", "煤业", 0.03, 0.040, 150, kC, 0.01, 3.0, 0.35, 1.6, 0},
      {"07", "石油", 0.04, 0.030, 400, kC, 0.01, 8.0, 0.60, 2.0, 0},
      {"08", "矿业", 0.03, 0.080, 150, kC, 0.01, 1.0, 0.10, 1.3, 0},
      {"09", "矿业", 0.04, 0.060, 150, kC, 0.01, 1.0, 0.10, 1.3, 0},
      {"10", "矿产", 0.04, 0.050, 150, kC, 0.02, 1.0, 0.05, 1.2, 0},
      {"11", "矿山服务", 0.05, 0.020, 100, kN, 0.01, 1.0, 0.20, 1.0, 0},
      {"12", "矿业", 0.03, 0.040, 100, kC, 0.01, 1.0, 0.05, 1.0, 0},
      {"13", "农产品加工", 0.04, 0.015, 300, kN, 0.08, 1.0, 0.03, 0.7, 0},
      {"14", "食品", 0.05, 0.020, 150, kN, 0.10, 1.0, 0.03, 0.9, 0},
      {"15", "饮品", 0.05, 0.012, 180, kN, 0.03, 1.0, 0.08, 1.3, 0.08},
      {"16", "卷烟", 0.04, 0.003, 600, kN, 0.01, 12.0, 0.95, 1.0, 0.25},
      {"17", "纺织", 0.03, 0.050, 100, kL, 0.30, 1.0, 0.02, 0.9, 0},
      {"18", "服饰", 0.03, 0.010, 60, kL, 0.45, 1.0, 0.01, 0.7, 0},
      {"19", "鞋业", 0.03, 0.010, 60, kL, 0.50, 1.0, 0.01, 0.7, 0},
      {"20", "木业", 0.03, 0.030, 150, kL, 0.15, 1.0, 0.01, 0.7, 0},
      {"21", "家具", 0.03, 0.015, 90, kL, 0.30, 1.0, 0.01, 0.8, 0},
      {"22", "纸业", 0.04, 0.060, 200, kC, 0.08, 1.5, 0.03, 1.2, 0},
      {"23", "印务", 0.03, 0.020, 100, kN, 0.10, 1.0, 0.05, 1.0, 0},
      {"24", "文体用品", 0.04, 0.012, 90, kL, 0.45, 1.0, 0.01, 0.7, 0},
      {"25", "能源化工", 0.04, 0.020, 800, kC, 0.03, 3.0, 0.20, 0.8, 0.10},
      {"26", "化工", 0.05, 0.070, 300, kC, 0.15, 1.5, 0.06, 1.2, 0},
      {"27", "药业", 0.06, 0.020, 170, kN, 0.12, 1.2, 0.05, 1.5, 0},
      {"28", "化纤", 0.05, 0.070, 400, kC, 0.15, 2.0, 0.02, 1.0, 0},
      {"29", "塑胶", 0.05, 0.040, 120, kN, 0.25, 1.0, 0.01, 0.9, 0},
      {"30", "建材", 0.03, 0.080, 150, kC, 0.08, 1.0, 0.05, 1.1, 0},
      {"31", "钢铁", 0.03, 0.080, 500, kC, 0.10, 3.0, 0.15, 1.0, 0},
      {"32", "有色金属", 0.06, 0.120, 500, kC, 0.10, 2.0, 0.10, 0.9, 0},
      {"33", "金属制品", 0.05, 0.030, 120, kN, 0.25, 1.0, 0.02, 0.9, 0},
      {"34", "机械", 0.07, 0.015, 120, kN, 0.25, 1.0, 0.04, 1.1, 0},
      {"35", "装备", 0.07, 0.012, 120, kN, 0.20, 1.0, 0.05, 1.2, 0},
      {"36", "汽车部件", 0.08, 0.010, 250, kN, 0.15, 2.5, 0.08, 1.0, 0},
      {"37", "交通装备", 0.08, 0.012, 150, kN, 0.25, 2.0, 0.20, 1.3, 0},
      {"38", "电气", 0.09, 0.012, 170, kN, 0.30, 1.2, 0.03, 1.0, 0},
      {"39", "电子", 0.09, 0.015, 150, kL, 0.35, 2.0, 0.04, 1.0, 0},
      {"40", "仪器仪表", 0.07, 0.010, 100, kN, 0.25, 1.0, 0.04, 1.2, 0},
      {"41", "工艺品", 0.05, 0.015, 80, kL, 0.35, 1.0, 0.01, 0.8, 0},
      {"42", "再生资源", 0.06, 0.030, 300, kN, 0.05, 1.0, 0.02, 0.8, 0},
      {"43", "设备维修", 0.06, 0.015, 100, kN, 0.05, 1.0, 0.10, 1.0, 0},
      {"44", "电力", 0.06, 0.100, 400, kU, 0.01, 3.0, 0.40, 2.5, 0},
      {"45", "燃气", 0.06, 0.020, 300, kU, 0.01, 1.5, 0.25, 1.5, 0},
      {"46", "水务", 0.05, 0.150, 80, kU, 0.01, 1.0, 0.60, 3.0, 0},
  };
  return kTable;
}

const std::vector<ProvinceInfo>& Provinces() {
  static const std::vector<ProvinceInfo> kTable = {
      {"110000", 3100, 1.2},  {"120000", 5600, 1.5},  {"130000", 18000, 0.5},
      {"140000", 7600, 0.3},  {"150000", 4100, 0.3},  {"210000", 9500, 0.9},
      {"220000", 3400, 0.6},  {"230000", 4600, 0.4},  {"310000", 9400, 2.5},
      {"320000", 60000, 1.6}, {"330000", 57000, 1.1}, {"340000", 21000, 0.6},
      {"350000", 21000, 1.4}, {"360000", 17000, 0.6}, {"370000", 37000, 0.9},
      {"410000", 25000, 0.4}, {"420000", 18000, 0.6}, {"430000", 20000, 0.5},
      {"440000", 72000, 2.0}, {"450000", 9000, 0.6},  {"460000", 700, 0.8},
      {"500000", 7600, 0.7},  {"510000", 17000, 0.5}, {"520000", 5000, 0.3},
      {"530000", 5400, 0.3},  {"540000", 200, 0.1},   {"610000", 8800, 0.4},
      {"620000", 2500, 0.2},  {"630000", 700, 0.2},   {"640000", 1600, 0.2},
      {"650000", 4400, 0.2},
  };
  return kTable;
}

double Specialisation(std::string_view province, std::string_view division) {
  struct Entry {
    std::string_view province, division;
    double factor;
  };
  // Well-known concentrations: coal in Shanxi and Inner Mongolia, tobacco in Yunnan, liquor in
  // Guizhou and Sichuan, electronics in Guangdong, textiles in Zhejiang and Fujian, cars in Jilin.
  static constexpr Entry kTable[] = {
      {"140000", "06", 8},   {"140000", "25", 3},   {"140000", "31", 1.5}, {"150000", "06", 6},
      {"150000", "32", 2},   {"150000", "44", 2},   {"610000", "06", 4},   {"610000", "07", 3},
      {"650000", "07", 4},   {"650000", "06", 3},   {"650000", "32", 2},   {"230000", "07", 4},
      {"620000", "32", 3},   {"620000", "25", 2},   {"640000", "06", 3},   {"640000", "26", 2},
      {"530000", "16", 6},   {"530000", "32", 2},   {"520000", "06", 3},   {"520000", "15", 3},
      {"440000", "39", 2.5}, {"440000", "38", 1.5}, {"440000", "21", 1.5}, {"320000", "39", 1.5},
      {"320000", "26", 1.3}, {"320000", "38", 1.3}, {"320000", "17", 1.3}, {"330000", "17", 2},
      {"330000", "18", 1.5}, {"330000", "38", 1.3}, {"350000", "18", 2},   {"350000", "19", 3},
      {"220000", "36", 3},   {"310000", "36", 2},   {"310000", "39", 1.5}, {"130000", "31", 3},
      {"210000", "31", 2},   {"210000", "25", 2},   {"370000", "25", 2},   {"370000", "26", 1.5},
      {"370000", "13", 1.5}, {"410000", "13", 1.5}, {"410000", "30", 1.3}, {"410000", "32", 1.5},
      {"410000", "06", 1.5}, {"420000", "36", 1.8}, {"500000", "36", 2},   {"500000", "39", 1.5},
      {"510000", "15", 2.5}, {"510000", "39", 1.3},
  };
  for (const auto& e : kTable) {
    if (e.province == province && e.division == division) return e.factor;
  }
  return 1.0;
}

std::string_view EmbeddedDivisionWeightsCsv() {
  return BALLAST_INCBIN_VIEW(ballast_gen_division_weights);
}

Result<std::vector<double>> DivisionWeights() {
  const auto& divisions = Divisions();
  std::vector<double> weights(divisions.size(), -1.0);
  std::string_view text = EmbeddedDivisionWeightsCsv();
  bool header = true;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {  // the column names
      header = false;
      continue;
    }
    auto f = SplitSimpleCsvLine(line);
    double w = f.size() >= 2 ? std::strtod(std::string(f[1]).c_str(), nullptr) : 0.0;
    bool found = false;
    for (size_t i = 0; i < divisions.size(); ++i) {
      if (divisions[i].code == f[0]) {
        weights[i] = w;
        found = true;
      }
    }
    if (!found || !(w > 0)) {
      return Status::Internal("division_weights.csv: bad line '" + std::string(line) + "'");
    }
  }
  for (size_t i = 0; i < divisions.size(); ++i) {
    if (weights[i] < 0) {
      return Status::Internal("division_weights.csv lacks division " +
                              std::string(divisions[i].code));
    }
  }
  return weights;
}

}  // namespace ballast::gen
