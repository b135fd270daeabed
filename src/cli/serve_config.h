// The configuration file of `ballast serve` (TOML, default /etc/ballast/ballast.toml): one key
// per flag of serve, flat, e.g.
//   db = "/var/lib/ballast/ballast.db"
//   port = 8081
//   trusted_proxies = ["127.0.0.1/32", "::1/128"]
// Flags given on the command line override the file. Parsed with toml++ (Debian
// libtomlplusplus-dev): data/sdc.toml's own parser reads `key = number` only, and a deployment
// file needs strings, arrays and booleans. Errors name the file, the line and the key.
#ifndef BALLAST_CLI_SERVE_CONFIG_H_
#define BALLAST_CLI_SERVE_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/server.h"
#include "core/status.h"

namespace ballast::cli {

inline constexpr const char* kDefaultConfigPath = "/etc/ballast/ballast.toml";
// The largest advance interval (`advance_interval_ms`, `--advance-interval-ms`).
inline constexpr int kMaxAdvanceIntervalMs = 5000;

struct ServeConfig {
  std::optional<std::string> db, host, web, geo, tls_cert, tls_key, trusted_proxies, audit_key;
  std::optional<int64_t> port, threads, max_upload_mb, header_timeout_ms, keep_alive_timeout_ms,
      max_connections_per_client, answer_cache, advance_interval_ms;
  std::optional<bool> access_log;
};

// Parses the text of a configuration file; `source` names it in errors.
Result<ServeConfig> ParseServeConfig(std::string_view text, const std::string& source);
// Reads and parses a configuration file.
Result<ServeConfig> LoadServeConfig(const std::string& path);

// Fills what the command line left unset (`given(flag)` says whether "--port" etc. was given)
// from the file.
void ApplyServeConfig(const ServeConfig& config, const std::function<bool(std::string_view)>& given,
                      std::string* db, std::string* audit_key, api::ServeOptions* options);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_SERVE_CONFIG_H_
