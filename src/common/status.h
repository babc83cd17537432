// Status: the outcome of an operation that returns nothing else (leveldb's shape).
//
// An OK status holds no allocation, so the success path costs a null pointer. Errors carry an
// ErrorCode and a message that already names the value and the rule it broke, e.g.
// "invalid window '0s': must be > 0". Thread-safe as a value type.
#ifndef SPRAYTRACE_COMMON_STATUS_H_
#define SPRAYTRACE_COMMON_STATUS_H_

#include <memory>
#include <string>
#include <string_view>

namespace spraytrace {

enum class ErrorCode {
  kOk = 0,           ///< success
  kInvalidArgument,  ///< a value given by the user breaks a rule (config, flag, format name)
  kNotFound,         ///< a named file, key or record does not exist
  kIoError,          ///< the operating system refused a read or write
  kCorruption,       ///< input bytes are damaged (truncated gzip, bad zstd frame)
  kUnsupported,      ///< well-formed input that this build cannot handle
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message);

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(ErrorCode::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(ErrorCode::kNotFound, std::move(message));
  }
  static Status IoError(std::string message) {
    return Status(ErrorCode::kIoError, std::move(message));
  }
  static Status Corruption(std::string message) {
    return Status(ErrorCode::kCorruption, std::move(message));
  }
  static Status Unsupported(std::string message) {
    return Status(ErrorCode::kUnsupported, std::move(message));
  }

  bool ok() const { return state_ == nullptr; }
  ErrorCode code() const { return state_ ? state_->code : ErrorCode::kOk; }
  // Empty for OK.
  const std::string& message() const;
  // "invalid argument: <message>", or "ok".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with context: "while reading x: <message>".
  Status WithContext(std::string_view context) const;

 private:
  struct State {
    ErrorCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_STATUS_H_
