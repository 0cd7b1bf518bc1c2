// The master store on PostgreSQL (sql/master-pg), for a practice group
// whose sites' office servers share one database. The same interface and
// behaviour as SqliteMasterStore; what keeps two servers from storing
// different events for one (device, seq) is in the schema (a unique key,
// and a trigger that checks each new event's link), not in this process. One
// connection per store, used by one thread at a time.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/master_store.h"
#include "store/pg.h"

namespace attest::store {

// True for a postgresql:// or postgres:// URI, as --store takes it.
bool is_postgres_uri(std::string_view s);

// Events as the events table holds them, sent by one binary COPY: how a
// batch is stored and how migrate-store copies a SQLite store's events.
class EventCopy {
 public:
  void add(const core::EventHeader& h, ByteView canonical_header, ByteView sealed_body,
           const crypto::Sha256& hash, const crypto::Signature& signature, int64_t received_ms);
  size_t size() const { return count_; }
  // Sends what was added (the table's constraints checked as for an
  // INSERT) and starts afresh.
  Result<int64_t> send(pg::Connection& c);

 private:
  pg::CopyWriter rows_;
  size_t count_ = 0;
};

class PgMasterStore final : public MasterStore {
 public:
  // Applies the schema to an empty database and records the practice and
  // its first site (by default first_site_of(practice)); fails if the
  // database already holds a master store.
  static Result<std::unique_ptr<PgMasterStore>> create(
      const std::string& uri, const PracticeInfo& practice,
      const std::optional<SiteRecord>& first_site = std::nullopt);
  // The same inside the caller's transaction on `c`, with no site row when
  // `first_site` is null: migrate-store makes the store and copies every
  // table into it, sites included, in one transaction.
  static Status create_in(pg::Connection& c, const PracticeInfo& practice,
                          const SiteRecord* first_site);
  // kUpgrade brings the schema up to date (one server at a time);
  // kMustBeCurrent (a reader) refuses an older one. Both check the
  // practice record is there.
  enum class Schema { kUpgrade, kMustBeCurrent };
  static Result<std::unique_ptr<PgMasterStore>> open(const std::string& uri,
                                                     Schema schema = Schema::kUpgrade);

  Result<PracticeInfo> practice() override;
  Result<std::vector<DeviceRecord>> devices() override;
  Result<std::optional<DeviceRecord>> find_device(const crypto::DeviceId& id) override;
  Result<bool> revoke_device(const crypto::DeviceId& id, int64_t now_ms) override;
  Status touch_device(const crypto::DeviceId& id, int64_t now_ms) override;
  Result<std::vector<SiteRecord>> sites() override;
  Status add_site(const SiteRecord& site) override;
  Status add_pairing_code(const crypto::Sha256& code_key, const std::string& site_id,
                          int64_t now_ms, int64_t expires_ms) override;
  Result<std::vector<crypto::Sha256>> open_pairing_codes(const std::string& site_id,
                                                         int64_t now_ms) override;
  Status add_own_device(const DeviceRecord& device, int64_t now_ms) override;
  Status pair_device(const crypto::Sha256& code_key, const DeviceRecord& device,
                     int64_t now_ms) override;
  Result<bool> pairing_failed(int64_t now_ms, int limit) override;
  Result<bool> remember_nonce(const crypto::DeviceId& device, ByteView nonce, int64_t request_ms,
                              int64_t prune_before_ms) override;
  Result<bool> nonce_used(const crypto::DeviceId& device, ByteView nonce) override;
  Result<core::ChainPosition> chain_position(const crypto::DeviceId& device) override;
  Result<std::optional<crypto::Sha256>> stored_hash(const crypto::DeviceId& device,
                                                    uint64_t seq) override;
  Status append_events(const crypto::DeviceId& device, const core::ChainPosition& after,
                       std::span<const core::SignedEvent> events, int64_t now_ms) override;
  Status append_events_and_publish(const crypto::DeviceId& device, const core::ChainPosition& after,
                                   std::span<const core::SignedEvent> events, int64_t now_ms,
                                   const PublishedVersion& published) override;
  Result<bool> append_events_with_nonce(const crypto::DeviceId& device,
                                        const core::ChainPosition& after,
                                        std::span<const core::SignedEvent> events, int64_t now_ms,
                                        const RequestNonce& nonce) override;
  Status quarantine(const crypto::DeviceId& device, const core::SignedEvent& event,
                    const std::string& reason, int64_t now_ms) override;
  Status for_each_event(const crypto::DeviceId& device, uint64_t from_seq,
                        const std::function<bool(const StoredEvent&)>& fn) override;
  Status for_each_event_of_kinds(const crypto::DeviceId& device, uint64_t through_seq,
                                 uint32_t kinds, uint32_t bodies,
                                 const std::function<bool(const StoredEvent&)>& fn) override;
  Result<LastEvent> last_event_through(const crypto::DeviceId& device, Date day) override;
  Result<uint64_t> event_count() override;
  Result<uint64_t> quarantine_count() override;
  Result<std::vector<Alert>> alerts() override;
  Result<std::vector<PublishedVersion>> published_versions() override;
  Result<uint64_t> roster_version() override;
  Result<std::vector<RosterPerson>> roster() override;
  Status upsert_person(const RosterPerson& p) override;
  Status add_enrollment_code(const crypto::Sha256& code_key, const std::string& person_id,
                             int64_t now_ms, int64_t expires_ms) override;
  Result<std::optional<RosterPerson>> enroll_with_code(const crypto::Sha256& code_key,
                                                       const std::string& pin_verifier,
                                                       const crypto::DeviceId& device,
                                                       int64_t now_ms) override;
  Result<std::vector<CompletionRow>> completions(const Positions& seen, size_t limit,
                                                 Positions& reached) override;

 private:
  explicit PgMasterStore(pg::Connection c) : c_(std::move(c)) {}
  static Status insert_site(pg::Connection& c, const SiteRecord& site);
  // Streams the device's events WHERE `where`, with `body` as the body column.
  Status copy_events_out(const crypto::DeviceId& device, const std::string& body,
                         const std::string& where, const std::function<bool(const StoredEvent&)>& fn);
  Result<core::ChainPosition> position_locked(const crypto::DeviceId& device, bool for_update);
  Status upsert_person_locked(const RosterPerson& p);
  Result<bool> insert_nonce_locked(const crypto::DeviceId& device, const RequestNonce& nonce);
  Status append_locked(const crypto::DeviceId& device, const core::ChainPosition& after,
                       std::span<const core::SignedEvent> events, int64_t now_ms);
  Status alert_locked(int64_t now_ms, const std::string& kind,
                      const std::optional<crypto::DeviceId>& device, const std::string& detail);
  Result<int64_t> counter_locked(const char* name, bool for_update);
  Status set_counter_locked(const char* name, int64_t value);

  std::mutex mu_;
  pg::Connection c_;
};

}  // namespace attest::store
