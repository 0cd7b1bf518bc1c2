#include "crypto/practice_key.h"

#include <nlohmann/json.hpp>

namespace attest::crypto {

namespace {

constexpr char kFormat[] = "attest-practice-key/1";
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kRecoveryBytes = 20;  // 160 bits -> 32 characters

using nlohmann::json;

Bytes associated_data(const BoxPublicKey& pk) {
  Bytes ad = to_bytes(kFormat);
  put_bytes(ad, pk);
  return ad;
}

Result<json> wrap(const BoxSecretKey& key, std::string_view secret_text, KdfCost cost,
                  Random& rng) {
  Bytes salt(kKdfSaltBytes);
  rng.fill(salt);
  SecretBytes kek = TRY(derive_key(secret_text, salt, cost));
  Bytes boxed = aead_seal(kek, key.secret().view(), associated_data(key.public_key()), rng);
  return json{{"kdf", "argon2id13"},
              {"opslimit", cost.opslimit},
              {"memlimit", cost.memlimit},
              {"salt", hex_encode(salt)},
              {"box", hex_encode(boxed)}};
}

std::string encode_recovery(ByteView raw) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : raw) {
    buffer = buffer << 8 | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kCrockford[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  std::string grouped;
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped.push_back('-');
    grouped.push_back(out[i]);
  }
  return grouped;
}

struct Parsed {
  BoxPublicKey public_key{};
  json wrapped;
};

Result<Parsed> parse(std::string_view file_text) {
  auto corrupt = [](const std::string& why) {
    return make_error(ErrorCode::kCorrupt, "practice key file is damaged: " + why);
  };
  json j = json::parse(file_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return corrupt("not JSON");
  if (!j.contains("format") || j["format"] != kFormat) return corrupt("unknown format");
  if (!j.contains("public_key") || !j["public_key"].is_string()) return corrupt("no public_key");
  auto pk = hex_decode(j["public_key"].get<std::string>());
  Parsed p;
  if (!pk.ok() || !copy_exact(*pk, p.public_key)) {
    return corrupt("public_key is not 32 bytes of hex");
  }
  if (!j.contains("wrapped") || !j["wrapped"].is_object()) return corrupt("no wrapped secret");
  p.wrapped = j["wrapped"];
  return p;
}

Result<BoxSecretKey> unwrap(const Parsed& p, const char* slot, std::string_view secret_text,
                            const char* what) {
  auto corrupt = [&](const std::string& why) {
    return make_error(ErrorCode::kCorrupt,
                      std::string("practice key file is damaged: ") + slot + " " + why);
  };
  if (!p.wrapped.contains(slot) || !p.wrapped[slot].is_object()) return corrupt("is missing");
  const json& w = p.wrapped[slot];
  if (!w.contains("kdf") || w["kdf"] != "argon2id13") return corrupt("uses an unknown KDF");
  if (!w.contains("opslimit") || !w["opslimit"].is_number_unsigned() ||
      !w.contains("memlimit") || !w["memlimit"].is_number_unsigned() ||
      !w.contains("salt") || !w["salt"].is_string() || !w.contains("box") ||
      !w["box"].is_string()) {
    return corrupt("has missing or mistyped fields");
  }
  auto salt = hex_decode(w["salt"].get<std::string>());
  auto boxed = hex_decode(w["box"].get<std::string>());
  if (!salt.ok() || !boxed.ok()) return corrupt("is not hex");
  KdfCost cost{w["opslimit"].get<uint64_t>(), w["memlimit"].get<uint64_t>()};
  SecretBytes kek = TRY(derive_key(secret_text, *salt, cost));
  auto opened = aead_open(kek, *boxed, associated_data(p.public_key));
  if (!opened.ok()) {
    // Authentication failure cannot tell a wrong secret from a changed file;
    // the message says both, the wrong secret first because it is likelier.
    return make_error(ErrorCode::kWrongSecret,
                      std::string("wrong ") + what +
                          " (or the practice key file was altered); nothing was changed");
  }
  SecretBytes secret(*opened);
  secure_zero(*opened);
  BoxSecretKey key = TRY(BoxSecretKey::from_bytes(secret.view()));
  if (key.public_key() != p.public_key) {
    return corrupt("holds a secret that does not match its public key");
  }
  return key;
}

}  // namespace

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out.push_back(c);
  }
  return out;
}

Result<NewPracticeKey> create_practice_key(std::string_view passphrase, Random& rng,
                                           KdfCost passphrase_cost) {
  if (passphrase.size() < 8) {
    return make_error(ErrorCode::kInvalidArgument,
                      "the passphrase must be at least 8 characters long");
  }
  BoxSecretKey key = BoxSecretKey::generate(rng);
  SecretBytes raw(kRecoveryBytes);
  rng.fill(raw.span());
  NewPracticeKey out;
  out.recovery_code = encode_recovery(raw.view());
  out.public_key = key.public_key();
  json by_passphrase = TRY(wrap(key, passphrase, passphrase_cost, rng));
  json by_recovery_code =
      TRY(wrap(key, normalize_recovery_code(out.recovery_code), kdf_cost_interactive(), rng));
  json j{{"format", kFormat},
         {"public_key", hex_encode(key.public_key())},
         {"wrapped", {{"passphrase", by_passphrase}, {"recovery_code", by_recovery_code}}}};
  out.file_text = j.dump(2) + "\n";
  return out;
}

Result<BoxPublicKey> practice_public_key(std::string_view file_text) {
  Parsed p = TRY(parse(file_text));
  return p.public_key;
}

Result<BoxSecretKey> unlock_with_passphrase(std::string_view file_text,
                                            std::string_view passphrase) {
  Parsed p = TRY(parse(file_text));
  return unwrap(p, "passphrase", passphrase, "passphrase");
}

Result<BoxSecretKey> unlock_with_recovery_code(std::string_view file_text,
                                               std::string_view recovery_code) {
  Parsed p = TRY(parse(file_text));
  return unwrap(p, "recovery_code", normalize_recovery_code(recovery_code), "recovery code");
}

}  // namespace attest::crypto
