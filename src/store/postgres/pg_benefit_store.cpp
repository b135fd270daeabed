// The policy library, benefit records and standard answers in a PostgreSQL store, on a
// connection of their own.
#include "store/benefit_rows.h"
#include "store/benefit_store.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"

namespace ballast {
namespace {

using pg::Conn;
using pg::PgResult;

// The migration list's position of 017_benefits.sql (the lead renumbers when merging).
constexpr int kBenefitSchemaVersion = 14;  // 017_benefits.sql is the 14th entry of the list (after 015_parks)
constexpr const char* kWho = "benefit store";

using RowOf = pg::PgRow;

Status Stale(int64_t id) {
  return Status::Precondition("standard answer " + std::to_string(id) +
                              " was changed by someone else (or does not exist): reload it");
}

class PostgresBenefitStore final : public BenefitStore {
 public:
  explicit PostgresBenefitStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Result<std::vector<PolicyRecord>> ListPolicies() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + benefit_rows::kPolicyColumns +
                                       " FROM benefit_policy ORDER BY id"));
    std::vector<PolicyRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(benefit_rows::PolicyFromRow(RowOf{r, i}));
    return out;
  }

  Result<std::optional<PolicyRecord>> GetPolicy(const std::string& id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + benefit_rows::kPolicyColumns +
                                           " FROM benefit_policy WHERE id = ?",
                                       id));
    if (r.rows() == 0) return std::optional<PolicyRecord>();
    return std::optional<PolicyRecord>(benefit_rows::PolicyFromRow(RowOf{r, 0}));
  }

  Status SavePolicies(const std::vector<PolicyRecord>& ps) override {
    return c_->InTransaction([&]() -> Status {
      for (const auto& p : ps) {
        RETURN_IF_ERROR(c_->Run(
            std::string("INSERT INTO benefit_policy(") + benefit_rows::kPolicyColumns +
                ") VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET title = "
                "EXCLUDED.title, issuer = EXCLUDED.issuer, doc_number = EXCLUDED.doc_number, "
                "valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, summary = "
                "EXCLUDED.summary, benefit = EXCLUDED.benefit, conditions = EXCLUDED.conditions, "
                "updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at",
            p.id, p.title, p.issuer, p.doc_number, p.valid_from, p.valid_to, p.summary, p.benefit,
            p.conditions, p.updated_by, p.updated_at));
      }
      return Status::Ok();
    });
  }

  Status SaveRecord(const BenefitRecord& b) override {
    return c_->InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(auto p, c_->Query("SELECT 1 FROM benefit_policy WHERE id = ?", b.policy_id));
      if (p.rows() == 0) return Status::NotFound("policy '" + b.policy_id + "' does not exist");
      return c_->Run(std::string("INSERT INTO benefit_record(") + benefit_rows::kRecordColumns +
                         ") VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT (policy_id, uscc) DO UPDATE "
                         "SET region = EXCLUDED.region, status = EXCLUDED.status, applied_on = "
                         "EXCLUDED.applied_on, decided_on = EXCLUDED.decided_on, amount = "
                         "EXCLUDED.amount, note = EXCLUDED.note, recorded_by = "
                         "EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at",
                     b.policy_id, b.uscc, b.region, b.status, b.applied_on, b.decided_on, b.amount,
                     b.note, b.recorded_by, b.recorded_at);
    });
  }

  Result<std::vector<BenefitRecord>> ListRecords(const std::string& policy_id) override {
    std::string sql =
        std::string("SELECT ") + benefit_rows::kRecordColumns + " FROM benefit_record";
    pg::Params params;
    if (!policy_id.empty()) {
      sql += " WHERE policy_id = ?";
      params.Add(policy_id);
    }
    sql += " ORDER BY policy_id, uscc";
    ASSIGN_OR_RETURN(auto r, c_->Execute(sql, params, 0));
    std::vector<BenefitRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(benefit_rows::RecordFromRow(RowOf{r, i}));
    return out;
  }

  Result<std::vector<StandardAnswer>> ListAnswers() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + benefit_rows::kAnswerColumns +
                                       " FROM standard_answer ORDER BY category, id"));
    std::vector<StandardAnswer> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(benefit_rows::AnswerFromRow(RowOf{r, i}));
    return out;
  }

  Result<std::optional<StandardAnswer>> GetAnswer(int64_t id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT ") + benefit_rows::kAnswerColumns +
                                           " FROM standard_answer WHERE id = ?",
                                       id));
    if (r.rows() == 0) return std::optional<StandardAnswer>();
    return std::optional<StandardAnswer>(benefit_rows::AnswerFromRow(RowOf{r, 0}));
  }

  Result<StandardAnswer> SaveAnswer(StandardAnswer a) override {
    if (a.id == 0) {
      ASSIGN_OR_RETURN(auto r,
                       c_->Query("INSERT INTO standard_answer(region, category, title, "
                                 "body, version, edited_by, edited_at) "
                                 "VALUES(?,?,?,?,1,?,?) RETURNING id",
                                 a.region, a.category, a.title, a.body, a.edited_by, a.edited_at));
      a.id = r.Int(0, 0);
      a.version = 1;
      return a;
    }
    ASSIGN_OR_RETURN(auto r, c_->Query("UPDATE standard_answer SET region = ?, category = ?, "
                                       "title = ?, body = ?, version = version + 1, edited_by = "
                                       "?, edited_at = ? WHERE id = ? AND version = ?",
                                       a.region, a.category, a.title, a.body, a.edited_by,
                                       a.edited_at, a.id, a.version));
    if (r.Affected() != 1) return Stale(a.id);
    ++a.version;
    return a;
  }

  Status DeleteAnswer(int64_t id, int64_t version) override {
    ASSIGN_OR_RETURN(
        auto r, c_->Query("DELETE FROM standard_answer WHERE id = ? AND version = ?", id, version));
    if (r.Affected() != 1) return Stale(id);
    return Status::Ok();
  }

 private:
  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<BenefitStore>> OpenPostgresBenefitStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn,
                   pg::ConnectAtSchema(uri, kBenefitSchemaVersion, "benefit tables", kWho));
  return std::unique_ptr<BenefitStore>(std::make_unique<PostgresBenefitStore>(std::move(conn)));
}

}  // namespace ballast
