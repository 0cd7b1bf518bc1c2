// `attest verify` for a kiosk store: decrypts every header with the device
// storage key and runs the chain verifier over the whole log, the signed
// chain head included. Works on a read-only connection and changes nothing.
#pragma once

#include <filesystem>

#include "core/chain_verifier.h"
#include "crypto/device_key.h"

namespace attest::store {

struct VerifyReport {
  crypto::DeviceId device_id{};
  uint64_t events = 0;
  uint64_t last_seq = 0;
  std::vector<core::Finding> findings;
  bool intact() const { return findings.empty(); }
};

Result<VerifyReport> verify_kiosk_store(const std::filesystem::path& path,
                                        const crypto::DeviceKey& device,
                                        core::VerifyOptions options = {});

}  // namespace attest::store
