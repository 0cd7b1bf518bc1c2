// The master store's behaviour, run by ctest against both backends: SQLite
// (master_store_*) and PostgreSQL (the same cases with
// ATTEST_TEST_MASTER_STORE=postgresql; see support/master_fixture.h).
// What only one backend has (a file and its backup; a database's own
// constraints) is tested where it exists.
#include <doctest/doctest.h>

#include "store/master_verify.h"
#include "store/record_kinds.h"
#include "store/pg.h"
#include "store/sqlite_master_store.h"
#include "support/master_fixture.h"

using namespace attest;
using namespace attest::store;

using testing::MasterFixture;
constexpr int64_t kNow = testing::kMasterNow;

// A sealed body with its first byte changed, whatever that byte was (setting
// it to a fixed value leaves one body in 256 as it was).
const std::string kFirstByteChanged =
    "CASE WHEN substr(sealed_body, 1, 1) = x'00' THEN x'01' ELSE x'00' END || substr(sealed_body, 2)";

TEST_CASE("master store: create, reopen, and refuse to create over an existing file") {
  MasterFixture f;
  auto p = f.store->practice();
  REQUIRE(p.ok());
  CHECK(p->name == "Riverside Family Dental");
  CHECK(p->server_key == f.server.public_key());
  f.store.reset();
  if (f.postgres()) {
    auto again = PgMasterStore::open(f.uri);
    REQUIRE(again.ok());
    CHECK((*again)->practice()->practice_key == f.practice.public_key());
    CHECK(PgMasterStore::create(f.uri, PracticeInfo{}).error().code == ErrorCode::kAlreadyExists);
    // A database that holds no master store, and one that cannot be reached.
    const std::string empty = testing::PostgresServer::shared().create_database();
    CHECK(PgMasterStore::open(empty).error().code == ErrorCode::kCorrupt);
    CHECK(PgMasterStore::open(f.uri + "-missing").error().code == ErrorCode::kIo);
    return;
  }
  auto again = SqliteMasterStore::open(f.dir / "master.db");
  REQUIRE(again.ok());
  CHECK((*again)->practice()->practice_key == f.practice.public_key());
  CHECK(SqliteMasterStore::create(f.dir / "master.db", PracticeInfo{}).error().code ==
        ErrorCode::kAlreadyExists);
  CHECK(SqliteMasterStore::open(f.dir / "nothing.db").error().code == ErrorCode::kNotFound);
  f.dir.write("junk.db", "this is not a database, just some text long enough to matter");
  CHECK_FALSE(SqliteMasterStore::open(f.dir / "junk.db").ok());
}

TEST_CASE("master store: a pairing code enrolls one device, once, before it expires") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(1, 1), b = testing::make_chain(1, 2);
  crypto::Sha256 code{};
  code[0] = 1;
  REQUIRE(f.store->add_pairing_code(code, kFirstSiteId, kNow, kNow + 1000).ok());
  CHECK(f.store->open_pairing_codes(kFirstSiteId, kNow)->size() == 1);
  DeviceRecord da{a.device.id(), a.device.public_key(), "Front desk", 0, {}, {}, 0, kFirstSiteId};
  DeviceRecord db{b.device.id(), b.device.public_key(), "Back office", 0, {}, {}, 0, kFirstSiteId};
  // Expired.
  CHECK(f.store->pair_device(code, da, kNow + 1000).error().code == ErrorCode::kWrongSecret);
  REQUIRE(f.store->pair_device(code, da, kNow + 10).ok());
  CHECK(f.store->open_pairing_codes(kFirstSiteId, kNow + 20)->empty());
  // Used.
  CHECK(f.store->pair_device(code, db, kNow + 20).error().code == ErrorCode::kWrongSecret);
  auto devices = f.store->devices();
  REQUIRE(devices->size() == 1);
  CHECK((*devices)[0].name == "Front desk");
  CHECK((*devices)[0].enrolled_utc_ms == kNow + 10);
  // The same device with a second code.
  crypto::Sha256 code2{};
  code2[0] = 2;
  REQUIRE(f.store->add_pairing_code(code2, kFirstSiteId, kNow, kNow + 1000).ok());
  CHECK(f.store->pair_device(code2, da, kNow + 30).error().code == ErrorCode::kAlreadyExists);
  CHECK(f.store->open_pairing_codes(kFirstSiteId, kNow + 40)->size() == 1);  // rolled back, still open
}

