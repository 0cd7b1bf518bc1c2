// Pairing: the Security Official runs `attest-server pair`, which shows a
// one-time code like "K7QM-2XPA" (8 Crockford base32 digits, 40 bits,
// valid 10 minutes, single use). The kiosk posts its public key with a proof
// that it knows the code; the server answers with its own key and the
// practice key, with a proof that it knows the code too. So nobody without
// the code can enroll a device, and nobody in between can slip the kiosk a
// different server key to pin.
//
//   pairing key K = SHA-256("attest/pair/v1" || normalized code)
//   request proof  = HMAC(K, "attest/pair/request/v1" || device key || device name)
//   response proof = HMAC(K, "attest/pair/response/v1" || device key ||
//                           server key || practice key || practice name)
//   or, when the server sends the practice key file,
//                    HMAC(K, "attest/pair/response/v2" || device key ||
//                           server key || practice key ||
//                           u64 length of name || name || practice key file)
//
// The practice key file (crypto/practice_key.h) holds the practice secret
// only wrapped by the Security Official's passphrase and the recovery code,
// so it may travel: a kiosk needs it to open admin mode. The proof covers
// it, so nobody in between can swap or strip it; a server from before it
// was sent simply leaves it out.
#pragma once

#include <string>
#include <string_view>

#include "base/random.h"
#include "crypto/hash.h"
#include "crypto/seal.h"
#include "crypto/sign.h"
#include "sync/protocol/rejection.h"

namespace attest::sync {

inline constexpr int64_t kPairingCodeLifetimeMs = 10 * 60 * 1000;
inline constexpr int kPairingCodeDigits = 8;

std::string make_pairing_code(Random& rng);  // "XXXX-XXXX"
// Upper case, no dashes or spaces, O read as 0 and I or L as 1; empty if
// anything else is in it or it has the wrong length.
std::string normalize_pairing_code(std::string_view typed);
crypto::Sha256 pairing_key(std::string_view normalized_code);

// "3f2a 91c0 ...": bytes in hex, in fours, as a person compares them by eye
// and reads them aloud: how the kiosk's pairing page, `attest-server pair`
// and the dashboard show the server key's fingerprint and a device's id.
std::string grouped_hex(ByteView bytes);

struct PairRequest {
  crypto::SignPublicKey device_key{};
  std::string device_name;
  crypto::Sha256 proof{};
};

struct PairResponse {
  crypto::SignPublicKey server_key{};
  crypto::BoxPublicKey practice_key{};
  std::string practice_name;
  crypto::Sha256 proof{};
  std::string practice_key_file;  // empty when the server did not send it
};

crypto::Sha256 pair_request_proof(const crypto::Sha256& key, const PairRequest& r);
crypto::Sha256 pair_response_proof(const crypto::Sha256& key, const crypto::SignPublicKey& device,
                                   const PairResponse& r);

std::string encode_pair_request(const PairRequest& r);
Checked<PairRequest> parse_pair_request(std::string_view body);
std::string encode_pair_response(const PairResponse& r);
Result<PairResponse> parse_pair_response(std::string_view body);

}  // namespace attest::sync
