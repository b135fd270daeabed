// Routes of the supply chains (issue 16, static part). app/chain.h decides who sees what (a city
// sees its own enterprises; outside firms by name only); these only translate HTTP.
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/route.h"
#include "app/chain.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

// Never nan/inf to users: a number that is not finite is null.
Json Num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }
Json Num(const std::optional<double>& v) { return v ? Num(*v) : Json(nullptr); }

Json ChainJson(const chain::ChainDef& c, const std::vector<const chain::Segment*>& segments,
               const std::vector<const chain::SegmentEdge*>& edges) {
  Json segs = Json::array(), eds = Json::array();
  for (const auto* s : segments) {
    segs.push_back({{"id", s->id},
                    {"name_zh", s->name_zh},
                    {"stage", s->stage},
                    {"industries", s->industries},
                    {"products", s->products}});
  }
  for (const auto* e : edges)
    eds.push_back({{"from", e->from}, {"to", e->to}, {"products", e->products}});
  return {{"id", c.id},         {"name_zh", c.name_zh},     {"name_en", c.name_en},
          {"region", c.region}, {"lead_unit", c.lead_unit}, {"segments", segs},
          {"edges", eds}};
}

std::string ChainsJson(const chain::ChainCatalog& cat) {
  Json list = Json::array();
  for (const auto& c : cat.chains)
    list.push_back(ChainJson(c, cat.SegmentsOf(c.id), cat.EdgesOf(c.id)));
  return Json{{"chains", list}}.dump();
}

std::string ReportJson(const app::ChainReport& r) {
  const auto& a = r.analysis;
  std::vector<const chain::Segment*> segs;
  std::vector<const chain::SegmentEdge*> edges;
  for (const auto& s : r.segments) segs.push_back(&s);
  for (const auto& e : r.edges) edges.push_back(&e);
  Json segments = Json::array(), single = Json::array(), keys = Json::array(),
       firms = Json::array();
  for (const auto& s : a.segments) {
    segments.push_back({{"segment", s.segment},
                        {"name_zh", s.name_zh},
                        {"stage", s.stage},
                        {"firms_in_region", s.firms_in_region},
                        {"firms_elsewhere", s.firms_elsewhere},
                        {"purchases", Num(s.purchases)},
                        {"purchases_local", Num(s.purchases_local)},
                        {"local_rate", Num(s.local_rate)},
                        {"gap", s.gap},
                        {"candidates", s.candidates}});
  }
  for (const auto& s : a.single_source) {
    single.push_back({{"customer", s.customer},
                      {"product", s.product},
                      {"suppliers", s.suppliers},
                      {"top_supplier", s.top_supplier},
                      {"top_share", Num(s.top_share)},
                      {"hhi", Num(s.hhi)},
                      {"value", Num(s.value)}});
  }
  for (const auto& k : a.key_nodes) {
    keys.push_back({{"firm", k.firm},
                    {"in_region", k.in_region},
                    {"segments", k.segments},
                    {"dependants", k.dependants},
                    {"failures", k.failures},
                    {"dominated", k.dominated},
                    {"betweenness", Num(k.betweenness)},
                    {"reach", k.reach},
                    {"articulation", k.articulation},
                    {"sole_supply", k.sole_supply},
                    {"alternatives", k.alternatives}});
  }
  Json provinces = Json::array();
  for (const auto& p : a.supplier_provinces) {
    provinces.push_back(
        {{"province", p.province}, {"value", Num(p.value)}, {"share", Num(p.share)}});
  }
  std::vector<std::string> labels(r.firms.size());
  for (const auto& [label, i] : r.firm_index) labels[i] = label;
  for (size_t i = 0; i < r.firms.size(); ++i) {
    const auto& f = r.firms[i];
    firms.push_back({{"label", labels[i]}, {"id", f.id}, {"name", f.name}, {"region", f.region}});
  }
  return Json{{"chain", ChainJson(r.chain, segs, edges)},
              {"region", a.region},
              {"firms_in_region", a.firms_in_region},
              {"firms_unknown", a.firms_unknown},
              {"purchases", Num(a.purchases)},
              {"purchases_local", Num(a.purchases_local)},
              {"local_rate", Num(a.local_rate)},
              {"segments", segments},
              {"single_source", single},
              {"key_nodes", keys},
              {"supplier_provinces", provinces},
              {"supplier_province_hhi", Num(a.supplier_province_hhi)},
              {"firms", firms}}
      .dump();
}

void Report(const Ctx& c, const Req& req, Res& res) {
  double hhi = 0.5;
  if (const std::string s = Param(req, "hhi"); !s.empty()) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), hhi);
    if (ec != std::errc() || p != s.data() + s.size()) {
      return SendStatus(res, Status::Invalid("hhi: '" + s + "' is not a number in 0..1"));
    }
  }
  Reply(res, app::AnalyzeChainInStore(c.app, *c.caller, req.matches[1], Param(req, "region"), hhi),
        ReportJson);
}

