#include "store/copy.h"

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "store/locator.h"
#include "store/open.h"
#include "store/postgres/pg_conn.h"
#include "store/sqlite/connection.h"

namespace ballast {

namespace {

// The tables of the current schema (SQLite 010, PostgreSQL version 9) and the types of their
// columns: I integer, R real, T text,
// B bytes. Sessions and login failures are left behind.
struct Table {
  const char* name;
  const char* columns;  // comma-separated
  const char* types;    // one letter per column
  bool identity;        // PostgreSQL: an identity id whose sequence must follow the copied ids
};

constexpr Table kTables[] = {
    {"batch", "id,kind,file_name,sha256,format,user_name,created_at,rows", "ITTTTTTI", false},
    {"enterprise", "id,uscc", "IT", false},
    {"enterprise_version", "enterprise_id,batch_id,name,region,industry,size,tags,entered,exited",
     "IITTTTTTT", false},
    {"observation_chunk", "batch_id,indicator,period,rows,data", "ITIIB", false},
    {"price_index", "industry,period,value", "TIR", false},
    {"va_rate", "industry,rate", "TR", false},
    {"region_series", "region,indicator,period,value,ytd,yoy,ytd_yoy", "TTIRRRR", false},
    {"app_user", "id,username,password_hash,role,region,unit,uscc,disabled,created_at", "ITTTTTTIT",
     true},
    {"audit_log", "id,ts,actor,role,address,action,target,result,detail,prev_hash,hash,scheme",
     "ITTTTTTTTTTT", false},
    {"audit_head", "id,entries,last_id,last_hash,keyed_from,mac", "IIITIT", false},
    {"warn_rule", "rule_id,revision,body,author,created_at", "TITTT", false},
    {"warn_alert",
     "id,fingerprint,rule_id,family,subject_kind,subject_key,subject_name,region,industry,units,"
     "level,state,period,value,threshold,streak,message_zh,message_en,starts_at,fired_at,"
     "updated_at,resolved_at,silenced_by,inhibited,handling,assignee,deadline,note",
     "ITTTTTTTTTTTTRRITTTTTTIITTTT", true},
    {"warn_alert_event", "id,alert_id,at,actor,action,from_state,to_state,detail", "IITTTTTT",
     true},
    {"warn_silence",
     "id,rule_id,family,subject_key,region,author,reason,starts_at,ends_at,expired_at,expired_by",
     "ITTTTTTTTTT", true},
    {"commodity_point", "code,date,name,unit,price,stock_days,source,user_name,imported_at",
     "TTTTRRTTT", false},
    {"policy_progress", "id,target_id,value,date,note,attachment,actor,created_at", "ITRTTTTT",
     true},
    {"warn_evaluation", "id,through_batch,evaluated_at", "IIT", false},
    {"service_appeal",
     "id,version,uscc,enterprise_name,region,category,title,description,attachments,contact,"
     "channel,filed_by,filed_at,state,unit,co_units,complexity,dispatched_at,response_due,due,"
     "first_response_at,replied_at,reply,extension_days_requested,extensions,escalations,"
     "reopen_count,rating_solved,satisfaction,rated_at,closed_at,merged_into,updated_at,accept_due,"
     "rating_due",
     "IITTTTTTTTTTTTTTTTTTTTTIIIIITTTITTT", true},
    {"service_appeal_event",
     "id,appeal_id,at,actor,party,action,from_state,to_state,unit,reason,body", "IITTTTTTTTT",
     true},
    {"service_official", "uscc,username,name,unit,region,assigned_by,assigned_at", "TTTTTTT",
     false},
    {"service_match_event",
     "id,type,title,date,region,organiser,participants,financing_amount,research_results,hires,"
     "outcome,created_by,created_at",
     "ITTTTTTRIITTT", true},
    {"service_config", "key,revision,body,author,created_at", "TITTT", false},
    {"service_notification",
     "id,username,kind,dedupe,appeal_id,title,body,created_at,read_at,email,delivery,attempts,"
     "next_attempt_at",
     "ITTTITTTTTTIT", true},
    {"service_notification_attempt", "id,notification_id,at,channel,ok,detail", "IITTIT", true},
    {"service_contact", "username,email", "TT", false},
    {"service_attachment",
     "id,appeal_id,name,content_type,size,sha256,internal,uploaded_by,party,uploaded_at,content",
     "IITTITITTTB", true},
    {"service_joint_part",
     "id,appeal_id,unit,question,due,state,answer,answered_by,answered_at,waive_reason,waived_by,"
     "waived_at,added_by,added_at",
     "IITTTTTTTTTTTT", true},
    {"service_notice",
     "id,appeal_id,region,unit,reason,due,state,answer,answered_by,answered_at,created_by,"
     "created_at",
     "IITTTTTTTTTT", true},
    {"chain_def", "chain,name_zh,name_en,region,lead_unit,ord", "TTTTTI", false},
    {"chain_segment", "chain,segment,name_zh,stage,industries,products,ord", "TTTTTTI", false},
    {"chain_segment_edge", "chain,from_segment,to_segment,products,ord", "TTTTI", false},
    {"chain_firm_link", "id,supplier,customer,product,value,lead_days", "ITTTRR", true},
    {"chain_firm", "firm,name,region,industry,capacity,inventory_days", "TTTTRR", false},
    {"chain_import", "id,kind,file_name,rows,imported_by,imported_at", "ITTITT", true},
    {"project",
     "id,code,name,investor_uscc,investor_name,region,park,industry,total_investment,annual_plan,"
     "planned_signed,planned_started,planned_in_production,planned_at_capacity,actual_signed,"
     "actual_started,actual_in_production,actual_at_capacity,leader_province,leader_city,"
     "leader_county,unit,wl_construction,wl_factors,wl_finance,main_bank,version,updated_by,updated_at",
     "ITTTTTTTRRTTTTTTTTTTTTIIITITT", true},
    {"project_report",
     "project_id,month,version,investment,stage,stage_date,documents,blockers,note,reported_by,"
     "reported_at",
     "ITIRTTTTTTT", false},
    {"park", "code,name,level,region,area_mu,industrial_land_share,leading_industries", "TTTTRRT",
     false},
    {"park_member", "park,uscc,from_date,to_date", "TTTT", false},
    {"park_resource", "uscc,year,land_mu,energy_tce,tax,rd_expense", "TIRRRR", false},
    {"cult_member", "uscc,name,region,industry,tags,joined,left_on", "TTTTTTT", false},
    {"cult_revenue", "uscc,year,month,revenue", "TIIR", false},
    {"cult_stage", "uscc,stage,year,rd_share,revenue_growth,main_product_share", "TTIRRR", false},
    {"benefit_policy",
     "id,title,issuer,doc_number,valid_from,valid_to,summary,benefit,conditions,updated_by,"
     "updated_at",
     "TTTTTTTTTTT", false},
    {"benefit_record",
     "policy_id,uscc,region,status,applied_on,decided_on,amount,note,recorded_by,recorded_at",
     "TTTTTTRTTT", false},
    {"standard_answer", "id,region,category,title,body,version,edited_by,edited_at", "ITTTTITT",
     true},
    {"factor_item",
     "id,version,project_id,factor,description,unit,days,source,opened_by,opened_at,open,state,"
     "dispatched_at,response_due,due,first_response_at,replied_at,reply,closed_at,updated_at,"
     "extension_days_requested,extensions,escalations",
     "IIITTTITTTITTTTTTTTTIII", true},
    {"factor_event", "id,item_id,at,actor,party,action,from_state,to_state,unit,reason,body",
     "IITTTTTTTTT", true},
};

using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Row = std::vector<Value>;
using RowFn = std::function<Status(Row&&)>;

// One side of the copy.
class Endpoint {
 public:
  virtual ~Endpoint() = default;
  virtual Status Read(const Table& t, const RowFn& fn) = 0;
  // Writes are streamed between Begin and End of one table, inside one transaction.
  virtual Status BeginTable(const Table& t) = 0;
  virtual Status Write(const Row& row) = 0;
  virtual Status EndTable() = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  // Reads of the source see one snapshot (a server may be writing while it is copied).
  virtual Status BeginSnapshot() = 0;
  virtual void EndSnapshot() = 0;
};

class SqliteEndpoint final : public Endpoint {
 public:
  explicit SqliteEndpoint(sqlite3* db) : db_(db) {}
  ~SqliteEndpoint() override {
    insert_.reset();
    sqlite3_close_v2(db_);
  }

