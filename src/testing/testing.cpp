#include "testing/testing.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include "core/uscc.h"

namespace ballast::testing {

TempDir::TempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "ballast_" + std::to_string(::getpid());
  if (info != nullptr) name += std::string("_") + info->test_suite_name() + "_" + info->name();
  static std::atomic<int> counter{0};
  name += "_" + std::to_string(counter++);  // several folders in one test, or outside any test
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  path_ = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::Write(const std::string& name, const std::string& content) const {
  std::ofstream out(path_ / name, std::ios::binary);
  out << content;
}

std::string TestUscc(const std::string& region, int serial) {
  char body[16];
  std::snprintf(body, sizeof body, "%09d", serial);
  const std::string first17 = "91" + region + body;
  return first17 + UsccCheckChar(first17);
}

}  // namespace ballast::testing
