// Staff enrollment across kiosks. `attest roster import` gives each new
// person a one-time code (the pairing code's format: 8 Crockford base32
// digits, valid 14 days); at any kiosk they enter it once and choose a PIN.
// The kiosk posts the PIN's Argon2id verifier with the code
// (POST /v1/enroll, signed by the device); the server sets it on the roster,
// and every kiosk gets it with the next down-sync.
//
//   enrollment key = SHA-256("attest/enroll/v1" || normalized code)
#pragma once

#include <string>
#include <string_view>

#include "crypto/hash.h"
#include "sync/protocol/rejection.h"

namespace attest::sync {

inline constexpr int64_t kEnrollmentCodeLifetimeMs = int64_t{14} * 24 * 3600 * 1000;

crypto::Sha256 enrollment_key(std::string_view normalized_code);

struct EnrollRequest {
  std::string code;  // normalized
  std::string pin_verifier;
};

struct EnrollResponse {
  std::string person_id;
  std::string name;
  std::string role;
  std::string hired;
};

std::string encode_enroll_request(const EnrollRequest& r);
Checked<EnrollRequest> parse_enroll_request(std::string_view body);
std::string encode_enroll_response(const EnrollResponse& r);
Result<EnrollResponse> parse_enroll_response(std::string_view body);

}  // namespace attest::sync
