#include "api/connection_gate.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "core/blocking.h"

namespace ballast::api {
namespace {

using std::chrono::milliseconds;

sockaddr_in Loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  return a;
}

// Sends one GET and returns the first line of the answer, "" when none came within `wait`.
std::string Get(int port, const std::string& path, milliseconds wait) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = Loopback(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{static_cast<time_t>(wait.count() / 1000),
             static_cast<suseconds_t>(wait.count() % 1000 * 1000)};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const std::string req = "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  (void)::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  char buf[256];
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  ::close(fd);
  if (n <= 0) return "";
  const std::string got(buf, static_cast<size_t>(n));
  return got.substr(0, got.find("\r\n"));
}

// A gate of one worker place whose requests answer 200: /quick at once; /wait and /hold once
// the test releases them, /wait inside a BlockingRegion and /hold without one.
class GateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = Loopback(0);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(fd, 16), 0);
    socklen_t len = sizeof a;
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
    port_ = ntohs(a.sin_port);
    GateOptions options;
    options.threads = 1;
    // The test's one address is a trusted proxy: exempt from the share of workers per client.
    auto proxies = TrustedProxies::Parse("127.0.0.1/32");
    ASSERT_TRUE(proxies.ok());
    gate_ = std::make_unique<ConnectionGate>(
        fd, options, *proxies,
        [](const RequestHead&, const std::string*) { return std::optional<EarlyReply>(); },
        [this](httplib::Stream& s, bool, bool& closed) { return Process(s, closed); });
    runner_ = std::thread([this] { gate_->Run(); });
  }
  void TearDown() override {
    release_.set_value();
    if (gate_ == nullptr) return;
    gate_->Stop();
    runner_.join();
  }

  bool Process(httplib::Stream& s, bool& closed) {
    char buf[512];
    const ssize_t n = s.read(buf, sizeof buf);
    const std::string head(buf, n > 0 ? static_cast<size_t>(n) : 0);
    if (head.starts_with("GET /wait")) {
      BlockingRegion waiting;
      entered_.set_value();
      released_.wait();
    } else if (head.starts_with("GET /hold")) {
      entered_.set_value();
      released_.wait();
    }
    static constexpr std::string_view kOk =
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    s.write(kOk.data(), kOk.size());
    closed = true;
    return false;
  }

  int port_ = 0;
  std::unique_ptr<ConnectionGate> gate_;
  std::thread runner_;
  std::promise<void> entered_, release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

// A request that waits for other threads' work (an import waiting for the evaluation) lends its
// worker's place: another request is answered meanwhile, though the gate has one place.
TEST_F(GateTest, AWaitingRequestLendsItsPlace) {
  auto waiting =
      std::async(std::launch::async, [&] { return Get(port_, "/wait", milliseconds(30000)); });
  entered_.get_future().wait();
  EXPECT_EQ(Get(port_, "/quick", milliseconds(10000)), "HTTP/1.1 200 OK");
  release_.set_value();
  EXPECT_EQ(waiting.get(), "HTTP/1.1 200 OK");
  release_ = std::promise<void>();  // TearDown's
}

// A request busy without saying it waits keeps its place: the reserve workers do not serve more
// requests at once than the gate has places.
TEST_F(GateTest, ABusyRequestKeepsItsPlace) {
  auto holding =
      std::async(std::launch::async, [&] { return Get(port_, "/hold", milliseconds(30000)); });
  entered_.get_future().wait();
  auto quick =
      std::async(std::launch::async, [&] { return Get(port_, "/quick", milliseconds(30000)); });
  EXPECT_EQ(quick.wait_for(milliseconds(500)), std::future_status::timeout);
  release_.set_value();
  EXPECT_EQ(quick.get(), "HTTP/1.1 200 OK");
  EXPECT_EQ(holding.get(), "HTTP/1.1 200 OK");
  release_ = std::promise<void>();
}

}  // namespace
}  // namespace ballast::api
