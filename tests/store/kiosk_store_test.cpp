#include <doctest/doctest.h>

#include "base/file.h"
#include "core/body.h"
#include "crypto/random.h"
#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "store/kiosk_verify.h"
#include "store/migrations.h"
#include "support/store_fixture.h"

using namespace attest;

namespace {

struct Fixture : testing::StoreFixture {
  Fixture() : StoreFixture("attest-store") {}
};

core::EventDraft draft(int i) {
  core::EventDraft d;
  d.kind = core::EventKind::kPolicyAttested;
  d.person_id = "p-000" + std::to_string(i % 5);
  d.subject = {"acceptable-use", "1", crypto::sha256(as_bytes("policy text"))};
  d.body_fields = {{"typed_name", "Person " + std::to_string(i)}};
  return d;
}

}  // namespace

TEST_CASE("appended events read back, in order, with bodies only the practice can open") {
  Fixture f;
  auto store = f.create();
  for (int i = 0; i < 5; ++i) {
    auto a = store.append(draft(i), f.clock, f.rng);
    REQUIRE(a.ok());
    CHECK(a->seq == static_cast<uint64_t>(i + 1));
    f.clock.advance_ms(1000);
  }
  CHECK(*store.event_count() == 5);
  CHECK(*store.pending_count() == 5);
  auto pos = store.position();
  REQUIRE(pos.ok());
  CHECK(pos->next_seq == 6);

  auto e = store.read(3);
  REQUIRE(e.ok());
  CHECK(e->header.seq == 3);
  CHECK(e->header.person_id == "p-0002");
  CHECK(e->header.subject.id == "acceptable-use");
  CHECK(format_date(e->header.retain_until) == "2032-11-23");
  auto opened = crypto::seal_open(f.practice, e->sealed_body);
  REQUIRE(opened.ok());
  auto fields = core::open_body_fields(opened->view(), e->header.body_digest);
  REQUIRE(fields.ok());
  CHECK((*fields)["typed_name"] == "Person 2");

  // The kiosk cannot read bodies back: no key it holds opens them.
  auto as_device = crypto::BoxSecretKey::from_bytes(f.device().storage_key().view());
  REQUIRE(as_device.ok());
  CHECK_FALSE(crypto::seal_open(*as_device, e->sealed_body).ok());

  uint64_t seen = 0;
  REQUIRE(store.for_each(2, [&](const core::SignedEvent& ev) {
                 CHECK(ev.header.seq == seen + 2);
                 ++seen;
                 return true;
               }).ok());
  CHECK(seen == 4);

  auto report = store::verify_kiosk_store(f.db(), f.device());
  REQUIRE(report.ok());
  CHECK(report->intact());
  CHECK(report->events == 5);
}

TEST_CASE("headers are encrypted at rest") {
  Fixture f;
  auto store = f.create();
  REQUIRE(store.append(draft(1), f.clock, f.rng).ok());
  auto raw = read_file(f.db());
  REQUIRE(raw.ok());
  auto wal = read_file(f.dir / "kiosk.db-wal");
  std::string all = *raw + (wal.ok() ? *wal : "");
  CHECK(all.find("acceptable-use") == std::string::npos);
  CHECK(all.find("p-0001") == std::string::npos);
  CHECK(all.find("Person 1") == std::string::npos);
}

TEST_CASE("a batch is all or nothing") {
  Fixture f;
  auto store = f.create();
  std::vector<core::EventDraft> drafts;
  for (int i = 0; i < 50; ++i) drafts.push_back(draft(i));
  auto done = store.append_batch(drafts, f.clock, f.rng);
  REQUIRE(done.ok());
  CHECK(done->size() == 50);
  CHECK(done->back().seq == 50);
  CHECK(*store.event_count() == 50);
  auto report = store::verify_kiosk_store(f.db(), f.device());
  REQUIRE(report.ok());
  CHECK(report->intact());
}

