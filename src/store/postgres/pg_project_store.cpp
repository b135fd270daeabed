// The project register and monthly dispatch reports in a PostgreSQL store, on a connection of
// their own. A report's version is taken under a row lock of its project, so two reports of one
// month never get the same version.
#include "core/period.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"
#include "store/project_rows.h"
#include "store/project_store.h"

namespace ballast {
namespace {

using pg::Conn;
using pg::PgResult;
using projects::FactorEvent;
using projects::FactorItem;
using projects::MonthlyReport;
using projects::Project;

// The one schema version the project store checks: the migration list's position of its newest
// tables, 019_factor_ledger.sql: the 17th entry (after 018_cultivation.sql).
constexpr int kProjectSchemaVersion = 17;
constexpr const char* kWho = "project store";

using RowOf = pg::PgRow;

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

pg::Params ProjectParams(const Project& p, int64_t version) {
  pg::Params x;
  x.Add(project_rows::Texts1(p));
  x.Add(p.total_investment);
  x.Add(p.annual_plan);
  x.Add(project_rows::Texts2(p));
  x.Add(p.wl_construction);
  x.Add(p.wl_factors);
  x.Add(p.wl_finance);
  x.Add(p.main_bank);
  x.Add(version);
  x.Add(p.updated_by);
  x.Add(p.updated_at);
  return x;
}

pg::Params ItemParams(const FactorItem& f) {
  pg::Params x;
  x.Add(f.version);
  x.Add(f.project_id);
  x.Add(std::string(projects::FactorName(f.factor)));
  x.Add(f.description);
  x.Add(f.unit);
  x.Add(f.days);
  x.Add(project_rows::FactorTexts1(f));
  x.Add(f.open);
  x.Add(project_rows::FactorTexts2(f));
  x.Add(f.extension_days_requested);
  x.Add(f.extensions);
  x.Add(f.escalations);
  return x;
}

Status OpenItemExists(const FactorItem& item) {
  return Status::AlreadyExists("project " + std::to_string(item.project_id) +
                               " already has an open " +
                               std::string(projects::FactorName(item.factor)) + " item");
}

class PostgresProjectStore final : public ProjectStore {
 public:
  explicit PostgresProjectStore(std::unique_ptr<Conn> c) : c_(std::move(c)) {}

