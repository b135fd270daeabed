#include "store/locator.h"

namespace ballast {

bool IsPostgresLocator(std::string_view l) {
  return l.starts_with("postgresql://") || l.starts_with("postgres://");
}

std::string RedactLocator(std::string_view l) {
  if (!IsPostgresLocator(l)) return std::string(l);
  std::string s(l);
  const size_t scheme = s.find("://") + 3;
  // userinfo ends at the last '@' before the path ('@' may not appear unescaped after it).
  const size_t path = s.find_first_of("/?", scheme);
  const size_t at = s.rfind('@', path == std::string::npos ? s.size() : path);
  if (at != std::string::npos && at >= scheme) {
    const size_t colon = s.find(':', scheme);
    if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
  }
  // password=... among the query parameters.
  size_t q = s.find('?');
  while (q != std::string::npos) {
    const size_t key = q + 1;
    if (s.compare(key, 9, "password=") == 0) {
      const size_t end = s.find('&', key);
      s.replace(key + 9, (end == std::string::npos ? s.size() : end) - key - 9, "***");
    }
    q = s.find('&', key);
  }
  return s;
}

std::string LocatorFileStem(std::string_view l) {
  if (!IsPostgresLocator(l)) return std::string(l);
  std::string_view rest = l.substr(l.find("://") + 3);
  const size_t query = rest.find('?');
  if (query != std::string_view::npos) rest = rest.substr(0, query);
  const size_t slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  std::string db(slash == std::string_view::npos ? "" : rest.substr(slash + 1));
  const size_t at = hostport.rfind('@');
  if (at != std::string_view::npos) hostport = hostport.substr(at + 1);
  std::string host(hostport);
  for (char& ch : host) {
    if (ch == ':') ch = '-';
  }
  std::string out = (db.empty() ? "postgres" : db) + "@" + (host.empty() ? "localhost" : host);
  for (char& ch : out) {
    if (ch == '/' || ch == '%' || ch == ',') ch = '_';
  }
  return out;
}

}  // namespace ballast
