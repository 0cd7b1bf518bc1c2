// The practice key: X25519, made once per practice. Record bodies are sealed
// to its public key. Its secret exists on disk only wrapped
// (XChaCha20-Poly1305) twice: under a key derived (Argon2id) from the
// Security Official's passphrase, and under one derived from a recovery code
// printed once at creation.
#pragma once

#include <string>

#include "crypto/pwhash.h"
#include "crypto/seal.h"

namespace attest::crypto {

struct NewPracticeKey {
  std::string file_text;      // JSON, safe to store: holds no plain secret
  std::string recovery_code;  // show once, then forget
  BoxPublicKey public_key{};
};

Result<NewPracticeKey> create_practice_key(std::string_view passphrase, Random& rng,
                                           KdfCost passphrase_cost = kdf_cost_moderate());

Result<BoxPublicKey> practice_public_key(std::string_view file_text);
Result<BoxSecretKey> unlock_with_passphrase(std::string_view file_text,
                                            std::string_view passphrase);
Result<BoxSecretKey> unlock_with_recovery_code(std::string_view file_text,
                                               std::string_view recovery_code);

// Accepts the code as printed or as typed: any case, with or without dashes
// and spaces, O for 0 and I or L for 1.
std::string normalize_recovery_code(std::string_view code);

}  // namespace attest::crypto
