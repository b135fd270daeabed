#include "policy/catalog.h"

#include <nlohmann/json.hpp>

#include <set>

namespace ballast::policy {

using Json = nlohmann::ordered_json;

namespace {

template <typename T>
Status Get(const Json& j, const char* key, T* out, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  try {
    *out = it->get<T>();
  } catch (const std::exception&) {
    return Status::Invalid(where + ": field '" + key + "' has the wrong type");
  }
  return Status::Ok();
}

Result<Period> GetPeriod(const Json& j, const char* key, const std::string& where) {
  std::string s;
  RETURN_IF_ERROR(Get(j, key, &s, where));
  auto p = ParsePeriod(s);
  if (!p.ok()) return Status::Invalid(where + ": '" + key + "' must be YYYY-MM, not '" + s + "'");
  return *p;
}

Result<Target> ParseTarget(const Json& j, const std::string& doc) {
  if (!j.is_object()) return Status::Invalid(doc + ": a target must be an object");
  Target t;
  t.document = doc;
  RETURN_IF_ERROR(Get(j, "id", &t.id, doc));
  const std::string where = doc + ": target '" + t.id + "'";
  if (t.id.empty()) return Status::Invalid(doc + ": a target needs an id");
  RETURN_IF_ERROR(Get(j, "clause", &t.clause, where));
  RETURN_IF_ERROR(Get(j, "clause_title", &t.clause_title, where));
  RETURN_IF_ERROR(Get(j, "text", &t.text, where));
  if (t.clause.empty() || t.text.empty()) return Status::Invalid(where + ": 'clause' and 'text' are required");
  std::string type = "cumulative";
  RETURN_IF_ERROR(Get(j, "type", &type, where));
  if (type == "cumulative") t.type = TargetType::kCumulative;
  else if (type == "level") t.type = TargetType::kLevel;
  else if (type == "growth") t.type = TargetType::kGrowth;
  else if (type == "qualitative") t.type = TargetType::kQualitative;
  else return Status::Invalid(where + ": unknown type '" + type + "'");
  RETURN_IF_ERROR(Get(j, "scope", &t.scope, where));
  RETURN_IF_ERROR(Get(j, "note", &t.note, where));
  RETURN_IF_ERROR(Get(j, "rules", &t.rules, where));
  if (auto u = j.find("units"); u != j.end()) {
    if (!u->is_object()) return Status::Invalid(where + ": 'units' must be {\"text\",\"lead\",\"cooperating\"}");
    RETURN_IF_ERROR(Get(*u, "text", &t.units_text, where));
    RETURN_IF_ERROR(Get(*u, "lead", &t.lead_units, where));
    RETURN_IF_ERROR(Get(*u, "cooperating", &t.cooperating_units, where));
  }
  if (t.lead_units.empty()) return Status::Invalid(where + ": at least one lead unit is required");
  ASSIGN_OR_RETURN(t.start, GetPeriod(j, "start", where));
  ASSIGN_OR_RETURN(t.deadline, GetPeriod(j, "deadline", where));
  if (t.deadline < t.start) return Status::Invalid(where + ": the deadline is before the start");
  if (t.qualitative()) return t;

  auto m = j.find("metric");
  std::string kind = "reported";
  if (m != j.end()) {
    if (!m->is_object()) return Status::Invalid(where + ": 'metric' must be an object");
    RETURN_IF_ERROR(Get(*m, "kind", &kind, where));
    RETURN_IF_ERROR(Get(*m, "indicator", &t.indicator, where));
    RETURN_IF_ERROR(Get(*m, "measure", &t.measure, where));
    RETURN_IF_ERROR(Get(*m, "region", &t.region, where));
    RETURN_IF_ERROR(Get(*m, "industry", &t.industry, where));
    RETURN_IF_ERROR(Get(*m, "code", &t.internal, where));
  }
  if (kind == "reported") t.metric = MetricKind::kReported;
  else if (kind == "indicator") t.metric = MetricKind::kIndicator;
  else if (kind == "internal") t.metric = MetricKind::kInternal;
  else return Status::Invalid(where + ": unknown metric kind '" + kind + "'");
  if (t.metric == MetricKind::kIndicator && (t.indicator.empty() || t.measure.empty())) {
    return Status::Invalid(where + ": an indicator metric needs 'indicator' and 'measure'");
  }
  if (t.metric == MetricKind::kInternal && t.internal.empty()) {
    return Status::Invalid(where + ": an internal metric needs a 'code'");
  }
  RETURN_IF_ERROR(Get(j, "comparator", &t.comparator, where));
  if (t.comparator != ">=" && t.comparator != ">" && t.comparator != "<=" && t.comparator != "<") {
    return Status::Invalid(where + ": comparator must be >=, >, <= or <");
  }
  auto v = j.find("value");
  if (v == j.end() || !v->is_number()) return Status::Invalid(where + ": a numeric 'value' is required");
  t.value = v->get<double>();
  RETURN_IF_ERROR(Get(j, "unit", &t.unit, where));
  if (auto b = j.find("baseline"); b != j.end() && !b->is_null()) {
    if (!b->is_number()) return Status::Invalid(where + ": 'baseline' must be a number");
    t.baseline = b->get<double>();
  }
  // Default path: cumulative and level targets move linearly; growth rates hold throughout.
  t.path = t.type == TargetType::kGrowth ? PathKind::kFlat : PathKind::kLinear;
  if (auto p = j.find("path"); p != j.end()) {
    if (p->is_string()) {
      const std::string s = p->get<std::string>();
      if (s == "linear") t.path = PathKind::kLinear;
      else if (s == "flat") t.path = PathKind::kFlat;
      else return Status::Invalid(where + ": path must be linear, flat or {\"curve\":{…}}");
    } else if (p->is_object() && p->contains("curve") && (*p)["curve"].is_object()) {
      t.path = PathKind::kCurve;
      double last = 0;
      for (const auto& [month, fraction] : (*p)["curve"].items()) {
        auto period = ParsePeriod(month);
        if (!period.ok() || !fraction.is_number()) {
          return Status::Invalid(where + ": curve entries are \"YYYY-MM\": fraction");
        }
        const double f = fraction.get<double>();
        if (f < last || f > 1 || (!t.curve.empty() && *period <= t.curve.back().first)) {
          return Status::Invalid(where + ": curve months must increase and fractions rise within 0..1");
        }
        t.curve.emplace_back(*period, f);
        last = f;
      }
    } else {
      return Status::Invalid(where + ": path must be linear, flat or {\"curve\":{…}}");
    }
  }
  return t;
}

}  // namespace

std::string_view TargetTypeName(TargetType t) {
  switch (t) {
    case TargetType::kCumulative: return "cumulative";
    case TargetType::kLevel: return "level";
    case TargetType::kGrowth: return "growth";
    case TargetType::kQualitative: return "qualitative";
  }
  return "";
}
std::string_view MetricKindName(MetricKind m) {
  switch (m) {
    case MetricKind::kReported: return "reported";
    case MetricKind::kIndicator: return "indicator";
    case MetricKind::kInternal: return "internal";
  }
  return "";
}
std::string_view PathKindName(PathKind p) {
  switch (p) {
    case PathKind::kLinear: return "linear";
    case PathKind::kFlat: return "flat";
    case PathKind::kCurve: return "curve";
  }
  return "";
}

Result<PolicyDocument> ParsePolicyDocument(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("policy file: not a JSON object");
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != kPolicyFormatVersion) {
    return Status::Invalid("policy file: unsupported or missing version (this ballast reads version 1)");
  }
  if (!j.contains("document") || !j["document"].is_object() || !j.contains("targets") || !j["targets"].is_array()) {
    return Status::Invalid("policy file: expected {\"version\":1,\"document\":{…},\"targets\":[…]}");
  }
  PolicyDocument d;
  const Json& doc = j["document"];
  RETURN_IF_ERROR(Get(doc, "id", &d.id, "policy file"));
  if (d.id.empty()) return Status::Invalid("policy file: the document needs an id");
  RETURN_IF_ERROR(Get(doc, "title", &d.title, d.id));
  RETURN_IF_ERROR(Get(doc, "number", &d.number, d.id));
  RETURN_IF_ERROR(Get(doc, "issuer", &d.issuer, d.id));
  RETURN_IF_ERROR(Get(doc, "date", &d.date, d.id));
  RETURN_IF_ERROR(Get(doc, "seed", &d.seed, d.id));
  RETURN_IF_ERROR(Get(doc, "language_note", &d.language_note, d.id));
  RETURN_IF_ERROR(Get(doc, "region", &d.region, d.id));
  if (d.region.empty()) d.region = "100000";
  std::set<std::string> ids;
  for (const auto& tj : j["targets"]) {
    ASSIGN_OR_RETURN(Target t, ParseTarget(tj, d.id));
    if (!ids.insert(t.id).second) return Status::Invalid(d.id + ": duplicate target id '" + t.id + "'");
    d.targets.push_back(std::move(t));
  }
  return d;
}

