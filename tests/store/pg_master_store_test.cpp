// What only the PostgreSQL master store has to show: several office
// servers on one database. Each PgMasterStore here is one server's
// connection; the database, not either server, keeps one chain per device.
#include <doctest/doctest.h>

#include <atomic>
#include <barrier>
#include <optional>
#include <thread>

#include "store/master_verify.h"
#include "store/pg_master_store.h"
#include "support/chain_fixture.h"
#include "support/postgres_server.h"

using namespace attest;
using namespace attest::store;
using testing::PostgresServer;

namespace {

constexpr int64_t kNow = 1795430525123;

struct Group {
  explicit Group(PostgresServer& pg = PostgresServer::shared()) : uri(pg.create_database()) {}

  SeededRandom rng{31};
  crypto::SigningKey server_key = crypto::SigningKey::generate(rng);
  crypto::BoxSecretKey practice = crypto::BoxSecretKey::generate(rng);
  PracticeInfo info{"Lakeside Dental Group", server_key.public_key(), practice.public_key(), kNow};
  std::string uri;
  std::unique_ptr<PgMasterStore> first = create();
  std::unique_ptr<PgMasterStore> second = open();  // another site's server, same database

  std::unique_ptr<PgMasterStore> create() {
    auto s = PgMasterStore::create(uri, info);
    INFO((s.ok() ? std::string() : s.error().message));
    REQUIRE(s.ok());
    return std::move(*s);
  }
  std::unique_ptr<PgMasterStore> open() {
    auto s = PgMasterStore::open(uri);
    INFO((s.ok() ? std::string() : s.error().message));
    REQUIRE(s.ok());
    return std::move(*s);
  }

  void enroll(const testing::Chain& c) {
    crypto::Sha256 code{};
    rng.fill(code);
    REQUIRE(first->add_pairing_code(code, kFirstSiteId, kNow, kNow + 600000).ok());
    REQUIRE(first->pair_device(code, {c.device.id(), c.device.public_key(), "Kiosk", 0, {}, {}, 0, kFirstSiteId}, kNow).ok());
  }
};

// Stores `events` in batches as a kiosk's uploads would arrive.
Status upload(MasterStore& s, const crypto::DeviceId& device, std::span<const core::SignedEvent> events,
              size_t batch) {
  for (size_t i = 0; i < events.size(); i += batch) {
    const auto at = TRY(s.chain_position(device));
    TRY_STATUS(s.append_events(device, at, events.subspan(i, std::min(batch, events.size() - i)), kNow));
  }
  return {};
}

// Another chain of make_chain(n, seed)'s device, with events of its own
// from the first: what a kiosk restored from an old copy would write.
testing::Chain fork_of(uint64_t seed, int n, uint64_t fork_seed) {
  testing::Chain f = testing::make_chain(0, seed);
  SeededRandom rng(fork_seed);
  FixedClock clock({kNow + 500, 60});
  testing::extend_chain(f, n, rng, clock);
  return f;
}

}  // namespace

TEST_CASE("postgres master store: two servers store different kiosks' uploads at once") {
  Group g;
  std::vector<testing::Chain> chains;
  for (uint64_t k = 0; k < 4; ++k) chains.push_back(testing::make_chain(300, 100 + k));
  for (const auto& c : chains) g.enroll(c);
  std::atomic<int> failures{0};
  auto run = [&](MasterStore& s, size_t a, size_t b) {
    for (size_t k : {a, b}) {
      if (!upload(s, chains[k].device.id(), chains[k].events, 25).ok()) failures++;
    }
  };
  std::thread one([&] { run(*g.first, 0, 2); });
  std::thread two([&] { run(*g.second, 1, 3); });
  one.join();
  two.join();
  CHECK(failures == 0);
  CHECK(*g.first->event_count() == 1200);
  CHECK(*g.second->event_count() == 1200);
  auto v = verify_master(*g.second, {});
  REQUIRE(v.ok());
  CHECK(v->intact());
  auto devices = g.first->devices();
  REQUIRE(devices.ok());
  REQUIRE(devices->size() == 4);
  for (const auto& d : *devices) CHECK(d.stored_through_seq == 300);
}

