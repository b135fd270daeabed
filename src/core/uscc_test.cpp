#include "core/uscc.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

// Examples of real codes (published register entries); the worked example of GB 32100-2015's
// check-character rule gives 'T' for the first.
TEST(UsccTest, ValidCodes) {
  EXPECT_EQ(UsccCheckChar("91310110666007217"), 'T');
  for (const char* c : {"91310110666007217T", "91310115591693856A", "91330000755918469E",
                        "914403001922038216"}) {
    EXPECT_EQ(CheckUscc(c), UsccCheck::kValid) << c;
  }
}

TEST(UsccTest, EarlyPilotCodesFailOnlyTheCheckCharacter) {
  for (const char* c : {"91350100M0001TGQXM", "91350211M0000XUF46", "91350203M0001FUE2P"}) {
    EXPECT_EQ(CheckUscc(c), UsccCheck::kBadCheckChar) << c;
  }
  EXPECT_EQ(CheckUscc("91310110666007217U"), UsccCheck::kBadCheckChar);
}

TEST(UsccTest, MalformedCodes) {
  EXPECT_EQ(CheckUscc("91310110666007217"), UsccCheck::kMalformed);     // 17 characters
  EXPECT_EQ(CheckUscc("91310110666007217TT"), UsccCheck::kMalformed);   // 19
  EXPECT_EQ(CheckUscc("9131011066600721IT"), UsccCheck::kMalformed);    // I is not in the alphabet
  EXPECT_EQ(CheckUscc("91310110666007217t"), UsccCheck::kMalformed);    // lower case
  EXPECT_EQ(CheckUscc("913A0110666007217T"), UsccCheck::kMalformed);    // letter in the region part
}

}  // namespace
}  // namespace ballast
