// The kiosk's record store: an append-only, encrypted, hash-chained log in
// one SQLite file (WAL, synchronous=FULL). append() returns only after the
// event, its outbox mark and the new signed chain head are committed and
// fsynced, so "Signed" on screen means the record survives a power cut.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "core/chain_verifier.h"
#include "core/event_builder.h"
#include "crypto/device_key.h"
#include "crypto/seal.h"
#include "store/sqlite.h"

namespace attest::store {

struct Appended {
  uint64_t seq = 0;
  core::EventId event_id{};
  core::Sha256 hash{};
  core::EventHeader header;  // as written, so callers need not read it back
};

class KioskStore {
 public:
  // Creates a new store file; fails if one exists.
  static Result<KioskStore> create(const std::filesystem::path& path, crypto::DeviceKey device,
                                   const crypto::BoxPublicKey& practice_key, const Clock& clock);
  // Opens an existing store and checks it belongs to this device key.
  // kReadOnly never writes (no migration either), for dump and reports.
  static Result<KioskStore> open(const std::filesystem::path& path, crypto::DeviceKey device,
                                 OpenMode mode = OpenMode::kReadWrite);

  KioskStore(KioskStore&&) = default;
  KioskStore& operator=(KioskStore&&) = default;

  Result<Appended> append(const core::EventDraft& draft, const Clock& clock, Random& rng);
  // The same, with `also` run in the same transaction: the event and the
  // working state it goes with (a roster change and the people table) are
  // committed together or not at all.
  Result<Appended> append(const core::EventDraft& draft, const Clock& clock, Random& rng,
                          const std::function<Status(Db&)>& also);
  // All or nothing, in one transaction; for imports and benchmarks.
  Result<std::vector<Appended>> append_batch(std::span<const core::EventDraft> drafts,
                                             const Clock& clock, Random& rng);

  Result<core::ChainPosition> position();
  Result<uint64_t> event_count();
  Result<uint64_t> pending_count();  // events no server receipt covers yet

  // Decrypts and decodes one event.
  Result<core::SignedEvent> read(uint64_t seq);
  // Streams events seq >= from in order; stop by returning false.
  Status for_each(uint64_t from, const std::function<bool(const core::SignedEvent&)>& fn);

  const crypto::DeviceKey& device() const { return device_; }
  const crypto::BoxPublicKey& practice_key() const { return practice_key_; }
  Db& db() { return db_; }

 private:
  KioskStore(Db db, crypto::DeviceKey device, const crypto::BoxPublicKey& practice_key)
      : db_(std::move(db)), device_(std::move(device)), practice_key_(practice_key) {}
  Result<Appended> append_in_tx(const core::EventDraft& draft, core::ChainPosition& at,
                                const Clock& clock, Random& rng);
  Status write_head(const core::ChainPosition& at);

  Db db_;
  crypto::DeviceKey device_;
  crypto::BoxPublicKey practice_key_{};
};

// Associated data binding an encrypted header to its device and position.
Bytes header_associated_data(const crypto::DeviceId& device, uint64_t seq);

// Opens the database file with the pragmas every connection uses.
Result<Db> open_kiosk_db(const std::filesystem::path& path, OpenMode mode);
Result<std::optional<core::ChainHead>> read_chain_head(Db& db);
// Fails unless the store's device record names this device.
Status check_store_owner(Db& db, const crypto::DeviceKey& device);

}  // namespace attest::store
