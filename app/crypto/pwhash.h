// Argon2id: PIN verifiers and keys derived from a passphrase or recovery
// code. The cost is stored beside every derived key so it can be raised
// later without breaking old files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "crypto/secret.h"

namespace attest::crypto {

struct KdfCost {
  uint64_t opslimit = 0;
  uint64_t memlimit = 0;  // bytes
};

KdfCost kdf_cost_pin();          // 19 MiB, 2 passes; PIN verifiers (see pwhash.cpp)
KdfCost kdf_cost_interactive();  // ~64 MiB; the recovery code
KdfCost kdf_cost_moderate();     // ~256 MiB; the practice passphrase
KdfCost kdf_cost_minimum();      // tests only: keeps suites fast
inline constexpr size_t kKdfSaltBytes = 16;

Result<SecretBytes> derive_key(std::string_view secret_text, ByteView salt, KdfCost cost);

// A PIN verifier is libsodium's self-describing Argon2id string
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"): it carries its own cost,
// so verifiers made at another cost still check.
Result<std::string> make_pin_verifier(std::string_view pin, KdfCost cost);
[[nodiscard]] bool check_pin(std::string_view verifier, std::string_view pin);

}  // namespace attest::crypto
