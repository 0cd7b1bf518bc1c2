// Writes an evidence bundle (layout in bundle_layout.h) from a record store
// the caller opens: the CLI streams a kiosk's or the office server's events
// through `for_each`. The bundle's reports are built from the events and
// opened bodies as they are written, with the curriculum read back from the
// bundle, as `attest verify-bundle` rebuilds them from the bundle's files;
// so every row of every report is backed by a bundled, signed event. Each
// file is hashed as it is written, and each chain checked as it is copied.
//
// The bundle is written into a temporary folder beside `out` and renamed
// into place at the end: `out` is complete, or absent.
#pragma once

#include <filesystem>
#include <functional>

#include "content/content.h"
#include "report/bundle_layout.h"
#include "report/report_set.h"

namespace attest::report {

struct BundleInput {
  std::string practice;
  std::string source;                // "server" or "kiosk"
  std::vector<BundleDevice> devices;  // every device whose events may appear
  std::optional<crypto::SignPublicKey> server_key;
  crypto::BoxPublicKey practice_key{};
  const crypto::BoxSecretKey* secret = nullptr;  // null: bodies stay sealed
  const content::Catalog* catalog = nullptr;     // loaded from `assets`
  std::filesystem::path assets;
  // Streams every event of every device, device by device in id order,
  // each in sequence order (the order verify-bundle reads them, so reports
  // built here are the ones it rebuilds). Called twice, once to find where
  // each chain ends and once to copy it, unless chain_end is given.
  std::function<Status(const std::function<Status(const RawEvent&)>&)> for_each;
  // Optional: the last seq of a device dated on or before a day (0: none),
  // from a store that can say without streaming the chain; then for_each
  // is called once.
  std::function<Result<uint64_t>(const crypto::DeviceId&, Date)> chain_end;
};

struct BundleOptions {
  Date from;
  Date to;  // also the reports' as-of date
  std::string generated_at;
  std::string generated_by;  // empty: the Security Official on record
  std::string app_version;
  core::AssignmentRules rules;
  // Report formats to write; empty: every one render() makes in this build.
  // CSV is always written: it is what verify-bundle checks row by row.
  std::vector<Format> formats;
};

// The key that signs the manifest and what it is: "server" (the office
// server's key) or "device" (the kiosk's own key, for a practice without one).
struct BundleSigner {
  const crypto::SigningKey* key = nullptr;
  std::string role;
};

struct BundleWritten {
  BundleManifest manifest;
  uint64_t events = 0;
  uint64_t bodies = 0;
  size_t reports = 0;
  std::vector<std::string> skipped_formats;  // formats render() does not offer in this build
  // Each chain is checked as it is copied; a record that breaks it is
  // bundled as stored (it is the evidence) and named here, and
  // verify-bundle will name it too.
  std::vector<std::string> chain_problems;
};

// Refuses an `out` that exists and is not an empty folder.
Result<BundleWritten> write_bundle(const std::filesystem::path& out, const BundleInput& in,
                                   const BundleOptions& options, const BundleSigner& signer);

// README.txt for the auditor (bundle_readme.cpp).
std::string bundle_readme(const BundleManifest& m, const std::vector<BundleDevice>& devices,
                          const std::optional<crypto::SignPublicKey>& server_key,
                          uint64_t events, uint64_t bodies, size_t reports);

}  // namespace attest::report
