// Keys derived from another key for one purpose, and keyed hashes
// (BLAKE2b-256). They let a store find its own encrypted rows by a value
// only the device key can compute, without a second secret on disk.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "crypto/secret.h"

namespace attest::crypto {

inline constexpr size_t kSubkeyContextBytes = 8;

// A 32-byte key for purpose `id` under `context` (exactly 8 characters).
// The same inputs give the same key; any other id or context, an unrelated one.
Result<SecretBytes> derive_subkey(const SecretBytes& key, uint64_t id, std::string_view context);

using KeyedHash = std::array<uint8_t, 32>;

// BLAKE2b-256 of `data` keyed with `key` (16 to 64 bytes).
Result<KeyedHash> keyed_hash(const SecretBytes& key, ByteView data);

}  // namespace attest::crypto
