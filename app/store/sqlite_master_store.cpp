#include "store/sqlite_master_store.h"

#include <sqlite3.h>

#include "core/canonical.h"
#include "store/master_counters.h"
#include "store/migrations.h"
#include "store/record_kinds.h"

namespace attest::store {

namespace {

using Lock = std::lock_guard<std::mutex>;

constexpr char kWhat[] = "an Attest master store";
// A device's and a pairing code's site, and a chain's device, must exist.
constexpr char kForeignKeysOn[] = "PRAGMA foreign_keys=ON";

template <size_t N>
Result<std::array<uint8_t, N>> fixed_blob(const Stmt& s, int col, const char* what) {
  std::array<uint8_t, N> out{};
  if (!copy_exact(s.blob(col), out)) {
    return make_error(ErrorCode::kCorrupt, std::string("the master store's ") + what + " is damaged");
  }
  return out;
}

Result<DeviceRecord> device_from_row(const Stmt& s) {
  DeviceRecord d;
  d.id = TRY(fixed_blob<16>(s, 0, "device id"));
  d.public_key = TRY(fixed_blob<32>(s, 1, "device key"));
  d.name = s.text(2);
  d.enrolled_utc_ms = s.int64(3);
  if (!s.is_null(4)) d.revoked_utc_ms = s.int64(4);
  if (!s.is_null(5)) d.last_seen_utc_ms = s.int64(5);
  d.stored_through_seq = static_cast<uint64_t>(s.int64(6));
  d.site_id = s.text(7);
  return d;
}

// Rows of (seq, canonical_header, sealed_body, hash, signature,
// received_utc_ms) of one device, to `fn` until it says stop.
Status read_events(Stmt& s, const crypto::DeviceId& device,
                   const std::function<bool(const StoredEvent&)>& fn) {
  StoredEvent e;
  e.device = device;
  while (TRY(s.step())) {
    e.seq = static_cast<uint64_t>(s.int64(0));
    e.canonical_header.assign(s.blob(1).begin(), s.blob(1).end());
    e.sealed_body.assign(s.blob(2).begin(), s.blob(2).end());
    e.hash = TRY(fixed_blob<32>(s, 3, "event hash"));
    e.signature = TRY(fixed_blob<64>(s, 4, "event signature"));
    e.received_utc_ms = s.int64(5);
    if (!fn(e)) break;
  }
  return {};
}

constexpr char kDeviceColumns[] =
    "SELECT d.device_id, d.public_key, d.name, d.enrolled_utc_ms, d.revoked_utc_ms,"
    " d.last_seen_utc_ms, coalesce(c.seq, 0), coalesce(d.site_id, '') FROM devices d"
    " LEFT JOIN chains c ON c.device_id = d.device_id";

}  // namespace

Result<std::unique_ptr<SqliteMasterStore>> SqliteMasterStore::create(
    const std::filesystem::path& path, const PracticeInfo& practice,
    const std::optional<SiteRecord>& first_site) {
  // The store is mostly event rows of 1-2 kB taken in batches of thousands:
  // 16 kB pages need a quarter of the page writes and system calls of
  // SQLite's 4 kB default, which makes storing a batch about a third faster.
  Db db = TRY(create_record_db(path, master_migrations(), kWhat, 16384));
  TRY_STATUS(db.exec(kForeignKeysOn));
  Stmt s = TRY(db.prepare(
      "INSERT INTO practice(id, name, server_public_key, practice_public_key, created_utc_ms)"
      " VALUES(1, ?, ?, ?, ?)"));
  TRY_STATUS(s.bind(1, std::string_view(practice.name))
                 .bind(2, ByteView(practice.server_key))
                 .bind(3, ByteView(practice.practice_key))
                 .bind(4, practice.created_utc_ms)
                 .run());
  auto store = std::unique_ptr<SqliteMasterStore>(new SqliteMasterStore(std::move(db)));
  TRY_STATUS(store->add_site(first_site.value_or(first_site_of(practice))));
  return store;
}

Result<std::unique_ptr<SqliteMasterStore>> SqliteMasterStore::open(
    const std::filesystem::path& path, OpenMode mode) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return make_error(ErrorCode::kNotFound, "no master store at " + path.string());
  }
  Db db = TRY(open_record_db(path, mode, kWhat));
  if (mode == OpenMode::kReadOnly) {
    TRY_STATUS(check_schema_current(db, master_migrations(), "start attest-server serve on it once"));
  } else {
    TRY_STATUS(migrate(db, master_migrations()));
  }
  TRY_STATUS(db.exec(kForeignKeysOn));
  auto store = std::unique_ptr<SqliteMasterStore>(new SqliteMasterStore(std::move(db)));
  TRY(store->practice());  // a store without its practice row is not usable
  return store;
}

