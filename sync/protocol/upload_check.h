// The server's decision for one parsed upload batch, given what it already
// stores for that device. Pure, so every branch is tested without a server.
//
//  - events at or below the stored head must equal what is stored (same
//    hash): re-sending is a no-op. A different event there is a fork: the
//    device (or a copy of its key) signed two histories. The server keeps
//    the new one in quarantine and alerts the official; it never overwrites.
//  - the first new event must be head + 1, else a gap (409, expected seq).
//  - new events must hash, link to the stored head and to each other, and
//    the last one's signature must verify (which, through the links, covers
//    every signature in the batch). A next event that does not link to the
//    stored head but carries the device's valid signature is also a fork.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "crypto/sign.h"
#include "sync/protocol/upload.h"

namespace attest::sync {

struct StoredPosition {
  uint64_t seq = 0;  // 0: nothing stored yet
  crypto::Sha256 link{};
};

enum class UploadOutcome { kAppend, kNothingNew, kGap, kFork, kInvalid };

struct UploadDecision {
  UploadOutcome outcome = UploadOutcome::kInvalid;
  size_t first_new = 0;       // kAppend: events[first_new..] are new
  uint64_t expected_seq = 0;  // kGap
  size_t fork_index = 0;      // kFork: the event that differs
  std::string reason;
};

using StoredHashLookup = std::function<std::optional<crypto::Sha256>(uint64_t seq)>;

UploadDecision check_upload(const UploadBatch& batch, const crypto::SignPublicKey& device_key,
                            const StoredPosition& stored, const StoredHashLookup& stored_hash);

// The HTTP answer for a decision that is not a success.
Rejection rejection_for(const UploadDecision& d);

}  // namespace attest::sync
