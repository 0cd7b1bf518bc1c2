#include "crypto/pwhash.h"

#include <sodium.h>

#include <vector>

#include "crypto/random.h"

namespace attest::crypto {

// A PIN has 4 to 6 digits: at most a million values. Anyone holding a
// verifier can try them all offline at any cost a front desk could wait
// for: a million 64 MiB hashes take one core 16 hours, a million of these
// about 5. What protects a PIN is that guesses must be made at the kiosk,
// where 5 wrong ones lock the person out (core/sign_in_policy.h), and that
// verifiers never leave it. So the cost only has to be an honest Argon2id
// setting, not a wall: OWASP's first recommendation (m = 19 MiB, t = 2,
// p = 1). A sign-in checks in about 20 ms and the kiosk's peak memory
// stays well under its 80 MB budget; the interactive cost took 58 ms and
// 64 MiB at every sign-in.
KdfCost kdf_cost_pin() { return {2, uint64_t{19} * 1024 * 1024}; }

KdfCost kdf_cost_interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
KdfCost kdf_cost_moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
KdfCost kdf_cost_minimum() { return {crypto_pwhash_OPSLIMIT_MIN, 8192}; }

static Status check_cost(KdfCost cost) {
  if (cost.opslimit < crypto_pwhash_OPSLIMIT_MIN || cost.opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      cost.memlimit < crypto_pwhash_MEMLIMIT_MIN || cost.memlimit > (uint64_t{1} << 32)) {
    return make_error(ErrorCode::kCorrupt, "Argon2id cost parameters are out of range");
  }
  return {};
}

Result<SecretBytes> derive_key(std::string_view secret_text, ByteView salt, KdfCost cost) {
  ensure_sodium();
  TRY_STATUS(check_cost(cost));
  if (salt.size() != crypto_pwhash_SALTBYTES) {
    return make_error(ErrorCode::kCorrupt, "Argon2id salt must be 16 bytes");
  }
  SecretBytes key(32);
  if (crypto_pwhash(key.data(), key.size(), secret_text.data(), secret_text.size(), salt.data(),
                    cost.opslimit, static_cast<size_t>(cost.memlimit),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorCode::kInternal, "Argon2id ran out of memory");
  }
  return key;
}

Result<std::string> make_pin_verifier(std::string_view pin, KdfCost cost) {
  ensure_sodium();
  TRY_STATUS(check_cost(cost));
  std::vector<char> out(crypto_pwhash_STRBYTES);
  if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), cost.opslimit,
                            static_cast<size_t>(cost.memlimit),
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorCode::kInternal, "Argon2id ran out of memory");
  }
  return std::string(out.data());
}

bool check_pin(std::string_view verifier, std::string_view pin) {
  ensure_sodium();
  std::string v(verifier);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(v.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace attest::crypto
