#include "crypto/seal.h"

#include <sodium.h>

#include "crypto/random.h"

namespace attest::crypto {

BoxSecretKey BoxSecretKey::generate(Random& rng) {
  SecretBytes secret(crypto_box_SECRETKEYBYTES);
  rng.fill(secret.span());
  return std::move(from_bytes(secret.view())).value();  // any 32 bytes are a key
}

Result<BoxSecretKey> BoxSecretKey::from_bytes(ByteView secret) {
  ensure_sodium();
  if (secret.size() != crypto_box_SECRETKEYBYTES) {
    return make_error(ErrorCode::kInvalidArgument, "an X25519 secret key is 32 bytes");
  }
  BoxSecretKey k;
  k.secret_ = SecretBytes(secret);
  crypto_scalarmult_base(k.public_.data(), k.secret_.data());
  return k;
}

Bytes seal(const BoxPublicKey& to, ByteView plaintext) {
  ensure_sodium();
  Bytes out(plaintext.size() + crypto_box_SEALBYTES);
  crypto_box_seal(out.data(), plaintext.data(), plaintext.size(), to.data());
  return out;
}

Result<SecretBytes> seal_open(const BoxSecretKey& key, ByteView sealed) {
  if (sealed.size() < crypto_box_SEALBYTES) {
    return make_error(ErrorCode::kTampered, "sealed body is shorter than its overhead");
  }
  SecretBytes out(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(out.data(), sealed.data(), sealed.size(), key.public_key().data(),
                           key.secret().data()) != 0) {
    return make_error(ErrorCode::kTampered,
                      "sealed body does not open with this practice key (altered, or sealed "
                      "to another key)");
  }
  return out;
}

Bytes aead_seal(const SecretBytes& key, ByteView plaintext, ByteView associated, Random& rng) {
  ensure_sodium();
  Bytes out(kAeadNonceBytes + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  rng.fill(std::span<uint8_t>(out.data(), kAeadNonceBytes));
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kAeadNonceBytes, &len, plaintext.data(),
                                             plaintext.size(), associated.data(),
                                             associated.size(), nullptr, out.data(), key.data());
  return out;
}

Result<Bytes> aead_open(const SecretBytes& key, ByteView boxed, ByteView associated) {
  ensure_sodium();
  if (key.size() != kAeadKeyBytes) {
    return make_error(ErrorCode::kInvalidArgument, "an XChaCha20-Poly1305 key is 32 bytes");
  }
  if (boxed.size() < kAeadOverhead) {
    return make_error(ErrorCode::kTampered, "encrypted data is shorter than its overhead");
  }
  Bytes out(boxed.size() - kAeadOverhead);
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          out.data(), &len, nullptr, boxed.data() + kAeadNonceBytes,
          boxed.size() - kAeadNonceBytes, associated.data(), associated.size(), boxed.data(),
          key.data()) != 0) {
    return make_error(ErrorCode::kTampered, "encrypted data fails authentication");
  }
  return out;
}

}  // namespace attest::crypto
