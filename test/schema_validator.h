// A small validator for the OpenAPI 3.0 subset the API's schemas use (type, required,
// properties, items, enum, nullable, additionalProperties, allOf, $ref to components), written
// for the contract test so that the schemas are checked by something other than the code that
// wrote them. It returns the JSON path of the first mismatch.
#ifndef BALLAST_TEST_SCHEMA_VALIDATOR_H_
#define BALLAST_TEST_SCHEMA_VALIDATOR_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ballast::test {

class SchemaValidator {
 public:
  using Json = nlohmann::json;
  // components: the document's components.schemas.
  explicit SchemaValidator(Json components) : components_(std::move(components)) {}

  // Nothing when `value` conforms to `schema`; else "path: what is wrong".
  std::optional<std::string> Check(const Json& schema, const Json& value,
                                   const std::string& path = "$") const {
    if (value.is_null() && schema.value("nullable", false)) return std::nullopt;
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"].get<std::string>();
      const std::string prefix = "#/components/schemas/";
      const std::string name = ref.rfind(prefix, 0) == 0 ? ref.substr(prefix.size()) : "";
      if (!components_.contains(name)) return path + ": unresolved $ref " + ref;
      return Check(components_[name], value, path);
    }
    if (schema.contains("allOf")) {
      for (const auto& sub : schema["allOf"]) {
        if (auto e = Check(sub, value, path)) return e;
      }
    }
    if (schema.contains("type")) {
      const std::string type = schema["type"].get<std::string>();
      if (auto e = CheckType(type, value, path)) return e;
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& v : schema["enum"]) found = found || v == value;
      if (!found) return path + ": " + value.dump() + " is not one of " + schema["enum"].dump();
    }
    if (value.is_array() && schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        if (auto e = Check(schema["items"], value[i], path + "[" + std::to_string(i) + "]"))
          return e;
      }
    }
    if (value.is_object()) return CheckObject(schema, value, path);
    return std::nullopt;
  }

 private:
  static std::optional<std::string> CheckType(const std::string& type, const Json& value,
                                              const std::string& path) {
    bool ok = false;
    if (type == "object") ok = value.is_object();
    if (type == "array") ok = value.is_array();
    if (type == "string") ok = value.is_string();
    if (type == "integer") ok = value.is_number_integer();
    if (type == "number") ok = value.is_number();
    if (type == "boolean") ok = value.is_boolean();
    if (ok) return std::nullopt;
    return path + ": expected " + type + ", got " +
           (value.is_null() ? "null" : value.dump().substr(0, 80));
  }

  std::optional<std::string> CheckObject(const Json& schema, const Json& value,
                                         const std::string& path) const {
    if (schema.contains("required")) {
      for (const auto& name : schema["required"]) {
        if (!value.contains(name.get<std::string>()))
          return path + ": missing required '" + name.get<std::string>() + "'";
      }
    }
    const Json props = schema.value("properties", Json::object());
    for (const auto& [name, field] : value.items()) {
      const std::string at = path + "." + name;
      if (props.contains(name)) {
        if (auto e = Check(props[name], field, at)) return e;
        continue;
      }
      if (!schema.contains("additionalProperties")) continue;
      const Json& extra = schema["additionalProperties"];
      if (extra.is_boolean()) {
        if (!extra.get<bool>()) return at + ": not in the schema";
        continue;
      }
      if (auto e = Check(extra, field, at)) return e;
    }
    return std::nullopt;
  }

  Json components_;
};

}  // namespace ballast::test

#endif  // BALLAST_TEST_SCHEMA_VALIDATOR_H_
