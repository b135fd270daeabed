// The e-mail adapter: SMTP through libcurl (Debian libcurl4-openssl-dev, curl licence).
#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "service/notify.h"

namespace ballast::service {

namespace {

// RFC 2047 encoded-word, so that Chinese subjects survive any relay.
std::string EncodeHeader(const std::string& text) {
  static const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(text[i]) << 16) |
                       (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kB64[(v >> s) & 63];
  }
  if (i < text.size()) {
    unsigned v = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) v |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < text.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return "=?UTF-8?B?" + out + "?=";
}

bool SafeHeader(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

struct Upload {
  std::string data;
  size_t pos = 0;
};

size_t ReadBody(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t len = std::min(size * n, u->data.size() - u->pos);
  std::memcpy(buf, u->data.data() + u->pos, len);
  u->pos += len;
  return len;
}

class SmtpSender final : public NotificationSender {
 public:
  explicit SmtpSender(SmtpOptions o) : o_(std::move(o)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }
  std::string channel() const override { return "email"; }

  Status Send(const OutgoingMessage& m) override {
    if (!SafeHeader(m.to) || !SafeHeader(o_.from) || m.to.find('@') == std::string::npos) {
      return Status::Invalid("bad e-mail address '" + m.to + "'");
    }
    Upload u;
    u.data = "From: " + o_.from + "\r\nTo: " + m.to + "\r\nSubject: " + EncodeHeader(m.subject) +
             "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
             "Content-Transfer-Encoding: 8bit\r\n\r\n";
    for (char c : m.body) u.data += c == '\n' ? std::string("\r\n") : std::string(1, c);
    u.data += "\r\n";
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return Status::Internal("curl_easy_init failed");
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, o_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + o_.from + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadBody);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(o_.timeout_seconds));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!o_.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, o_.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, o_.password.c_str());
      curl_easy_setopt(curl, CURLOPT_USE_SSL,
                       static_cast<long>(CURLUSESSL_ALL));  // never a password in clear
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return Status::Io(std::string("smtp: ") + curl_easy_strerror(rc));
    return Status::Ok();
  }

 private:
  SmtpOptions o_;
};

}  // namespace

std::unique_ptr<NotificationSender> MakeSmtpSender(SmtpOptions options) {
  return std::make_unique<SmtpSender>(std::move(options));
}

}  // namespace ballast::service
