// SqliteMasterStore: the roster kiosks receive, and enrollment codes.
#include "store/master_counters.h"
#include "store/sqlite_master_store.h"

namespace attest::store {

using Lock = std::lock_guard<std::mutex>;

Result<std::vector<PublishedVersion>> SqliteMasterStore::published_versions() {
  Lock lock(mu_);
  return load_published_versions(db_);
}

Result<uint64_t> SqliteMasterStore::roster_version() {
  Lock lock(mu_);
  return static_cast<uint64_t>(TRY(master_counter(db_, "roster_version")));
}

Result<std::vector<RosterPerson>> SqliteMasterStore::roster() {
  Lock lock(mu_);
  Stmt s = TRY(db_.prepare(
      "SELECT person_id, name, role, hired, active, pin_verifier FROM people ORDER BY name"));
  std::vector<RosterPerson> out;
  while (TRY(s.step())) {
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4) != 0, s.text(5)});
  }
  return out;
}

Status SqliteMasterStore::upsert_person_locked(const RosterPerson& p) {
  const int64_t version = TRY(master_counter(db_, "roster_version")) + 1;
  Stmt s = TRY(db_.prepare(
      "INSERT INTO people(person_id, name, role, hired, active, pin_verifier, version)"
      " VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(person_id) DO UPDATE SET name = excluded.name,"
      " role = excluded.role, hired = excluded.hired, active = excluded.active,"
      " pin_verifier = excluded.pin_verifier, version = excluded.version"));
  TRY_STATUS(s.bind(1, std::string_view(p.person_id))
                 .bind(2, std::string_view(p.name))
                 .bind(3, std::string_view(p.role))
                 .bind(4, std::string_view(p.hired))
                 .bind(5, int64_t(p.active ? 1 : 0))
                 .bind(6, std::string_view(p.pin_verifier))
                 .bind(7, version)
                 .run());
  return set_master_counter(db_, "roster_version", version);
}

Status SqliteMasterStore::upsert_person(const RosterPerson& p) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  TRY_STATUS(upsert_person_locked(p));
  return tx.commit();
}

Status SqliteMasterStore::add_enrollment_code(const crypto::Sha256& code_key,
                                              const std::string& person_id, int64_t now_ms,
                                              int64_t expires_ms) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  Stmt old = TRY(db_.prepare(
      "UPDATE enrollment_codes SET expires_utc_ms = ? WHERE person_id = ? AND used_utc_ms IS NULL"
      " AND expires_utc_ms > ?"));
  TRY_STATUS(old.bind(1, now_ms).bind(2, std::string_view(person_id)).bind(3, now_ms).run());
  Stmt s = TRY(db_.prepare(
      "INSERT INTO enrollment_codes(code_key, person_id, created_utc_ms, expires_utc_ms)"
      " VALUES(?, ?, ?, ?)"));
  TRY_STATUS(s.bind(1, ByteView(code_key))
                 .bind(2, std::string_view(person_id))
                 .bind(3, now_ms)
                 .bind(4, expires_ms)
                 .run());
  return tx.commit();
}

Result<std::optional<RosterPerson>> SqliteMasterStore::enroll_with_code(
    const crypto::Sha256& code_key, const std::string& pin_verifier, const crypto::DeviceId& device,
    int64_t now_ms) {
  Lock lock(mu_);
  Transaction tx = TRY(Transaction::begin(db_));
  Stmt find = TRY(db_.prepare(
      "SELECT p.person_id, p.name, p.role, p.hired, p.active FROM enrollment_codes c"
      " JOIN people p ON p.person_id = c.person_id"
      " WHERE c.code_key = ? AND c.used_utc_ms IS NULL AND c.expires_utc_ms > ? AND p.active = 1"));
  find.bind(1, ByteView(code_key)).bind(2, now_ms);
  if (!TRY(find.step())) return std::optional<RosterPerson>();
  RosterPerson p{find.text(0), find.text(1), find.text(2), find.text(3), find.int64(4) != 0,
                 pin_verifier};
  Stmt use = TRY(db_.prepare(
      "UPDATE enrollment_codes SET used_utc_ms = ?, device_id = ? WHERE code_key = ?"));
  TRY_STATUS(use.bind(1, now_ms).bind(2, ByteView(device)).bind(3, ByteView(code_key)).run());
  TRY_STATUS(upsert_person_locked(p));
  TRY_STATUS(tx.commit());
  return std::optional<RosterPerson>(std::move(p));
}

}  // namespace attest::store
