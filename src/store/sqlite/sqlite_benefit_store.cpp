// The policy library, benefit records and standard answers in the SQLite store file, on a
// connection of their own.
#include <sqlite3.h>

#include "store/benefit_rows.h"
#include "store/benefit_store.h"
#include "store/sqlite/connection.h"

namespace ballast {
namespace {

constexpr const char* kWho = "benefit store";

using RowOf = SqliteRow;

class SqliteBenefitStore final : public BenefitStore {
 public:
  explicit SqliteBenefitStore(sqlite3* db) : db_(db) {}
  ~SqliteBenefitStore() override { sqlite3_close_v2(db_); }

  Status Configure() { return ConfigureWithTable(db_, "benefit_policy", "benefit tables", kWho); }

  Result<std::vector<PolicyRecord>> ListPolicies() override {
    return Select<PolicyRecord>(
        std::string("SELECT ") + benefit_rows::kPolicyColumns + " FROM benefit_policy ORDER BY id",
        [](const RowOf& r) { return benefit_rows::PolicyFromRow(r); });
  }

  Result<std::optional<PolicyRecord>> GetPolicy(const std::string& id) override {
    ASSIGN_OR_RETURN(auto v,
                     Select<PolicyRecord>(
                         std::string("SELECT ") + benefit_rows::kPolicyColumns +
                             " FROM benefit_policy WHERE id = ?",
                         [](const RowOf& r) { return benefit_rows::PolicyFromRow(r); }, id));
    if (v.empty()) return std::optional<PolicyRecord>();
    return std::optional<PolicyRecord>(std::move(v[0]));
  }

  Status SavePolicies(const std::vector<PolicyRecord>& ps) override {
    return InTransaction(
        db_,
        [&]() -> Status {
          for (const auto& p : ps) {
            Stmt s(db_, std::string("INSERT OR REPLACE INTO benefit_policy(") +
                            benefit_rows::kPolicyColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?)");
            if (!s.ok()) return Error("preparing policy insert");
            RETURN_IF_ERROR(s.BindAll(p.id, p.title, p.issuer, p.doc_number, p.valid_from,
                                      p.valid_to, p.summary, p.benefit, p.conditions, p.updated_by,
                                      p.updated_at));
            if (s.Step() != SQLITE_DONE) return Error("writing a policy");
          }
          return Status::Ok();
        },
        kWho);
  }

  Status SaveRecord(const BenefitRecord& r) override {
    return InTransaction(
        db_,
        [&]() -> Status {
          {
            Stmt s(db_, "SELECT 1 FROM benefit_policy WHERE id = ?");
            if (!s.ok()) return Error("preparing policy lookup");
            RETURN_IF_ERROR(s.BindAll(r.policy_id));
            if (s.Step() != SQLITE_ROW)
              return Status::NotFound("policy '" + r.policy_id + "' does not exist");
          }
          Stmt s(db_, std::string("INSERT OR REPLACE INTO benefit_record(") +
                          benefit_rows::kRecordColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?)");
          if (!s.ok()) return Error("preparing record insert");
          RETURN_IF_ERROR(s.BindAll(r.policy_id, r.uscc, r.region, r.status, r.applied_on,
                                    r.decided_on, r.amount, r.note, r.recorded_by, r.recorded_at));
          if (s.Step() != SQLITE_DONE) return Error("writing a benefit record");
          return Status::Ok();
        },
        kWho);
  }

  Result<std::vector<BenefitRecord>> ListRecords(const std::string& policy_id) override {
    std::string sql =
        std::string("SELECT ") + benefit_rows::kRecordColumns + " FROM benefit_record";
    auto row = [](const RowOf& r) { return benefit_rows::RecordFromRow(r); };
    if (policy_id.empty()) return Select<BenefitRecord>(sql + " ORDER BY policy_id, uscc", row);
    return Select<BenefitRecord>(sql + " WHERE policy_id = ? ORDER BY policy_id, uscc", row,
                                 policy_id);
  }

  Result<std::vector<StandardAnswer>> ListAnswers() override {
    return Select<StandardAnswer>(std::string("SELECT ") + benefit_rows::kAnswerColumns +
                                      " FROM standard_answer ORDER BY category, id",
                                  [](const RowOf& r) { return benefit_rows::AnswerFromRow(r); });
  }

  Result<std::optional<StandardAnswer>> GetAnswer(int64_t id) override {
    ASSIGN_OR_RETURN(auto v,
                     Select<StandardAnswer>(
                         std::string("SELECT ") + benefit_rows::kAnswerColumns +
                             " FROM standard_answer WHERE id = ?",
                         [](const RowOf& r) { return benefit_rows::AnswerFromRow(r); }, id));
    if (v.empty()) return std::optional<StandardAnswer>();
    return std::optional<StandardAnswer>(std::move(v[0]));
  }

  Result<StandardAnswer> SaveAnswer(StandardAnswer a) override {
    if (a.id == 0) {
      Stmt s(db_,
             "INSERT INTO standard_answer(region, category, title, body, version, edited_by, "
             "edited_at) VALUES(?,?,?,?,1,?,?)");
      if (!s.ok()) return Error("preparing answer insert");
      RETURN_IF_ERROR(s.BindAll(a.region, a.category, a.title, a.body, a.edited_by, a.edited_at));
      if (s.Step() != SQLITE_DONE) return Error("inserting an answer");
      a.id = sqlite3_last_insert_rowid(db_);
      a.version = 1;
      return a;
    }
    Stmt s(db_,
           "UPDATE standard_answer SET region = ?, category = ?, title = ?, body = ?, version = "
           "version + 1, edited_by = ?, edited_at = ? WHERE id = ? AND version = ?");
    if (!s.ok()) return Error("preparing answer update");
    RETURN_IF_ERROR(s.BindAll(a.region, a.category, a.title, a.body, a.edited_by, a.edited_at, a.id,
                              a.version));
    if (s.Step() != SQLITE_DONE) return Error("updating an answer");
    if (sqlite3_changes(db_) == 0) return Stale(a.id);
    ++a.version;
    return a;
  }

  Status DeleteAnswer(int64_t id, int64_t version) override {
    Stmt s(db_, "DELETE FROM standard_answer WHERE id = ? AND version = ?");
    if (!s.ok()) return Error("preparing answer delete");
    RETURN_IF_ERROR(s.BindAll(id, version));
    if (s.Step() != SQLITE_DONE) return Error("deleting an answer");
    if (sqlite3_changes(db_) == 0) return Stale(id);
    return Status::Ok();
  }

 private:
  Status Error(const char* what) { return SqlError(db_, what, kWho); }
  static Status Stale(int64_t id) {
    return Status::Precondition("standard answer " + std::to_string(id) +
                                " was changed by someone else (or does not exist): reload it");
  }

  template <typename T, typename Fn, typename... Args>
  Result<std::vector<T>> Select(const std::string& sql, Fn fn, const Args&... args) {
    Stmt s(db_, sql);
    if (!s.ok()) return Error("preparing a query");
    if constexpr (sizeof...(Args) > 0) RETURN_IF_ERROR(s.BindAll(args...));
    std::vector<T> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(fn(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading rows");
    return out;
  }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<BenefitStore>> OpenSqliteBenefitStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteBenefitStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<BenefitStore>(std::move(store));
}

}  // namespace ballast
