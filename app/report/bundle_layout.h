// The evidence bundle's files and their formats, defined once for the
// writer, the reader and the verifier. A bundle is a plain folder an auditor
// can read with a text editor and check with `attest verify-bundle`:
//
//   README.txt                     what the bundle is and how to check it
//   manifest.json                  practice, period, device heads, SHA-256 of
//   manifest.sig                   every other file; signed by the server key
//                                  (or, with no server, the kiosk's device key)
//   keys/devices.json              each device: id, name, Ed25519 public key
//   keys/server.pub                the server's Ed25519 public key (hex)
//   keys/practice.pub              the practice's X25519 public key (hex)
//   events/<device id>.jsonl       a device's chain from seq 1, one event a line
//   bodies/<device id>.jsonl       its opened bodies, one a line in seq order:
//                                  {"seq":N,"body":<the exact bytes that were sealed>}
//   curriculum/...                 the content files the reports were built with
//   reports/<report>.<ext>         every report, built from the files above
//
// Device ids, hashes, keys and signatures are lowercase hex; the canonical
// header and sealed body are base64, since only software reads them.
//
// Bodies are one file per device, not one per body: a million-event
// practice has hundreds of thousands of bodies, and a file each made the
// export spend most of its time creating and opening files. A body's bytes
// are still exact: everything between `"body":` and the line's last `}`.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/assignment.h"
#include "core/event.h"
#include "crypto/seal.h"
#include "report/ledger.h"

namespace attest::report {

// 2: bodies in one file per device (1 had a file per body).
inline constexpr int kBundleFormatVersion = 2;
inline constexpr char kBundleFormatName[] = "attest evidence bundle";
inline constexpr char kManifestFile[] = "manifest.json";
inline constexpr char kManifestSigFile[] = "manifest.sig";
inline constexpr char kReadmeFile[] = "README.txt";
inline constexpr char kDevicesFile[] = "keys/devices.json";
inline constexpr char kServerKeyFile[] = "keys/server.pub";
inline constexpr char kPracticeKeyFile[] = "keys/practice.pub";

// The folders whose every file the manifest must list; a stray file in one
// of them could be taken for evidence, or (in curriculum/) change a report.
inline constexpr const char* kListedFolders[] = {"keys", "events", "bodies", "curriculum",
                                                 "reports"};

std::string bundle_events_file(const crypto::DeviceId& device);  // events/<hex>.jsonl
std::string bundle_bodies_file(const crypto::DeviceId& device);  // bodies/<hex>.jsonl
// A report's file name without extension: its id, with anything but
// letters, digits, '-', '_' and '.' made '_' (a person id comes from the
// records, and must not name a path outside reports/).
std::string report_file_stem(const std::string& report_id);

// One stored event as a store streams it and the bundle copies it.
struct RawEvent {
  crypto::DeviceId device{};
  uint64_t seq = 0;
  ByteView canonical_header;
  ByteView sealed_body;
  const crypto::Sha256* hash = nullptr;
  const crypto::Signature* signature = nullptr;
};

// A line of events/<device>.jsonl: the signed parts, and the header's
// fields decoded for a human reader (which the verifier checks against the
// signed header, so they cannot say something else).
// Written by hand rather than through a json value: a million lines are
// most of an export's work.
void append_event_line(std::string& out, const RawEvent& e, const core::EventHeader& header);
std::string bundle_event_line(const RawEvent& e, const core::EventHeader& header);
nlohmann::json readable_header_fields(const core::EventHeader& header);

struct EventLine {
  uint64_t seq = 0;
  Bytes canonical_header;
  Bytes sealed_body;
  crypto::Sha256 hash{};
  crypto::Signature signature{};
  nlohmann::json fields;  // the whole line as parsed
};
// Any JSON object with those fields, in any order.
Result<EventLine> parse_event_line(std::string_view line);
// The signed parts of a line laid out exactly as append_event_line writes
// it, found by position; `fields` stays empty. Nullopt when the line is not
// in that layout. The verifier writes the line again from what it finds and
// compares: equal, and every readable field is what the signed header says.
std::optional<EventLine> parse_event_line_fast(std::string_view line);

// A line of bodies/<device>.jsonl.
void append_body_line(std::string& out, uint64_t seq, ByteView body);
struct BodyLine {
  uint64_t seq = 0;
  std::string_view body;  // the exact bytes, within the line
};
Result<BodyLine> parse_body_line(std::string_view line);

struct BundleDevice {
  crypto::DeviceId id{};
  std::string name;
  crypto::SignPublicKey key{};
};
std::string devices_json(const std::vector<BundleDevice>& devices);
Result<std::vector<BundleDevice>> parse_devices_json(std::string_view text);

// What the manifest records of each device's chain in the bundle.
struct BundleHead {
  crypto::DeviceId device{};
  uint64_t events = 0;
  uint64_t last_seq = 0;
  crypto::Sha256 hash{};  // of the last event
  crypto::Sha256 link{};  // link_hash of the last event: commits to the whole chain
};

struct BundleManifest {
  int format_version = kBundleFormatVersion;
  std::string practice;
  Date from;
  Date to;
  Date as_of;
  std::string generated_at;
  std::string generated_by;
  std::string app_version;
  std::string source;  // "server" or "kiosk"
  bool bodies_opened = true;
  std::string signer_role;  // "server" or "device"
  crypto::SignPublicKey signer_key{};
  core::AssignmentRules rules;
  std::vector<std::string> formats;  // report formats, by extension without the dot
  std::vector<BundleHead> devices;   // sorted by device id
  std::map<std::string, crypto::Sha256> files;  // every other file, by relative path
};
std::string manifest_json(const BundleManifest& m);
Result<BundleManifest> parse_manifest(std::string_view text);
// What manifest.sig signs: a domain string, then manifest.json's bytes, so
// the signature can never be mistaken for an event's or a chain head's.
Bytes manifest_signing_message(ByteView manifest);

// One thing wrong with a bundle, named so an auditor can open the file at
// the line and find the record: "events/3f2a...jsonl line 17 (3f2a91c0 #17): ...".
struct BundleProblem {
  std::string file;
  size_t line = 0;  // 1-based; 0 when the whole file is meant
  std::optional<EventRef> record;
  std::string message;
  std::string to_string() const;
};

// How the ledger reads a bundle: the period of the manifest, and records
// past retention as of its as_of date.
LedgerOptions bundle_ledger_options(const BundleManifest& m);

// "1,204"
std::string thousands(uint64_t n);

}  // namespace attest::report
