// The capacity loss of each shocked firm day by day. A shock removes delta of capacity on days
// day_from..day_to; the day after, capacity is back in full, or with recovery over R days the
// loss falls by delta/R at the end of each day from day_to on (proNet -c R: subtracted day by
// day, clamped at zero). Where shocks of one firm overlap, the later in the file wins.
#ifndef BALLAST_CHAIN_SIM_SHOCK_SCHEDULE_H_
#define BALLAST_CHAIN_SIM_SHOCK_SCHEDULE_H_

#include <cstdint>
#include <vector>

#include "chain/sim/economy.h"

namespace ballast::chain::sim {

class ShockSchedule {
 public:
  ShockSchedule(const std::vector<Shock>& shocks, int recovery_days);

  void StartDay(int day);  // sets the loss in force during `day`
  void EndDay(int day);    // applies the day's recovery

  // The shocked firms (ascending) and their current loss, index by index.
  const std::vector<int32_t>& firms() const { return firms_; }
  double delta(size_t k) const { return delta_[k]; }

 private:
  int recovery_days_;
  std::vector<int32_t> firms_;
  std::vector<std::vector<Shock>> shocks_;  // per shocked firm, in file order
  std::vector<double> delta_, step_;
  std::vector<int32_t> last_day_;  // day_to of the shock that set delta_
};

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_SHOCK_SCHEDULE_H_
