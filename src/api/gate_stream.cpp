#include "api/gate_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ballast::api {

bool WaitFd(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  int r;
  do {
    r = ::poll(&p, 1, timeout_ms);
  } while (r < 0 && errno == EINTR);
  return r > 0;
}

bool SendAll(int fd, const char* data, size_t size, int timeout_ms) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::send(fd, data + done, size - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!WaitFd(fd, POLLOUT, timeout_ms)) return false;
    } else {
      return false;
    }
  }
  return true;
}

std::string AddressText(const sockaddr_storage& addr, int* port) {
  char text[INET6_ADDRSTRLEN] = {0};
  *port = 0;
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    *port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    *port = ntohs(a->sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) {
      ::inet_ntop(AF_INET, &a->sin6_addr.s6_addr[12], text, sizeof text);
    } else {
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    }
  }
  return text;
}

int GateStream::ReadTimeoutMs() const {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      read_deadline_ - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 0, timeout_ms_));
}

bool GateStream::is_readable() const {
  return c_.pos < c_.buf.size() || WaitFd(c_.fd, POLLIN, ReadTimeoutMs());
}

bool GateStream::is_writable() const { return WaitFd(c_.fd, POLLOUT, timeout_ms_); }

ssize_t GateStream::read(char* ptr, size_t size) {
  if (c_.pos < c_.buf.size()) {
    const size_t n = std::min(size, c_.buf.size() - c_.pos);
    std::memcpy(ptr, c_.buf.data() + c_.pos, n);
    c_.pos += n;
    return static_cast<ssize_t>(n);
  }
  while (true) {
    const ssize_t n = ::recv(c_.fd, ptr, size, 0);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    if (!WaitFd(c_.fd, POLLIN, ReadTimeoutMs())) return -1;
  }
}

ssize_t GateStream::write(const char* ptr, size_t size) {
  return SendAll(c_.fd, ptr, size, timeout_ms_) ? static_cast<ssize_t>(size) : -1;
}

void GateStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = c_.peer;
  port = c_.peer_port;
}

void GateStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    ip = AddressText(addr, &port);
  }
}

bool GateStream::Fill(size_t n) {
  char chunk[16 * 1024];
  while (c_.buf.size() - c_.pos < n) {
    const ssize_t got = ::recv(c_.fd, chunk, sizeof chunk, 0);
    if (got > 0) {
      c_.buf.append(chunk, static_cast<size_t>(got));
    } else if (got == 0) {
      return false;
    } else if (errno == EINTR) {
      continue;
    } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return false;
    } else if (!WaitFd(c_.fd, POLLIN, ReadTimeoutMs())) {
      return false;
    }
  }
  return true;
}

}  // namespace ballast::api
