#include "store/kiosk_sync_state.h"

#include <set>

namespace attest::store {

Result<std::optional<ServerLink>> load_server_link(Db& db) {
  Stmt s = TRY(db.prepare(
      "SELECT url, server_public_key, practice_name, paired_utc_ms, device_name FROM server_link"));
  if (!TRY(s.step())) return std::optional<ServerLink>();
  ServerLink l;
  l.url = s.text(0);
  if (!copy_exact(s.blob(1), l.server_key)) {
    return make_error(ErrorCode::kCorrupt, "the pinned server key is damaged");
  }
  l.practice_name = s.text(2);
  l.paired_utc_ms = s.int64(3);
  l.device_name = s.text(4);
  return std::optional<ServerLink>(std::move(l));
}

std::string kiosk_display_name(Db& db, const crypto::DeviceId& device) {
  if (auto link = load_server_link(db); link.ok() && *link && !(*link)->device_name.empty()) {
    return (*link)->device_name;
  }
  return "Kiosk " + hex_encode(device).substr(0, 8);
}

Status save_server_link(Db& db, const ServerLink& l) {
  Stmt s = TRY(db.prepare(
      "INSERT INTO server_link(id, url, server_public_key, practice_name, paired_utc_ms,"
      " device_name) VALUES(1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET url = excluded.url,"
      " server_public_key = excluded.server_public_key, practice_name = excluded.practice_name,"
      " paired_utc_ms = excluded.paired_utc_ms, device_name = excluded.device_name"));
  return s.bind(1, std::string_view(l.url))
      .bind(2, ByteView(l.server_key))
      .bind(3, std::string_view(l.practice_name))
      .bind(4, l.paired_utc_ms)
      .bind(5, std::string_view(l.device_name))
      .run();
}

Result<SyncCursor> load_sync_cursor(Db& db) {
  Stmt s = TRY(db.prepare("SELECT roster_version, last_success_utc_ms FROM sync_cursor"));
  SyncCursor c;
  if (TRY(s.step())) {
    c.roster_version = static_cast<uint64_t>(s.int64(0));
    if (!s.is_null(1)) c.last_success_utc_ms = s.int64(1);
  }
  Stmt p = TRY(db.prepare("SELECT device_id, seq FROM down_positions"));
  while (TRY(p.step())) c.positions[p.text(0)] = static_cast<uint64_t>(p.int64(1));
  return c;
}

Status record_sync_success(Db& db, int64_t now_ms) {
  Stmt s = TRY(db.prepare("UPDATE sync_cursor SET last_success_utc_ms = ?"));
  return s.bind(1, now_ms).run();
}

Status mark_synced(Db& db, uint64_t seq, std::string_view receipt_json, int64_t now_ms) {
  Transaction tx = TRY(Transaction::begin(db));
  Stmt all = TRY(db.prepare(
      "UPDATE outbox SET acked_utc_ms = ? WHERE seq <= ? AND acked_utc_ms IS NULL"));
  TRY_STATUS(all.bind(1, now_ms).bind(2, static_cast<int64_t>(seq)).run());
  Stmt last = TRY(db.prepare("UPDATE outbox SET receipt = ? WHERE seq = ?"));
  TRY_STATUS(last.bind(1, as_bytes(receipt_json)).bind(2, static_cast<int64_t>(seq)).run());
  return tx.commit();
}

Result<std::optional<uint64_t>> first_unsynced(Db& db) {
  Stmt s = TRY(db.prepare("SELECT min(seq) FROM outbox WHERE acked_utc_ms IS NULL"));
  TRY(s.step());
  if (s.is_null(0)) return std::optional<uint64_t>();
  return std::optional<uint64_t>(static_cast<uint64_t>(s.int64(0)));
}

Status apply_down_sync(Db& db, const std::optional<std::vector<PersonRecord>>& roster,
                       uint64_t roster_version, const std::vector<RemoteCompletion>& completions,
                       const std::map<std::string, uint64_t>& positions) {
  Transaction tx = TRY(Transaction::begin(db));
  if (roster) {
    std::set<std::string> listed;
    for (PersonRecord p : *roster) {
      listed.insert(p.id);
      if (p.pin_verifier.empty()) {
        auto local = TRY(load_person(db, p.id));
        if (local) p.pin_verifier = local->pin_verifier;
      }
      TRY_STATUS(save_person(db, p));
    }
    for (PersonRecord p : TRY(load_people(db))) {
      if (p.active && !listed.count(p.id)) {
        p.active = false;
        TRY_STATUS(save_person(db, p));
      }
    }
  }
  Stmt ins = TRY(db.prepare(
      "INSERT OR IGNORE INTO remote_completions(person_id, kind, item_id, version, utc_ms,"
      " offset_minutes) VALUES(?, ?, ?, ?, ?, ?)"));
  for (const auto& c : completions) {
    ins.reset();
    TRY_STATUS(ins.bind(1, std::string_view(c.person_id))
                   .bind(2, std::string_view(c.kind))
                   .bind(3, std::string_view(c.item_id))
                   .bind(4, std::string_view(c.version))
                   .bind(5, c.utc_ms)
                   .bind(6, int64_t{c.offset_minutes})
                   .run());
  }
  Stmt cur = TRY(db.prepare("UPDATE sync_cursor SET roster_version = ?"));
  TRY_STATUS(cur.bind(1, static_cast<int64_t>(roster_version)).run());
  // Positions only move forward: a server restored from an older backup
  // hands out the same (device, seq) events again, which this kiosk has.
  Stmt pos = TRY(db.prepare(
      "INSERT INTO down_positions(device_id, seq) VALUES(?, ?) ON CONFLICT(device_id)"
      " DO UPDATE SET seq = max(seq, excluded.seq)"));
  for (const auto& [device, seq] : positions) {
    pos.reset();
    TRY_STATUS(pos.bind(1, std::string_view(device)).bind(2, static_cast<int64_t>(seq)).run());
  }
  return tx.commit();
}

Result<std::vector<RemoteCompletion>> load_remote_completions(Db& db,
                                                              const std::string& person_id) {
  Stmt s = TRY(db.prepare(
      "SELECT person_id, kind, item_id, version, utc_ms, offset_minutes FROM remote_completions"
      " WHERE person_id = ? ORDER BY utc_ms"));
  s.bind(1, std::string_view(person_id));
  std::vector<RemoteCompletion> out;
  while (TRY(s.step())) {
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4),
                   static_cast<int32_t>(s.int64(5))});
  }
  return out;
}

}  // namespace attest::store
