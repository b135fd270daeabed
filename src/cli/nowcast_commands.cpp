#include "cli/nowcast_commands.h"

#include <charconv>

#include "app/ballast.h"
#include "cli/auth_commands.h"
#include "cli/warn_commands.h"

namespace ballast::cli {
namespace {

int Fail(const Status& s, std::ostream& err) {
  err << "ballast nowcast: " << s.message() << "\n";
  return s.IsUserError() ? 2 : 1;
}

std::string Num(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v, std::chars_format::fixed, 2);
  return ec == std::errc() ? std::string(buf, end) : "";
}

}  // namespace

int RunNowcast(const NowcastArgs& args, std::ostream& out, std::ostream& err) {
  auto b = app::Ballast::Open(args.db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  const app::Caller caller = app::Caller::Local(DefaultUser());
  if (args.backtest_months <= 0) {
    auto n = app::NowcastCell(**b, caller, args.cell);
    if (!n.ok()) return Fail(n.status(), err);
    out << "period,region,industry,indicator,yoy_estimate,reported,by_electricity,by_growth,"
           "unestimated,reported_base_share\n"
        << args.cell.period << "," << args.cell.region << "," << args.cell.industry << ","
        << args.cell.indicator << "," << Num(n->yoy) << "," << n->reported << ","
        << n->by_electricity << "," << n->by_growth << "," << n->unestimated << ","
        << Num(n->reported_base_share) << "\n";
    return 0;
  }
  auto s = app::NowcastBacktest(**b, caller, args.cell, args.backtest_months, args.rates);
  if (!s.ok()) return Fail(s.status(), err);
  out << "rate,period,final_yoy,estimate,error_pp\n";
  for (const auto& r : *s) {
    for (const auto& p : r.detail) {
      out << Num(r.rate) << "," << FormatPeriod(p.t) << "," << Num(p.final_yoy) << ","
          << Num(p.estimate) << ","
          << (p.final_yoy && p.estimate ? Num(*p.estimate - *p.final_yoy) : "") << "\n";
    }
  }
  out << "\nrate,months,mae_pp,max_pp\n";
  for (const auto& r : *s) {
    out << Num(r.rate) << "," << r.points << "," << Num(r.mae_pp) << "," << Num(r.max_pp) << "\n";
  }
  return 0;
}

}  // namespace ballast::cli
