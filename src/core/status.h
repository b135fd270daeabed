// Errors as values. A Status is OK or carries a code and a message; Result<T> is a value or a
// Status. Exceptions never cross a layer boundary: catch at the edge and return a Status.
#ifndef BALLAST_CORE_STATUS_H_
#define BALLAST_CORE_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace ballast {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input from the caller: maps to exit code 2 / HTTP 400
  kNotFound,         // a named thing does not exist: exit 2 / HTTP 404
  kAlreadyExists,    // exit 2 / HTTP 409
  kFailedPrecondition,
  kUnauthenticated,    // no or expired credentials: HTTP 401
  kPermissionDenied,   // authenticated, but not allowed (role or scope): HTTP 403
  kResourceExhausted,  // throttled: HTTP 429
  kInternal,  // a bug or an environment failure: exit 1 / HTTP 500
  kIoError,
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status Precondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status Denied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status Exhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIoError, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // True when the caller is at fault (bad input or arguments) rather than the system.
  bool IsUserError() const {
    return code_ == StatusCode::kInvalidArgument || code_ == StatusCode::kNotFound ||
           code_ == StatusCode::kAlreadyExists || code_ == StatusCode::kFailedPrecondition ||
           code_ == StatusCode::kUnauthenticated || code_ == StatusCode::kPermissionDenied ||
           code_ == StatusCode::kResourceExhausted;
  }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

const char* StatusCodeName(StatusCode code);

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ballast

#define BALLAST_CONCAT_INNER(a, b) a##b
#define BALLAST_CONCAT(a, b) BALLAST_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::ballast::Status _st = (expr);            \
    if (!_st.ok()) return _st;                 \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, F())` binds x to F()'s value or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(BALLAST_CONCAT(_res_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()

#endif  // BALLAST_CORE_STATUS_H_
