// Builds small panels by hand for the engine's tests.
#ifndef BALLAST_ENGINE_TEST_PANEL_UTIL_H_
#define BALLAST_ENGINE_TEST_PANEL_UTIL_H_

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/panel.h"

namespace ballast::testing_util {

inline std::shared_ptr<const Catalog> SharedCatalog() {
  static std::shared_ptr<const Catalog> c =
      std::make_shared<Catalog>(std::move(Catalog::Embedded()).value());
  return c;
}

struct Row {
  std::string uscc, indicator, period;
  double value = kMissing, ytd = kMissing, prior = kMissing, prior_ytd = kMissing;
};

// Monthly rows of one enterprise and indicator: values for consecutive months from year-month.
inline void Months(std::vector<Row>* rows, const std::string& uscc, const std::string& ind,
                   int year, int month, const std::vector<double>& values) {
  for (double v : values) {
    char p[8];
    std::snprintf(p, sizeof p, "%04d-%02d", year, month);
    rows->push_back({uscc, ind, p, v});
    if (++month > 12) month = 1, ++year;
  }
}

class PanelMaker {
 public:
  void Enterprise(const std::string& uscc, const std::string& region, const std::string& industry,
                  std::vector<std::string> tags = {}, std::string entered = "",
                  std::string exited = "") {
    StoredEnterprise e;
    e.id = static_cast<EnterpriseId>(enterprises_.size() + 1);
    e.record = {uscc,
                uscc + "公司",
                region,
                industry,
                "large",
                std::move(tags),
                std::move(entered),
                std::move(exited)};
    ids_[uscc] = e.id;
    enterprises_.push_back(e);
  }
  // Rows of one batch; later batches replace earlier rows.
  void Batch(const std::vector<Row>& rows) { batches_.push_back(rows); }
  const std::vector<StoredEnterprise>& enterprises() const { return enterprises_; }
  void Prices(std::vector<PriceRecord> prices) { prices_ = std::move(prices); }
  void VaRates(std::vector<VaRateRecord> rates) { va_rates_ = std::move(rates); }
  std::unique_ptr<Panel> Make() const {
    Panel::Builder b(SharedCatalog(), enterprises_);
    b.SetPrices(prices_);
    b.SetVaRates(va_rates_);
    for (const auto& batch : batches_) {
      for (const auto& c : Chunks(batch, nullptr)) {
        if (!b.Add(c).ok()) return nullptr;
      }
    }
    return b.Finish();
  }
  // What an Apply asked for: the columns read from every batch, and those read from the new
  // batch alone (their earlier raw figures kept by the previous panel).
  struct Asked {
    std::vector<std::pair<std::string, Period>> resolve, refresh;
  };
  // The panel `previous` (made by Make or Apply from the batches before) plus one more batch,
  // applied incrementally (Panel::Builder::Apply) as the workspace does.
  std::unique_ptr<Panel> Apply(const Panel& previous, const std::vector<Row>& batch,
                               Asked* asked = nullptr) {
    std::set<std::pair<std::string, Period>> touched;
    for (const auto& r : batch) touched.insert({r.indicator, *ParsePeriod(r.period)});
    batches_.push_back(batch);
    auto b = Panel::Builder::Apply(previous, {touched.begin(), touched.end()});
    if (!b.ok()) return nullptr;
    (*b)->SetPrices(prices_);
    (*b)->SetVaRates(va_rates_);
    if (asked != nullptr) *asked = {(*b)->Resolve(), (*b)->Refresh()};
    const auto& wanted = (*b)->Resolve();
    const std::set<std::pair<std::string, Period>> resolve(wanted.begin(), wanted.end());
    for (const auto& each : batches_) {
      for (const auto& c : Chunks(each, &resolve)) {
        if (!(*b)->Add(c).ok()) return nullptr;
      }
    }
    const auto& fresh = (*b)->Refresh();
    const std::set<std::pair<std::string, Period>> refresh(fresh.begin(), fresh.end());
    for (const auto& c : Chunks(batch, &refresh)) {
      if (!(*b)->Add(c).ok()) return nullptr;
    }
    return (*b)->Finish();
  }

 private:
  std::vector<StoredEnterprise> enterprises_;
  std::map<std::string, EnterpriseId> ids_;
  std::vector<std::vector<Row>> batches_;
  std::vector<PriceRecord> prices_;
  std::vector<VaRateRecord> va_rates_;

  // One batch's rows as chunks by column (only the columns in `only`, when given).
  std::vector<ObservationChunk> Chunks(const std::vector<Row>& batch,
                                       const std::set<std::pair<std::string, Period>>* only) const {
    std::map<std::pair<std::string, Period>, std::map<EnterpriseId, const Row*>> by_column;
    for (const auto& r : batch)
      by_column[{r.indicator, *ParsePeriod(r.period)}][ids_.at(r.uscc)] = &r;
    std::vector<ObservationChunk> out;
    for (const auto& [key, rows] : by_column) {
      if (only != nullptr && only->count(key) == 0) continue;
      ObservationChunk c;
      c.indicator = key.first;
      c.period = key.second;
      for (const auto& [id, r] : rows) {
        c.enterprise.push_back(id);
        c.value.push_back(r->value);
        c.ytd.push_back(r->ytd);
        c.prior.push_back(r->prior);
        c.prior_ytd.push_back(r->prior_ytd);
      }
      out.push_back(std::move(c));
    }
    return out;
  }
};

}  // namespace ballast::testing_util

#endif  // BALLAST_ENGINE_TEST_PANEL_UTIL_H_
