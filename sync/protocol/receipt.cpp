#include "sync/protocol/receipt.h"

namespace attest::sync {

Bytes receipt_signing_message(const Receipt& r) {
  Bytes m = to_bytes("attest/receipt/v1");
  put_bytes(m, r.device);
  put_u64(m, r.through_seq);
  put_bytes(m, r.head_link);
  put_i64(m, r.server_time_ms);
  return m;
}

Receipt make_receipt(const crypto::SigningKey& server_key, const crypto::DeviceId& device,
                     uint64_t through_seq, const crypto::Sha256& head_link, int64_t now_ms) {
  Receipt r{device, through_seq, head_link, now_ms, {}};
  r.signature = server_key.sign(receipt_signing_message(r));
  return r;
}

bool verify_receipt(const Receipt& r, const crypto::SignPublicKey& server_key) {
  return crypto::verify_signature(server_key, receipt_signing_message(r), r.signature);
}

nlohmann::json receipt_to_json(const Receipt& r) {
  return {{"device", hex_encode(r.device)},
          {"through_seq", r.through_seq},
          {"head_link", hex_encode(r.head_link)},
          {"server_time_ms", r.server_time_ms},
          {"signature", base64_encode(r.signature)}};
}

Result<Receipt> receipt_from_json(const nlohmann::json& j) {
  auto bad = [](const char* what) {
    return make_error(ErrorCode::kParse, std::string("receipt: ") + what);
  };
  if (!j.is_object()) return bad("not an object");
  Receipt r;
  auto text = [&](const char* k) -> const std::string* {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  };
  const std::string* device = text("device");
  const std::string* link = text("head_link");
  const std::string* sig = text("signature");
  if (!device || !link || !sig) return bad("device, head_link and signature must be strings");
  auto d = hex_decode(*device);
  auto l = hex_decode(*link);
  auto s = base64_decode(*sig);
  if (!d.ok() || !copy_exact(*d, r.device)) return bad("bad device");
  if (!l.ok() || !copy_exact(*l, r.head_link)) return bad("bad head_link");
  if (!s.ok() || !copy_exact(*s, r.signature)) return bad("bad signature");
  auto seq = j.find("through_seq");
  auto time = j.find("server_time_ms");
  if (seq == j.end() || !seq->is_number_unsigned()) return bad("through_seq must be a number");
  if (time == j.end() || !time->is_number_integer()) return bad("server_time_ms must be a number");
  r.through_seq = seq->get<uint64_t>();
  r.server_time_ms = time->get<int64_t>();
  return r;
}

}  // namespace attest::sync
