// The appeal categories and the dispatch catalogue (派单目录): category × region → responsible
// unit, co-handling units and deadlines in working days. Both are data (data/service/).
#ifndef BALLAST_SERVICE_CATALOGUE_H_
#define BALLAST_SERVICE_CATALOGUE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::service {

struct Category {
  std::string code, name;
  std::string complexity = "simple";  // simple | complex: the default handling deadline
};

struct Deadlines {
  int32_t first_response = 1, simple = 7, complex = 20;  // working days
  int32_t accept = 1;         // filing → accepted and dispatched (受理、派单)
  int32_t rating_window = 5;  // reply → the enterprise's rating (回访); then closing may default
};

struct DispatchRule {
  std::string category;  // a category code, or "*" for any
  std::string region;    // a region code whose subtree the rule covers; "" = everywhere
  std::string unit;
  std::vector<std::string> co_units;
  std::optional<Deadlines> deadlines;  // overrides the catalogue's defaults
};

struct DispatchTarget {
  std::string unit;
  std::vector<std::string> co_units;
  Deadlines deadlines;
};

class ServiceCatalogue {
 public:
  static Result<ServiceCatalogue> Parse(std::string_view categories_json,
                                        std::string_view dispatch_json);
  static Result<ServiceCatalogue> Default();

  const std::vector<Category>& categories() const { return categories_; }
  const std::vector<DispatchRule>& rules() const { return rules_; }
  const Category* FindCategory(std::string_view code) const;
  const Deadlines& defaults() const { return defaults_; }
  // The deadlines for a category and region: the matching rule's, else the defaults.
  Deadlines DeadlinesFor(std::string_view category, std::string_view region) const;
  // The most specific rule for the category (exact before "*") whose region covers `region`
  // (the longest region prefix wins); nullopt when none matches.
  std::optional<DispatchTarget> Route(std::string_view category, std::string_view region) const;
  // The handling deadline (working days) of a complexity under a target.
  static int32_t HandlingDays(const Deadlines& d, std::string_view complexity);

 private:
  std::vector<Category> categories_;
  Deadlines defaults_;
  std::vector<DispatchRule> rules_;
};

// True when region code `code` lies in the subtree of `scope` by GB/T 2260 prefixes
// ("410000" covers "41xxxx", "410100" covers "4101xx"); "" and "100000" cover everything.
bool RegionCovers(std::string_view scope, std::string_view code);

std::string_view EmbeddedCategoriesJson();
std::string_view EmbeddedDispatchJson();

}  // namespace ballast::service

#endif  // BALLAST_SERVICE_CATALOGUE_H_
