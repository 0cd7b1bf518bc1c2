// Uploads from an authenticated device that must not be stored: too big,
// malformed, out of order, changed, or a second history under sequence
// numbers the server already holds (a fork). Sent by hand to the real
// server; each gets its exact status and error code, and the master store
// holds nothing more afterwards (a fork adds exactly one quarantined copy
// and one alert, nothing else).
#include "core/event_builder.h"
#include "sync/e2e_fixture.h"
#include "sync/protocol/limits.h"

using namespace attest;
using namespace attest::testing;

namespace {

const MasterCounts kEmpty{0, 0, 0};

Answer upload(const PairedKiosk& f, const std::string& body) {
  return send_signed(f.server.url(), f.key().signing(), "POST", "/v1/events", body);
}

// A different event than the kiosk's own at `seq`, signed with the
// kiosk's real device key, following `prev_link`.
core::SignedEvent forged_event(const KioskProcess& k, uint64_t seq,
                               const crypto::Sha256& prev_link) {
  auto store = kiosk_store(k);
  SystemClock clock;
  crypto::SystemRandom rng;
  core::EventDraft d;
  d.kind = core::EventKind::kPolicyAttested;
  d.person_id = "p-7";
  d.subject = {"policy-sanctions", "2", crypto::Sha256{}};
  d.body_fields = {{"typed_name", "Someone Else"}};
  return core::build_event(d, core::ChainPosition{seq, prev_link},
                           core::BuildContext{store.device(), store.practice_key(), clock, rng,
                                              ATTEST_VERSION});
}

std::optional<crypto::Sha256> stored_hash(const PairedKiosk& f, uint64_t seq) {
  auto h = open_master(f.server)->stored_hash(f.key().id(), seq);
  REQUIRE(h.ok());
  return *h;
}

}  // namespace

TEST_CASE("a body over the 8 MiB transport limit is refused as too_large before it is read") {
  PairedKiosk f(10);
  // Valid JSON, signed, one byte over the limit.
  std::string body = upload_body(f.kiosk, 1, 11);
  body.insert(body.size() - 1, ",\"padding\":\"" +
                                   std::string(sync::kMaxRequestBytes + 1 - body.size() - 13,
                                               'x') +
                                   "\"");
  REQUIRE(body.size() == sync::kMaxRequestBytes + 1);
  Answer a = upload(f, body);
  CHECK(a.status == 413);
  CHECK(a.error() == "too_large");
  CHECK(master_counts(f.server) == kEmpty);
  // The server is still there for honest requests.
  Answer ok = upload(f, upload_body(f.kiosk, 1, 11));
  CHECK_MESSAGE(ok.status == 200, ok);
}

TEST_CASE("a body without a Content-Length is refused before it is read") {
  PairedKiosk f(10);
  // The start of a large body, never finished. A server that reads the
  // whole body before checking anything would sit waiting for the rest
  // (and then buffer however much came); the answer must come at once.
  const std::string head = "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  const std::string data(64 << 10, ' ');
  for (const std::string& request :
       {head + "Transfer-Encoding: chunked\r\n\r\n10000\r\n" + data,  // chunked
        head + "\r\n" + data}) {                                         // until closed
    const std::string answer = raw_exchange(f.server.port(), request, 5);
    CHECK_MESSAGE(answer.rfind("HTTP/1.1 411", 0) == 0, answer);
    CHECK(answer.find("\"error\":\"length_required\"") != std::string::npos);
  }
  CHECK(master_counts(f.server) == kEmpty);
  Answer ok = upload(f, upload_body(f.kiosk, 1, 11));
  CHECK_MESSAGE(ok.status == 200, ok);
}

TEST_CASE("a batch of more than 2000 events is refused as too_large") {
  PairedKiosk f(2005);
  Answer a = upload(f, upload_body(f.kiosk, 1, sync::kMaxBatchEvents + 1));
  CHECK(a.status == 413);
  CHECK(a.error() == "too_large");
  CHECK(a.body.value("reason", "").find("at most 2000 events") != std::string::npos);
  CHECK(master_counts(f.server) == kEmpty);
  Answer ok = upload(f, upload_body(f.kiosk, 1, sync::kMaxBatchEvents));
  CHECK_MESSAGE(ok.status == 200, ok);
  CHECK(server_events(f.server) == sync::kMaxBatchEvents);
}

