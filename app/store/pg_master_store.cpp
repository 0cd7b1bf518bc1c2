#include "store/pg_master_store.h"

#include <algorithm>

#include "core/canonical.h"
#include "store/migrations.h"
#include "store/record_kinds.h"

namespace attest::store {

std::span<const Migration> master_pg_migrations();

namespace {

using Lock = std::lock_guard<std::mutex>;
using pg::Params;
using pg::Rows;

// Two servers starting on one database at once take turns at migrating.
constexpr int64_t kMigrationLock = 0x61747465737401;  // "attest" 1
constexpr char kMoved[] = "the device's chain moved while this upload was checked; retry";

template <size_t N>
Result<std::array<uint8_t, N>> fixed(const Rows& r, int row, int col, const char* what) {
  std::array<uint8_t, N> out{};
  if (!copy_exact(r.bytes(row, col), out)) {
    return make_error(ErrorCode::kCorrupt, std::string("the master store's ") + what + " is damaged");
  }
  return out;
}

Result<DeviceRecord> device_from_row(const Rows& r, int i) {
  DeviceRecord d;
  d.id = TRY(fixed<16>(r, i, 0, "device id"));
  d.public_key = TRY(fixed<32>(r, i, 1, "device key"));
  d.name = r.text(i, 2);
  d.enrolled_utc_ms = r.int64(i, 3);
  if (!r.is_null(i, 4)) d.revoked_utc_ms = r.int64(i, 4);
  if (!r.is_null(i, 5)) d.last_seen_utc_ms = r.int64(i, 5);
  d.stored_through_seq = static_cast<uint64_t>(r.int64(i, 6));
  d.site_id = r.text(i, 7);
  return d;
}

constexpr char kDeviceColumns[] =
    "SELECT d.device_id, d.public_key, d.name, d.enrolled_utc_ms, d.revoked_utc_ms,"
    " d.last_seen_utc_ms, coalesce(c.seq, 0), d.site_id FROM devices d"
    " LEFT JOIN chains c ON c.device_id = d.device_id";

constexpr char kInsertDevice[] =
    "INSERT INTO devices(device_id, public_key, name, enrolled_utc_ms, site_id)"
    " VALUES($1, $2, $3, $4, $5) ON CONFLICT (device_id) DO NOTHING";

Params device_params(const DeviceRecord& d, int64_t now_ms) {
  return Params()
      .add(ByteView(d.id))
      .add(ByteView(d.public_key))
      .add(std::string_view(d.name))
      .add(now_ms)
      .add(std::string_view(d.site_id));
}

// The newest migration applied; fails when the table is not there.
Result<int64_t> schema_version(pg::Connection& c) {
  const Rows r = TRY(c.exec("SELECT coalesce(max(version), 0)::bigint FROM schema_migrations"));
  return r.int64(0, 0);
}

// Inside the caller's transaction: PostgreSQL's DDL is transactional, so a
// failure leaves the database as it was.
Status migrate_in(pg::Connection& c) {
  const auto migrations = master_pg_migrations();
  TRY(c.exec("SELECT pg_advisory_xact_lock($1)", Params().add(kMigrationLock)));
  TRY(c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL, applied_utc_ms BIGINT NOT NULL)"));
  const int64_t have = TRY(schema_version(c));
  if (have > migrations.back().version) {
    return make_error(ErrorCode::kUnsupported,
                      "the master store's database was written by a newer version of Attest "
                      "(schema " + std::to_string(have) + "); upgrade attest-server");
  }
  for (const Migration& m : migrations) {
    if (m.version <= have) continue;
    TRY_STATUS(c.exec_script(m.sql));
    TRY(c.exec(
        "INSERT INTO schema_migrations(version, name, applied_utc_ms)"
        " VALUES($1, $2, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)",
        Params().add(int64_t{m.version}).add(std::string_view(m.name))));
  }
  return {};
}

Status migrate(pg::Connection& c) {
  return c.transaction([&] { return migrate_in(c); });
}

// A constraint the database enforces between servers: another server
// stored this device's events first.
bool lost_race(const Error& e) {
  const std::string_view state = pg::sqlstate_of(e);
  return state == pg::kUniqueViolation || state == pg::kForeignKeyViolation;
}

}  // namespace

void EventCopy::add(const core::EventHeader& h, ByteView canonical_header, ByteView sealed_body,
                    const crypto::Sha256& hash, const crypto::Signature& signature,
                    int64_t received_ms) {
  rows_.row(15)
      .add(ByteView(h.device_id))
      .add(static_cast<int64_t>(h.seq))
      .add(ByteView(h.prev_link))
      .add(ByteView(core::link_hash(hash, signature)))
      .add(core::event_kind_name(h.kind))
      .add(std::string_view(h.person_id))
      .add(std::string_view(h.subject.id))
      .add(std::string_view(h.subject.version))
      .add(h.time.utc_ms)
      .add_int(h.time.offset_minutes)
      .add(canonical_header)
      .add(sealed_body)
      .add(ByteView(hash))
      .add(ByteView(signature))
      .add(received_ms);
  ++count_;
}

Result<int64_t> EventCopy::send(pg::Connection& c) {
  auto copied = c.copy_in(
      "COPY events(device_id, seq, prev_link, link, kind, person_id, subject_id, subject_version,"
      " utc_ms, offset_minutes, canonical_header, sealed_body, hash, signature, received_utc_ms)"
      " FROM STDIN (FORMAT binary)",
      rows_.finish());
  rows_ = pg::CopyWriter();
  count_ = 0;
  return copied;
}

bool is_postgres_uri(std::string_view s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

Status PgMasterStore::create_in(pg::Connection& c, const PracticeInfo& practice,
                                const SiteRecord* first_site) {
  TRY_STATUS(migrate_in(c));
  const Rows have = TRY(c.exec("SELECT count(*) FROM practice"));
  if (have.int64(0, 0) != 0) {
    return make_error(ErrorCode::kAlreadyExists,
                      "that database already holds a master store; another site's server joins "
                      "it with attest-server add-site");
  }
  TRY(c.exec(
      "INSERT INTO practice(id, name, server_public_key, practice_public_key, created_utc_ms)"
      " VALUES(1, $1, $2, $3, $4)",
      Params()
          .add(std::string_view(practice.name))
          .add(ByteView(practice.server_key))
          .add(ByteView(practice.practice_key))
          .add(practice.created_utc_ms)));
  if (first_site) TRY_STATUS(insert_site(c, *first_site));
  return {};
}

Result<std::unique_ptr<PgMasterStore>> PgMasterStore::create(
    const std::string& uri, const PracticeInfo& practice,
    const std::optional<SiteRecord>& first_site) {
  pg::Connection c = TRY(pg::Connection::open(uri));
  const SiteRecord site = first_site.value_or(first_site_of(practice));
  TRY_STATUS(c.transaction([&] { return create_in(c, practice, &site); }));
  return std::unique_ptr<PgMasterStore>(new PgMasterStore(std::move(c)));
}

Result<std::unique_ptr<PgMasterStore>> PgMasterStore::open(const std::string& uri, Schema schema) {
  pg::Connection c = TRY(pg::Connection::open(uri));
  if (schema == Schema::kUpgrade) {
    TRY_STATUS(migrate(c));
  } else {
    const auto migrations = master_pg_migrations();
    auto have = schema_version(c);
    if (!have.ok() || *have != migrations.back().version) {
      return make_error(ErrorCode::kUnsupported,
                        "the master store's database is not at this version's schema; start "
                        "attest-server serve on it once");
    }
  }
  auto store = std::unique_ptr<PgMasterStore>(new PgMasterStore(std::move(c)));
  TRY(store->practice());  // a database without the practice row is not a master store
  return store;
}

Result<PracticeInfo> PgMasterStore::practice() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "SELECT name, server_public_key, practice_public_key, created_utc_ms FROM practice"));
  if (r.size() == 0) return make_error(ErrorCode::kCorrupt, "the master store has no practice record");
  PracticeInfo p;
  p.name = r.text(0, 0);
  p.server_key = TRY(fixed<32>(r, 0, 1, "server key"));
  p.practice_key = TRY(fixed<32>(r, 0, 2, "practice key"));
  p.created_utc_ms = r.int64(0, 3);
  return p;
}

