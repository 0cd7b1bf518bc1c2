// The kiosk's completion index (sql/kiosk/0003): every module completion
// and policy attestation in the record log, found by person, so the home
// screen need not decrypt the whole log at each sign-in.
//
// A cache of the log, never evidence. It says which seq it is current
// through and is brought up to date by reading only the events after it,
// in one transaction with the rows they add. So appending stays one
// transaction that knows nothing of the index, and an event appended just
// before a crash, which the index never saw, is read the next time.
// Rows that fail to open, or an index ahead of the log (a store restored
// from an older copy), make it start over from the log.
//
// Rows hold what the due rules need (core::Completion), one per person,
// item, version and day. At rest they reveal no more than the headers do:
// each is sealed under a key derived from the device storage key and found
// by a keyed hash of the person id.
#pragma once

#include <string>
#include <vector>

#include "base/random.h"
#include "core/assignment.h"
#include "crypto/secret.h"
#include "store/kiosk_store.h"

namespace attest::store {

class CompletionIndex {
 public:
  // Derives the index keys from the store's device key.
  static Result<CompletionIndex> open(KioskStore& store, Random& rng);

  // Reads the events appended since the index was last current. Returns
  // how many events it read.
  Result<uint64_t> catch_up();
  // Forgets every row and reads the whole log again.
  Result<uint64_t> rebuild();
  // The seq the index is current through (0: none read yet).
  Result<uint64_t> current_through();
  // Catches up, then returns the person's completions (in no set order).
  Result<std::vector<core::Completion>> completions_of(const std::string& person_id);

 private:
  CompletionIndex(KioskStore& store, Random& rng, crypto::SecretBytes tag_key,
                  crypto::SecretBytes seal_key)
      : store_(&store), rng_(&rng), tag_key_(std::move(tag_key)), seal_key_(std::move(seal_key)) {}
  Result<uint64_t> read_log(bool from_start);
  Result<std::vector<core::Completion>> query(const std::string& person_id);

  KioskStore* store_;
  Random* rng_;
  crypto::SecretBytes tag_key_;   // keyed hashes: which row, whose row
  crypto::SecretBytes seal_key_;  // the rows' contents
};

}  // namespace attest::store
