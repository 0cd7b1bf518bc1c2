// The server's receipt for an upload: "device D, through seq N, head link H,
// stored at T", signed by the server key. The kiosk marks events as synced
// only under a receipt that verifies with the key it pinned at pairing, so a
// forged "you're synced" cannot make it stop sending.
#pragma once

#include <nlohmann/json.hpp>

#include "crypto/hash.h"
#include "crypto/sign.h"

namespace attest::sync {

struct Receipt {
  crypto::DeviceId device{};
  uint64_t through_seq = 0;
  crypto::Sha256 head_link{};
  int64_t server_time_ms = 0;
  crypto::Signature signature{};
};

Bytes receipt_signing_message(const Receipt& r);
Receipt make_receipt(const crypto::SigningKey& server_key, const crypto::DeviceId& device,
                     uint64_t through_seq, const crypto::Sha256& head_link, int64_t now_ms);
[[nodiscard]] bool verify_receipt(const Receipt& r, const crypto::SignPublicKey& server_key);

nlohmann::json receipt_to_json(const Receipt& r);
Result<Receipt> receipt_from_json(const nlohmann::json& j);

}  // namespace attest::sync
