#include "api/connection_gate.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "api/gate_stream.h"
#include "api/request_head.h"
#include "core/blocking.h"

namespace ballast::api {

namespace {

using Clock = std::chrono::steady_clock;

// The end of the header block (just after its blank line), or npos.
size_t HeaderEnd(const std::string& buf) {
  const size_t crlf = buf.find("\r\n\r\n");
  const size_t lf = buf.find("\n\n");
  if (crlf == std::string::npos && lf == std::string::npos) return std::string::npos;
  if (lf == std::string::npos || (crlf != std::string::npos && crlf + 2 < lf)) return crlf + 4;
  return lf + 2;
}

// Blank lines between requests are allowed (RFC 9112 §2.2).
void StripLeadingBlankLines(std::string& buf) {
  size_t i = 0;
  while (i < buf.size() && (buf[i] == '\r' || buf[i] == '\n')) ++i;
  buf.erase(0, i);
}

const char* Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

std::string RawReply(const EarlyReply& r) {
  return "HTTP/1.1 " + std::to_string(r.status) + " " + Reason(r.status) +
         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
         std::to_string(r.json_body.size()) +
         "\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: "
         "nosniff\r\n\r\n" +
         r.json_body;
}

}  // namespace

struct ConnectionGate::Impl {
  int listen_fd;
  GateOptions options;
  TrustedProxies proxies;
  Precheck precheck;
  Process process;
  int wake[2] = {-1, -1};
  std::atomic<bool> stopping{false};

  // Gate thread only.
  std::map<int, std::unique_ptr<GateConn>> conns;
  std::map<std::string, size_t> open_by_peer;
  std::map<std::string, size_t> busy_by_client;  // by GateConn::client
  std::deque<GateConn*> ready;
  uint64_t next_seq = 0;
  Clock::time_point accept_paused_until;
  bool ran = false;

  // Shared with the workers.
  std::mutex mu;
  std::condition_variable cv;
  std::deque<GateConn*> jobs;
  std::vector<GateConn*> returned;
  std::vector<std::thread> workers;
  // Places of workers serving at once (options.threads); a worker that waits for others' work
  // (core/blocking.h: an import waiting for the next panel and its evaluation) gives its place
  // to one of three times as many workers in reserve.
  int places = 0;

  void Wake() {
    const char b = 1;
    [[maybe_unused]] auto n = ::write(wake[1], &b, 1);
  }

  size_t BusyLimit() const {
    return std::max<size_t>(1, static_cast<size_t>(options.threads) * 3 / 4);
  }

  void Close(GateConn* c) {
    ::close(c->fd);
    if (--open_by_peer[c->peer] == 0) open_by_peer.erase(c->peer);
    conns.erase(c->fd);
  }

  // The oldest connection still waiting for a request (of one peer, or of anyone).
  GateConn* OldestWaiting(const std::string* peer) {
    GateConn* oldest = nullptr;
    for (auto& [fd, c] : conns) {
      if (c->state != GateConn::State::kReading || (peer != nullptr && c->peer != *peer)) continue;
      if (oldest == nullptr || c->seq < oldest->seq) oldest = c.get();
    }
    return oldest;
  }

