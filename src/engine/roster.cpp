#include "engine/roster.h"

#include "engine/measures.h"
#include "engine/panel.h"

namespace ballast {

Period RosterPeriod(const std::string& text, Period open) {
  if (text.empty()) return open;
  auto p = ParsePeriod(text);
  return p.ok() ? *p : open;
}

bool OnRoster(const PanelEnterprise& e, Period p) { return e.entered <= p && p <= e.exited; }

bool EntrantBy(const PanelEnterprise& e, Period t) {
  return e.entered != kRosterSinceEver && e.entered <= t && PeriodYear(e.entered) == PeriodYear(t);
}

bool ExitBy(const PanelEnterprise& e, Period t) {
  if (e.exited == kRosterStill) return false;
  const Period off = e.exited + 1;
  return off <= t && PeriodYear(off) == PeriodYear(t);
}

void AddRoster(const PanelEnterprise& e, Period t, bool reported, CellSums* sums) {
  if (OnRoster(e, t)) {
    ++sums->roster;
    sums->roster_reporting += reported;
  }
  sums->entrants += EntrantBy(e, t);
  sums->exits += ExitBy(e, t);
}

}  // namespace ballast
