#include <doctest/doctest.h>

#include "support/chain_fixture.h"
#include "sync/protocol/down.h"
#include "sync/protocol/limits.h"
#include "sync/protocol/pairing.h"
#include "sync/protocol/receipt.h"
#include "sync/protocol/request_auth.h"
#include "sync/protocol/upload.h"
#include "sync/protocol/upload_check.h"

using namespace attest;
using namespace attest::sync;
using testing::Chain;
using testing::make_chain;

namespace {

constexpr int64_t kNow = 1795430525123;

std::optional<Rejection> check(const AuthHeaders& h, const crypto::SignPublicKey& key,
                               std::string_view method, std::string_view path,
                               std::string_view body, int64_t now = kNow) {
  auto parsed = parse_auth(h);
  if (!accepted(parsed)) return std::get<Rejection>(parsed);
  return check_request(std::get<RequestAuth>(parsed), key, method, path, as_bytes(body), now);
}

UploadBatch batch_of(const Chain& c, size_t from, size_t to) {
  UploadBatch b;
  b.device = c.device.id();
  b.events.assign(c.events.begin() + static_cast<long>(from), c.events.begin() + static_cast<long>(to));
  return b;
}

StoredPosition position_after(const Chain& c, size_t n) {
  if (n == 0) return {};
  const auto& e = c.events[n - 1];
  return {e.header.seq, core::link_hash(e.hash, e.signature)};
}

StoredHashLookup stored_of(const Chain& c, size_t n) {
  return [&c, n](uint64_t seq) -> std::optional<crypto::Sha256> {
    if (seq == 0 || seq > n) return std::nullopt;
    return c.events[seq - 1].hash;
  };
}

std::string rejection_code(const Checked<UploadBatch>& r) {
  return accepted(r) ? "" : std::get<Rejection>(r).code;
}

}  // namespace

TEST_CASE("a signed request verifies, and any change to it does not") {
  SeededRandom rng(7);
  auto key = crypto::SigningKey::generate(rng);
  const std::string body = R"({"hello":1})";
  AuthHeaders h = sign_request(key, "POST", "/v1/events", as_bytes(body), kNow, rng);
  CHECK(h.device == hex_encode(crypto::fingerprint(key.public_key())));
  CHECK_FALSE(check(h, key.public_key(), "POST", "/v1/events", body).has_value());

  CHECK(check(h, key.public_key(), "PUT", "/v1/events", body)->code == "bad_signature");
  CHECK(check(h, key.public_key(), "POST", "/v1/chain", body)->code == "bad_signature");
  CHECK(check(h, key.public_key(), "POST", "/v1/events", R"({"hello":2})")->code ==
        "bad_signature");
  AuthHeaders later = h;
  later.time = std::to_string(kNow + 1);
  CHECK(check(later, key.public_key(), "POST", "/v1/events", body)->code == "bad_signature");
  AuthHeaders other_nonce = h;
  other_nonce.nonce[0] = other_nonce.nonce[0] == '0' ? '1' : '0';
  CHECK(check(other_nonce, key.public_key(), "POST", "/v1/events", body)->code == "bad_signature");
  auto stranger = crypto::SigningKey::generate(rng);
  CHECK(check(h, stranger.public_key(), "POST", "/v1/events", body)->status == 401);
}

TEST_CASE("request times more than five minutes off are refused either way") {
  SeededRandom rng(8);
  auto key = crypto::SigningKey::generate(rng);
  for (int64_t offset : {-kMaxClockSkewMs - 1, kMaxClockSkewMs + 1}) {
    AuthHeaders h = sign_request(key, "GET", "/v1/chain", {}, kNow + offset, rng);
    auto r = check(h, key.public_key(), "GET", "/v1/chain", "");
    REQUIRE(r.has_value());
    CHECK(r->status == 401);
    CHECK(r->code == "stale_timestamp");
  }
  for (int64_t offset : {-kMaxClockSkewMs, kMaxClockSkewMs}) {
    AuthHeaders h = sign_request(key, "GET", "/v1/chain", {}, kNow + offset, rng);
    CHECK_FALSE(check(h, key.public_key(), "GET", "/v1/chain", "").has_value());
  }
}

