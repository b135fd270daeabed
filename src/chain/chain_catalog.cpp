#include "chain/chain_catalog.h"

#include <algorithm>
#include <set>

#include "chain/csv_records.h"
#include "core/incbin.h"

BALLAST_INCBIN(ballast_chains_csv, BALLAST_DATA_DIR "/chains/chains.csv")
BALLAST_INCBIN(ballast_chain_segments_csv, BALLAST_DATA_DIR "/chains/segments.csv")
BALLAST_INCBIN(ballast_chain_edges_csv, BALLAST_DATA_DIR "/chains/edges.csv")

namespace ballast::chain {

const ChainDef* ChainCatalog::Find(std::string_view chain) const {
  for (const auto& c : chains) {
    if (c.id == chain) return &c;
  }
  return nullptr;
}

std::vector<const Segment*> ChainCatalog::SegmentsOf(std::string_view chain) const {
  std::vector<const Segment*> out;
  for (const auto& s : segments) {
    if (s.chain == chain) out.push_back(&s);
  }
  return out;
}

std::vector<const SegmentEdge*> ChainCatalog::EdgesOf(std::string_view chain) const {
  std::vector<const SegmentEdge*> out;
  for (const auto& e : edges) {
    if (e.chain == chain) out.push_back(&e);
  }
  return out;
}

Result<ChainCatalog> ReadChainCatalog(const CsvSource& chains, const CsvSource& segments,
                                      const CsvSource& edges, const Catalog& catalog) {
  ChainCatalog out;
  RETURN_IF_ERROR(ReadCsvRecords(
      chains.bytes, chains.file_name, {"chain", "name_zh"}, {"name_en", "region", "lead_unit"},
      [&](int64_t line, const CellFn& cell) -> Status {
        ChainDef c{std::string(cell("chain")), std::string(cell("name_zh")),
                   std::string(cell("name_en")), std::string(cell("region")),
                   std::string(cell("lead_unit"))};
        if (c.id.empty()) return Status::Invalid(Where(chains.file_name, line, "chain") + "empty");
        if (c.name_zh.empty())
          return Status::Invalid(Where(chains.file_name, line, "name_zh") + "empty");
        if (out.Find(c.id))
          return Status::Invalid(Where(chains.file_name, line, "chain") + "'" + c.id + "' twice");
        if (c.region.empty()) c.region = std::string(kCountryCode);
        if (catalog.regions().Find(c.region) == kNoNode) {
          return Status::Invalid(Where(chains.file_name, line, "region") + "'" + c.region +
                                 "' is not a GB/T 2260 code");
        }
        out.chains.push_back(std::move(c));
        return Status::Ok();
      }));
  std::set<std::pair<std::string, std::string>> seg_ids;
  RETURN_IF_ERROR(ReadCsvRecords(
      segments.bytes, segments.file_name, {"chain", "segment", "name_zh", "stage", "industries"},
      {"products"}, [&](int64_t line, const CellFn& cell) -> Status {
        const std::string& f = segments.file_name;
        Segment s{std::string(cell("chain")),    std::string(cell("segment")),
                  std::string(cell("name_zh")),  std::string(cell("stage")),
                  SplitList(cell("industries")), SplitList(cell("products"))};
        if (!out.Find(s.chain))
          return Status::Invalid(Where(f, line, "chain") + "'" + s.chain + "' is not a chain");
        if (s.id.empty()) return Status::Invalid(Where(f, line, "segment") + "empty");
        if (s.name_zh.empty()) return Status::Invalid(Where(f, line, "name_zh") + "empty");
        if (std::find(std::begin(kStages), std::end(kStages), s.stage) == std::end(kStages)) {
          return Status::Invalid(Where(f, line, "stage") + "'" + s.stage +
                                 "' is not upstream, midstream or downstream");
        }
        if (s.industries.empty()) return Status::Invalid(Where(f, line, "industries") + "empty");
        for (const auto& code : s.industries) {
          if (catalog.FindIndustry(code) == kNoNode) {
            return Status::Invalid(Where(f, line, "industries") + "'" + code +
                                   "' is not a GB/T 4754-2017 code");
          }
        }
        if (!seg_ids.emplace(s.chain, s.id).second) {
          return Status::Invalid(Where(f, line, "segment") + "'" + s.id + "' twice in chain " +
                                 s.chain);
        }
        out.segments.push_back(std::move(s));
        return Status::Ok();
      }));
  RETURN_IF_ERROR(ReadCsvRecords(
      edges.bytes, edges.file_name, {"chain", "from", "to"}, {"products"},
      [&](int64_t line, const CellFn& cell) -> Status {
        const std::string& f = edges.file_name;
        SegmentEdge e{std::string(cell("chain")), std::string(cell("from")),
                      std::string(cell("to")), SplitList(cell("products"))};
        if (!out.Find(e.chain))
          return Status::Invalid(Where(f, line, "chain") + "'" + e.chain + "' is not a chain");
        for (const char* field : {"from", "to"}) {
          const std::string& id = std::string_view(field) == "from" ? e.from : e.to;
          if (!seg_ids.count({e.chain, id})) {
            return Status::Invalid(Where(f, line, field) + "'" + id +
                                   "' is not a segment of chain " + e.chain);
          }
        }
        if (e.from == e.to)
          return Status::Invalid(Where(f, line, "to") + "a segment does not supply itself");
        out.edges.push_back(std::move(e));
        return Status::Ok();
      }));
  return out;
}

Result<ChainCatalog> ShippedChains(const Catalog& catalog) {
  return ReadChainCatalog(
      {BALLAST_INCBIN_VIEW(ballast_chains_csv), "data/chains/chains.csv"},
      {BALLAST_INCBIN_VIEW(ballast_chain_segments_csv), "data/chains/segments.csv"},
      {BALLAST_INCBIN_VIEW(ballast_chain_edges_csv), "data/chains/edges.csv"}, catalog);
}

}  // namespace ballast::chain