Status PgMasterStore::insert_site(pg::Connection& c, const SiteRecord& site) {
  TRY_STATUS(check_site(site));
  const Rows r = TRY(c.exec(
      "INSERT INTO sites(site_id, name, server_public_key, created_utc_ms) VALUES($1, $2, $3, $4)"
      " ON CONFLICT DO NOTHING",
      Params()
          .add(std::string_view(site.id))
          .add(std::string_view(site.name))
          .add(ByteView(site.server_key))
          .add(site.created_utc_ms)));
  if (r.affected() != 1) {
    return site_taken(site);
  }
  return {};
}

Result<std::vector<SiteRecord>> PgMasterStore::sites() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "SELECT site_id, name, server_public_key, created_utc_ms FROM sites"
      " ORDER BY created_utc_ms, site_id"));
  std::vector<SiteRecord> out;
  for (int i = 0; i < r.size(); ++i) {
    out.push_back({r.text(i, 0), r.text(i, 1), TRY(fixed<32>(r, i, 2, "site's server key")),
                   r.int64(i, 3)});
  }
  return out;
}

Status PgMasterStore::add_site(const SiteRecord& site) {
  Lock lock(mu_);
  return insert_site(c_, site);
}

Result<std::vector<DeviceRecord>> PgMasterStore::devices() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(std::string(kDeviceColumns) + " ORDER BY d.enrolled_utc_ms, d.device_id"));
  std::vector<DeviceRecord> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(TRY(device_from_row(r, i)));
  return out;
}

