// Result<T>: a value or an Error (code + human message). Errors are values
// here; no exception crosses a module boundary. TRY() returns early with the
// error, like SerenityOS's TRY.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace attest {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kIo,
  kCorrupt,          // data on disk is not what was written
  kTampered,         // a record fails its cryptographic check
  kWrongSecret,      // wrong passphrase, recovery code or PIN
  kUnsupported,
  kParse,
  kInternal,
};

const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }
  Error&& take_error() { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace attest

// TRY(expr): evaluates a Result; on error returns the error from the
// enclosing function, otherwise yields the value (GNU statement expression,
// supported by GCC and Clang).
#define ATTEST_CONCAT_INNER(a, b) a##b
#define ATTEST_CONCAT(a, b) ATTEST_CONCAT_INNER(a, b)
#define TRY(expr)                                             \
  __extension__({                                                         \
    auto&& ATTEST_CONCAT(try_r_, __LINE__) = (expr);          \
    if (!ATTEST_CONCAT(try_r_, __LINE__).ok())                \
      return ATTEST_CONCAT(try_r_, __LINE__).take_error();    \
    std::move(ATTEST_CONCAT(try_r_, __LINE__)).value();       \
  })
#define TRY_STATUS(expr)                                      \
  do {                                                        \
    auto&& ATTEST_CONCAT(try_s_, __LINE__) = (expr);          \
    if (!ATTEST_CONCAT(try_s_, __LINE__).ok())                \
      return ATTEST_CONCAT(try_s_, __LINE__).take_error();    \
  } while (0)