Status SqliteMasterStore::backup_to(const std::filesystem::path& out) {
  std::error_code ec;
  if (std::filesystem::exists(out, ec)) {
    return make_error(ErrorCode::kAlreadyExists, out.string() + " already exists");
  }
  Db dest = TRY(Db::open(out, OpenMode::kReadWriteCreate));
  Lock lock(mu_);
  sqlite3_backup* b = sqlite3_backup_init(dest.raw(), "main", db_.raw(), "main");
  if (!b) return dest.error("backup");
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return dest.error("backup");
  return {};
}

Result<PracticeInfo> SqliteMasterStore::practice() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "SELECT name, server_public_key, practice_public_key, created_utc_ms FROM practice"));
  if (!TRY(s.step())) {
    return make_error(ErrorCode::kCorrupt, "the master store has no practice record");
  }
  PracticeInfo p;
  p.name = s.text(0);
  p.server_key = TRY(fixed_blob<32>(s, 1, "server key"));
  p.practice_key = TRY(fixed_blob<32>(s, 2, "practice key"));
  p.created_utc_ms = s.int64(3);
  return p;
}

Result<std::vector<SiteRecord>> SqliteMasterStore::sites() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "SELECT site_id, name, server_public_key, created_utc_ms FROM sites ORDER BY rowid"));
  std::vector<SiteRecord> out;
  while (TRY(s.step())) {
    out.push_back({s.text(0), s.text(1), TRY(fixed_blob<32>(s, 2, "site's server key")), s.int64(3)});
  }
  return out;
}

Status SqliteMasterStore::add_site(const SiteRecord& site) {
  TRY_STATUS(check_site(site));
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "INSERT OR IGNORE INTO sites(site_id, name, server_public_key, created_utc_ms)"
      " VALUES(?, ?, ?, ?)"));
  TRY_STATUS(s.bind(1, std::string_view(site.id))
                 .bind(2, std::string_view(site.name))
                 .bind(3, ByteView(site.server_key))
                 .bind(4, site.created_utc_ms)
                 .run());
  if (db_.changes() != 1) {
    return site_taken(site);
  }
  return {};
}

Result<std::vector<DeviceRecord>> SqliteMasterStore::devices() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(std::string(kDeviceColumns) + " ORDER BY d.enrolled_utc_ms"));
  std::vector<DeviceRecord> out;
  while (TRY(s.step())) out.push_back(TRY(device_from_row(s)));
  return out;
}

Result<std::optional<DeviceRecord>> SqliteMasterStore::find_device(const crypto::DeviceId& id) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(std::string(kDeviceColumns) + " WHERE d.device_id = ?"));
  s.bind(1, ByteView(id));
  if (!TRY(s.step())) return std::optional<DeviceRecord>();
  return std::optional<DeviceRecord>(TRY(device_from_row(s)));
}

Result<bool> SqliteMasterStore::revoke_device(const crypto::DeviceId& id, int64_t now_ms) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "UPDATE devices SET revoked_utc_ms = ? WHERE device_id = ? AND revoked_utc_ms IS NULL"));
  TRY_STATUS(s.bind(1, now_ms).bind(2, ByteView(id)).run());
  return db_.changes() == 1;
}

Status SqliteMasterStore::touch_device(const crypto::DeviceId& id, int64_t now_ms) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare("UPDATE devices SET last_seen_utc_ms = ? WHERE device_id = ?"));
  return s.bind(1, now_ms).bind(2, ByteView(id)).run();
}