  void Accept() {
    for (int i = 0; i < 128; ++i) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE) {
          // Out of descriptors: a waiting connection gives way, or accepting pauses a moment
          // (the listening socket would otherwise wake the loop without end).
          GateConn* victim = OldestWaiting(nullptr);
          if (victim != nullptr) {
            Close(victim);
            continue;
          }
          accept_paused_until = Clock::now() + std::chrono::milliseconds(100);
        }
        return;
      }
      auto c = std::make_unique<GateConn>();
      c->fd = fd;
      c->peer = AddressText(addr, &c->peer_port);
      if (!proxies.Contains(c->peer) && open_by_peer[c->peer] >= options.max_per_peer) {
        GateConn* victim = OldestWaiting(&c->peer);
        if (victim == nullptr) {
          ::close(fd);
          continue;
        }
        Close(victim);
      }
      if (conns.size() >= options.max_connections) {
        GateConn* victim = OldestWaiting(nullptr);
        if (victim == nullptr) {
          ::close(fd);
          continue;
        }
        Close(victim);
      }
      const int yes = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      c->seq = next_seq++;
      c->deadline = Clock::now() + std::chrono::milliseconds(options.header_timeout_ms);
      ++open_by_peer[c->peer];
      conns.emplace(fd, std::move(c));
    }
  }

  // A header has arrived completely: queue the connection for a worker.
  void CheckComplete(GateConn* c) {
    if (c->idle) StripLeadingBlankLines(c->buf);
    if (c->idle && !c->buf.empty()) {
      c->idle = false;
      c->deadline = Clock::now() + std::chrono::milliseconds(options.header_timeout_ms);
    }
    if (const size_t end = HeaderEnd(c->buf); end != std::string::npos) {
      c->client = c->peer;
      if (proxies.Contains(c->peer)) {
        // Behind a trusted proxy, the worker share is per client, not per proxy connection.
        if (auto head = ParseRequestHead(std::string_view(c->buf).substr(0, end))) {
          std::vector<std::string> forwarded;
          for (const auto& [name, value] : head->headers) {
            if (LowerAscii(name) == "x-forwarded-for") forwarded.push_back(value);
          }
          c->client = proxies.ClientAddress(c->peer, forwarded);
        }
      }
      c->state = GateConn::State::kReady;
      ready.push_back(c);
    } else if (c->buf.size() > options.max_header_bytes) {
      const std::string reply = RawReply(
          {431, R"({"error":{"code":"header_too_large","message":"request header too large"}})"});
      (void)::send(c->fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      Close(c);
    }
  }

  void OnReadable(GateConn* c) {
    char chunk[16 * 1024];
    while (true) {
      const ssize_t n = ::recv(c->fd, chunk, sizeof chunk, 0);
      if (n > 0 && c->state == GateConn::State::kDraining) {
        c->drained += static_cast<size_t>(n);
        if (c->drained > (size_t{8} << 20)) return Close(c);
        continue;
      }
      if (n > 0) {
        c->buf.append(chunk, static_cast<size_t>(n));
        if (c->buf.size() > options.max_header_bytes) break;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      // A client may close its sending side right after a request: it still gets its answer.
      if (n == 0 && c->state == GateConn::State::kReading && HeaderEnd(c->buf) != std::string::npos)
        break;
      return Close(c);  // closed by the client, or an error
    }
    if (c->state == GateConn::State::kReading) CheckComplete(c);
  }

  void TakeReturned() {
    std::vector<GateConn*> back;
    {
      std::lock_guard<std::mutex> lock(mu);
      back.swap(returned);
    }
    for (GateConn* c : back) {
      if (--busy_by_client[c->client] == 0) busy_by_client.erase(c->client);
      if (c->outcome == GateConn::Outcome::kClose || stopping) {
        Close(c);
      } else if (c->outcome == GateConn::Outcome::kDrain) {
        c->state = GateConn::State::kDraining;
        c->deadline = Clock::now() + std::chrono::seconds(2);
      } else {
        c->state = GateConn::State::kReading;
        c->idle = true;
        c->deadline = Clock::now() + std::chrono::milliseconds(options.idle_timeout_ms);
        CheckComplete(c);
      }
    }
  }

  void Dispatch() {
    std::vector<GateConn*> go;
    for (auto it = ready.begin(); it != ready.end();) {
      GateConn* c = *it;
      if (!proxies.Contains(c->client) && busy_by_client[c->client] >= BusyLimit()) {
        ++it;
        continue;
      }
      ++busy_by_client[c->client];
      c->state = GateConn::State::kBusy;
      go.push_back(c);
      it = ready.erase(it);
    }
    if (go.empty()) return;
    {
      std::lock_guard<std::mutex> lock(mu);
      jobs.insert(jobs.end(), go.begin(), go.end());
    }
    cv.notify_all();
  }

  // Closes what ran out of time; the time until the next deadline (ms, at most 1 s).
  int Expire() {
    const auto now = Clock::now();
    auto next = now + std::chrono::seconds(1);
    std::vector<GateConn*> late;
    for (auto& [fd, c] : conns) {
      if (c->state != GateConn::State::kReading && c->state != GateConn::State::kDraining) continue;
      if (c->deadline <= now) {
        late.push_back(c.get());
      } else {
        next = std::min(next, c->deadline);
      }
    }
    for (GateConn* c : late) Close(c);
    return static_cast<int>(
               std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count()) +
           1;
  }

  void Serve(GateConn* c) {
    c->buf.erase(0, c->pos);
    c->pos = 0;
    c->outcome = GateConn::Outcome::kClose;
    const size_t end = HeaderEnd(c->buf);
    auto head = ParseRequestHead(std::string_view(c->buf).substr(0, end));
    if (!head) return;  // httplib would answer 400; closing is as good
    head->peer = c->client;
    auto reply = precheck(*head, nullptr);
    const uint64_t length = head->content_length.value_or(0);
    // A body must come at 32 KiB/s on average, after a minute's grace.
    const auto read_deadline = Clock::now() + std::chrono::seconds(60 + length / (32 * 1024));
    GateStream stream(*c, options.io_timeout_ms, read_deadline);
    if (!reply && length > 0 && length <= options.json_prefetch_bytes &&
        LowerAscii(head->Header("Content-Type")).find("json") != std::string::npos) {
      // The client waits for this before it sends the body (httplib may send another; a client
      // must accept several 1xx answers).
      if (LowerAscii(head->Header("Expect")) == "100-continue") {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        if (!SendAll(c->fd, kContinue.data(), kContinue.size(), options.io_timeout_ms)) return;
      }
      if (!stream.Fill(end + length)) return;
      const std::string body = c->buf.substr(end, length);
      reply = precheck(*head, &body);
    }
    if (reply) {
      const std::string raw = RawReply(*reply);
      if (SendAll(c->fd, raw.data(), raw.size(), options.io_timeout_ms)) {
        ::shutdown(c->fd, SHUT_WR);
        c->outcome = GateConn::Outcome::kDrain;
      }
      return;
    }
    bool closed = false;
    const bool last = ++c->served >= options.keep_alive_max || stopping;
    const bool ok = process(stream, last, closed);
    c->buf.erase(0, c->pos);
    c->pos = 0;
    if (ok && !closed && !last) c->outcome = GateConn::Outcome::kKeep;
  }

  void Work() {
    bool placed = false;  // this worker holds a place
    const std::function<void()> lend = [this, &placed] {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (!placed) return;
        placed = false;
        ++places;
      }
      cv.notify_one();  // a worker in reserve takes it, if a request waits for one
    };
    SetThreadBlockingHook(&lend);
    while (true) {
      GateConn* c = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return (!jobs.empty() && places > 0) || stopping; });
        if (stopping) break;
        c = jobs.front();
        jobs.pop_front();
        --places;
        placed = true;
      }
      try {
        Serve(c);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "ballast serve: %s\n", e.what());
        c->outcome = GateConn::Outcome::kClose;
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        if (placed) ++places;  // this worker takes the next request itself, if one waits
        placed = false;
        returned.push_back(c);
      }
      Wake();
    }
    SetThreadBlockingHook(nullptr);
  }

  void Loop() {
    std::vector<pollfd> fds;
    std::vector<GateConn*> owners;
    while (!stopping) {
      TakeReturned();
      Dispatch();
      int timeout = Expire();
      fds.clear();
      owners.clear();
      fds.push_back({wake[0], POLLIN, 0});
      const bool accepting = Clock::now() >= accept_paused_until;
      fds.push_back({listen_fd, static_cast<short>(accepting ? POLLIN : 0), 0});
      if (!accepting) timeout = std::min(timeout, 100);
      for (auto& [fd, c] : conns) {
        if (c->state != GateConn::State::kReading && c->state != GateConn::State::kDraining)
          continue;
        fds.push_back({fd, POLLIN, 0});
        owners.push_back(c.get());
      }
      if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) break;
      if (fds[0].revents != 0) {
        char drain[256];
        while (::read(wake[0], drain, sizeof drain) > 0) {
        }
      }
      for (size_t i = 2; i < fds.size(); ++i) {
        if (fds[i].revents != 0) OnReadable(owners[i - 2]);
      }
      if (fds[1].revents != 0) Accept();
    }
  }
};

