// Requests that must not get past authentication, sent to the real server
// by hand: each is refused with its exact status and error code, and the
// master store holds nothing more afterwards. Each case also sends the
// honest version of the same request, so a refusal for the wrong reason
// (a broken body, say) would show.
#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

namespace {

const MasterCounts kEmpty{0, 0, 0};

}  // namespace

TEST_CASE("an upload without the signature headers is refused as unsigned") {
  PairedKiosk f(10);
  const std::string body = upload_body(f.kiosk, 1, 11);

  Answer a = send_raw(f.server.url(), "POST", "/v1/events", {}, body);
  CHECK(a.status == 401);
  CHECK(a.error() == "unsigned");
  // Three of the four headers are no better than none.
  httplib::Headers partial = auth_headers(sign(f.key().signing(), "POST", "/v1/events", body));
  partial.erase(sync::kHeaderSignature);
  a = send_raw(f.server.url(), "POST", "/v1/events", partial, body);
  CHECK(a.status == 401);
  CHECK(a.error() == "unsigned");
  CHECK(master_counts(f.server) == kEmpty);

  a = send_signed(f.server.url(), f.key().signing(), "POST", "/v1/events", body);
  CHECK_MESSAGE(a.status == 200, a);
  CHECK(server_events(f.server) == 11);
}

TEST_CASE("a request whose signature does not verify is refused as bad_signature") {
  PairedKiosk f(10);
  const std::string body = upload_body(f.kiosk, 1, 11);
  const std::string device = f.device_hex();
  crypto::SystemRandom rng;

  crypto::DeviceKey other = crypto::DeviceKey::generate(rng);
  struct Variant {
    const char* what;
    sync::AuthHeaders headers;
    std::string body;
  };
  std::vector<Variant> variants;
  variants.push_back({"signed by another key in the kiosk's name",
                      sign(other.signing(), "POST", "/v1/events", body), body});
  variants.back().headers.device = device;
  variants.push_back({"the body changed after signing",
                      sign(f.key().signing(), "POST", "/v1/events", body),
                      upload_body(f.kiosk, 1, 10)});
  variants.push_back({"signed for another endpoint",
                      sign(f.key().signing(), "GET", "/v1/chain", body), body});
  variants.push_back({"the signed time changed",
                      sign(f.key().signing(), "POST", "/v1/events", body), body});
  variants.back().headers.time = std::to_string(std::stoll(variants.back().headers.time) + 1);
  for (const Variant& v : variants) {
    CAPTURE(v.what);
    Answer a = send_raw(f.server.url(), "POST", "/v1/events", auth_headers(v.headers), v.body);
    CHECK(a.status == 401);
    CHECK(a.error() == "bad_signature");
  }
  CHECK(master_counts(f.server) == kEmpty);
  Answer ok = send_signed(f.server.url(), f.key().signing(), "POST", "/v1/events", body);
  CHECK_MESSAGE(ok.status == 200, ok);
}

TEST_CASE("a device the server never paired is refused as unknown_device") {
  PairedKiosk f(10);
  crypto::SystemRandom rng;
  crypto::DeviceKey stranger = crypto::DeviceKey::generate(rng);
  // Its own (empty) chain, and the paired kiosk's events: neither is taken.
  Answer a = send_signed(f.server.url(), stranger.signing(), "GET", "/v1/chain", "");
  CHECK(a.status == 401);
  CHECK(a.error() == "unknown_device");
  a = send_signed(f.server.url(), stranger.signing(), "POST", "/v1/events",
                  upload_body(f.kiosk, 1, 11));
  CHECK(a.status == 401);
  CHECK(a.error() == "unknown_device");
  CHECK(master_counts(f.server) == kEmpty);
  // The paired kiosk itself is known.
  a = send_signed(f.server.url(), f.key().signing(), "GET", "/v1/chain", "");
  CHECK_MESSAGE(a.status == 200, a);
}

