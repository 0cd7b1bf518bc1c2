#include <doctest/doctest.h>

#include "store/master_verify.h"
#include "store/sqlite_master_store.h"
#include "support/server_process.h"

using namespace attest;
using namespace attest::testing;

namespace {

uint64_t server_events(const ServerProcess& s) {
  auto store = store::SqliteMasterStore::open(s.dir() / "master.db", store::OpenMode::kReadOnly);
  REQUIRE(store.ok());
  return *(*store)->event_count();
}

}  // namespace

TEST_CASE("a kiosk pairs, syncs its events, and the server verifies them") {
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  auto paired = kiosk.pair(server);
  REQUIRE_MESSAGE(paired.code == 0, paired.all);
  REQUIRE(kiosk.fill(250).code == 0);
  CHECK(kiosk.pending() == 251);  // DeviceEnrolled + 250
  auto synced = kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":251") != std::string::npos);
  CHECK(kiosk.pending() == 0);
  CHECK(server_events(server) == 251);
  // A second sync has nothing to send.
  synced = kiosk.sync();
  REQUIRE(synced.code == 0);
  CHECK(synced.out.find("\"uploaded\":0") != std::string::npos);
  CHECK(server_events(server) == 251);
  auto verify = server.admin("verify " + quote(server.dir().string()));
  CHECK_MESSAGE(verify.code == 0, verify.all);
  CHECK(verify.out.find("OK: 251 events from 1 devices") != std::string::npos);
  auto devices = server.admin("devices " + quote(server.dir().string()));
  CHECK(devices.out.find("Test kiosk") != std::string::npos);
  CHECK(server.stop() == 0);
  std::ifstream log(server.log());
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  CHECK(text.find("POST /v1/events 200") != std::string::npos);
  CHECK(text.find("SIGTERM received, stopping") != std::string::npos);
  // The down-sync answer says where the server's chain ends, so neither
  // sync needed GET /v1/chain: the one with nothing to send was one request.
  CHECK(text.find("GET /v1/chain") == std::string::npos);
}

TEST_CASE("a pairing code works once") {
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  const std::string code = server.pairing_code();
  KioskProcess a{dir / "a"}, b{dir / "b"};
  REQUIRE(a.cmd("pair " + quote(a.dir.string()) + " " + server.url() + " " + code).code == 0);
  auto again = b.cmd("pair " + quote(b.dir.string()) + " " + server.url() + " " + code);
  CHECK(again.code != 0);
  CHECK(again.err.find("pairing code") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(b.dir / "kiosk.db"));
}

TEST_CASE("a server restored from an older backup is refilled by the kiosk, batch after batch") {
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  REQUIRE(kiosk.pair(server).code == 0);
  REQUIRE(kiosk.fill(1500).code == 0);
  REQUIRE(kiosk.sync().code == 0);
  const std::string backup = (dir / "backup.db").string();
  REQUIRE(server.admin("backup " + quote(server.dir().string()) + " " + quote(backup)).code == 0);
  // More than one upload batch (2000 events at most) after the backup.
  REQUIRE(kiosk.fill(4500).code == 0);
  auto synced = kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(server_events(server) == 6001);

  REQUIRE(server.stop() == 0);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(server.dir() / (std::string("master.db") + suffix));
  }
  std::filesystem::copy_file(backup, server.dir() / "master.db");
  server.start();
  CHECK(server_events(server) == 1501);
  synced = kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":4500") != std::string::npos);
  CHECK(kiosk.pending() == 0);
  CHECK(server_events(server) == 6001);
  REQUIRE(server.stop() == 0);
  auto verify = server.admin("verify " + quote(server.dir().string()));
  CHECK_MESSAGE(verify.out.find("OK: 6001 events from 1 devices") != std::string::npos, verify.all);
}

TEST_CASE("completions go down to the other kiosks, not back to the one that recorded them") {
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  KioskProcess a{dir / "a"}, b{dir / "b"};
  REQUIRE(a.pair(server).code == 0);
  REQUIRE(b.pair(server).code == 0);
  REQUIRE(a.fill(30).code == 0);  // every third event a completed module: 10
  auto synced = a.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"completions\":0") != std::string::npos);
  synced = b.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"completions\":10") != std::string::npos);
  synced = b.sync();
  CHECK(synced.out.find("\"completions\":0") != std::string::npos);
  synced = a.sync();
  CHECK(synced.out.find("\"completions\":0") != std::string::npos);
}
