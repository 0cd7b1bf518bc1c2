// Bounded random-input testing of the request parsers and validators: a
// few thousand mutations of valid requests per run, from a fixed seed so a
// failure reproduces (ATTEST_FUZZ_SEED and ATTEST_FUZZ_ROUNDS override).
// Properties: nothing crashes, every refusal is a 4xx with a reason, and no
// mutation ever gets an event accepted that the device did not sign.
#include <doctest/doctest.h>

#include <cstdlib>

#include "support/chain_fixture.h"
#include "sync/protocol/down.h"
#include "sync/protocol/pairing.h"
#include "sync/protocol/request_auth.h"
#include "sync/protocol/upload.h"
#include "sync/protocol/upload_check.h"

using namespace attest;
using namespace attest::sync;

namespace {

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 10) : fallback;
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}
  uint32_t next(uint32_t below) {
    uint32_t v;
    rng_.fill({reinterpret_cast<uint8_t*>(&v), sizeof v});
    return below ? v % below : 0;
  }
  std::string mutate(std::string s) {
    static const char* kTokens[] = {"{", "}", "[", "]", ",", ":", "\"", "-1", "1e999", "null",
                                    "true", "\\u0000", "\\", "18446744073709551616", "0"};
    int edits = 1 + static_cast<int>(next(4));
    for (int i = 0; i < edits && !s.empty(); ++i) {
      size_t at = next(static_cast<uint32_t>(s.size()));
      switch (next(6)) {
        case 0: s[at] = static_cast<char>(s[at] ^ (1 << next(8))); break;
        case 1: s.erase(at, 1 + next(16)); break;
        case 2: s.insert(at, kTokens[next(std::size(kTokens))]); break;
        case 3: s.resize(at); break;
        case 4: s.insert(at, s.substr(next(static_cast<uint32_t>(s.size())), next(64))); break;
        default: s[at] = static_cast<char>(next(256)); break;
      }
    }
    return s;
  }

 private:
  SeededRandom rng_;
};

}  // namespace

TEST_CASE("fuzz: mutated uploads never crash and never get a forged event accepted") {
  const uint64_t seed = env_or("ATTEST_FUZZ_SEED", 20261123);
  const uint64_t rounds = env_or("ATTEST_FUZZ_ROUNDS", 20000);
  testing::Chain c = testing::make_chain(4);
  const std::string valid = encode_upload(c.device.id(), c.events);
  Mutator m(seed);
  uint64_t accepted_batches = 0, refused = 0;
  for (uint64_t i = 0; i < rounds; ++i) {
    const std::string input = m.mutate(valid);
    auto parsed = parse_upload(input);
    if (!accepted(parsed)) {
      const auto& r = std::get<Rejection>(parsed);
      CHECK(r.status >= 400);
      CHECK(r.status < 500);
      CHECK_FALSE(r.reason.empty());
      ++refused;
      continue;
    }
    const auto& batch = std::get<UploadBatch>(parsed);
    auto d = check_upload(batch, c.device.public_key(), {}, [](uint64_t) {
      return std::optional<crypto::Sha256>();
    });
    if (d.outcome != UploadOutcome::kAppend) continue;
    ++accepted_batches;
    for (const auto& e : batch.events) {
      REQUIRE(e.header.seq >= 1);
      REQUIRE(e.header.seq <= c.events.size());
      const auto& original = c.events[e.header.seq - 1];
      CHECK(e.hash == original.hash);
      CHECK(e.signature == original.signature);
      CHECK(e.sealed_body == original.sealed_body);
    }
  }
  MESSAGE("seed " << seed << ": " << rounds << " inputs, " << refused << " refused, "
                  << accepted_batches << " accepted unchanged");
  CHECK(refused > rounds / 2);  // the mutator really does break things
}

TEST_CASE("fuzz: mutated auth headers, pairing and down-sync bodies are refused cleanly") {
  const uint64_t seed = env_or("ATTEST_FUZZ_SEED", 20261123) + 1;
  const uint64_t rounds = env_or("ATTEST_FUZZ_ROUNDS", 20000);
  Mutator m(seed);
  SeededRandom rng(seed);
  auto key = crypto::SigningKey::generate(rng);
  const std::string body = "{\"x\":1}";
  const AuthHeaders good = sign_request(key, "POST", "/v1/events", as_bytes(body), 1000, rng);
  PairRequest pr{key.public_key(), "Front desk", {}};
  const std::string pair_body = encode_pair_request(pr);
  DownPayload dp;
  dp.practice_name = "Riverside";
  dp.roster = {{"p-1", "Dana", "management", "2019-03-04", true, "v"}};
  dp.completions = {{"p-1", "ModuleCompleted", "m", "1", 5, 0}};
  const std::string down_body = encode_down(dp);
  uint64_t passed = 0;
  for (uint64_t i = 0; i < rounds; ++i) {
    AuthHeaders h = good;
    std::string* field[] = {&h.device, &h.time, &h.nonce, &h.signature};
    std::string& f = *field[m.next(4)];
    f = m.mutate(f);
    auto a = parse_auth(h);
    if (accepted(a)) {
      auto r = check_request(std::get<RequestAuth>(a), key.public_key(), "POST", "/v1/events",
                             as_bytes(body), 1000);
      if (!r) {
        ++passed;
        // Only a change that decodes to the same values may pass (hex case).
        CHECK(std::get<RequestAuth>(a).time_ms == 1000);
      } else {
        CHECK(r->status == 401);
      }
    } else {
      CHECK(std::get<Rejection>(a).status == 401);
    }
    auto p = parse_pair_request(m.mutate(pair_body));
    if (!accepted(p)) CHECK(std::get<Rejection>(p).status / 100 == 4);
    (void)parse_down(m.mutate(down_body));  // must not crash; errors are values
  }
  CHECK(passed < rounds / 10);
}