Result<std::optional<DeviceRecord>> PgMasterStore::find_device(const crypto::DeviceId& id) {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(std::string(kDeviceColumns) + " WHERE d.device_id = $1",
                             Params().add(ByteView(id))));
  if (r.size() == 0) return std::optional<DeviceRecord>();
  return std::optional<DeviceRecord>(TRY(device_from_row(r, 0)));
}

Result<bool> PgMasterStore::revoke_device(const crypto::DeviceId& id, int64_t now_ms) {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "UPDATE devices SET revoked_utc_ms = $1 WHERE device_id = $2 AND revoked_utc_ms IS NULL",
      Params().add(now_ms).add(ByteView(id))));
  return r.affected() == 1;
}

Status PgMasterStore::touch_device(const crypto::DeviceId& id, int64_t now_ms) {
  Lock lock(mu_);
  TRY(c_.exec("UPDATE devices SET last_seen_utc_ms = $1 WHERE device_id = $2",
              Params().add(now_ms).add(ByteView(id))));
  return {};
}

Status PgMasterStore::add_pairing_code(const crypto::Sha256& code_key, const std::string& site_id,
                                       int64_t now_ms, int64_t expires_ms) {
  Lock lock(mu_);
  TRY(c_.exec("INSERT INTO pairing_codes(code_key, site_id, created_utc_ms, expires_utc_ms)"
              " VALUES($1, $2, $3, $4)",
              Params().add(ByteView(code_key)).add(std::string_view(site_id)).add(now_ms).add(expires_ms)));
  return {};
}

Result<std::vector<crypto::Sha256>> PgMasterStore::open_pairing_codes(const std::string& site_id,
                                                                      int64_t now_ms) {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "SELECT code_key FROM pairing_codes WHERE used_utc_ms IS NULL AND expires_utc_ms > $1"
      " AND site_id = $2",
      Params().add(now_ms).add(std::string_view(site_id))));
  std::vector<crypto::Sha256> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(TRY(fixed<32>(r, i, 0, "pairing code")));
  return out;
}

Status PgMasterStore::pair_device(const crypto::Sha256& code_key, const DeviceRecord& d,
                                  int64_t now_ms) {
  Lock lock(mu_);
  return c_.transaction([&]() -> Status {
    const Rows used = TRY(c_.exec(
        "UPDATE pairing_codes SET used_utc_ms = $1, device_id = $2"
        " WHERE code_key = $3 AND used_utc_ms IS NULL AND expires_utc_ms > $1 AND site_id = $4",
        Params().add(now_ms).add(ByteView(d.id)).add(ByteView(code_key)).add(std::string_view(d.site_id))));
    if (used.affected() != 1) {
      return make_error(ErrorCode::kWrongSecret, "the pairing code is used up or has expired");
    }
    const Rows added = TRY(c_.exec(
        kInsertDevice, device_params(d, now_ms)));
    if (added.affected() != 1) {
      return make_error(ErrorCode::kAlreadyExists, "this device is already enrolled");
    }
    return {};
  });
}

