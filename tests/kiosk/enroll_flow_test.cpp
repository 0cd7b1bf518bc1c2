// A new person enrolls at a kiosk paired with the real office server: picks
// their name, enters the code from `attest roster import`, chooses a PIN
// (a guessable one and a mistyped confirmation are refused), waits for the
// server, then signs in with the new PIN. The server's roster then holds
// their PIN verifier and the kiosk's records.
#include <doctest/doctest.h>

#include "support/server_process.h"

using namespace attest;
using namespace attest::testing;

namespace {

std::string tap_keys(const std::string& keys, const std::string& suffix = "") {
  std::string s;
  for (char c : keys) {
    if (c == '-') continue;
    s += "tap \"" + std::string(1, c) + suffix + "\"\n";
  }
  return s;
}

}  // namespace

TEST_CASE("a new person enrolls with their code at the kiosk, then signs in with the new PIN") {
  TempDir dir("attest-enroll");
  ServerProcess server(dir);
  server.start();
  dir.write("staff.csv", "name,role,hired,id\nMaria Lopez,front-desk,2026-11-10,p-2\n");
  auto imported = run(std::string(ATTEST_BIN) + " roster import --server " +
                      quote(server.dir().string()) + " " + quote((dir / "staff.csv").string()));
  REQUIRE_MESSAGE(imported.code == 0, imported.all);
  std::smatch m;
  REQUIRE(std::regex_search(imported.out, m, std::regex("Maria Lopez +front-desk +(\\S+)")));
  const std::string code = m[1];

  const std::string script =
      "tap \"Start\"\n"
      "expect \"needs an enrollment code first\"\n"
      "tap \"Maria Lopez\"\n"
      "expect \"Set up your PIN\"\n" +
      tap_keys(code, "##code") +
      "screenshot enroll-code\n"
      "tap \"Continue\"\n" + tap_keys("1234") +
      "tap \"Continue\"\n"
      "expect \"too easy to guess\"\n" + tap_keys("2580") +
      "tap \"Continue\"\n"
      "expect \"Enter the same PIN again\"\n" + tap_keys("2581") +
      "tap \"Set my PIN\"\n"
      "expect \"The two PINs were different\"\n" + tap_keys("2580") +
      "tap \"Continue\"\n" + tap_keys("2580") +
      "tap \"Set my PIN\"\n"
      "wait-for \"Welcome, Maria Lopez\"\n"
      "screenshot enroll-done\n"
      "tap \"Sign in\"\n"
      "tap \"Maria Lopez\"\n" + tap_keys("2580") +
      "tap \"Sign in\"\n"
      "expect \"Sign out\"\n"
      "tap \"Sign out\"\n";
  dir.write("enroll.script", script);
  const std::string kiosk = (dir / "kiosk").string();
  auto r = run("SDL_VIDEODRIVER=offscreen " + std::string(ATTEST_KIOSK_BIN) + " --data " +
               quote(kiosk) + " --assets " + quote(ATTEST_ASSETS_DIR) + " --size 800x1280 --pair " +
               server.url() + " --pair-code " + server.pairing_code() + " --script " +
               quote((dir / "enroll.script").string()) + " --screenshot " +
               quote((dir / "shots").string()));
  REQUIRE_MESSAGE(r.code == 0, r.all);
  CHECK(std::filesystem::exists(dir / "shots" / "enroll-done.png"));

  auto roster = run(std::string(ATTEST_BIN) + " roster list --server " + quote(server.dir().string()));
  CHECK(roster.out.find("Maria Lopez") != std::string::npos);
  CHECK(roster.out.find("not yet chosen") == std::string::npos);
  // The kiosk's DeviceEnrolled, SignIn and SignOut, all sent by its last
  // sync on exit, and the office server's own RosterChanged for Maria.
  server.stop();
  auto verify = server.admin("verify " + quote(server.dir().string()));
  CHECK_MESSAGE(verify.out.find("OK: 4 events from 2 devices") != std::string::npos, verify.all);
}
