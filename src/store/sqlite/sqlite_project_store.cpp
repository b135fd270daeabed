// The project register and monthly dispatch reports in the SQLite store file, on a connection of
// their own.
#include <sqlite3.h>

#include "core/period.h"
#include "store/project_rows.h"
#include "store/project_store.h"
#include "store/sqlite/connection.h"

namespace ballast {
namespace {

using projects::FactorEvent;
using projects::FactorItem;
using projects::MonthlyReport;
using projects::Project;

constexpr const char* kWho = "project store";

// Column access of the current row, as project_rows.h wants it.
using RowOf = SqliteRow;

std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

std::string Assignments(const char* columns = project_rows::kProjectColumns) {
  std::string cols = columns, out;
  size_t start = 0;
  while (start < cols.size()) {
    size_t end = cols.find(", ", start);
    if (end == std::string::npos) end = cols.size();
    out += (out.empty() ? "" : ", ") + cols.substr(start, end - start) + " = ?";
    start = end + 2;
  }
  return out;
}

class SqliteProjectStore final : public ProjectStore {
 public:
  explicit SqliteProjectStore(sqlite3* db) : db_(db) {}
  ~SqliteProjectStore() override { sqlite3_close_v2(db_); }

  Status Configure() { return ConfigureWithTable(db_, "factor_item", "project tables", kWho); }

  Result<std::vector<Project>> ListProjects() override { return Select("", 0); }

  Result<std::optional<Project>> GetProject(int64_t id) override {
    ASSIGN_OR_RETURN(auto v, Select(" WHERE id = ?", id));
    if (v.empty()) return std::optional<Project>();
    return std::optional<Project>(std::move(v[0]));
  }