Status SqliteMasterStore::add_pairing_code(const crypto::Sha256& code_key,
                                           const std::string& site_id, int64_t now_ms,
                                           int64_t expires_ms) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "INSERT INTO pairing_codes(code_key, site_id, created_utc_ms, expires_utc_ms)"
      " VALUES(?, ?, ?, ?)"));
  return s.bind(1, ByteView(code_key))
      .bind(2, std::string_view(site_id))
      .bind(3, now_ms)
      .bind(4, expires_ms)
      .run();
}

Result<std::vector<crypto::Sha256>> SqliteMasterStore::open_pairing_codes(
    const std::string& site_id, int64_t now_ms) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "SELECT code_key FROM pairing_codes WHERE used_utc_ms IS NULL AND expires_utc_ms > ?"
      " AND site_id = ?"));
  s.bind(1, now_ms).bind(2, std::string_view(site_id));
  std::vector<crypto::Sha256> out;
  while (TRY(s.step())) out.push_back(TRY(fixed_blob<32>(s, 0, "pairing code")));
  return out;
}

Status SqliteMasterStore::pair_device(const crypto::Sha256& code_key, const DeviceRecord& d,
                                      int64_t now_ms) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  Stmt use = TRY(db_.prepare(
      "UPDATE pairing_codes SET used_utc_ms = ?, device_id = ?"
      " WHERE code_key = ? AND used_utc_ms IS NULL AND expires_utc_ms > ? AND site_id = ?"));
  TRY_STATUS(use.bind(1, now_ms)
                 .bind(2, ByteView(d.id))
                 .bind(3, ByteView(code_key))
                 .bind(4, now_ms)
                 .bind(5, std::string_view(d.site_id))
                 .run());
  if (db_.changes() != 1) {
    return make_error(ErrorCode::kWrongSecret, "the pairing code is used up or has expired");
  }
  Stmt exists = TRY(db_.prepare("SELECT 1 FROM devices WHERE device_id = ?"));
  exists.bind(1, ByteView(d.id));
  if (TRY(exists.step())) {
    return make_error(ErrorCode::kAlreadyExists, "this device is already enrolled");
  }
  Stmt add = TRY(db_.prepare(
      "INSERT INTO devices(device_id, public_key, name, enrolled_utc_ms, site_id)"
      " VALUES(?, ?, ?, ?, ?)"));
  TRY_STATUS(add.bind(1, ByteView(d.id))
                 .bind(2, ByteView(d.public_key))
                 .bind(3, std::string_view(d.name))
                 .bind(4, now_ms)
                 .bind(5, std::string_view(d.site_id))
                 .run());
  return tx.commit();
}

Status SqliteMasterStore::add_own_device(const DeviceRecord& d, int64_t now_ms) {
  Lock lock(mu_);
  Stmt add = TRY(db_.prepare(
      "INSERT OR IGNORE INTO devices(device_id, public_key, name, enrolled_utc_ms, site_id)"
      " VALUES(?, ?, ?, ?, ?)"));
  return add.bind(1, ByteView(d.id))
      .bind(2, ByteView(d.public_key))
      .bind(3, std::string_view(d.name))
      .bind(4, now_ms)
      .bind(5, std::string_view(d.site_id))
      .run();
}

Result<bool> SqliteMasterStore::pairing_failed(int64_t now_ms, int limit) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  int64_t failures = TRY(master_counter(db_, "pairing_failures")) + 1;
  bool cancelled = false;
  if (failures >= limit) {
    Stmt s = TRY(db_.prepare(
        "UPDATE pairing_codes SET expires_utc_ms = ? WHERE used_utc_ms IS NULL AND expires_utc_ms > ?"));
    TRY_STATUS(s.bind(1, now_ms).bind(2, now_ms).run());
    TRY_STATUS(alert_locked(now_ms, "pairing", std::nullopt,
                            std::to_string(failures) +
                                " wrong pairing codes were tried; every open code was cancelled"));
    failures = 0;
    cancelled = true;
  }
  TRY_STATUS(set_master_counter(db_, "pairing_failures", failures));
  TRY_STATUS(tx.commit());
  return cancelled;
}

