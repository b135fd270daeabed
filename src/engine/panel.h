// The panel in memory, columnar: for every base indicator and period one dense column of
// monthly values over all enterprises (8 bytes a cell), plus sparse corrections: year-to-date
// figures that do not follow from the monthly values, and reported 上年同期 (prior) figures.
// Derivations between value/ytd and prior/prior_ytd are resolved once, when the panel is built.
#ifndef BALLAST_ENGINE_PANEL_H_
#define BALLAST_ENGINE_PANEL_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/catalog.h"
#include "core/period.h"
#include "store/records.h"

namespace ballast {

enum class EnterpriseSize : uint8_t { kLarge, kMedium, kSmall, kMicro, kUnknown };

struct PanelEnterprise {
  EnterpriseId id = 0;
  std::string uscc, name;
  NodeId region = kNoNode, industry = kNoNode;
  EnterpriseSize size = EnterpriseSize::kUnknown;
  std::vector<std::string> tags;
  // On the above-scale roster from `entered` to `exited` (engine/roster.h: OnRoster).
  Period entered = std::numeric_limits<Period>::min();
  Period exited = std::numeric_limits<Period>::max();
};

// Sorted by enterprise index; values for the listed enterprises only.
struct SparseColumn {
  std::vector<uint32_t> index;
  std::vector<double> value;
  size_t size() const { return index.size(); }
  // The value for enterprise e, or kMissing.
  double Find(uint32_t e) const;
};

// What differs between an earlier panel of the same enterprises and a later one (after a batch
// of values), for the work that redoes only that: the warning rules of enterprises.
struct PanelChanges {
  std::vector<uint32_t> enterprises;  // panel index; any cell of any column differs; sorted
  std::vector<char> data_periods;     // per indicator: the periods holding data differ
  // Adds `later`'s changes (of the next panel) to these.
  void Merge(const PanelChanges& later);
};

class Panel {
 public:
  class Builder;
  Panel();

  const Catalog& catalog() const { return *catalog_; }
  std::shared_ptr<const Catalog> shared_catalog() const { return catalog_; }
  size_t num_enterprises() const { return num_enterprises_; }
  const PanelEnterprise& enterprise(uint32_t e) const { return enterprises_data_[e]; }
  // Panel index of an enterprise by its code, or -1.
  int64_t FindEnterprise(const std::string& uscc) const;

  bool empty() const { return num_periods_ == 0; }
  Period first_period() const { return first_; }
  Period last_period() const { return first_ + num_periods_ - 1; }
  bool HasPeriod(Period p) const { return p >= first_ && p < first_ + num_periods_; }
  // True when any enterprise has data for the indicator in the period.
  bool HasData(int indicator, Period p) const;

  // Monthly values of a base indicator (size num_enterprises, kMissing where absent), or
  // nullptr when the period holds no data for it.
  const double* Values(int indicator, Period p) const;
  // Every enterprise's year-to-date figure at p, kept by the panel and shared (read in place).
  using SharedColumn = std::shared_ptr<const std::vector<double>>;
  SharedColumn YtdColumn(int indicator, Period p) const;
  // Fills `out` with the same (a copy).
  void Ytd(int indicator, Period p, std::vector<double>* out) const;
  // One step of the same: turns ytd(p - 1) in `running` into ytd(p) (for a pass over periods
  // in order; `running` is ignored when p is January or the panel's first period).
  void YtdStep(int indicator, Period p, std::vector<double>* running) const;
  // The base (上年同期) of the monthly value: reported prior, else the own value at p - 12.
  void BaseValues(int indicator, Period p, std::vector<double>* out) const;
  // The base of the year-to-date figure: reported prior_ytd, else the own ytd at p - 12.
  void BaseYtd(int indicator, Period p, std::vector<double>* out) const;
  // The two bases, kept and shared as YtdColumn.
  SharedColumn BaseValuesColumn(int indicator, Period p) const;
  SharedColumn BaseYtdColumn(int indicator, Period p) const;
  // The reported (or derived) 上年同期 figure of one enterprise, monthly or cumulative.
  double ReportedPrior(int indicator, Period p, uint32_t e, bool ytd) const;
  // Fast path: when no enterprise reported a prior at p, the base is the column at p - 12.
  bool HasReportedPriors(int indicator, Period p) const;

