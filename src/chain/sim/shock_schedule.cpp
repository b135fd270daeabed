#include "chain/sim/shock_schedule.h"

#include <algorithm>
#include <map>

namespace ballast::chain::sim {

ShockSchedule::ShockSchedule(const std::vector<Shock>& shocks, int recovery_days)
    : recovery_days_(recovery_days) {
  std::map<int32_t, std::vector<Shock>> by_firm;
  for (const auto& s : shocks) by_firm[s.firm].push_back(s);
  for (auto& [firm, list] : by_firm) {
    firms_.push_back(firm);
    shocks_.push_back(std::move(list));
  }
  delta_.assign(firms_.size(), 0.0);
  step_.assign(firms_.size(), 0.0);
  last_day_.assign(firms_.size(), -1);
}

void ShockSchedule::StartDay(int day) {
  for (size_t k = 0; k < firms_.size(); ++k) {
    const Shock* active = nullptr;
    for (const auto& s : shocks_[k]) {
      if (s.day_from <= day && day <= s.day_to) active = &s;
    }
    if (active) {
      delta_[k] = active->delta;
      last_day_[k] = active->day_to;
      step_[k] = recovery_days_ > 0 ? active->delta / recovery_days_ : 0.0;
    } else if (recovery_days_ == 0) {
      delta_[k] = 0.0;
    }
  }
}

void ShockSchedule::EndDay(int day) {
  if (recovery_days_ == 0) return;
  for (size_t k = 0; k < firms_.size(); ++k) {
    if (delta_[k] > 0 && day >= last_day_[k]) {
      delta_[k] -= step_[k];
      if (delta_[k] < 0.0) delta_[k] = 0.0;
    }
  }
}

}  // namespace ballast::chain::sim
