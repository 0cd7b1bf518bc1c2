// The real attest-server on a PostgreSQL master store (a real PostgreSQL
// server the test starts): two server processes on one database take two
// kiosks' records at once, the database restarts between syncs, the attest
// commands read the store through the server's folder, and an office
// server's SQLite store moves to PostgreSQL with migrate-store.
#include <doctest/doctest.h>

#include <algorithm>

#include "base/file.h"
#include "crypto/device_key.h"
#include "store/pg_master_store.h"
#include "store/sqlite.h"
#include "support/postgres_server.h"
#include "support/server_process.h"

using namespace attest;
using namespace attest::testing;

namespace {

// A sealed body with its first byte changed, whatever that byte was (setting
// it to a fixed value leaves one body in 256 as it was).
const std::string kFirstByteChanged =
    "CASE WHEN substr(sealed_body, 1, 1) = x'00' THEN x'01' ELSE x'00' END || substr(sealed_body, 2)";

uint64_t stored(const std::string& uri) {
  auto store = store::PgMasterStore::open(uri);
  REQUIRE(store.ok());
  return *(*store)->event_count();
}

}  // namespace

TEST_CASE("two attest-server processes on one PostgreSQL store take two kiosks' records at once") {
  TempDir dir("attest-pg-e2e");
  PostgresServer pg;
  const std::string uri = pg.create_database();
  const auto folder = ServerProcess::init_on_postgres(dir, uri);
  CHECK(std::filesystem::exists(folder / "master-store.uri"));
  CHECK_FALSE(std::filesystem::exists(folder / "master.db"));
  // Two front ends for the same store, each with its own copy of the folder.
  TempDir a_dir("attest-pg-a"), b_dir("attest-pg-b");
  ServerProcess a(a_dir, folder), b(b_dir, folder);
  a.start();
  b.start();
  KioskProcess front{dir / "front"}, back{dir / "back"};
  REQUIRE(front.pair(a).code == 0);
  REQUIRE(back.pair(b).code == 0);
  REQUIRE(front.fill(400).code == 0);
  REQUIRE(back.fill(300).code == 0);
  auto front_sync = front.start_sync(dir / "front.log");
  auto back_sync = back.start_sync(dir / "back.log");
  CHECK(front_sync->wait(120).code == 0);
  CHECK(back_sync->wait(120).code == 0);
  CHECK(front.pending() == 0);
  CHECK(back.pending() == 0);
  CHECK(stored(uri) == 401 + 301);  // each with its DeviceEnrolled

  // The database restarts; both servers keep running and reconnect.
  pg.restart();
  REQUIRE(front.fill(50).code == 0);
  auto synced = front.sync();
  CHECK_MESSAGE(synced.code == 0, synced.all);
  CHECK(front.pending() == 0);
  CHECK(stored(uri) == 401 + 301 + 50);

  // Either folder reaches the same store: verify, devices, a sealed report.
  auto verify = b.admin("verify " + quote(b.dir().string()));
  CHECK_MESSAGE(verify.code == 0, verify.all);
  CHECK(verify.out.find("OK: 752 events from 2 devices") != std::string::npos);
  auto report = run(std::string(ATTEST_BIN) + " report sign-ins --sealed --format csv --server " +
                    quote(a.dir().string()));
  CHECK_MESSAGE(report.code == 0, report.all);
  // A row per person and kiosk, from both kiosks' records.
  CHECK(std::count(report.out.begin(), report.out.end(), '\n') >= 3);
  // The evidence bundle from the group's store, checked as an auditor would.
  const std::string bundle = (dir / "bundle").string();
  auto exported = run(std::string(ATTEST_BIN) + " export-evidence --server " + quote(a.dir().string()) +
                      " --passphrase-file " + quote((dir / "passphrase.txt").string()) +
                      " --from 2020-01-01 --to " + format_date(local_date(SystemClock().now())) +
                      " --format csv " + quote(bundle));
  CHECK_MESSAGE(exported.code == 0, exported.all);
  auto checked = run(std::string(ATTEST_BIN) + " verify-bundle " + quote(bundle));
  CHECK_MESSAGE(checked.code == 0, checked.all);
  CHECK(checked.out.find("752 events") != std::string::npos);
  auto backup = a.admin("backup " + quote(a.dir().string()) + " " + quote((dir / "b.db").string()));
  CHECK(backup.code != 0);
  CHECK(backup.all.find("pg_dump") != std::string::npos);
  CHECK(a.stop() == 0);
  CHECK(b.stop() == 0);
}

