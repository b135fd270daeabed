// Test support shared by every unit and integration test: temporary folders and assertions on
// Status / Result. Linked only into test binaries.
#ifndef BALLAST_TESTING_TESTING_H_
#define BALLAST_TESTING_TESTING_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/status.h"

namespace ballast::testing {

// A fresh folder under the system's temp dir, named after the running test, removed by the
// destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  void Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// A valid unified social credit code for a test firm: "91", the six-digit region, `serial` in
// nine digits, and the check character.
std::string TestUscc(const std::string& region, int serial);

// By value: the macros below bind the result to a const reference, which extends the life of
// a returned temporary but not of a reference into a temporary argument (ASan: use after scope).
inline Status StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

}  // namespace ballast::testing

#define BALLAST_TESTING_CONCAT_(a, b) a##b
#define BALLAST_TESTING_CONCAT(a, b) BALLAST_TESTING_CONCAT_(a, b)

#define ASSERT_OK(expr)                                                      \
  do {                                                                       \
    const ::ballast::Status ballast_s_ = ::ballast::testing::StatusOf(expr); \
    ASSERT_TRUE(ballast_s_.ok()) << #expr << ": " << ballast_s_.ToString();  \
  } while (0)
#define EXPECT_OK(expr)                                                      \
  do {                                                                       \
    const ::ballast::Status ballast_s_ = ::ballast::testing::StatusOf(expr); \
    EXPECT_TRUE(ballast_s_.ok()) << #expr << ": " << ballast_s_.ToString();  \
  } while (0)
// ASSERT_OK_AND_ASSIGN(auto x, F()) : fails the test on an error, else binds the value.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(BALLAST_TESTING_CONCAT(ballast_r_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr)                   \
  auto tmp = (expr);                                                 \
  ASSERT_TRUE(tmp.ok()) << #expr << ": " << tmp.status().ToString(); \
  lhs = std::move(tmp).value()

#endif  // BALLAST_TESTING_TESTING_H_
