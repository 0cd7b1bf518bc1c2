#include "sync/protocol/upload.h"

#include "core/canonical.h"
#include "sync/protocol/limits.h"
#include "sync/protocol/upload_scan.h"

namespace attest::sync {

namespace {

size_t base64_size(size_t n) { return (n + 2) / 3 * 4; }

Rejection malformed(std::string reason) { return reject(400, "malformed", std::move(reason)); }

}  // namespace

size_t encoded_size(const core::SignedEvent& e) {
  return 64 + base64_size(e.canonical_header.size()) + base64_size(e.sealed_body.size()) +
         base64_size(e.signature.size());
}

// Written by hand rather than through a JSON tree: every value is a number
// or base64, which never needs escaping, and a batch of megabytes is built
// in one pass into one buffer.
std::string encode_upload(const crypto::DeviceId& device,
                          std::span<const core::SignedEvent> events) {
  size_t size = 64;
  for (const auto& e : events) size += encoded_size(e);
  std::string out;
  out.reserve(size);
  out += "{\"device\":\"" + hex_encode(device) + "\",\"events\":[";
  bool first = true;
  for (const auto& e : events) {
    if (!first) out += ',';
    first = false;
    out += "{\"seq\":";
    out += std::to_string(e.header.seq);
    out += ",\"header\":\"";
    base64_append(out, e.canonical_header);
    out += "\",\"body\":\"";
    base64_append(out, e.sealed_body);
    out += "\",\"signature\":\"";
    base64_append(out, e.signature);
    out += "\"}";
  }
  out += "]}";
  return out;
}

namespace {

Checked<Bytes> base64_field(const nlohmann::json& item, const char* name, size_t max_bytes,
                            size_t index) {
  const std::string where = "events[" + std::to_string(index) + "]." + name;
  auto it = item.find(name);
  if (it == item.end() || !it->is_string()) return malformed(where + " must be a base64 string");
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > base64_size(max_bytes)) {
    return reject(413, "too_large", where + " is larger than " + std::to_string(max_bytes) +
                                        " bytes");
  }
  auto bytes = base64_decode(text);
  if (!bytes.ok()) return malformed(where + " is not valid base64");
  return std::move(*bytes);
}

Checked<core::SignedEvent> parse_event(const nlohmann::json& item, size_t index) {
  const std::string where = "events[" + std::to_string(index) + "]";
  if (!item.is_object()) return malformed(where + " must be an object");
  for (const auto& [key, value] : item.items()) {
    if (key != "seq" && key != "header" && key != "body" && key != "signature") {
      return malformed(where + " has an unknown field \"" + key + "\"");
    }
  }
  auto seq = item.find("seq");
  if (seq == item.end() || !seq->is_number_unsigned() || seq->get<uint64_t>() == 0) {
    return malformed(where + ".seq must be a positive integer");
  }
  core::SignedEvent e;
  auto header = base64_field(item, "header", kMaxHeaderBytes, index);
  if (!accepted(header)) return std::get<Rejection>(std::move(header));
  e.canonical_header = std::get<Bytes>(std::move(header));
  auto body = base64_field(item, "body", kMaxSealedBodyBytes, index);
  if (!accepted(body)) return std::get<Rejection>(std::move(body));
  e.sealed_body = std::get<Bytes>(std::move(body));
  auto sig = base64_field(item, "signature", 64, index);
  if (!accepted(sig)) return std::get<Rejection>(std::move(sig));
  if (!copy_exact(std::get<Bytes>(sig), e.signature)) {
    return malformed(where + ".signature must be 64 bytes");
  }
  auto h = core::decode_header(e.canonical_header);
  if (!h.ok()) return malformed(where + ".header does not decode: " + h.error().message);
  e.header = std::move(*h);
  if (e.header.seq != seq->get<uint64_t>()) {
    return malformed(where + ".header is for seq " + std::to_string(e.header.seq) + ", not " +
                     std::to_string(seq->get<uint64_t>()));
  }
  e.hash = core::event_hash(e.canonical_header, e.sealed_body);
  return e;
}

}  // namespace

Checked<UploadBatch> parse_upload(std::string_view body) {
  if (auto batch = scan_upload(body)) return std::move(*batch);
  return parse_upload_json(body);
}

Checked<UploadBatch> parse_upload_json(std::string_view body) {
  if (body.size() > kMaxRequestBytes) {
    return reject(413, "too_large",
                  "the request is larger than " + std::to_string(kMaxRequestBytes) + " bytes");
  }
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return malformed("the body is not valid JSON");
  if (!j.is_object()) return malformed("the body must be a JSON object");
  for (const auto& [key, value] : j.items()) {
    if (key != "device" && key != "events") {
      return malformed("unknown field \"" + key + "\"");
    }
  }
  UploadBatch batch;
  auto device = j.find("device");
  if (device == j.end() || !device->is_string()) return malformed("device must be a hex string");
  auto id = hex_decode(device->get_ref<const std::string&>());
  if (!id.ok() || !copy_exact(*id, batch.device)) {
    return malformed("device must be 32 hex digits");
  }
  auto events = j.find("events");
  if (events == j.end() || !events->is_array()) return malformed("events must be an array");
  if (events->empty()) return malformed("events must not be empty");
  if (events->size() > kMaxBatchEvents) {
    return reject(413, "too_large",
                  "a batch may hold at most " + std::to_string(kMaxBatchEvents) + " events");
  }
  batch.events.reserve(events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    auto e = parse_event((*events)[i], i);
    if (!accepted(e)) return std::get<Rejection>(std::move(e));
    auto& event = std::get<core::SignedEvent>(e);
    if (!batch.events.empty() && event.header.seq != batch.events.back().header.seq + 1) {
      return malformed("events must be in consecutive seq order; events[" + std::to_string(i) +
                       "] has seq " + std::to_string(event.header.seq) + " after " +
                       std::to_string(batch.events.back().header.seq));
    }
    batch.events.push_back(std::move(event));
  }
  return batch;
}

}  // namespace attest::sync
