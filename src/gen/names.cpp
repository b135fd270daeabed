// Plausible Chinese company names: 信阳 + 宏达 + 机械 + 有限公司. Uniqueness is not required.
#include <string>
#include <string_view>

#include "gen/roster.h"
#include "gen/tables.h"

namespace ballast::gen {

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() > suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// 信阳市 → 信阳, 延边朝鲜族自治州 → 延边, 白沙黎族自治县 → 白沙, 神农架林区 → 神农架.
std::string ShortName(std::string name) {
  static constexpr std::string_view kSuffixes[] = {"自治州", "自治县", "林区", "地区", "市", "盟"};
  static constexpr std::string_view kPeoples[] = {
      "朝鲜族", "土家族", "苗族",   "侗族", "布依族",   "藏族",   "羌族",
      "彝族",   "白族",   "哈尼族", "壮族", "傣族",     "景颇族", "傈僳族",
      "回族",   "黎族",   "蒙古族", "蒙古", "柯尔克孜", "哈萨克"};
  for (auto s : kSuffixes) {
    if (EndsWith(name, s)) {
      name.resize(name.size() - s.size());
      break;
    }
  }
  for (bool again = true; again;) {
    again = false;
    for (auto p : kPeoples) {
      if (EndsWith(name, p)) {
        name.resize(name.size() - p.size());
        again = true;
      }
    }
  }
  return name;
}

// The city an enterprise's name carries: the prefecture, the municipality, or a county-level
// city under the province itself.
std::string CityShortName(const CodeTree& regions, NodeId unit) {
  const CodeNode& n = regions.node(unit);
  NodeId city = unit;
  if (n.level >= 3 && n.parent != kNoNode) {
    const CodeNode& parent = regions.node(n.parent);
    bool municipality = parent.code == "110000" || parent.code == "120000" ||
                        parent.code == "310000" || parent.code == "500000";
    if (parent.level == 2 || municipality) city = n.parent;
  }
  return ShortName(regions.node(city).name);
}

constexpr std::string_view kTradeNames[] = {
    "宏达", "华信", "恒通", "鑫源", "金泰", "瑞丰", "永兴", "天成", "中联", "盛达", "东升", "新华",
    "兴业", "博远", "嘉禾", "广源", "润泽", "安泰", "宏远", "顺发", "正鑫", "德润", "昌盛", "富源",
    "长青", "海诚", "锦程", "佳和", "汇通", "金鼎", "联创", "耀华", "泰和", "远航", "华威", "建新",
    "明达", "同创", "万通", "鸿运", "振兴", "三维", "恒泰", "瑞祥", "天宇", "凯达", "隆盛", "信诚"};

}  // namespace

std::string FirmName(const CodeTree& regions, const Firm& firm, Rng& rng) {
  std::string name = CityShortName(regions, firm.region);
  name += kTradeNames[rng.Index(std::size(kTradeNames))];
  bool tech = (firm.tags & kTagSrdi) && rng.Bernoulli(0.5);
  name += tech ? std::string_view("科技") : Divisions()[firm.division].word;
  bool joint_stock =
      (firm.size == Size::kLarge || firm.size == Size::kMedium) && rng.Bernoulli(0.3);
  name += joint_stock ? "股份有限公司" : "有限公司";
  return name;
}

}  // namespace ballast::gen
