// 研判: the summary a leader reads first for a node (region × industry): how many enterprises
// of the same sample decline and how widely (share of the sample, share of its output), the top
// pulls (the few enterprises, industries and sub-regions accounting for most of the fall), how
// long the node has been declining, which sub-regions and industries turned down this month, and
// the region and industry episodes inside the node on top.
#ifndef BALLAST_APP_JUDGEMENT_H_
#define BALLAST_APP_JUDGEMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "app/episodes.h"
#include "app/warnings.h"

namespace ballast::app {

struct Pull {
  std::string key, name;
  double change = 0;          // Σ (value − base) over its same sample, the indicator's unit
  double share_of_fall = 0;   // percent of the node's total fall (Σ of negative changes)
  std::optional<double> yoy;  // its growth, percent
};

struct Judgement {
  std::string region, industry, indicator, period;
  int32_t same_sample = 0;     // enterprises with a value and a base (上年同期) this month
  int32_t declining = 0;       // of them, below their base
  double declining_share = 0;  // percent of the same sample
  double declining_output_share = 0;  // their base in percent of the sample's base
  std::optional<double> yoy;          // the node's growth this month
  int32_t months_declining = 0;       // consecutive data months the node's growth was below 0
  double fall = 0;                    // Σ of the negative changes (a negative number)
  double top_pulls_share = 0;         // percent of the fall the top enterprises account for
  std::vector<Pull> top_enterprises, top_industries, top_regions;  // most negative first, ≤ 5
  std::vector<Pull> new_regions, new_industries;  // growth < 0 now, ≥ 0 the previous month
  std::vector<warn::Episode> episodes;            // region and industry episodes inside, by score
  bool enterprises_hidden = false;                // the caller may not see single enterprises
};

// region: a region code ("" = the country); industry: an industry code ("" = BCD, all industry).
Result<Judgement> Judge(Warnings& w, const std::string& region, const std::string& industry,
                        const std::string& indicator = "output_value");

class Ballast;
struct Caller;
Result<Judgement> Judge(Ballast& b, const Caller& caller, std::string region,
                        const std::string& industry, const std::string& indicator = "output_value");

}  // namespace ballast::app

#endif  // BALLAST_APP_JUDGEMENT_H_
