#include "store/migrate_store.h"

#include "base/file.h"
#include "core/canonical.h"
#include "store/master_verify.h"
#include "store/pg_master_store.h"
#include "store/sqlite_master_store.h"

namespace attest::store {

namespace {

constexpr size_t kEventsPerCopy = 5000;

Status check_intact(MasterStore& s, const char* where) {
  const MasterVerification v = TRY(verify_master(s, {}));
  if (!v.intact()) {
    return make_error(ErrorCode::kTampered, std::string("the master store ") + where +
                                                " does not verify (attest-server verify names "
                                                "what fails); nothing was moved");
  }
  return {};
}

// Copies `select` (on SQLite) into `insert` (on PostgreSQL, $1..$n), row by
// row: the small tables.
Status copy_table(Db& from, pg::Connection& to, const char* select, const char* insert,
                  const std::vector<char>& types) {
  Stmt s = TRY(from.prepare(select));
  while (TRY(s.step())) {
    pg::Params p;
    for (size_t i = 0; i < types.size(); ++i) {
      const int col = static_cast<int>(i);
      if (s.is_null(col)) {
        p.add_null();
      } else if (types[i] == 'i') {
        p.add(s.int64(col));
      } else if (types[i] == 'b') {
        p.add(s.blob(col));
      } else {
        p.add(std::string_view(s.text(col)));
      }
    }
    TRY(to.exec(insert, p));
  }
  return {};
}

// The header fields the events table copies out of each header come from
// the header itself, as when the store appends: the chains verified before
// and after cover the header.
Status copy_events(Db& from, pg::Connection& to, uint64_t& copied) {
  Stmt s = TRY(from.prepare(
      "SELECT canonical_header, sealed_body, hash, signature, received_utc_ms FROM events"
      " ORDER BY device_id, seq"));
  EventCopy rows;
  while (TRY(s.step())) {
    const core::EventHeader h = TRY(core::decode_header(s.blob(0)));
    crypto::Sha256 hash{};
    crypto::Signature sig{};
    if (!copy_exact(s.blob(2), hash) || !copy_exact(s.blob(3), sig)) {
      return make_error(ErrorCode::kCorrupt, "an event's hash or signature is damaged");
    }
    rows.add(h, s.blob(0), s.blob(1), hash, sig, s.int64(4));
    ++copied;
    if (rows.size() == kEventsPerCopy) TRY(rows.send(to));
  }
  if (rows.size() > 0) TRY(rows.send(to));
  return {};
}

}  // namespace

Result<StoreMigration> migrate_store_to_postgres(const ServerPaths& from, const std::string& uri) {
  if (!is_postgres_uri(uri)) return make_error(ErrorCode::kInvalidArgument, "--to takes a postgresql:// URI");
  std::error_code ec;
  if (std::filesystem::exists(from.store_uri(), ec)) {
    return make_error(ErrorCode::kAlreadyExists, from.dir.string() + " already uses a PostgreSQL store");
  }
  StoreMigration out;
  PracticeInfo practice;
  uint64_t source_events = 0;
  {
    // Read-write so a store from an older build is brought to this
    // build's schema (sites included) before it is copied.
    auto source = TRY(SqliteMasterStore::open(from.db(), OpenMode::kReadWrite));
    TRY_STATUS(check_intact(*source, "being moved"));
    practice = TRY(source->practice());
    source_events = TRY(source->event_count());
    out.devices = TRY(source->devices()).size();
  }
  // Nothing may be stored in the file while it is copied: a server left
  // running waits here (and must be stopped: it would go on writing to the
  // renamed file).
  Db db = TRY(Db::open(from.db(), OpenMode::kReadWrite));
  TRY_STATUS(db.exec("BEGIN IMMEDIATE"));
  // One transaction: the schema, the practice row (failing if the database
  // holds a store already) and every table, or nothing at all.
  pg::Connection to = TRY(pg::Connection::open(uri));
  TRY_STATUS(to.transaction([&]() -> Status {
    out.events = 0;
    TRY_STATUS(PgMasterStore::create_in(to, practice, nullptr));
    TRY_STATUS(copy_table(db, to,
                          "SELECT site_id, name, server_public_key, created_utc_ms FROM sites"
                          " ORDER BY rowid",
                          "INSERT INTO sites(site_id, name, server_public_key, created_utc_ms)"
                          " VALUES($1, $2, $3, $4)",
                          {'t', 't', 'b', 'i'}));
    TRY_STATUS(copy_table(db, to,
                          "SELECT device_id, public_key, name, enrolled_utc_ms, revoked_utc_ms,"
                          " last_seen_utc_ms, site_id FROM devices",
                          "INSERT INTO devices(device_id, public_key, name, enrolled_utc_ms,"
                          " revoked_utc_ms, last_seen_utc_ms, site_id)"
                          " VALUES($1, $2, $3, $4, $5, $6, $7)",
                          {'b', 'b', 't', 'i', 'i', 'i', 't'}));
    TRY_STATUS(copy_events(db, to, out.events));
    TRY_STATUS(copy_table(db, to, "SELECT device_id, seq, link FROM chains",
                          "INSERT INTO chains(device_id, seq, link) VALUES($1, $2, $3)",
                          {'b', 'i', 'b'}));
    TRY_STATUS(copy_table(db, to,
                          "SELECT device_id, seq, canonical_header, sealed_body, signature, reason,"
                          " received_utc_ms FROM quarantine ORDER BY id",
                          "INSERT INTO quarantine(device_id, seq, canonical_header, sealed_body,"
                          " signature, reason, received_utc_ms) VALUES($1, $2, $3, $4, $5, $6, $7)",
                          {'b', 'i', 'b', 'b', 'b', 't', 'i'}));
    TRY_STATUS(copy_table(db, to, "SELECT utc_ms, kind, device_id, detail FROM alerts ORDER BY id",
                          "INSERT INTO alerts(utc_ms, kind, device_id, detail) VALUES($1, $2, $3, $4)",
                          {'i', 't', 'b', 't'}));
    TRY_STATUS(copy_table(db, to,
                          "SELECT code_key, created_utc_ms, expires_utc_ms, used_utc_ms, device_id,"
                          " site_id FROM pairing_codes",
                          "INSERT INTO pairing_codes(code_key, created_utc_ms, expires_utc_ms,"
                          " used_utc_ms, device_id, site_id) VALUES($1, $2, $3, $4, $5, $6)",
                          {'b', 'i', 'i', 'i', 'b', 't'}));
    TRY_STATUS(copy_table(db, to, "SELECT device_id, nonce, request_utc_ms FROM nonces",
                          "INSERT INTO nonces(device_id, nonce, request_utc_ms) VALUES($1, $2, $3)",
                          {'b', 'b', 'i'}));
    TRY_STATUS(copy_table(db, to,
                          "SELECT person_id, name, role, hired, CASE WHEN active THEN 'true' ELSE"
                          " 'false' END, pin_verifier, version FROM people",
                          "INSERT INTO people(person_id, name, role, hired, active, pin_verifier,"
                          " version) VALUES($1, $2, $3, $4, $5, $6, $7)",
                          {'t', 't', 't', 't', 't', 't', 'i'}));
    TRY_STATUS(copy_table(db, to, "SELECT value, name FROM counters",
                          "UPDATE counters SET value = $1 WHERE name = $2", {'i', 't'}));
    TRY_STATUS(copy_table(db, to,
                          "SELECT code_key, person_id, created_utc_ms, expires_utc_ms, used_utc_ms,"
                          " device_id FROM enrollment_codes",
                          "INSERT INTO enrollment_codes(code_key, person_id, created_utc_ms,"
                          " expires_utc_ms, used_utc_ms, device_id) VALUES($1, $2, $3, $4, $5, $6)",
                          {'b', 't', 'i', 'i', 'i', 'b'}));
    TRY_STATUS(copy_table(db, to, "SELECT policy_id, version, effective FROM published_versions",
                          "INSERT INTO published_versions(policy_id, version, effective)"
                          " VALUES($1, $2, $3)",
                          {'t', 't', 't'}));
    return {};
  }));
  auto target = TRY(PgMasterStore::open(uri));
  TRY_STATUS(check_intact(*target, "in PostgreSQL"));
  if (TRY(target->event_count()) != source_events || out.events != source_events) {
    return make_error(ErrorCode::kInternal, "PostgreSQL holds a different number of events than " +
                                                from.db().string() + "; the folder still uses it");
  }
  // Switch the folder over; the old file stays, renamed.
  TRY_STATUS(write_file_atomic(from.store_uri(), as_bytes(uri + "\n"), 0600));
  out.old_file = from.dir / "master.db.moved-to-postgresql";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const auto f = std::filesystem::path(from.db().string() + suffix);
    if (std::filesystem::exists(f, ec)) {
      std::filesystem::rename(f, out.old_file.string() + suffix, ec);
      if (ec) return make_error(ErrorCode::kIo, "cannot rename " + f.string() + ": " + ec.message());
    }
  }
  TRY_STATUS(db.exec("ROLLBACK"));
  return out;
}

}  // namespace attest::store
