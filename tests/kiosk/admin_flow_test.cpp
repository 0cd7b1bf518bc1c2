// End-to-end: admin mode on the real attest-kiosk, driven by scripts:
// the passphrase gate and its records, inactivity, the sync page against a
// real attest-server on 127.0.0.1 (and without one), and pairing a
// standalone kiosk from the pairing page.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "base/file.h"
#include "store/sqlite_master_store.h"
#include "support/admin_kiosk.h"
#include "support/kiosk_script.h"
#include "support/run.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

using namespace attest;
using testing::quote;
using testing::run;
using testing::RunResult;
using testing::script_quoted;
namespace fs = std::filesystem;

namespace {

using testing::AdminKiosk;
using testing::demo_kiosk;
using testing::kDemoPassphrase;
using testing::open_admin;
using testing::open_admin_page;

uint64_t server_events(const testing::ServerProcess& s) {
  auto store = store::SqliteMasterStore::open(s.dir() / "master.db", store::OpenMode::kReadOnly);
  REQUIRE(store.ok());
  auto n = (*store)->event_count();
  REQUIRE(n.ok());
  return *n;
}

}  // namespace

TEST_CASE("admin mode: a wrong passphrase is refused and recorded, the right one opens it") {
  testing::TempDir dir("attest-admin");
  AdminKiosk k = demo_kiosk(dir);
  const auto before = k.counts();
  const std::string script =
      "tap \"Administration\"\n"
      "expect \"Enter your passphrase\"\n"
      "type \"not the passphrase\"\n"
      "expect-not \"not the passphrase\"\n"  // shown as dots ...
      "tap \"Show\"\n"
      "expect \"not the passphrase\"\n"      // ... unless asked
      "tap \"Hide\"\n"
      "tap \"Open admin mode\"\n"
      "wait-for \"That passphrase is not right. 4 tries left before a wait.\"\n"
      "expect-not \"Close admin mode\"\n"
      "type " + script_quoted(kDemoPassphrase) + "\n"
      "tap \"Open admin mode\"\n"
      "wait-for \"Close admin mode\"\n"
      "expect \"Dashboard\"\n"  // admin mode opens on it
      "tap \"Admin menu\"\n"
      "expect \"Sync status\"\n"
      "expect \"Office server pairing\"\n"
      "tap \"Close admin mode\"\n"
      "expect \"Start\"\n"
      "expect-not \"Close admin mode\"\n"
      // Closed means closed: the passphrase is asked for again.
      "tap \"Administration\"\n"
      "expect \"Enter your passphrase\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  k.check_verifies();
  const auto after = k.counts();
  CHECK(after.of("SignInFailed") == before.of("SignInFailed") + 1);
  CHECK(after.of("SignIn") == before.of("SignIn") + 1);
  CHECK(after.of("SignOut") == before.of("SignOut") + 1);
  CHECK(after.total == before.total + 3);
}

TEST_CASE("five wrong passphrases make admin mode wait a minute") {
  testing::TempDir dir("attest-admin");
  AdminKiosk k = demo_kiosk(dir);
  std::string script = "tap \"Administration\"\n";
  for (int i = 0; i < 5; ++i) {
    script += "type \"wrong guess " + std::to_string(i) + "\"\n"
              "tap \"Open admin mode\"\n"
              "wait-for \"" + (i < 4 ? std::string("is not right") : "Too many") + "\"\n";
  }
  script +=
      "expect \"Too many wrong passphrases. Try again in 1:00.\"\n"
      "expect-not \"Space\"\n"  // no keyboard while locked
      "wait 61000\n"
      "expect-not \"Too many wrong passphrases\"\n"
      "tap \"Passphrase\"\n"
      "type " + script_quoted(kDemoPassphrase) + "\n"
      "tap \"Open admin mode\"\n"
      "wait-for \"Close admin mode\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(k.counts().of("SignInFailed") == 5);
  CHECK(k.counts().of("SignIn") == 1);
}

TEST_CASE("admin mode closes after inactivity, with the countdown and \"I'm still here\"") {
  testing::TempDir dir("attest-admin");
  AdminKiosk k = demo_kiosk(dir);
  const std::string script = open_admin_page(kDemoPassphrase, "Sync status") +
                             "wait 95000\n"
                             "expect \"Are you still there?\"\n"
                             "expect \"Closing admin mode in 25 s\"\n"
                             "tap \"I'm still here\"\n"
                             "expect-not \"Are you still there?\"\n"
                             "expect \"Close admin mode\"\n"
                             "wait 125000\n"
                             "expect \"Admin mode was closed after 2 minutes without activity.\"\n"
                             "expect \"Start\"\n"
                             "expect-not \"Close admin mode\"\n"
                             "tap \"Administration\"\n"
                             "expect \"Enter your passphrase\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  const auto c = k.counts();
  CHECK(c.of("SignIn") == 1);
  CHECK(c.of("AutoLogoff") == 1);
  CHECK(c.of("SignOut") == 0);  // an automatic close is an AutoLogoff only
}

