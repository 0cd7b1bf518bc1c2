// The master store in one SQLite file (WAL, synchronous=FULL): the office
// server's default backend. One connection behind a mutex: the server's
// requests are small and a kiosk's upload is one short transaction, so
// serialising them is simpler than it is slow.
#pragma once

#include <filesystem>
#include <mutex>

#include "store/master_store.h"
#include "store/sqlite.h"

namespace attest::store {

class SqliteMasterStore final : public MasterStore {
 public:
  // Fails if the file exists.
  // Records the practice and its first site (by default first_site_of).
  static Result<std::unique_ptr<SqliteMasterStore>> create(
      const std::filesystem::path& path, const PracticeInfo& practice,
      const std::optional<SiteRecord>& first_site = std::nullopt);
  static Result<std::unique_ptr<SqliteMasterStore>> open(const std::filesystem::path& path,
                                                         OpenMode mode = OpenMode::kReadWrite);

  // SQLite's online backup into a new file, while the server keeps serving.
  Status backup_to(const std::filesystem::path& out);

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
  explicit SqliteMasterStore(Db db) : db_(std::move(db)) {}
  Result<core::ChainPosition> position_locked(const crypto::DeviceId& device);
  Status upsert_person_locked(const RosterPerson& p);
  // Inside a transaction; false if the nonce was used.
  Result<bool> insert_nonce_locked(const crypto::DeviceId& device, const RequestNonce& nonce);
  // Inside a transaction.
  Status append_locked(const crypto::DeviceId& device, const core::ChainPosition& after,
                       std::span<const core::SignedEvent> events, int64_t now_ms);
  Status alert_locked(int64_t now_ms, const std::string& kind,
                      const std::optional<crypto::DeviceId>& device, const std::string& detail);

  std::mutex mu_;
  Db db_;
};


}  // namespace attest::store
