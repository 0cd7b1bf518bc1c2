// Sealed boxes (X25519 + XSalsa20-Poly1305, libsodium crypto_box_seal): a
// record body is sealed to the practice public key, so the kiosk that wrote
// it cannot read it back. Also the AEAD used for encryption at rest.
#pragma once

#include <array>

#include "base/bytes.h"
#include "base/random.h"
#include "crypto/secret.h"

namespace attest::crypto {

using BoxPublicKey = std::array<uint8_t, 32>;

class BoxSecretKey {
 public:
  static BoxSecretKey generate(Random& rng);
  static Result<BoxSecretKey> from_bytes(ByteView secret);
  const BoxPublicKey& public_key() const { return public_; }
  const SecretBytes& secret() const { return secret_; }

 private:
  SecretBytes secret_;
  BoxPublicKey public_{};
};

inline constexpr size_t kSealOverhead = 48;

Bytes seal(const BoxPublicKey& to, ByteView plaintext);
Result<SecretBytes> seal_open(const BoxSecretKey& key, ByteView sealed);

// XChaCha20-Poly1305 (IETF). Output is nonce (24 bytes) || ciphertext+tag.
inline constexpr size_t kAeadKeyBytes = 32;
inline constexpr size_t kAeadNonceBytes = 24;
inline constexpr size_t kAeadOverhead = 24 + 16;

Bytes aead_seal(const SecretBytes& key, ByteView plaintext, ByteView associated, Random& rng);
Result<Bytes> aead_open(const SecretBytes& key, ByteView boxed, ByteView associated);

}  // namespace attest::crypto
