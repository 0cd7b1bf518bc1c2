#include "crypto/device_key.h"

#include <sodium.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "base/file.h"
#include "crypto/random.h"

namespace attest::crypto {

namespace {
constexpr char kFormat[] = "attest-device-key/1";
constexpr char kStorageContext[crypto_kdf_CONTEXTBYTES + 1] = "attestST";
}  // namespace

DeviceKey DeviceKey::generate(Random& rng) {
  SecretBytes seed(32);
  rng.fill(seed.span());
  return std::move(from_seed(seed.view())).value();
}

Result<DeviceKey> DeviceKey::from_seed(ByteView seed) {
  DeviceKey k;
  k.signing_ = TRY(SigningKey::from_seed(seed));
  k.id_ = fingerprint(k.signing_.public_key());
  k.storage_key_ = SecretBytes(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_kdf_derive_from_key(k.storage_key_.data(), k.storage_key_.size(), 1, kStorageContext,
                             seed.data());
  return k;
}

Result<DeviceKey> DeviceKey::load(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return make_error(ErrorCode::kNotFound, "device key " + path.string() + " does not exist");
  }
  if ((st.st_mode & 077) != 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      "device key " + path.string() +
                          " is readable by other users; run: chmod 600 " + path.string());
  }
  std::string text = TRY(read_file(path));
  auto corrupt = [&](const std::string& why) {
    return make_error(ErrorCode::kCorrupt, "device key " + path.string() + " is damaged: " + why);
  };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  secure_zero(text);
  if (j.is_discarded() || !j.is_object()) return corrupt("not JSON");
  if (!j.contains("format") || j["format"] != kFormat) return corrupt("unknown format");
  if (!j.contains("seed") || !j["seed"].is_string() || !j.contains("public_key") ||
      !j["public_key"].is_string()) {
    return corrupt("missing seed or public_key");
  }
  std::string seed_hex = j["seed"].get<std::string>();
  auto seed = hex_decode(seed_hex);
  secure_zero(seed_hex);
  if (!seed.ok() || seed->size() != 32) return corrupt("seed is not 32 bytes of hex");
  SecretBytes seed_secret(*seed);
  secure_zero(*seed);
  DeviceKey k = TRY(from_seed(seed_secret.view()));
  if (hex_encode(k.public_key()) != j["public_key"].get<std::string>()) {
    return corrupt("public key does not match the seed");
  }
  return k;
}

Status DeviceKey::save(const std::filesystem::path& path) const {
  std::string seed_hex = hex_encode(signing_.seed().view());
  nlohmann::json j = {{"format", kFormat},
                      {"device_id", hex_encode(id_)},
                      {"public_key", hex_encode(public_key())},
                      {"seed", seed_hex}};
  std::string text = j.dump(2) + "\n";
  Status s = write_file_atomic(path, as_bytes(text), 0600);
  secure_zero(text);
  secure_zero(seed_hex);
  return s;
}

}  // namespace attest::crypto