Status PgMasterStore::add_own_device(const DeviceRecord& d, int64_t now_ms) {
  Lock lock(mu_);
  TRY(c_.exec(
      kInsertDevice, device_params(d, now_ms)));
  return {};
}

Result<int64_t> PgMasterStore::counter_locked(const char* name, bool for_update) {
  const Rows r = TRY(c_.exec(std::string("SELECT value FROM counters WHERE name = $1") +
                                 (for_update ? " FOR UPDATE" : ""),
                             Params().add(std::string_view(name))));
  if (r.size() == 0) return make_error(ErrorCode::kCorrupt, std::string("no counter ") + name);
  return r.int64(0, 0);
}

Status PgMasterStore::set_counter_locked(const char* name, int64_t value) {
  TRY(c_.exec("UPDATE counters SET value = $1 WHERE name = $2",
              Params().add(value).add(std::string_view(name))));
  return {};
}

Result<bool> PgMasterStore::pairing_failed(int64_t now_ms, int limit) {
  Lock lock(mu_);
  bool cancelled = false;
  TRY_STATUS(c_.transaction([&]() -> Status {
    cancelled = false;
    int64_t failures = TRY(counter_locked("pairing_failures", true)) + 1;
    if (failures >= limit) {
      TRY(c_.exec(
          "UPDATE pairing_codes SET expires_utc_ms = $1 WHERE used_utc_ms IS NULL"
          " AND expires_utc_ms > $1",
          Params().add(now_ms)));
      TRY_STATUS(alert_locked(now_ms, "pairing", std::nullopt,
                              std::to_string(failures) +
                                  " wrong pairing codes were tried; every open code was cancelled"));
      failures = 0;
      cancelled = true;
    }
    return set_counter_locked("pairing_failures", failures);
  }));
  return cancelled;
}

Result<bool> PgMasterStore::insert_nonce_locked(const crypto::DeviceId& device,
                                                const RequestNonce& n) {
  TRY(c_.exec("DELETE FROM nonces WHERE request_utc_ms < $1", Params().add(n.prune_before_ms)));
  const Rows r = TRY(c_.exec(
      "INSERT INTO nonces(device_id, nonce, request_utc_ms) VALUES($1, $2, $3)"
      " ON CONFLICT DO NOTHING",
      Params().add(ByteView(device)).add(n.nonce).add(n.request_ms)));
  return r.affected() == 1;
}

Result<bool> PgMasterStore::remember_nonce(const crypto::DeviceId& device, ByteView nonce,
                                           int64_t request_ms, int64_t prune_before_ms) {
  Lock lock(mu_);
  bool fresh = false;
  TRY_STATUS(c_.transaction([&]() -> Status {
    fresh = TRY(insert_nonce_locked(device, {nonce, request_ms, prune_before_ms}));
    return {};
  }));
  return fresh;
}

Result<bool> PgMasterStore::nonce_used(const crypto::DeviceId& device, ByteView nonce) {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec("SELECT 1 FROM nonces WHERE device_id = $1 AND nonce = $2",
                             Params().add(ByteView(device)).add(nonce)));
  return r.size() > 0;
}

Result<core::ChainPosition> PgMasterStore::position_locked(const crypto::DeviceId& device,
                                                           bool for_update) {
  const Rows r = TRY(c_.exec(std::string("SELECT seq, link FROM chains WHERE device_id = $1") +
                                 (for_update ? " FOR UPDATE" : ""),
                             Params().add(ByteView(device))));
  core::ChainPosition at;
  if (r.size() > 0) {
    at.next_seq = static_cast<uint64_t>(r.int64(0, 0)) + 1;
    at.prev_link = TRY(fixed<32>(r, 0, 1, "chain link"));
  }
  return at;
}

