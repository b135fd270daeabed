#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "core/uscc.h"
#include "ingest/validators.h"

namespace ballast::ingest {

namespace {

constexpr std::array<std::string_view, 3> kRequired = {"uscc", "period", "indicator"};
constexpr std::array<std::string_view, 4> kOptional = {"value", "ytd", "prior", "prior_ytd"};
enum Col { kUscc, kPeriod, kIndicator, kValue, kYtd, kPrior, kPriorYtd };
constexpr std::string_view kNames[] = {"uscc", "period", "indicator", "value",
                                       "ytd",  "prior",  "prior_ytd"};

std::string Fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

}  // namespace

double ConsistencyTolerance(double ytd) { return 1.0 + 1e-9 * std::fabs(ytd); }

ObservationValidator::ObservationValidator(const Catalog& catalog, const UsccIndex& enterprises,
                                           Period today, ImportReport* report,
                                           std::function<bool(EnterpriseId)> enterprise_allowed)
    : catalog_(catalog),
      enterprises_(enterprises),
      today_(today),
      report_(report),
      enterprise_allowed_(std::move(enterprise_allowed)) {}

bool ObservationValidator::BindHeader(std::span<const std::string_view> header) {
  if (!columns_.Bind(header, kRequired, kOptional, report_)) return false;
  if (columns_.Index(kValue) < 0 && columns_.Index(kYtd) < 0) {
    report_->Error(1, "value", "the file needs a 'value' or a 'ytd' column");
    return false;
  }
  return true;
}

void ObservationValidator::Row(int64_t line, std::span<const std::string_view> cells) {
  bool ok = true;
  auto error = [&](Col c, std::string message) {
    report_->Error(line, std::string(kNames[c]), std::move(message));
    ok = false;
  };
  std::string_view uscc = columns_.Cell(cells, kUscc);
  EnterpriseId id = 0;
  // Known codes were checked when their enterprise was imported: look up first.
  // An enterprise registered outside the caller's scope gets the very words of an unknown one:
  // the answer must not tell whether the code exists elsewhere.
  auto unknown = [&] {
    error(kUscc, "unknown enterprise " + Quote(uscc) +
                     " in your region scope (import it in an enterprises file first)");
  };
  if (auto it = enterprises_.find(uscc); it != enterprises_.end()) {
    id = it->second;
    if (enterprise_allowed_ && !enterprise_allowed_(id)) unknown();
  } else if (CheckUscc(uscc) == UsccCheck::kMalformed) {
    error(kUscc, uscc.empty() ? "unified social credit code is empty"
                              : Quote(uscc) + " is not a unified social credit code");
  } else {
    unknown();
  }

  std::string_view period_text = columns_.Cell(cells, kPeriod);
  if (period_text != last_period_text_) {
    last_period_text_ = period_text;
    auto p = ParsePeriod(period_text);
    last_period_ok_ = p.ok();
    last_period_ = p.ok() ? *p : 0;
  }
  if (!last_period_ok_) {
    error(kPeriod, "period " + Quote(period_text) + " is not of the form YYYY-MM");
  } else if (last_period_ > today_) {
    error(kPeriod,
          "period " + Quote(period_text) + " is in the future (now " + FormatPeriod(today_) + ")");
  }

  std::string_view code = columns_.Cell(cells, kIndicator);
  if (code != last_indicator_text_) {
    last_indicator_text_ = code;
    last_indicator_ = catalog_.FindIndicator(code);
  }
  const int ind = last_indicator_;
  const Indicator* indicator =
      ind >= 0 ? &catalog_.indicators()[static_cast<size_t>(ind)] : nullptr;
  if (indicator == nullptr) {
    error(kIndicator, "unknown indicator " + Quote(code));
  } else if (indicator->derived() || indicator->scaled()) {
    error(kIndicator, Quote(code) + " is derived from other indicators and cannot be imported");
    indicator = nullptr;
  }

  double v[4];
  bool given[4];
  for (int f = 0; f < 4; ++f) {
    const Col c = static_cast<Col>(kValue + f);
    std::string_view text = columns_.Cell(cells, c);
    v[f] = kMissing;
    given[f] = false;
    switch (ParseNumber(text, &v[f])) {
      case NumberParse::kEmpty:
        v[f] = kMissing;
        break;
      case NumberParse::kInvalid:
        error(c, Quote(text) + " is not a number");
        v[f] = kMissing;
        break;
      case NumberParse::kImplausible:
        error(c, Quote(text) + " is an implausible magnitude (beyond 10^15 in absolute value)");
        v[f] = kMissing;
        break;
      case NumberParse::kOk:
        given[f] = true;
        if (indicator != nullptr && indicator->nonnegative && v[f] < 0) {
          error(c, "negative " + indicator->code + " (" + Quote(text) + ") is impossible");
        }
        break;
    }
  }
  if (!given[0] && !given[1] && columns_.Cell(cells, kValue).empty() &&
      columns_.Cell(cells, kYtd).empty()) {
    error(columns_.Index(kValue) >= 0 ? kValue : kYtd, "neither value nor ytd is given");
  }
  if (indicator != nullptr && last_period_ok_) {
    const bool stock = indicator->kind == IndicatorKind::kStock;
    const bool january = PeriodMonth(last_period_) == 1;
    for (int f : {0, 2}) {  // value vs ytd, prior vs prior_ytd
      if (!given[f] || !given[f + 1] || !(stock || january)) continue;
      if (std::fabs(v[f] - v[f + 1]) > ConsistencyTolerance(v[f + 1])) {
        error(static_cast<Col>(kValue + f + 1),
              std::string(kNames[kValue + f + 1]) + " " + Fmt(v[f + 1]) + " differs from " +
                  std::string(kNames[kValue + f]) + " " + Fmt(v[f]) +
                  (stock ? " (a stock's cumulative figure is its level)" : " in January"));
      }
    }
  }
  if (!ok) return;
  Pending& p = chunks_[{ind, last_period_}];
  p.chunk.enterprise.push_back(id);
  p.chunk.value.push_back(v[0]);
  p.chunk.ytd.push_back(v[1]);
  p.chunk.prior.push_back(v[2]);
  p.chunk.prior_ytd.push_back(v[3]);
  p.lines.push_back(line);
}

void ObservationValidator::CheckMonthOverMonth(const Pending& prev, const Pending& cur,
                                               bool stock) {
  if (stock) return;
  const ObservationChunk& a = prev.chunk;
  const ObservationChunk& b = cur.chunk;
  size_t i = 0;
  for (size_t j = 0; j < b.size(); ++j) {
    while (i < a.size() && a.enterprise[i] < b.enterprise[j]) ++i;
    if (i == a.size() || a.enterprise[i] != b.enterprise[j]) continue;
    struct Pair {
      const std::vector<double>* value;
      const std::vector<double>* ytd;
      const char* what;
    };
    for (const Pair& f :
         {Pair{&b.value, &b.ytd, "ytd"}, Pair{&b.prior, &b.prior_ytd, "prior_ytd"}}) {
      const std::vector<double>& prev_ytd = f.ytd == &b.ytd ? a.ytd : a.prior_ytd;
      double y = (*f.ytd)[j], y0 = prev_ytd[i], x = (*f.value)[j];
      if (IsMissing(y) || IsMissing(y0) || IsMissing(x)) continue;
      if (std::fabs(y - y0 - x) > ConsistencyTolerance(y)) {
        report_->Error(cur.lines[j], f.what,
                       std::string(f.what) + " " + Fmt(y) + " minus the previous month's " +
                           Fmt(y0) + " (line " + std::to_string(prev.lines[i]) + ") is " +
                           Fmt(y - y0) + ", not the month's " +
                           (f.what[0] == 'y' ? "value " : "prior ") + Fmt(x));
      }
    }
  }
}

std::vector<ObservationChunk> ObservationValidator::Finish() {
  for (auto& [key, p] : chunks_) {
    ObservationChunk& c = p.chunk;
    // Files usually list enterprises in order already; sort only when they do not.
    if (!std::is_sorted(c.enterprise.begin(), c.enterprise.end())) {
      std::vector<size_t> order(c.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return c.enterprise[a] < c.enterprise[b]; });
      auto permute = [&order](auto& vec) {
        auto copy = vec;
        for (size_t i = 0; i < order.size(); ++i) vec[i] = copy[order[i]];
      };
      permute(c.enterprise);
      permute(c.value);
      permute(c.ytd);
      permute(c.prior);
      permute(c.prior_ytd);
      permute(p.lines);
    }
    for (size_t i = 1; i < c.size(); ++i) {
      if (c.enterprise[i] == c.enterprise[i - 1]) {
        report_->Error(p.lines[i], "uscc",
                       "duplicate row for this enterprise, period and indicator (first on line " +
                           std::to_string(p.lines[i - 1]) + ")");
      }
    }
  }
  for (auto& [key, p] : chunks_) {
    if (PeriodMonth(key.second) == 1) continue;
    auto prev = chunks_.find({key.first, key.second - 1});
    if (prev == chunks_.end()) continue;
    const bool stock =
        catalog_.indicators()[static_cast<size_t>(key.first)].kind == IndicatorKind::kStock;
    CheckMonthOverMonth(prev->second, p, stock);
  }
  std::vector<ObservationChunk> out;
  if (!report_->ok()) return out;
  for (auto& [key, p] : chunks_) {
    p.chunk.indicator = catalog_.indicators()[static_cast<size_t>(key.first)].code;
    p.chunk.period = key.second;
    out.push_back(std::move(p.chunk));
  }
  chunks_.clear();
  return out;
}

}  // namespace ballast::ingest
