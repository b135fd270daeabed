// Storage of the cultivation pipelines (issue 15 item 3): the below-scale pool, its revenue
// reports and the 专精特新 recognitions. Every write is one transaction (a failure writes
// nothing). The tables come from migration 018_cultivation.sql.
#ifndef BALLAST_STORE_CULTIVATION_STORE_H_
#define BALLAST_STORE_CULTIVATION_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "cultivation/pool.h"

namespace ballast {

class CultivationStore {
 public:
  virtual ~CultivationStore() = default;
  // Every pool member, by uscc.
  virtual Result<std::vector<cultivation::Member>> ListMembers() = 0;
  // Inserts the members or replaces those whose uscc exists.
  virtual Status SaveMembers(const std::vector<cultivation::Member>& ms) = 0;
  // Every revenue report, by uscc, year and month.
  virtual Result<std::vector<cultivation::RevenueReport>> ListRevenue() = 0;
  // Inserts the reports or replaces those whose (uscc, year, month) exists.
  virtual Status SaveRevenue(const std::vector<cultivation::RevenueReport>& rs) = 0;
  // Every recognition, by uscc, year and stage.
  virtual Result<std::vector<cultivation::Recognition>> ListRecognitions() = 0;
  // Inserts the recognitions or replaces those whose (uscc, stage) exists.
  virtual Status SaveRecognitions(const std::vector<cultivation::Recognition>& rs) = 0;
};

Result<std::unique_ptr<CultivationStore>> OpenSqliteCultivationStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_CULTIVATION_STORE_H_
