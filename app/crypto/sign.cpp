#include "crypto/sign.h"

#include <sodium.h>

#include <algorithm>

#include "crypto/hash.h"
#include "crypto/random.h"

namespace attest::crypto {

SigningKey SigningKey::generate(Random& rng) {
  SecretBytes seed(crypto_sign_SEEDBYTES);
  rng.fill(seed.span());
  auto key = from_seed(seed.view());
  return std::move(key).value();  // a 32-byte seed is always valid
}

Result<SigningKey> SigningKey::from_seed(ByteView seed) {
  ensure_sodium();
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return make_error(ErrorCode::kInvalidArgument, "an Ed25519 seed is 32 bytes");
  }
  SigningKey k;
  k.seed_ = SecretBytes(seed);
  k.secret_ = SecretBytes(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(k.public_.data(), k.secret_.data(), k.seed_.data());
  return k;
}

Signature SigningKey::sign(ByteView message) const {
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_.data());
  return sig;
}

bool verify_signature(const SignPublicKey& key, ByteView message, const Signature& signature) {
  ensure_sodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     key.data()) == 0;
}

DeviceId fingerprint(const SignPublicKey& key) {
  Sha256 h = sha256(key);
  DeviceId id{};
  std::copy_n(h.begin(), id.size(), id.begin());
  return id;
}

}  // namespace attest::crypto
