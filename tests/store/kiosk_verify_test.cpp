// The store verifier splits big logs across threads. Whatever the split,
// the findings must be the same, including damage right at a boundary.
#include <doctest/doctest.h>

#include "store/kiosk_verify.h"
#include "support/store_fixture.h"

using namespace attest;

namespace {

constexpr int kEvents = 30;

struct Tampered : testing::StoreFixture {
  Tampered() : StoreFixture("attest-verify") {}

  void make() {
    auto store = create();
    fill(store, kEvents, core::EventKind::kSignIn);
  }
  void sql(const std::string& s) {
    auto d = store::Db::open(db(), store::OpenMode::kReadWrite);
    REQUIRE(d.ok());
    REQUIRE(d->exec(s).ok());
  }
  void flip(const char* column, int seq, int byte) {
    sql(std::string("UPDATE events SET ") + column + " = substr(" + column + ", 1, " +
        std::to_string(byte) + ") || (CASE WHEN substr(" + column + ", " + std::to_string(byte + 1) +
        ", 1) = x'00' THEN x'01' ELSE x'00' END) || substr(" + column + ", " +
        std::to_string(byte + 2) + ") WHERE seq = " + std::to_string(seq));
  }
};

std::string describe(const std::vector<core::Finding>& fs) {
  std::string s;
  for (const auto& f : fs) {
    s += std::to_string(f.seq) + ":" + std::string(core::problem_name(f.problem)) + ":" + f.detail + "; ";
  }
  return s;
}

// Verifies with 1, 2, 3, 4 and 7 segments; all must agree. Returns them.
std::vector<core::Finding> verify_all_ways(Tampered& t) {
  std::string first;
  std::vector<core::Finding> out;
  for (unsigned parts : {1u, 2u, 3u, 4u, 7u}) {
    core::VerifyOptions o;
    o.parallelism = parts;
    auto r = store::verify_kiosk_store(t.db(), t.device(), o);
    REQUIRE(r.ok());
    std::string d = describe(r->findings);
    INFO("segments: " << parts);
    if (parts == 1) {
      first = d;
      out = r->findings;
      CHECK(r->events > 0);
    } else {
      CHECK(d == first);
      CHECK(r->findings.size() == out.size());
    }
  }
  return out;
}

void expect_first(Tampered& t, uint64_t seq, core::Problem p) {
  auto f = verify_all_ways(t);
  INFO(describe(f));
  REQUIRE_FALSE(f.empty());
  CHECK(f[0].seq == seq);
  CHECK(f[0].problem == p);
}

}  // namespace

TEST_CASE("an intact store verifies the same in any number of segments") {
  Tampered t;
  t.make();
  CHECK(verify_all_ways(t).empty());
}

TEST_CASE("damage is found the same way whatever the segments") {
  Tampered t;
  t.make();
  // With 2 segments of 30 the boundary is after 15; with 3, after 10 and 20.
  SUBCASE("header at a boundary") {
    t.flip("header_box", 16, 50);
    expect_first(t, 16, core::Problem::kChangedHeader);
  }
  SUBCASE("body") {
    t.flip("sealed_body", 11, 60);
    expect_first(t, 11, core::Problem::kChangedBody);
  }
  SUBCASE("signature of the last event before a boundary") {
    t.flip("signature", 15, 7);
    expect_first(t, 15, core::Problem::kBadSignature);
  }
  SUBCASE("signature of the first event after a boundary") {
    t.flip("signature", 16, 7);
    expect_first(t, 16, core::Problem::kBadSignature);
  }
  SUBCASE("row at a boundary deleted") {
    t.sql("DELETE FROM events WHERE seq = 16");
    expect_first(t, 16, core::Problem::kMissingSequence);
  }
  SUBCASE("a whole segment deleted") {
    t.sql("DELETE FROM events WHERE seq BETWEEN 8 AND 22");
    expect_first(t, 8, core::Problem::kMissingSequence);
  }
  SUBCASE("the newest rows deleted") {
    t.sql("DELETE FROM events WHERE seq > 27; DELETE FROM outbox WHERE seq > 27");
    expect_first(t, 28, core::Problem::kMissingSequence);
  }
  SUBCASE("rows swapped across a boundary") {
    t.sql("UPDATE events SET seq = -5 WHERE seq = 15; UPDATE events SET seq = 15 WHERE seq = 16;"
          "UPDATE events SET seq = 16 WHERE seq = -5;");
    expect_first(t, 15, core::Problem::kReordered);
  }
  SUBCASE("a stray row below seq 1") {
    t.sql("INSERT INTO events SELECT 0, device_id, header_box, sealed_body, hash, signature"
          " FROM events WHERE seq = 3");
    expect_first(t, 0, core::Problem::kStrayRow);
  }
}
