#include "store/master_verify.h"

#include "core/canonical.h"

namespace attest::store {

bool MasterVerification::intact() const {
  for (const auto& d : devices) {
    if (!d.findings.empty()) return false;
  }
  return true;
}

Result<MasterVerification> verify_master(MasterStore& store, const core::VerifyOptions& options) {
  MasterVerification out;
  for (const DeviceRecord& d : TRY(store.devices())) {
    DeviceVerification dv{d, 0, {}};
    core::ChainVerifier v(d.id, d.public_key, options);
    TRY_STATUS(store.for_each_event(d.id, 1, [&](const StoredEvent& e) {
      auto header = core::decode_header(e.canonical_header);
      if (!header.ok()) {
        v.add_unreadable(e.seq, {e.seq, core::Problem::kChangedHeader,
                                 "the stored header does not decode: " + header.error().message});
      } else {
        v.add(e.seq, *header, e.canonical_header, e.sealed_body, e.hash, e.signature);
      }
      return true;
    }));
    v.finish(std::nullopt);
    dv.events = v.events_checked();
    dv.findings = v.findings();
    const core::ChainPosition at = TRY(store.chain_position(d.id));
    if (at.next_seq - 1 != v.last_seq()) {
      dv.findings.push_back({at.next_seq - 1, core::Problem::kHeadMismatch,
                             "the store records the chain through seq " +
                                 std::to_string(at.next_seq - 1) + " but holds events through " +
                                 std::to_string(v.last_seq())});
    } else if (v.intact() && v.last_seq() > 0 && at.prev_link != v.last_link()) {
      dv.findings.push_back({v.last_seq(), core::Problem::kHeadMismatch,
                             "the stored chain position names a different last event"});
    }
    out.events += dv.events;
    out.devices.push_back(std::move(dv));
  }
  out.quarantined = TRY(store.quarantine_count());
  return out;
}

}  // namespace attest::store
