// Verifies every device chain in the master store: each event's hash and
// link, the last event's signature (or every signature), and that the
// stored chain position matches the last stored event. Used by
// `attest-server verify` and before `attest-server serve` starts.
#pragma once

#include <vector>

#include "core/chain_verifier.h"
#include "store/master_store.h"

namespace attest::store {

struct DeviceVerification {
  DeviceRecord device;
  uint64_t events = 0;
  std::vector<core::Finding> findings;
};

struct MasterVerification {
  std::vector<DeviceVerification> devices;
  uint64_t events = 0;
  uint64_t quarantined = 0;
  bool intact() const;
};

Result<MasterVerification> verify_master(MasterStore& store, const core::VerifyOptions& options);

}  // namespace attest::store
