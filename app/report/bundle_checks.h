// The steps of verify_bundle() that read records and reports, shared
// between bundle_verify.cpp (manifest, files, keys) and
// bundle_verify_records.cpp (chains, bodies, reports). Internal to the
// verifier.
#pragma once

#include <filesystem>
#include <set>

#include "report/bundle_verify.h"

namespace attest::report::checks {

struct State {
  const std::filesystem::path& dir;
  const BundleManifest& manifest;
  const BundleCheckOptions& options;
  std::vector<BundleDevice> devices;  // from keys/devices.json
  BundleCheck& out;

  void problem(std::string file, size_t line, std::optional<EventRef> record, std::string message) {
    out.problems.push_back({std::move(file), line, record, std::move(message)});
  }
};

// 3 and 4: each listed device's chain against its key and the manifest's
// head, with its opened bodies; then 5: every report rebuilt from them and
// compared. One pass over each device's files.
void check_records(State& s);

}  // namespace attest::report::checks
