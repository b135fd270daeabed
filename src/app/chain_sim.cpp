#include "app/chain_sim.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ballast::app {
namespace {

void PutNumber(double v, std::ostream& out) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.write(buf, end - buf);
}

}  // namespace

void WriteChainSimCsv(const chain::sim::Economy& economy, const chain::sim::SimResult& result,
                      bool per_firm, std::ostream& out) {
  const int days = static_cast<int>(result.total.size()) - 1;
  out << (per_firm ? "day,firm,output\n" : "day,output\n");
  for (int t = -1; t < days; ++t) {
    if (!per_firm) {
      out << t << ',';
      PutNumber(result.total[static_cast<size_t>(t + 1)], out);
      out << '\n';
      continue;
    }
    for (size_t i = 0; i < economy.num_firms(); ++i) {
      out << t << ',' << economy.firm_ids[i] << ',';
      PutNumber(result.FirmOutput(t, i), out);
      out << '\n';
    }
  }
}

Result<ChainSimOutcome> RunChainSimulation(const ChainSimRequest& request) {
  using namespace chain::sim;
  SimParams params = request.params;
  if (request.rationing == "proportional") {
    params.rationing = Rationing::kProportional;
  } else if (request.rationing == "priority") {
    params.rationing = Rationing::kPriority;
  } else {
    return Status::Invalid(
        "--rationing must be proportional or priority / 配给方式须为 proportional 或 priority");
  }
  RETURN_IF_ERROR(ValidateParams(params));
  ASSIGN_OR_RETURN(Economy economy, ReadEconomy(request.firms, request.links));
  std::vector<Shock> shocks;
  if (!request.shocks.empty()) {
    ASSIGN_OR_RETURN(shocks, ReadShocks(request.shocks, economy));
  }
  ChainSimOutcome outcome;
  auto odd = InconsistentInitialOutput(economy);
  if (!odd.empty()) {
    outcome.warnings.push_back(request.firms + ": initial_output of " + std::to_string(odd.size()) +
                               " firm(s) is not final_demand + sales (first: " + odd.front() +
                               "); the model starts from the equilibrium, as proNet does / "
                               "初始产出与最终需求加销售额不符，按均衡值计算");
  }
  ASSIGN_OR_RETURN(SimResult result, Simulate(economy, shocks, params));
  if (request.out == "-") {
    std::ostringstream text;
    WriteChainSimCsv(economy, result, params.per_firm, text);
    outcome.text = text.str();
    return outcome;
  }
  // Written beside the target and renamed: a failed run leaves no half file.
  const std::string tmp = request.out + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Io(request.out + ": cannot write / 无法写入");
    WriteChainSimCsv(economy, result, params.per_firm, out);
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status::Io(request.out + ": cannot write / 无法写入");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, request.out, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Status::Io(request.out + ": " + ec.message());
  }
  return outcome;
}

}  // namespace ballast::app
