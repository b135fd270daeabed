#include "store/chunk_codec.h"

#include <cmath>
#include <cstring>

namespace ballast {

namespace {

constexpr double kPow10[] = {1, 10, 100, 1000, 10000, 100000};
constexpr uint64_t kRawTag = 7;
constexpr double kMaxExact = 4503599627370496.0;  // 2^52

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// A decimal with up to 5 places round-trips exactly: IEEE division of the scaled integer is
// correctly rounded, as is the parse of the decimal text it came from.
void PutNumber(std::string* out, double x) {
  for (int s = 0; s <= 5; ++s) {
    double m = x * kPow10[s];
    if (!(std::fabs(m) < kMaxExact)) break;
    double r = std::nearbyint(m);
    if (r / kPow10[s] == x && !(x == 0 && std::signbit(x))) {
      PutVarint(out, (ZigZag(static_cast<int64_t>(r)) << 3) | static_cast<uint64_t>(s));
      return;
    }
  }
  PutVarint(out, kRawTag);
  char buf[8];
  std::memcpy(buf, &x, 8);
  out->append(buf, 8);
}

bool GetNumber(std::string_view* in, double* x) {
  uint64_t v;
  if (!GetVarint(in, &v)) return false;
  uint64_t tag = v & 7;
  if (tag == kRawTag) {
    if (in->size() < 8) return false;
    std::memcpy(x, in->data(), 8);
    in->remove_prefix(8);
    return true;
  }
  if (tag > 5) return false;
  *x = static_cast<double>(UnZigZag(v >> 3)) / kPow10[tag];
  return true;
}

}  // namespace

std::string EncodeChunk(const ObservationChunk& c) {
  std::string out;
  out.reserve(c.size() * 10 + 16);
  PutVarint(&out, c.size());
  EnterpriseId prev = 0;
  for (EnterpriseId e : c.enterprise) {
    PutVarint(&out, ZigZag(static_cast<int64_t>(e) - prev));
    prev = e;
  }
  const std::vector<double>* fields[] = {&c.value, &c.ytd, &c.prior, &c.prior_ytd};
  for (size_t i = 0; i < c.size(); ++i) {
    uint8_t mask = 0;
    for (int f = 0; f < 4; ++f) {
      if (!IsMissing((*fields[f])[i])) mask |= static_cast<uint8_t>(1u << f);
    }
    out.push_back(static_cast<char>(mask));
  }
  for (const auto* field : fields) {
    for (double x : *field) {
      if (!IsMissing(x)) PutNumber(&out, x);
    }
  }
  return out;
}

Status DecodeChunk(std::string_view in, ObservationChunk* c) {
  auto corrupt = [] { return Status::Internal("observation chunk is corrupt"); };
  uint64_t n;
  if (!GetVarint(&in, &n) || n > in.size()) return corrupt();
  c->enterprise.resize(n);
  int64_t prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t d;
    if (!GetVarint(&in, &d)) return corrupt();
    prev += UnZigZag(d);
    c->enterprise[i] = static_cast<EnterpriseId>(prev);
  }
  if (in.size() < n) return corrupt();
  std::string_view masks = in.substr(0, n);
  in.remove_prefix(n);
  std::vector<double>* fields[] = {&c->value, &c->ytd, &c->prior, &c->prior_ytd};
  for (int f = 0; f < 4; ++f) {
    fields[f]->assign(n, kMissing);
    for (uint64_t i = 0; i < n; ++i) {
      if ((static_cast<uint8_t>(masks[i]) >> f) & 1) {
        if (!GetNumber(&in, &(*fields[f])[i])) return corrupt();
      }
    }
  }
  if (!in.empty()) return corrupt();
  return Status::Ok();
}

}  // namespace ballast
