#include "cli/serve_config.h"

#include <toml++/toml.h>

#include <sstream>

#include "core/file_util.h"

namespace ballast::cli {

namespace {

std::string Where(const std::string& source, const toml::source_region& at) {
  return source + ":" + std::to_string(at.begin.line);
}

struct Key {
  const char* name;
  enum Kind { kString, kInteger, kBool, kStringOrList } kind;
  int64_t min = 0, max = 0;  // integers
};

// Every key, its type and range; the flag of the same name with '_' as '-'.
const Key kKeys[] = {
    {"db", Key::kString},
    {"host", Key::kString},
    {"port", Key::kInteger, 0, 65535},
    {"web", Key::kString},
    {"geo", Key::kString},
    {"threads", Key::kInteger, 1, 1024},
    {"tls_cert", Key::kString},
    {"tls_key", Key::kString},
    {"trusted_proxies", Key::kStringOrList},
    {"audit_key", Key::kString},
    {"max_upload_mb", Key::kInteger, 1, 65536},
    {"header_timeout_ms", Key::kInteger, 100, 600000},
    {"keep_alive_timeout_ms", Key::kInteger, 1000, 600000},
    {"max_connections_per_client", Key::kInteger, 1, 100000},
    {"access_log", Key::kBool},
    {"answer_cache", Key::kInteger, 0, 1000000},
    {"advance_interval_ms", Key::kInteger, 0, kMaxAdvanceIntervalMs},
};

std::string KnownKeys() {
  std::string s;
  for (const Key& k : kKeys) s += (s.empty() ? "" : ", ") + std::string(k.name);
  return s;
}

}  // namespace

Result<ServeConfig> ParseServeConfig(std::string_view text, const std::string& source) {
  toml::table table;
  try {
    table = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Status::Invalid(Where(source, e.source()) + ": " + std::string(e.description()));
  }
  ServeConfig c;
  for (const auto& [name, node] : table) {
    const std::string key(name.str());
    const std::string where = Where(source, node.source()) + ": " + key;
    const Key* spec = nullptr;
    for (const Key& k : kKeys) {
      if (key == k.name) spec = &k;
    }
    if (spec == nullptr)
      return Status::Invalid(where + ": unknown key (known: " + KnownKeys() + ")");
    std::optional<std::string> str;
    std::optional<int64_t> num;
    std::optional<bool> flag;
    switch (spec->kind) {
      case Key::kString:
        if (!node.is_string()) return Status::Invalid(where + ": expected a string in quotes");
        str = node.as_string()->get();
        break;
      case Key::kStringOrList:
        if (node.is_string()) {
          str = node.as_string()->get();
        } else if (const toml::array* list = node.as_array()) {
          std::string joined;
          for (const auto& item : *list) {
            if (!item.is_string()) return Status::Invalid(where + ": expected a list of strings");
            joined += (joined.empty() ? "" : ",") + item.as_string()->get();
          }
          str = joined;
        } else {
          return Status::Invalid(where + ": expected a string or a list of strings");
        }
        break;
      case Key::kInteger:
        if (!node.is_integer()) return Status::Invalid(where + ": expected a whole number");
        num = node.as_integer()->get();
        if (*num < spec->min || *num > spec->max) {
          return Status::Invalid(where + ": " + std::to_string(*num) + " is not in [" +
                                 std::to_string(spec->min) + ", " + std::to_string(spec->max) +
                                 "]");
        }
        break;
      case Key::kBool:
        if (!node.is_boolean()) return Status::Invalid(where + ": expected true or false");
        flag = node.as_boolean()->get();
        break;
    }
    if (key == "db")
      c.db = str;
    else if (key == "host")
      c.host = str;
    else if (key == "port")
      c.port = num;
    else if (key == "web")
      c.web = str;
    else if (key == "geo")
      c.geo = str;
    else if (key == "threads")
      c.threads = num;
    else if (key == "tls_cert")
      c.tls_cert = str;
    else if (key == "tls_key")
      c.tls_key = str;
    else if (key == "trusted_proxies")
      c.trusted_proxies = str;
    else if (key == "audit_key")
      c.audit_key = str;
    else if (key == "max_upload_mb")
      c.max_upload_mb = num;
    else if (key == "header_timeout_ms")
      c.header_timeout_ms = num;
    else if (key == "keep_alive_timeout_ms")
      c.keep_alive_timeout_ms = num;
    else if (key == "max_connections_per_client")
      c.max_connections_per_client = num;
    else if (key == "answer_cache")
      c.answer_cache = num;
    else if (key == "advance_interval_ms")
      c.advance_interval_ms = num;
    else if (key == "access_log")
      c.access_log = flag;
  }
  return c;
}

Result<ServeConfig> LoadServeConfig(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseServeConfig(text, path);
}

void ApplyServeConfig(const ServeConfig& c, const std::function<bool(std::string_view)>& given,
                      std::string* db, std::string* audit_key, api::ServeOptions* o) {
  auto str = [&](const std::optional<std::string>& v, std::string_view flag, std::string* out) {
    if (v && !given(flag)) *out = *v;
  };
  auto num = [&](const std::optional<int64_t>& v, std::string_view flag, auto* out) {
    if (v && !given(flag)) *out = static_cast<std::remove_pointer_t<decltype(out)>>(*v);
  };
  str(c.db, "--db", db);
  str(c.audit_key, "--audit-key", audit_key);
  str(c.host, "--host", &o->host);
  num(c.port, "--port", &o->port);
  str(c.web, "--web", &o->web_dir);
  str(c.geo, "--geo", &o->geo_dir);
  num(c.threads, "--threads", &o->threads);
  str(c.tls_cert, "--tls-cert", &o->tls_cert);
  str(c.tls_key, "--tls-key", &o->tls_key);
  str(c.trusted_proxies, "--trusted-proxy", &o->trusted_proxies);
  if (c.max_upload_mb && !given("--max-upload-mb"))
    o->max_upload_bytes = static_cast<size_t>(*c.max_upload_mb) << 20;
  num(c.header_timeout_ms, "--header-timeout-ms", &o->header_timeout_ms);
  num(c.keep_alive_timeout_ms, "--keep-alive-timeout-ms", &o->keep_alive_timeout_ms);
  num(c.max_connections_per_client, "--max-connections-per-client", &o->max_connections_per_client);
  num(c.answer_cache, "--answer-cache", &o->answer_cache);
  num(c.advance_interval_ms, "--advance-interval-ms", &o->advance_interval_ms);
  if (c.access_log && !given("--no-access-log")) o->access_log = *c.access_log;
}

}  // namespace ballast::cli