TEST_CASE("master store: a store starts with one site; more are added, each with its own key") {
  MasterFixture f;
  auto sites = f.store->sites();
  REQUIRE(sites.ok());
  REQUIRE(sites->size() == 1);
  CHECK((*sites)[0].id == kFirstSiteId);
  CHECK((*sites)[0].name == kFirstSiteName);
  CHECK((*sites)[0].server_key == f.server.public_key());

  crypto::SignPublicKey downtown_key{};
  downtown_key.fill(7);
  REQUIRE(f.store->add_site({"downtown", "Downtown office", downtown_key, kNow + 5}).ok());
  // Taken ids and keys, and ids or names that cannot be, change nothing.
  crypto::SignPublicKey other_key{};
  other_key.fill(8);
  CHECK(f.store->add_site({"downtown", "Another", other_key, kNow}).error().code ==
        ErrorCode::kAlreadyExists);
  CHECK(f.store->add_site({"uptown", "Uptown", downtown_key, kNow}).error().code ==
        ErrorCode::kAlreadyExists);
  CHECK(f.store->add_site({"Up Town", "Uptown", other_key, kNow}).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(f.store->add_site({"uptown", "", other_key, kNow}).error().code == ErrorCode::kInvalidArgument);
  sites = f.store->sites();
  REQUIRE(sites->size() == 2);
  CHECK((*sites)[1].id == "downtown");
  CHECK((*sites)[1].name == "Downtown office");
  auto found = f.store->site_of_server(downtown_key);
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->id == "downtown");
  CHECK_FALSE(f.store->site_of_server(other_key)->has_value());
}

TEST_CASE("master store: a store from before sites becomes one site, main, with its devices and codes") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(2);
  f.enroll(a);
  crypto::Sha256 code{};
  code[0] = 5;
  REQUIRE(f.store->add_pairing_code(code, kFirstSiteId, kNow, kNow + 600000).ok());
  f.store.reset();
  // Take the sites migration (and those after it) back out, as a store
  // from the build before sites.
  if (f.postgres()) {
    auto c = pg::Connection::open(f.uri);
    REQUIRE(c.ok());
    REQUIRE(c->exec_script("ALTER TABLE devices DROP COLUMN site_id;"
                           " ALTER TABLE pairing_codes DROP COLUMN site_id; DROP TABLE sites;"
                           " DROP INDEX events_setting_state; DROP INDEX events_of_the_office;"
                           " DELETE FROM schema_migrations WHERE version >= 2;").ok());
  } else {
    // SQLite cannot drop a column a foreign key uses: copy the tables out
    // and make a store at the schema before sites, with those rows in it.
    auto db = Db::open(f.dir / "master.db", OpenMode::kReadWrite);
    REQUIRE(db.ok());
    REQUIRE(db->exec("PRAGMA foreign_keys=OFF; BEGIN;"
                     " CREATE TABLE d2 AS SELECT device_id, public_key, name, enrolled_utc_ms,"
                     "  revoked_utc_ms, last_seen_utc_ms FROM devices;"
                     " CREATE TABLE p2 AS SELECT code_key, created_utc_ms, expires_utc_ms,"
                     "  used_utc_ms, device_id FROM pairing_codes;"
                     " DROP TABLE devices; DROP TABLE pairing_codes; DROP TABLE sites;"
                     " ALTER TABLE d2 RENAME TO devices; ALTER TABLE p2 RENAME TO pairing_codes;"
                     " DROP INDEX events_setting_state; DROP INDEX events_of_the_office;"
                     " DELETE FROM schema_migrations WHERE version >= 4; COMMIT;").ok());
  }
  auto reopened = f.open(false);
  auto sites = reopened->sites();
  REQUIRE(sites.ok());
  REQUIRE(sites->size() == 1);
  CHECK((*sites)[0].id == kFirstSiteId);
  CHECK((*sites)[0].server_key == f.server.public_key());
  auto device = reopened->find_device(a.device.id());
  REQUIRE(device.ok());
  REQUIRE(device->has_value());
  CHECK((*device)->site_id == kFirstSiteId);
  CHECK((*device)->stored_through_seq == 0);
  CHECK(reopened->open_pairing_codes(kFirstSiteId, kNow)->size() == 1);
}