TEST_CASE("missing or malformed auth headers are 401 with a reason") {
  SeededRandom rng(9);
  auto key = crypto::SigningKey::generate(rng);
  AuthHeaders good = sign_request(key, "GET", "/v1/chain", {}, kNow, rng);
  CHECK(check(AuthHeaders{}, key.public_key(), "GET", "/v1/chain", "")->code == "unsigned");
  auto broken = [&](auto edit) {
    AuthHeaders h = good;
    edit(h);
    auto r = check(h, key.public_key(), "GET", "/v1/chain", "");
    REQUIRE(r.has_value());
    CHECK(r->status == 401);
    return r->code;
  };
  CHECK(broken([](AuthHeaders& h) { h.device = "zz"; }) == "bad_auth_header");
  CHECK(broken([](AuthHeaders& h) { h.time = "12a"; }) == "bad_auth_header");
  CHECK(broken([](AuthHeaders& h) { h.time = ""; }) == "unsigned");
  CHECK(broken([](AuthHeaders& h) { h.nonce = "00"; }) == "bad_auth_header");
  CHECK(broken([](AuthHeaders& h) { h.signature = "!!"; }) == "bad_auth_header");
  CHECK(broken([](AuthHeaders& h) { h.signature = base64_encode(Bytes(63)); }) ==
        "bad_auth_header");
}

TEST_CASE("an upload round-trips through its JSON and recomputes every hash") {
  Chain c = make_chain(5);
  const std::string body = encode_upload(c.device.id(), c.events);
  auto parsed = parse_upload(body);
  REQUIRE(accepted(parsed));
  const auto& b = std::get<UploadBatch>(parsed);
  CHECK(b.device == c.device.id());
  REQUIRE(b.events.size() == 5);
  for (size_t i = 0; i < 5; ++i) {
    CHECK(b.events[i].header == c.events[i].header);
    CHECK(b.events[i].hash == c.events[i].hash);
    CHECK(b.events[i].signature == c.events[i].signature);
    CHECK(b.events[i].sealed_body == c.events[i].sealed_body);
  }
  size_t estimate = 64;
  for (const auto& e : c.events) estimate += encoded_size(e);
  CHECK(body.size() <= estimate);
}

TEST_CASE("malformed uploads are 400s that name the problem") {
  Chain c = make_chain(3);
  const std::string dev = hex_encode(c.device.id());
  const std::string hdr = base64_encode(c.events[0].canonical_header);
  const std::string sig = base64_encode(c.events[0].signature);
  auto event = [&](const std::string& extra) {
    return "{\"device\":\"" + dev + "\",\"events\":[" + extra + "]}";
  };
  CHECK(rejection_code(parse_upload("")) == "malformed");
  CHECK(rejection_code(parse_upload("{\"device\":")) == "malformed");
  CHECK(rejection_code(parse_upload("[]")) == "malformed");
  CHECK(rejection_code(parse_upload("{\"device\":5,\"events\":[]}")) == "malformed");
  CHECK(rejection_code(parse_upload("{\"device\":\"" + dev + "\",\"events\":[]}")) == "malformed");
  CHECK(rejection_code(parse_upload("{\"device\":\"abcd\",\"events\":[1]}")) == "malformed");
  CHECK(rejection_code(parse_upload(event("1"))) == "malformed");
  CHECK(rejection_code(parse_upload("{\"device\":\"" + dev + "\",\"events\":[],\"x\":1}")) ==
        "malformed");
  const std::string ok_fields = "\"header\":\"" + hdr + "\",\"body\":\"\",\"signature\":\"" + sig + "\"";
  CHECK(rejection_code(parse_upload(event("{\"seq\":\"1\"," + ok_fields + "}"))) == "malformed");
  CHECK(rejection_code(parse_upload(event("{\"seq\":-1," + ok_fields + "}"))) == "malformed");
  CHECK(rejection_code(parse_upload(event("{\"seq\":2," + ok_fields + "}"))) == "malformed");
  CHECK(rejection_code(parse_upload(event("{\"seq\":1," + ok_fields + ",\"hash\":\"x\"}"))) ==
        "malformed");
  CHECK(rejection_code(parse_upload(event(
            "{\"seq\":1,\"header\":\"%%%\",\"body\":\"\",\"signature\":\"" + sig + "\"}"))) ==
        "malformed");
  CHECK(rejection_code(parse_upload(event(
            "{\"seq\":1,\"header\":\"AAAA\",\"body\":\"\",\"signature\":\"" + sig + "\"}"))) ==
        "malformed");
  // Out of order.
  std::vector<core::SignedEvent> swapped = {c.events[1], c.events[0]};
  auto r = parse_upload(encode_upload(c.device.id(), swapped));
  REQUIRE_FALSE(accepted(r));
  CHECK(std::get<Rejection>(r).reason.find("consecutive") != std::string::npos);
}

