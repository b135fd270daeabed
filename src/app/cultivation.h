// Cultivation use cases (培育库, 小升规, 专精特新; issue 15 item 3): imports of the pool, its
// revenue reports and the stage recognitions; the pool and the 小升规 candidates (enterprise rows:
// analysts and administrators in scope, never enterprise users); the yearly conversion into the
// roster and the stage counts (aggregates: every role with aggregates, in scope). The region scope
// decides every read and write (docs/cultivation.md).
#ifndef BALLAST_APP_CULTIVATION_H_
#define BALLAST_APP_CULTIVATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ballast.h"
#include "app/caller.h"
#include "cultivation/pipeline.h"
#include "cultivation/pool.h"
#include "cultivation/stages.h"

namespace ballast::app {

enum class CultivationImportKind { kPool, kRevenue, kStages };
// pool | revenue | stages.
Result<CultivationImportKind> ParseCultivationImportKind(std::string_view s);

// Imports one file (CSV/XLSX) of the kind, all rows or none: importers and administrators, every
// row's enterprise registered inside their scope. A pool member must not be on the roster in the
// month it joined; revenue rows name pool members; a stage row's enterprise is a pool member or
// on the roster. Returns the number of rows written.
Result<int64_t> ImportCultivationFile(Ballast& b, const Caller& c, CultivationImportKind kind,
                                      std::string_view bytes, const std::string& file_name);

struct PoolFilter {
  std::string region;               // "" = the caller's scope
  std::string industry;             // GB/T 4754 code (its subtree); "" = every industry
  std::string tag;                  // "" = any
  bool include_left = false;        // members that left the pool (or entered the roster) too
  std::optional<double> threshold;  // none = data/cultivation/settings.csv
};

struct PoolRow {
  cultivation::Member member;
  std::optional<cultivation::RunRate> run_rate;
  std::optional<int> months_to_threshold;
  std::string entered;  // the roster's entry month (YYYY-MM) when it is on the roster, else ""
};

struct PoolList {
  double threshold = 0;
  std::vector<PoolRow> rows;
};

// The pool (by uscc).
Result<PoolList> ListPool(Ballast& b, const Caller& c, const PoolFilter& f);
// The 小升规 candidates: members still in the pool and not on the roster, ranked by months to
// the threshold (unknown last), then by run rate (highest first). within_months: only those that
// reach it within so many months.
Result<PoolList> Candidates(Ballast& b, const Caller& c, const PoolFilter& f,
                            std::optional<int> within_months);

// The conversion of each year from `from` to `to` in a region ("" = the caller's scope).
Result<std::vector<cultivation::Conversion>> ConversionByYear(Ballast& b, const Caller& c,
                                                              const std::string& region, int from,
                                                              int to);

struct StageRow {
  cultivation::Recognition recognition;
  std::string name, region;
  cultivation::CriteriaResult criteria;
};

struct StageView {
  int year = 0;
  std::string region;
  cultivation::StageCounts total;
  std::vector<cultivation::StageCounts> by_region;  // the region's children (keys: their codes)
  // The recognitions of the year's stages one by one, for callers who may list enterprises.
  std::vector<StageRow> enterprises;
};

// The 专精特新 counts of `year` in a region ("" = the caller's scope).
Result<StageView> StageSummary(Ballast& b, const Caller& c, const std::string& region, int year);

// The internal metric `code` of a policy target counting recognitions at `stage` (seed 004's
// 省级专精特新 1000家, 小巨人 100家): the recognitions in Henan (410000) in the years of the target
// (start to deadline), as of the deadline (or this month when earlier). None when no enterprise
// is recognised at any stage in those years (the reported progress then stands).
std::optional<std::pair<double, Period>> StageTargetMetric(Ballast& b, const std::string& code,
                                                           cultivation::Stage stage);

}  // namespace ballast::app

#endif  // BALLAST_APP_CULTIVATION_H_
