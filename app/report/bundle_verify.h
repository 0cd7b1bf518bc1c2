// `attest verify-bundle`: checks an evidence bundle offline, with nothing
// but its folder. In order:
//   1. manifest.sig is the signer's Ed25519 signature over manifest.json, and
//      the signer is the bundled server key (or, from a kiosk, a device key);
//   2. every file the manifest lists has its SHA-256, and no file in keys/,
//      events/, bodies/, curriculum/ or reports/ is unlisted;
//   3. each device's id is its key's fingerprint, and its chain from seq 1
//      has every hash, link and signature right (core::ChainVerifier), the
//      readable fields of each line say what the signed header says, and
//      the chain ends at the head the manifest records;
//   4. each opened body's SHA-256 is its header's body_digest;
//   5. every report is rebuilt from the bundle's events, bodies and
//      curriculum with the context the manifest records, and each CSV and
//      HTML file must equal it byte for byte (PDF is checked by its hash).
// Every problem found is listed, each naming its file, line and record.
#pragma once

#include <filesystem>

#include "report/bundle_layout.h"

namespace attest::report {

struct BundleCheckOptions {
  bool every_signature = false;  // also verify each event's signature on its own
};

struct BundleCheck {
  std::vector<BundleProblem> problems;
  std::vector<std::string> notes;  // what this build could not check, and why
  size_t devices = 0;
  uint64_t events = 0;
  size_t reports = 0;
  uint64_t bodies = 0;
  size_t files = 0;
  std::string signer;  // "the server key, fingerprint 3f2a..."
  bool ok() const { return problems.empty(); }
  // "1 device, 27 events, 17 reports, 9 bodies checked"
  std::string counts() const;
};

// An error only when `dir` is not a folder; everything else is a problem.
Result<BundleCheck> verify_bundle(const std::filesystem::path& dir,
                                  const BundleCheckOptions& options = {});

}  // namespace attest::report
