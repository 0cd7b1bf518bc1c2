// Adds stored events to a Ledger: decodes the canonical header and, for the
// kinds reports read, opens the sealed body with the practice key and
// checks it against the header's body_digest. Shared by every place that
// feeds reports: the CLI on a kiosk or master store, the kiosk's admin mode
// and the evidence bundle checker.
#pragma once

#include "crypto/seal.h"
#include "report/ledger.h"

namespace attest::report {

// `key` may be null: bodies then stay sealed and the ledger counts them.
// A header that does not decode or a body that does not match its digest
// is an error naming the record; nothing is added for it.
Status feed_event(Ledger& ledger, ByteView canonical_header, ByteView sealed_body,
                  const crypto::BoxSecretKey* key);
// The same for an event whose header is already decoded.
Status feed_event(Ledger& ledger, const core::EventHeader& header, ByteView sealed_body,
                  const crypto::BoxSecretKey* key);

}  // namespace attest::report
