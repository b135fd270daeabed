#include "api/trusted_proxy.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

namespace ballast::api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// IPv4 becomes ::ffff:a.b.c.d so that one comparison covers both families.
std::optional<std::array<uint8_t, 16>> ParseAddress(std::string_view text, bool* v4) {
  text = Trim(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  const std::string s(text);
  std::array<uint8_t, 16> out{};
  in_addr a4{};
  if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &a4, 4);
    *v4 = true;
    return out;
  }
  in6_addr a6{};
  if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
    std::memcpy(out.data(), &a6, 16);
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    *v4 = std::memcmp(out.data(), kMapped, 12) == 0;
    return out;
  }
  return std::nullopt;
}

bool PrefixMatches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b, int prefix) {
  for (int bit = 0; bit < prefix; bit += 8) {
    const int n = std::min(8, prefix - bit);
    const uint8_t mask = static_cast<uint8_t>(0xff << (8 - n));
    if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view cidrs) {
  TrustedProxies t;
  while (!Trim(cidrs).empty()) {
    const size_t comma = cidrs.find(',');
    const std::string_view item = Trim(cidrs.substr(0, comma));
    cidrs = comma == std::string_view::npos ? std::string_view() : cidrs.substr(comma + 1);
    const size_t slash = item.find('/');
    bool v4 = false;
    auto addr = ParseAddress(item.substr(0, slash), &v4);
    if (!addr)
      return Status::Invalid("--trusted-proxy: '" + std::string(item) +
                             "' is not an address or CIDR");
    Net net;
    net.bytes = *addr;
    const int width = v4 ? 32 : 128;
    int prefix = width;
    if (slash != std::string_view::npos) {
      const std::string_view p = item.substr(slash + 1);
      auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
      if (ec != std::errc() || end != p.data() + p.size() || prefix < 0 || prefix > width) {
        return Status::Invalid("--trusted-proxy: '" + std::string(item) +
                               "' has a bad prefix length");
      }
    }
    net.prefix = v4 ? prefix + 96 : prefix;
    t.nets_.push_back(net);
  }
  return t;
}

bool TrustedProxies::Contains(std::string_view address) const {
  if (nets_.empty()) return false;
  bool v4 = false;
  auto addr = ParseAddress(address, &v4);
  if (!addr) return false;
  for (const Net& n : nets_) {
    if (PrefixMatches(*addr, n.bytes, n.prefix)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientAddress(const std::string& peer,
                                          const std::vector<std::string>& forwarded_for) const {
  if (!Contains(peer)) return peer;
  std::vector<std::string_view> hops;
  for (const std::string& value : forwarded_for) {
    std::string_view rest = value;
    while (true) {
      const size_t comma = rest.find(',');
      hops.push_back(Trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  std::string client = peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    bool v4 = false;
    if (!ParseAddress(*it, &v4)) break;
    client = std::string(Trim(*it));
    if (!Contains(client)) break;
  }
  return client;
}

}  // namespace ballast::api