  Status Read(const Table& t, const RowFn& fn) override {
    Stmt s(db_, std::string("SELECT ") + t.columns + " FROM " + t.name);
    if (!s.ok()) return SqlError(db_, "reading for the copy");
    const std::string types = t.types;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      Row row;
      for (int c = 0; c < static_cast<int>(types.size()); ++c) {
        if (s.IsNull(c)) {
          row.emplace_back();
        } else if (types[c] == 'I') {
          row.emplace_back(s.Int(c));
        } else if (types[c] == 'R') {
          row.emplace_back(s.Double(c));
        } else if (types[c] == 'B') {
          row.emplace_back(std::string(s.Blob(c)));
        } else {
          row.emplace_back(s.Text(c));
        }
      }
      RETURN_IF_ERROR(fn(std::move(row)));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "reading for the copy");
    return Status::Ok();
  }

  Status BeginTable(const Table& t) override {
    std::string q = std::string("INSERT INTO ") + t.name + "(" + t.columns + ") VALUES(?";
    for (size_t i = 1; i < std::string(t.types).size(); ++i) q += ",?";
    insert_ = std::make_unique<Stmt>(db_, q + ")");
    if (!insert_->ok()) return SqlError(db_, "preparing the copy");
    return Status::Ok();
  }
  Status Write(const Row& row) override {
    for (size_t i = 0; i < row.size(); ++i) {
      const int p = static_cast<int>(i) + 1;
      const Value& v = row[i];
      Status st;
      if (std::holds_alternative<std::monostate>(v)) st = insert_->Bind(p, ballast::Null{});
      if (auto* n = std::get_if<int64_t>(&v)) st = insert_->Bind(p, *n);
      if (auto* d = std::get_if<double>(&v)) st = insert_->Bind(p, *d);
      if (auto* s = std::get_if<std::string>(&v)) {
        st = blob_columns_[i] ? insert_->Bind(p, ballast::Blob{*s}) : insert_->Bind(p, *s);
      }
      RETURN_IF_ERROR(st);
    }
    if (insert_->Step() != SQLITE_DONE) return SqlError(db_, "writing the copy");
    insert_->Reset();
    return Status::Ok();
  }
  Status EndTable() override {
    insert_.reset();
    return Status::Ok();
  }
  Status Begin() override { return ExecSql(db_, "BEGIN IMMEDIATE"); }
  Status Commit() override { return ExecSql(db_, "COMMIT"); }
  void Rollback() override { (void)ExecSql(db_, "ROLLBACK"); }
  Status BeginSnapshot() override { return ExecSql(db_, "BEGIN"); }
  void EndSnapshot() override { (void)ExecSql(db_, "COMMIT"); }

