// Result<T>: a value or the Status explaining why there is none.
//
// Shaped like std::expected (C++23; GCC 12 has it only with -std=c++23), so it can be swapped
// for it later: has_value(), value(), operator*, operator->, error(). Accessing the value of an
// error Result is a programming bug and aborts in development builds.
#ifndef SPRAYTRACE_COMMON_RESULT_H_
#define SPRAYTRACE_COMMON_RESULT_H_

#include <cassert>
#include <utility>
#include <variant>

#include "common/status.h"

namespace spraytrace {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::move(value)) {}      // NOLINT: implicit like std::expected
  Result(Status error) : storage_(std::move(error)) {  // NOLINT: implicit like std::unexpected
    assert(!std::get<Status>(storage_).ok() && "a Result error must not be OK");
  }

  bool has_value() const { return std::holds_alternative<T>(storage_); }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<T>(storage_); }
  const T& value() const& { return std::get<T>(storage_); }
  T&& value() && { return std::get<T>(std::move(storage_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; OK when a value is present.
  Status error() const { return has_value() ? Status::Ok() : std::get<Status>(storage_); }

 private:
  std::variant<T, Status> storage_;
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_RESULT_H_