TEST_CASE("uploads over the limits are 413s") {
  Chain c = make_chain(1);
  CHECK(std::get<Rejection>(parse_upload(std::string(kMaxRequestBytes + 1, ' '))).status == 413);
  std::vector<core::SignedEvent> many(kMaxBatchEvents + 1, c.events[0]);
  for (size_t i = 0; i < many.size(); ++i) many[i].header.seq = i + 1;  // shape only
  CHECK(std::get<Rejection>(parse_upload(encode_upload(c.device.id(), many))).status == 413);
  core::SignedEvent huge = c.events[0];
  huge.sealed_body.assign(kMaxSealedBodyBytes + 3, 0x41);
  CHECK(std::get<Rejection>(parse_upload(encode_upload(c.device.id(), {&huge, 1}))).status == 413);
}

TEST_CASE("check_upload: new events append, re-sent ones are a no-op") {
  Chain c = make_chain(10);
  auto d = check_upload(batch_of(c, 0, 10), c.device.public_key(), {}, stored_of(c, 0));
  CHECK(d.outcome == UploadOutcome::kAppend);
  CHECK(d.first_new == 0);
  d = check_upload(batch_of(c, 4, 10), c.device.public_key(), position_after(c, 4), stored_of(c, 4));
  CHECK(d.outcome == UploadOutcome::kAppend);
  // Overlap: 3..10 when 6 are stored.
  d = check_upload(batch_of(c, 2, 10), c.device.public_key(), position_after(c, 6), stored_of(c, 6));
  CHECK(d.outcome == UploadOutcome::kAppend);
  CHECK(d.first_new == 4);
  d = check_upload(batch_of(c, 0, 10), c.device.public_key(), position_after(c, 10), stored_of(c, 10));
  CHECK(d.outcome == UploadOutcome::kNothingNew);
}

TEST_CASE("check_upload: a gap says which seq the server expects") {
  Chain c = make_chain(10);
  auto d = check_upload(batch_of(c, 6, 10), c.device.public_key(), position_after(c, 3), stored_of(c, 3));
  CHECK(d.outcome == UploadOutcome::kGap);
  CHECK(d.expected_seq == 4);
  Rejection r = rejection_for(d);
  CHECK(r.status == 409);
  CHECK(r.code == "gap");
  CHECK(r.details["expected_seq"] == 4);
}