TEST_CASE("a store refuses another device's key and files that are not stores") {
  Fixture f;
  { auto store = f.create(); }
  crypto::DeviceKey stranger = crypto::DeviceKey::generate(f.rng);
  auto wrong = store::KioskStore::open(f.db(), std::move(stranger));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().message.find("belongs to device") != std::string::npos);

  auto again = store::KioskStore::create(f.db(), f.device(), f.practice.public_key(), f.clock);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kAlreadyExists);

  auto junk = f.dir / "junk.db";
  REQUIRE(write_file_atomic(junk, as_bytes(std::string(4096, 'j'))).ok());
  auto bad = store::KioskStore::open(junk, f.device());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("not an Attest store") != std::string::npos);

  auto missing = store::KioskStore::open(f.dir / "nope.db", f.device());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("migrations are numbered, applied once, and a newer schema is refused") {
  Fixture f;
  { auto store = f.create(); }
  auto db = store::Db::open(f.db(), store::OpenMode::kReadWrite);
  REQUIRE(db.ok());
  auto v = store::schema_version(*db);
  REQUIRE(v.ok());
  CHECK(*v == store::kiosk_migrations().back().version);
  // Numbered 1..N without gaps in both stores: a database at version N
  // never gets a migration numbered below N, so a gap would be skipped forever.
  for (auto list : {store::kiosk_migrations(), store::master_migrations()}) {
    for (size_t i = 0; i < list.size(); ++i) CHECK(list[i].version == static_cast<int>(i + 1));
  }
  CHECK(store::migrate(*db, store::kiosk_migrations()).ok());  // idempotent
  REQUIRE(db->exec("INSERT INTO schema_migrations VALUES(999, 'from the future', 0)").ok());
  auto reopened = store::KioskStore::open(f.db(), f.device());
  REQUIRE_FALSE(reopened.ok());
  CHECK(reopened.error().code == ErrorCode::kUnsupported);
}

TEST_CASE("appending after the newest event was removed is refused") {
  Fixture f;
  auto store = f.create();
  for (int i = 0; i < 3; ++i) REQUIRE(store.append(draft(i), f.clock, f.rng).ok());
  REQUIRE(store.db().exec("DELETE FROM events WHERE seq = 3").ok());
  auto next = store.append(draft(9), f.clock, f.rng);
  REQUIRE_FALSE(next.ok());
  CHECK(next.error().code == ErrorCode::kTampered);
  CHECK(*store.event_count() == 2);  // nothing was written
}

TEST_CASE("a receipt marks what it covers as synced, reading only what was pending") {
  Fixture f;
  auto store = f.create();
  for (int i = 0; i < 6; ++i) REQUIRE(store.append(draft(i), f.clock, f.rng).ok());
  REQUIRE(store::mark_synced(store.db(), 4, "{\"receipt\":4}", f.clock.now().utc_ms).ok());
  CHECK(*store.pending_count() == 2);
  CHECK(*store::first_unsynced(store.db()) == 5u);
  REQUIRE(store::mark_synced(store.db(), 6, "{\"receipt\":6}", f.clock.now().utc_ms).ok());
  CHECK(*store.pending_count() == 0);
  CHECK_FALSE(*store::first_unsynced(store.db()));
  // The marking and the counting go through the index of pending events,
  // not a scan of the whole outbox, so they stay cheap at 100k events.
  auto plan = [&](const std::string& sql) {
    auto s = store.db().prepare("EXPLAIN QUERY PLAN " + sql);
    REQUIRE(s.ok());
    std::string all;
    while (*s->step()) all += s->text(3) + "\n";
    return all;
  };
  CHECK(plan("UPDATE outbox SET acked_utc_ms = 1 WHERE seq <= 6 AND acked_utc_ms IS NULL")
            .find("outbox_pending") != std::string::npos);
  CHECK(plan("SELECT count(*) FROM outbox WHERE acked_utc_ms IS NULL").find("outbox_pending") !=
        std::string::npos);
}
