#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "base/file.h"
#include "store/completion_index.h"
#include "support/store_fixture.h"

using namespace attest;

namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000;

using Row = std::tuple<std::string, int, std::string, int, int32_t>;

Row row(const core::Completion& c) {
  return {c.person_id, int(c.kind), c.item_id, c.version, c.on.days};
}

std::set<Row> rows(const std::vector<core::Completion>& cs) {
  std::set<Row> out;
  for (const auto& c : cs) out.insert(row(c));
  return out;
}

// What the kiosk read before the index: every header in the log, decrypted.
std::set<Row> full_scan(store::KioskStore& store, const std::string& person) {
  std::set<Row> out;
  REQUIRE(store.for_each(1, [&](const core::SignedEvent& e) {
                 auto c = core::completion_of(e.header);
                 if (c && c->person_id == person) out.insert(row(*c));
                 return true;
               }).ok());
  return out;
}

core::EventDraft draft(core::EventKind kind, const std::string& person, const std::string& item,
                       const std::string& version) {
  core::EventDraft d;
  d.kind = kind;
  d.person_id = person;
  if (!item.empty()) d.subject = {item, version, crypto::sha256(as_bytes(item + version))};
  d.body_fields = {{"n", 1}};
  return d;
}

// A few days at a kiosk: sign-ins, modules, policies (two versions), quiz
// attempts, a repeat on the same day, for three people.
void visits(testing::StoreFixture& f, store::KioskStore& store, int days) {
  using K = core::EventKind;
  const std::string people[] = {"p-0001", "p-0002", "p-0003"};
  for (int day = 0; day < days; ++day) {
    for (int i = 0; i < 3; ++i) {
      const std::string& p = people[(day + i) % 3];
      std::vector<core::EventDraft> ds = {
          draft(K::kSignIn, p, "", ""),
          draft(K::kModuleCompleted, p, "module-" + std::to_string(day % 4), "1"),
          draft(K::kModuleCompleted, p, "module-" + std::to_string(day % 4), "1"),
          draft(K::kQuizAttempt, p, "quiz-1", "1"),
          draft(K::kPolicyAttested, p, "acceptable-use", std::to_string(1 + day / 3)),
          draft(K::kSignOut, p, "", ""),
      };
      for (const auto& d : ds) {
        REQUIRE(store.append(d, f.clock, f.rng).ok());
        f.clock.advance_ms(60 * 1000);
      }
    }
    f.clock.advance_ms(kDayMs);
  }
}

store::CompletionIndex open_index(store::KioskStore& store, Random& rng) {
  auto index = store::CompletionIndex::open(store, rng);
  REQUIRE(index.ok());
  return std::move(*index);
}

}  // namespace

TEST_CASE("the completion index matches a full scan of the log") {
  testing::StoreFixture f("attest-index");
  auto store = f.create();
  visits(f, store, 7);
  auto index = open_index(store, f.rng);
  for (const std::string p : {"p-0001", "p-0002", "p-0003", "p-nobody"}) {
    auto mine = index.completions_of(p);
    REQUIRE(mine.ok());
    CHECK(rows(*mine) == full_scan(store, p));
    // The same completion twice on one day is one row.
    CHECK(mine->size() == rows(*mine).size());
  }
  CHECK(!full_scan(store, "p-0002").empty());
  CHECK(*index.current_through() == *store.event_count());
}

