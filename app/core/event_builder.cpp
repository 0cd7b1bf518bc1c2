#include "core/event_builder.h"

#include "core/body.h"
#include "core/canonical.h"

namespace attest::core {

SignedEvent sign_event(EventHeader header, Bytes sealed_body, const crypto::SigningKey& key) {
  SignedEvent e;
  e.header = std::move(header);
  e.canonical_header = encode_header(e.header);
  e.sealed_body = std::move(sealed_body);
  e.hash = event_hash(e.canonical_header, e.sealed_body);
  e.signature = key.sign(signing_message(e.hash));
  return e;
}

SignedEvent build_event(const EventDraft& draft, const ChainPosition& at,
                        const BuildContext& ctx) {
  EventHeader h;
  ctx.rng.fill(h.event_id);
  h.device_id = ctx.device.id();
  h.seq = at.next_seq;
  h.prev_link = at.prev_link;
  h.kind = draft.kind;
  h.person_id = draft.person_id;
  h.subject = draft.subject;
  h.time = ctx.clock.now();
  h.app_version = std::string(ctx.app_version);
  h.retain_until = retain_until(date_of(h.time.utc_ms), draft.subject_effective);
  h.refers_to = draft.refers_to;
  Bytes body = make_body(draft.body_fields, ctx.rng);
  h.body_digest = crypto::sha256(body);
  Bytes sealed = crypto::seal(ctx.practice_key, body);
  crypto::secure_zero(body);
  return sign_event(std::move(h), std::move(sealed), ctx.device.signing());
}

}  // namespace attest::core