TEST_CASE("a practice group: a second site's server joins the store with its own key; reports by site") {
  TempDir dir("attest-pg-sites");
  PostgresServer pg;
  const std::string uri = pg.create_database();
  const auto main_folder = ServerProcess::init_on_postgres(dir, uri);
  const std::string practice_key = quote((main_folder / "practice.key").string());
  auto add_site = [&](const std::string& folder, const std::string& args) {
    return run(std::string(ATTEST_SERVER_BIN) + " add-site " + quote((dir / folder).string()) + " " +
               args);
  };
  const std::string downtown_args = "--store " + quote(uri) +
                                    " --site downtown --site-name 'Downtown office' --practice-key " +
                                    practice_key;
  auto joined = add_site("downtown", downtown_args);
  REQUIRE_MESSAGE(joined.code == 0, joined.all);
  // Refused, leaving no server behind: the same site again, another
  // practice's key, a SQLite store, an id that cannot be one.
  auto again = add_site("again", downtown_args);
  CHECK(again.code != 0);
  CHECK(again.all.find("already has a site") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "again" / "keys" / "server.key"));
  TempDir other("attest-pg-other");
  ServerProcess stranger(other);
  auto foreign = add_site("foreign", "--store " + quote(uri) + " --site uptown --site-name Uptown --practice-key " +
                                         quote((stranger.dir() / "practice.key").string()));
  CHECK(foreign.code != 0);
  CHECK(foreign.all.find("not the practice key") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "foreign" / "keys" / "server.key"));
  CHECK(add_site("lite", "--store " + quote((dir / "x.db").string()) +
                             " --site uptown --site-name Uptown --practice-key " + practice_key)
            .code != 0);
  CHECK(add_site("bad-id", "--store " + quote(uri) + " --site 'Up Town' --site-name Uptown --practice-key " +
                               practice_key)
            .code != 0);
  // A second init on the group's database is refused and points to add-site.
  auto second_init = run(std::string(ATTEST_SERVER_BIN) + " init " + quote((dir / "again-init").string()) +
                         " --passphrase-file " + quote((dir / "passphrase.txt").string()) +
                         " --store " + quote(uri));
  CHECK(second_init.code != 0);
  CHECK(second_init.all.find("attest-server add-site") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "again-init" / "keys" / "server.key"));
  CHECK_FALSE(std::filesystem::exists(dir / "again-init" / "practice.key"));

  TempDir a_dir("attest-pg-main"), b_dir("attest-pg-downtown");
  ServerProcess main_site(a_dir, main_folder), downtown(b_dir, dir / "downtown");
  main_site.start();
  downtown.start();
  // Each server has its own key, so a kiosk pins the key of its own site's server.
  CHECK(read_file(main_folder / "keys" / "server.key").value() !=
        read_file(dir / "downtown" / "keys" / "server.key").value());
  KioskProcess front{dir / "front"}, down{dir / "down"};
  auto front_paired = front.pair(main_site);
  REQUIRE(front_paired.code == 0);
  const std::string front_id = front_paired.out.substr(front_paired.out.find(':') + 2, 32);
  // A code made at one site's server does not pair at another's.
  const std::string downtown_code = downtown.pairing_code();
  CHECK(down.pair_at(main_site.url(), downtown_code).code != 0);
  auto paired = down.pair_at(downtown.url(), downtown_code);
  REQUIRE_MESSAGE(paired.code == 0, paired.all);
  const std::string down_id = paired.out.substr(paired.out.find(':') + 2, 32);
  REQUIRE(front.fill(120).code == 0);
  REQUIRE(down.fill(80).code == 0);
  CHECK(front.sync().code == 0);
  CHECK(down.sync().code == 0);
  CHECK(stored(uri) == 121 + 81);
  // The official imports the roster at the downtown office: records on
  // that site's server's own chain, which every site's reports need.
  const auto staff = dir.write("staff.csv", "name,role,hired\nDana Whitfield,management,2019-03-04\n"
                                            "Maria Lopez,front-desk,2026-11-10\n");
  auto imported = run(std::string(ATTEST_BIN) + " roster import --server " +
                      quote(downtown.dir().string()) + " " + quote(staff.string()));
  REQUIRE_MESSAGE(imported.code == 0, imported.all);
  const uint64_t roster_events = stored(uri) - 202;
  CHECK(roster_events >= 2);
  const std::string downtown_server_id =
      hex_encode(crypto::DeviceKey::load(dir / "downtown" / "keys" / "server.key")->id());

  // Either site's folder lists both sites and which kiosk is whose.
  auto sites = downtown.admin("sites " + quote(downtown.dir().string()));
  REQUIRE_MESSAGE(sites.code == 0, sites.all);
  CHECK(sites.out.find("main") != std::string::npos);
  CHECK(sites.out.find("Downtown office") != std::string::npos);
  CHECK(sites.out.find("(this server)") > sites.out.find("Downtown office"));
  auto devices = main_site.admin("devices " + quote(main_site.dir().string()));
  CHECK(devices.out.find(down_id) != std::string::npos);
  CHECK(devices.out.find("downtown") != std::string::npos);

  // One site's evidence bundle holds that site's kiosk only, signed by
  // that site's server, and checks as an auditor would.
  const std::string today = format_date(local_date(SystemClock().now()));
  auto bundle_of = [&](const ServerProcess& s, const std::string& name, const std::string& site) {
    return run(std::string(ATTEST_BIN) + " export-evidence --server " + quote(s.dir().string()) +
               " --passphrase-file " + quote((dir / "passphrase.txt").string()) + site +
               " --from 2020-01-01 --to " + today + " --format csv " + quote((dir / name).string()));
  };
  // Exported and checked as an auditor would: `devices` chains, `events` records.
  auto bundle_checks = [&](const ServerProcess& s, const std::string& name, const std::string& site,
                           int chains, uint64_t events) {
    auto exported = bundle_of(s, name, site);
    REQUIRE_MESSAGE(exported.code == 0, exported.all);
    auto checked = run(std::string(ATTEST_BIN) + " verify-bundle " + quote((dir / name).string()));
    CHECK_MESSAGE(checked.code == 0, checked.all);
    CHECK_MESSAGE(checked.out.find(std::to_string(chains) + " devices, " + std::to_string(events) +
                                   " events") != std::string::npos,
                  checked.out);
  };
  bundle_checks(downtown, "downtown-bundle", " --site downtown", 2, 81 + roster_events);
  const std::string listed = read_file(dir / "downtown-bundle" / "keys" / "devices.json").value();
  CHECK(listed.find(down_id) != std::string::npos);
  CHECK(listed.find(front_id) == std::string::npos);
  CHECK(read_file(dir / "downtown-bundle" / "keys" / "server.pub").value() ==
        hex_encode(crypto::DeviceKey::load(dir / "downtown" / "keys" / "server.key")->public_key()) + "\n");
  // The whole group's, from the first site: both kiosks.
  bundle_checks(main_site, "group-bundle", "", 3, 202 + roster_events);
  // The main site's: its kiosk and the roster recorded downtown, whose
  // people its compliance matrix lists.
  bundle_checks(main_site, "main-bundle", " --site main", 2, 121 + roster_events);
  const std::string main_listed = read_file(dir / "main-bundle" / "keys" / "devices.json").value();
  CHECK(main_listed.find(front_id) != std::string::npos);
  CHECK(main_listed.find(downtown_server_id) != std::string::npos);
  CHECK(main_listed.find(down_id) == std::string::npos);
  auto matrix = run(std::string(ATTEST_BIN) + " report matrix --format csv --site main --passphrase-file " +
                    quote((dir / "passphrase.txt").string()) + " --server " + quote(main_site.dir().string()));
  CHECK_MESSAGE(matrix.code == 0, matrix.all);
  CHECK(matrix.out.find("Maria Lopez") != std::string::npos);
  // A site the group does not have is named as such.
  auto unknown = run(std::string(ATTEST_BIN) + " report sign-ins --sealed --format csv --site uptown --server " +
                     quote(main_site.dir().string()));
  CHECK(unknown.code != 0);
  CHECK(unknown.all.find("its sites are: main, downtown") != std::string::npos);
  CHECK(main_site.stop() == 0);
  CHECK(downtown.stop() == 0);
}

