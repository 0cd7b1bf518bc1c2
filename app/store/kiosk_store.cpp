#include "store/kiosk_store.h"

#include <algorithm>

#include "core/canonical.h"
#include "store/migrations.h"

namespace attest::store {

namespace {

Error not_this_device(ByteView store_device, const crypto::DeviceKey& device) {
  return make_error(ErrorCode::kInvalidArgument,
                    "this store belongs to device " + hex_encode(store_device) +
                        ", but the key is for device " + hex_encode(device.id()));
}

Status check_store_device(Db& db, const crypto::DeviceKey& device,
                          crypto::BoxPublicKey& practice_out) {
  TRY_STATUS(check_store_owner(db, device));
  Stmt s = TRY(db.prepare("SELECT device_id, public_key, practice_public_key FROM device"));
  TRY(s.step());
  if (!equal(s.blob(1), device.public_key())) return not_this_device(s.blob(0), device);
  if (!copy_exact(s.blob(2), practice_out)) {
    return make_error(ErrorCode::kCorrupt, "the store's practice public key is damaged");
  }
  return {};
}

}  // namespace

Status check_store_owner(Db& db, const crypto::DeviceKey& device) {
  Stmt s = TRY(db.prepare("SELECT device_id FROM device"));
  if (!TRY(s.step())) return make_error(ErrorCode::kCorrupt, "the store has no device record");
  if (!equal(s.blob(0), device.id())) return not_this_device(s.blob(0), device);
  return {};
}

Bytes header_associated_data(const crypto::DeviceId& device, uint64_t seq) {
  Bytes ad(device.begin(), device.end());
  put_u64(ad, seq);
  return ad;
}

Result<Db> open_kiosk_db(const std::filesystem::path& path, OpenMode mode) {
  return open_record_db(path, mode, "an Attest store");
}

Result<KioskStore> KioskStore::create(const std::filesystem::path& path, crypto::DeviceKey device,
                                      const crypto::BoxPublicKey& practice_key,
                                      const Clock& clock) {
  Db db = TRY(create_record_db(path, kiosk_migrations(), "an Attest store"));
  Stmt s = TRY(db.prepare(
      "INSERT INTO device(id, device_id, public_key, practice_public_key, created_utc_ms)"
      " VALUES(1, ?, ?, ?, ?)"));
  TRY_STATUS(s.bind(1, ByteView(device.id()))
                 .bind(2, ByteView(device.public_key()))
                 .bind(3, ByteView(practice_key))
                 .bind(4, clock.now().utc_ms)
                 .run());
  return KioskStore(std::move(db), std::move(device), practice_key);
}

Result<KioskStore> KioskStore::open(const std::filesystem::path& path, crypto::DeviceKey device,
                                    OpenMode mode) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return make_error(ErrorCode::kNotFound, "store " + path.string() + " does not exist");
  }
  Db db = TRY(open_kiosk_db(path, mode == OpenMode::kReadOnly ? mode : OpenMode::kReadWrite));
  if (mode == OpenMode::kReadOnly) {
    TRY_STATUS(check_schema_current(db, kiosk_migrations(), "open it once with the kiosk"));
  } else {
    TRY_STATUS(migrate(db, kiosk_migrations()));
  }
  crypto::BoxPublicKey practice{};
  TRY_STATUS(check_store_device(db, device, practice));
  return KioskStore(std::move(db), std::move(device), practice);
}

Result<std::optional<core::ChainHead>> read_chain_head(Db& db) {
  Stmt s = TRY(db.prepare("SELECT seq, link, signature FROM chain_head WHERE id = 1"));
  if (!TRY(s.step())) return std::optional<core::ChainHead>();
  core::ChainHead h;
  h.seq = static_cast<uint64_t>(s.int64(0));
  if (!copy_exact(s.blob(1), h.link) || !copy_exact(s.blob(2), h.signature)) {
    return make_error(ErrorCode::kCorrupt, "the chain head record is damaged");
  }
  return std::optional<core::ChainHead>(h);
}

