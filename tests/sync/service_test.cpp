// The server's request handling in-process (SyncService on a real SQLite
// master store, no sockets): what every answer does with the request's
// nonce, so no signed request is ever taken twice, even across a restart.
#include <doctest/doctest.h>

#include "support/master_fixture.h"
#include "sync/protocol/upload.h"
#include "sync/server/sync_service.h"

using namespace attest;
using namespace attest::sync;

namespace {

constexpr int64_t kNow = testing::kMasterNow;

struct ServiceFixture : testing::MasterFixture {
  ServiceFixture() : MasterFixture("attest-service", 21) { enroll(chain); }

  FixedClock clock{{kNow, 60}};
  testing::Chain chain = testing::make_chain(6);
  std::unique_ptr<SyncService> service =
      std::make_unique<SyncService>(*store, server, info, clock, rng);

  // The server stopped and started again on the same folder.
  void restart() {
    service.reset();
    store.reset();
    store = open(false);
    service = std::make_unique<SyncService>(*store, server, info, clock, rng);
  }

  Request signed_request(const std::string& method, const std::string& target,
                         const std::string& body = "") {
    Request r;
    r.method = method;
    r.target = target;
    r.path = target.substr(0, target.find('?'));
    r.body = body;
    r.auth = sign_request(chain.device.signing(), method, target, as_bytes(body), kNow, rng);
    return r;
  }
  Request upload(size_t from, size_t to) {
    std::span<const core::SignedEvent> events(chain.events);
    return signed_request("POST", "/v1/events",
                          encode_upload(chain.device.id(), events.subspan(from, to - from)));
  }
  uint64_t stored() { return *store->event_count(); }
};

std::string error_code(const Response& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_object() ? j.value("error", "") : "";
}

}  // namespace

TEST_CASE("service: an upload that stores events is taken once, also after a restart") {
  ServiceFixture f;
  const Request first = f.upload(0, 4);
  Response r = f.service->handle(first);
  REQUIRE(r.status == 200);
  CHECK(f.stored() == 4);
  r = f.service->handle(first);
  CHECK(r.status == 401);
  CHECK(error_code(r) == "replayed");
  // Its nonce was committed with its events: a restart does not forget it.
  f.restart();
  r = f.service->handle(first);
  CHECK(r.status == 401);
  CHECK(error_code(r) == "replayed");
  CHECK(f.stored() == 4);
  // The same events in a new request are simply already stored.
  r = f.service->handle(f.upload(0, 4));
  CHECK(r.status == 200);
  CHECK(r.note == "stored 0");
}

TEST_CASE("service: uploads that store nothing, or are refused, still use up their nonce") {
  ServiceFixture f;
  REQUIRE(f.service->handle(f.upload(0, 3)).status == 200);
  const Request nothing_new = f.upload(0, 3);
  const Request gap = f.upload(4, 6);
  const Request malformed = f.signed_request("POST", "/v1/events", "{\"device\":");
  const int expected[] = {200, 409, 400};
  int i = 0;
  for (const Request* req : {&nothing_new, &gap, &malformed}) {
    CAPTURE(i);
    CHECK(f.service->handle(*req).status == expected[i++]);
    f.restart();
    Response again = f.service->handle(*req);
    CHECK(again.status == 401);
    CHECK(error_code(again) == "replayed");
  }
  CHECK(f.stored() == 3);
}

TEST_CASE("service: a down-sync or chain request is answered once") {
  ServiceFixture f;
  for (const char* target : {"/v1/down?after=0&roster=0", "/v1/chain"}) {
    CAPTURE(target);
    const Request req = f.signed_request("GET", target);
    CHECK(f.service->handle(req).status == 200);
    f.restart();
    Response again = f.service->handle(req);
    CHECK(again.status == 401);
    CHECK(error_code(again) == "replayed");
  }
}
