// The inputs of the daily propagation model (issue #16 item 4): firms with their sector and final
// demand, supplier -> customer links valued per day at the initial equilibrium, and capacity
// shocks. Readers for the three CSV files reject bad input naming file, line and field.
#ifndef BALLAST_CHAIN_SIM_ECONOMY_H_
#define BALLAST_CHAIN_SIM_ECONOMY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace ballast::chain::sim {

// Firms are numbered 0..n-1 in the order of the firms file; that order is also the order in
// which every sum over firms is taken, so it fixes the results to the last bit.
struct Economy {
  std::vector<std::string> firm_ids;
  std::vector<int32_t> sector;            // dense sector number, one per firm
  std::vector<std::string> sector_names;  // by sector number, as in the firms file
  std::vector<double> final_demand;       // per day
  std::vector<double> initial_output;     // as given; the model uses the equilibrium output instead
  int32_t num_sectors = 0;

  struct Link {
    int32_t supplier = 0;
    int32_t customer = 0;
    double value = 0;  // per day at the initial equilibrium
  };
  std::vector<Link> links;

  size_t num_firms() const { return firm_ids.size(); }
};

// A shock removes `delta` (0..1) of the firm's capacity on days day_from..day_to inclusive.
struct Shock {
  int32_t firm = 0;
  int32_t day_from = 0;
  int32_t day_to = 0;
  double delta = 0;
};

// firms: firm,sector,final_demand,initial_output; links: supplier,customer,value.
Result<Economy> ReadEconomy(const std::string& firms_path, const std::string& links_path);
// firm,day_from,day_to,delta (firms must be in `economy`).
Result<std::vector<Shock>> ReadShocks(const std::string& path, const Economy& economy);

// The same from CSV text (`name` stands for the file in messages); used by tests.
Result<Economy> ParseEconomy(const std::string& firms_csv, const std::string& links_csv,
                             const std::string& firms_name = "firms",
                             const std::string& links_name = "links");
Result<std::vector<Shock>> ParseShocks(const std::string& csv, const Economy& economy,
                                       const std::string& name = "shocks");

// Equilibrium output of each firm: final demand plus what its customers buy, summed in customer
// order. Firms whose given initial_output differs from it by more than 1e-9 relative are listed.
std::vector<double> EquilibriumOutput(const Economy& economy);
std::vector<std::string> InconsistentInitialOutput(const Economy& economy);

}  // namespace ballast::chain::sim

#endif  // BALLAST_CHAIN_SIM_ECONOMY_H_
