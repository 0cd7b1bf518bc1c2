// Adds stored events to a Ledger: decodes the canonical header and, for the
// kinds reports read, opens the sealed body with the practice key and
// checks it against the header's body_digest. Shared by every place that
// feeds reports: the CLI on a kiosk or master store, the kiosk's admin mode
// and the evidence bundle checker.
#pragma once

#include <memory>

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

// feed_event for a long stream of records: headers are decoded and bodies
// opened on worker threads (batch_pipeline.h), and the ledger is filled in
// the stream's order on the calling thread. Opening a body is the costly
// part (an X25519 exchange each), and a practice's reports may open
// hundreds of thousands. add() copies the bytes it is given.
class LedgerFeeder {
 public:
  LedgerFeeder(Ledger& ledger, const crypto::BoxSecretKey* key);
  ~LedgerFeeder();
  LedgerFeeder(const LedgerFeeder&) = delete;
  LedgerFeeder& operator=(const LedgerFeeder&) = delete;

  // May return the error of an earlier record: the first one, after which
  // nothing more is added.
  Status add(ByteView canonical_header, ByteView sealed_body);
  // Feeds what is still in flight; the first error, as feed_event gives it.
  Status finish();

 private:
  struct Pipeline;
  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace attest::report
