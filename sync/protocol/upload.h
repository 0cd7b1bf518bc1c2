// The batch of events a kiosk posts to POST /v1/events:
//
//   {"device": "<hex id>",
//    "events": [{"seq": 1, "header": "<base64 canonical header>",
//                "body": "<base64 sealed body>", "signature": "<base64>"}, ...]}
//
// in ascending, consecutive seq order. The hash is not sent: the server
// computes it from header and body, which is what makes the check worth
// anything. Parsing is strict: unknown fields, wrong types, bad base64, a
// header that does not decode or names another seq are all 400s, and the
// limits in limits.h are 413s.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "sync/protocol/rejection.h"

namespace attest::sync {

struct UploadBatch {
  crypto::DeviceId device{};
  std::vector<core::SignedEvent> events;  // headers decoded, hashes computed
};

std::string encode_upload(const crypto::DeviceId& device, std::span<const core::SignedEvent> events);

// The size of one event in an upload body, for sizing batches.
size_t encoded_size(const core::SignedEvent& e);

Checked<UploadBatch> parse_upload(std::string_view body);

// The same through a JSON tree: slower, and it says exactly what is wrong.
// parse_upload takes a well-formed body in one pass (upload_scan.h) and
// leaves everything else to this.
Checked<UploadBatch> parse_upload_json(std::string_view body);

}  // namespace attest::sync
