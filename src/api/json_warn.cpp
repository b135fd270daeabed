#include "api/json_warn.h"

#include <nlohmann/json.hpp>

#include <utility>

#include "api/json_depth.h"
#include "api/json_fields.h"

namespace ballast::api {

using Json = nlohmann::ordered_json;

namespace {

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }
Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
std::string Ym(Period p) { return p > 0 ? FormatPeriod(p) : std::string(); }

Json AlertObject(const AlertRecord& a, const std::vector<std::string>& allowed) {
  return JsonFields(25)
      .Add("id", a.id)
      .Add("fingerprint", a.fingerprint)
      .Add("rule_id", a.rule_id)
      .Add("family", a.family)
      .Add("subject", JsonFields(5)
                          .Add("kind", a.subject_kind)
                          .Add("key", a.subject_key)
                          .Add("name", a.subject_name)
                          .Add("region", a.region)
                          .Add("industry", a.industry)
                          .Take())
      .Add("level", a.level)
      .Add("state", a.state)
      .Add("period", a.period)
      .Add("value", a.value)
      .Add("threshold", a.threshold)
      .Add("streak", a.streak)
      .Add("message_zh", a.message_zh)
      .Add("message_en", a.message_en)
      .Add("starts_at", a.starts_at)
      .Add("fired_at", a.fired_at)
      .Add("updated_at", a.updated_at)
      .Add("resolved_at", a.resolved_at)
      .Add("silenced_by", a.silenced_by)
      .Add("inhibited", a.inhibited)
      .Add("handling", a.handling)
      .Add("assignee", a.assignee)
      .Add("deadline", a.deadline)
      .Add("note", a.note)
      .Add("units", a.units)
      .Add("allowed_actions", allowed)
      .Take();
}

Json SilenceObject(const SilenceRecord& s) {
  return Json{{"id", s.id},         {"rule_id", s.rule_id},         {"family", s.family},
              {"subject_key", s.subject_key}, {"region", s.region}, {"author", s.author},
              {"reason", s.reason}, {"starts_at", s.starts_at},     {"ends_at", s.ends_at},
              {"expired_at", s.expired_at}, {"expired_by", s.expired_by}};
}

Json RuleObject(const app::RuleView& r) {
  Json rule = Json::parse(r.json, nullptr, false);
  return Json{{"id", r.rule.id},          {"source", r.source},         {"revision", r.revision},
              {"updated_by", r.updated_by}, {"updated_at", r.updated_at}, {"enabled", r.rule.enabled},
              {"rule", rule.is_discarded() ? Json(nullptr) : rule}};
}

Json ProgressObject(const ProgressRecord& p) {
  return Json{{"id", p.id},     {"target_id", p.target_id},   {"value", p.value}, {"date", p.date},
              {"note", p.note}, {"attachment", p.attachment}, {"user", p.actor},  {"created_at", p.created_at}};
}

Json TargetObject(const app::TargetView& v) {
  const policy::Target& t = v.target;
  return Json{{"id", t.id},
              {"document", {{"id", t.document}, {"title", v.document_title}, {"number", v.document_number}}},
              {"clause", t.clause},
              {"clause_title", t.clause_title},
              {"text", t.text},
              {"type", std::string(policy::TargetTypeName(t.type))},
              {"metric", std::string(policy::MetricKindName(t.metric))},
              // what an indicator target measures and where (the cockpit draws a growth target)
              {"indicator", t.indicator},
              {"region", t.region.empty() ? v.document_region : t.region},
              {"comparator", t.comparator},
              {"value", t.qualitative() ? Json(nullptr) : Json(t.value)},
              {"unit", t.unit},
              {"start", Ym(t.start)},
              {"deadline", Ym(t.deadline)},
              {"path", std::string(policy::PathKindName(t.path))},
              {"units_text", t.units_text},
              {"lead_units", t.lead_units},
              {"cooperating_units", t.cooperating_units},
              {"qualitative", t.qualitative()},
              {"status", v.status},
              {"expected", Opt(v.progress.expected)},
              {"actual", Opt(v.progress.actual)},
              {"fraction", Opt(v.progress.fraction)},
              {"baseline", Opt(v.progress.baseline)},
              {"behind_pct", Opt(v.progress.behind_pct)},
              {"met", v.progress.met ? Json(*v.progress.met) : Json(nullptr)},
              {"actual_source", v.actual_source},
              {"actual_period", v.actual_period},
              {"reports", v.reports},
              {"latest", v.latest ? ProgressObject(*v.latest) : Json(nullptr)}};
}

}  // namespace