Result<bool> SqliteMasterStore::insert_nonce_locked(const crypto::DeviceId& device,
                                                    const RequestNonce& n) {
  Stmt prune = TRY(db_.prepare("DELETE FROM nonces WHERE request_utc_ms < ?"));
  TRY_STATUS(prune.bind(1, n.prune_before_ms).run());
  Stmt s = TRY(db_.prepare(
      "INSERT OR IGNORE INTO nonces(device_id, nonce, request_utc_ms) VALUES(?, ?, ?)"));
  TRY_STATUS(s.bind(1, ByteView(device)).bind(2, n.nonce).bind(3, n.request_ms).run());
  return db_.changes() == 1;
}

Result<bool> SqliteMasterStore::remember_nonce(const crypto::DeviceId& device, ByteView nonce,
                                               int64_t request_ms, int64_t prune_before_ms) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  const bool fresh = TRY(insert_nonce_locked(device, {nonce, request_ms, prune_before_ms}));
  TRY_STATUS(tx.commit());
  return fresh;
}

Result<bool> SqliteMasterStore::nonce_used(const crypto::DeviceId& device, ByteView nonce) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare("SELECT 1 FROM nonces WHERE device_id = ? AND nonce = ?"));
  s.bind(1, ByteView(device)).bind(2, nonce);
  return TRY(s.step());
}

Result<core::ChainPosition> SqliteMasterStore::position_locked(const crypto::DeviceId& device) {
  Stmt s = TRY(db_.prepare("SELECT seq, link FROM chains WHERE device_id = ?"));
  s.bind(1, ByteView(device));
  core::ChainPosition at;
  if (TRY(s.step())) {
    at.next_seq = static_cast<uint64_t>(s.int64(0)) + 1;
    at.prev_link = TRY(fixed_blob<32>(s, 1, "chain link"));
  }
  return at;
}

Result<core::ChainPosition> SqliteMasterStore::chain_position(const crypto::DeviceId& device) {
  Lock lock(mu_);
  return position_locked(device);
}

Result<std::optional<crypto::Sha256>> SqliteMasterStore::stored_hash(
    const crypto::DeviceId& device, uint64_t seq) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare("SELECT hash FROM events WHERE device_id = ? AND seq = ?"));
  s.bind(1, ByteView(device)).bind(2, static_cast<int64_t>(seq));
  if (!TRY(s.step())) return std::optional<crypto::Sha256>();
  return std::optional<crypto::Sha256>(TRY(fixed_blob<32>(s, 0, "event hash")));
}

Status SqliteMasterStore::append_events(const crypto::DeviceId& device,
                                        const core::ChainPosition& after,
                                        std::span<const core::SignedEvent> events,
                                        int64_t now_ms) {
  if (events.empty()) return {};
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  TRY_STATUS(append_locked(device, after, events, now_ms));
  return tx.commit();
}

Status SqliteMasterStore::append_events_and_publish(const crypto::DeviceId& device,
                                                    const core::ChainPosition& after,
                                                    std::span<const core::SignedEvent> events,
                                                    int64_t now_ms, const PublishedVersion& published) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  TRY_STATUS(append_locked(device, after, events, now_ms));
  TRY_STATUS(save_published_version(db_, published));
  return tx.commit();
}

Result<bool> SqliteMasterStore::append_events_with_nonce(
    const crypto::DeviceId& device, const core::ChainPosition& after,
    std::span<const core::SignedEvent> events, int64_t now_ms, const RequestNonce& nonce) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  if (!TRY(insert_nonce_locked(device, nonce))) return false;  // rolled back
  if (!events.empty()) TRY_STATUS(append_locked(device, after, events, now_ms));
  TRY_STATUS(tx.commit());
  return true;
}

