// The practice's master record store, as sync and reports see it. One
// narrow interface so the embedded SQLite backend (sqlite_master_store.h)
// can be joined by a PostgreSQL one for practice groups without touching
// sync/server or app/report. Every method is safe to call from several
// threads; writes are atomic.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/event_builder.h"
#include "crypto/seal.h"
#include "store/published_version.h"

namespace attest::store {

struct PracticeInfo {
  std::string name;
  // The key of the server the store was made with: the first site's.
  crypto::SignPublicKey server_key{};
  crypto::BoxPublicKey practice_key{};
  int64_t created_utc_ms = 0;
};

// One location of a practice group, with its own office server. A store
// made by `attest-server init` has one site; `attest-server add-site` adds
// more to a PostgreSQL store that several sites' servers share.
struct SiteRecord {
  std::string id;    // short, for commands: "main", "downtown"
  std::string name;  // as staff know it: "Downtown office"
  crypto::SignPublicKey server_key{};
  int64_t created_utc_ms = 0;
};

// The site a store made before sites existed became, and the default of
// `attest-server init`.
inline constexpr char kFirstSiteId[] = "main";
inline constexpr char kFirstSiteName[] = "Main office";

// Whether `id` can name a site: 1-32 of a-z, 0-9 and "-", not starting
// with "-" (the PostgreSQL schema checks the same).
inline bool valid_site_id(std::string_view id) {
  if (id.empty() || id.size() > 32 || id[0] == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// What both backends' add_site (and attest-server, before it writes a
// server's folder) check first; and what they say when the id or the
// server key is taken.
inline Status check_site(const SiteRecord& site) {
  if (!valid_site_id(site.id)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "a site's id is 1-32 of a-z, 0-9 and -, such as downtown (got \"" + site.id +
                          "\")");
  }
  if (site.name.empty()) return make_error(ErrorCode::kInvalidArgument, "the site needs a name");
  return {};
}
inline Error site_taken(const SiteRecord& site) {
  return make_error(ErrorCode::kAlreadyExists,
                    "the group already has a site \"" + site.id + "\" or a server with that key");
}

// The one site of a store made without naming it.
inline SiteRecord first_site_of(const PracticeInfo& p) {
  return {kFirstSiteId, kFirstSiteName, p.server_key, p.created_utc_ms};
}

struct DeviceRecord {
  crypto::DeviceId id{};
  crypto::SignPublicKey public_key{};
  std::string name;
  int64_t enrolled_utc_ms = 0;
  std::optional<int64_t> revoked_utc_ms;
  std::optional<int64_t> last_seen_utc_ms;
  uint64_t stored_through_seq = 0;
  std::string site_id;  // the site whose server paired it (for a server, its own)
};

struct StoredEvent {
  crypto::DeviceId device{};
  uint64_t seq = 0;
  Bytes canonical_header;
  Bytes sealed_body;
  crypto::Sha256 hash{};
  crypto::Signature signature{};
  int64_t received_utc_ms = 0;
};

struct Alert {
  int64_t utc_ms = 0;
  std::string kind;  // "fork", "pairing"
  std::optional<crypto::DeviceId> device;
  std::string detail;
};

struct RosterPerson {
  std::string person_id;
  std::string name;
  std::string role;
  std::string hired;  // YYYY-MM-DD
  bool active = true;
  std::string pin_verifier;
};

// A completion as reports and kiosks need it, read from stored headers.
// (device, seq) names one immutable event, so it is also where a reader of
// completions has got to: unlike a row number, it means the same after the
// store is restored from a backup and refilled.
struct CompletionRow {
  crypto::DeviceId device{};
  uint64_t seq = 0;
  std::string person_id;
  std::string kind;
  std::string item_id;
  std::string version;
  int64_t utc_ms = 0;
  int32_t offset_minutes = 0;
};

// A signed request's nonce, as remember_nonce takes it.
struct RequestNonce {
  ByteView nonce;
  int64_t request_ms = 0;
  int64_t prune_before_ms = 0;
};

class MasterStore {
 public:
  virtual ~MasterStore() = default;

  virtual Result<PracticeInfo> practice() = 0;

  // Sites, in the order they were added.
  virtual Result<std::vector<SiteRecord>> sites() = 0;
  // Fails with kAlreadyExists if the id or the server key is taken.
  virtual Status add_site(const SiteRecord& site) = 0;
  // The site whose office server has this key, if any.
  Result<std::optional<SiteRecord>> site_of_server(const crypto::SignPublicKey& key) {
    for (auto& s : TRY(sites())) {
      if (s.server_key == key) return std::optional<SiteRecord>(std::move(s));
    }
    return std::optional<SiteRecord>();
  }

  // Devices.
  virtual Result<std::vector<DeviceRecord>> devices() = 0;
  virtual Result<std::optional<DeviceRecord>> find_device(const crypto::DeviceId& id) = 0;
  // False when there is no such device or it was already revoked.
  virtual Result<bool> revoke_device(const crypto::DeviceId& id, int64_t now_ms) = 0;
  virtual Status touch_device(const crypto::DeviceId& id, int64_t now_ms) = 0;

  // Pairing codes, kept as their pairing key.
  // A code works only at the site (`site_id`) whose server made it.
  virtual Status add_pairing_code(const crypto::Sha256& code_key, const std::string& site_id,
                                  int64_t now_ms,
                                  int64_t expires_ms) = 0;
  virtual Result<std::vector<crypto::Sha256>> open_pairing_codes(const std::string& site_id,
                                                                int64_t now_ms) = 0;
  // Marks the code used and enrolls the device in one transaction; fails
  // if the code was used meanwhile or the device is already enrolled.
  virtual Status pair_device(const crypto::Sha256& code_key, const DeviceRecord& device,
                             int64_t now_ms) = 0;
  // Lists the office server itself as a device, so the records it makes
  // (roster changes, reviews, designations made at the office PC) form a
  // chain like any kiosk's. Does nothing if it is listed already.
  virtual Status add_own_device(const DeviceRecord& device, int64_t now_ms) = 0;
  // Counts a wrong code; at `limit` failures every open code is cancelled
  // and an alert raised. Returns true when that happened.
  virtual Result<bool> pairing_failed(int64_t now_ms, int limit) = 0;

  // False if this device already used this nonce. Nonces older than
  // `prune_before_ms` are forgotten on the way.
  virtual Result<bool> remember_nonce(const crypto::DeviceId& device, ByteView nonce,
                                      int64_t request_ms, int64_t prune_before_ms) = 0;
  // Whether this device used this nonce; remembers nothing.
  virtual Result<bool> nonce_used(const crypto::DeviceId& device, ByteView nonce) = 0;

  // Chains.
  virtual Result<core::ChainPosition> chain_position(const crypto::DeviceId& device) = 0;
  virtual Result<std::optional<crypto::Sha256>> stored_hash(const crypto::DeviceId& device,
                                                            uint64_t seq) = 0;
  // Appends events that continue the chain at `after` (checked again inside
  // the transaction, so two uploads racing cannot both land).
  virtual Status append_events(const crypto::DeviceId& device, const core::ChainPosition& after,
                               std::span<const core::SignedEvent> events, int64_t now_ms) = 0;
  // append_events and remember_nonce in one transaction, for the request
  // that carried the events: one commit, so one fsync, for both. False,
  // with nothing stored, if this device already used the nonce.
  virtual Result<bool> append_events_with_nonce(const crypto::DeviceId& device,
                                                const core::ChainPosition& after,
                                                std::span<const core::SignedEvent> events,
                                                int64_t now_ms, const RequestNonce& nonce) = 0;
  // append_events and the policy version the events publish, in one
  // transaction: a PolicyPublished record and the copy kiosks learn its day
  // from (sql/master/0003) land together or not at all.
  virtual Status append_events_and_publish(const crypto::DeviceId& device,
                                           const core::ChainPosition& after,
                                           std::span<const core::SignedEvent> events, int64_t now_ms,
                                           const PublishedVersion& published) = 0;
  virtual Status quarantine(const crypto::DeviceId& device, const core::SignedEvent& event,
                            const std::string& reason, int64_t now_ms) = 0;
  virtual Status for_each_event(const crypto::DeviceId& device, uint64_t from_seq,
                                const std::function<bool(const StoredEvent&)>& fn) = 0;
  // The events of `device` up to `through_seq` whose kind is in `kinds` (a
  // mask of core::kind_bit), in sequence order. Bodies are
  // read only for the kinds in `bodies`; the others come with an empty
  // sealed_body. For reports that read a few kinds out of millions of events.
  virtual Status for_each_event_of_kinds(const crypto::DeviceId& device, uint64_t through_seq,
                                         uint32_t kinds, uint32_t bodies,
                                         const std::function<bool(const StoredEvent&)>& fn) = 0;
  // The last event of `device` whose local date is on or before `day` (seq
  // 0 if none), and when it was made: where an evidence bundle or a report
  // through `day` ends the device's chain.
  struct LastEvent {
    uint64_t seq = 0;
    Timestamp time;
  };
  virtual Result<LastEvent> last_event_through(const crypto::DeviceId& device, Date day) = 0;
  Result<uint64_t> last_seq_through(const crypto::DeviceId& device, Date day) {
    return TRY(last_event_through(device, day)).seq;
  }
  virtual Result<uint64_t> event_count() = 0;
  virtual Result<uint64_t> quarantine_count() = 0;
  virtual Result<std::vector<Alert>> alerts() = 0;

  // Roster and status for kiosks.
  // Policy versions published at the office PC (sql/master/0003), as
  // append_events_and_publish saved them.
  virtual Result<std::vector<PublishedVersion>> published_versions() = 0;
  virtual Result<uint64_t> roster_version() = 0;
  virtual Result<std::vector<RosterPerson>> roster() = 0;
  virtual Status upsert_person(const RosterPerson& p) = 0;
  // A new one-time code for this person; earlier unused codes for them
  // stop working.
  virtual Status add_enrollment_code(const crypto::Sha256& code_key, const std::string& person_id,
                                     int64_t now_ms, int64_t expires_ms) = 0;
  // Uses the code and sets the person's PIN verifier, in one transaction.
  // Empty when no unused, unexpired code matches.
  virtual Result<std::optional<RosterPerson>> enroll_with_code(const crypto::Sha256& code_key,
                                                               const std::string& pin_verifier,
                                                               const crypto::DeviceId& device,
                                                               int64_t now_ms) = 0;
  // Completions past `seen` (each device's seq already read; absent: 0),
  // in (device, seq) order, at most `limit`. `reached` gets each device's
  // new position: its stored head when all of it was read.
  using Positions = std::map<crypto::DeviceId, uint64_t>;
  virtual Result<std::vector<CompletionRow>> completions(const Positions& seen, size_t limit,
                                                         Positions& reached) = 0;
};

}  // namespace attest::store
