#include "sync/protocol/upload_check.h"

#include "core/chain_verifier.h"

namespace attest::sync {

namespace {

UploadDecision invalid(std::string reason) {
  return UploadDecision{UploadOutcome::kInvalid, 0, 0, 0, std::move(reason)};
}

UploadDecision fork_at(size_t index, uint64_t seq, std::string why) {
  return UploadDecision{UploadOutcome::kFork, 0, 0, index,
                        "event " + std::to_string(seq) + " " + std::move(why)};
}

}  // namespace

UploadDecision check_upload(const UploadBatch& batch, const crypto::SignPublicKey& device_key,
                            const StoredPosition& stored, const StoredHashLookup& stored_hash) {
  const crypto::DeviceId device = crypto::fingerprint(device_key);
  if (batch.device != device) return invalid("the batch names another device");
  if (batch.events.empty()) return invalid("the batch is empty");

  size_t i = 0;
  for (; i < batch.events.size() && batch.events[i].header.seq <= stored.seq; ++i) {
    const auto& e = batch.events[i];
    auto have = stored_hash(e.header.seq);
    if (!have) return invalid("the server has no event " + std::to_string(e.header.seq));
    if (*have == e.hash) continue;
    // Only the device can sign; an unsigned difference is just a bad request.
    if (e.header.device_id == device &&
        crypto::verify_signature(device_key, core::signing_message(e.hash), e.signature)) {
      return fork_at(i, e.header.seq, "differs from the one already stored");
    }
    return invalid("event " + std::to_string(e.header.seq) +
                   " differs from the one stored and its signature does not verify");
  }
  if (i == batch.events.size()) {
    return UploadDecision{UploadOutcome::kNothingNew, i, 0, 0, "already stored"};
  }
  if (batch.events[i].header.seq != stored.seq + 1) {
    UploadDecision d{UploadOutcome::kGap, 0, stored.seq + 1, 0, ""};
    d.reason = "expected event " + std::to_string(stored.seq + 1) + " next, got " +
               std::to_string(batch.events[i].header.seq);
    return d;
  }

  core::ChainVerifier v(device, device_key, core::VerifyOptions{});
  v.start_after(stored.seq, stored.link);
  for (size_t k = i; k < batch.events.size(); ++k) {
    const auto& e = batch.events[k];
    v.add(e.header.seq, e.header, e.canonical_header, e.sealed_body, e.hash, e.signature);
  }
  v.finish(std::nullopt);
  if (!v.intact()) {
    const core::Finding& f = v.findings().front();
    const auto& first = batch.events[i];
    if (f.problem == core::Problem::kBrokenLink && f.seq == first.header.seq &&
        crypto::verify_signature(device_key, core::signing_message(first.hash), first.signature)) {
      return fork_at(i, f.seq, "does not follow the event the server stores before it");
    }
    return invalid("event " + std::to_string(f.seq) + ": " +
                   std::string(core::problem_name(f.problem)) + " (" + f.detail + ")");
  }
  return UploadDecision{UploadOutcome::kAppend, i, 0, 0, ""};
}

Rejection rejection_for(const UploadDecision& d) {
  switch (d.outcome) {
    case UploadOutcome::kGap: {
      Rejection r = reject(409, "gap", d.reason);
      r.details["expected_seq"] = d.expected_seq;
      return r;
    }
    case UploadOutcome::kFork:
      return reject(409, "fork",
                    d.reason + "; it was quarantined and the Security Official alerted");
    case UploadOutcome::kInvalid:
      return reject(422, "invalid_chain", d.reason);
    default:
      return reject(500, "internal", "not a rejection");
  }
}

}  // namespace attest::sync