TEST_CASE("master store: a pairing code works only at the site whose server made it") {
  MasterFixture f;
  crypto::SignPublicKey downtown_key{};
  downtown_key.fill(7);
  REQUIRE(f.store->add_site({"downtown", "Downtown office", downtown_key, kNow}).ok());
  testing::Chain a = testing::make_chain(1, 1);
  crypto::Sha256 code{};
  code[0] = 9;
  REQUIRE(f.store->add_pairing_code(code, "downtown", kNow, kNow + 1000).ok());
  CHECK(f.store->open_pairing_codes(kFirstSiteId, kNow)->empty());
  CHECK(f.store->open_pairing_codes("downtown", kNow)->size() == 1);
  DeviceRecord d{a.device.id(), a.device.public_key(), "Downtown desk", 0, {}, {}, 0, kFirstSiteId};
  // The main site's server cannot use it; downtown's can, and the kiosk is downtown's.
  CHECK(f.store->pair_device(code, d, kNow + 1).error().code == ErrorCode::kWrongSecret);
  CHECK(f.store->devices()->empty());
  d.site_id = "downtown";
  REQUIRE(f.store->pair_device(code, d, kNow + 2).ok());
  auto stored = f.store->find_device(d.id);
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->site_id == "downtown");
  // A site that does not exist cannot take a code.
  code[0] = 10;
  CHECK_FALSE(f.store->add_pairing_code(code, "nowhere", kNow, kNow + 1000).ok());
}

TEST_CASE("master store: repeated wrong pairing codes cancel every open code and alert") {
  MasterFixture f;
  crypto::Sha256 code{};
  REQUIRE(f.store->add_pairing_code(code, kFirstSiteId, kNow, kNow + 600000).ok());
  for (int i = 1; i < 5; ++i) CHECK_FALSE(*f.store->pairing_failed(kNow + i, 5));
  CHECK(f.store->open_pairing_codes(kFirstSiteId, kNow + 10)->size() == 1);
  CHECK(*f.store->pairing_failed(kNow + 10, 5));
  CHECK(f.store->open_pairing_codes(kFirstSiteId, kNow + 11)->empty());
  auto alerts = f.store->alerts();
  REQUIRE(alerts->size() == 1);
  CHECK((*alerts)[0].kind == "pairing");
}

TEST_CASE("master store: revoking keeps the device and its records, once") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(3);
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  CHECK(*f.store->revoke_device(a.device.id(), kNow + 5));
  CHECK_FALSE(*f.store->revoke_device(a.device.id(), kNow + 6));
  auto d = f.store->find_device(a.device.id());
  REQUIRE(d->has_value());
  CHECK((*d)->revoked_utc_ms == kNow + 5);
  CHECK(*f.store->event_count() == 3);
  crypto::DeviceId nobody{};
  CHECK_FALSE(f.store->find_device(nobody)->has_value());
  CHECK_FALSE(*f.store->revoke_device(nobody, kNow));
}