TEST_CASE("a body that is not JSON is refused as malformed") {
  PairedKiosk f(10);
  const std::string good = upload_body(f.kiosk, 1, 11);
  for (const std::string& body :
       {std::string(), std::string("{"), good.substr(0, good.size() / 2), std::string("\xff\xfe{}"),
        std::string("{\"device\": \"") + f.device_hex() + "\", \"events\": [}"}) {
    CAPTURE(body.substr(0, 60));
    Answer a = upload(f, body);
    CHECK(a.status == 400);
    CHECK(a.error() == "malformed");
  }
  CHECK(master_counts(f.server) == kEmpty);
}

TEST_CASE("a batch with a missing field or a value of the wrong type is refused as malformed") {
  PairedKiosk f(10);
  const nlohmann::json good = nlohmann::json::parse(upload_body(f.kiosk, 1, 11));
  using Change = std::function<void(nlohmann::json&)>;
  const std::vector<std::pair<std::string, Change>> changes = {
      {"the body is an array", [](nlohmann::json& j) { j = nlohmann::json::array({j}); }},
      {"no device", [](nlohmann::json& j) { j.erase("device"); }},
      {"device is a number", [](nlohmann::json& j) { j["device"] = 5; }},
      {"device is too short", [](nlohmann::json& j) { j["device"] = "abcd"; }},
      {"no events", [](nlohmann::json& j) { j.erase("events"); }},
      {"events is an object", [](nlohmann::json& j) { j["events"] = j["events"][0]; }},
      {"events is empty", [](nlohmann::json& j) { j["events"] = nlohmann::json::array(); }},
      {"an unknown top-level field", [](nlohmann::json& j) { j["admin"] = true; }},
      {"an event is a string", [](nlohmann::json& j) { j["events"][0] = "event"; }},
      {"seq is a string", [](nlohmann::json& j) { j["events"][0]["seq"] = "1"; }},
      {"seq is negative", [](nlohmann::json& j) { j["events"][0]["seq"] = -1; }},
      {"seq is zero", [](nlohmann::json& j) { j["events"][0]["seq"] = 0; }},
      {"seq is fractional", [](nlohmann::json& j) { j["events"][0]["seq"] = 1.5; }},
      {"no header", [](nlohmann::json& j) { j["events"][3].erase("header"); }},
      {"header is not base64", [](nlohmann::json& j) { j["events"][3]["header"] = "%%%"; }},
      {"header does not decode", [](nlohmann::json& j) { j["events"][3]["header"] = "AAAA"; }},
      {"body is a number", [](nlohmann::json& j) { j["events"][3]["body"] = 12; }},
      {"no signature", [](nlohmann::json& j) { j["events"][3].erase("signature"); }},
      {"signature is short", [](nlohmann::json& j) { j["events"][3]["signature"] = "AAAA"; }},
      {"an unknown event field", [](nlohmann::json& j) { j["events"][3]["hash"] = "AAAA"; }},
      {"seq does not match the header",
       [](nlohmann::json& j) { j["events"][3]["seq"] = 40; }},
      {"events out of order",
       [](nlohmann::json& j) { std::swap(j["events"][3], j["events"][4]); }},
      {"an event twice", [](nlohmann::json& j) { j["events"][4] = j["events"][3]; }},
  };
  for (const auto& [what, change] : changes) {
    CAPTURE(what);
    nlohmann::json j = good;
    change(j);
    Answer a = upload(f, j.dump());
    CHECK(a.status == 400);
    CHECK(a.error() == "malformed");
  }
  CHECK(master_counts(f.server) == kEmpty);
  Answer ok = upload(f, good.dump());
  CHECK_MESSAGE(ok.status == 200, ok);
}

TEST_CASE("an upload that skips ahead is refused as a gap naming the seq expected") {
  PairedKiosk f(30);
  Answer a = upload(f, upload_body(f.kiosk, 5, 10));
  CHECK(a.status == 409);
  CHECK(a.error() == "gap");
  CHECK(a.body["expected_seq"] == 1);
  CHECK(master_counts(f.server) == kEmpty);

  REQUIRE(upload(f, upload_body(f.kiosk, 1, 11)).status == 200);
  a = upload(f, upload_body(f.kiosk, 15, 20));
  CHECK(a.status == 409);
  CHECK(a.error() == "gap");
  CHECK(a.body["expected_seq"] == 12);
  CHECK(master_counts(f.server) == MasterCounts{11, 0, 0});
  // Overlapping what is stored and going on from there is fine.
  a = upload(f, upload_body(f.kiosk, 5, 20));
  CHECK_MESSAGE(a.status == 200, a);
  CHECK(a.body["stored"] == 9);
}

