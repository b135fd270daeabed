// Abuse of the HTTP server by clients without a login (issue 10, finding 5 and 7): ranges that
// multiply a file, slow and idle connections that hold every worker, bodies read before they are
// refused, deeply nested JSON, and a forged X-Forwarded-For. A real server on 127.0.0.1, raw
// sockets, every wait bounded.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/server.h"
#include "app/ballast.h"
#include "testing/testing.h"

namespace ballast::test {
namespace {

using Clock = std::chrono::steady_clock;
using testing::TempDir;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// A store with one administrator, served with the given options for the object's lifetime.
class Served {
 public:
  // `prepare` may write files into the served folder (the one TempDir of the test) and adjust o.
  explicit Served(
      api::ServeOptions o,
      const std::function<void(const std::filesystem::path&, api::ServeOptions&)>& prepare = {}) {
    if (prepare) prepare(dir_.path(), o);
    ws_ = std::move(app::Ballast::Create(dir_.File("s.db"))).value();
    EXPECT_TRUE(
        ws_->auth().AddUser({"root", "root-password-1", "admin", "100000", "", ""}, "test").ok());
    o.host = "127.0.0.1";
    o.port = 0;
    server_ = std::make_unique<api::Server>(*ws_, o);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  ~Served() {
    server_->Stop();
    thread_.join();
  }
  app::Workspace& ws() { return ws_->workspace(); }
  int port() const { return port_; }
  std::string Token() { return ws_->auth().Login("root", "root-password-1", "test")->token; }

 private:
  TempDir dir_;
  std::unique_ptr<app::Ballast> ws_;
  std::unique_ptr<api::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

api::ServeOptions Options(int threads) {
  api::ServeOptions o;
  o.threads = threads;
  o.max_upload_bytes = size_t{1} << 20;
  return o;
}

// A loopback connection, from `source` (any 127.x.y.z) when given; reads time out after 3 s.
int Connect(int port, const char* source = nullptr) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (source != nullptr) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local), 0) << source;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  return fd;
}

void Send(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// Everything until the server closes, a read times out or `cap` bytes have come.
std::string ReadAll(int fd, size_t cap = size_t{64} << 20) {
  std::string out;
  char buf[64 * 1024];
  while (out.size() < cap) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// One whole answer (headers and a Content-Length body) from a connection that stays open.
std::string ReadOne(int fd) {
  std::string out;
  char buf[4096];
  size_t want = std::string::npos;
  while (out.size() < want) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    const size_t end = out.find("\r\n\r\n");
    const size_t length = out.find("Content-Length: ");
    if (end != std::string::npos && length != std::string::npos && length < end) {
      want = end + 4 + std::stoul(out.substr(length + 16));
    }
  }
  return out;
}

// One request on a new connection (Connection: close); the whole answer.
std::string Exchange(int port, const std::string& request, size_t cap = size_t{64} << 20) {
  const int fd = Connect(port);
  Send(fd, request);
  std::string answer = ReadAll(fd, cap);
  ::close(fd);
  return answer;
}

std::string StatusLine(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }

const std::string kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

// Finding 5: `Range: bytes=0-,0-,…` ×2000 on a static file sent the file 2000 times.
TEST(AbuseTest, RangesDoNotMultiplyAFile) {
  const std::string content(10000, 'x');
  Served s(Options(4), [&](const std::filesystem::path& dir, api::ServeOptions& o) {
    std::filesystem::create_directory(dir / "web");
    std::ofstream(dir / "web" / "index.html") << "<html></html>";
    std::ofstream(dir / "web" / "big.js") << content;
    o.web_dir = (dir / "web").string();
  });

  std::string ranges = "bytes=0-";
  for (int i = 1; i < 2000; ++i) ranges += ",0-";
  const std::string amplified =
      Exchange(s.port(), "GET /big.js HTTP/1.1\r\nHost: t\r\nRange: " + ranges +
                             "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusLine(amplified), "HTTP/1.1 200 OK");
  // The whole file once (plus headers), not 2000 × 10 000 bytes.
  EXPECT_LT(amplified.size(), 2 * content.size());
  EXPECT_GT(amplified.size(), content.size());

  // Ordinary ranges still work: one open range, and two disjoint closed ones.
  const std::string one = Exchange(
      s.port(),
      "GET /big.js HTTP/1.1\r\nHost: t\r\nRange: bytes=9990-\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusLine(one), "HTTP/1.1 206 Partial Content");
  EXPECT_NE(one.find("\r\n\r\nxxxxxxxxxx"), std::string::npos);
  const std::string two = Exchange(
      s.port(),
      "GET /big.js HTTP/1.1\r\nHost: t\r\nRange: bytes=0-9,100-109\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusLine(two), "HTTP/1.1 206 Partial Content");
  EXPECT_NE(two.find("multipart/byteranges"), std::string::npos);
  // Overlapping ranges are served as the whole file once.
  const std::string overlap = Exchange(
      s.port(),
      "GET /big.js HTTP/1.1\r\nHost: t\r\nRange: bytes=0-9999,5-9999\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusLine(overlap), "HTTP/1.1 200 OK");
  EXPECT_LT(overlap.size(), 2 * content.size());
}

// Health answers within 2 s while `connections` sockets hold half a header or nothing.
void ExpectHealthUnderSlowClients(Served& s, const std::vector<int>& connections) {
  const auto start = Clock::now();
  const std::string answer = Exchange(s.port(), kHealth);
  const double seconds = SecondsSince(start);
  EXPECT_EQ(StatusLine(answer), "HTTP/1.1 200 OK");
  EXPECT_LT(seconds, 2.0) << connections.size() << " slow connections";
}

// Finding 7: three slow-header connections starved a 2-thread server.
TEST(AbuseTest, SlowAndSilentClientsDoNotStarveTheServer) {
  Served s(Options(2));
  // 64 from the health client's own address: the oldest waiting ones give way.
  std::vector<int> slow;
  for (int i = 0; i < 64; ++i) {
    const int fd = Connect(s.port());
    if (i % 2 == 0) Send(fd, "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Slow: ");
    slow.push_back(fd);
  }
  ExpectHealthUnderSlowClients(s, slow);
  for (int fd : slow) ::close(fd);
  slow.clear();
  // 64 from 64 addresses, each under its own limit: none of them holds a worker.
  for (int i = 0; i < 64; ++i) {
    const std::string source = "127.0.1." + std::to_string(i + 1);
    const int fd = Connect(s.port(), source.c_str());
    if (i % 2 == 0) Send(fd, "POST /api/v1/session HTTP/1.1\r\nHost: t\r\n");
    slow.push_back(fd);
  }
  ExpectHealthUnderSlowClients(s, slow);
  for (int fd : slow) ::close(fd);
}

TEST(AbuseTest, IdleKeepAliveConnectionsDoNotHoldWorkers) {
  Served s(Options(2));
  std::vector<int> idle;
  for (int i = 0; i < 16; ++i) {
    const std::string source = "127.0.2." + std::to_string(i + 1);
    const int fd = Connect(s.port(), source.c_str());
    Send(fd, "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n");  // keep-alive
    EXPECT_EQ(StatusLine(ReadOne(fd)), "HTTP/1.1 200 OK");
    idle.push_back(fd);
  }
  ExpectHealthUnderSlowClients(s, idle);
  // The idle connections still work.
  Send(idle[0], kHealth);
  EXPECT_EQ(StatusLine(ReadAll(idle[0])), "HTTP/1.1 200 OK");
  for (int fd : idle) ::close(fd);
}

// A client that sends its bodies slowly holds at most its share of the workers (¾, so 1 of 2
// here); behind a trusted proxy the share is per forwarded client, not per proxy.
TEST(AbuseTest, SlowBodiesHoldOnlyTheirShareOfWorkers) {
  for (const bool proxied : {false, true}) {
    api::ServeOptions o = Options(2);
    if (proxied) o.trusted_proxies = "127.0.0.1";
    Served s(o);
    std::vector<int> slow;
    for (int i = 0; i < 2; ++i) {
      const int fd = Connect(s.port(), proxied ? nullptr : "127.0.4.1");
      Send(fd,
           std::string("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n") +
               (proxied ? "X-Forwarded-For: 198.51.100.1\r\n" : "") +
               "Content-Length: 1000\r\n\r\nslow");
      slow.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto start = Clock::now();
    const std::string answer = Exchange(
        s.port(),
        proxied ? "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.2\r\n"
                  "Connection: close\r\n\r\n"
                : kHealth);
    EXPECT_EQ(StatusLine(answer), "HTTP/1.1 200 OK") << (proxied ? "proxied" : "direct");
    EXPECT_LT(SecondsSince(start), 2.0) << (proxied ? "proxied" : "direct");
    for (int fd : slow) ::close(fd);
  }
}

TEST(AbuseTest, HalfAHeaderIsDroppedAfterTheHeaderTimeout) {
  api::ServeOptions o = Options(2);
  o.header_timeout_ms = 300;
  Served s(o);
  const int fd = Connect(s.port());
  Send(fd, "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n");
  const auto start = Clock::now();
  EXPECT_EQ(ReadAll(fd), "");  // closed without an answer
  EXPECT_LT(SecondsSince(start), 2.0);
  ::close(fd);
}

// Keep-alive, pipelining and a client that half-closes after its request all still work.
TEST(AbuseTest, OrdinaryConnectionsStillWork) {
  Served s(Options(2));
  const int fd = Connect(s.port());
  const std::string keep = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n";
  Send(fd, keep + keep + kHealth);  // three requests in one write
  const std::string answers = ReadAll(fd);
  ::close(fd);
  size_t count = 0;
  for (size_t at = answers.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = answers.find("HTTP/1.1 200 OK", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u) << answers;
  const int half = Connect(s.port());
  Send(half, kHealth);
  ::shutdown(half, SHUT_WR);
  EXPECT_EQ(StatusLine(ReadAll(half)), "HTTP/1.1 200 OK");
  ::close(half);
}

// Finding 5: a 200 MB body was read before the 401; a declared 300 MiB answered 413 after 30 s.
TEST(AbuseTest, BodiesAreRefusedBeforeTheyAreRead) {
  Served s(Options(4));
  auto refused_at_once = [&](const std::string& head, const std::string& status) {
    const auto start = Clock::now();
    const int fd = Connect(s.port());
    Send(fd, head + std::string(1000, '{'));  // a start of the body, never the rest
    const std::string answer = ReadAll(fd);
    ::close(fd);
    EXPECT_EQ(StatusLine(answer), status) << head;
    EXPECT_LT(SecondsSince(start), 2.0) << head;
    return answer;
  };
  // No session at all on a route that needs one.
  const std::string no_session = refused_at_once(
      "POST /api/v1/users HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
      "200000000\r\n\r\n",
      "HTTP/1.1 401 Unauthorized");
  EXPECT_NE(no_session.find("\"unauthenticated\""), std::string::npos) << no_session;
  // A token that is not a session.
  refused_at_once(
      "POST /api/v1/imports HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer forged\r\nContent-Type: "
      "multipart/form-data; "
      "boundary=x\r\nContent-Length: 200000000\r\n\r\n",
      "HTTP/1.1 401 Unauthorized");
  // A valid session, but more than the route accepts (uploads 1 MiB here, JSON 1 MiB).
  const std::string token = s.Token();
  const std::string too_large = refused_at_once(
      "POST /api/v1/imports HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
          "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 314572800\r\n\r\n",
      "HTTP/1.1 413 Payload Too Large");
  EXPECT_NE(too_large.find("payload_too_large"), std::string::npos) << too_large;
  // A public route: the size limit alone.
  refused_at_once(
      "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: "
      "application/json\r\nContent-Length: "
      "314572800\r\n\r\n",
      "HTTP/1.1 413 Payload Too Large");
  // A body of unknown length is refused rather than read without a limit.
  refused_at_once("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n",
                  "HTTP/1.1 411 Length Required");
  // Ordinary bodies still reach their routes.
  const std::string login = R"({"username":"root","password":"root-password-1"})";
  const std::string ok = Exchange(s.port(),
                                  "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: "
                                  "application/json\r\nConnection: close\r\nContent-Length: " +
                                      std::to_string(login.size()) + "\r\n\r\n" + login);
  EXPECT_EQ(StatusLine(ok), "HTTP/1.1 200 OK") << ok;
}

// HTTPS is served by httplib's own loop; its refusals from the header still come at once,
// before the body is read.
TEST(AbuseTest, HttpsRefusesBodiesBeforeReadingThem) {
  Served s(Options(2), [](const std::filesystem::path& dir, api::ServeOptions& o) {
    o.tls_cert = (dir / "cert.pem").string();
    o.tls_key = (dir / "key.pem").string();
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + o.tls_key +
                            " -out " + o.tls_cert + " -days 1 -subj /CN=localhost >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  });
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  ASSERT_NE(ctx, nullptr);
  // The status line of the answer to `head` followed by the start of a body that never ends.
  auto refusal = [&](const std::string& head) {
    const int fd = Connect(s.port());
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    std::string answer;
    if (SSL_connect(ssl) == 1) {
      const std::string data = head + std::string(1000, '{');
      SSL_write(ssl, data.data(), static_cast<int>(data.size()));
      char buf[4096];
      int n;
      while (answer.find("\r\n\r\n") == std::string::npos &&
             (n = SSL_read(ssl, buf, sizeof buf)) > 0) {
        answer.append(buf, static_cast<size_t>(n));
      }
    }
    SSL_free(ssl);
    ::close(fd);
    return StatusLine(answer);
  };
  auto start = Clock::now();
  EXPECT_EQ(refusal("POST /api/v1/users HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                    "Content-Length: 200000000\r\n\r\n"),
            "HTTP/1.1 401 Unauthorized");
  EXPECT_LT(SecondsSince(start), 2.0);
  start = Clock::now();
  EXPECT_EQ(refusal("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                    "Content-Length: 314572800\r\n\r\n"),
            "HTTP/1.1 413 Payload Too Large");
  EXPECT_LT(SecondsSince(start), 2.0);
  SSL_CTX_free(ctx);
}

// Finding 5: a 5-million-deep JSON body cost 6 s of CPU in the parser.
TEST(AbuseTest, DeeplyNestedJsonIsRefusedBeforeParsing) {
  Served s(Options(2));
  const std::string body(1000000, '[');
  const auto start = Clock::now();
  const std::string answer =
      Exchange(s.port(),
               "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
               "Connection: close\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(StatusLine(answer), "HTTP/1.1 400 Bad Request") << answer.substr(0, 300);
  EXPECT_NE(answer.find("deeper than 64"), std::string::npos) << answer.substr(0, 300);
  EXPECT_LT(SecondsSince(start), 2.0);
}

// The same for a body parsed deeper in the stack (a rule, parsed by the warn layer), which has
// no depth check of its own: the server refuses it before any route runs.
TEST(AbuseTest, DeeplyNestedJsonIsRefusedOnEveryRoute) {
  Served s(Options(2));
  const std::string token = s.Token();
  const std::string body = "{\"id\":" + std::string(100000, '[');
  const std::string answer = Exchange(
      s.port(), "POST /api/v1/rules HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Type: application/json\r\n"
                    "Connection: close\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(StatusLine(answer), "HTTP/1.1 400 Bad Request") << answer.substr(0, 300);
  EXPECT_NE(answer.find("deeper than 64"), std::string::npos) << answer.substr(0, 300);
}

// The audited address of a failed login; the login goes through a "proxy" at 127.0.0.1.
std::string AuditedAddress(Served& s, const std::string& forwarded_for) {
  const std::string login = R"({"username":"root","password":"wrong-password"})";
  Exchange(s.port(),
           "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
           "X-Forwarded-For: " +
               forwarded_for + "\r\nConnection: close\r\nContent-Length: " +
               std::to_string(login.size()) + "\r\n\r\n" + login);
  auto entries = s.ws().auth().ListAudit(0, 1000);
  EXPECT_TRUE(entries.ok());
  if (!entries.ok() || entries->empty()) return "";
  for (auto it = entries->rbegin(); it != entries->rend(); ++it) {
    if (it->action == "login") return it->address;
  }
  return "";
}

TEST(AbuseTest, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  {
    Served s(Options(2));  // no trusted proxy: the header is anyone's to write
    EXPECT_EQ(AuditedAddress(s, "203.0.113.7"), "127.0.0.1");
  }
  api::ServeOptions o = Options(2);
  o.trusted_proxies = "127.0.0.0/8,10.0.0.0/8";
  Served s(o);
  EXPECT_EQ(AuditedAddress(s, "203.0.113.7"), "203.0.113.7");
  // The client wrote its own entry on the left; the right-most untrusted one is believed.
  EXPECT_EQ(AuditedAddress(s, "1.1.1.1, 198.51.100.4, 10.1.2.3"), "198.51.100.4");
}

TEST(AbuseTest, AnUnreadableTrustedProxyIsAnError) {
  TempDir dir;
  auto ws = std::move(app::Ballast::Create(dir.File("s.db"))).value();
  api::ServeOptions o = Options(2);
  o.port = 0;
  o.trusted_proxies = "10.0.0.0/33";
  api::Server server(*ws, o);
  auto port = server.Bind();
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.status().message().find("10.0.0.0/33"), std::string::npos);
}

}  // namespace
}  // namespace ballast::test