TEST_CASE("postgres master store: one kiosk's batch sent to two servers at once is stored once") {
  Group g;
  for (uint64_t round = 0; round < 8; ++round) {
    CAPTURE(round);
    const testing::Chain c = testing::make_chain(120, 200 + round);
    g.enroll(c);
    // Round 0..3: the same batch to both; 4..7: two different batches for
    // the same sequence numbers (a forked kiosk), one to each server.
    std::optional<testing::Chain> fork;
    if (round >= 4) fork = fork_of(200 + round, 120, 300 + round);
    const testing::Chain& other = fork ? *fork : c;
    std::barrier start(2);
    Status a, b;
    std::thread one([&] {
      start.arrive_and_wait();
      a = g.first->append_events(c.device.id(), {}, c.events, kNow);
    });
    std::thread two([&] {
      start.arrive_and_wait();
      b = g.second->append_events(c.device.id(), {}, other.events, kNow);
    });
    one.join();
    two.join();
    // Exactly one stored; the other stored nothing and was told to retry.
    REQUIRE(a.ok() != b.ok());
    const Status& lost = a.ok() ? b : a;
    CHECK(lost.error().code == ErrorCode::kAlreadyExists);
    const testing::Chain& won = a.ok() ? c : other;
    CHECK(*g.first->event_count() == 120 * (round + 1));
    auto head = g.second->chain_position(c.device.id());
    REQUIRE(head.ok());
    CHECK(head->next_seq == 121);
    CHECK(head->prev_link == core::link_hash(won.events.back().hash, won.events.back().signature));
    CHECK(*g.first->stored_hash(c.device.id(), 60) == won.events[59].hash);
  }
  auto v = verify_master(*g.first, {});
  REQUIRE(v.ok());
  CHECK(v->intact());
}

TEST_CASE("postgres master store: the database itself refuses a second event for a sequence or a broken link") {
  Group g;
  const testing::Chain c = testing::make_chain(6, 7);
  g.enroll(c);
  REQUIRE(g.first->append_events(c.device.id(), {}, c.events, kNow).ok());
  auto raw = pg::Connection::open(g.uri);
  REQUIRE(raw.ok());
  constexpr char kCopy[] =
      "INSERT INTO events(device_id, seq, prev_link, link, kind, person_id, subject_id,"
      " subject_version, utc_ms, offset_minutes, canonical_header, sealed_body, hash, signature,"
      " received_utc_ms) SELECT device_id, $1, $2, link, kind, person_id, subject_id,"
      " subject_version, utc_ms, offset_minutes, canonical_header, sealed_body, hash, signature,"
      " received_utc_ms FROM events WHERE seq = 6";
  const crypto::Sha256 link6 = core::link_hash(c.events[5].hash, c.events[5].signature);
  crypto::Sha256 wrong = link6;
  wrong[0] ^= 1;
  // seq 6 again; seq 7 not linked to 6; seq 8 with no 7 before it; seq 1 not starting at zero.
  CHECK(pg::sqlstate_of(raw->exec(kCopy, pg::Params().add(int64_t{6}).add(ByteView(c.events[5].header.prev_link))).error()) ==
        pg::kUniqueViolation);
  CHECK(pg::sqlstate_of(raw->exec(kCopy, pg::Params().add(int64_t{7}).add(ByteView(wrong))).error()) ==
        pg::kForeignKeyViolation);
  CHECK(pg::sqlstate_of(raw->exec(kCopy, pg::Params().add(int64_t{8}).add(ByteView(link6))).error()) ==
        pg::kForeignKeyViolation);
  CHECK(*g.first->event_count() == 6);
  // The linked one is what the store itself would have done.
  REQUIRE(raw->exec(kCopy, pg::Params().add(int64_t{7}).add(ByteView(link6))).ok());
  CHECK(*g.first->event_count() == 7);
}

TEST_CASE("postgres master store: a database restart between uploads costs a reconnect, not a record") {
  PostgresServer pg;
  Group g(pg);
  const testing::Chain c = testing::make_chain(90, 9);
  g.enroll(c);
  std::span<const core::SignedEvent> all(c.events);
  REQUIRE(upload(*g.first, c.device.id(), all.subspan(0, 30), 30).ok());
  pg.restart();
  // Both servers' connections were cut; each reconnects on its next call.
  REQUIRE(upload(*g.second, c.device.id(), all.subspan(30, 30), 30).ok());
  pg.restart();
  const Status s = upload(*g.first, c.device.id(), all.subspan(60, 30), 30);
  INFO((s.ok() ? std::string() : s.error().message));
  REQUIRE(s.ok());
  CHECK(*g.first->event_count() == 90);
  auto v = verify_master(*g.second, {});
  REQUIRE(v.ok());
  CHECK(v->intact());
}
