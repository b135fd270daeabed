#include "store/chunk_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace ballast {
namespace {

bool SameBits(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(ChunkCodecTest, RoundTripsExactly) {
  ObservationChunk c;
  c.enterprise = {3, 4, 9, 1000000};
  c.value = {1234.5, 0.1 + 0.2, -17.25, 1e300};
  c.ytd = {kMissing, 0.0, -0.0, 3.14159265358979};
  c.prior = {kMissing, kMissing, 42, kMissing};
  c.prior_ytd = {1e-7, kMissing, kMissing, 99999999.99};
  ObservationChunk d;
  ASSERT_TRUE(DecodeChunk(EncodeChunk(c), &d).ok());
  ASSERT_EQ(d.enterprise, c.enterprise);
  for (size_t i = 0; i < c.size(); ++i) {
    EXPECT_TRUE(SameBits(c.value[i], d.value[i])) << i;
    EXPECT_TRUE(SameBits(c.ytd[i], d.ytd[i])) << i;
    EXPECT_TRUE(SameBits(c.prior[i], d.prior[i])) << i;
    EXPECT_TRUE(SameBits(c.prior_ytd[i], d.prior_ytd[i])) << i;
  }
}

TEST(ChunkCodecTest, ShortDecimalsAreCompact) {
  ObservationChunk c;
  for (int i = 0; i < 1000; ++i) {
    c.enterprise.push_back(i * 2);
    c.value.push_back(1000.0 + i * 0.1);  // one decimal, like a form's 万元 figure
    c.ytd.push_back(5000.0 + i);
    c.prior.push_back(kMissing);
    c.prior_ytd.push_back(kMissing);
  }
  std::string bytes = EncodeChunk(c);
  // 1 byte id delta + 1 mask + 3 bytes value + 3 bytes ytd = 8 bytes a row at most.
  EXPECT_LE(bytes.size(), 8u * 1000 + 8);
}

TEST(ChunkCodecTest, RejectsCorruptBytes) {
  ObservationChunk c;
  c.enterprise = {1, 2};
  c.value = {1.5, 2.5};
  c.ytd = c.prior = c.prior_ytd = {kMissing, kMissing};
  std::string bytes = EncodeChunk(c);
  ObservationChunk d;
  EXPECT_FALSE(DecodeChunk(bytes.substr(0, bytes.size() - 1), &d).ok());
  EXPECT_FALSE(DecodeChunk(bytes + "x", &d).ok());
  EXPECT_FALSE(DecodeChunk("\xff\xff\xff", &d).ok());
}

}  // namespace
}  // namespace ballast