Status SqliteMasterStore::append_locked(const crypto::DeviceId& device,
                                        const core::ChainPosition& after,
                                        std::span<const core::SignedEvent> events,
                                        int64_t now_ms) {
  const core::ChainPosition now_at = TRY(position_locked(device));
  if (now_at.next_seq != after.next_seq || now_at.prev_link != after.prev_link) {
    return make_error(ErrorCode::kAlreadyExists,
                      "the device's chain moved while this upload was checked; retry");
  }
  Stmt ins = TRY(db_.prepare(
      "INSERT INTO events(device_id, seq, kind, person_id, subject_id, subject_version, utc_ms,"
      " offset_minutes, canonical_header, sealed_body, hash, signature, received_utc_ms)"
      " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  uint64_t expect = after.next_seq;
  for (const auto& e : events) {
    if (e.header.seq != expect++ || e.header.device_id != device) {
      return make_error(ErrorCode::kInvalidArgument, "events must continue the device's chain");
    }
    const auto& h = e.header;
    ins.reset();
    TRY_STATUS(ins.bind(1, ByteView(device))
                   .bind(2, static_cast<int64_t>(h.seq))
                   .bind(3, core::event_kind_name(h.kind))
                   .bind(4, std::string_view(h.person_id))
                   .bind(5, std::string_view(h.subject.id))
                   .bind(6, std::string_view(h.subject.version))
                   .bind(7, h.time.utc_ms)
                   .bind(8, int64_t(h.time.offset_minutes))
                   .bind(9, ByteView(e.canonical_header))
                   .bind(10, ByteView(e.sealed_body))
                   .bind(11, ByteView(e.hash))
                   .bind(12, ByteView(e.signature))
                   .bind(13, now_ms)
                   .run());
  }
  const auto& last = events.back();
  Stmt head = TRY(db_.prepare(
      "INSERT INTO chains(device_id, seq, link) VALUES(?, ?, ?)"
      " ON CONFLICT(device_id) DO UPDATE SET seq = excluded.seq, link = excluded.link"));
  return head.bind(1, ByteView(device))
      .bind(2, static_cast<int64_t>(last.header.seq))
      .bind(3, ByteView(core::link_hash(last.hash, last.signature)))
      .run();
}

Status SqliteMasterStore::alert_locked(int64_t now_ms, const std::string& kind,
                                       const std::optional<crypto::DeviceId>& device,
                                       const std::string& detail) {
  Stmt s = TRY(db_.prepare("INSERT INTO alerts(utc_ms, kind, device_id, detail) VALUES(?, ?, ?, ?)"));
  s.bind(1, now_ms).bind(2, std::string_view(kind)).bind(4, std::string_view(detail));
  if (device) {
    s.bind(3, ByteView(*device));
  } else {
    s.bind_null(3);
  }
  return s.run();
}

Status SqliteMasterStore::quarantine(const crypto::DeviceId& device, const core::SignedEvent& e,
                                     const std::string& reason, int64_t now_ms) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  Stmt s = TRY(db_.prepare(
      "INSERT INTO quarantine(device_id, seq, canonical_header, sealed_body, signature, reason,"
      " received_utc_ms) VALUES(?, ?, ?, ?, ?, ?, ?)"));
  TRY_STATUS(s.bind(1, ByteView(device))
                 .bind(2, static_cast<int64_t>(e.header.seq))
                 .bind(3, ByteView(e.canonical_header))
                 .bind(4, ByteView(e.sealed_body))
                 .bind(5, ByteView(e.signature))
                 .bind(6, std::string_view(reason))
                 .bind(7, now_ms)
                 .run());
  TRY_STATUS(alert_locked(now_ms, "fork", device, reason));
  return tx.commit();
}

Status SqliteMasterStore::for_each_event(const crypto::DeviceId& device, uint64_t from_seq,
                                         const std::function<bool(const StoredEvent&)>& fn) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "SELECT seq, canonical_header, sealed_body, hash, signature, received_utc_ms FROM events"
      " WHERE device_id = ? AND seq >= ? ORDER BY seq"));
  s.bind(1, ByteView(device)).bind(2, static_cast<int64_t>(from_seq));
  return read_events(s, device, fn);
}