TEST_CASE("check_upload: a different signed event under a stored seq is a fork") {
  Chain a = make_chain(6, 1);
  // A second history from the same device key: same first 3, then different.
  SeededRandom rng(99);
  Chain b{crypto::DeviceKey::from_seed(a.device.signing().seed().view()).value(),
          crypto::BoxSecretKey::generate(rng), {}, {}};
  b.events.assign(a.events.begin(), a.events.begin() + 3);
  FixedClock clock({1795430999000, 0});
  testing::extend_chain(b, 3, rng, clock);
  REQUIRE(b.events[3].hash != a.events[3].hash);

  // The server holds a's 6; b re-sends 1..6.
  auto d = check_upload(batch_of(b, 0, 6), a.device.public_key(), position_after(a, 6), stored_of(a, 6));
  CHECK(d.outcome == UploadOutcome::kFork);
  CHECK(d.fork_index == 3);
  CHECK(rejection_for(d).code == "fork");
  // The server holds a's first 4; b sends its 5th, which links to b's 4th.
  d = check_upload(batch_of(b, 4, 6), a.device.public_key(), position_after(a, 4), stored_of(a, 4));
  CHECK(d.outcome == UploadOutcome::kFork);
  CHECK(d.fork_index == 0);
}

TEST_CASE("check_upload: tampered, unsigned or foreign events are invalid, not forks") {
  Chain c = make_chain(6);
  Chain other = make_chain(6, 2);
  // A changed body under a new seq.
  UploadBatch b = batch_of(c, 0, 6);
  b.events[5].sealed_body[0] ^= 1;
  b.events[5].hash = core::event_hash(b.events[5].canonical_header, b.events[5].sealed_body);
  auto d = check_upload(b, c.device.public_key(), {}, stored_of(c, 0));
  CHECK(d.outcome == UploadOutcome::kInvalid);
  CHECK(rejection_for(d).status == 422);
  // A changed body under a stored seq, which the device never signed.
  b = batch_of(c, 0, 6);
  b.events[1].sealed_body[0] ^= 1;
  b.events[1].hash = core::event_hash(b.events[1].canonical_header, b.events[1].sealed_body);
  CHECK(check_upload(b, c.device.public_key(), position_after(c, 3), stored_of(c, 3)).outcome ==
        UploadOutcome::kInvalid);
  // Another device's events under this device's id.
  b = batch_of(other, 0, 6);
  b.device = c.device.id();
  CHECK(check_upload(b, c.device.public_key(), {}, stored_of(c, 0)).outcome ==
        UploadOutcome::kInvalid);
  // This device's batch checked against another device's key.
  CHECK(check_upload(batch_of(c, 0, 6), other.device.public_key(), {}, stored_of(c, 0)).outcome ==
        UploadOutcome::kInvalid);
  // A forged last signature.
  b = batch_of(c, 0, 6);
  b.events[5].signature[10] ^= 1;
  CHECK(check_upload(b, c.device.public_key(), {}, stored_of(c, 0)).outcome ==
        UploadOutcome::kInvalid);
}

TEST_CASE("receipts verify only under the server key they were signed with") {
  SeededRandom rng(3);
  auto server = crypto::SigningKey::generate(rng);
  auto impostor = crypto::SigningKey::generate(rng);
  crypto::DeviceId dev{};
  dev[0] = 7;
  crypto::Sha256 link{};
  link[5] = 9;
  Receipt r = make_receipt(server, dev, 42, link, kNow);
  CHECK(verify_receipt(r, server.public_key()));
  CHECK_FALSE(verify_receipt(r, impostor.public_key()));
  auto back = receipt_from_json(receipt_to_json(r));
  REQUIRE(back.ok());
  CHECK(verify_receipt(*back, server.public_key()));
  CHECK(back->through_seq == 42);
  Receipt more = r;
  more.through_seq = 43;
  CHECK_FALSE(verify_receipt(more, server.public_key()));
  CHECK_FALSE(receipt_from_json(nlohmann::json::parse(R"({"device":"00"})")).ok());
  CHECK_FALSE(receipt_from_json(nlohmann::json::array()).ok());
}