Result<core::ChainPosition> PgMasterStore::chain_position(const crypto::DeviceId& device) {
  Lock lock(mu_);
  return position_locked(device, false);
}

Result<std::optional<crypto::Sha256>> PgMasterStore::stored_hash(const crypto::DeviceId& device,
                                                                 uint64_t seq) {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec("SELECT hash FROM events WHERE device_id = $1 AND seq = $2",
                             Params().add(ByteView(device)).add(static_cast<int64_t>(seq))));
  if (r.size() == 0) return std::optional<crypto::Sha256>();
  return std::optional<crypto::Sha256>(TRY(fixed<32>(r, 0, 0, "event hash")));
}

Status PgMasterStore::append_locked(const crypto::DeviceId& device,
                                    const core::ChainPosition& after,
                                    std::span<const core::SignedEvent> events, int64_t now_ms) {
  // The row lock makes a second server's upload for this device wait for
  // this one and then see the chain moved; with no row yet, the unique key
  // and the schema's link check stop the second.
  const core::ChainPosition now_at = TRY(position_locked(device, true));
  if (now_at.next_seq != after.next_seq || now_at.prev_link != after.prev_link) {
    return make_error(ErrorCode::kAlreadyExists, kMoved);
  }
  uint64_t expect = after.next_seq;
  for (const auto& e : events) {
    if (e.header.seq != expect++ || e.header.device_id != device) {
      return make_error(ErrorCode::kInvalidArgument, "events must continue the device's chain");
    }
  }
  // COPY in PostgreSQL's binary format: the fastest way in.
  EventCopy rows;
  for (const core::SignedEvent& e : events) {
    rows.add(e.header, e.canonical_header, e.sealed_body, e.hash, e.signature, now_ms);
  }
  auto copied = rows.send(c_);
  if (!copied.ok()) {
    if (lost_race(copied.error())) return make_error(ErrorCode::kAlreadyExists, kMoved);
    return copied.error();
  }
  const auto& last = events.back();
  auto head = c_.exec(
      "INSERT INTO chains(device_id, seq, link) VALUES($1, $2, $3)"
      " ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, link = excluded.link",
      Params()
          .add(ByteView(device))
          .add(static_cast<int64_t>(last.header.seq))
          .add(ByteView(core::link_hash(last.hash, last.signature))));
  if (!head.ok()) {
    if (lost_race(head.error())) return make_error(ErrorCode::kAlreadyExists, kMoved);
    return head.error();
  }
  return {};
}

Status PgMasterStore::append_events(const crypto::DeviceId& device,
                                    const core::ChainPosition& after,
                                    std::span<const core::SignedEvent> events, int64_t now_ms) {
  if (events.empty()) return {};
  Lock lock(mu_);
  return c_.transaction([&] { return append_locked(device, after, events, now_ms); });
}

Status PgMasterStore::append_events_and_publish(const crypto::DeviceId& device,
                                                const core::ChainPosition& after,
                                                std::span<const core::SignedEvent> events,
                                                int64_t now_ms, const PublishedVersion& published) {
  Lock lock(mu_);
  return c_.transaction([&]() -> Status {
    TRY_STATUS(append_locked(device, after, events, now_ms));
    TRY(c_.exec(
        "INSERT INTO published_versions(policy_id, version, effective) VALUES($1, $2, $3)"
        " ON CONFLICT (policy_id, version) DO UPDATE SET effective = excluded.effective",
        Params()
            .add(std::string_view(published.policy_id))
            .add(std::string_view(published.version))
            .add(std::string_view(format_date(published.effective)))));
    return {};
  });
}

Result<bool> PgMasterStore::append_events_with_nonce(const crypto::DeviceId& device,
                                                     const core::ChainPosition& after,
                                                     std::span<const core::SignedEvent> events,
                                                     int64_t now_ms, const RequestNonce& nonce) {
  Lock lock(mu_);
  bool fresh = false;
  Status s = c_.transaction([&]() -> Status {
    fresh = TRY(insert_nonce_locked(device, nonce));
    if (!fresh) return make_error(ErrorCode::kAlreadyExists, "nonce used");  // rolls back
    if (!events.empty()) TRY_STATUS(append_locked(device, after, events, now_ms));
    return {};
  });
  if (!fresh) return false;
  TRY_STATUS(s);
  return true;
}

