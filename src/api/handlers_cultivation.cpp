// Routes of the cultivation pipelines (培育库, 小升规, 专精特新; issue 15 item 3): imports, the
// pool and the candidates (enterprise rows), the yearly conversion and the stage counts
// (aggregates). app/cultivation.h decides who sees what; these translate HTTP and JSON only.
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "api/http_util.h"
#include "api/route.h"
#include "app/cultivation.h"

namespace ballast::api {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;
using Json = nlohmann::ordered_json;
using auth::Permission;

Json Num(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? Json(*v) : Json(nullptr);
}

Result<app::PoolFilter> Filter(const Req& req) {
  app::PoolFilter f;
  f.region = Param(req, "region");
  f.industry = Param(req, "industry");
  f.tag = Param(req, "tag");
  const std::string left = Param(req, "include_left");
  if (!left.empty() && left != "true" && left != "false")
    return Status::Invalid("include_left: true or false");
  f.include_left = left == "true";
  if (const std::string t = Param(req, "threshold"); !t.empty()) {
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v) || v <= 0)
      return Status::Invalid("threshold: '" + t + "' is not a number > 0 (万元)");
    f.threshold = v;
  }
  return f;
}

Json Ratio(const cultivation::Ratio& r) {
  return {{"num", r.num}, {"den", r.den}, {"value", Num(r.value())}, {"display", r.Display()}};
}

std::string PoolJson(const app::PoolList& list) {
  Json rows = Json::array();
  for (const auto& r : list.rows) {
    const auto& m = r.member;
    Json rate = nullptr;
    if (r.run_rate) {
      rate = {{"value", r.run_rate->value},
              {"basis", cultivation::BasisName(r.run_rate->basis)},
              {"as_of", FormatPeriod(r.run_rate->as_of)},
              {"prior", Num(r.run_rate->prior)},
              {"growth", Num(r.run_rate->growth)}};
    }
    rows.push_back({{"uscc", m.uscc},
                    {"name", m.name},
                    {"region", m.region},
                    {"industry", m.industry},
                    {"tags", m.tags},
                    {"joined", m.joined},
                    {"left", m.left.empty() ? Json(nullptr) : Json(m.left)},
                    {"entered", r.entered.empty() ? Json(nullptr) : Json(r.entered)},
                    {"run_rate", rate},
                    {"months_to_threshold",
                     r.months_to_threshold ? Json(*r.months_to_threshold) : Json(nullptr)}});
  }
  return Json{{"threshold", list.threshold}, {"rows", rows}}.dump();
}

void Pool(const Ctx& c, const Req& req, Res& res) {
  auto f = Filter(req);
  if (!f.ok()) return SendStatus(res, f.status());
  Reply(res, app::ListPool(c.app, *c.caller, *f), PoolJson);
}

void CandidateList(const Ctx& c, const Req& req, Res& res) {
  auto f = Filter(req);
  if (!f.ok()) return SendStatus(res, f.status());
  std::optional<int> within;
  if (!Param(req, "within").empty()) {
    auto w = IntParam(req, "within", 0);
    if (!w.ok()) return SendStatus(res, w.status());
    if (*w < 0 || *w > 1200) return SendStatus(res, Status::Invalid("within: 0–1200 months"));
    within = static_cast<int>(*w);
  }
  Reply(res, app::Candidates(c.app, *c.caller, *f, within), PoolJson);
}

void Conversion(const Ctx& c, const Req& req, Res& res) {
  auto from = IntParam(req, "from", 0);
  if (!from.ok()) return SendStatus(res, from.status());
  auto to = IntParam(req, "to", *from);
  if (!to.ok()) return SendStatus(res, to.status());
  Reply(res,
        app::ConversionByYear(c.app, *c.caller, Param(req, "region"), static_cast<int>(*from),
                              static_cast<int>(*to)),
        [](const std::vector<cultivation::Conversion>& years) {
          Json list = Json::array();
          for (const auto& y : years)
            list.push_back({{"year", y.year}, {"rate", Ratio(y.rate)}, {"entrants", y.entrants}});
          return Json{{"years", list}}.dump();
        });
}

Json Counts(const cultivation::StageCounts& s) {
  Json recognised = Json::object(), holding = Json::object();
  for (int i = 0; i < cultivation::kStageCount; ++i) {
    const std::string name(cultivation::StageName(static_cast<cultivation::Stage>(i)));
    recognised[name] = s.recognised[static_cast<size_t>(i)];
    holding[name] = s.holding[static_cast<size_t>(i)];
  }
  return {{"region", s.key}, {"recognised", recognised}, {"holding", holding}};
}

