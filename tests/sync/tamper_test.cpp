// A man in the middle between a kiosk and its office server: the kiosk is
// paired through a proxy that forwards to the real server and alters its
// answers. The kiosk pinned the server's key at pairing, so it must refuse
// a receipt or a down-sync answer that key did not sign (for this very
// request): the sync fails with a clear message, nothing is marked as
// synced, nothing from the answer is applied. Each case ends with the proxy
// passing answers through, to show the same sync succeeds when they are
// genuine.
#include "sync/e2e_fixture.h"
#include "sync/protocol/down.h"
#include "sync/protocol/receipt.h"
#include "sync/tampering_proxy.h"

using namespace attest;
using namespace attest::testing;

namespace {

const char kNotSigned[] = "not signed by the paired office server";

// A server with a roster, and a kiosk paired with it through a proxy.
struct ProxiedKiosk {
  TempDir dir{"attest-e2e"};
  ServerProcess server{dir};
  std::unique_ptr<TamperingProxy> proxy;
  KioskProcess kiosk{dir / "kiosk"};
  crypto::SystemRandom rng;
  crypto::DeviceKey attacker = crypto::DeviceKey::generate(rng);

  ProxiedKiosk() {
    put_on_roster(server, {"p-1", "Dana Whitfield", "management", "2019-03-04", true, ""});
    server.start();
    proxy = std::make_unique<TamperingProxy>(server.url());
    REQUIRE(proxy->ok());
    auto paired = kiosk.pair_at(proxy->url(), server.pairing_code());
    REQUIRE_MESSAGE(paired.code == 0, paired.all);
  }
  crypto::DeviceId device() const { return kiosk_key(kiosk).id(); }
};

// The answer's receipt, replaced by what `change` makes of it. (Runs on
// the proxy's thread: CHECK, never REQUIRE, there.)
void change_receipt(Exchange& x, const std::function<void(nlohmann::json&)>& change) {
  auto j = nlohmann::json::parse(x.body, nullptr, false);
  CHECK(j.contains("receipt"));
  if (!j.contains("receipt")) return;
  change(j);
  x.body = j.dump();
}

std::vector<std::string> names(const std::vector<store::PersonRecord>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.name);
  return out;
}

}  // namespace

TEST_CASE("a receipt the pinned server key did not sign marks nothing as synced") {
  ProxiedKiosk f;
  REQUIRE(f.kiosk.fill(40).code == 0);
  REQUIRE(f.kiosk.pending() == 41);
  const crypto::DeviceId device = f.device();

  // "You are all synced", from someone else's key, before anything is sent.
  f.proxy->set_tamper([&](Exchange& x) {
    if (x.path != "/v1/chain") return;
    change_receipt(x, [&](nlohmann::json& j) {
      const sync::Receipt forged =
          sync::make_receipt(f.attacker.signing(), device, 41, crypto::Sha256{}, now_ms());
      j["through_seq"] = 41;
      j["receipt"] = sync::receipt_to_json(forged);
    });
  });
  auto synced = f.kiosk.sync();
  CHECK(synced.code != 0);
  CHECK_MESSAGE(synced.err.find(kNotSigned) != std::string::npos, synced.err);
  CHECK(f.kiosk.pending() == 41);
  CHECK(server_events(f.server) == 0);

  // A genuine receipt for an upload, altered on the way: the server stored
  // the events, but the kiosk must not believe so on that receipt's word.
  f.proxy->set_tamper([](Exchange& x) {
    if (x.path != "/v1/events") return;
    change_receipt(x, [](nlohmann::json& j) {
      j["receipt"]["server_time_ms"] = j["receipt"]["server_time_ms"].get<int64_t>() + 1;
    });
  });
  synced = f.kiosk.sync();
  CHECK(synced.code != 0);
  CHECK_MESSAGE(synced.err.find(kNotSigned) != std::string::npos, synced.err);
  CHECK(f.kiosk.pending() == 41);
  CHECK(server_events(f.server) == 41);

  // The server's own receipt for what it holds settles it.
  f.proxy->set_tamper({});
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":0") != std::string::npos);
  CHECK(f.kiosk.pending() == 0);

  // A receipt for more than was sent, re-signed by another key.
  REQUIRE(f.kiosk.fill(10).code == 0);
  f.proxy->set_tamper([&](Exchange& x) {
    if (x.path != "/v1/events") return;
    change_receipt(x, [&](nlohmann::json& j) {
      j["receipt"] = sync::receipt_to_json(
          sync::make_receipt(f.attacker.signing(), device, 51, crypto::Sha256{}, now_ms()));
    });
  });
  synced = f.kiosk.sync();
  CHECK(synced.code != 0);
  CHECK_MESSAGE(synced.err.find(kNotSigned) != std::string::npos, synced.err);
  CHECK(f.kiosk.pending() == 10);

  f.proxy->set_tamper({});
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(f.kiosk.pending() == 0);
  CHECK(master_counts(f.server) == MasterCounts{51, 0, 0});
}