Status PgMasterStore::alert_locked(int64_t now_ms, const std::string& kind,
                                   const std::optional<crypto::DeviceId>& device,
                                   const std::string& detail) {
  Params p;
  p.add(now_ms).add(std::string_view(kind));
  if (device) {
    p.add(ByteView(*device));
  } else {
    p.add_null();
  }
  p.add(std::string_view(detail));
  TRY(c_.exec("INSERT INTO alerts(utc_ms, kind, device_id, detail) VALUES($1, $2, $3, $4)", p));
  return {};
}

Status PgMasterStore::quarantine(const crypto::DeviceId& device, const core::SignedEvent& e,
                                 const std::string& reason, int64_t now_ms) {
  Lock lock(mu_);
  return c_.transaction([&]() -> Status {
    TRY(c_.exec(
        "INSERT INTO quarantine(device_id, seq, canonical_header, sealed_body, signature, reason,"
        " received_utc_ms) VALUES($1, $2, $3, $4, $5, $6, $7)",
        Params()
            .add(ByteView(device))
            .add(static_cast<int64_t>(e.header.seq))
            .add(ByteView(e.canonical_header))
            .add(ByteView(e.sealed_body))
            .add(ByteView(e.signature))
            .add(std::string_view(reason))
            .add(now_ms)));
    return alert_locked(now_ms, "fork", device, reason);
  });
}

Status PgMasterStore::for_each_event(const crypto::DeviceId& device, uint64_t from_seq,
                                     const std::function<bool(const StoredEvent&)>& fn) {
  return copy_events_out(device, "sealed_body", "seq >= " + std::to_string(from_seq), fn);
}

Status PgMasterStore::for_each_event_of_kinds(const crypto::DeviceId& device, uint64_t through_seq,
                                              uint32_t kinds, uint32_t bodies,
                                              const std::function<bool(const StoredEvent&)>& fn) {
  // Two reads, merged by seq: the few events whose bodies are wanted, held
  // here, and the rest streamed from the index alone (sql/master-pg/0003),
  // which a query naming sealed_body at all could not do.
  const std::string through = "seq <= " + std::to_string(through_seq) + " AND ";
  std::vector<StoredEvent> bodied;
  if (kinds & bodies) {
    TRY_STATUS(copy_events_out(device, "sealed_body", through + kinds_where_sql(kinds & bodies),
                               [&](const StoredEvent& e) {
                                 bodied.push_back(e);
                                 return true;
                               }));
  }
  size_t next = 0;
  bool go_on = true;
  auto bodied_before = [&](uint64_t seq) {
    while (go_on && next < bodied.size() && bodied[next].seq < seq) go_on = fn(bodied[next++]);
    return go_on;
  };
  if (kinds & ~bodies) {
    TRY_STATUS(copy_events_out(device, "''::bytea", through + kinds_where_sql(kinds & ~bodies),
                               [&](const StoredEvent& e) {
                                 return bodied_before(e.seq) && (go_on = fn(e));
                               }));
  }
  bodied_before(UINT64_MAX);
  return {};
}

Status PgMasterStore::copy_events_out(const crypto::DeviceId& device, const std::string& body,
                                      const std::string& where,
                                      const std::function<bool(const StoredEvent&)>& fn) {
  Lock lock(mu_);
  // Streamed by COPY in binary, never held in memory whole: a report reads
  // millions. COPY takes no parameters; the device id is written out in
  // hex, and the rest of the query is this file's own text and integers.
  StoredEvent e;
  e.device = device;
  Status bad;
  TRY_STATUS(c_.copy_out(
      "COPY (SELECT seq, canonical_header, " + body + ", hash, signature, received_utc_ms FROM events"
      " WHERE device_id = '\\x" + hex_encode(device) + "'::bytea AND " + where +
          " ORDER BY seq) TO STDOUT (FORMAT binary)",
      [&](const std::vector<pg::Connection::Field>& f) {
        if (f.size() != 6 || !copy_exact(f[3].bytes, e.hash) || !copy_exact(f[4].bytes, e.signature)) {
          bad = make_error(ErrorCode::kCorrupt, "the master store's event hash or signature is damaged");
          return false;
        }
        e.seq = static_cast<uint64_t>(f[0].int64());
        e.canonical_header.assign(f[1].bytes.begin(), f[1].bytes.end());
        e.sealed_body.assign(f[2].bytes.begin(), f[2].bytes.end());
        e.received_utc_ms = f[5].int64();
        return fn(e);
      }));
  return bad;
}