void Stages(const Ctx& c, const Req& req, Res& res) {
  auto year = IntParam(req, "year", 0);
  if (!year.ok()) return SendStatus(res, year.status());
  Reply(res, app::StageSummary(c.app, *c.caller, Param(req, "region"), static_cast<int>(*year)),
        [](const app::StageView& v) {
          Json regions = Json::array();
          for (const auto& r : v.by_region) regions.push_back(Counts(r));
          Json ents = Json::array();
          for (const auto& e : v.enterprises) {
            Json checks = Json::array();
            for (const auto& k : e.criteria.checks)
              checks.push_back({{"figure", cultivation::FigureName(k.criterion.figure)},
                                {"min", k.criterion.min},
                                {"value", Num(k.value)},
                                {"outcome", cultivation::OutcomeName(k.outcome)}});
            ents.push_back({{"uscc", e.recognition.uscc},
                            {"name", e.name},
                            {"region", e.region},
                            {"stage", cultivation::StageName(e.recognition.stage)},
                            {"year", e.recognition.year},
                            {"criteria", cultivation::OutcomeName(e.criteria.overall)},
                            {"checks", checks}});
          }
          return Json{{"year", v.year},
                      {"region", v.region},
                      {"total", Counts(v.total)},
                      {"by_region", regions},
                      {"enterprises", ents}}
              .dump();
        });
}

void Import(const Ctx& c, const Req& req, Res& res) {
  auto kind = app::ParseCultivationImportKind(Param(req, "kind"));
  if (!kind.ok()) return SendStatus(res, kind.status());
  // Without a file the use case still answers who may import first (403 before 400).
  std::string bytes, name = "upload.csv";
  if (req.is_multipart_form_data() && req.has_file("file")) {
    const auto file = req.get_file_value("file");
    bytes = file.content;
    if (!file.filename.empty()) name = file.filename;
  }
  Reply(
      res, app::ImportCultivationFile(c.app, *c.caller, *kind, bytes, name),
      [](int64_t n) {
        return Json{{"rows", n}}.dump();
      },
      201);
}

}  // namespace

std::vector<Route> CultivationRoutes() {
  const ParamSpec region{"region", "string", false, "GB/T 2260 code (default: the caller's scope)"};
  const ParamSpec industry{"industry", "string", false, "GB/T 4754 code (its subtree)"};
  const ParamSpec tag{"tag", "string", false, "members with this tag only"};
  const ParamSpec left{"include_left", "boolean", false,
                       "also members that left the pool or entered the roster"};
  const ParamSpec threshold{"threshold", "number", false,
                            "the above-scale threshold in 万元 (default data/cultivation)"};
  const ParamSpec within{"within", "integer", false, "only candidates within so many months"};
  const ParamSpec kind{
      "kind", "string", true, "what the file holds", {"pool", "revenue", "stages"}};
  const ParamSpec from{"from", "integer", true, "the first year"};
  const ParamSpec to{"to", "integer", false, "the last year (default from)"};
  const ParamSpec year{"year", "integer", true, "the year of recognition"};
  return {
      {"GET",
       "/api/v1/cultivation/pool",
       "The below-scale cultivation pool (培育库) with run rates and months to the threshold",
       Permission::kReadEnterprise,
       {region, industry, tag, left, threshold},
       "",
       "CultivationPool",
       200,
       Pool,
       "/api/v1/cultivation/pool?region=410100",
       "/api/v1/cultivation/pool?region=419001",
       "",
       Permission::kReadAggregate},
      {"GET",
       "/api/v1/cultivation/candidates",
       "小升规 candidates: pool members below scale ranked by months to the threshold",
       Permission::kReadEnterprise,
       {region, industry, tag, threshold, within},
       "",
       "CultivationPool",
       200,
       CandidateList,
       "/api/v1/cultivation/candidates?region=410100",
       "/api/v1/cultivation/candidates?region=419001",
       "",
       Permission::kReadAggregate},
      {"GET",
       "/api/v1/cultivation/conversion",
       "Each year's conversion of the pool into roster entrants (numerator/denominator) and the "
       "year's entrants",
       Permission::kReadAggregate,
       {region, from, to},
       "",
       "CultivationConversion",
       200,
       Conversion,
       "/api/v1/cultivation/conversion?region=410100&from=2024&to=2025",
       "/api/v1/cultivation/conversion?region=419001&from=2024&to=2025",
       ""},
      {"GET",
       "/api/v1/cultivation/stages",
       "专精特新 counts by stage and region for a year; the recognitions with their criteria "
       "checks "
       "for callers who may list enterprises",
       Permission::kReadAggregate,
       {region, year},
       "",
       "CultivationStages",
       200,
       Stages,
       "/api/v1/cultivation/stages?region=410100&year=2025",
       "/api/v1/cultivation/stages?region=419001&year=2025",
       ""},
      {"POST",
       "/api/v1/cultivation/import",
       "Import the pool, revenue reports or stage recognitions (multipart field 'file', "
       "CSV/XLSX); all or nothing",
       Permission::kImport,
       {kind},
       "multipart",
       "CultivationImport",
       201,
       Import,
       "/api/v1/cultivation/import?kind=pool",
       "",
       ""},
  };
}

}  // namespace ballast::api
