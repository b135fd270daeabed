#include "app/chain.h"

#include "chain/cascade.h"
#include "chain/firm_links.h"
#include "chain/firm_network.h"
#include "chain/graph_measures.h"
#include "chain/io_table.h"

namespace ballast::app {

Result<CascadeAnswer> ChainCascade(std::string_view links, std::string_view file_name,
                                   const std::string& firm) {
  ASSIGN_OR_RETURN(auto read, chain::ReadFirmLinks(links, file_name));
  const chain::FirmNetwork net(read);
  CascadeAnswer out;
  auto f = net.Find(firm);
  if (!f) return out;
  out.firm_known = true;
  for (int v : chain::CascadeVictims(net, *f)) out.failed.push_back(net.id(v));
  return out;
}

Result<AnalyzeAnswer> ChainAnalyze(std::string_view links, std::string_view file_name,
                                   const std::string& root) {
  ASSIGN_OR_RETURN(auto read, chain::ReadFirmLinks(links, file_name));
  const chain::FirmNetwork net(read);
  AnalyzeAnswer out;
  const auto r = net.Find(root);
  out.root_known = r.has_value();
  const auto idom = chain::ImmediateDominators(net, r);
  const auto betweenness = chain::Betweenness(net);
  const auto articulation = chain::ArticulationPoints(net);
  for (int f = 0; f < net.size(); ++f) {
    out.firms.push_back(
        {net.id(f), idom[f] ? net.id(*idom[f]) : "", betweenness[f], articulation[f]});
  }
  return out;
}

Result<IoInverseAnswer> IoInverse(std::string_view table, std::string_view file_name,
                                  const std::string& kind) {
  chain::InverseKind k;
  if (kind == "leontief") {
    k = chain::InverseKind::kLeontief;
  } else if (kind == "ghosh") {
    k = chain::InverseKind::kGhosh;
  } else {
    return Status::Invalid("--kind: '" + kind + "' is not leontief or ghosh");
  }
  ASSIGN_OR_RETURN(auto t, chain::ReadIoTable(table, file_name));
  ASSIGN_OR_RETURN(auto m, chain::Inverse(t, k));
  return IoInverseAnswer{t.codes, std::move(m)};
}

Result<std::vector<chain::SectorLinkage>> IoKeySectors(std::string_view table,
                                                       std::string_view file_name) {
  ASSIGN_OR_RETURN(auto t, chain::ReadIoTable(table, file_name));
  return chain::KeySectors(t);
}

}  // namespace ballast::app
