// Checks one device's chain of events, fed in ascending seq order. Pure:
// the store (kiosk or server) or the bundle reader decodes rows and feeds
// them here. Every finding names the seq and what is wrong.
//
// By default every hash and every link is recomputed and the head's
// Ed25519 signature is verified; because each link covers the previous
// event's signature, that proves every signature byte is the one the device
// signed. `every_signature` also verifies each signature on its own (about
// 40 us each on one core; the chain check is about 20 times faster).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/event.h"

namespace attest::core {

enum class Problem {
  kChangedHeader,
  kChangedBody,
  kChangedContent,  // header or body; used where the header is not separately authenticated
  kChangedHash,     // the stored hash column alone was altered
  kBadSignature,
  kMissingSequence,
  kReordered,
  kWrongDevice,
  kBrokenLink,
  kHeadMismatch,    // the signed chain head disagrees with the last event
  kStrayRow,        // a row outside the chain's sequence numbers
};

std::string_view problem_name(Problem p);

struct Finding {
  uint64_t seq = 0;
  Problem problem = Problem::kBrokenLink;
  std::string detail;
};

// The device's signed statement "my chain ends at seq N with link L".
struct ChainHead {
  uint64_t seq = 0;
  Sha256 link{};
  Signature signature{};
};
Bytes head_signing_message(const DeviceId& device, uint64_t seq, const Sha256& link);

struct VerifyOptions {
  bool every_signature = false;
  // True where the header was authenticated on its own (the kiosk store's
  // AEAD at rest); then a hash mismatch can only come from the body.
  bool header_authenticated = false;
  // How many segments to verify in parallel; 0 lets the store decide by
  // size and cores. The findings are the same whatever the number.
  unsigned parallelism = 0;
};

class ChainVerifier {
 public:
  ChainVerifier(const DeviceId& device, const crypto::SignPublicKey& key, VerifyOptions options);

  // Parallel verification: each consecutive segment of the log gets its own
  // verifier, started at the segment's first seq with the link before it
  // unknown; then the segments are joined in order, which checks the links
  // across the boundaries.
  void start_at(uint64_t first_seq);
  // Continues a chain already known to end at `seq` with `link`: how the
  // server checks an upload against what it stored before.
  void start_after(uint64_t seq, const Sha256& link);
  // Joining onto a verifier with no events yet that starts where `next`
  // does takes `next` over (a chain checked wholly in pieces).
  void join(const ChainVerifier& next);

  // One stored event at position `row_seq`.
  void add(uint64_t row_seq, const EventHeader& header, ByteView canonical_header,
           ByteView sealed_body, const Sha256& stored_hash, const Signature& signature);
  // A row whose header could not be read; the finding is already known.
  void add_unreadable(uint64_t row_seq, Finding finding);
  // Checks the last event's signature and, when given, the signed head.
  void finish(const std::optional<ChainHead>& head);

  const std::vector<Finding>& findings() const { return findings_; }
  bool intact() const { return findings_.empty(); }
  uint64_t events_checked() const { return checked_; }
  uint64_t last_seq() const { return last_seq_; }
  const Sha256& last_link() const { return last_link_; }

 private:
  void report(uint64_t seq, Problem p, std::string detail);
  bool signature_ok(const Sha256& hash, const Signature& sig) const;

  DeviceId device_;
  crypto::SignPublicKey key_;
  VerifyOptions options_;
  std::vector<Finding> findings_;
  uint64_t checked_ = 0;
  uint64_t last_seq_ = 0;
  bool link_known_ = true;  // false right after an unreadable row
  Sha256 last_link_{};
  Sha256 last_hash_{};
  Signature last_signature_{};
  bool last_signature_checked_ = false;
  // For joining: where this verifier started and what its first event
  // recorded as the link before it.
  uint64_t start_seq_ = 1;
  std::optional<uint64_t> first_row_seq_;
  std::optional<Sha256> first_prev_link_;
};

}  // namespace attest::core
