// One connection of the connection gate and the httplib::Stream a worker serves it through:
// bytes the gate has already read (the request header, a body read ahead) come first, then the
// socket, with a deadline on every read and write.
#ifndef BALLAST_API_GATE_STREAM_H_
#define BALLAST_API_GATE_STREAM_H_

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace ballast::api {

struct GateConn {
  enum class State { kReading, kReady, kBusy, kDraining };
  enum class Outcome { kKeep, kDrain, kClose };

  int fd = -1;
  std::string peer;  // the socket's peer address
  int peer_port = 0;
  std::string client;  // the peer, or behind a trusted proxy the forwarded client (per request)
  uint64_t seq = 0;    // accept order: the oldest gives way first
  State state = State::kReading;
  bool idle = true;  // no byte of the next request yet
  std::chrono::steady_clock::time_point deadline;
  size_t served = 0;
  size_t drained = 0;
  std::string buf;  // read but not yet consumed
  size_t pos = 0;   // consumed prefix of buf (worker side)
  Outcome outcome = Outcome::kClose;
};

class GateStream : public httplib::Stream {
 public:
  // Reads fail after read_deadline, however steadily a slow client trickles its body in.
  GateStream(GateConn& conn, int io_timeout_ms, std::chrono::steady_clock::time_point read_deadline)
      : c_(conn), timeout_ms_(io_timeout_ms), read_deadline_(read_deadline) {}

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return c_.fd; }

  // Reads from the socket until buf holds n unconsumed bytes; false on timeout or close.
  bool Fill(size_t n);

 private:
  int ReadTimeoutMs() const;

  GateConn& c_;
  int timeout_ms_;
  std::chrono::steady_clock::time_point read_deadline_;
};

// Waits for fd to be readable (events = POLLIN) or writable (POLLOUT); false on timeout.
bool WaitFd(int fd, short events, int timeout_ms);

// Sends all of data (non-blocking socket, bounded wait); false on failure.
bool SendAll(int fd, const char* data, size_t size, int timeout_ms);

// "a.b.c.d" or an IPv6 text (IPv4-mapped IPv6 addresses become IPv4).
std::string AddressText(const sockaddr_storage& addr, int* port);

}  // namespace ballast::api

#endif  // BALLAST_API_GATE_STREAM_H_
