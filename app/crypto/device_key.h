// The device key: an Ed25519 key made at first start and kept in the key
// directory (0600). Its fingerprint is the device id. The storage key that
// encrypts record headers at rest is derived from the same seed, so one
// secret file is all a device holds.
#pragma once

#include <filesystem>

#include "crypto/sign.h"

namespace attest::crypto {

class DeviceKey {
 public:
  static DeviceKey generate(Random& rng);
  static Result<DeviceKey> from_seed(ByteView seed);
  // Refuses files readable by group or others, like ssh does.
  static Result<DeviceKey> load(const std::filesystem::path& path);
  Status save(const std::filesystem::path& path) const;

  const SigningKey& signing() const { return signing_; }
  const SignPublicKey& public_key() const { return signing_.public_key(); }
  const DeviceId& id() const { return id_; }
  // XChaCha20-Poly1305 key for headers at rest (BLAKE2b KDF of the seed).
  const SecretBytes& storage_key() const { return storage_key_; }

 private:
  SigningKey signing_;
  SecretBytes storage_key_;
  DeviceId id_{};
};

}  // namespace attest::crypto