Result<MasterStore::LastEvent> PgMasterStore::last_event_through(const crypto::DeviceId& device,
                                                                Date day) {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "SELECT seq, utc_ms, offset_minutes FROM events"
      " WHERE device_id = $1 AND utc_ms + offset_minutes * 60000::bigint < $2"
      " ORDER BY seq DESC LIMIT 1",
      Params().add(ByteView(device)).add((int64_t{day.days} + 1) * 86400000)));
  if (r.size() == 0) return LastEvent{};
  return LastEvent{static_cast<uint64_t>(r.int64(0, 0)),
                   {r.int64(0, 1), static_cast<int32_t>(r.int64(0, 2))}};
}

Result<uint64_t> PgMasterStore::event_count() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec("SELECT count(*) FROM events"));
  return static_cast<uint64_t>(r.int64(0, 0));
}

Result<uint64_t> PgMasterStore::quarantine_count() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec("SELECT count(*) FROM quarantine"));
  return static_cast<uint64_t>(r.int64(0, 0));
}

Result<std::vector<Alert>> PgMasterStore::alerts() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec("SELECT utc_ms, kind, device_id, detail FROM alerts ORDER BY id"));
  std::vector<Alert> out;
  for (int i = 0; i < r.size(); ++i) {
    Alert a{r.int64(i, 0), r.text(i, 1), std::nullopt, r.text(i, 3)};
    if (!r.is_null(i, 2)) a.device = TRY(fixed<16>(r, i, 2, "alert device"));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<PublishedVersion>> PgMasterStore::published_versions() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "SELECT policy_id, version, effective FROM published_versions ORDER BY policy_id, version"));
  std::vector<PublishedVersion> out;
  for (int i = 0; i < r.size(); ++i) {
    auto day = parse_date(r.text(i, 2));
    if (!day.ok()) continue;  // not a date: as if never published here
    out.push_back({r.text(i, 0), r.text(i, 1), *day});
  }
  return out;
}

Result<uint64_t> PgMasterStore::roster_version() {
  Lock lock(mu_);
  return static_cast<uint64_t>(TRY(counter_locked("roster_version", false)));
}

Result<std::vector<RosterPerson>> PgMasterStore::roster() {
  Lock lock(mu_);
  const Rows r = TRY(c_.exec(
      "SELECT person_id, name, role, hired, active, pin_verifier FROM people"
      " ORDER BY name COLLATE \"C\", person_id"));
  std::vector<RosterPerson> out;
  for (int i = 0; i < r.size(); ++i) {
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.int64(i, 4) != 0,
                   r.text(i, 5)});
  }
  return out;
}

Status PgMasterStore::upsert_person_locked(const RosterPerson& p) {
  const int64_t version = TRY(counter_locked("roster_version", true)) + 1;
  TRY(c_.exec(
      "INSERT INTO people(person_id, name, role, hired, active, pin_verifier, version)"
      " VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (person_id) DO UPDATE SET name = excluded.name,"
      " role = excluded.role, hired = excluded.hired, active = excluded.active,"
      " pin_verifier = excluded.pin_verifier, version = excluded.version",
      Params()
          .add(std::string_view(p.person_id))
          .add(std::string_view(p.name))
          .add(std::string_view(p.role))
          .add(std::string_view(p.hired))
          .add(std::string_view(p.active ? "true" : "false"))
          .add(std::string_view(p.pin_verifier))
          .add(version)));
  return set_counter_locked("roster_version", version);
}

