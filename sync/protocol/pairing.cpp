#include "sync/protocol/pairing.h"

#include <nlohmann/json.hpp>

namespace attest::sync {

namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

Bytes with_label(const char* label) { return to_bytes(label); }

template <size_t N>
bool b64_exact(const nlohmann::json& j, const char* key, std::array<uint8_t, N>& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  auto b = base64_decode(it->get_ref<const std::string&>());
  return b.ok() && copy_exact(*b, out);
}

}  // namespace

std::string make_pairing_code(Random& rng) {
  uint8_t bytes[kPairingCodeDigits];
  rng.fill(bytes);
  std::string code;
  for (int i = 0; i < kPairingCodeDigits; ++i) {
    if (i == kPairingCodeDigits / 2) code += '-';
    code += kCrockford[bytes[i] & 31];
  }
  return code;
}

std::string normalize_pairing_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (std::string_view(kCrockford).find(c) == std::string_view::npos) return {};
    out += c;
  }
  return out.size() == kPairingCodeDigits ? out : std::string();
}

crypto::Sha256 pairing_key(std::string_view normalized_code) {
  Bytes m = with_label("attest/pair/v1");
  put_bytes(m, as_bytes(normalized_code));
  return crypto::sha256(m);
}

crypto::Sha256 pair_request_proof(const crypto::Sha256& key, const PairRequest& r) {
  Bytes m = with_label("attest/pair/request/v1");
  put_bytes(m, r.device_key);
  put_bytes(m, as_bytes(r.device_name));
  return crypto::hmac_sha256(key, m);
}

crypto::Sha256 pair_response_proof(const crypto::Sha256& key, const crypto::SignPublicKey& device,
                                   const PairResponse& r) {
  // With the practice key file: its own label and the name's length, so no
  // split of the same bytes into name and file gives the same proof.
  const bool file = !r.practice_key_file.empty();
  Bytes m = with_label(file ? "attest/pair/response/v2" : "attest/pair/response/v1");
  put_bytes(m, device);
  put_bytes(m, r.server_key);
  put_bytes(m, r.practice_key);
  if (file) put_u64(m, r.practice_name.size());
  put_bytes(m, as_bytes(r.practice_name));
  if (file) put_bytes(m, as_bytes(r.practice_key_file));
  return crypto::hmac_sha256(key, m);
}

std::string encode_pair_request(const PairRequest& r) {
  return nlohmann::json{{"device_key", base64_encode(r.device_key)},
                        {"device_name", r.device_name},
                        {"proof", base64_encode(r.proof)}}
      .dump();
}

Checked<PairRequest> parse_pair_request(std::string_view body) {
  if (body.size() > 4096) return reject(413, "too_large", "a pairing request is a few hundred bytes");
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return reject(400, "malformed", "the body must be a JSON object");
  PairRequest r;
  auto name = j.find("device_name");
  if (!b64_exact(j, "device_key", r.device_key) || !b64_exact(j, "proof", r.proof) ||
      name == j.end() || !name->is_string()) {
    return reject(400, "malformed", "device_key, device_name and proof are required");
  }
  r.device_name = name->get<std::string>();
  if (r.device_name.empty() || r.device_name.size() > 80) {
    return reject(400, "malformed", "device_name must be 1 to 80 characters");
  }
  return r;
}

std::string encode_pair_response(const PairResponse& r) {
  nlohmann::json j{{"server_key", base64_encode(r.server_key)},
                   {"practice_key", base64_encode(r.practice_key)},
                   {"practice_name", r.practice_name},
                   {"proof", base64_encode(r.proof)}};
  if (!r.practice_key_file.empty()) j["practice_key_file"] = r.practice_key_file;
  return j.dump();
}

Result<PairResponse> parse_pair_response(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  PairResponse r;
  auto name = j.is_object() ? j.find("practice_name") : j.end();
  if (!j.is_object() || !b64_exact(j, "server_key", r.server_key) ||
      !b64_exact(j, "practice_key", r.practice_key) || !b64_exact(j, "proof", r.proof) ||
      name == j.end() || !name->is_string()) {
    return make_error(ErrorCode::kParse, "the server's pairing answer is malformed");
  }
  r.practice_name = name->get<std::string>();
  if (auto file = j.find("practice_key_file"); file != j.end()) {
    if (!file->is_string() || file->get_ref<const std::string&>().size() > 16384) {
      return make_error(ErrorCode::kParse, "the server's pairing answer is malformed");
    }
    r.practice_key_file = file->get<std::string>();
  }
  return r;
}

std::string grouped_hex(ByteView bytes) {
  const std::string hex = hex_encode(bytes);
  std::string out;
  for (size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += hex[i];
  }
  return out;
}

}  // namespace attest::sync