  // The deflator P(p) / 100 of enterprise e at p: the ex-factory price index of the nearest
  // ancestor of its class with one for p, else BCD's; kMissing when there is none.
  double Deflator(uint32_t e, Period p) const;
  bool HasPrices() const { return !deflators_.empty(); }

  // What changed since `before` (engine/panel_changes.cpp), or nullopt when the two are not
  // comparable cell for cell: another list of enterprises, other periods or other deflators.
  std::optional<PanelChanges> ChangesSince(const Panel& before) const;
  // Stands for this panel's list of enterprises (shared by the panels Builder::Apply makes from
  // it): enterprise indices mean the same in two panels with the same token.
  std::shared_ptr<const void> EnterprisesToken() const { return enterprise_list_; }

  // Bytes held by the panel's columns (for the benchmark's memory figure).
  size_t ColumnBytes() const;
  // Cells (enterprise × period × indicator) with a monthly value or a ytd.
  int64_t StoredCells() const;
  // Year-to-date columns kept (YtdColumn), those carried over from the previous panel included.
  size_t KeptYtdColumns() const;

 private:
  // Year-to-date and base columns already made (engine/panel_columns.cpp), kept for this panel
  // within a memory budget: a snapshot's answers ask the same few again and again, each a pass
  // over up to twelve months.
  struct KeptColumns;
  std::shared_ptr<KeptColumns> kept_columns_;
  // Takes the previous panel's kept columns whose months this panel shares (the same
  // enterprises, the same first period, every month each is made of the same column).
  void KeepColumnsOf(const Panel& previous);
  bool SameColumns(const Panel& previous, size_t indicator, Period from, Period to) const;

  // The raw reported figures of the columns an incremental build resolved, for the next one:
  // Builder::Apply takes them over, so that a column one new batch revised reads just that
  // batch's chunks rather than every batch's again (and its year's other months none).
  struct RawKept;
  std::shared_ptr<RawKept> raw_kept_;  // nullptr after a full build

  struct Column {
    std::vector<double> value;  // empty = no data
    SparseColumn ytd_fix;       // ytd where it differs from Σ monthly values since January
    SparseColumn prior, prior_ytd;
    int64_t cells = 0;  // cells with a monthly value or a ytd (StoredCells)
  };
  using ColumnPtr = std::shared_ptr<const Column>;
  static const Column& EmptyColumn();
  const Column* Col(int indicator, Period p) const;