Status PgMasterStore::upsert_person(const RosterPerson& p) {
  Lock lock(mu_);
  return c_.transaction([&] { return upsert_person_locked(p); });
}

Status PgMasterStore::add_enrollment_code(const crypto::Sha256& code_key, const std::string& person_id,
                                          int64_t now_ms, int64_t expires_ms) {
  Lock lock(mu_);
  return c_.transaction([&]() -> Status {
    TRY(c_.exec(
        "UPDATE enrollment_codes SET expires_utc_ms = $1 WHERE person_id = $2 AND used_utc_ms IS NULL"
        " AND expires_utc_ms > $1",
        Params().add(now_ms).add(std::string_view(person_id))));
    TRY(c_.exec(
        "INSERT INTO enrollment_codes(code_key, person_id, created_utc_ms, expires_utc_ms)"
        " VALUES($1, $2, $3, $4)",
        Params().add(ByteView(code_key)).add(std::string_view(person_id)).add(now_ms).add(expires_ms)));
    return {};
  });
}

Result<std::optional<RosterPerson>> PgMasterStore::enroll_with_code(const crypto::Sha256& code_key,
                                                                    const std::string& pin_verifier,
                                                                    const crypto::DeviceId& device,
                                                                    int64_t now_ms) {
  Lock lock(mu_);
  std::optional<RosterPerson> out;
  TRY_STATUS(c_.transaction([&]() -> Status {
    out.reset();
    // The code's row is locked: two kiosks entering one code at once
    // cannot both use it.
    const Rows r = TRY(c_.exec(
        "SELECT p.person_id, p.name, p.role, p.hired, p.active FROM enrollment_codes c"
        " JOIN people p ON p.person_id = c.person_id"
        " WHERE c.code_key = $1 AND c.used_utc_ms IS NULL AND c.expires_utc_ms > $2 AND p.active"
        " FOR UPDATE OF c",
        Params().add(ByteView(code_key)).add(now_ms)));
    if (r.size() == 0) return {};
    RosterPerson p{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.int64(0, 4) != 0,
                   pin_verifier};
    TRY(c_.exec("UPDATE enrollment_codes SET used_utc_ms = $1, device_id = $2 WHERE code_key = $3",
                Params().add(now_ms).add(ByteView(device)).add(ByteView(code_key))));
    TRY_STATUS(upsert_person_locked(p));
    out = std::move(p);
    return {};
  }));
  return out;
}

Result<std::vector<CompletionRow>> PgMasterStore::completions(const Positions& seen, size_t limit,
                                                              Positions& reached) {
  Lock lock(mu_);
  const Rows heads = TRY(c_.exec("SELECT device_id, seq FROM chains ORDER BY device_id"));
  std::vector<CompletionRow> out;
  for (int h = 0; h < heads.size() && out.size() < limit; ++h) {
    const crypto::DeviceId device = TRY(fixed<16>(heads, h, 0, "device id"));
    const uint64_t head = static_cast<uint64_t>(heads.int64(h, 1));
    auto it = seen.find(device);
    const uint64_t from = it == seen.end() ? 0 : it->second;
    if (from >= head) continue;
    const size_t room = limit - out.size();
    const Rows r = TRY(c_.exec(
        "SELECT seq, person_id, kind, subject_id, subject_version, utc_ms, offset_minutes"
        " FROM events WHERE device_id = $1 AND seq > $2 AND kind IN ('ModuleCompleted',"
        " 'PolicyAttested') AND person_id <> '' ORDER BY seq LIMIT $3",
        Params().add(ByteView(device)).add(static_cast<int64_t>(from)).add(static_cast<int64_t>(room))));
    for (int i = 0; i < r.size(); ++i) {
      out.push_back({device, static_cast<uint64_t>(r.int64(i, 0)), r.text(i, 1), r.text(i, 2),
                     r.text(i, 3), r.text(i, 4), r.int64(i, 5), static_cast<int32_t>(r.int64(i, 6))});
    }
    // All of this device read: its position is its head. Else up to the last row.
    reached[device] = static_cast<size_t>(r.size()) < room ? head : out.back().seq;
  }
  return out;
}

}  // namespace attest::store
