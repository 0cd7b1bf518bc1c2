#include "store/completion_index.h"

#include "crypto/keyed_hash.h"
#include "crypto/seal.h"

namespace attest::store {

namespace {

constexpr char kContext[] = "attestCI";  // crypto_kdf context: 8 characters
constexpr uint64_t kTagKeyId = 1, kSealKeyId = 2;

// What a row seals: kind, version, local date, then the item id. The person
// is not in it: the row's tag, which the seal authenticates, names them.
Bytes encode(const core::Completion& c) {
  Bytes out;
  put_u8(out, c.kind == core::ItemKind::kModule ? 1 : 2);
  put_u32(out, static_cast<uint32_t>(c.version));
  put_i64(out, c.on.days);
  put_bytes(out, as_bytes(c.item_id));
  return out;
}

Result<core::Completion> decode(ByteView b, const std::string& person_id) {
  constexpr size_t kFixed = 1 + 4 + 8;
  if (b.size() < kFixed || (b[0] != 1 && b[0] != 2)) {
    return make_error(ErrorCode::kCorrupt, "a completion index row is malformed");
  }
  auto be = [&](size_t at, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | b[at + i];
    return v;
  };
  core::Completion c;
  c.person_id = person_id;
  c.kind = b[0] == 1 ? core::ItemKind::kModule : core::ItemKind::kPolicy;
  c.version = static_cast<int>(be(1, 4));
  c.on.days = static_cast<int32_t>(static_cast<int64_t>(be(5, 8)));
  c.item_id = to_string(b.subspan(kFixed));
  return c;
}

// Length-prefixed, so no two different inputs hash the same bytes.
void put_text(Bytes& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  put_bytes(out, as_bytes(s));
}

Result<crypto::KeyedHash> person_tag(const crypto::SecretBytes& key, const std::string& person) {
  Bytes in;
  put_text(in, "person");
  put_text(in, person);
  return crypto::keyed_hash(key, in);
}

Result<crypto::KeyedHash> completion_tag(const crypto::SecretBytes& key,
                                         const core::Completion& c) {
  Bytes in;
  put_text(in, "completion");
  put_text(in, c.person_id);
  put_bytes(in, encode(c));
  return crypto::keyed_hash(key, in);
}

Result<uint64_t> newest_seq(Db& db) {
  Stmt s = TRY(db.prepare("SELECT COALESCE(MAX(seq), 0) FROM events"));
  TRY(s.step());
  return static_cast<uint64_t>(s.int64(0));
}

}  // namespace

Result<CompletionIndex> CompletionIndex::open(KioskStore& store, Random& rng) {
  const crypto::SecretBytes& storage = store.device().storage_key();
  crypto::SecretBytes tag_key = TRY(crypto::derive_subkey(storage, kTagKeyId, kContext));
  crypto::SecretBytes seal_key = TRY(crypto::derive_subkey(storage, kSealKeyId, kContext));
  return CompletionIndex(store, rng, std::move(tag_key), std::move(seal_key));
}

Result<uint64_t> CompletionIndex::current_through() {
  Stmt s = TRY(store_->db().prepare("SELECT through_seq FROM completion_index_state WHERE id = 1"));
  if (!TRY(s.step())) {
    return make_error(ErrorCode::kCorrupt, "the completion index has no state row");
  }
  return static_cast<uint64_t>(s.int64(0));
}

Result<uint64_t> CompletionIndex::catch_up() {
  const uint64_t through = TRY(current_through());
  const uint64_t newest = TRY(newest_seq(store_->db()));
  if (through == newest) return uint64_t{0};
  // Ahead of the log: the store was put back from an older copy, and some
  // rows may be of events it no longer has.
  return read_log(through > newest);
}

Result<uint64_t> CompletionIndex::rebuild() { return read_log(true); }

Result<uint64_t> CompletionIndex::read_log(bool from_start) {
  Db& db = store_->db();
  Transaction tx = TRY(Transaction::begin(db));
  if (from_start) {
    TRY_STATUS(db.exec("DELETE FROM completion_index"));
    TRY_STATUS(db.exec("UPDATE completion_index_state SET through_seq = 0 WHERE id = 1"));
  }
  const uint64_t through = TRY(current_through());
  Stmt insert = TRY(db.prepare(
      "INSERT OR IGNORE INTO completion_index(tag, person_tag, box) VALUES(?, ?, ?)"));
  uint64_t read = 0, last = through;
  Status failed;
  auto add = [&](const core::Completion& c) -> Status {
    const crypto::KeyedHash tag = TRY(completion_tag(tag_key_, c));
    const crypto::KeyedHash person = TRY(person_tag(tag_key_, c.person_id));
    Bytes box = crypto::aead_seal(seal_key_, encode(c), tag, *rng_);
    return insert.bind(1, ByteView(tag)).bind(2, ByteView(person)).bind(3, ByteView(box)).run();
  };
  TRY_STATUS(store_->for_each(through + 1, [&](const core::SignedEvent& e) {
    ++read;
    last = e.header.seq;
    if (auto c = core::completion_of(e.header)) failed = add(*c);
    return failed.ok();
  }));
  TRY_STATUS(failed);
  Stmt state = TRY(db.prepare("UPDATE completion_index_state SET through_seq = ? WHERE id = 1"));
  TRY_STATUS(state.bind(1, static_cast<int64_t>(last)).run());
  TRY_STATUS(tx.commit());
  return read;
}

Result<std::vector<core::Completion>> CompletionIndex::query(const std::string& person_id) {
  const crypto::KeyedHash person = TRY(person_tag(tag_key_, person_id));
  Stmt s = TRY(store_->db().prepare("SELECT tag, box FROM completion_index WHERE person_tag = ?"));
  s.bind(1, ByteView(person));
  std::vector<core::Completion> out;
  while (TRY(s.step())) {
    auto damaged = [] {
      return make_error(ErrorCode::kCorrupt, "a completion index row fails its check");
    };
    auto plain = crypto::aead_open(seal_key_, s.blob(1), s.blob(0));
    if (!plain.ok()) return damaged();
    core::Completion c = TRY(decode(*plain, person_id));
    // The tag covers the person too: a row moved from someone else fails.
    if (!equal(TRY(completion_tag(tag_key_, c)), s.blob(0))) return damaged();
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<core::Completion>> CompletionIndex::completions_of(
    const std::string& person_id) {
  TRY(catch_up());
  auto found = query(person_id);
  if (found.ok() || found.error().code != ErrorCode::kCorrupt) return found;
  // Damaged rows: the log still has every completion.
  TRY(rebuild());
  return query(person_id);
}

}  // namespace attest::store