TEST_CASE("master store: a nonce is accepted once, and forgotten after the window") {
  MasterFixture f;
  crypto::DeviceId d{};
  Bytes nonce(16, 7);
  CHECK(*f.store->remember_nonce(d, nonce, kNow, kNow - 600000));
  CHECK_FALSE(*f.store->remember_nonce(d, nonce, kNow, kNow - 600000));
  crypto::DeviceId other{};
  other[0] = 1;
  CHECK(*f.store->remember_nonce(other, nonce, kNow, kNow - 600000));
  // Much later the old entry is pruned (its time is outside any window).
  CHECK(*f.store->remember_nonce(d, nonce, kNow + 700000, kNow + 100000));
}

TEST_CASE("master store: a report reads some kinds of event alone, bodies only where asked") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(10);  // sign-ins at odd seqs, completions at even
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  const uint32_t completed = core::kind_bit(core::EventKind::kModuleCompleted);
  auto read = [&](uint64_t through, uint32_t kinds, uint32_t bodies) {
    std::vector<uint64_t> seqs;
    REQUIRE(f.store->for_each_event_of_kinds(a.device.id(), through, kinds, bodies,
                                             [&](const StoredEvent& e) {
      const core::SignedEvent& want = a.events[e.seq - 1];
      CHECK(e.hash == want.hash);
      CHECK(e.canonical_header == want.canonical_header);
      CHECK(e.sealed_body == ((bodies & core::kind_bit(want.header.kind)) ? want.sealed_body : Bytes{}));
      seqs.push_back(e.seq);
      return true;
    }).ok());
    return seqs;
  };
  CHECK(read(8, completed, 0) == std::vector<uint64_t>{2, 4, 6, 8});
  CHECK(read(10, completed, completed) == std::vector<uint64_t>{2, 4, 6, 8, 10});
  // Kinds outside the index are read too, just without it.
  const uint32_t signed_in = core::kind_bit(core::EventKind::kSignIn);
  CHECK(read(5, completed | signed_in, signed_in) == std::vector<uint64_t>{1, 2, 3, 4, 5});
  CHECK(read(10, core::kind_bit(core::EventKind::kRosterChanged), 0).empty());
  // Stopping early.
  int calls = 0;
  REQUIRE(f.store->for_each_event_of_kinds(a.device.id(), 10, completed, 0, [&](const StoredEvent&) {
    return ++calls < 2;
  }).ok());
  CHECK(calls == 2);
}

TEST_CASE("master store: events stored with their request's nonce, or neither") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(4);
  f.enroll(a);
  const crypto::DeviceId& d = a.device.id();
  std::span<const core::SignedEvent> all(a.events);
  Bytes nonce(16, 9);
  CHECK_FALSE(*f.store->nonce_used(d, nonce));
  auto stored = f.store->append_events_with_nonce(d, {}, all.subspan(0, 2), kNow,
                                                  {nonce, kNow, kNow - 600000});
  REQUIRE(stored.ok());
  CHECK(*stored);
  CHECK(*f.store->nonce_used(d, nonce));
  CHECK(*f.store->event_count() == 2);
  // The same nonce again: nothing is stored, and the position stays.
  auto at = f.store->chain_position(d);
  stored = f.store->append_events_with_nonce(d, *at, all.subspan(2, 2), kNow,
                                             {nonce, kNow, kNow - 600000});
  REQUIRE(stored.ok());
  CHECK_FALSE(*stored);
  CHECK(*f.store->event_count() == 2);
  CHECK(f.store->chain_position(d)->next_seq == 3);
  // Events that do not continue the chain: neither they nor the nonce stay.
  Bytes other(16, 10);
  CHECK_FALSE(f.store->append_events_with_nonce(d, {}, all.subspan(2, 2), kNow,
                                                {other, kNow, kNow - 600000})
                  .ok());
  CHECK_FALSE(*f.store->nonce_used(d, other));
  CHECK(*f.store->event_count() == 2);
}