std::string ImportRecordJson(const ChainImportRecord& r) {
  return Json{{"kind", r.kind},
              {"file", r.file_name},
              {"rows", r.rows},
              {"imported_by", r.imported_by},
              {"imported_at", r.imported_at}}
      .dump();
}

// kind=links|firms: one file in field 'file'; kind=chains: the three files in fields 'chains',
// 'segments' and 'edges'. A bad row rejects the upload (422) and writes nothing.
void PostImport(const Ctx& c, const Req& req, Res& res) {
  // Who may, before what was sent: a refused caller learns nothing from a malformed body.
  if (Status st = app::MayImportChainData(c.app, *c.caller); !st.ok()) return SendStatus(res, st);
  const std::string kind = Param(req, "kind");
  if (kind != "chains" && kind != "links" && kind != "firms") {
    return SendError(res, 400, "invalid_argument", "kind: give chains, links or firms");
  }
  const std::vector<std::string> fields =
      kind == "chains" ? std::vector<std::string>{"chains", "segments", "edges"}
                       : std::vector<std::string>{"file"};
  std::vector<httplib::MultipartFormData> files;
  for (const auto& f : fields) {
    if (!req.is_multipart_form_data() || !req.has_file(f)) {
      return SendError(res, 400, "invalid_argument",
                       f + ": send the file as multipart/form-data field '" + f + "'");
    }
    files.push_back(req.get_file_value(f));
    if (files.back().filename.empty())
      return SendError(res, 400, "invalid_argument", f + ": the upload has no file name");
  }
  Result<ChainImportRecord> done = Status::Internal("no import");
  if (kind == "chains") {
    done = app::ImportChains(c.app, *c.caller,
                             app::ChainFiles{{files[0].content, files[0].filename},
                                             {files[1].content, files[1].filename},
                                             {files[2].content, files[2].filename}});
  } else if (kind == "links") {
    done = app::ImportFirmLinks(c.app, *c.caller, files[0].content, files[0].filename);
  } else {
    done = app::ImportFirms(c.app, *c.caller, files[0].content, files[0].filename);
  }
  if (!done.ok() && done.status().code() == StatusCode::kInvalidArgument) {
    return SendError(res, 422, "validation_failed",
                     done.status().message() + "; nothing was imported / 未导入任何数据");
  }
  Reply(res, done, ImportRecordJson, 201);
}

}  // namespace

std::vector<Route> ChainRoutes() {
  const ParamSpec chain{"chain", "string", true, "chain id", {}, "path"};
  const ParamSpec region{"region", "string", false, "GB/T 2260 code (default: the caller's scope)"};
  const ParamSpec hhi{
      "hhi", "number", false,
      "HHI above which an input with several suppliers is single-source (default 0.5)"};
  std::vector<Route> routes = {
      {"GET",
       "/api/v1/chains",
       "Industrial chains with their segments by stage and segment edges",
       Permission::kReadAggregate,
       {},
       "",
       "Chains",
       200,
       [](const Ctx& c, const Req&, Res& r) {
         Reply(r, app::ListChains(c.app, *c.caller), ChainsJson);
       },
       "/api/v1/chains",
       "",
       ""},
      {"GET",
       "/api/v1/chains/{chain}/report",
       "A chain in a region: local supporting rate, gaps with candidates, single-source inputs, "
       "key node "
       "enterprises (lists need enterprise-level reading; outside firms by name only)",
       Permission::kReadAggregate,
       {chain, region, hhi},
       "",
       "ChainReport",
       200,
       Report,
       "/api/v1/chains/agri_machinery/report?region=410100",
       "/api/v1/chains/agri_machinery/report?region=419001",
       ""},
      {"POST",
       "/api/v1/chains/import",
       "Import chain data, replacing that kind: kind=links (supplier,customer,product,value"
       "[,lead_days]) or firms (firm,name,region,industry[,capacity,inventory_days]) in multipart "
       "field 'file'; kind=chains in fields 'chains', 'segments', 'edges'. CSV or XLSX; a bad row "
       "writes nothing (422); whole country only",
       Permission::kImport,
       {{"kind", "string", true, "what the upload holds", {"chains", "links", "firms"}}},
       "multipart",
       "ChainImport",
       201,
       PostImport,
       "",
       "/api/v1/chains/import?kind=links",
       ""},
  };
  for (auto& r : ChainScenarioRoutes()) routes.push_back(std::move(r));
  return routes;
}

}  // namespace ballast::api
