#include "service/notify.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

TEST(NotifyTest, BackoffDoublesFromAMinuteUpToSixHours) {
  EXPECT_EQ(BackoffSeconds(1), 60);
  EXPECT_EQ(BackoffSeconds(2), 120);
  EXPECT_EQ(BackoffSeconds(3), 240);
  EXPECT_EQ(BackoffSeconds(9), 15360);      // 60·2^8
  EXPECT_EQ(BackoffSeconds(10), 6 * 3600);  // 60·2^9 = 30720 s, capped at 21600
}

TEST(NotifyTest, SmtpRefusesAHeaderInjection) {
  auto s = MakeSmtpSender({"smtp://127.0.0.1:1", "ballast@example.org", "", "", 1});
  EXPECT_EQ(s->Send({"a@example.org\r\nBcc: x@example.org", "s", "b"}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(s->Send({"not-an-address", "s", "b"}).code(), StatusCode::kInvalidArgument);
  // Nothing listens on port 1: an I/O error, to be retried.
  EXPECT_EQ(s->Send({"a@example.org", "主题", "正文"}).code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace ballast::service