TEST_CASE("master store: events append in order and the position moves with them") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(10);
  f.enroll(a);
  std::span<const core::SignedEvent> all(a.events);
  REQUIRE(f.store->append_events(a.device.id(), {}, all.subspan(0, 4), kNow).ok());
  auto at = f.store->chain_position(a.device.id());
  CHECK(at->next_seq == 5);
  CHECK(at->prev_link == core::link_hash(a.events[3].hash, a.events[3].signature));
  // A stale position (as if another upload landed first) stores nothing.
  CHECK_FALSE(f.store->append_events(a.device.id(), {}, all.subspan(4, 6), kNow).ok());
  CHECK(*f.store->event_count() == 4);
  // Not continuing the chain stores nothing either.
  CHECK_FALSE(f.store->append_events(a.device.id(), *at, all.subspan(5, 5), kNow).ok());
  REQUIRE(f.store->append_events(a.device.id(), *at, all.subspan(4, 6), kNow).ok());
  CHECK(*f.store->event_count() == 10);
  CHECK(*f.store->stored_hash(a.device.id(), 7) == a.events[6].hash);
  CHECK_FALSE(f.store->stored_hash(a.device.id(), 11)->has_value());
  uint64_t seen = 0;
  REQUIRE(f.store->for_each_event(a.device.id(), 3, [&](const StoredEvent& e) {
    CHECK(e.seq == 3 + seen);
    CHECK(e.hash == a.events[e.seq - 1].hash);
    CHECK(e.sealed_body == a.events[e.seq - 1].sealed_body);
    ++seen;
    return true;
  }).ok());
  CHECK(seen == 8);
  auto v = verify_master(*f.store, {});
  REQUIRE(v.ok());
  CHECK(v->intact());
  CHECK(v->events == 10);
}

TEST_CASE("master store: where a chain ends on a day goes by each record's local date") {
  MasterFixture f;
  SeededRandom rng(5);
  const Date day = *parse_date("2026-03-10");
  // 23:59:58 on 10 March at UTC-5 is already 11 March in UTC.
  FixedClock clock({(int64_t{day.days} + 1) * 86400000 + 5 * 3600000 - 2000, -300});
  testing::Chain a{crypto::DeviceKey::generate(rng), crypto::BoxSecretKey::generate(rng), {}, {}};
  testing::extend_chain(a, 2, rng, clock);  // seq 1 at 23:59:58, seq 2 at 23:59:59
  testing::extend_chain(a, 3, rng, clock);  // seq 3 at midnight: 11 March, local
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  CHECK(*f.store->last_seq_through(a.device.id(), day) == 2);
  CHECK(*f.store->last_seq_through(a.device.id(), Date{day.days + 1}) == 5);
  const auto last = f.store->last_event_through(a.device.id(), day);
  REQUIRE(last.ok());
  CHECK(last->seq == 2);
  CHECK(last->time == a.events[1].header.time);
  CHECK(*f.store->last_seq_through(a.device.id(), Date{day.days - 1}) == 0);
  testing::Chain other = testing::make_chain(1, 9);
  CHECK(*f.store->last_seq_through(other.device.id(), day) == 0);  // no such device
}

TEST_CASE("master store: verify names a changed body, a deleted event and a moved head") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(6);
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  if (f.postgres()) {
    // The database refuses to change or delete a stored event; only its
    // owner, turning its triggers off, can, and verify still finds it.
    auto raw = pg::Connection::open(f.uri);
    REQUIRE(raw.ok());
    CHECK(pg::sqlstate_of(raw->exec("DELETE FROM events WHERE seq = 4").error()) ==
          pg::kIntegrityViolation);
    CHECK(pg::sqlstate_of(raw->exec("UPDATE events SET person_id = 'p-x' WHERE seq = 2").error()) ==
          pg::kIntegrityViolation);
    REQUIRE(raw->exec_script("SET session_replication_role = replica").ok());
    SUBCASE("changed body") {
      REQUIRE(raw->exec("UPDATE events SET sealed_body = '\\x00'::bytea || substr(sealed_body, 2)"
                        " WHERE seq = 3").ok());
    }
    SUBCASE("deleted event") { REQUIRE(raw->exec("DELETE FROM events WHERE seq = 4").ok()); }
    auto v = verify_master(*f.store, {});
    REQUIRE(v.ok());
    CHECK_FALSE(v->intact());
    REQUIRE(v->devices.size() == 1);
    CHECK_FALSE(v->devices[0].findings.empty());
    return;
  }
  f.store.reset();
  auto raw = Db::open(f.dir / "master.db", OpenMode::kReadWrite);
  REQUIRE(raw.ok());
  SUBCASE("changed body") {
    REQUIRE(raw->exec("UPDATE events SET sealed_body = " + kFirstByteChanged + " WHERE seq = 3").ok());
  }
  SUBCASE("deleted event") { REQUIRE(raw->exec("DELETE FROM events WHERE seq = 4").ok()); }
  SUBCASE("deleted newest event") { REQUIRE(raw->exec("DELETE FROM events WHERE seq = 6").ok()); }
  auto store = SqliteMasterStore::open(f.dir / "master.db");
  REQUIRE(store.ok());
  auto v = verify_master(**store, {});
  REQUIRE(v.ok());
  CHECK_FALSE(v->intact());
  REQUIRE(v->devices.size() == 1);
  CHECK_FALSE(v->devices[0].findings.empty());
}