  Result<std::vector<Project>> ListProjects() override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT id, ") + project_rows::kProjectColumns +
                                       " FROM project ORDER BY id"));
    std::vector<Project> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(project_rows::ProjectFromRow(RowOf{r, i}));
    return out;
  }

  Result<std::optional<Project>> GetProject(int64_t id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT id, ") + project_rows::kProjectColumns +
                                           " FROM project WHERE id = ?",
                                       id));
    if (r.rows() == 0) return std::optional<Project>();
    return std::optional<Project>(project_rows::ProjectFromRow(RowOf{r, 0}));
  }

  Result<std::vector<Project>> SaveProjects(std::vector<Project> ps) override {
    Status tx = c_->InTransaction([&]() -> Status {
      for (auto& p : ps) RETURN_IF_ERROR(SaveOne(p));
      return Status::Ok();
    });
    RETURN_IF_ERROR(tx);
    return ps;
  }

  Result<MonthlyReport> AddReport(MonthlyReport r, const std::optional<Project>& project,
                                  std::vector<FactorItem>* open_items) override {
    std::optional<Project> p = project;
    std::vector<FactorItem> opened;
    Status tx = c_->InTransaction([&]() -> Status {
      RETURN_IF_ERROR(c_->Run("SELECT id FROM project WHERE id = ? FOR UPDATE", r.project_id));
      ASSIGN_OR_RETURN(auto v,
                       c_->Query("SELECT COALESCE(MAX(version), 0) FROM project_report WHERE "
                                 "project_id = ? AND month = ?",
                                 r.project_id, FormatPeriod(r.month)));
      r.version = v.Int(0, 0) + 1;
      RETURN_IF_ERROR(
          c_->Run(std::string("INSERT INTO project_report(") + project_rows::kReportColumns +
                      ") VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                  r.project_id, FormatPeriod(r.month), r.version, r.investment,
                  project_rows::StageText(r), r.stage_date, projects::EncodeDocuments(r.documents),
                  projects::EncodeBlockers(r.blockers), r.note, r.reported_by, r.reported_at));
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
    RETURN_IF_ERROR(tx);
    if (open_items != nullptr) *open_items = std::move(opened);
    return r;
  }

  Result<FactorItem> OpenFactorItem(FactorItem item, FactorEvent event) override {
    Status tx = c_->InTransaction([&]() -> Status {
      // The project's row lock serialises openings of its items (the unique index backs it).
      RETURN_IF_ERROR(c_->Run("SELECT id FROM project WHERE id = ? FOR UPDATE", item.project_id));
      ASSIGN_OR_RETURN(bool exists, HasOpenItem(item));
      if (exists) return OpenItemExists(item);
      return InsertItem(item, std::move(event));
    });
    RETURN_IF_ERROR(tx);
    return item;
  }

  Result<std::vector<FactorItem>> ListFactorItems(int64_t project_id) override {
    std::string sql =
        std::string("SELECT id, ") + project_rows::kFactorColumns + " FROM factor_item";
    pg::Params params;
    if (project_id > 0) {
      sql += " WHERE project_id = ?";
      params.Add(project_id);
    }
    ASSIGN_OR_RETURN(auto r, c_->Execute(sql + " ORDER BY id", params, 0));
    return Items(r);
  }

  Result<std::optional<FactorItem>> GetFactorItem(int64_t id) override {
    ASSIGN_OR_RETURN(auto r, c_->Query(std::string("SELECT id, ") + project_rows::kFactorColumns +
                                           " FROM factor_item WHERE id = ?",
                                       id));
    ASSIGN_OR_RETURN(auto v, Items(r));
    if (v.empty()) return std::optional<FactorItem>();
    return std::optional<FactorItem>(std::move(v[0]));
  }

  Result<FactorItem> UpdateFactorItem(FactorItem item, int64_t expected_version,
                                      FactorEvent event) override {
    Status tx = c_->InTransaction([&]() -> Status {
      item.version = expected_version + 1;
      pg::Params x = ItemParams(item);
      x.Add(item.id);
      x.Add(expected_version);
      auto r = c_->Execute("UPDATE factor_item SET " + Assignments(project_rows::kFactorColumns) +
                               " WHERE id = ? AND version = ?",
                           x, 0);
      if (!r.ok()) {
        if (c_->last_sqlstate() == "23505") return OpenItemExists(item);
        return r.status();
      }
      if (r->Affected() != 1) {
        return Status::Precondition("factor item " + std::to_string(item.id) +
                                    " was changed by someone else: reload it and retry");
      }
      event.item_id = item.id;
      return InsertEvent(event);
    });
    RETURN_IF_ERROR(tx);
    return item;
  }

  Result<std::vector<FactorEvent>> ListFactorEvents(int64_t item_id) override {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query(std::string("SELECT id, ") + project_rows::kFactorEventColumns +
                                   " FROM factor_event WHERE item_id = ? ORDER BY id",
                               item_id));
    std::vector<FactorEvent> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(project_rows::FactorEventFromRow(RowOf{r, i}));
    return out;
  }

  Result<std::vector<MonthlyReport>> ListReports(int64_t project_id) override {
    std::string sql =
        std::string("SELECT ") + project_rows::kReportColumns + " FROM project_report";
    pg::Params params;
    if (project_id > 0) {
      sql += " WHERE project_id = ?";
      params.Add(project_id);
    }
    sql += " ORDER BY project_id, month, version";
    ASSIGN_OR_RETURN(auto r, c_->Execute(sql, params, 0));
    std::vector<MonthlyReport> out;
    for (int i = 0; i < r.rows(); ++i) {
      ASSIGN_OR_RETURN(auto m, project_rows::ReportFromRow(RowOf{r, i}));
      out.push_back(std::move(m));
    }
    return out;
  }

 private:
  Result<std::vector<FactorItem>> Items(const PgResult& r) {
    std::vector<FactorItem> out;
    for (int i = 0; i < r.rows(); ++i) {
      ASSIGN_OR_RETURN(auto f, project_rows::FactorFromRow(RowOf{r, i}));
      out.push_back(std::move(f));
    }
    return out;
  }

  Result<bool> HasOpenItem(const FactorItem& item) {
    ASSIGN_OR_RETURN(auto r,
                     c_->Query("SELECT 1 FROM factor_item WHERE project_id = ? AND "
                               "factor = ? AND open = 1",
                               item.project_id, std::string(projects::FactorName(item.factor))));
    return r.rows() > 0;
  }

  Status InsertItem(FactorItem& item, FactorEvent event) {
    item.version = 1;
    auto r = c_->Execute(std::string("INSERT INTO factor_item(") + project_rows::kFactorColumns +
                             ") VALUES(" + Placeholders(project_rows::kFactorColumnCount) +
                             ") RETURNING id",
                         ItemParams(item), 0);
    if (!r.ok()) {
      if (c_->last_sqlstate() == "23505") return OpenItemExists(item);
      return r.status();
    }
    item.id = r->Int(0, 0);
    event.item_id = item.id;
    return InsertEvent(event);
  }

  Status InsertEvent(const FactorEvent& e) {
    pg::Params x;
    x.Add(e.item_id);
    x.Add(project_rows::EventTexts(e));
    return c_
        ->Execute(std::string("INSERT INTO factor_event(") + project_rows::kFactorEventColumns +
                      ") VALUES(?,?,?,?,?,?,?,?,?,?)",
                  x, 0)
        .status();
  }

  Status SaveOne(Project& p) {
    if (p.id == 0) {
      auto r = c_->Execute(std::string("INSERT INTO project(") + project_rows::kProjectColumns +
                               ") VALUES(" + Placeholders(project_rows::kProjectColumnCount) +
                               ") RETURNING id",
                           ProjectParams(p, 1), 0);
      if (!r.ok()) {
        if (c_->last_sqlstate() == "23505")
          return Status::AlreadyExists("project code '" + p.code + "' is already used");
        return r.status();
      }
      p.id = r->Int(0, 0);
      p.version = 1;
      return Status::Ok();
    }
    pg::Params x = ProjectParams(p, p.version + 1);
    x.Add(p.id);
    x.Add(p.version);
    auto r =
        c_->Execute("UPDATE project SET " + Assignments() + " WHERE id = ? AND version = ?", x, 0);
    if (!r.ok()) {
      if (c_->last_sqlstate() == "23505")
        return Status::AlreadyExists("project code '" + p.code + "' is already used");
      return r.status();
    }
    if (r->Affected() != 1) {
      return Status::Precondition(
          "project " + std::to_string(p.id) +
          " was changed by someone else (or does not exist): reload it and edit again");
    }
    ++p.version;
    return Status::Ok();
  }

  std::unique_ptr<Conn> c_;
};

}  // namespace

Result<std::unique_ptr<ProjectStore>> OpenPostgresProjectStore(const std::string& uri) {
  ASSIGN_OR_RETURN(auto conn,
                   pg::ConnectAtSchema(uri, kProjectSchemaVersion, "project tables", kWho));
  return std::unique_ptr<ProjectStore>(std::make_unique<PostgresProjectStore>(std::move(conn)));
}

}  // namespace ballast