  void SetBlobColumns(const Table& t) {
    blob_columns_.clear();
    for (const char* c = t.types; *c; ++c) blob_columns_.push_back(*c == 'B');
  }

 private:
  sqlite3* db_;
  std::unique_ptr<Stmt> insert_;
  std::vector<bool> blob_columns_;
};

class PostgresEndpoint final : public Endpoint {
 public:
  explicit PostgresEndpoint(std::unique_ptr<pg::Conn> c) : c_(std::move(c)) {}

  Status Read(const Table& t, const RowFn& fn) override {
    const std::string types = t.types;
    return c_->ForEachRow(std::string("SELECT ") + t.columns + " FROM " + t.name, pg::Params(), 0,
                          [&](const pg::PgResult& r) -> Status {
                            Row row;
                            for (int c = 0; c < static_cast<int>(types.size()); ++c) {
                              if (r.IsNull(0, c)) {
                                row.emplace_back();
                              } else if (types[c] == 'I') {
                                row.emplace_back(r.Int(0, c));
                              } else if (types[c] == 'R') {
                                row.emplace_back(r.Double(0, c));
                              } else if (types[c] == 'B') {
                                row.emplace_back(r.Bytea(0, c));
                              } else {
                                row.emplace_back(r.Text(0, c));
                              }
                            }
                            return fn(std::move(row));
                          });
  }

