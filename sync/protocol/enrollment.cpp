#include "sync/protocol/enrollment.h"

#include <nlohmann/json.hpp>

#include "sync/protocol/pairing.h"

namespace attest::sync {

crypto::Sha256 enrollment_key(std::string_view normalized_code) {
  Bytes m = to_bytes("attest/enroll/v1");
  put_bytes(m, as_bytes(normalized_code));
  return crypto::sha256(m);
}

std::string encode_enroll_request(const EnrollRequest& r) {
  return nlohmann::json{{"code", r.code}, {"pin_verifier", r.pin_verifier}}.dump();
}

Checked<EnrollRequest> parse_enroll_request(std::string_view body) {
  if (body.size() > 4096) return reject(413, "too_large", "an enrollment is a few hundred bytes");
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return reject(400, "malformed", "the body must be a JSON object");
  auto code = j.find("code");
  auto verifier = j.find("pin_verifier");
  if (code == j.end() || !code->is_string() || verifier == j.end() || !verifier->is_string()) {
    return reject(400, "malformed", "code and pin_verifier must be strings");
  }
  EnrollRequest r{normalize_pairing_code(code->get<std::string>()), verifier->get<std::string>()};
  if (r.code.empty()) return reject(400, "malformed", "the code must be 8 letters and digits");
  // Only an Argon2id verifier may be stored: never a PIN, never anything else.
  if (r.pin_verifier.rfind("$argon2id$", 0) != 0 || r.pin_verifier.size() > 256) {
    return reject(400, "malformed", "pin_verifier must be an Argon2id verifier string");
  }
  return r;
}

std::string encode_enroll_response(const EnrollResponse& r) {
  return nlohmann::json{{"person_id", r.person_id}, {"name", r.name}, {"role", r.role},
                        {"hired", r.hired}}
      .dump();
}

Result<EnrollResponse> parse_enroll_response(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  EnrollResponse r;
  for (auto [key, out] : {std::pair{"person_id", &r.person_id}, std::pair{"name", &r.name},
                          std::pair{"role", &r.role}, std::pair{"hired", &r.hired}}) {
    auto it = j.is_object() ? j.find(key) : j.end();
    if (it == j.end() || !it->is_string()) {
      return make_error(ErrorCode::kParse, "the server's enrollment answer is malformed");
    }
    *out = it->get<std::string>();
  }
  return r;
}

}  // namespace attest::sync
