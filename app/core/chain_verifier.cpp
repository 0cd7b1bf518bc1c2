#include "core/chain_verifier.h"

namespace attest::core {

std::string_view problem_name(Problem p) {
  switch (p) {
    case Problem::kChangedHeader: return "changed header";
    case Problem::kChangedBody: return "changed body";
    case Problem::kChangedContent: return "changed header or body";
    case Problem::kChangedHash: return "changed hash";
    case Problem::kBadSignature: return "bad signature";
    case Problem::kMissingSequence: return "missing sequence";
    case Problem::kReordered: return "reordered";
    case Problem::kWrongDevice: return "wrong device";
    case Problem::kBrokenLink: return "broken link";
    case Problem::kHeadMismatch: return "chain head mismatch";
    case Problem::kStrayRow: return "stray row";
  }
  return "unknown";
}

namespace {

std::string missing_message(uint64_t from, uint64_t to) {
  return from == to ? "event " + std::to_string(from) + " is missing"
                    : "events " + std::to_string(from) + ".." + std::to_string(to) +
                          " are missing";
}

}  // namespace

Bytes head_signing_message(const DeviceId& device, uint64_t seq, const Sha256& link) {
  Bytes m = to_bytes("attest/head/v1");
  put_bytes(m, device);
  put_u64(m, seq);
  put_bytes(m, link);
  return m;
}

ChainVerifier::ChainVerifier(const DeviceId& device, const crypto::SignPublicKey& key,
                             VerifyOptions options)
    : device_(device), key_(key), options_(options) {}

void ChainVerifier::report(uint64_t seq, Problem p, std::string detail) {
  findings_.push_back({seq, p, std::move(detail)});
}

bool ChainVerifier::signature_ok(const Sha256& hash, const Signature& sig) const {
  return crypto::verify_signature(key_, signing_message(hash), sig);
}

void ChainVerifier::start_at(uint64_t first_seq) {
  start_seq_ = first_seq;
  last_seq_ = first_seq - 1;
  link_known_ = first_seq == 1;
}

void ChainVerifier::start_after(uint64_t seq, const Sha256& link) {
  start_seq_ = seq + 1;
  last_seq_ = seq;
  last_link_ = link;
  link_known_ = true;
  // What was stored before was checked when it was stored; a mismatch with
  // it is this event's broken link, not the old event's signature.
  last_signature_checked_ = true;
}

void ChainVerifier::join(const ChainVerifier& next) {
  if (!next.first_row_seq_) return;  // an empty segment changes nothing
  if (!first_row_seq_ && start_seq_ == next.start_seq_) {
    // Nothing here yet, and the next segment starts where this one does:
    // it is the chain so far (its first link was checked as this one would).
    *this = next;
    return;
  }
  size_t skip = 0;
  if (last_seq_ + 1 < next.start_seq_) {
    // One gap across the boundary is one finding, as without segments: the
    // next segment's own first finding is the rest of this gap.
    uint64_t to = next.start_seq_ - 1;
    if (*next.first_row_seq_ > next.start_seq_) {
      to = *next.first_row_seq_ - 1;
      skip = 1;
    }
    report(last_seq_ + 1, Problem::kMissingSequence, missing_message(last_seq_ + 1, to));
  } else if (link_known_ && next.first_prev_link_ && *next.first_row_seq_ == last_seq_ + 1 &&
             *next.first_prev_link_ != last_link_) {
    if (!last_signature_checked_ && !signature_ok(last_hash_, last_signature_)) {
      report(last_seq_, Problem::kBadSignature, "signature does not verify");
    } else {
      report(last_seq_ + 1, Problem::kBrokenLink,
             "prev_link does not match event " + std::to_string(last_seq_));
    }
  }
  findings_.insert(findings_.end(), next.findings_.begin() + static_cast<long>(skip),
                   next.findings_.end());
  checked_ += next.checked_;
  last_seq_ = next.last_seq_;
  link_known_ = next.link_known_;
  last_link_ = next.last_link_;
  last_hash_ = next.last_hash_;
  last_signature_ = next.last_signature_;
  last_signature_checked_ = next.last_signature_checked_;
}

void ChainVerifier::add_unreadable(uint64_t row_seq, Finding finding) {
  if (row_seq > last_seq_ + 1) {
    report(last_seq_ + 1, Problem::kMissingSequence, missing_message(last_seq_ + 1, row_seq - 1));
  }
  findings_.push_back(std::move(finding));
  if (!first_row_seq_) first_row_seq_ = row_seq;
  last_seq_ = row_seq;
  link_known_ = false;
  ++checked_;
}

void ChainVerifier::add(uint64_t row_seq, const EventHeader& h, ByteView canonical_header,
                        ByteView sealed_body, const Sha256& stored_hash,
                        const Signature& signature) {
  ++checked_;
  const bool first_of_segment = !first_row_seq_;
  if (first_of_segment) first_row_seq_ = row_seq;
  if (row_seq > last_seq_ + 1) {
    report(last_seq_ + 1, Problem::kMissingSequence, missing_message(last_seq_ + 1, row_seq - 1));
    link_known_ = false;
  }
  if (h.device_id != device_) {
    report(row_seq, Problem::kWrongDevice,
           "event was written by device " + hex_encode(h.device_id) + ", not " +
               hex_encode(device_));
    last_seq_ = row_seq;
    link_known_ = false;
    return;
  }
  if (h.seq != row_seq) {
    report(row_seq, Problem::kReordered,
           "position " + std::to_string(row_seq) + " holds the event with seq " +
               std::to_string(h.seq));
    last_seq_ = row_seq;
    link_known_ = false;
    return;
  }

  if (first_of_segment) first_prev_link_ = h.prev_link;
  const Sha256 hash = event_hash(canonical_header, sealed_body);
  bool content_ok = true;
  if (hash != stored_hash) {
    if (signature_ok(hash, signature)) {
      report(row_seq, Problem::kChangedHash,
             "the stored hash was altered; header, body and signature agree");
    } else {
      content_ok = false;
      report(row_seq,
             options_.header_authenticated ? Problem::kChangedBody : Problem::kChangedContent,
             options_.header_authenticated
                 ? "the sealed body is not the one that was signed"
                 : "the header or sealed body is not what was signed");
    }
  }

  if (link_known_ && h.prev_link != last_link_) {
    // The previous event hashed correctly, so its link can only differ from
    // what this event recorded if its signature bytes changed, or if this
    // event was not written after it.
    if (row_seq == 1) {
      report(row_seq, Problem::kBrokenLink, "the first event must have an all-zero prev_link");
    } else if (!last_signature_checked_ && !signature_ok(last_hash_, last_signature_)) {
      report(last_seq_, Problem::kBadSignature, "signature does not verify");
    } else {
      report(row_seq, Problem::kBrokenLink,
             "prev_link does not match event " + std::to_string(last_seq_));
    }
  }

  last_signature_checked_ = false;
  if (options_.every_signature && content_ok) {
    last_signature_checked_ = true;
    if (!signature_ok(hash, signature)) {
      report(row_seq, Problem::kBadSignature, "signature does not verify");
    }
  }

  last_seq_ = row_seq;
  last_hash_ = hash;
  last_signature_ = signature;
  last_link_ = link_hash(hash, signature);
  link_known_ = content_ok;
}

void ChainVerifier::finish(const std::optional<ChainHead>& head) {
  if (checked_ > 0 && link_known_ && !last_signature_checked_ &&
      !signature_ok(last_hash_, last_signature_)) {
    report(last_seq_, Problem::kBadSignature, "signature does not verify");
    link_known_ = false;
  }
  if (!head) return;
  if (!crypto::verify_signature(key_, head_signing_message(device_, head->seq, head->link),
                                head->signature)) {
    report(head->seq, Problem::kHeadMismatch, "the chain head's signature does not verify");
    return;
  }
  if (head->seq > last_seq_) {
    report(last_seq_ + 1, Problem::kMissingSequence,
           head->seq == last_seq_ + 1
               ? "event " + std::to_string(head->seq) +
                     " is missing: the signed chain head records it as the last event"
               : "events " + std::to_string(last_seq_ + 1) + ".." + std::to_string(head->seq) +
                     " are missing: the signed chain head records seq " +
                     std::to_string(head->seq));
  } else if (head->seq < last_seq_) {
    report(head->seq + 1, Problem::kHeadMismatch,
           "events after seq " + std::to_string(head->seq) +
               " are not covered by the signed chain head");
  } else if (link_known_ && head->link != last_link_) {
    report(head->seq, Problem::kHeadMismatch, "the signed chain head names a different event");
  }
}

}  // namespace attest::core
