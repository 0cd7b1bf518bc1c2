#include "crypto/keyed_hash.h"

#include <sodium.h>

#include <string>

#include "crypto/random.h"

namespace attest::crypto {

Result<SecretBytes> derive_subkey(const SecretBytes& key, uint64_t id, std::string_view context) {
  ensure_sodium();
  if (key.size() != crypto_kdf_KEYBYTES) {
    return make_error(ErrorCode::kInvalidArgument, "a subkey needs a 32-byte master key");
  }
  if (context.size() != crypto_kdf_CONTEXTBYTES) {
    return make_error(ErrorCode::kInvalidArgument, "a subkey context is exactly 8 characters");
  }
  const std::string ctx(context);  // libsodium reads exactly 8 bytes
  SecretBytes out(32);
  crypto_kdf_derive_from_key(out.data(), out.size(), id, ctx.c_str(), key.data());
  return out;
}

Result<KeyedHash> keyed_hash(const SecretBytes& key, ByteView data) {
  ensure_sodium();
  if (key.size() < crypto_generichash_KEYBYTES_MIN ||
      key.size() > crypto_generichash_KEYBYTES_MAX) {
    return make_error(ErrorCode::kInvalidArgument, "a keyed hash needs a 16- to 64-byte key");
  }
  KeyedHash out;
  crypto_generichash(out.data(), out.size(), data.data(), data.size(), key.data(), key.size());
  return out;
}

}  // namespace attest::crypto
