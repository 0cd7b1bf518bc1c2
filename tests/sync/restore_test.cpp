// The office server's store lost and restored from an older backup: the
// kiosks still hold everything, and the next sync refills the server from
// where the backup ends, with nothing stored twice. On PostgreSQL (ctest's
// sync_slow_postgresql) the copy is pg_dump's and the restore pg_restore's.
#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

TEST_CASE("a server restored from an older backup is refilled by the next sync") {
  PairedKiosk f(3000);
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  REQUIRE(server_events(f.server) == 3001);

  // Backed up while serving.
  const auto backup = f.dir / "master-backup";
  auto made = backup_store(f.server, backup);
  REQUIRE_MESSAGE(made.code == 0, made.all);
  if (!master_store_is_postgres()) CHECK(made.out.find("Backed up 3001 events") != std::string::npos);

  REQUIRE(f.kiosk.fill(2000).code == 0);
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  REQUIRE(server_events(f.server) == 5001);
  REQUIRE(f.kiosk.pending() == 0);

  // The store is lost; the backup goes in its place.
  REQUIRE(f.server.stop() == 0);
  restore_store(f.server, backup);
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

TEST_CASE("after a restore, other kiosks still receive every completion, none twice") {
  // Kiosk B records and is read by kiosk A; kiosk C joins the story after
  // the restore. fill(n) makes i % 3 == 0 a completion for p-(i % 40), so
  // each fill below n = 40 gives p-3 exactly one (i = 3).
  PairedKiosk f(30);
  KioskProcess a{f.dir / "a"}, c{f.dir / "c"};
  REQUIRE(a.pair(f.server).code == 0);
  REQUIRE(c.pair(f.server).code == 0);
  REQUIRE(f.kiosk.sync().code == 0);
  REQUIRE(c.sync().code == 0);
  REQUIRE(a.sync().code == 0);
  auto remote = [&](const std::string& person) {
    return a.cmd("remote " + quote(a.dir.string()) + " " + person).out;
  };
  CHECK(remote("p-3") == "1\n");

  const auto backup = f.dir / "master-backup";
  REQUIRE(backup_store(f.server, backup).code == 0);
  // After the backup B records more, and A reads it, before the server is lost.
  REQUIRE(f.kiosk.fill(39).code == 0);
  REQUIRE(f.kiosk.sync().code == 0);
  auto read = a.sync();
  REQUIRE_MESSAGE(read.code == 0, read.all);
  CHECK(remote("p-3") == "2\n");

  REQUIRE(f.server.stop() == 0);
  restore_store(f.server, backup);
  f.server.start();

  // C's new records reach the restored server first: on it they take the
  // places B's lost events had, places A has read past. Then B refills.
  REQUIRE(c.fill(30).code == 0);
  REQUIRE(c.sync().code == 0);
  REQUIRE(f.kiosk.sync().code == 0);
  auto synced = a.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(remote("p-3") == "3\n");  // C's, and B's refilled ones not twice
  synced = a.sync();
  CHECK(synced.out.find("\"completions\":0") != std::string::npos);
  CHECK(remote("p-3") == "3\n");
}
