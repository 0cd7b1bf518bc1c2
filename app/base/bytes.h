// Byte buffers and their text forms (hex, base64). Secrets use
// crypto::SecretBytes instead, which zeroes itself.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace attest {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline Bytes to_bytes(std::string_view s) {
  auto v = as_bytes(s);
  return Bytes(v.begin(), v.end());
}
inline std::string to_string(ByteView b) {
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

std::string hex_encode(ByteView data);
Result<Bytes> hex_decode(std::string_view hex);

std::string base64_encode(ByteView data);
// Appends base64_encode(data) to `out`, for bodies built from many fields.
void base64_append(std::string& out, ByteView data);
Result<Bytes> base64_decode(std::string_view text);

// Appends fixed-width big-endian integers (the canonical encoding's words).
void put_u8(Bytes& out, uint8_t v);
void put_u16(Bytes& out, uint16_t v);
void put_u32(Bytes& out, uint32_t v);
void put_u64(Bytes& out, uint64_t v);
void put_i64(Bytes& out, int64_t v);
void put_bytes(Bytes& out, ByteView v);

// Copies `from` into a fixed-size array; false (and `to` untouched) unless
// the sizes match exactly. For hashes, keys and ids read back from storage.
template <size_t N>
bool copy_exact(ByteView from, std::array<uint8_t, N>& to) {
  if (from.size() != N) return false;
  std::copy(from.begin(), from.end(), to.begin());
  return true;
}

// Constant-time comparison is crypto's job; this is for non-secret data.
inline bool equal(ByteView a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace attest