TEST_CASE("migrate-store moves an office server's SQLite store to PostgreSQL, verified, and it serves on") {
  TempDir dir("attest-pg-migrate");
  PostgresServer pg;
  ServerProcess server(dir);
  server.start();
  KioskProcess kiosk{dir / "kiosk"};
  REQUIRE(kiosk.pair(server).code == 0);
  REQUIRE(kiosk.fill(200).code == 0);
  REQUIRE(kiosk.sync().code == 0);
  const std::string open_code = server.pairing_code();  // still open when moved
  REQUIRE(server.stop() == 0);
  const std::string folder = quote(server.dir().string());

  // A damaged store is not moved: nothing lands in PostgreSQL, the folder is as it was.
  {
    TempDir bad_dir("attest-pg-bad");
    std::filesystem::copy(server.dir(), bad_dir / "server", std::filesystem::copy_options::recursive);
    auto db = store::Db::open(bad_dir / "server" / "master.db", store::OpenMode::kReadWrite);
    REQUIRE(db.ok());
    REQUIRE(db->exec("UPDATE events SET sealed_body = " + kFirstByteChanged + " WHERE seq = 50").ok());
    const std::string bad_uri = pg.create_database();
    auto refused = server.admin("migrate-store --from " + quote((bad_dir / "server").string()) +
                                " --to " + quote(bad_uri));
    CHECK(refused.code != 0);
    CHECK(refused.all.find("does not verify") != std::string::npos);
    CHECK(std::filesystem::exists(bad_dir / "server" / "master.db"));
    CHECK_FALSE(std::filesystem::exists(bad_dir / "server" / "master-store.uri"));
    CHECK_FALSE(store::PgMasterStore::open(bad_uri).ok());  // no master store there
  }

  // A store PostgreSQL refuses part of (SQLite keeps no foreign keys: an
  // enrollment code for nobody on the roster) is not moved either, and
  // leaves nothing behind: the same database then takes the good store.
  const std::string uri = pg.create_database();
  {
    TempDir odd_dir("attest-pg-odd");
    std::filesystem::copy(server.dir(), odd_dir / "server", std::filesystem::copy_options::recursive);
    auto db = store::Db::open(odd_dir / "server" / "master.db", store::OpenMode::kReadWrite);
    REQUIRE(db.ok());
    REQUIRE(db->exec("INSERT INTO enrollment_codes(code_key, person_id, created_utc_ms,"
                     " expires_utc_ms) VALUES(x'01', 'p-nobody', 0, 1)").ok());
    auto refused = server.admin("migrate-store --from " + quote((odd_dir / "server").string()) +
                                " --to " + quote(uri));
    CHECK(refused.code != 0);
    CHECK(std::filesystem::exists(odd_dir / "server" / "master.db"));
    CHECK_FALSE(std::filesystem::exists(odd_dir / "server" / "master-store.uri"));
  }
  auto moved = server.admin("migrate-store --from " + folder + " --to " + quote(uri));
  REQUIRE_MESSAGE(moved.code == 0, moved.all);
  CHECK(moved.out.find("Moved 201 events from 1 devices") != std::string::npos);
  CHECK(std::filesystem::exists(server.dir() / "master-store.uri"));
  CHECK_FALSE(std::filesystem::exists(server.dir() / "master.db"));
  CHECK(std::filesystem::exists(server.dir() / "master.db.moved-to-postgresql"));
  CHECK(stored(uri) == 201);
  // Once only.
  CHECK(server.admin("migrate-store --from " + folder + " --to " + quote(uri)).code != 0);

  // The same server, now on PostgreSQL: the kiosk syncs on, a code issued
  // before the move still pairs a second kiosk.
  server.start();
  REQUIRE(kiosk.fill(20).code == 0);
  auto synced = kiosk.sync();
  CHECK_MESSAGE(synced.code == 0, synced.all);
  CHECK(stored(uri) == 221);
  KioskProcess second{dir / "second"};
  auto paired = second.pair_at(server.url(), open_code);
  CHECK_MESSAGE(paired.code == 0, paired.all);
  auto verify = server.admin("verify " + folder);
  CHECK_MESSAGE(verify.code == 0, verify.all);
  CHECK(server.stop() == 0);
}
