#include "report/feed.h"

#include "core/body.h"
#include "core/canonical.h"

namespace attest::report {

Status feed_event(Ledger& ledger, ByteView canonical_header, ByteView sealed_body,
                  const crypto::BoxSecretKey* key) {
  auto header = core::decode_header(canonical_header);
  if (!header.ok()) {
    return make_error(header.error().code, "a record header does not decode: " + header.error().message);
  }
  return feed_event(ledger, *header, sealed_body, key);
}

Status feed_event(Ledger& ledger, const core::EventHeader& header, ByteView sealed_body,
                  const crypto::BoxSecretKey* key) {
  if (!key || !ledger.opens_body(header.kind)) {
    ledger.add(header, nullptr);
    return {};
  }
  const std::string where = "record " + ref_text({header.device_id, header.seq});
  auto plain = crypto::seal_open(*key, sealed_body);
  if (!plain.ok()) {
    return make_error(plain.error().code, where + ": the body does not open with the practice key");
  }
  auto fields = core::open_body_fields(ByteView(plain->data(), plain->size()), header.body_digest);
  if (!fields.ok()) return make_error(fields.error().code, where + ": " + fields.error().message);
  ledger.add(header, &*fields);
  return {};
}

}  // namespace attest::report