TEST_CASE("a revoked device can no longer sync; what it stored stays") {
  PairedKiosk f(20);
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  REQUIRE(server_events(f.server) == 21);
  REQUIRE(f.kiosk.fill(10).code == 0);

  auto revoked = f.server.admin("devices " + quote(f.server.dir().string()) + " --revoke " +
                                f.device_hex().substr(0, 8));
  REQUIRE_MESSAGE(revoked.code == 0, revoked.all);
  CHECK(revoked.out.find("Revoked " + f.device_hex()) != std::string::npos);

  Answer a = send_signed(f.server.url(), f.key().signing(), "POST", "/v1/events",
                         upload_body(f.kiosk, 22, 31));
  CHECK(a.status == 403);
  CHECK(a.error() == "revoked");
  a = send_signed(f.server.url(), f.key().signing(), "GET", "/v1/chain", "");
  CHECK(a.status == 403);
  CHECK(a.error() == "revoked");

  // The real client says so in plain words and keeps its events pending.
  auto again = f.kiosk.sync();
  CHECK(again.code != 0);
  CHECK(again.err.find("this kiosk was removed from the practice") != std::string::npos);
  CHECK(f.kiosk.pending() == 10);
  CHECK(master_counts(f.server) == MasterCounts{21, 0, 0});
  auto verify = verify_server(f.server);
  CHECK_MESSAGE(verify.code == 0, verify.all);
  CHECK(verify.out.find("OK: 21 events from 1 devices") != std::string::npos);
}

TEST_CASE("the exact same signed request sent twice is refused as replayed, even after a restart") {
  PairedKiosk f(10);
  const std::string body = upload_body(f.kiosk, 1, 11);
  const httplib::Headers captured =
      auth_headers(sign(f.key().signing(), "POST", "/v1/events", body));

  Answer first = send_raw(f.server.url(), "POST", "/v1/events", captured, body);
  REQUIRE_MESSAGE(first.status == 200, first);
  CHECK(first.body["stored"] == 11);
  const MasterCounts after_first = master_counts(f.server);
  CHECK(after_first == MasterCounts{11, 0, 0});

  Answer again = send_raw(f.server.url(), "POST", "/v1/events", captured, body);
  CHECK(again.status == 401);
  CHECK(again.error() == "replayed");

  // Nonces are in the store, not in memory: a server killed and started
  // again still knows this one.
  f.server.kill();
  f.server.start();
  again = send_raw(f.server.url(), "POST", "/v1/events", captured, body);
  CHECK(again.status == 401);
  CHECK(again.error() == "replayed");
  CHECK(master_counts(f.server) == after_first);

  // A read is single-use too.
  const httplib::Headers chain = auth_headers(sign(f.key().signing(), "GET", "/v1/chain", ""));
  CHECK(send_raw(f.server.url(), "GET", "/v1/chain", chain, "").status == 200);
  Answer read_again = send_raw(f.server.url(), "GET", "/v1/chain", chain, "");
  CHECK(read_again.status == 401);
  CHECK(read_again.error() == "replayed");
}

TEST_CASE("a request timed more than 5 minutes from the server's clock is refused as stale") {
  PairedKiosk f(10);
  const std::string body = upload_body(f.kiosk, 1, 11);
  const int64_t limit = 5 * 60 * 1000;

  for (int64_t off : {limit + 1000, -(limit + 1000)}) {
    CAPTURE(off);
    Answer a = send_signed(f.server.url(), f.key().signing(), "POST", "/v1/events", body,
                           now_ms() + off);
    CHECK(a.status == 401);
    CHECK(a.error() == "stale_timestamp");
    CHECK(a.body.contains("server_time_ms"));
  }
  CHECK(master_counts(f.server) == kEmpty);

  // The kiosk's clock may be a few minutes off.
  Answer ok = send_signed(f.server.url(), f.key().signing(), "POST", "/v1/events", body,
                          now_ms() - (limit - 60000));
  CHECK_MESSAGE(ok.status == 200, ok);
  CHECK(server_events(f.server) == 11);
}
