// The column lists and row conversions both project stores share (SQL text lives in store/).
#ifndef BALLAST_STORE_PROJECT_ROWS_H_
#define BALLAST_STORE_PROJECT_ROWS_H_

#include <string>
#include <vector>

#include "core/period.h"
#include "projects/factor_item.h"
#include "projects/project.h"

namespace ballast::project_rows {

// Every column of `project` after id, in the order Fields() binds them.
inline constexpr const char* kProjectColumns =
    "code, name, investor_uscc, investor_name, region, park, industry, total_investment, "
    "annual_plan, "
    "planned_signed, planned_started, planned_in_production, planned_at_capacity, actual_signed, "
    "actual_started, actual_in_production, actual_at_capacity, leader_province, leader_city, "
    "leader_county, "
    "unit, wl_construction, wl_factors, wl_finance, main_bank, version, updated_by, updated_at";
inline constexpr int kProjectColumnCount = 28;
inline constexpr const char* kReportColumns =
    "project_id, month, version, investment, stage, stage_date, documents, blockers, note, "
    "reported_by, "
    "reported_at";

inline std::vector<const std::string*> Texts1(const projects::Project& p) {
  return {&p.code, &p.name, &p.investor_uscc, &p.investor_name, &p.region, &p.park, &p.industry};
}
inline std::vector<const std::string*> Texts2(const projects::Project& p) {
  return {&p.planned[0],      &p.planned[1],  &p.planned[2],    &p.planned[3],
          &p.actual[0],       &p.actual[1],   &p.actual[2],     &p.actual[3],
          &p.leader_province, &p.leader_city, &p.leader_county, &p.unit};
}

// `row` answers Text(col), Int(col) and Double(col) for the columns "id, " + kProjectColumns.
template <typename Row>
projects::Project ProjectFromRow(const Row& row) {
  projects::Project p;
  int c = 0;
  p.id = row.Int(c++);
  for (std::string* t :
       {&p.code, &p.name, &p.investor_uscc, &p.investor_name, &p.region, &p.park, &p.industry})
    *t = row.Text(c++);
  p.total_investment = row.Double(c++);
  p.annual_plan = row.Double(c++);
  for (auto& d : p.planned) d = row.Text(c++);
  for (auto& d : p.actual) d = row.Text(c++);
  for (std::string* t : {&p.leader_province, &p.leader_city, &p.leader_county, &p.unit})
    *t = row.Text(c++);
  p.wl_construction = row.Int(c++) != 0;
  p.wl_factors = row.Int(c++) != 0;
  p.wl_finance = row.Int(c++) != 0;
  p.main_bank = row.Text(c++);
  p.version = row.Int(c++);
  p.updated_by = row.Text(c++);
  p.updated_at = row.Text(c++);
  return p;
}

// The same for kReportColumns.
template <typename Row>
Result<projects::MonthlyReport> ReportFromRow(const Row& row) {
  projects::MonthlyReport r;
  r.project_id = row.Int(0);
  ASSIGN_OR_RETURN(r.month, ParsePeriod(row.Text(1)));
  r.version = row.Int(2);
  r.investment = row.Double(3);
  if (const std::string s = row.Text(4); !s.empty()) {
    r.stage = projects::ParseStage(s);
    if (!r.stage) return Status::Internal("damaged report: stage '" + s + "'");
  }
  r.stage_date = row.Text(5);
  r.documents = projects::DecodeDocuments(row.Text(6));
  ASSIGN_OR_RETURN(r.blockers, projects::DecodeBlockers(row.Text(7)));
  r.note = row.Text(8);
  r.reported_by = row.Text(9);
  r.reported_at = row.Text(10);
  return r;
}

// Every column of `factor_item` after id, in the order FactorFields() binds them.
inline constexpr const char* kFactorColumns =
    "version, project_id, factor, description, unit, days, source, opened_by, opened_at, open, "
    "state, dispatched_at, response_due, due, first_response_at, replied_at, reply, closed_at, "
    "updated_at, extension_days_requested, extensions, escalations";
inline constexpr int kFactorColumnCount = 22;
inline constexpr const char* kFactorEventColumns =
    "item_id, at, actor, party, action, from_state, to_state, unit, reason, body";

// The text columns of a factor item from `source` to `updated_at` but `open` (two runs).
inline std::vector<const std::string*> FactorTexts1(const projects::FactorItem& f) {
  return {&f.source, &f.opened_by, &f.opened_at};
}
inline std::vector<const std::string*> FactorTexts2(const projects::FactorItem& f) {
  return {&f.state,      &f.dispatched_at, &f.response_due, &f.due,       &f.first_response_at,
          &f.replied_at, &f.reply,         &f.closed_at,    &f.updated_at};
}
inline std::vector<const std::string*> EventTexts(const projects::FactorEvent& e) {
  return {&e.at,       &e.actor, &e.party,  &e.action, &e.from_state,
          &e.to_state, &e.unit,  &e.reason, &e.body};
}

// `row` answers the columns "id, " + kFactorColumns.
template <typename Row>
Result<projects::FactorItem> FactorFromRow(const Row& row) {
  projects::FactorItem f;
  int c = 0;
  f.id = row.Int(c++);
  f.version = row.Int(c++);
  f.project_id = row.Int(c++);
  const std::string factor = row.Text(c++);
  auto parsed = projects::ParseFactor(factor);
  if (!parsed) return Status::Internal("damaged factor item: factor '" + factor + "'");
  f.factor = *parsed;
  f.description = row.Text(c++);
  f.unit = row.Text(c++);
  f.days = static_cast<int32_t>(row.Int(c++));
  for (std::string* t : {&f.source, &f.opened_by, &f.opened_at}) *t = row.Text(c++);
  f.open = row.Int(c++) != 0;
  for (std::string* t : {&f.state, &f.dispatched_at, &f.response_due, &f.due, &f.first_response_at,
                         &f.replied_at, &f.reply, &f.closed_at, &f.updated_at})
    *t = row.Text(c++);
  f.extension_days_requested = static_cast<int32_t>(row.Int(c++));
  f.extensions = static_cast<int32_t>(row.Int(c++));
  f.escalations = static_cast<int32_t>(row.Int(c++));
  return f;
}

// `row` answers the columns "id, " + kFactorEventColumns.
template <typename Row>
projects::FactorEvent FactorEventFromRow(const Row& row) {
  projects::FactorEvent e;
  int c = 0;
  e.id = row.Int(c++);
  e.item_id = row.Int(c++);
  for (std::string* t : {&e.at, &e.actor, &e.party, &e.action, &e.from_state, &e.to_state, &e.unit,
                         &e.reason, &e.body})
    *t = row.Text(c++);
  return e;
}

inline std::string StageText(const projects::MonthlyReport& r) {
  return r.stage ? std::string(projects::StageName(*r.stage)) : std::string();
}

}  // namespace ballast::project_rows

#endif  // BALLAST_STORE_PROJECT_ROWS_H_
