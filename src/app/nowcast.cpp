#include "app/nowcast.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

#include "app/ballast.h"
#include "app/disclosure.h"

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

namespace {

constexpr int kErrorMonths = 6;

// The expected errors already measured on a snapshot (a backtest reads every enterprise of the
// cell for 30 months): keyed by cell and report share in steps of 5 %.
class ErrorCache {
 public:
  using Key = std::tuple<int, Period, NodeId, NodeId, int>;
  using Snap = std::shared_ptr<const Snapshot>;
  std::optional<std::pair<std::optional<double>, int>> Find(const Snap& snap, const Key& k) {
    std::lock_guard lock(mu_);
    if (snap != snap_.lock()) return std::nullopt;
    auto it = errors_.find(k);
    if (it == errors_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const Snap& snap, const Key& k, std::pair<std::optional<double>, int> v) {
    std::lock_guard lock(mu_);
    if (snap != snap_.lock()) {
      errors_.clear();
      snap_ = snap;
    }
    errors_[k] = v;
  }

 private:
  std::mutex mu_;
  std::weak_ptr<const Snapshot> snap_;  // a freed snapshot's address may come back
  std::map<Key, std::pair<std::optional<double>, int>> errors_;
};

ErrorCache& Errors() {
  static ErrorCache cache;
  return cache;
}

}  // namespace

Result<NowcastAnswer> NowcastForView(Ballast& b, const Caller& caller,
                                     const NowcastCellRequest& request) {
  ASSIGN_OR_RETURN(Resolved r, Resolve(b, caller, request));
  NowcastAnswer out;
  out.period = request.period;
  ASSIGN_OR_RETURN(out.estimate, NowcastYoy(*r.snap->panel, *r.snap->query, r.request));
  const Nowcast& n = out.estimate;
  const int32_t sample = n.reported + n.by_electricity + n.by_growth + n.unestimated;
  out.report_share = sample > 0 ? 100.0 * n.reported / sample : 0;

  // The estimate stands on the cell's reports now and its base a year before: either one's
  // suppression withholds it, as it would withhold the cell's yoy.
  Disclosure d(*r.snap, b.catalog(), GetsPublishedFigures(b.access(), caller));
  for (Period p : {r.request.cell.period, r.request.cell.period - 12}) {
    CellRef cell = r.request.cell;
    cell.period = p;
    if (p < r.snap->panel->first_period()) continue;
    ASSIGN_OR_RETURN(sdc::Suppression s, d.Status(cell));
    if (!sdc::IsSuppressed(s)) continue;
    (d.published() ? out.suppressed : out.would_suppress) = sdc::SuppressionName(s);
    break;
  }
  if (!out.suppressed.empty()) {
    // Only counts stay (as n stays on a withheld cell): the reporters' share of the base would
    // tell the sizes of the few enterprises the suppression protects.
    out.estimate.yoy.reset();
    out.estimate.reported_base_share = 0;
    return out;
  }

  const int step = static_cast<int>(std::lround(out.report_share / 5));
  const ErrorCache::Key key{r.request.cell.indicator, r.request.cell.period,
                            r.request.cell.region, r.request.cell.industry, step};
  if (auto hit = Errors().Find(r.snap, key)) {
    std::tie(out.expected_error_pp, out.backtest_months) = *hit;
    return out;
  }
  NowcastRequest closed = r.request;
  closed.cell.period = r.request.cell.period - 1;
  auto points = BacktestNowcast(*r.snap->panel, *r.snap->query, closed, kErrorMonths,
                                std::clamp(step * 0.05, 0.0, 1.0), 20261130);
  if (points.ok()) {
    double sum = 0;
    int count = 0;
    for (const auto& p : *points) {
      if (!p.final_yoy || !p.estimate) continue;
      sum += std::abs(*p.estimate - *p.final_yoy);
      ++count;
    }
    if (count > 0) out.expected_error_pp = sum / count;
    out.backtest_months = count;
  }
  Errors().Put(r.snap, key, {out.expected_error_pp, out.backtest_months});
  return out;
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
