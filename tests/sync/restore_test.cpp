// The office server's store lost and restored from an older backup: the
// kiosks still hold everything, and the next sync refills the server from
// where the backup ends, with nothing stored twice.
#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

TEST_CASE("a server restored from an older backup is refilled by the next sync") {
  PairedKiosk f(3000);
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  REQUIRE(server_events(f.server) == 3001);

  // Backed up while serving.
  const auto backup = f.dir / "master-backup.db";
  auto made = f.server.admin("backup " + quote(f.server.dir().string()) + " " +
                             quote(backup.string()));
  REQUIRE_MESSAGE(made.code == 0, made.all);
  CHECK(made.out.find("Backed up 3001 events") != std::string::npos);

  REQUIRE(f.kiosk.fill(2000).code == 0);
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  REQUIRE(server_events(f.server) == 5001);
  REQUIRE(f.kiosk.pending() == 0);

  // The store is lost; the backup goes in its place.
  REQUIRE(f.server.stop() == 0);
  const auto db = f.server.dir() / "master.db";
  std::filesystem::remove(db);
  std::filesystem::remove(db.string() + "-wal");
  std::filesystem::remove(db.string() + "-shm");
  std::filesystem::copy_file(backup, db);
  f.server.start();
  REQUIRE(server_events(f.server) == 3001);
  check_verifies(f.server, 3001, 1);

  // The kiosk counted all 5001 as synced; the server's signed word that it
  // holds 3001 sends it back to 3002.
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":2000,") != std::string::npos);
  CHECK(master_counts(f.server) == MasterCounts{5001, 0, 0});
  CHECK(f.kiosk.pending() == 0);
  check_server_holds_kiosk_chain(f.server, f.kiosk, 5001);
  check_verifies(f.server, 5001, 1);

  // And it stays that way.
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":0,") != std::string::npos);
  CHECK(server_events(f.server) == 5001);
}
