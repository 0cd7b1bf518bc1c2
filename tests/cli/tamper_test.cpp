// Tampering done to the real SQLite file, each detected and named by the
// real `attest verify`.
#include <doctest/doctest.h>

#include "support/run.h"
#include "support/store_fixture.h"

using namespace attest;
using testing::quote;

namespace {

constexpr int kEvents = 12;

// A store with kEvents events and its device key where `attest verify`
// looks for it.
std::filesystem::path make_store(testing::StoreFixture& f) {
  f.save_device_key();
  auto store = f.create();
  f.fill(store, kEvents);
  return f.db();
}

store::Db open_raw(const std::filesystem::path& db) {
  auto d = store::Db::open(db, store::OpenMode::kReadWrite);
  REQUIRE(d.ok());
  return std::move(*d);
}

void flip_byte(const std::filesystem::path& db, const char* column, int seq, size_t at) {
  store::Db d = open_raw(db);
  auto sel = d.prepare(std::string("SELECT ") + column + " FROM events WHERE seq = ?");
  REQUIRE(sel.ok());
  sel->bind(1, int64_t{seq});
  REQUIRE(*sel->step());
  Bytes b(sel->blob(0).begin(), sel->blob(0).end());
  sel->reset();
  REQUIRE(at < b.size());
  b[at] ^= 0x01;
  auto upd = d.prepare(std::string("UPDATE events SET ") + column + " = ? WHERE seq = ?");
  REQUIRE(upd.ok());
  REQUIRE(upd->bind(1, ByteView(b)).bind(2, int64_t{seq}).run().ok());
}

void exec(const std::filesystem::path& db, const std::string& sql) {
  store::Db d = open_raw(db);
  auto s = d.exec(sql);
  INFO(sql);
  REQUIRE(s.ok());
}

testing::RunResult verify(const std::filesystem::path& db) {
  return testing::run(quote(ATTEST_BIN) + " verify " + quote(db.string()));
}

void expect_named(const std::filesystem::path& db, int seq, const std::string& problem) {
  auto r = verify(db);
  INFO(r.all);
  CHECK(r.code == 1);
  CHECK(r.all.find("first bad sequence number " + std::to_string(seq) + ": " + problem) !=
        std::string::npos);
}

}  // namespace

TEST_CASE("an untouched store verifies") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  auto r = verify(db);
  INFO(r.all);
  CHECK(r.code == 0);
}

TEST_CASE("one changed byte of a header is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  flip_byte(db, "header_box", 5, 60);
  expect_named(db, 5, "changed header");
}

TEST_CASE("one changed byte of a body is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  flip_byte(db, "sealed_body", 5, 70);
  expect_named(db, 5, "changed body");
}

TEST_CASE("one changed byte of a signature is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  flip_byte(db, "signature", 5, 3);
  expect_named(db, 5, "bad signature");
}

TEST_CASE("a changed signature on the newest event is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  flip_byte(db, "signature", kEvents, 40);
  expect_named(db, kEvents, "bad signature");
}

TEST_CASE("a row deleted in the middle is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  exec(db, "DELETE FROM events WHERE seq = 5");
  expect_named(db, 5, "missing sequence");
}

TEST_CASE("the last row deleted with its outbox mark is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  exec(db, "DELETE FROM events WHERE seq = " + std::to_string(kEvents) +
               "; DELETE FROM outbox WHERE seq = " + std::to_string(kEvents));
  expect_named(db, kEvents, "missing sequence");
}

TEST_CASE("two rows swapped are named as reordered") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  exec(db,
       "UPDATE events SET seq = -1 WHERE seq = 5;"
       "UPDATE events SET seq = 5 WHERE seq = 6;"
       "UPDATE events SET seq = 6 WHERE seq = -1;");
  expect_named(db, 5, "reordered");
}

TEST_CASE("an event copied from another device is named") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  testing::StoreFixture q("attest-tamper-other");
  auto other = make_store(q);
  SUBCASE("in place of one of ours") {
    exec(db, "ATTACH DATABASE " + quote(other.string()) + " AS other;"
             "DELETE FROM events WHERE seq = 5;"
             "INSERT INTO events SELECT * FROM other.events WHERE seq = 5;");
    expect_named(db, 5, "wrong device");
  }
  SUBCASE("appended after ours") {
    exec(db, "ATTACH DATABASE " + quote(other.string()) + " AS other;"
             "INSERT INTO events SELECT " + std::to_string(kEvents + 1) +
             ", device_id, header_box, sealed_body, hash, signature"
             " FROM other.events WHERE seq = 3;");
    expect_named(db, kEvents + 1, "wrong device");
  }
}

TEST_CASE("verify changes nothing, even on a damaged store") {
  testing::StoreFixture p("attest-tamper");
  auto db = make_store(p);
  flip_byte(db, "sealed_body", 2, 10);
  auto before = testing::run("sha256sum " + quote(db.string()));
  verify(db);
  verify(db);
  auto after = testing::run("sha256sum " + quote(db.string()));
  CHECK(before.out == after.out);
}
