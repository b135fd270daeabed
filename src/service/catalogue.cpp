#include "service/catalogue.h"

#include <nlohmann/json.hpp>

namespace ballast::service {

namespace {

// "410000" → "41", "410100" → "4101", "410102" → "410102".
std::string_view RegionPrefix(std::string_view code) {
  while (code.size() >= 2 && code.substr(code.size() - 2) == "00") code.remove_suffix(2);
  return code;
}

Result<Deadlines> ParseDeadlines(const nlohmann::json& j, Deadlines d) {
  if (!j.is_object()) return Status::Invalid("dispatch: 'deadlines' must be an object");
  for (auto [key, field] :
       {std::pair{"first_response", &d.first_response}, std::pair{"simple", &d.simple},
        std::pair{"complex", &d.complex}, std::pair{"accept", &d.accept},
        std::pair{"rating_window", &d.rating_window}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_number_integer() || j[key].get<int>() < 1 || j[key].get<int>() > 120) {
      return Status::Invalid(std::string("dispatch: deadline '") + key +
                             "' must be 1–120 working days");
    }
    *field = j[key].get<int32_t>();
  }
  if (d.first_response > d.simple || d.simple > d.complex) {
    return Status::Invalid("dispatch: deadlines must satisfy first_response <= simple <= complex");
  }
  return d;
}

}  // namespace

bool RegionCovers(std::string_view scope, std::string_view code) {
  if (scope.empty() || scope == "100000") return true;
  const auto p = RegionPrefix(scope);
  return code.substr(0, p.size()) == p;
}

Result<ServiceCatalogue> ServiceCatalogue::Parse(std::string_view categories_json,
                                                 std::string_view dispatch_json) {
  ServiceCatalogue c;
  try {
    auto cj = nlohmann::json::parse(categories_json);
    if (!cj.is_object() || cj.value("version", 0) != 1)
      return Status::Invalid("categories: version 1 expected");
    for (const auto& e : cj.at("categories")) {
      Category cat{e.at("code").get<std::string>(), e.at("name").get<std::string>(),
                   e.value("complexity", std::string("simple"))};
      if (cat.code.empty() || cat.code == "*" || c.FindCategory(cat.code)) {
        return Status::Invalid("categories: empty or duplicate code '" + cat.code + "'");
      }
      if (cat.complexity != "simple" && cat.complexity != "complex") {
        return Status::Invalid("categories: complexity of '" + cat.code +
                               "' must be simple or complex");
      }
      c.categories_.push_back(std::move(cat));
    }
    auto dj = nlohmann::json::parse(dispatch_json);
    if (!dj.is_object() || dj.value("version", 0) != 1)
      return Status::Invalid("dispatch: version 1 expected");
    if (dj.contains("deadlines")) {
      ASSIGN_OR_RETURN(c.defaults_, ParseDeadlines(dj["deadlines"], Deadlines{}));
    }
    for (const auto& e : dj.at("rules")) {
      DispatchRule r;
      r.category = e.at("category").get<std::string>();
      r.region = e.value("region", std::string());
      r.unit = e.at("unit").get<std::string>();
      if (e.contains("co_units")) r.co_units = e["co_units"].get<std::vector<std::string>>();
      if (e.contains("deadlines")) {
        ASSIGN_OR_RETURN(Deadlines d, ParseDeadlines(e["deadlines"], c.defaults_));
        r.deadlines = d;
      }
      if (r.category != "*" && !c.FindCategory(r.category)) {
        return Status::Invalid("dispatch: unknown category '" + r.category + "'");
      }
      if (r.unit.empty()) return Status::Invalid("dispatch: a rule without a unit");
      c.rules_.push_back(std::move(r));
    }
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("service catalogue: ") + e.what());
  }
  return c;
}

Result<ServiceCatalogue> ServiceCatalogue::Default() {
  return Parse(EmbeddedCategoriesJson(), EmbeddedDispatchJson());
}

const Category* ServiceCatalogue::FindCategory(std::string_view code) const {
  for (const auto& c : categories_) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::optional<DispatchTarget> ServiceCatalogue::Route(std::string_view category,
                                                      std::string_view region) const {
  const DispatchRule* best = nullptr;
  auto rank = [](const DispatchRule& r) {
    return (r.category == "*" ? 0 : 100) + static_cast<int>(RegionPrefix(r.region).size());
  };
  for (const auto& r : rules_) {
    if (r.category != "*" && r.category != category) continue;
    if (!r.region.empty() && !RegionCovers(r.region, region)) continue;
    if (!best || rank(r) > rank(*best)) best = &r;
  }
  if (!best) return std::nullopt;
  return DispatchTarget{best->unit, best->co_units, best->deadlines.value_or(defaults_)};
}

Deadlines ServiceCatalogue::DeadlinesFor(std::string_view category, std::string_view region) const {
  auto t = Route(category, region);
  return t ? t->deadlines : defaults_;
}

int32_t ServiceCatalogue::HandlingDays(const Deadlines& d, std::string_view complexity) {
  return complexity == "complex" ? d.complex : d.simple;
}

}  // namespace ballast::service