Status SqliteMasterStore::for_each_event_of_kinds(const crypto::DeviceId& device,
                                                  uint64_t through_seq, uint32_t kinds,
                                                  uint32_t bodies,
                                                  const std::function<bool(const StoredEvent&)>& fn) {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "SELECT seq, canonical_header, CASE WHEN kind IN (" + kind_list_sql(bodies) +
      ") THEN sealed_body ELSE x'' END, hash, signature, received_utc_ms FROM events"
      " WHERE device_id = ? AND seq <= ? AND " + kinds_where_sql(kinds) + " ORDER BY seq"));
  s.bind(1, ByteView(device)).bind(2, static_cast<int64_t>(through_seq));
  return read_events(s, device, fn);
}

Result<MasterStore::LastEvent> SqliteMasterStore::last_event_through(const crypto::DeviceId& device,
                                                                    Date day) {
  Lock lock(mu_);
  // Walks the device's chain back from its end along the (device_id, seq)
  // index, so a period that ends recently reads a handful of rows.
  Stmt s = TRY(db_.prepare(
      "SELECT seq, utc_ms, offset_minutes FROM events"
      " WHERE device_id = ? AND utc_ms + offset_minutes * 60000 < ? ORDER BY seq DESC LIMIT 1"));
  s.bind(1, ByteView(device)).bind(2, (int64_t{day.days} + 1) * 86400000);
  if (!TRY(s.step())) return LastEvent{};
  return LastEvent{static_cast<uint64_t>(s.int64(0)),
                   {s.int64(1), static_cast<int32_t>(s.int64(2))}};
}

Result<uint64_t> SqliteMasterStore::event_count() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare("SELECT count(*) FROM events"));
  TRY(s.step());
  return static_cast<uint64_t>(s.int64(0));
}

Result<uint64_t> SqliteMasterStore::quarantine_count() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare("SELECT count(*) FROM quarantine"));
  TRY(s.step());
  return static_cast<uint64_t>(s.int64(0));
}

Result<std::vector<Alert>> SqliteMasterStore::alerts() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare("SELECT utc_ms, kind, device_id, detail FROM alerts ORDER BY id"));
  std::vector<Alert> out;
  while (TRY(s.step())) {
    Alert a{s.int64(0), s.text(1), std::nullopt, s.text(3)};
    if (!s.is_null(2)) a.device = TRY(fixed_blob<16>(s, 2, "alert device"));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<CompletionRow>> SqliteMasterStore::completions(const Positions& seen,
                                                                  size_t limit,
                                                                  Positions& reached) {
  Lock lock(mu_);
  Stmt heads = TRY(db_.prepare("SELECT device_id, seq FROM chains ORDER BY device_id"));
  std::vector<std::pair<crypto::DeviceId, uint64_t>> chains;
  while (TRY(heads.step())) {
    chains.emplace_back(TRY(fixed_blob<16>(heads, 0, "device id")), uint64_t(heads.int64(1)));
  }
  Stmt s = TRY(db_.prepare(
      "SELECT seq, person_id, kind, subject_id, subject_version, utc_ms, offset_minutes"
      " FROM events WHERE device_id = ? AND seq > ? AND kind IN ('ModuleCompleted',"
      " 'PolicyAttested') AND person_id != '' ORDER BY seq LIMIT ?"));
  std::vector<CompletionRow> out;
  for (const auto& [device, head] : chains) {
    auto it = seen.find(device);
    const uint64_t from = it == seen.end() ? 0 : it->second;
    if (from >= head) continue;
    const size_t room = limit - out.size();
    s.reset();
    s.bind(1, ByteView(device)).bind(2, static_cast<int64_t>(from)).bind(3, static_cast<int64_t>(room));
    size_t got = 0;
    while (TRY(s.step())) {
      out.push_back({device, static_cast<uint64_t>(s.int64(0)), s.text(1), s.text(2), s.text(3),
                     s.text(4), s.int64(5), static_cast<int32_t>(s.int64(6))});
      ++got;
    }
    // All of this device read: its position is its head. Else up to the last row.
    reached[device] = got < room ? head : out.back().seq;
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace attest::store
