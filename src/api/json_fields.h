// A JSON object built field by field, in the order written, for the answers rendered in bulk
// (a table's rows, an episode list's alerts). nlohmann's initializer lists make a temporary
// array per field and copy what they are given; appended to in place, a 1,000-row table
// rendered in 1.1–1.3 ms against 3.4–5.0 ms with the initializer lists (issue 11).
#ifndef BALLAST_API_JSON_FIELDS_H_
#define BALLAST_API_JSON_FIELDS_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <utility>

namespace ballast::api {

class JsonFields {
 public:
  using Json = nlohmann::ordered_json;
  // `fields`: how many Add will append (room is made once).
  explicit JsonFields(size_t fields) : object_(Json::object()) {
    object_.get_ref<Json::object_t&>().reserve(fields);
  }
  // Each key once: appended without looking for an earlier one.
  JsonFields& Add(const char* key, Json value) {
    object_.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
    return *this;
  }
  Json Take() { return std::move(object_); }

 private:
  Json object_;
};

}  // namespace ballast::api

#endif  // BALLAST_API_JSON_FIELDS_H_