TEST_CASE("down payloads round-trip and their signature binds device and nonce") {
  DownPayload p;
  p.roster_version = 12;
  p.roster_changed = true;
  p.positions = {{std::string(32, 'a'), 99}, {std::string(32, 'b'), 7}};
  p.practice_name = "Riverside Family Dental";
  p.roster = {{"p-1", "Dana Whitfield", "management", "2019-03-04", true, "$argon2id$v=19$..."},
              {"p-2", "Maria Lopez", "front-desk", "2026-11-10", false, ""}};
  p.completions = {{"p-2", "ModuleCompleted", "phishing", "1", kNow, 60}};
  const std::string body = encode_down(p);
  auto back = parse_down(body);
  REQUIRE(back.ok());
  CHECK(back->roster_version == 12);
  CHECK(back->roster_changed);
  CHECK(back->positions == p.positions);
  CHECK_FALSE(back->more);
  CHECK(back->roster == p.roster);
  CHECK(back->completions == p.completions);
  CHECK_FALSE(back->chain);  // as from a server older than the field
  CHECK(back->published.empty());
  p.published = {{"password", "2", "2026-12-01"}};
  auto with_published = parse_down(encode_down(p));
  REQUIRE(with_published.ok());
  CHECK(with_published->published == p.published);
  auto bad_day = nlohmann::json::parse(encode_down(p));
  bad_day["published"][0]["effective"] = "first of December";
  CHECK_FALSE(parse_down(bad_day.dump()).ok());
  bad_day.erase("published");  // from a server older than the field
  auto older = parse_down(bad_day.dump());
  REQUIRE(older.ok());
  CHECK(older->published.empty());
  p.published.clear();
  // With the chain receipt, which must itself be a well-formed receipt.
  SeededRandom rng(8);
  const auto server = crypto::SigningKey::generate(rng);
  crypto::DeviceId device{};
  device[3] = 7;
  p.chain = make_receipt(server, device, 41, crypto::sha256(as_bytes("head")), kNow);
  auto with_chain = parse_down(encode_down(p));
  REQUIRE(with_chain.ok());
  REQUIRE(with_chain->chain);
  CHECK(with_chain->chain->through_seq == 41);
  CHECK(with_chain->chain->device == device);
  CHECK(verify_receipt(*with_chain->chain, server.public_key()));
  auto j = nlohmann::json::parse(encode_down(p));
  j["chain"]["through_seq"] = "41";
  CHECK_FALSE(parse_down(j.dump()).ok());
  j["chain"] = 1;
  CHECK_FALSE(parse_down(j.dump()).ok());
  CHECK_FALSE(parse_down("{}").ok());
  CHECK_FALSE(parse_down(R"({"roster_version":1,"roster_changed":true,"positions":{},"more":false,"practice_name":"x","roster":[{}],"completions":[]})").ok());
  CHECK_FALSE(parse_down(R"({"roster_version":1,"roster_changed":true,"positions":{},"more":false,"practice_name":"x","roster":[],"completions":[[1]]})").ok());

  crypto::DeviceId d1{}, d2{};
  d2[0] = 1;
  Nonce n1{}, n2{};
  n2[0] = 1;
  CHECK(down_signing_message(d1, n1, as_bytes(body)) != down_signing_message(d2, n1, as_bytes(body)));
  CHECK(down_signing_message(d1, n1, as_bytes(body)) != down_signing_message(d1, n2, as_bytes(body)));
}

TEST_CASE("pairing codes: format, forgiving input, and proofs that need the code") {
  SeededRandom rng(5);
  const std::string code = make_pairing_code(rng);
  CHECK(code.size() == 9);
  CHECK(code[4] == '-');
  const std::string n = normalize_pairing_code(code);
  CHECK(n.size() == 8);
  CHECK(normalize_pairing_code("k7qm 2xpa") == "K7QM2XPA");
  CHECK(normalize_pairing_code("O1IL-0000") == "01110000");
  CHECK(normalize_pairing_code("K7QM-2XP") == "");
  CHECK(normalize_pairing_code("K7QM-2XPU") == "");  // U is not a Crockford digit
  auto device = crypto::SigningKey::generate(rng);
  PairRequest req{device.public_key(), "Front desk", {}};
  req.proof = pair_request_proof(pairing_key(n), req);
  auto parsed = parse_pair_request(encode_pair_request(req));
  REQUIRE(accepted(parsed));
  const auto& got = std::get<PairRequest>(parsed);
  CHECK(pair_request_proof(pairing_key(n), got) == req.proof);
  CHECK(pair_request_proof(pairing_key("00000000"), got) != req.proof);
  PairResponse resp{crypto::SigningKey::generate(rng).public_key(), {}, "Riverside", {}, {}};
  resp.proof = pair_response_proof(pairing_key(n), device.public_key(), resp);
  auto back = parse_pair_response(encode_pair_response(resp));
  REQUIRE(back.ok());
  CHECK(pair_response_proof(pairing_key(n), device.public_key(), *back) == resp.proof);
  back->server_key[0] ^= 1;
  CHECK(pair_response_proof(pairing_key(n), device.public_key(), *back) != resp.proof);
  CHECK_FALSE(accepted(parse_pair_request("{\"device_key\":1}")));
  CHECK_FALSE(accepted(parse_pair_request(std::string(5000, 'x'))));
}

