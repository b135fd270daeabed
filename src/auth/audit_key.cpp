#include "auth/audit_key.h"

#include "store/locator.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ballast::auth {

namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::Io(what + " audit key file '" + path + "': " + std::strerror(errno));
}

Result<std::string> Create(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  unsigned char key[kAuditKeyBytes];
  randombytes_buf(key, sizeof key);
  char hex[kAuditKeyBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  // O_EXCL: two processes creating the key at once cannot both win.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("cannot create the", path);
  std::string text = std::string(hex, kAuditKeyBytes * 2) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return Errno("cannot write the", path);
  }
  return std::string(reinterpret_cast<const char*>(key), sizeof key);
}

}  // namespace

std::string DefaultAuditKeyPath(const std::string& store_path) { return LocatorFileStem(store_path) + ".audit-key"; }

Result<std::string> LoadOrCreateAuditKey(const std::string& path, bool create) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    if (create) {
      auto key = Create(path);
      if (key.ok() || errno != EEXIST) return key;
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // another process created it first
    } else {
      return Status::NotFound(
          "audit key file '" + path +
          "' does not exist: the store's audit log is keyed; give the key with --audit-key FILE");
    }
  }
  if (fd < 0) return Errno("cannot open the", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Errno("cannot read the", path);
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::Precondition(
        "audit key file '" + path + "' may be read or written by others (mode " +
        std::to_string((st.st_mode >> 6) & 7) + std::to_string((st.st_mode >> 3) & 7) +
        std::to_string(st.st_mode & 7) + "): make it 0600 (chmod 600 " + path + ")");
  }
  char buf[kAuditKeyBytes * 2 + 8] = {};
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  std::string text(buf, n > 0 ? static_cast<size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  unsigned char key[kAuditKeyBytes];
  size_t len = 0;
  if (text.size() != kAuditKeyBytes * 2 ||
      sodium_hex2bin(key, sizeof key, text.data(), text.size(), nullptr, &len, nullptr) != 0 ||
      len != sizeof key) {
    return Status::Invalid("audit key file '" + path +
                           "' does not hold an audit key (64 hexadecimal digits)");
  }
  return std::string(reinterpret_cast<const char*>(key), sizeof key);
}

}  // namespace ballast::auth
