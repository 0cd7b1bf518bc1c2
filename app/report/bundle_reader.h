// Reads an evidence bundle's folder: its manifest, device list, each
// device's events line by line, and the ledger and report context its
// reports are built from. The exporter builds the bundle's reports through
// here from the files it has just written, and the verifier rebuilds them
// the same way, so what is bundled and what is checked cannot drift apart.
#pragma once

#include <filesystem>
#include <functional>

#include "content/content.h"
#include "report/bundle_layout.h"
#include "report/reports.h"

namespace attest::report {

// `relative` is a path as the manifest writes it ("keys/devices.json").
Result<std::string> read_bundle_file(const std::filesystem::path& dir, const std::string& relative);
// Streams the file through SHA-256: an events file can be larger than is
// worth holding in memory.
Result<crypto::Sha256> sha256_of_file(const std::filesystem::path& path);
Result<BundleManifest> read_manifest(const std::filesystem::path& dir);
Result<std::vector<BundleDevice>> read_devices(const std::filesystem::path& dir);

// Calls `fn` for each line of events/<device>.jsonl in order, with its
// 1-based line number and the parsed line or why it does not parse.
using EventLineFn = std::function<void(size_t line, Result<EventLine>& event)>;
Status for_each_event_line(const std::filesystem::path& dir, const crypto::DeviceId& device,
                           const EventLineFn& fn);

struct BundleLedger {
  Ledger ledger;
  uint64_t bodies = 0;  // opened bodies read and matched to their header
  std::vector<BundleProblem> problems;  // bodies missing or not matching
};

// Feeds every device's events in the manifest's order (sorted by device id,
// so the reports come out the same every time) and, when the bundle has
// them, the opened bodies. A body whose SHA-256 is not its header's
// body_digest is left out, so the record counts as sealed, and named in
// `problems`. Lines or headers that do not parse are skipped: the chain
// check names them.
BundleLedger load_bundle_ledger(const std::filesystem::path& dir, const BundleManifest& m);

// The curriculum folder, which must load without errors.
Result<content::Catalog> load_bundle_curriculum(const std::filesystem::path& dir);

// Everything a report prints that is not an event: as the manifest says.
ReportContext bundle_report_context(const BundleManifest& m,
                                    const std::vector<BundleDevice>& devices,
                                    const content::Catalog& catalog);

}  // namespace attest::report
