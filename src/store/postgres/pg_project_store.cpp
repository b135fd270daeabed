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
using projects::MonthlyReport;
using projects::Project;

// The migration list's position of 013_projects.sql (the lead renumbers when merging).
constexpr int kProjectSchemaVersion = 11;  // 013_projects.sql is the 11th entry of the list
constexpr const char* kWho = "project store";

struct RowOf {
  const PgResult& r;
  int i;
  std::string Text(int c) const { return r.Text(i, c); }
  int64_t Int(int c) const { return r.Int(i, c); }
  double Double(int c) const { return r.Double(i, c); }
};

std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

std::string Assignments() {
  std::string cols = project_rows::kProjectColumns, out;
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

  Result<MonthlyReport> AddReport(MonthlyReport r, const std::optional<Project>& project) override {
    std::optional<Project> p = project;
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
      return Status::Ok();
    });
    RETURN_IF_ERROR(tx);
    return r;
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
