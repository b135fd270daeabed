#include "cli/factor_commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "app/project_factors.h"
#include "cli/auth_commands.h"
#include "cli/format.h"
#include "cli/warn_commands.h"

namespace ballast::cli {
namespace {

constexpr int kOk = 0, kFailure = 1, kBadInput = 2;

int Fail(const Status& s, std::ostream& err) {
  err << "ballast: " << s.message() << "\n";
  return s.IsUserError() ? kBadInput : kFailure;
}

void Header(std::ostream& out) {
  out << "id,version,project_code,project_name,region,factor,unit,days,state,due,overdue,source,"
         "description,reply\n";
}

void Line(std::ostream& out, const app::FactorRow& r) {
  const auto& f = r.item;
  out << f.id << ',' << f.version << ',' << CsvField(r.project_code) << ','
      << CsvField(r.project_name) << ',' << r.region << ',' << projects::FactorName(f.factor) << ','
      << CsvField(f.unit) << ',' << f.days << ',' << f.state << ',' << f.due << ','
      << (r.overdue ? 1 : 0) << ',' << CsvField(f.source) << ',' << CsvField(f.description) << ','
      << CsvField(f.reply) << '\n';
}

}  // namespace

struct FactorCommands::Args {
  CLI::App *list = nullptr, *open = nullptr, *show = nullptr, *step = nullptr;
  std::string db, user = DefaultUser(), region, state, unit, factor, description, action, reason,
                  reply, as_unit;
  int64_t project = 0, id = 0, version = 0;
  int days = 0;
  bool open_only = false, overdue = false, refuse = false;
};

FactorCommands::FactorCommands(CLI::App& projects) : args_(std::make_unique<Args>()) {
  Args& a = *args_;
  CLI::App* f = projects.add_subcommand(
      "factors",
      "The factor-guarantee ledger (要素保障台账): items dispatched and closed like appeals");
  f->require_subcommand(1);
  auto db = [&a](CLI::App* c) {
    c->add_option("--db", a.db, "the store (file or postgresql:// URI)")->required();
    c->add_option("--user", a.user, "who acts (for the record)");
  };
  a.list = f->add_subcommand("list", "List factor items as CSV");
  db(a.list);
  a.list->add_option("--region", a.region, "GB/T 2260 code (its subtree)");
  a.list->add_option("--state", a.state, "a state of the loop (accepted, dispatched, …)");
  a.list->add_option("--unit", a.unit, "the assigned unit");
  a.list->add_option("--factor", a.factor, "land | energy | eia | funds | approval | labour");
  a.list->add_option("--project", a.project, "one project's items");
  a.list->add_flag("--open", a.open_only, "open items only");
  a.list->add_flag("--overdue", a.overdue, "items past their handling deadline only");
  a.open = f->add_subcommand("open", "Open a factor item of a project by hand");
  db(a.open);
  a.open->add_option("--project", a.project, "project id")->required();
  a.open->add_option("--factor", a.factor, "land | energy | eia | funds | approval | labour")
      ->required();
  a.open->add_option("--unit", a.unit, "the unit asked to solve it")->required();
  a.open->add_option("--days", a.days, "the deadline in working days from dispatch")->required();
  a.open->add_option("--description", a.description, "what blocks the project")->required();
  a.show = f->add_subcommand("show", "One item and its history");
  db(a.show);
  a.show->add_option("--id", a.id, "factor item id")->required();
  a.step = f->add_subcommand("step", "A step of the service loop on an item");
  db(a.step);
  a.step->add_option("--id", a.id, "factor item id")->required();
  a.step->add_option("--version", a.version, "the version you read")->required();
  a.step
      ->add_option("--action", a.action,
                   "dispatch | reassign | return | start | request_extension | "
                   "approve_extension | escalate | reply | close | decline")
      ->required();
  a.step->add_option("--reason", a.reason, "the reason (return, reassign, escalate, decline)");
  a.step->add_option("--reply", a.reply, "the unit's answer (reply)");
  a.step->add_option("--unit", a.unit, "dispatch, reassign: the unit (default the item's)");
  a.step->add_option("--days", a.days,
                     "dispatch, reassign: the deadline; request_extension: the days asked");
  a.step->add_flag("--refuse", a.refuse, "approve_extension: refuse the request");
  a.step->add_option("--as-unit", a.as_unit, "record the step of this assigned unit on its behalf");
}

FactorCommands::~FactorCommands() = default;

std::optional<int> FactorCommands::Run(std::ostream& out, std::ostream& err) const {
  const Args& a = *args_;
  CLI::App* cmds[] = {a.list, a.open, a.show, a.step};
  if (std::none_of(std::begin(cmds), std::end(cmds), [](CLI::App* c) { return c->parsed(); }))
    return std::nullopt;
  auto b = app::Ballast::Open(a.db, StoreOptions());
  if (!b.ok()) return Fail(b.status(), err);
  app::Caller caller = app::Caller::Local(a.user);
  if (a.list->parsed()) {
    app::FactorFilter f{a.region, a.state, a.unit, a.factor, a.project, a.open_only, a.overdue};
    auto rows = app::ListFactorItems(**b, caller, f);
    if (!rows.ok()) return Fail(rows.status(), err);
    Header(out);
    for (const auto& r : *rows) Line(out, r);
    return kOk;
  }
  if (a.open->parsed()) {
    auto row =
        app::OpenFactorItem(**b, caller, {a.project, a.factor, a.description, a.unit, a.days});
    if (!row.ok()) return Fail(row.status(), err);
    out << "opened factor item " << row->item.id << " (" << projects::FactorName(row->item.factor)
        << ", " << row->item.unit << ")\n";
    return kOk;
  }
  if (a.show->parsed()) {
    auto v = app::GetFactorItem(**b, caller, a.id);
    if (!v.ok()) return Fail(v.status(), err);
    Header(out);
    Line(out, v->row);
    out << "\nat,actor,party,action,from_state,to_state,unit,reason,body\n";
    for (const auto& e : v->history) {
      out << e.at << ',' << CsvField(e.actor) << ',' << e.party << ',' << e.action << ','
          << e.from_state << ',' << e.to_state << ',' << CsvField(e.unit) << ','
          << CsvField(e.reason) << ',' << CsvField(e.body) << '\n';
    }
    return kOk;
  }
  if (a.step->parsed()) {
    if (!a.as_unit.empty()) {
      caller.role = auth::Role::kHandler;
      caller.unit = a.as_unit;
    }
    app::FactorStepRequest r;
    r.id = a.id;
    r.version = a.version;
    r.action = a.action;
    r.reason = a.reason;
    r.reply = a.reply;
    r.unit = a.unit;
    r.days = a.days;
    r.approve = !a.refuse;
    auto row = app::StepFactorItem(**b, caller, r);
    if (!row.ok()) return Fail(row.status(), err);
    out << "factor item " << row->item.id << ": " << row->item.state << " (version "
        << row->item.version << (row->item.due.empty() ? "" : ", due " + row->item.due) << ")\n";
    return kOk;
  }
  return std::nullopt;
}

}  // namespace ballast::cli
