#include "store/kiosk_state.h"

namespace attest::store {

namespace {

Result<PersonRecord> person_from(const Stmt& s) {
  PersonRecord p;
  p.id = s.text(0);
  p.name = s.text(1);
  p.role = s.text(2);
  auto hired = parse_date(s.text(3));
  if (!hired.ok()) {
    return make_error(ErrorCode::kCorrupt, "person " + p.id + ": " + hired.error().message);
  }
  p.hired = *hired;
  p.active = s.int64(4) != 0;
  p.pin_verifier = s.text(5);
  return p;
}

constexpr const char* kPersonColumns = "person_id, name, role, hired, active, pin_verifier";

}  // namespace

Result<std::vector<PersonRecord>> load_people(Db& db) {
  Stmt s = TRY(db.prepare(std::string("SELECT ") + kPersonColumns +
                          " FROM people ORDER BY active DESC, name COLLATE NOCASE"));
  std::vector<PersonRecord> out;
  while (TRY(s.step())) out.push_back(TRY(person_from(s)));
  return out;
}

Result<std::optional<PersonRecord>> load_person(Db& db, const std::string& id) {
  Stmt s = TRY(db.prepare(std::string("SELECT ") + kPersonColumns +
                          " FROM people WHERE person_id = ?"));
  s.bind(1, std::string_view(id));
  if (!TRY(s.step())) return std::optional<PersonRecord>();
  return std::optional<PersonRecord>(TRY(person_from(s)));
}

Status save_person(Db& db, const PersonRecord& p) {
  Stmt s = TRY(db.prepare(
      "INSERT INTO people(person_id, name, role, hired, active, pin_verifier)"
      " VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(person_id) DO UPDATE SET name = excluded.name,"
      " role = excluded.role, hired = excluded.hired, active = excluded.active,"
      " pin_verifier = excluded.pin_verifier"));
  return s.bind(1, std::string_view(p.id))
      .bind(2, std::string_view(p.name))
      .bind(3, std::string_view(p.role))
      .bind(4, std::string_view(format_date(p.hired)))
      .bind(5, int64_t{p.active ? 1 : 0})
      .bind(6, std::string_view(p.pin_verifier))
      .run();
}

Result<core::PinState> load_pin_state(Db& db, const std::string& person_id) {
  Stmt s = TRY(db.prepare(
      "SELECT failures, locked_until_ms, lockouts FROM pin_state WHERE person_id = ?"));
  s.bind(1, std::string_view(person_id));
  core::PinState st;
  if (TRY(s.step())) {
    st.failures = int(s.int64(0));
    st.locked_until_ms = s.int64(1);
    st.lockouts = int(s.int64(2));
  }
  return st;
}

Status save_pin_state(Db& db, const std::string& person_id, const core::PinState& st) {
  Stmt s = TRY(db.prepare(
      "INSERT INTO pin_state(person_id, failures, locked_until_ms, lockouts) VALUES(?, ?, ?, ?)"
      " ON CONFLICT(person_id) DO UPDATE SET failures = excluded.failures,"
      " locked_until_ms = excluded.locked_until_ms, lockouts = excluded.lockouts"));
  return s.bind(1, std::string_view(person_id))
      .bind(2, int64_t{st.failures})
      .bind(3, st.locked_until_ms)
      .bind(4, int64_t{st.lockouts})
      .run();
}

Result<int> load_progress(Db& db, const std::string& person_id, const std::string& module_id) {
  Stmt s = TRY(db.prepare(
      "SELECT page FROM module_progress WHERE person_id = ? AND module_id = ?"));
  s.bind(1, std::string_view(person_id)).bind(2, std::string_view(module_id));
  if (!TRY(s.step())) return 0;
  return int(s.int64(0));
}

Status save_progress(Db& db, const std::string& person_id, const std::string& module_id,
                     int page, int64_t now_ms) {
  Stmt s = TRY(db.prepare(
      "INSERT INTO module_progress(person_id, module_id, page, updated_utc_ms) VALUES(?, ?, ?, ?)"
      " ON CONFLICT(person_id, module_id) DO UPDATE SET page = excluded.page,"
      " updated_utc_ms = excluded.updated_utc_ms"));
  return s.bind(1, std::string_view(person_id))
      .bind(2, std::string_view(module_id))
      .bind(3, int64_t{page})
      .bind(4, now_ms)
      .run();
}

Status clear_progress(Db& db, const std::string& person_id, const std::string& module_id) {
  Stmt s = TRY(db.prepare("DELETE FROM module_progress WHERE person_id = ? AND module_id = ?"));
  return s.bind(1, std::string_view(person_id)).bind(2, std::string_view(module_id)).run();
}

Status save_reminder_ack(Db& db, const std::string& person_id, const std::string& reminder_id,
                         const std::string& version, Date on) {
  Stmt s = TRY(db.prepare(
      "INSERT OR IGNORE INTO reminder_acks(person_id, reminder_id, version, acked_on)"
      " VALUES(?, ?, ?, ?)"));
  return s.bind(1, std::string_view(person_id))
      .bind(2, std::string_view(reminder_id))
      .bind(3, std::string_view(version))
      .bind(4, std::string_view(format_date(on)))
      .run();
}

Result<bool> reminder_acked_since(Db& db, const std::string& person_id,
                                  const std::string& reminder_id, const std::string& version,
                                  Date since) {
  // YYYY-MM-DD compares as text in date order.
  Stmt s = TRY(db.prepare(
      "SELECT 1 FROM reminder_acks WHERE person_id = ? AND reminder_id = ? AND version = ?"
      " AND acked_on >= ?"));
  s.bind(1, std::string_view(person_id))
      .bind(2, std::string_view(reminder_id))
      .bind(3, std::string_view(version))
      .bind(4, std::string_view(format_date(since)));
  return TRY(s.step());
}

}  // namespace attest::store