TEST_CASE("a second signed event under a stored seq is a fork: quarantined, never stored") {
  PairedKiosk f(20);
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  REQUIRE(master_counts(f.server) == MasterCounts{21, 0, 0});
  const auto stored_10 = stored_hash(f, 10);
  REQUIRE(stored_10);

  const core::SignedEvent e9 = kiosk_events(f.kiosk, 9, 9)[0];
  const core::SignedEvent forged =
      forged_event(f.kiosk, 10, core::link_hash(e9.hash, e9.signature));
  REQUIRE(forged.hash != *stored_10);
  Answer a = upload(f, sync::encode_upload(f.key().id(), std::span(&forged, 1)));
  CHECK(a.status == 409);
  CHECK(a.error() == "fork");
  CHECK(a.body.value("reason", "").find("event 10") != std::string::npos);

  CHECK(master_counts(f.server) == MasterCounts{21, 1, 1});
  CHECK(stored_hash(f, 10) == stored_10);
  auto alerts = open_master(f.server)->alerts();
  REQUIRE(alerts.ok());
  REQUIRE(alerts->size() == 1);
  CHECK(alerts->front().kind == "fork");
  CHECK(alerts->front().device == f.key().id());

  // The chains still verify; verify says a conflicting copy waits.
  auto verify = verify_server(f.server);
  CHECK_MESSAGE(verify.code == 0, verify.all);
  CHECK(verify.out.find("OK: 21 events from 1 devices; 1 conflicting uploads in quarantine") !=
        std::string::npos);

  // The next event that does not follow the stored head is a fork too.
  const core::SignedEvent stray = forged_event(f.kiosk, 22, e9.hash);
  a = upload(f, sync::encode_upload(f.key().id(), std::span(&stray, 1)));
  CHECK(a.status == 409);
  CHECK(a.error() == "fork");
  CHECK(master_counts(f.server) == MasterCounts{21, 2, 2});

  // The kiosk's own history goes on syncing.
  REQUIRE(f.kiosk.fill(5).code == 0);
  synced = f.kiosk.sync();
  CHECK_MESSAGE(synced.code == 0, synced.all);
  CHECK(master_counts(f.server) == MasterCounts{26, 2, 2});
}

TEST_CASE("a changed event the device did not sign is refused as invalid_chain, not quarantined") {
  PairedKiosk f(30);
  REQUIRE(upload(f, upload_body(f.kiosk, 1, 21)).status == 200);

  // Under a stored seq.
  nlohmann::json j = nlohmann::json::parse(upload_body(f.kiosk, 10, 10));
  auto body = base64_decode(j["events"][0]["body"].get<std::string>());
  REQUIRE(body.ok());
  (*body)[body->size() / 2] ^= 1;
  j["events"][0]["body"] = base64_encode(*body);
  Answer a = upload(f, j.dump());
  CHECK(a.status == 422);
  CHECK(a.error() == "invalid_chain");

  // Inside a new batch: none of the batch is stored, not even the events
  // before the changed one.
  j = nlohmann::json::parse(upload_body(f.kiosk, 22, 31));
  body = base64_decode(j["events"][4]["body"].get<std::string>());
  REQUIRE(body.ok());
  (*body)[0] ^= 1;
  j["events"][4]["body"] = base64_encode(*body);
  a = upload(f, j.dump());
  CHECK(a.status == 422);
  CHECK(a.error() == "invalid_chain");
  CHECK(a.body.value("reason", "").find("event 26") != std::string::npos);
  CHECK(master_counts(f.server) == MasterCounts{21, 0, 0});
}

TEST_CASE("a device cannot upload another device's events") {
  PairedKiosk f(10);
  KioskProcess other{f.dir / "other"};
  REQUIRE(other.pair(f.server).code == 0);
  Answer a = send_signed(f.server.url(), kiosk_key(other).signing(), "POST", "/v1/events",
                         upload_body(f.kiosk, 1, 11));
  CHECK(a.status == 403);
  CHECK(a.error() == "wrong_device");
  CHECK(master_counts(f.server) == kEmpty);
}