TEST_CASE("master store: a fork goes to quarantine with an alert, events untouched") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(3);
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  testing::Chain other = testing::make_chain(3, 9);
  REQUIRE(f.store->quarantine(a.device.id(), other.events[1], "event 2 differs", kNow).ok());
  CHECK(*f.store->quarantine_count() == 1);
  CHECK(*f.store->event_count() == 3);
  CHECK(*f.store->stored_hash(a.device.id(), 2) == a.events[1].hash);
  auto alerts = f.store->alerts();
  REQUIRE(alerts->size() == 1);
  CHECK((*alerts)[0].kind == "fork");
  CHECK((*alerts)[0].device == a.device.id());
}

TEST_CASE("master store: roster changes bump the version; completions come from headers") {
  MasterFixture f;
  CHECK(*f.store->roster_version() == 0);
  REQUIRE(f.store->upsert_person({"p-1", "Dana Whitfield", "management", "2019-03-04", true, ""}).ok());
  REQUIRE(f.store->upsert_person({"p-2", "Maria Lopez", "front-desk", "2026-11-10", true, ""}).ok());
  REQUIRE(f.store->upsert_person({"p-1", "Dana Whitfield", "management", "2019-03-04", true, "v"}).ok());
  CHECK(*f.store->roster_version() == 3);
  auto roster = f.store->roster();
  REQUIRE(roster->size() == 2);
  CHECK((*roster)[0].pin_verifier == "v");
  // One device's events: a sign-in, a completed module, a policy attested
  // and an anonymous incident; only the two completions come back.
  SeededRandom rng(4);
  FixedClock clock({kNow, 60});
  testing::Chain a{crypto::DeviceKey::generate(rng), crypto::BoxSecretKey::generate(rng), {}, {}};
  core::ChainPosition at;
  auto add = [&](core::EventKind kind, std::string person, std::string subject) {
    core::EventDraft d;
    d.kind = kind;
    d.person_id = std::move(person);
    if (!subject.empty()) d.subject = {subject, "2", crypto::Sha256{}};
    core::BuildContext ctx{a.device, a.practice.public_key(), clock, rng, "test"};
    a.events.push_back(core::build_event(d, at, ctx));
    at.next_seq++;
    at.prev_link = core::link_hash(a.events.back().hash, a.events.back().signature);
    clock.advance_ms(60000);
  };
  add(core::EventKind::kSignIn, "p-2", "");
  add(core::EventKind::kModuleCompleted, "p-2", "phishing");
  add(core::EventKind::kPolicyAttested, "p-2", "password");
  add(core::EventKind::kIncidentReported, "", "");
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  MasterStore::Positions reached;
  auto done = f.store->completions({}, 100, reached);
  REQUIRE(done.ok());
  REQUIRE(done->size() == 2);
  CHECK((*done)[0].device == a.device.id());
  CHECK((*done)[0].seq == 2);
  CHECK((*done)[1].seq == 3);
  CHECK(reached[a.device.id()] == 4);  // all read: the chain's head, past the incident
  MasterStore::Positions after_first{{a.device.id(), (*done)[0].seq}}, reached2;
  auto rest = f.store->completions(after_first, 100, reached2);
  REQUIRE(rest->size() == 1);
  CHECK((*rest)[0].item_id == "password");
  MasterStore::Positions reached3;
  auto one = f.store->completions({}, 1, reached3);
  REQUIRE(one->size() == 1);
  CHECK(reached3[a.device.id()] == 2);  // stopped at the limit, not at the head
  MasterStore::Positions reached4;
  CHECK(f.store->completions({{a.device.id(), 4}}, 100, reached4)->empty());
  CHECK((*done)[0].kind == "ModuleCompleted");
  CHECK((*done)[0].item_id == "phishing");
  CHECK((*done)[0].version == "2");
  CHECK((*done)[0].utc_ms == kNow + 60000);
  CHECK((*done)[0].offset_minutes == 60);
  CHECK((*done)[1].kind == "PolicyAttested");
  CHECK((*done)[1].person_id == "p-2");
}

