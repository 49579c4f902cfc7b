// Result<T>: a decoded value or the NOTIFICATION the peer must get, plus a
// human reason for the log. Codecs return it instead of throwing.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "bgpd/wire/types.h"

namespace meshbgp::wire {

struct DecodeError {
  Notification notification;
  std::string reason;  // for logs: what exactly was wrong
};

inline DecodeError MakeError(ErrorCode code, uint8_t subcode, std::string reason,
                             std::vector<uint8_t> data = {}) {
  return DecodeError{Notification{static_cast<uint8_t>(code), subcode, std::move(data)},
                     std::move(reason)};
}

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT: implicit by design
  Result(DecodeError error) : v_(std::move(error)) {}   // NOLINT
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const DecodeError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, DecodeError> v_;
};

}  // namespace meshbgp::wire
