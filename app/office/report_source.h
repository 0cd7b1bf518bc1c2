// Where reports read events: the office server's master store or, for a
// practice with no server, a kiosk's own store. Either way the events are
// streamed into a report::Ledger, bodies opened with the practice key when
// the caller has unlocked it. `attest report`, `attest export-evidence` and
// attest-server's dashboard all load their reports through here, so a
// figure on the dashboard is the figure in the CLI's report.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/content.h"
#include "crypto/seal.h"
#include "report/bundle_layout.h"
#include "report/bundle_writer.h"
#include "report/ledger.h"
#include "report/reports.h"

namespace attest::office {

struct SourceOptions {
  std::string server;     // a server directory (master.db or master-store.uri, practice.key)
  std::string store_uri;  // with `server`: this PostgreSQL store instead of the folder's
  std::string kiosk;      // a kiosk directory (kiosk.db, keys/device.key, practice.key)
  std::string assets;     // the curriculum folder
  std::string as_of;      // YYYY-MM-DD; empty: today
  std::string by;         // who is generating; empty: the current Security Official
  // One site of a practice group (its id), else the whole group: that
  // site's kiosks, and every office server's chain (the group's roster,
  // policies and the official's records, which every site's reports need).
  std::string site;
};

// One stored event as the evidence bundle copies it.
using RawEvent = report::RawEvent;

struct Source {
  std::string practice;
  std::map<crypto::DeviceId, std::string> device_names;
  std::map<crypto::DeviceId, crypto::SignPublicKey> device_keys;
  // Every site's office server key (none for a kiosk's own store).
  std::vector<crypto::SignPublicKey> server_keys;
  crypto::BoxPublicKey practice_key{};
  // The practice key's secret, when the caller unlocked it; without it
  // names and details stay sealed.
  std::optional<crypto::BoxSecretKey> secret;
  content::Catalog catalog;
  Date as_of;

  // Streams every event of every device, each device in sequence order.
  std::function<Status(const std::function<Status(const RawEvent&)>&)> for_each;
  // Where a bundle through a day ends a device's chain, when the store can
  // say without streaming it (report::BundleInput::chain_end).
  std::function<Result<uint64_t>(const crypto::DeviceId&, Date)> chain_end;
  // A master store can also give each device's events of some kinds alone
  // (a mask of core::kind_bit; bodies only for `bodies`), up to its last
  // through `until`, and what the device's whole chain holds by then: what
  // the compliance matrix reads out of millions of records. Null for a
  // kiosk's store, which is read whole.
  using HeadFn = std::function<void(const crypto::DeviceId&, const report::DeviceHead&)>;
  std::function<Status(uint32_t kinds, uint32_t bodies, Date until,
                       const std::function<Status(const RawEvent&)>& fn, const HeadFn& head)>
      for_each_of_kinds;
};

// Opens the store and the curriculum; the secret is left for the caller.
Result<Source> open_source(const SourceOptions& o);

// The practice key file of the store `o` names.
std::filesystem::path practice_key_file(const SourceOptions& o);

// What an evidence bundle of `s` copies: its devices, keys, curriculum and
// events. `server_key`: the office server key that signs the bundle (null
// for a kiosk's own store).
report::BundleInput bundle_input(const Source& s, const SourceOptions& o,
                                 const crypto::SignPublicKey* server_key);

// Builds the ledger (events after as_of left out) and the report context.
struct Loaded {
  report::Ledger ledger;
  report::ReportContext ctx;
};
// "2026-11-23 16:40 UTC": when a report or bundle is generated.
std::string generated_at_now();

// `record_kinds` (report::record_kinds_for): the kinds of event the reports
// read; a master store then reads only those. Who generated the reports:
// `generated_by`, else the Security Official on record, else `fallback_by`.
Result<Loaded> load_reports(Source& source, const std::string& generated_by,
                            const std::string& fallback_by,
                            const report::LedgerOptions& extra = {},
                            uint32_t record_kinds = ~uint32_t{0});

}  // namespace attest::office
