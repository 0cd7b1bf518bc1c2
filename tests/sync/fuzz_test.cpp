// Bounded random-input testing of the request parsers and validators: a
// few thousand mutations of valid requests per run, from a fixed seed so a
// failure reproduces (ATTEST_FUZZ_SEED and ATTEST_FUZZ_ROUNDS override).
// Properties: nothing crashes, every refusal is a 4xx with a reason, no
// mutation ever gets an event accepted that the device did not sign, and
// the one-pass upload scanner never takes a body the JSON parser would not,
// nor reads one differently.
#include <doctest/doctest.h>

#include <cstdlib>

#include "support/chain_fixture.h"
#include "sync/protocol/down.h"
#include "sync/protocol/pairing.h"
#include "sync/protocol/receipt.h"
#include "sync/protocol/request_auth.h"
#include "sync/protocol/upload.h"
#include "sync/protocol/upload_check.h"
#include "sync/protocol/upload_scan.h"

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

bool same_batch(const UploadBatch& a, const UploadBatch& b) {
  if (a.device != b.device || a.events.size() != b.events.size()) return false;
  for (size_t i = 0; i < a.events.size(); ++i) {
    const auto &x = a.events[i], &y = b.events[i];
    if (!(x.header == y.header) || x.canonical_header != y.canonical_header ||
        x.sealed_body != y.sealed_body || x.signature != y.signature || x.hash != y.hash) {
      return false;
    }
  }
  return true;
}

// parse_upload (scanner first) answers exactly as the JSON parser alone.
void check_same_as_json_parser(const std::string& input, const Checked<UploadBatch>& fast) {
  const auto reference = parse_upload_json(input);
  REQUIRE(accepted(fast) == accepted(reference));
  if (accepted(fast)) {
    CHECK(same_batch(std::get<UploadBatch>(fast), std::get<UploadBatch>(reference)));
  } else {
    CHECK(std::get<Rejection>(fast).status == std::get<Rejection>(reference).status);
    CHECK(std::get<Rejection>(fast).reason == std::get<Rejection>(reference).reason);
  }
  if (auto scanned = scan_upload(input)) {
    REQUIRE(accepted(reference));
    CHECK(same_batch(*scanned, std::get<UploadBatch>(reference)));
  }
}

// An upload body as any JSON writer might send it: whitespace between
// tokens, keys in any order, "\/" for "/", and now and then something the
// protocol refuses (a repeated or unknown key, a seq written as 1.0, 01 or
// 1e0, an escaped letter).
std::string reformat_upload(const testing::Chain& c, Mutator& m) {
  auto ws = [&] {
    static const char* kSpace[] = {"", "", "", " ", "\n", "\t", "\r", "  \n"};
    return std::string(kSpace[m.next(std::size(kSpace))]);
  };
  auto str = [&](std::string text) {
    if (m.next(40) == 0) {
      for (size_t at = text.find('/'); at != std::string::npos; at = text.find('/', at + 2)) {
        text.replace(at, 1, "\\/");
      }
    }
    if (m.next(100) == 0 && !text.empty()) {
      text.replace(0, 1, "\\u00" + hex_encode(as_bytes(text.substr(0, 1))));
    }
    return ws() + "\"" + text + "\"" + ws();
  };
  auto object = [&](std::vector<std::pair<std::string, std::string>> fields) {
    for (size_t i = fields.size(); i > 1; --i) {
      std::swap(fields[i - 1], fields[m.next(uint32_t(i))]);
    }
    if (m.next(30) == 0) fields.push_back(fields[m.next(uint32_t(fields.size()))]);
    if (m.next(30) == 0) fields.emplace_back("extra", "1");
    std::string out = ws() + "{";
    for (size_t i = 0; i < fields.size(); ++i) {
      out += (i ? "," : "") + str(fields[i].first) + ":" + fields[i].second;
    }
    return out + ws() + "}" + ws();
  };
  std::string events = ws() + "[";
  for (size_t i = 0; i < c.events.size(); ++i) {
    const auto& e = c.events[i];
    std::string seq = std::to_string(e.header.seq);
    static const char* kOdd[] = {".0", "e0", "E0"};
    if (m.next(40) == 0) seq += kOdd[m.next(3)];
    if (m.next(40) == 0) seq = "0" + seq;
    events += (i ? "," : "") + object({{"seq", ws() + seq + ws()},
                                       {"header", str(base64_encode(e.canonical_header))},
                                       {"body", str(base64_encode(e.sealed_body))},
                                       {"signature", str(base64_encode(e.signature))}});
  }
  events += "]" + ws();
  return object({{"device", str(hex_encode(c.device.id()))}, {"events", events}});
}

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
    check_same_as_json_parser(input, parsed);
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

TEST_CASE("fuzz: the upload scanner reads well-formed bodies however written, as JSON does") {
  const uint64_t seed = env_or("ATTEST_FUZZ_SEED", 20261123) + 2;
  const uint64_t rounds = env_or("ATTEST_FUZZ_ROUNDS", 20000) / 8;
  testing::Chain c = testing::make_chain(3);
  Mutator m(seed);
  uint64_t scanned = 0, accepted_by_json = 0;
  for (uint64_t i = 0; i < rounds; ++i) {
    std::string input = reformat_upload(c, m);
    if (m.next(8) == 0) input = m.mutate(input);
    const auto parsed = parse_upload(input);
    check_same_as_json_parser(input, parsed);
    if (accepted(parsed)) ++accepted_by_json;
    if (scan_upload(input)) ++scanned;
  }
  MESSAGE("seed " << seed << ": " << rounds << " bodies, " << accepted_by_json
                  << " taken by the JSON parser, " << scanned << " of them by the scanner");
  // Both paths really are exercised: most bodies take the fast one, some
  // (escapes) are well-formed but left to the JSON parser.
  CHECK(scanned > rounds / 4);
  CHECK(accepted_by_json > scanned);
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
  dp.chain = make_receipt(key, crypto::fingerprint(key.public_key()), 3, crypto::Sha256{}, 1000);
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