  std::shared_ptr<const Catalog> catalog_;
  // Shared with the panels built from this one by Builder::Apply (enterprises do not change
  // there): a new batch copies pointers, not half a million records.
  std::shared_ptr<const std::vector<PanelEnterprise>> enterprise_list_;
  const PanelEnterprise* enterprises_data_ = nullptr;
  size_t num_enterprises_ = 0;
  std::shared_ptr<const std::unordered_map<std::string, uint32_t>> by_uscc_;
  // Store id -> panel index (-1 = unknown); ids are dense row ids, so a vector serves. Shared
  // like the list, for the Builder::Apply of the next panel.
  std::shared_ptr<const std::vector<int32_t>> index_of_;
  Period first_ = 0;
  int32_t num_periods_ = 0;
  // [indicator][period - first_]; nullptr = no data. Columns are immutable and shared between
  // a panel and the ones Builder::Apply makes from it.
  std::vector<std::vector<ColumnPtr>> columns_;
  // Deflators by distinct class: deflators_[slot * num_periods_ + (p - first_)].
  std::vector<int32_t> price_slot_;  // per enterprise, -1 without an industry
  std::vector<double> deflators_;
  // Each enterprise's rate of the scaled indicators (a fraction; kMissing without one) and the
  // rates it was found from: the panels Builder::Apply makes with the same enterprises and rates
  // take it over (made again for every batch it was most of BuildScaled's time, a read of every
  // enterprise's class).
  struct ScaleRates {
    std::vector<VaRateRecord> rates;
    std::vector<double> of_enterprise;
  };
  std::shared_ptr<const ScaleRates> scale_rates_;
};

// Builds a panel: give it the enterprises, then every observation chunk in batch order (a later
// row for the same enterprise, period and indicator replaces the earlier one whole).
//
// Or applies new batches to a previous panel (incrementally): Apply(previous, touched) with the
// (indicator, period) columns the new batches wrote; then Add every batch's chunks of each
// column Resolve() lists, and Finish. The other columns are shared with the previous panel. A
// column depends on the earlier months of its year (a month's value may be the difference of
// reported year-to-date figures), so a touched column re-resolves its indicator from January of
// its year (or the first period) to December — or, when the previous panel kept that year's raw
// figures, only the enterprises the new chunks wrote (PatchRange): the result equals a full
// build cell for cell.
class Panel::Builder {
 public:
  Builder(std::shared_ptr<const Catalog> catalog, const std::vector<StoredEnterprise>& enterprises);
  ~Builder();
  // The incremental form. `enterprises`: every enterprise when the new batches added or changed
  // some (the previous panel's columns then move to the new order), nullptr when they did not
  // (the previous panel's list is shared). Touched columns of unknown indicators are refused.
  // FailedPrecondition when the new batches reach before the previous panel's first period or
  // an enterprise is missing (then build in full).
  static Result<std::unique_ptr<Builder>> Apply(
      const Panel& previous, const std::vector<std::pair<std::string, Period>>& touched,
      const std::vector<StoredEnterprise>* enterprises = nullptr);
  // The columns whose chunks (of every batch, in batch order) Add must be given (incremental).
  const std::vector<std::pair<std::string, Period>>& Resolve() const { return resolve_; }
  // The touched columns whose raw figures the previous panel kept: Add must be given only the
  // new batches' chunks of these (in batch order). The other months of their years need none.
  const std::vector<std::pair<std::string, Period>>& Refresh() const { return refresh_; }
  // Chunks for unknown indicators or enterprises are refused.
  Status Add(const ObservationChunk& chunk);
  // The price indices (any industry level or BCD); codes the catalog does not know are ignored.
  void SetPrices(std::vector<PriceRecord> prices) { prices_ = std::move(prices); }
  // The rates of scaled indicators (value added: % of output, by industry code of any level or
  // BCD; the nearest ancestor of an enterprise's class with a rate wins). Without a rate an
  // enterprise's scaled figures are missing.
  void SetVaRates(std::vector<VaRateRecord> rates) { va_rates_ = std::move(rates); }
  std::unique_ptr<Panel> Finish();

 private:
  struct Raw;
  Builder() = default;
  std::unique_ptr<Panel> panel_;
  std::unique_ptr<Raw> raw_;
  const Panel* previous_ = nullptr;                      // incremental: the panel applied to
  std::vector<std::pair<std::string, Period>> resolve_;  // incremental: the columns to re-read
  std::vector<std::pair<std::string, Period>> refresh_;  // incremental: new chunks on kept ones
  struct Kept;
  std::unique_ptr<Kept> kept_;  // incremental: raw figures kept for the next build
  struct Patches;
  std::unique_ptr<Patches> patches_;     // incremental: what the new chunks replaced (PatchRange)
  std::vector<std::vector<bool>> redo_;  // incremental: [indicator][period - first]
  std::vector<PriceRecord> prices_;
  std::vector<VaRateRecord> va_rates_;
  void BuildDeflators();
  // Scales the numerators' columns resolved now (rescale[numerator]) into their scaled indicators.
  void BuildScaled(const std::vector<bool>& rescale);
  std::shared_ptr<const ScaleRates> MakeScaleRates() const;
  // Resolves one indicator's raw columns from `from` (January or the first period) to `to`.
  void ResolveRange(size_t indicator, Period from, Period to);
  // The same, when every month of the range was kept and the new chunks wrote few enterprises:
  // resolves those enterprises alone, keeps the previous panel's columns they did not change and
  // copies the others with their cells replaced (engine/panel_patch.cpp). False (nothing done)
  // when it cannot; ResolveRange then.
  bool PatchRange(size_t indicator, Period from, Period to);
  void IndexEnterprises();
  void SetEnterprises(const std::vector<StoredEnterprise>& enterprises);
  static std::shared_ptr<const Column> Remap(const Column& c, const std::vector<uint32_t>& moved,
                                             size_t n);
  bool enterprises_changed_ = false;  // incremental: a new enterprise list
};

}  // namespace ballast

#endif  // BALLAST_ENGINE_PANEL_H_