ConnectionGate::ConnectionGate(int listen_fd, GateOptions options, TrustedProxies proxies,
                               Precheck precheck, Process process)
    : impl_(std::make_unique<Impl>()) {
  impl_->listen_fd = listen_fd;
  impl_->options = options;
  impl_->proxies = std::move(proxies);
  impl_->precheck = std::move(precheck);
  impl_->process = std::move(process);
  if (::pipe2(impl_->wake, O_NONBLOCK | O_CLOEXEC) != 0) impl_->wake[0] = impl_->wake[1] = -1;
  ::fcntl(listen_fd, F_SETFL, ::fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
}

ConnectionGate::~ConnectionGate() {
  if (!impl_->ran) ::close(impl_->listen_fd);
  if (impl_->wake[0] >= 0) ::close(impl_->wake[0]);
  if (impl_->wake[1] >= 0) ::close(impl_->wake[1]);
}

void ConnectionGate::Run() {
  Impl& g = *impl_;
  g.ran = true;
  g.places = std::max(1, g.options.threads);
  for (int i = 0; i < 4 * g.places; ++i) g.workers.emplace_back([&g] { g.Work(); });
  g.Loop();
  ::close(g.listen_fd);
  g.cv.notify_all();
  for (std::thread& t : g.workers) t.join();
  g.workers.clear();
  for (auto& [fd, c] : g.conns) ::close(fd);
  g.conns.clear();
}

void ConnectionGate::Stop() {
  impl_->stopping = true;
  impl_->Wake();
}

}  // namespace ballast::api