TEST_CASE("pairing: the practice key file travels under the proof; swapped or stripped, it fails") {
  SeededRandom rng(6);
  const crypto::Sha256 key = pairing_key(normalize_pairing_code(make_pairing_code(rng)));
  auto device = crypto::SigningKey::generate(rng);
  PairResponse resp{crypto::SigningKey::generate(rng).public_key(), {}, "Riverside", {},
                    "{\"format\":\"attest-practice-key/1\"}\n"};
  resp.proof = pair_response_proof(key, device.public_key(), resp);
  auto back = parse_pair_response(encode_pair_response(resp));
  REQUIRE(back.ok());
  CHECK(back->practice_key_file == resp.practice_key_file);
  CHECK(pair_response_proof(key, device.public_key(), *back) == resp.proof);

  PairResponse swapped = *back;
  swapped.practice_key_file[2] ^= 1;
  CHECK(pair_response_proof(key, device.public_key(), swapped) != resp.proof);
  PairResponse stripped = *back;
  stripped.practice_key_file.clear();
  CHECK(pair_response_proof(key, device.public_key(), stripped) != resp.proof);
  // The same bytes split differently between name and file.
  PairResponse moved = *back;
  moved.practice_name += moved.practice_key_file.substr(0, 1);
  moved.practice_key_file.erase(0, 1);
  CHECK(pair_response_proof(key, device.public_key(), moved) != resp.proof);

  // A server from before the file was sent: no field, the v1 proof.
  PairResponse old{resp.server_key, {}, "Riverside", {}, {}};
  old.proof = pair_response_proof(key, device.public_key(), old);
  const std::string old_body = encode_pair_response(old);
  CHECK(old_body.find("practice_key_file") == std::string::npos);
  auto old_back = parse_pair_response(old_body);
  REQUIRE(old_back.ok());
  CHECK(old_back->practice_key_file.empty());
  CHECK(pair_response_proof(key, device.public_key(), *old_back) == old.proof);
  CHECK_FALSE(parse_pair_response("{\"practice_key_file\":7}").ok());
}

TEST_CASE("down-sync positions round-trip through seen= and refuse anything else") {
  const std::map<std::string, uint64_t> pos = {{std::string(32, '0'), 12}, {std::string(32, 'f'), 0}};
  auto back = parse_positions(encode_positions(pos));
  REQUIRE(back.ok());
  CHECK(*back == pos);
  CHECK(parse_positions("")->empty());
  CHECK_FALSE(parse_positions("abc:1").ok());
  CHECK_FALSE(parse_positions(std::string(32, '0') + ":").ok());
  CHECK_FALSE(parse_positions(std::string(32, '0') + ":-1").ok());
  CHECK_FALSE(parse_positions(std::string(32, 'g') + ":1").ok());
  CHECK_FALSE(parse_positions(std::string(32, '0') + ":99999999999999999999").ok());
  CHECK_FALSE(parse_down(R"({"roster_version":1,"roster_changed":true,"positions":{"x":1},"more":false,"practice_name":"x","roster":[],"completions":[]})").ok());
}
