#include "cli/sim_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

namespace ballast::cli {

int RunChainSimulate(const app::ChainSimRequest& request, std::ostream& out, std::ostream& err) {
  auto r = app::RunChainSimulation(request);
  if (!r.ok()) {
    err << "error: " << r.status().message() << "\n";
    return r.status().IsUserError() ? 2 : 1;
  }
  for (const auto& w : r->warnings) err << "warning: " << w << "\n";
  out << r->text;
  return 0;
}

void RegisterChainSimulate(CLI::App* chain) {
  auto request = std::make_shared<app::ChainSimRequest>();
  auto* sim = chain->add_subcommand(
      "simulate",
      "Daily propagation of capacity shocks through the firm network (Inoue & Todo 2019; proNet)");
  sim->add_option("--firms", request->firms,
                  "CSV firm,sector,final_demand,initial_output (per day)")
      ->required();
  sim->add_option("--links", request->links,
                  "CSV supplier,customer,value (per day at the equilibrium)")
      ->required();
  sim->add_option("--shocks", request->shocks, "CSV firm,day_from,day_to,delta");
  sim->add_option("--days", request->params.days, "days simulated: 0..N-1")->required();
  sim->add_option("--tau", request->params.tau, "inventory adjustment time in days")->required();
  sim->add_option("--inventory-days", request->params.inventory_days,
                  "initial and target inventory in days of use")
      ->required();
  sim->add_option("--rationing", request->rationing, "proportional | priority")
      ->required()
      ->check(CLI::IsMember({"proportional", "priority"}));
  sim->add_option("--recovery-days", request->params.recovery_days,
                  "after a shock, capacity recovers linearly over R days (default: at once)");
  sim->add_flag("--per-firm", request->params.per_firm,
                "print day,firm,output instead of day,output");
  sim->add_option("--out", request->out, "output CSV file ('-' for stdout)")->required();
  sim->callback([request] {
    const int code = RunChainSimulate(*request, std::cout, std::cerr);
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace ballast::cli
