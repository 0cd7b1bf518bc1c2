// SecretBytes: a buffer for key material that is zeroed (sodium_memzero)
// when it is destroyed or cleared. Not copyable by accident.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attest::crypto {

void secure_zero(std::span<uint8_t> data);
// Zeroes a string's characters in place (a passphrase, a hex-encoded seed).
inline void secure_zero(std::string& text) {
  secure_zero(std::span<uint8_t>(reinterpret_cast<uint8_t*>(text.data()), text.size()));
}

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t n) : data_(n) {}
  explicit SecretBytes(std::span<const uint8_t> src) : data_(src.begin(), src.end()) {}
  static SecretBytes from_string(std::string_view s) {
    return SecretBytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
  }
  ~SecretBytes() { clear(); }

  SecretBytes(SecretBytes&& o) noexcept : data_(std::move(o.data_)) { o.data_.clear(); }
  SecretBytes& operator=(SecretBytes&& o) noexcept {
    if (this != &o) {
      clear();
      data_ = std::move(o.data_);
      o.data_.clear();
    }
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes clone() const { return SecretBytes(std::span<const uint8_t>(data_)); }

  void clear() {
    secure_zero(data_);
    data_.clear();
  }
  uint8_t* data() { return data_.data(); }
  const uint8_t* data() const { return data_.data(); }
  size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  std::span<const uint8_t> view() const { return data_; }
  std::span<uint8_t> span() { return data_; }

 private:
  std::vector<uint8_t> data_;
};

}  // namespace attest::crypto