std::string AlertsJson(const std::vector<AlertRecord>& alerts, const std::map<std::string, int64_t>& counts,
                       const AllowedFn& allowed) {
  Json arr = Json::array();
  for (const auto& a : alerts) arr.push_back(AlertObject(a, allowed(a)));
  Json c = Json::object();
  for (const char* level : {"red", "orange", "yellow", "blue"}) {
    auto it = counts.find(level);
    c[level] = it == counts.end() ? 0 : it->second;
  }
  return Dump(Json{{"alerts", std::move(arr)}, {"counts", std::move(c)}});
}

std::string AlertJson(const AlertRecord& a, const std::vector<std::string>& allowed) {
  return Dump(Json{{"alert", AlertObject(a, allowed)}});
}

std::string AlertDetailJson(const AlertRecord& a, const std::vector<AlertEventRecord>& events,
                            const std::vector<std::string>& allowed) {
  Json arr = Json::array();
  for (const auto& e : events) {
    arr.push_back(Json{{"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"from", e.from}, {"to", e.to},
                       {"detail", e.detail}});
  }
  return Dump(Json{{"alert", AlertObject(a, allowed)}, {"events", arr}});
}

namespace {

Json CountsObject(const app::EpisodeCounts& c) {
  Json level = Json::object();
  for (const char* l : {"red", "orange", "yellow", "blue"}) {
    auto it = c.by_level.find(l);
    level[l] = it == c.by_level.end() ? 0 : it->second;
  }
  return Json{{"total", c.total},
              {"by_level", std::move(level)},
              {"by_kind", c.by_kind},
              {"by_region", c.by_region},
              {"by_rule", c.by_rule}};
}

Json EpisodeObject(const warn::Episode& e, const AllowedFn& allowed) {
  Json hits = Json::array();
  hits.get_ref<Json::array_t&>().reserve(e.hits.size());
  for (const auto& a : e.hits) hits.push_back(AlertObject(a, allowed(a)));
  return JsonFields(17)
      .Add("id", e.id)
      .Add("subject_kind", e.subject_kind)
      .Add("subject_key", e.subject_key)
      .Add("subject_name", e.subject_name)
      .Add("region", e.region)
      .Add("industry", e.industry)
      .Add("state", e.state)
      .Add("level", e.level)
      .Add("started_at", e.started_at)
      .Add("period", e.period)
      .Add("months", e.months)
      .Add("muted", e.muted)
      .Add("weight", e.weight)
      .Add("persistence", e.persistence)
      .Add("score", e.score)
      .Add("base_effect", e.base_effect)
      .Add("hits", std::move(hits))
      .Take();
}

}  // namespace

std::string EpisodesJson(const app::EpisodeList& list, const AllowedFn& allowed) {
  Json arr = Json::array();
  for (const auto& e : list.episodes) arr.push_back(EpisodeObject(e, allowed));
  return Dump(Json{{"episodes", std::move(arr)},
                   {"matched", list.matched},
                   {"counts", CountsObject(list.counts)}});
}

namespace {

Json PullsArray(const std::vector<app::Pull>& pulls) {
  Json arr = Json::array();
  for (const auto& p : pulls) {
    arr.push_back(Json{{"key", p.key},
                       {"name", p.name},
                       {"change", p.change},
                       {"share_of_fall", p.share_of_fall},
                       {"yoy", p.yoy ? Json(*p.yoy) : Json(nullptr)}});
  }
  return arr;
}

}  // namespace

std::string JudgementJson(const app::Judgement& j, const AllowedFn& allowed) {
  Json eps = Json::array();
  for (const auto& e : j.episodes) eps.push_back(EpisodeObject(e, allowed));
  return Dump(Json{{"judgement",
                    {{"region", j.region},
                     {"industry", j.industry},
                     {"indicator", j.indicator},
                     {"period", j.period},
                     {"same_sample", j.same_sample},
                     {"declining", j.declining},
                     {"declining_share", j.declining_share},
                     {"declining_output_share", j.declining_output_share},
                     {"yoy", j.yoy ? Json(*j.yoy) : Json(nullptr)},
                     {"months_declining", j.months_declining},
                     {"fall", j.fall},
                     {"top_pulls_share", j.top_pulls_share},
                     {"top_enterprises", PullsArray(j.top_enterprises)},
                     {"top_industries", PullsArray(j.top_industries)},
                     {"top_regions", PullsArray(j.top_regions)},
                     {"new_regions", PullsArray(j.new_regions)},
                     {"new_industries", PullsArray(j.new_industries)},
                     {"episodes", eps},
                     {"enterprises_hidden", j.enterprises_hidden}}}});
}

std::string EpisodeCountsJson(const app::EpisodeCounts& counts) {
  return Dump(Json{{"counts", CountsObject(counts)}});
}

std::string SilencesJson(const std::vector<SilenceRecord>& silences) {
  Json arr = Json::array();
  for (const auto& s : silences) arr.push_back(SilenceObject(s));
  return Dump(Json{{"silences", arr}});
}

std::string SilenceJson(const SilenceRecord& s) { return Dump(Json{{"silence", SilenceObject(s)}}); }

std::string RulesJson(const std::vector<app::RuleView>& rules) {
  Json arr = Json::array();
  for (const auto& r : rules) arr.push_back(RuleObject(r));
  return Dump(Json{{"rules", arr}});
}

std::string RuleJson(const app::RuleView& r) { return Dump(Json{{"rule", RuleObject(r)}}); }

std::string WarnSummaryJson(const app::WarnSummary& s) {
  return Dump(Json{{"summary",
                    {{"evaluated_at", s.evaluated_at}, {"rules", s.rules}, {"firing", s.firing},
                     {"pending", s.pending}, {"firing_by_level", s.firing_by_level}, {"opened", s.opened},
                     {"updated", s.updated}, {"resolved", s.resolved}, {"removed", s.removed},
                     {"problems", s.problems}, {"evaluate_seconds", s.evaluate_seconds}}}});
}

std::string CommodityPointsJson(const std::vector<CommodityPointRecord>& points) {
  Json arr = Json::array();
  for (const auto& p : points) {
    arr.push_back(Json{{"code", p.code}, {"name", p.name}, {"unit", p.unit}, {"date", p.date}, {"price", p.price},
                       {"stock_days", p.has_stock_days ? Json(p.stock_days) : Json(nullptr)}});
  }
  return Dump(Json{{"points", arr}});
}

std::string CommodityImportJson(const app::CommodityImportResult& r) {
  return Dump(Json{{"imported", r.imported}, {"file", r.file_name}, {"rows", r.rows}, {"points", r.points}});
}

std::string CommodityReportJson(const app::CommodityImportResult& r) {
  Json errors = Json::array();
  for (const auto& e : r.errors) {
    errors.push_back(Json{{"file", r.file_name}, {"line", e.line}, {"column", e.column}, {"message", e.message}});
  }
  return Dump(Json{{"report", {{"file", r.file_name}, {"error_count", r.errors.size()}, {"errors", errors}}}});
}

std::string TargetsJson(const std::vector<app::TargetView>& targets) {
  Json arr = Json::array();
  for (const auto& t : targets) arr.push_back(TargetObject(t));
  return Dump(Json{{"targets", arr}});
}

std::string TargetDetailJson(const app::TargetView& t, const std::vector<ProgressRecord>& progress) {
  Json arr = Json::array();
  for (const auto& p : progress) arr.push_back(ProgressObject(p));
  return Dump(Json{{"target", TargetObject(t)}, {"progress", arr}});
}

std::string ProgressJson(const ProgressRecord& p) { return Dump(Json{{"progress", ProgressObject(p)}}); }

Result<WarnBody> ParseWarnBody(const std::string& body) {
  WarnBody b;
  if (body.empty()) return b;
  RETURN_IF_ERROR(CheckJsonDepth(body));
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("body: expected a JSON object");
  for (auto [name, field] : {std::pair{"note", &b.note}, {"unit", &b.unit}, {"deadline", &b.deadline},
                             {"rule_id", &b.rule_id}, {"family", &b.family}, {"subject_key", &b.subject_key},
                             {"region", &b.region}, {"reason", &b.reason}, {"starts_at", &b.starts_at},
                             {"ends_at", &b.ends_at}, {"date", &b.date}, {"attachment", &b.attachment}}) {
    if (!j.contains(name) || j[name].is_null()) continue;
    if (!j[name].is_string()) return Status::Invalid(std::string("body: '") + name + "' must be a string");
    *field = j[name].get<std::string>();
  }
  if (j.contains("value")) {
    if (!j["value"].is_number()) return Status::Invalid("body: 'value' must be a number");
    b.value = j["value"].get<double>();
  }
  if (j.contains("enabled")) {
    if (!j["enabled"].is_boolean()) return Status::Invalid("body: 'enabled' must be true or false");
    b.enabled = j["enabled"].get<bool>();
  }
  return b;
}

}  // namespace ballast::api
