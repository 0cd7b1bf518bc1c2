#include "core/body.h"

namespace attest::core {

Bytes make_body(const nlohmann::json& fields, Random& rng) {
  Bytes salt(kBodySaltBytes);
  rng.fill(salt);
  // nlohmann::json keeps object keys sorted, so dump() is deterministic.
  nlohmann::json body{{"fields", fields.is_null() ? nlohmann::json::object() : fields},
                      {"salt", hex_encode(salt)}};
  return to_bytes(body.dump());
}

Result<nlohmann::json> open_body_fields(ByteView plaintext, const Sha256& body_digest) {
  if (crypto::sha256(plaintext) != body_digest) {
    return make_error(ErrorCode::kTampered, "body does not match the body_digest in its header");
  }
  auto j = nlohmann::json::parse(plaintext.begin(), plaintext.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("fields")) {
    return make_error(ErrorCode::kCorrupt, "body is not a JSON object with fields");
  }
  return j["fields"];
}

}  // namespace attest::core
