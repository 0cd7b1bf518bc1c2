#include <doctest/doctest.h>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "store/kiosk_store.h"
#include "store/master_verify.h"
#include "store/open_master.h"
#include "support/server_process.h"

using namespace attest;
using namespace attest::testing;

namespace {

uint64_t server_events(const ServerProcess& s) {
  auto store = store::open_master_store({s.dir()}, store::OpenMode::kReadOnly);
  REQUIRE(store.ok());
  return *(*store)->event_count();
}

crypto::BoxPublicKey kiosk_store_practice_key(const KioskProcess& k) {
  auto key = crypto::DeviceKey::load(k.dir / "keys" / "device.key");
  REQUIRE(key.ok());
  auto store = store::KioskStore::open(k.dir / "kiosk.db", std::move(*key));
  REQUIRE(store.ok());
  return store->practice_key();
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
  // Records go up before anything comes down.
  CHECK(text.find("GET /v1/chain") < text.find("POST /v1/events"));
  CHECK(text.find("POST /v1/events") < text.find("GET /v1/down"));
}

TEST_CASE("pairing brings the practice key file to the kiosk, private, and for the same key") {
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  auto paired = kiosk.pair(server);
  REQUIRE_MESSAGE(paired.code == 0, paired.all);
  const auto file = kiosk.dir / "practice.key";
  REQUIRE(std::filesystem::exists(file));
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  auto sent = read_file(file);
  auto kept = read_file(server.dir() / "practice.key");
  REQUIRE((sent.ok() && kept.ok()));
  CHECK(*sent == *kept);
  // It opens with the Security Official's passphrase, to the key the
  // kiosk's records are sealed to.
  auto secret = crypto::unlock_with_passphrase(*sent, kServerPassphrase);
  REQUIRE(secret.ok());
  CHECK(secret->public_key() == kiosk_store_practice_key(kiosk));
}

TEST_CASE("a server set up with a standalone kiosk's practice key takes that kiosk's records") {
  TempDir dir("attest-e2e");
  const auto standalone = dir / "standalone";
  auto demo = run(quote(ATTEST_BIN) + " demo " + quote(standalone.string()));
  REQUIRE_MESSAGE(demo.code == 0, demo.all);
  const auto server_dir = dir / "adopting";
  auto init = run(quote(ATTEST_SERVER_BIN) + " init " + quote(server_dir.string()) +
                  " --practice-name 'Riverside Family Dental' --practice-key " +
                  quote((standalone / "practice.key").string()));
  REQUIRE_MESSAGE(init.code == 0, init.all);
  CHECK(init.out.find("RECOVERY CODE") == std::string::npos);  // the kiosk's own still holds
  auto again = run(quote(ATTEST_SERVER_BIN) + " init " + quote(server_dir.string()) +
                   " --practice-key " + quote((standalone / "practice.key").string()));
  CHECK(again.code == 2);
  auto both = run(quote(ATTEST_SERVER_BIN) + " init " + quote((dir / "other").string()) +
                  " --passphrase-file x --practice-key " +
                  quote((standalone / "practice.key").string()));
  CHECK(both.code != 0);
  CHECK_FALSE(std::filesystem::exists(dir / "other" / "master.db"));

  ServerProcess server(dir, server_dir);
  server.start();
  KioskProcess kiosk{standalone};
  const long before = kiosk.pending();
  REQUIRE(before > 0);
  auto paired = kiosk.pair(server);
  REQUIRE_MESSAGE(paired.code == 0, paired.all);
  auto synced = kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(kiosk.pending() == 0);
  CHECK(server_events(server) == uint64_t(before + 1));  // and its DeviceEnrolled
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

TEST_CASE("the roster and each person's enrollment reach every kiosk, and so do completions") {
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  dir.write("staff.csv", "name,role,hired,id\nMaria Lopez,Front desk,2026-11-10,p-2\n"
                         "James Carter,clinical,2021-06-14,p-3\n");
  auto imported = run(std::string(ATTEST_BIN) + " roster import --server " +
                      quote(server.dir().string()) + " " + quote((dir / "staff.csv").string()));
  REQUIRE_MESSAGE(imported.code == 0, imported.all);
  std::smatch m;
  std::regex re("Maria Lopez +front-desk +([0-9A-Z]{4}-[0-9A-Z]{4})");
  REQUIRE(std::regex_search(imported.out, m, re));
  const std::string maria_code = m[1];

  KioskProcess a{dir / "a"}, b{dir / "b"};
  REQUIRE(a.pair(server).code == 0);
  REQUIRE(b.pair(server).code == 0);
  REQUIRE(a.sync().code == 0);
  auto people = a.cmd("people " + quote(a.dir.string()));
  CHECK(people.out.find("p-2|Maria Lopez|front-desk|active|no-pin") != std::string::npos);
  CHECK(people.out.find("p-3|James Carter|clinical|active|no-pin") != std::string::npos);

  // Maria enrolls at kiosk a; a wrong code and a reused one are refused.
  auto wrong = a.cmd("enroll " + quote(a.dir.string()) + " AAAA-AAAA 2468");
  CHECK(wrong.code != 0);
  CHECK(wrong.err.find("enrollment code is wrong") != std::string::npos);
  auto enrolled = a.cmd("enroll " + quote(a.dir.string()) + " " + maria_code + " 2468");
  REQUIRE_MESSAGE(enrolled.code == 0, enrolled.all);
  CHECK(enrolled.out == "p-2 Maria Lopez\n");
  CHECK(a.cmd("people " + quote(a.dir.string())).out.find("p-2|Maria Lopez|front-desk|active|pin") !=
        std::string::npos);
  CHECK(b.cmd("enroll " + quote(b.dir.string()) + " " + maria_code + " 1111").code != 0);

  // Kiosk a records some completions; kiosk b learns Maria's PIN and them.
  REQUIRE(a.fill(30).code == 0);  // every third is a ModuleCompleted for p-0 .. p-39
  REQUIRE(a.sync().code == 0);
  auto synced = b.sync();
  REQUIRE(synced.code == 0);
  CHECK(synced.out.find("\"roster_changed\":true") != std::string::npos);
  CHECK(b.cmd("people " + quote(b.dir.string())).out.find("p-2|Maria Lopez|front-desk|active|pin") !=
        std::string::npos);
  // fill(30): i = 0, 3, ..., 27 are completions for p-(i % 40); p-3 has one.
  CHECK(b.cmd("remote " + quote(b.dir.string()) + " p-3").out == "1\n");
  CHECK(b.cmd("remote " + quote(b.dir.string()) + " p-4").out == "0\n");
  // A second down-sync brings nothing new.
  synced = b.sync();
  CHECK(synced.out.find("\"completions\":0") != std::string::npos);
  CHECK(synced.out.find("\"roster_changed\":false") != std::string::npos);
}

TEST_CASE("a server restored from an older backup is refilled by the kiosk, batch after batch") {
  // attest-server backup copies the SQLite file; a PostgreSQL store is
  // backed up with pg_dump and restored with pg_restore (README).
  TempDir dir("attest-e2e");
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  REQUIRE(kiosk.pair(server).code == 0);
  REQUIRE(kiosk.fill(1500).code == 0);
  REQUIRE(kiosk.sync().code == 0);
  const auto backup = dir / "backup";
  REQUIRE(backup_store(server, backup).code == 0);
  // More than one upload batch (2000 events at most) after the backup.
  REQUIRE(kiosk.fill(4500).code == 0);
  auto synced = kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(server_events(server) == 6001);

  REQUIRE(server.stop() == 0);
  restore_store(server, backup);
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