  Status BeginTable(const Table& t) override {
    table_ = &t;
    buf_ = std::make_unique<pg::CopyBuffer>();
    return Status::Ok();
  }
  Status Write(const Row& row) override {
    buf_->Row(static_cast<int16_t>(row.size()));
    for (const Value& v : row) {
      if (std::holds_alternative<std::monostate>(v)) buf_->Null();
      if (auto* n = std::get_if<int64_t>(&v)) buf_->Int64(*n);
      if (auto* d = std::get_if<double>(&v)) buf_->Double(*d);
      if (auto* s = std::get_if<std::string>(&v)) buf_->Text(*s);
    }
    // Large tables go in pieces of about 64 MB, each a COPY of its own in the transaction.
    if (buf_->size() > (size_t{64} << 20)) return Flush();
    return Status::Ok();
  }
  Status EndTable() override {
    RETURN_IF_ERROR(Flush());
    if (table_->identity) {
      RETURN_IF_ERROR(c_->Run(std::string("SELECT setval(pg_get_serial_sequence('") + table_->name +
                              "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table_->name));
    }
    buf_.reset();
    return Status::Ok();
  }
  Status Begin() override { return c_->Script("BEGIN"); }
  Status Commit() override { return c_->Script("COMMIT"); }
  void Rollback() override { (void)c_->Script("ROLLBACK"); }
  Status BeginSnapshot() override {
    return c_->Script("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  }
  void EndSnapshot() override { (void)c_->Script("COMMIT"); }

 private:
  Status Flush() {
    const std::string data = buf_->Finish();
    buf_ = std::make_unique<pg::CopyBuffer>();
    return c_->CopyIn(std::string("COPY ") + table_->name + "(" + table_->columns +
                          ") FROM STDIN (FORMAT binary)",
                      data);
  }

  std::unique_ptr<pg::Conn> c_;
  const Table* table_ = nullptr;
  std::unique_ptr<pg::CopyBuffer> buf_;
};

Result<std::unique_ptr<Endpoint>> Connect(const std::string& locator) {
  if (IsPostgresLocator(locator)) {
    ASSIGN_OR_RETURN(auto conn, pg::Conn::Connect(locator, "copy"));
    return std::unique_ptr<Endpoint>(std::make_unique<PostgresEndpoint>(std::move(conn)));
  }
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(locator, "copy"));
  RETURN_IF_ERROR(ConfigureConnection(db, "copy"));
  return std::unique_ptr<Endpoint>(std::make_unique<SqliteEndpoint>(db));
}

Result<CopyCounts> CopyRows(Endpoint& src, Endpoint& dst) {
  CopyCounts counts;
  RETURN_IF_ERROR(src.BeginSnapshot());
  struct End {
    Endpoint& e;
    ~End() { e.EndSnapshot(); }
  } end{src};
  RETURN_IF_ERROR(dst.Begin());
  for (const Table& t : kTables) {
    if (auto* s = dynamic_cast<SqliteEndpoint*>(&dst)) s->SetBlobColumns(t);
    Status st = dst.BeginTable(t);
    if (st.ok()) {
      st = src.Read(t, [&](Row&& row) {
        ++counts.rows;
        return dst.Write(row);
      });
    }
    if (st.ok()) st = dst.EndTable();
    if (!st.ok()) {
      dst.Rollback();
      return Status(st.code(), std::string("copying table ") + t.name + ": " + st.message());
    }
    ++counts.tables;
  }
  RETURN_IF_ERROR(dst.Commit());
  return counts;
}

}  // namespace

Result<CopyCounts> CopyStore(const std::string& from, const std::string& to) {
  if (!IsPostgresLocator(to)) {
    std::error_code ec;
    if (std::filesystem::exists(to, ec)) {
      return Status::AlreadyExists("'" + to + "' already exists: the copy goes to a new file");
    }
  }
  Store::CatalogTexts catalogs;
  {
    // Opening migrates the source to the current schema, whose tables are the ones above.
    ASSIGN_OR_RETURN(auto source, OpenStore(from));
    ASSIGN_OR_RETURN(catalogs, source->LoadCatalogTexts());
  }
  {
    // The target's schema and catalogs, made as `init` makes them (an empty database only).
    ASSIGN_OR_RETURN(auto target, CreateStore(to, catalogs));
  }
  auto copied = [&]() -> Result<CopyCounts> {
    ASSIGN_OR_RETURN(auto src, Connect(from));
    ASSIGN_OR_RETURN(auto dst, Connect(to));
    return CopyRows(*src, *dst);
  }();
  if (!copied.ok() && !IsPostgresLocator(to)) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(to + suffix, ec);
  }
  if (!copied.ok() && IsPostgresLocator(to)) {
    return Status(copied.status().code(),
                  copied.status().message() + " (the database " + RedactLocator(to) +
                      " holds an empty store now: drop and create it again before another copy)");
  }
  return copied;
}

}  // namespace ballast
