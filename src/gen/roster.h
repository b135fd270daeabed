// The synthetic roster: who the enterprises are (place, industry, size, tags, code), their model
// parameters, and when they enter and leave the above-scale panel.
#ifndef BALLAST_GEN_ROSTER_H_
#define BALLAST_GEN_ROSTER_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "gen/generator.h"
#include "gen/random.h"

namespace ballast::gen {

enum class Size : uint8_t { kLarge, kMedium, kSmall, kMicro };
const char* SizeName(Size s);

// Tag bits, in the order they are written.
enum TagBit : uint8_t {
  kTagSrdi = 1,         // 专精特新
  kTagLittleGiant = 2,  // 小巨人
  kTagChampion = 4,     // 单项冠军
  kTagChainLeader = 8,  // 链主
  kTagForeign = 16,     // 外资
  kTagState = 32,       // 国有
};
// Appends the `;`-separated tag names.
void AppendTags(uint8_t tags, std::string* out);

struct Firm {
  std::array<char, 18> uscc{};
  NodeId region = kNoNode;    // a county-level unit (a leaf of the region tree)
  NodeId industry = kNoNode;  // a 4-digit class
  uint8_t division = 0;       // index into Divisions()
  Size size = Size::kSmall;
  uint8_t tags = 0;
  bool exporter = false;
  bool entrant = false;      // joined the panel after the first period
  bool in_collapse = false;  // located in the collapse city
  bool stops_last = false;   // a planted stoppage: zero output in the run's last month
  int16_t entry_year = 0;    // first calendar year reported
  int16_t exit_year = 0;     // first calendar year no longer reported; 0 = never
  uint64_t key = 0;          // noise key (see Hash3)

  // Model parameters (see model.cpp). Output is monthly, in 万元.
  float log_base = 0;  // log monthly output at the first period, before seasonality
  float growth = 0;    // log growth per year
  float idio_a1 = 0, idio_w1 = 0, idio_p1 = 0;  // slow own cycle: amplitude, rad/month, phase
  float idio_a2 = 0, idio_w2 = 0, idio_p2 = 0;  // faster own cycle
  float noise = 0;                              // monthly log noise
  float sales_ratio = 0, export_share = 0, revenue_ratio = 0, cost_ratio = 0;
  float margin = 0;  // profit per revenue in a normal year (may be negative)
  float tax_rate = 0;
  float elec_log = 0;  // log electricity = elec_log + 0.8 log output (elasticity 0.8)
  float inventory_months = 0, asset_ratio = 0, debt_ratio = 0;
  float employees = 0, employee_growth = 0;
};

// Entrants that join in one January; they are contiguous in the roster.
struct Cohort {
  int year = 0;
  size_t begin = 0, end = 0;
};

struct Roster {
  std::vector<Firm> firms;  // initial enterprises first, then the cohorts in year order
  size_t initial = 0;
  std::vector<Cohort> cohorts;
};

// Draws the roster for options.province (or the country) over the run's Januaries.
Result<Roster> BuildRoster(const Catalog& catalog, const Options& options, Rng& rng);

// The collapse city for the options (kNoNode for none): the named one, else 411500 when in scope,
// else the prefecture of median size. Fails on an unknown or out-of-scope code.
Result<NodeId> ChooseCollapseCity(const Catalog& catalog, const Options& options,
                                  const Roster& roster);

// The first of the latest two consecutive months (neither a January) whose year-earlier months
// are in the run, or 0 when the run is too short.
Period ChooseCollapseMonths(Period first, int months);

// A company name: city short name + trade name + industry word + 有限公司.
std::string FirmName(const CodeTree& regions, const Firm& firm, Rng& rng);

}  // namespace ballast::gen

#endif  // BALLAST_GEN_ROSTER_H_