TEST_CASE("a down-sync answer not signed by the pinned key for this request is not applied") {
  ProxiedKiosk f;
  REQUIRE(f.kiosk.fill(30).code == 0);
  const crypto::DeviceId device = f.device();

  auto add_mallory = [](Exchange& x) {
    auto j = nlohmann::json::parse(x.body, nullptr, false);
    CHECK(j.is_object());
    if (!j.is_object()) return;
    j["roster_changed"] = true;
    j["roster"].push_back({{"person_id", "p-666"},
                           {"name", "Mallory"},
                           {"role", "management"},
                           {"hired", "2020-01-01"},
                           {"active", true},
                           {"pin_verifier", ""}});
    x.body = j.dump();
  };
  struct Variant {
    const char* what;
    TamperingProxy::Tamper tamper;
  };
  const std::vector<Variant> variants = {
      {"the body changed under the server's signature",
       [&](Exchange& x) {
         if (x.path == "/v1/down") add_mallory(x);
       }},
      {"the body changed and signed by another key for this request",
       [&](Exchange& x) {
         if (x.path != "/v1/down") return;
         add_mallory(x);
         sync::Nonce nonce{};
         auto n = hex_decode(x.nonce);
         CHECK((n.ok() && copy_exact(*n, nonce)));
         x.server_signature = base64_encode(f.attacker.signing().sign(
             sync::down_signing_message(device, nonce, as_bytes(x.body))));
       }},
      {"the signature left off",
       [](Exchange& x) {
         if (x.path == "/v1/down") x.server_signature.clear();
       }},
  };
  for (const Variant& v : variants) {
    CAPTURE(v.what);
    f.proxy->set_tamper(v.tamper);
    auto synced = f.kiosk.sync();
    CHECK(synced.code != 0);
    CHECK_MESSAGE(synced.err.find(kNotSigned) != std::string::npos, synced.err);
    CHECK(kiosk_people(f.kiosk).empty());
    const store::SyncCursor cursor = kiosk_cursor(f.kiosk);
    CHECK(cursor.roster_version == 0);
    CHECK(cursor.positions.empty());
    CHECK_FALSE(cursor.last_success_utc_ms.has_value());
  }
  // The uploads before the down-sync had genuine receipts.
  CHECK(f.kiosk.pending() == 0);
  CHECK(server_events(f.server) == 31);

  // Passed through untouched, the same answer is applied.
  std::string old_body, old_signature;
  f.proxy->set_tamper([&](Exchange& x) {
    if (x.path != "/v1/down") return;
    old_body = x.body;
    old_signature = x.server_signature;
  });
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(names(kiosk_people(f.kiosk)) == std::vector<std::string>{"Dana Whitfield"});
  CHECK(kiosk_cursor(f.kiosk).roster_version == 1);
  REQUIRE_FALSE(old_signature.empty());

  // An old genuine answer replayed in place of a newer one (to hide a
  // roster change): signed by the right key, but for an earlier request.
  f.server.stop();
  put_on_roster(f.server, {"p-2", "Maria Lopez", "front-desk", "2026-11-10", true, ""});
  f.server.start();
  f.proxy->set_tamper([&](Exchange& x) {
    if (x.path != "/v1/down") return;
    x.body = old_body;
    x.server_signature = old_signature;
  });
  synced = f.kiosk.sync();
  CHECK(synced.code != 0);
  CHECK_MESSAGE(synced.err.find(kNotSigned) != std::string::npos, synced.err);
  CHECK(kiosk_cursor(f.kiosk).roster_version == 1);

  f.proxy->set_tamper({});
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(names(kiosk_people(f.kiosk)) ==
        std::vector<std::string>{"Dana Whitfield", "Maria Lopez"});
  CHECK(kiosk_cursor(f.kiosk).roster_version == 2);
}