TEST_CASE("the sync page: waiting records and the server away in plain words, then Sync now; "
          "a paired kiosk's staff list is read-only") {
  testing::TempDir dir("attest-admin");
  testing::ServerProcess server(dir);
  server.start();
  AdminKiosk k(dir / "kiosk");
  // Paired at start, as run.sh does; the pairing brings the practice key.
  auto paired = k.run_script(dir, "expect \"Start\"\n",
                             "--pair " + server.url() + " --pair-code " + server.pairing_code());
  INFO(paired.all);
  REQUIRE(paired.code == 0);
  REQUIRE(fs::exists(k.data() / "practice.key"));

  // The server goes away; four records wait, and admin mode adds its own.
  server.stop();
  testing::KioskProcess child{k.data()};
  REQUIRE(child.fill(4).code == 0);
  const std::string offline =
      open_admin_page(testing::kServerPassphrase, "Sync status") +
      "wait-for \"The office server can't be reached\"\n"
      "expect " + script_quoted("Cannot reach the office server at " + server.url() +
                                " (nothing answers at that address). Your records are safe on "
                                "this kiosk and will sync when it is back.") + "\n"
      "expect \"Waiting to be sent\"\n"
      "expect \"5 records\"\n"
      "expect \"Riverside Family Dental\"\n"
      "expect " + script_quoted(server.url()) + "\n"
      "tap \"Close admin mode\"\n";
  auto r = k.run_script(dir, offline);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(child.pending() == 6);  // and the SignOut

  server.start();  // the same port
  const std::string back = open_admin_page(testing::kServerPassphrase, "Sync status") +
                           "tap \"Sync now\"\n"
                           "wait-for \"All records are on the office server\"\n"
                           "expect \"0 records\"\n"
                           "expect \"Last successful sync\"\n"
                           "expect \"Today at \"\n"
                           "expect \"(just now)\"\n"
                           // Paired, the staff list is the office server's.
                           "tap \"Admin menu\"\n"
                           "tap \"People\"\n"
                           "wait-for \"The office server keeps this staff list\"\n"
                           "expect \"attest roster import\"\n"
                           "expect-not \"Add a person\"\n"
                           "tap \"Admin menu\"\n"
                           "tap \"Save reports\"\n"
                           "expect \"The office server's reports cover every kiosk\"\n";
  r = k.run_script(dir, back);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(child.pending() == 0);
  CHECK(server_events(server) == uint64_t(k.counts().total));
  k.check_verifies();
}

TEST_CASE("a standalone kiosk is paired from the pairing page and its records reach the server") {
  testing::TempDir dir("attest-admin");
  AdminKiosk k = demo_kiosk(dir);
  // An office server set up with this kiosk's practice key.
  const fs::path server_dir = dir / "server-template";
  auto init = run(quote(ATTEST_SERVER_BIN) + " init " + quote(server_dir.string()) +
                  " --practice-name 'Riverside Family Dental' --practice-key " +
                  quote((k.data() / "practice.key").string()));
  INFO(init.all);
  REQUIRE(init.code == 0);
  testing::ServerProcess server(dir, server_dir);
  server.start();
  auto pair = server.admin("pair " + quote(server.dir().string()));
  std::smatch m;
  REQUIRE(std::regex_search(pair.out, m, std::regex("Pairing code: +([0-9A-Z]{4})-([0-9A-Z]{4})")));
  const std::string code = std::string(m[1]) + std::string(m[2]);
  REQUIRE(std::regex_search(pair.out, m, std::regex("Server key fingerprint[^:]*: ([0-9a-f ]+)")));
  const std::string fingerprint = m[1];

  const std::string host_port = server.url().substr(std::string("http://").size());
  const std::string script = open_admin_page(kDemoPassphrase, "Office server pairing") +
                             "expect \"This kiosk is not paired with an office server\"\n"
                             "tap \"Pair with an office server\"\n"
                             "expect \"http://\"\n"  // the address starts filled in
                             "type " + script_quoted(host_port) + "\n"
                             "tap \"Done\"\n"
                             "tap \"Continue\"\n"
                             "type " + script_quoted(code) + "\n"  // on the code pad
                             "tap \"Pair\"\n"
                             "wait-for \"Paired with Riverside Family Dental\"\n"
                             "tap \"See the sync status\"\n"
                             "wait-for \"All records are on the office server\"\n"
                             "expect \"0 records\"\n"
                             "tap \"Admin menu\"\n"
                             "tap \"Office server pairing\"\n"
                             "expect \"Paired with the office server\"\n"
                             "expect " + script_quoted(server.url()) + "\n"
                             "expect " + script_quoted(fingerprint) + "\n"
                             "expect \"Front desk kiosk\"\n"
                             // Pairing again asks first, and can be called off.
                             "tap \"Pair again\"\n"
                             "expect \"Pair this kiosk again?\"\n"
                             "tap \"Cancel##confirm\"\n"
                             "expect \"Paired with the office server\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  k.check_verifies();
  const auto c = k.counts();
  CHECK(server_events(server) == uint64_t(c.total));
  auto verify = server.admin("verify " + quote(server.dir().string()));
  CHECK_MESSAGE(verify.code == 0, verify.all);
  CHECK(verify.out.find("OK: " + std::to_string(c.total) + " events from 1 devices") !=
        std::string::npos);
}

TEST_CASE("pairing a standalone kiosk with a server of another practice key says why it cannot") {
  testing::TempDir dir("attest-admin");
  AdminKiosk k = demo_kiosk(dir);
  testing::ServerProcess server(dir);  // made with its own practice key
  server.start();
  std::string code = server.pairing_code();
  code.erase(code.find('-'), 1);
  const std::string script =
      open_admin_page(kDemoPassphrase, "Office server pairing") +
      "tap \"Pair with an office server\"\n"
      "type " + script_quoted(server.url().substr(7)) + "\n"
      "tap \"Continue\"\n"
      "type " + script_quoted(code) + "\n"
      "tap \"Pair\"\n"
      "wait-for \"Not paired\"\n"
      "expect \"This kiosk's records are sealed to its own practice key, not the office "
      "server's\"\n"
      "expect \"attest-server init --practice-key\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  // Nothing changed here: still standalone, nothing sent.
  CHECK(server_events(server) == 0);
  k.check_verifies();
}