TEST_CASE("the completion index catches up on events appended without it") {
  testing::StoreFixture f("attest-index");
  auto store = f.create();
  visits(f, store, 2);
  {
    auto index = open_index(store, f.rng);
    REQUIRE(index.catch_up().ok());
  }
  const uint64_t indexed = *store.event_count();
  // Appends the index never saw, as when the kiosk stops between an append
  // and the next home screen.
  visits(f, store, 3);
  const uint64_t appended = *store.event_count() - indexed;
  REQUIRE(appended > 0);

  auto index = open_index(store, f.rng);  // a restarted kiosk
  CHECK(*index.current_through() == indexed);
  auto read = index.catch_up();
  REQUIRE(read.ok());
  CHECK(*read == appended);  // only the new events, not the whole log
  CHECK(*index.current_through() == *store.event_count());
  for (const std::string p : {"p-0001", "p-0002", "p-0003"}) {
    CHECK(rows(*index.completions_of(p)) == full_scan(store, p));
  }
  auto again = index.catch_up();
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

TEST_CASE("the completion index sees what was appended since its last query") {
  testing::StoreFixture f("attest-index");
  auto store = f.create();
  auto index = open_index(store, f.rng);
  CHECK(index.completions_of("p-0001")->empty());
  REQUIRE(store.append(draft(core::EventKind::kModuleCompleted, "p-0001", "phishing", "2"), f.clock,
                       f.rng)
              .ok());
  auto mine = index.completions_of("p-0001");
  REQUIRE(mine.ok());
  REQUIRE(mine->size() == 1);
  CHECK(mine->front().item_id == "phishing");
  CHECK(mine->front().version == 2);
  CHECK(mine->front().kind == core::ItemKind::kModule);
  CHECK(mine->front().on == core::completion_of(store.read(1)->header)->on);
}

TEST_CASE("a damaged or misplaced completion index is rebuilt from the log") {
  testing::StoreFixture f("attest-index");
  auto store = f.create();
  visits(f, store, 4);
  auto index = open_index(store, f.rng);
  REQUIRE(index.catch_up().ok());
  store::Db& db = store.db();

  SUBCASE("rows that fail to open") {
    REQUIRE(db.exec("UPDATE completion_index SET box = zeroblob(40)").ok());
  }
  SUBCASE("two people's rows swapped") {
    // Each of the two now has a row of the other's: whoever asks first sees
    // a row that is not theirs.
    auto first = db.prepare("SELECT tag, person_tag FROM completion_index ORDER BY tag LIMIT 1");
    REQUIRE(first.ok());
    REQUIRE(*first->step());
    const Bytes tag_a(first->blob(0).begin(), first->blob(0).end());
    const Bytes person_a(first->blob(1).begin(), first->blob(1).end());
    auto other = db.prepare(
        "SELECT tag, person_tag FROM completion_index WHERE person_tag != ? ORDER BY tag LIMIT 1");
    REQUIRE(other.ok());
    other->bind(1, ByteView(person_a));
    REQUIRE(*other->step());
    const Bytes tag_b(other->blob(0).begin(), other->blob(0).end());
    const Bytes person_b(other->blob(1).begin(), other->blob(1).end());
    auto swap = db.prepare("UPDATE completion_index SET person_tag = ? WHERE tag = ?");
    REQUIRE(swap.ok());
    REQUIRE(swap->bind(1, ByteView(person_b)).bind(2, ByteView(tag_a)).run().ok());
    REQUIRE(swap->bind(1, ByteView(person_a)).bind(2, ByteView(tag_b)).run().ok());
  }
  SUBCASE("an index ahead of the log") {
    // A store put back from an older copy: the index may hold rows of
    // events the log no longer has.
    REQUIRE(db.exec("UPDATE completion_index_state SET through_seq = 100000").ok());
    REQUIRE(db.exec("DELETE FROM completion_index").ok());
  }
  for (const std::string p : {"p-0001", "p-0002", "p-0003"}) {
    auto mine = index.completions_of(p);
    REQUIRE(mine.ok());
    CHECK(rows(*mine) == full_scan(store, p));
  }
  CHECK(*index.current_through() == *store.event_count());
}

TEST_CASE("the completion index reveals no ids at rest") {
  testing::StoreFixture f("attest-index");
  auto store = f.create();
  visits(f, store, 2);
  auto index = open_index(store, f.rng);
  REQUIRE(index.catch_up().ok());
  auto raw = read_file(f.db());
  REQUIRE(raw.ok());
  auto wal = read_file(f.dir / "kiosk.db-wal");
  const std::string all = *raw + (wal.ok() ? *wal : "");
  CHECK(all.find("completion_index") != std::string::npos);  // the table is there
  CHECK(all.find("acceptable-use") == std::string::npos);
  CHECK(all.find("module-1") == std::string::npos);
  CHECK(all.find("p-0001") == std::string::npos);
}
