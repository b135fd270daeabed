// Storage of policy matching (issue 14 item 6): the policy library (its eligibility kept as the
// condition text that benefit/conditions.h parses), one benefit record per (policy, enterprise)
// and the standard answers per appeal category. Tables of migration 017.
#ifndef BALLAST_STORE_BENEFIT_STORE_H_
#define BALLAST_STORE_BENEFIT_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace ballast {

struct PolicyRecord {
  std::string id, title, issuer, doc_number, valid_from, valid_to, summary, benefit;
  std::string conditions;  // canonical condition text
  std::string updated_by, updated_at;
};

// What became of a policy for one enterprise: applied (申报), granted (兑现, with the amount)
// or refused. A later record replaces the earlier one.
struct BenefitRecord {
  std::string policy_id, uscc, region;
  std::string status;                  // applied | granted | refused
  std::string applied_on, decided_on;  // Beijing dates, "" when not yet
  std::optional<double> amount;        // 万元, granted only
  std::string note, recorded_by, recorded_at;
};

struct StandardAnswer {
  int64_t id = 0;
  std::string region;  // the scope that owns it
  std::string category, title, body;
  int64_t version = 0;
  std::string edited_by, edited_at;
};

class BenefitStore {
 public:
  virtual ~BenefitStore() = default;
  // Every policy, by id.
  virtual Result<std::vector<PolicyRecord>> ListPolicies() = 0;
  virtual Result<std::optional<PolicyRecord>> GetPolicy(const std::string& id) = 0;
  // Inserts or replaces the policies by id, in one transaction (all or none).
  virtual Status SavePolicies(const std::vector<PolicyRecord>& policies) = 0;

  // Inserts or replaces the record of (policy, enterprise); the policy must exist (NotFound).
  virtual Status SaveRecord(const BenefitRecord& r) = 0;
  // Records of one policy ("" = all), by policy and enterprise.
  virtual Result<std::vector<BenefitRecord>> ListRecords(const std::string& policy_id) = 0;

  // Every standard answer, by category and id.
  virtual Result<std::vector<StandardAnswer>> ListAnswers() = 0;
  virtual Result<std::optional<StandardAnswer>> GetAnswer(int64_t id) = 0;
  // id 0 inserts (version 1); else rewrites the answer if its stored version equals `version`
  // (then bumped; a stale version is FailedPrecondition). Returns the answer as written.
  virtual Result<StandardAnswer> SaveAnswer(StandardAnswer a) = 0;
  // Deletes answer `id` at `version` (stale: FailedPrecondition).
  virtual Status DeleteAnswer(int64_t id, int64_t version) = 0;
};

// Opens the benefit tables of an existing Ballast store file (migrated by the Store).
Result<std::unique_ptr<BenefitStore>> OpenSqliteBenefitStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_BENEFIT_STORE_H_
