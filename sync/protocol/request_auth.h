// Request signing. Every request after pairing carries four headers:
//
//   Attest-Device:    hex device id (fingerprint of the device key)
//   Attest-Time:      the kiosk's clock, UTC milliseconds
//   Attest-Nonce:     16 random bytes, hex; never accepted twice
//   Attest-Signature: base64 Ed25519 signature by the device key over
//       "attest/request/v1\n" METHOD "\n" PATH "\n" hex(SHA-256(body)) "\n"
//       TIME "\n" NONCE
//
// so a request cannot be altered, moved to another path, replayed or kept
// for later. The server looks the device up (unknown: 401, revoked: 403),
// checks the time (±5 minutes) and the signature here, and remembers the
// nonce.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "base/random.h"
#include "crypto/hash.h"
#include "crypto/sign.h"
#include "sync/protocol/rejection.h"

namespace attest::sync {

using Nonce = std::array<uint8_t, 16>;

inline constexpr char kHeaderDevice[] = "Attest-Device";
inline constexpr char kHeaderTime[] = "Attest-Time";
inline constexpr char kHeaderNonce[] = "Attest-Nonce";
inline constexpr char kHeaderSignature[] = "Attest-Signature";
// On answers the server signs (down-sync): its Ed25519 signature, base64.
inline constexpr char kHeaderServerSignature[] = "Attest-Server-Signature";

// The header values as they arrived (empty when absent).
struct AuthHeaders {
  std::string device;
  std::string time;
  std::string nonce;
  std::string signature;
};

struct RequestAuth {
  crypto::DeviceId device{};
  int64_t time_ms = 0;
  Nonce nonce{};
  crypto::Signature signature{};
};

Bytes request_signing_message(std::string_view method, std::string_view path,
                              const crypto::Sha256& body_hash, int64_t time_ms,
                              const Nonce& nonce);

AuthHeaders sign_request(const crypto::SigningKey& key, std::string_view method,
                         std::string_view path, ByteView body, int64_t now_ms, Random& rng);

// 401 when a header is missing or malformed.
Checked<RequestAuth> parse_auth(const AuthHeaders& headers);

// 401 when the time is more than kMaxClockSkewMs from `now_ms` or the
// signature does not verify under `device_key`.
std::optional<Rejection> check_request(const RequestAuth& auth,
                                       const crypto::SignPublicKey& device_key,
                                       std::string_view method, std::string_view path,
                                       ByteView body, int64_t now_ms);

}  // namespace attest::sync