namespace {

Result<std::vector<PolicyDocument>> ParseEmbedded() {
  std::vector<PolicyDocument> out;
  std::set<std::string> ids;
  for (std::string_view file : EmbeddedPolicyFiles()) {
    ASSIGN_OR_RETURN(PolicyDocument d, ParsePolicyDocument(file));
    for (const auto& t : d.targets) {
      if (!ids.insert(t.id).second) return Status::Invalid("policy catalog: target id '" + t.id + "' is used twice");
    }
    out.push_back(std::move(d));
  }
  return out;
}

// The embedded files are fixed when the program is built: parsed once, not on every read (a
// warning evaluation read a target of them per rule and region).
const Result<std::vector<PolicyDocument>>& Embedded() {
  static const auto* parsed = new Result<std::vector<PolicyDocument>>(ParseEmbedded());
  return *parsed;
}

}  // namespace

Result<std::vector<PolicyDocument>> EmbeddedPolicyCatalog() { return Embedded(); }

std::optional<Target> EmbeddedInternalTarget(std::string_view code) {
  const auto& docs = Embedded();
  if (!docs.ok()) return std::nullopt;
  for (const auto& doc : *docs) {
    for (const auto& t : doc.targets) {
      if (t.metric == MetricKind::kInternal && t.internal == code) return t;
    }
  }
  return std::nullopt;
}

}  // namespace ballast::policy