Result<core::ChainPosition> KioskStore::position() {
  auto head = TRY(read_chain_head(db_));
  core::ChainPosition at;
  if (head) {
    at.next_seq = head->seq + 1;
    at.prev_link = head->link;
  }
  // The head is written with every event; if the newest event row and the
  // head disagree the store was altered, and appending would hide it.
  Stmt s = TRY(db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM events"));
  TRY(s.step());
  if (static_cast<uint64_t>(s.int64(0)) != at.next_seq - 1) {
    return make_error(ErrorCode::kTampered,
                      "the newest event (seq " + std::to_string(s.int64(0)) +
                          ") disagrees with the signed chain head (seq " +
                          std::to_string(at.next_seq - 1) + "); run attest verify");
  }
  return at;
}

Status KioskStore::write_head(const core::ChainPosition& at) {
  uint64_t seq = at.next_seq - 1;
  auto sig = device_.signing().sign(core::head_signing_message(device_.id(), seq, at.prev_link));
  Stmt s = TRY(db_.prepare(
      "INSERT INTO chain_head(id, seq, link, signature) VALUES(1, ?, ?, ?)"
      " ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, link = excluded.link,"
      " signature = excluded.signature"));
  return s.bind(1, static_cast<int64_t>(seq))
      .bind(2, ByteView(at.prev_link))
      .bind(3, ByteView(sig))
      .run();
}

Result<Appended> KioskStore::append_in_tx(const core::EventDraft& draft, core::ChainPosition& at,
                                          const Clock& clock, Random& rng) {
  core::BuildContext ctx{device_, practice_key_, clock, rng, ATTEST_VERSION};
  core::SignedEvent e = core::build_event(draft, at, ctx);
  Bytes header_box = crypto::aead_seal(device_.storage_key(), e.canonical_header,
                                       header_associated_data(device_.id(), e.header.seq), rng);
  Stmt ins = TRY(db_.prepare(
      "INSERT INTO events(seq, device_id, header_box, sealed_body, hash, signature)"
      " VALUES(?, ?, ?, ?, ?, ?)"));
  TRY_STATUS(ins.bind(1, static_cast<int64_t>(e.header.seq))
                 .bind(2, ByteView(device_.id()))
                 .bind(3, ByteView(header_box))
                 .bind(4, ByteView(e.sealed_body))
                 .bind(5, ByteView(e.hash))
                 .bind(6, ByteView(e.signature))
                 .run());
  Stmt mark = TRY(db_.prepare("INSERT INTO outbox(seq) VALUES(?)"));
  TRY_STATUS(mark.bind(1, static_cast<int64_t>(e.header.seq)).run());
  at.next_seq = e.header.seq + 1;
  at.prev_link = core::link_hash(e.hash, e.signature);
  return Appended{e.header.seq, e.header.event_id, e.hash, std::move(e.header)};
}

Result<Appended> KioskStore::append(const core::EventDraft& draft, const Clock& clock,
                                    Random& rng) {
  auto done = TRY(append_batch(std::span<const core::EventDraft>(&draft, 1), clock, rng));
  return done.front();
}

Result<Appended> KioskStore::append(const core::EventDraft& draft, const Clock& clock, Random& rng,
                                    const std::function<Status(Db&)>& also) {
  Transaction tx = TRY(Transaction::begin(db_));
  core::ChainPosition at = TRY(position());
  Appended done = TRY(append_in_tx(draft, at, clock, rng));
  TRY_STATUS(write_head(at));
  TRY_STATUS(also(db_));
  TRY_STATUS(tx.commit());
  return done;
}

Result<std::vector<Appended>> KioskStore::append_batch(std::span<const core::EventDraft> drafts,
                                                       const Clock& clock, Random& rng) {
  Transaction tx = TRY(Transaction::begin(db_));
  core::ChainPosition at = TRY(position());
  std::vector<Appended> out;
  out.reserve(drafts.size());
  for (const auto& d : drafts) out.push_back(TRY(append_in_tx(d, at, clock, rng)));
  TRY_STATUS(write_head(at));
  TRY_STATUS(tx.commit());
  return out;
}

Result<uint64_t> KioskStore::event_count() {
  Stmt s = TRY(db_.prepare("SELECT count(*) FROM events"));
  TRY(s.step());
  return static_cast<uint64_t>(s.int64(0));
}

Result<uint64_t> KioskStore::pending_count() {
  Stmt s = TRY(db_.prepare("SELECT count(*) FROM outbox WHERE acked_utc_ms IS NULL"));
  TRY(s.step());
  return static_cast<uint64_t>(s.int64(0));
}

static Result<core::SignedEvent> decode_row(const crypto::DeviceKey& device, const Stmt& s) {
  uint64_t seq = static_cast<uint64_t>(s.int64(0));
  core::SignedEvent e;
  auto header = crypto::aead_open(device.storage_key(), s.blob(1),
                                  header_associated_data(device.id(), seq));
  if (!header.ok()) {
    return make_error(ErrorCode::kTampered,
                      "event " + std::to_string(seq) + ": header fails authentication");
  }
  e.canonical_header = std::move(*header);
  e.header = TRY(core::decode_header(e.canonical_header));
  e.sealed_body.assign(s.blob(2).begin(), s.blob(2).end());
  if (!copy_exact(s.blob(3), e.hash) || !copy_exact(s.blob(4), e.signature)) {
    return make_error(ErrorCode::kCorrupt,
                      "event " + std::to_string(seq) + ": hash or signature has the wrong size");
  }
  return e;
}

Result<core::SignedEvent> KioskStore::read(uint64_t seq) {
  Stmt s = TRY(db_.prepare(
      "SELECT seq, header_box, sealed_body, hash, signature FROM events WHERE seq = ?"));
  s.bind(1, static_cast<int64_t>(seq));
  if (!TRY(s.step())) {
    return make_error(ErrorCode::kNotFound, "no event with seq " + std::to_string(seq));
  }
  return decode_row(device_, s);
}

Status KioskStore::for_each(uint64_t from,
                            const std::function<bool(const core::SignedEvent&)>& fn) {
  Stmt s = TRY(db_.prepare(
      "SELECT seq, header_box, sealed_body, hash, signature FROM events WHERE seq >= ?"
      " ORDER BY seq"));
  s.bind(1, static_cast<int64_t>(from));
  while (TRY(s.step())) {
    core::SignedEvent e = TRY(decode_row(device_, s));
    if (!fn(e)) break;
  }
  return {};
}

}  // namespace attest::store