  Result<std::vector<Project>> SaveProjects(std::vector<Project> ps) override {
    Status st = InTransaction(db_, [&]() -> Status {
      for (auto& p : ps) RETURN_IF_ERROR(SaveOne(p));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return ps;
  }

  Result<MonthlyReport> AddReport(MonthlyReport r, const std::optional<Project>& project,
                                  std::vector<FactorItem>* open_items) override {
    std::optional<Project> p = project;
    std::vector<FactorItem> opened;
    Status st = InTransaction(db_, [&]() -> Status {
      {
        Stmt s(db_,
               "SELECT COALESCE(MAX(version), 0) FROM project_report WHERE project_id = ? AND "
               "month = ?");
        if (!s.ok()) return Error("preparing report version query");
        RETURN_IF_ERROR(s.BindAll(r.project_id, FormatPeriod(r.month)));
        if (s.Step() != SQLITE_ROW) return Error("reading report versions");
        r.version = s.Int(0) + 1;
      }
      Stmt s(db_, std::string("INSERT INTO project_report(") + project_rows::kReportColumns +
                      ") VALUES(?,?,?,?,?,?,?,?,?,?,?)");
      if (!s.ok()) return Error("preparing report insert");
      RETURN_IF_ERROR(s.BindAll(
          r.project_id, FormatPeriod(r.month), r.version, r.investment, project_rows::StageText(r),
          r.stage_date, projects::EncodeDocuments(r.documents),
          projects::EncodeBlockers(r.blockers), r.note, r.reported_by, r.reported_at));
      if (s.Step() != SQLITE_DONE) return Error("inserting a report");
      if (p) RETURN_IF_ERROR(SaveOne(*p));
      if (open_items == nullptr) return Status::Ok();
      for (FactorItem item : *open_items) {
        ASSIGN_OR_RETURN(bool exists, HasOpenItem(item));
        if (exists) continue;
        RETURN_IF_ERROR(InsertItem(item, projects::OpenEvent(item)));
        opened.push_back(std::move(item));
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    if (open_items != nullptr) *open_items = std::move(opened);
    return r;
  }

  Result<FactorItem> OpenFactorItem(FactorItem item, FactorEvent event) override {
    Status st = InTransaction(db_, [&]() -> Status {
      ASSIGN_OR_RETURN(bool exists, HasOpenItem(item));
      if (exists) return OpenItemExists(item);
      return InsertItem(item, std::move(event));
    });
    if (!st.ok()) return st;
    return item;
  }

  Result<std::vector<FactorItem>> ListFactorItems(int64_t project_id) override {
    return SelectItems(project_id > 0 ? " WHERE project_id = ?" : "", project_id);
  }

  Result<std::optional<FactorItem>> GetFactorItem(int64_t id) override {
    ASSIGN_OR_RETURN(auto v, SelectItems(" WHERE id = ?", id));
    if (v.empty()) return std::optional<FactorItem>();
    return std::optional<FactorItem>(std::move(v[0]));
  }

  Result<FactorItem> UpdateFactorItem(FactorItem item, int64_t expected_version,
                                      FactorEvent event) override {
    Status st = InTransaction(db_, [&]() -> Status {
      Stmt s(db_, "UPDATE factor_item SET " + Assignments(project_rows::kFactorColumns) +
                      " WHERE id = ? AND version = ?");
      if (!s.ok()) return Error("preparing factor item update");
      item.version = expected_version + 1;
      RETURN_IF_ERROR(BindItem(s, item));
      RETURN_IF_ERROR(s.BindFrom(project_rows::kFactorColumnCount + 1, item.id, expected_version));
      if (s.Step() != SQLITE_DONE) {
        if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE) return OpenItemExists(item);
        return Error("updating a factor item");
      }
      if (sqlite3_changes(db_) == 0) {
        return Status::Precondition("factor item " + std::to_string(item.id) +
                                    " was changed by someone else: reload it and retry");
      }
      event.item_id = item.id;
      return InsertEvent(event);
    });
    if (!st.ok()) return st;
    return item;
  }

  Result<std::vector<FactorEvent>> ListFactorEvents(int64_t item_id) override {
    Stmt s(db_, std::string("SELECT id, ") + project_rows::kFactorEventColumns +
                    " FROM factor_event WHERE item_id = ? ORDER BY id");
    if (!s.ok()) return Error("preparing factor event query");
    RETURN_IF_ERROR(s.BindAll(item_id));
    std::vector<FactorEvent> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(project_rows::FactorEventFromRow(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading factor events");
    return out;
  }

  Result<std::vector<MonthlyReport>> ListReports(int64_t project_id) override {
    std::string sql =
        std::string("SELECT ") + project_rows::kReportColumns + " FROM project_report";
    if (project_id > 0) sql += " WHERE project_id = ?";
    sql += " ORDER BY project_id, month, version";
    Stmt s(db_, sql);
    if (!s.ok()) return Error("preparing report query");
    if (project_id > 0) RETURN_IF_ERROR(s.BindAll(project_id));
    std::vector<MonthlyReport> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ASSIGN_OR_RETURN(auto r, project_rows::ReportFromRow(RowOf{s}));
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return Error("reading reports");
    return out;
  }

 private:
  Status Error(const char* what) { return SqlError(db_, what, kWho); }

  static Status OpenItemExists(const FactorItem& item) {
    return Status::AlreadyExists("project " + std::to_string(item.project_id) +
                                 " already has an open " +
                                 std::string(projects::FactorName(item.factor)) + " item");
  }

  Result<bool> HasOpenItem(const FactorItem& item) {
    Stmt s(db_, "SELECT 1 FROM factor_item WHERE project_id = ? AND factor = ? AND open = 1");
    if (!s.ok()) return Error("preparing open item query");
    RETURN_IF_ERROR(s.BindAll(item.project_id, std::string(projects::FactorName(item.factor))));
    const int rc = s.Step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("reading open items");
    return rc == SQLITE_ROW;
  }

  Status BindItem(Stmt& s, const FactorItem& f) {
    return s.BindAll(f.version, f.project_id, std::string(projects::FactorName(f.factor)),
                     f.description, f.unit, f.days, project_rows::FactorTexts1(f), f.open,
                     project_rows::FactorTexts2(f), f.extension_days_requested, f.extensions,
                     f.escalations);
  }

  // Inserts `item` (version 1) and its first event; sets the item's id.
  Status InsertItem(FactorItem& item, FactorEvent event) {
    Stmt s(db_, std::string("INSERT INTO factor_item(") + project_rows::kFactorColumns +
                    ") VALUES(" + Placeholders(project_rows::kFactorColumnCount) + ")");
    if (!s.ok()) return Error("preparing factor item insert");
    item.version = 1;
    RETURN_IF_ERROR(BindItem(s, item));
    if (s.Step() != SQLITE_DONE) {
      if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE) return OpenItemExists(item);
      return Error("inserting a factor item");
    }
    item.id = sqlite3_last_insert_rowid(db_);
    event.item_id = item.id;
    return InsertEvent(event);
  }

  Status InsertEvent(const FactorEvent& e) {
    Stmt s(db_, std::string("INSERT INTO factor_event(") + project_rows::kFactorEventColumns +
                    ") VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("preparing factor event insert");
    RETURN_IF_ERROR(s.BindAll(e.item_id, project_rows::EventTexts(e)));
    if (s.Step() != SQLITE_DONE) return Error("inserting a factor event");
    return Status::Ok();
  }

  Result<std::vector<FactorItem>> SelectItems(const std::string& where, int64_t id) {
    Stmt s(db_, std::string("SELECT id, ") + project_rows::kFactorColumns + " FROM factor_item" +
                    where + " ORDER BY id");
    if (!s.ok()) return Error("preparing factor item query");
    if (!where.empty()) RETURN_IF_ERROR(s.BindAll(id));
    std::vector<FactorItem> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ASSIGN_OR_RETURN(auto f, project_rows::FactorFromRow(RowOf{s}));
      out.push_back(std::move(f));
    }
    if (rc != SQLITE_DONE) return Error("reading factor items");
    return out;
  }

  Result<std::vector<Project>> Select(const std::string& where, int64_t id) {
    Stmt s(db_, std::string("SELECT id, ") + project_rows::kProjectColumns + " FROM project" +
                    where + " ORDER BY id");
    if (!s.ok()) return Error("preparing project query");
    if (!where.empty()) RETURN_IF_ERROR(s.BindAll(id));
    std::vector<Project> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(project_rows::ProjectFromRow(RowOf{s}));
    if (rc != SQLITE_DONE) return Error("reading projects");
    return out;
  }

  Status BindProject(Stmt& s, const Project& p, int64_t version) {
    return s.BindAll(project_rows::Texts1(p), p.total_investment, p.annual_plan,
                     project_rows::Texts2(p), p.wl_construction, p.wl_factors, p.wl_finance,
                     p.main_bank, version, p.updated_by, p.updated_at);
  }

  Status SaveOne(Project& p) {
    if (p.id == 0) {
      Stmt s(db_, std::string("INSERT INTO project(") + project_rows::kProjectColumns +
                      ") VALUES(" + Placeholders(project_rows::kProjectColumnCount) + ")");
      if (!s.ok()) return Error("preparing project insert");
      RETURN_IF_ERROR(BindProject(s, p, 1));
      if (s.Step() != SQLITE_DONE) {
        if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE)
          return Status::AlreadyExists("project code '" + p.code + "' is already used");
        return Error("inserting a project");
      }
      p.id = sqlite3_last_insert_rowid(db_);
      p.version = 1;
      return Status::Ok();
    }
    Stmt s(db_, "UPDATE project SET " + Assignments() + " WHERE id = ? AND version = ?");
    if (!s.ok()) return Error("preparing project update");
    RETURN_IF_ERROR(BindProject(s, p, p.version + 1));
    RETURN_IF_ERROR(s.BindFrom(project_rows::kProjectColumnCount + 1, p.id, p.version));
    if (s.Step() != SQLITE_DONE) {
      if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE)
        return Status::AlreadyExists("project code '" + p.code + "' is already used");
      return Error("updating a project");
    }
    if (sqlite3_changes(db_) == 0) {
      return Status::Precondition(
          "project " + std::to_string(p.id) +
          " was changed by someone else (or does not exist): reload it and edit again");
    }
    ++p.version;
    return Status::Ok();
  }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<ProjectStore>> OpenSqliteProjectStore(const std::string& path) {
  ASSIGN_OR_RETURN(sqlite3 * db, OpenExistingFile(path, kWho));
  auto store = std::make_unique<SqliteProjectStore>(db);
  RETURN_IF_ERROR(store->Configure());
  return std::unique_ptr<ProjectStore>(std::move(store));
}

}  // namespace ballast
