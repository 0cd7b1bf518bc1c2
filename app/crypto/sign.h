// Ed25519 signing keys: the device key (signs every record) and the server
// key (signs receipts and what goes down to kiosks).
#pragma once

#include <array>

#include "base/bytes.h"
#include "base/random.h"
#include "crypto/secret.h"

namespace attest::crypto {

using SignPublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;

class SigningKey {
 public:
  static SigningKey generate(Random& rng);
  // The 32-byte seed fully determines the key (used by fixed test vectors).
  static Result<SigningKey> from_seed(ByteView seed);

  const SignPublicKey& public_key() const { return public_; }
  const SecretBytes& seed() const { return seed_; }
  Signature sign(ByteView message) const;

 private:
  SecretBytes seed_;    // 32 bytes
  SecretBytes secret_;  // 64 bytes, libsodium's expanded form
  SignPublicKey public_{};
};

[[nodiscard]] bool verify_signature(const SignPublicKey& key, ByteView message,
                                    const Signature& signature);

// A device's id: the first 16 bytes of SHA-256 of its public key.
using DeviceId = std::array<uint8_t, 16>;
DeviceId fingerprint(const SignPublicKey& key);

}  // namespace attest::crypto
