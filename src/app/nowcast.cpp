#include "app/nowcast.h"

#include <cmath>

#include "app/ballast.h"

namespace ballast::app {
namespace {

struct Resolved {
  std::shared_ptr<const Snapshot> snap;
  NowcastRequest request;
};

Result<Resolved> Resolve(Ballast& b, const Caller& caller, const NowcastCellRequest& r) {
  RETURN_IF_ERROR(b.access().Require(caller, auth::Permission::kReadAggregate));
  RETURN_IF_ERROR(b.access().CheckRegion(caller, r.region));
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Catalog& cat = b.catalog();
  Resolved out;
  out.snap = snap;
  NowcastRequest& q = out.request;
  q.cell.indicator = cat.FindIndicator(r.indicator);
  if (q.cell.indicator < 0) return Status::Invalid("unknown indicator '" + r.indicator + "'");
  ASSIGN_OR_RETURN(q.cell.period, ParsePeriod(r.period));
  q.cell.region = cat.regions().Find(r.region);
  if (q.cell.region == kNoNode) return Status::Invalid("unknown region '" + r.region + "'");
  q.cell.industry = cat.FindIndustry(r.industry);
  if (q.cell.industry == kNoNode) return Status::Invalid("unknown industry '" + r.industry + "'");
  q.electricity = cat.FindIndicator("electricity");
  return out;
}

}  // namespace

Result<Nowcast> NowcastCell(Ballast& b, const Caller& caller, const NowcastCellRequest& request) {
  ASSIGN_OR_RETURN(Resolved r, Resolve(b, caller, request));
  return NowcastYoy(*r.snap->panel, *r.snap->query, r.request);
}

Result<std::vector<BacktestSummary>> NowcastBacktest(Ballast& b, const Caller& caller,
                                                     const NowcastCellRequest& request, int months,
                                                     const std::vector<double>& rates,
                                                     uint64_t seed) {
  if (!b.access().MayListEnterprises(caller)) {
    return Status::Denied("the backtest reads every enterprise: analysts and above");
  }
  if (months < 1 || months > 120) return Status::Invalid("months must be 1–120");
  ASSIGN_OR_RETURN(Resolved r, Resolve(b, caller, request));
  std::vector<BacktestSummary> out;
  for (double rate : rates) {
    if (!(rate >= 0 && rate <= 1)) return Status::Invalid("a report rate is between 0 and 1");
    BacktestSummary s;
    s.rate = rate;
    ASSIGN_OR_RETURN(
        s.detail, BacktestNowcast(*r.snap->panel, *r.snap->query, r.request, months, rate, seed));
    double sum = 0;
    for (const auto& p : s.detail) {
      if (!p.final_yoy || !p.estimate) continue;
      const double err = std::abs(*p.estimate - *p.final_yoy);
      sum += err;
      s.max_pp = std::max(s.max_pp, err);
      ++s.points;
    }
    s.mae_pp = s.points > 0 ? sum / s.points : 0;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ballast::app
