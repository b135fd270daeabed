// The client address behind a reverse proxy. Off by default: X-Forwarded-For is anyone's to
// write, so it is believed only when the peer itself is a configured proxy.
#ifndef BALLAST_API_TRUSTED_PROXY_H_
#define BALLAST_API_TRUSTED_PROXY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ballast::api {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // "10.0.0.0/8,127.0.0.1,::1/128"; an empty text trusts no one.
  static Result<TrustedProxies> Parse(std::string_view cidrs);

  bool empty() const { return nets_.empty(); }
  bool Contains(std::string_view address) const;
  // The address to audit, throttle and count: the peer, or, when the peer is trusted, the
  // right-most X-Forwarded-For entry that is not itself trusted (values in header order; each
  // may hold a comma-separated list). An unreadable entry stops the walk at the hop after it.
  std::string ClientAddress(const std::string& peer,
                            const std::vector<std::string>& forwarded_for) const;

 private:
  struct Net {
    std::array<uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix = 0;                   // over the 128 bits
  };
  std::vector<Net> nets_;
};

}  // namespace ballast::api

#endif  // BALLAST_API_TRUSTED_PROXY_H_
