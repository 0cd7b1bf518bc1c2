#include <doctest/doctest.h>

#include <atomic>

#include "support/server_process.h"
#include "sync/client/sync_worker.h"

using namespace attest;
using namespace attest::testing;

namespace {

template <typename Pred>
bool wait_until(Pred p, int timeout_ms = 10000) {
  for (int i = 0; i < timeout_ms / 10; ++i) {
    if (p()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return p();
}

}  // namespace

TEST_CASE("backoff doubles from the first delay up to the cap, with jitter") {
  sync::SyncTiming t{60000, 2000, 300000};
  CHECK(sync::backoff_ms(t, 1, 0.5) == 2000);
  CHECK(sync::backoff_ms(t, 2, 0.5) == 4000);
  CHECK(sync::backoff_ms(t, 3, 0.5) == 8000);
  CHECK(sync::backoff_ms(t, 20, 0.5) == 300000);
  CHECK(sync::backoff_ms(t, 1, 0.0) == 1000);
  CHECK(sync::backoff_ms(t, 1, 0.999) < 3000);
}

TEST_CASE("the sync worker syncs on its own thread, waits out an absent server, then catches up") {
  TempDir dir("attest-worker");
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  REQUIRE(kiosk.pair(server).code == 0);
  REQUIRE(kiosk.fill(30).code == 0);

  sync::SyncTiming fast{60000, 100, 400};
  sync::SyncWorker worker(kiosk.dir / "kiosk.db", kiosk.dir / "keys" / "device.key", server.url(),
                          fast);
  std::atomic<int> changes{0};
  worker.set_on_change([&] { ++changes; });
  worker.start();
  REQUIRE(wait_until([&] { return worker.state().phase == sync::SyncState::Phase::kUpToDate; }));
  CHECK(worker.state().pending == 0);
  CHECK(worker.state().last_success_utc_ms.has_value());
  CHECK(changes > 0);
  CHECK(kiosk.pending() == 0);

  // The server goes away; new events wait, the worker says it is offline.
  server.stop();
  REQUIRE(kiosk.fill(5).code == 0);
  worker.notify();
  REQUIRE(wait_until([&] { return worker.state().phase == sync::SyncState::Phase::kOffline; }));
  auto s = worker.state();
  CHECK(s.failures_in_a_row >= 1);
  CHECK(s.last_error.find("cannot reach the office server") != std::string::npos);
  CHECK(kiosk.pending() == 5);

  // Back again: the next backoff attempt catches up without a nudge.
  server.start();
  REQUIRE(wait_until([&] { return worker.state().phase == sync::SyncState::Phase::kUpToDate; }));
  CHECK(worker.state().pending == 0);
  CHECK(worker.state().failures_in_a_row == 0);
  CHECK(kiosk.pending() == 0);
  worker.stop();
}

TEST_CASE("\"Sync now\" cuts a long backoff short, and an absent server is named in plain words") {
  TempDir dir("attest-worker");
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  REQUIRE(kiosk.pair(server).code == 0);
  server.stop();
  REQUIRE(kiosk.fill(7).code == 0);

  // Backing off a whole minute after the first failure.
  sync::SyncTiming slow{600000, 60000, 600000};
  sync::SyncWorker worker(kiosk.dir / "kiosk.db", kiosk.dir / "keys" / "device.key", server.url(),
                          slow);
  worker.start();
  REQUIRE(wait_until([&] { return worker.state().phase == sync::SyncState::Phase::kOffline; }));
  const auto offline = worker.state();
  CHECK(offline.last_error == "cannot reach the office server at " + server.url() +
                                  " (nothing answers at that address)");
  CHECK(offline.next_attempt_utc_ms - SystemClock().now().utc_ms > 20000);

  server.start();
  // A nudge (a new record) does not cut a backoff short ...
  worker.notify();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(worker.state().phase == sync::SyncState::Phase::kOffline);
  // ... asking does.
  worker.request_sync();
  REQUIRE(wait_until([&] { return worker.state().phase == sync::SyncState::Phase::kUpToDate; },
                     5000));
  CHECK(kiosk.pending() == 0);
  CHECK(worker.state().last_error.empty());
  worker.stop();
}
