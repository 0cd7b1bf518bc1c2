#include <doctest/doctest.h>

#include "core/body.h"
#include "core/chain_verifier.h"
#include "core/event_builder.h"
#include "support/chain_fixture.h"

using namespace attest;
using namespace attest::core;

namespace {

using testing::Chain;
using testing::make_chain;

// Feeds the events at the given positions (position = seq the row claims).
std::vector<Finding> verify(const Chain& c, const std::vector<std::pair<uint64_t, SignedEvent>>& rows,
                            bool every_signature = false, bool with_head = true) {
  VerifyOptions o;
  o.every_signature = every_signature;
  ChainVerifier v(c.device.id(), c.device.public_key(), o);
  for (const auto& [pos, e] : rows) {
    v.add(pos, e.header, e.canonical_header, e.sealed_body, e.hash, e.signature);
  }
  v.finish(with_head ? std::optional<ChainHead>(c.head) : std::nullopt);
  return v.findings();
}

std::vector<std::pair<uint64_t, SignedEvent>> rows_of(const Chain& c) {
  std::vector<std::pair<uint64_t, SignedEvent>> rows;
  for (const auto& e : c.events) rows.emplace_back(e.header.seq, e);
  return rows;
}

}  // namespace

TEST_CASE("an untouched chain verifies, with and without every signature") {
  Chain c = make_chain(20);
  CHECK(verify(c, rows_of(c)).empty());
  CHECK(verify(c, rows_of(c), true).empty());
}

TEST_CASE("bodies open with the practice key and match their digest") {
  Chain c = make_chain(3);
  const SignedEvent& e = c.events[2];
  auto opened = crypto::seal_open(c.practice, e.sealed_body);
  REQUIRE(opened.ok());
  auto fields = open_body_fields(opened->view(), e.header.body_digest);
  REQUIRE(fields.ok());
  CHECK((*fields)["n"] == 2);
  Bytes changed(opened->view().begin(), opened->view().end());
  changed[changed.size() - 3] ^= 1;
  CHECK_FALSE(open_body_fields(changed, e.header.body_digest).ok());
}

TEST_CASE("each kind of damage is found at the right seq and named") {
  Chain c = make_chain(10);
  auto rows = rows_of(c);

  SUBCASE("changed body") {
    rows[4].second.sealed_body[5] ^= 1;
    auto f = verify(c, rows);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].seq == 5);
    CHECK(f[0].problem == Problem::kChangedContent);
  }
  SUBCASE("changed signature in the middle") {
    rows[4].second.signature[0] ^= 1;
    auto f = verify(c, rows);
    REQUIRE(f.size() == 1);
    CHECK(f[0].seq == 5);
    CHECK(f[0].problem == Problem::kBadSignature);
  }
  SUBCASE("changed signature of the last event") {
    rows[9].second.signature[63] ^= 1;
    auto f = verify(c, rows);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].seq == 10);
    CHECK(f[0].problem == Problem::kBadSignature);
  }
  SUBCASE("changed stored hash only") {
    rows[2].second.hash[0] ^= 1;
    auto f = verify(c, rows);
    REQUIRE(f.size() == 1);
    CHECK(f[0].seq == 3);
    CHECK(f[0].problem == Problem::kChangedHash);
  }
  SUBCASE("missing in the middle") {
    rows.erase(rows.begin() + 6);
    auto f = verify(c, rows);
    REQUIRE(f.size() == 1);
    CHECK(f[0].seq == 7);
    CHECK(f[0].problem == Problem::kMissingSequence);
  }
  SUBCASE("missing at the end is caught by the signed head") {
    rows.pop_back();
    auto f = verify(c, rows);
    REQUIRE(f.size() == 1);
    CHECK(f[0].seq == 10);
    CHECK(f[0].problem == Problem::kMissingSequence);
    // Without a head nothing links to the last event: that is what the
    // head is for.
    CHECK(verify(c, rows, false, false).empty());
  }
  SUBCASE("two events swapped") {
    std::swap(rows[3].second, rows[4].second);
    auto f = verify(c, rows);
    REQUIRE(f.size() >= 1);
    CHECK(f[0].seq == 4);
    CHECK(f[0].problem == Problem::kReordered);
  }
  SUBCASE("an event from another device") {
    Chain other = make_chain(10, 99);
    rows[5].second = other.events[5];
    auto f = verify(c, rows);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].seq == 6);
    CHECK(f[0].problem == Problem::kWrongDevice);
  }
  SUBCASE("a forged head") {
    c.head.seq = 12;
    auto f = verify(c, rows);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].problem == Problem::kHeadMismatch);
  }
  SUBCASE("a re-signed body under a different key is not accepted") {
    SeededRandom rng(5);
    auto intruder = crypto::DeviceKey::generate(rng);
    SignedEvent& e = rows[9].second;
    e.signature = intruder.signing().sign(signing_message(e.hash));
    auto f = verify(c, rows, true);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].seq == 10);
    CHECK(f[0].problem == Problem::kBadSignature);
  }
}

TEST_CASE("a chain continued from a known position checks the link into it") {
  Chain c = make_chain(10);
  auto continue_from = [&](uint64_t after, const Sha256& link, size_t from_index) {
    ChainVerifier v(c.device.id(), c.device.public_key(), VerifyOptions{});
    v.start_after(after, link);
    for (size_t i = from_index; i < c.events.size(); ++i) {
      const auto& e = c.events[i];
      v.add(e.header.seq, e.header, e.canonical_header, e.sealed_body, e.hash, e.signature);
    }
    v.finish(std::nullopt);
    return v.findings();
  };
  const auto& e4 = c.events[3];
  CHECK(continue_from(4, link_hash(e4.hash, e4.signature), 4).empty());
  // The server holding a different event 4 than the one event 5 follows.
  auto wrong = continue_from(4, link_hash(c.events[2].hash, c.events[2].signature), 4);
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].problem == Problem::kBrokenLink);
  CHECK(wrong[0].seq == 5);
  // Starting past the known end is a gap.
  auto gap = continue_from(3, link_hash(c.events[2].hash, c.events[2].signature), 4);
  REQUIRE(!gap.empty());
  CHECK(gap[0].problem == Problem::kMissingSequence);
}
