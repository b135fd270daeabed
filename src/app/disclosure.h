// Statistical disclosure control of published figures (src/sdc/ holds the rules): who gets
// suppressed figures, and the status of every cell an answer shows.
//
// A cell's status is a function of the cell alone, so that every route agrees on it: its primary
// reason (threshold, dominance, p % on its contributors), or "secondary" when the secondary
// suppression of either table it is a child of — its region siblings under the parent region,
// its industry siblings under the parent industry (parent = sum of children) — chooses it as a
// complement. A table, a cell, a series point and a ranking row therefore show the same status.
//
// Callers who may not read enterprise-level rows (viewers, dispatchers, handlers: everything
// published) get a suppressed cell's measures as undefined, with "suppressed" naming the reason;
// only n, the number of reporting enterprises, stays. Analysts and administrators inside their
// scope see the figures and a "would_suppress" marker of what publication would hide.
//
// Cells of groups and tags (issue #12 item 5) pass the same rules on their own contributors and
// the sibling tables of the dimensions they are not a group of. Two more rules guard against
// differencing: a group cell is withheld ("secondary") when exactly one of its members' cells is
// suppressed, or when the suppressed members together fail the primary rules (the group minus
// its published members would show them); a tag cell is withheld when the enterprises of the
// same cell without the tags fail the primary rules (the plain cell minus the tag cell would
// show them).
#ifndef BALLAST_APP_DISCLOSURE_H_
#define BALLAST_APP_DISCLOSURE_H_

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "app/access.h"
#include "app/analysis.h"
#include "app/workspace.h"
#include "sdc/params.h"
#include "sdc/primary.h"

namespace ballast::app {

// The parameters of data/sdc.toml, linked into the binary.
const sdc::SdcParams& DisclosureParams();

// True when the caller gets published (suppressed) figures.
bool GetsPublishedFigures(const Access& access, const Caller& caller);

// The statuses of the cells of one answer; remembers what it computed.
class Disclosure {
 public:
  // A cell's contributors: how many, their total magnitude and the largest.
  using Contributors = sdc::Contributions;

  Disclosure(const Snapshot& snap, const Catalog& catalog, bool published)
      : snap_(snap), catalog_(catalog), published_(published) {}

  // The primary reason of one cell: the magnitudes of its contributors (the indicator's monthly
  // value, else its year-to-date value); derived ratios by the threshold rule.
  Result<sdc::Suppression> Primary(const CellRef& cell);
  // The cell's status (see above).
  Result<sdc::Suppression> Status(const CellRef& cell);
  // Marks the row (and, for published figures, clears it).
  ballast::Status Protect(const CellRef& cell, Row& row);
  bool published() const { return published_; }

 private:
  using Key = std::tuple<int, Period, NodeId, NodeId, std::string>;
  static Key KeyOf(const CellRef& c) {
    return {c.indicator, c.period, c.region, c.industry,
            c.filter ? c.filter->Key() : std::string()};
  }
  // The differencing rules of groups and tags above.
  Result<sdc::Suppression> GroupStatus(const CellRef& cell, bool by_region);
  Result<sdc::Suppression> TagStatus(const CellRef& cell);
  // The statuses of the children of `parent` along one dimension after secondary suppression.
  Result<const std::map<Key, sdc::Suppression>*> SiblingTable(const CellRef& parent,
                                                              bool by_region);
  Result<double> Magnitude(const CellRef& cell);
  const Contributors& Contribution(const CellRef& cell);
  // Fills Contribution's memo for `children` of `parent` along one dimension in one pass.
  void GatherChildren(const CellRef& parent, bool by_region, const std::vector<CellRef>& children);

  const Snapshot& snap_;
  const Catalog& catalog_;
  bool published_;
  std::map<Key, sdc::Suppression> primary_;
  std::map<Key, double> magnitude_;
  std::map<std::pair<Key, bool>, std::map<Key, sdc::Suppression>> tables_;
  std::map<std::pair<int, Period>, std::vector<double>> ytd_;
  std::map<Key, Contributors> contributions_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_DISCLOSURE_H_