TEST_CASE("master store: an online backup is a complete, openable copy") {
  MasterFixture f;
  if (!f.sqlite()) return;  // PostgreSQL: pg_dump (README)
  testing::Chain a = testing::make_chain(5);
  f.enroll(a);
  REQUIRE(f.store->append_events(a.device.id(), {}, a.events, kNow).ok());
  REQUIRE(f.sqlite()->backup_to(f.dir / "backup.db").ok());
  CHECK(f.sqlite()->backup_to(f.dir / "backup.db").error().code == ErrorCode::kAlreadyExists);
  auto copy = SqliteMasterStore::open(f.dir / "backup.db");
  REQUIRE(copy.ok());
  CHECK(*(*copy)->event_count() == 5);
  CHECK(verify_master(**copy, {})->intact());
}

TEST_CASE("master store: a new store has 16 kB pages, and its backup keeps them") {
  MasterFixture f;
  if (!f.sqlite()) return;  // a file's page size
  auto page_size = [](const std::filesystem::path& path) {
    auto db = Db::open(path, OpenMode::kReadOnly);
    REQUIRE(db.ok());
    auto s = db->prepare("PRAGMA page_size");
    REQUIRE(s.ok());
    REQUIRE(*s->step());
    return s->int64(0);
  };
  CHECK(page_size(f.dir / "master.db") == 16384);
  REQUIRE(f.sqlite()->backup_to(f.dir / "backup.db").ok());
  CHECK(page_size(f.dir / "backup.db") == 16384);
  CHECK(SqliteMasterStore::open(f.dir / "backup.db").ok());
}

TEST_CASE("master store: a published policy version is kept with its record or not at all") {
  MasterFixture f;
  testing::Chain a = testing::make_chain(3);
  f.enroll(a);
  std::span<const core::SignedEvent> all(a.events);
  const PublishedVersion v2{"password", "2", Date{20560}};
  // The chain moved under it (a stale position): neither the records nor
  // the published version are kept.
  REQUIRE(f.store->append_events(a.device.id(), {}, all.subspan(0, 1), kNow).ok());
  CHECK_FALSE(f.store->append_events_and_publish(a.device.id(), {}, all.subspan(1, 2), kNow, v2).ok());
  CHECK(*f.store->event_count() == 1);
  CHECK(f.store->published_versions()->empty());
  // Continuing the chain: both, in one transaction.
  auto at = f.store->chain_position(a.device.id());
  REQUIRE(f.store->append_events_and_publish(a.device.id(), *at, all.subspan(1, 2), kNow, v2).ok());
  CHECK(*f.store->event_count() == 3);
  auto published = f.store->published_versions();
  REQUIRE(published->size() == 1);
  CHECK(published->front().policy_id == "password");
  CHECK(published->front().version == "2");
  CHECK(published->front().effective.days == 20560);
}
