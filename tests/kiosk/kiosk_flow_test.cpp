// End-to-end: the real attest-kiosk, driven headless by scripts (see
// app/ui/script.h), on a real demo practice; the store is then checked with
// the real `attest verify` and `attest dump --json`.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "base/bytes.h"
#include "base/file.h"
#include "base/time.h"
#include "content/content.h"
#include "content/weekly_reminder.h"
#include "support/kiosk_script.h"
#include "support/run.h"
#include "support/temp_dir.h"

using namespace attest;
using testing::quote;
using testing::script_quoted;
using testing::run;
using testing::RunResult;
namespace fs = std::filesystem;

namespace {

const std::string kAttest = ATTEST_BIN;
const std::string kKiosk = ATTEST_KIOSK_BIN;
// A scripted run takes well under a second; a hang must fail, not stall ctest.
constexpr int kKioskTimeoutSeconds = 10;
constexpr int kTimedOut = 124;  // timeout(1)'s exit code

constexpr const char* kMaria = "p-0002";

// Signs Maria in from the attract screen.
const std::string kSignInMaria =
    "tap \"Start\"\n"
    "tap \"Maria Lopez\"\n"
    "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\n"
    "tap \"Sign in\"\n"
    "expect \"Hello, Maria\"\n";
// Signs Priya in, from the attract screen.
const std::string kSignInPriya =
    "tap \"Start\"\n"
    "tap \"Priya Shah\"\n"
    "tap \"8\"\ntap \"6\"\ntap \"4\"\ntap \"2\"\n"
    "tap \"Sign in\"\n"
    "expect \"Hello, Priya\"\n";
// One wrong PIN, on the PIN screen.
const std::string kWrongPin = "tap \"1\"\ntap \"1\"\ntap \"1\"\ntap \"1\"\ntap \"Sign in\"\n";

// The value of a top-level string field in one line of `attest dump --json`
// (compact JSON, one event header per line; no body without a key).
std::string field(const std::string& line, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  size_t at = line.find(key);
  if (at == std::string::npos) return {};
  at += key.size();
  return line.substr(at, line.find('"', at) - at);
}

// Width and height from a PNG file's IHDR chunk, or {0, 0}.
std::pair<int, int> png_size(const fs::path& file) {
  auto bytes = read_file(file);
  if (!bytes.ok() || bytes->size() < 24 || bytes->compare(1, 3, "PNG") != 0) return {0, 0};
  auto be32 = [&](size_t at) {
    int v = 0;
    for (size_t i = 0; i < 4; ++i) v = v * 256 + static_cast<unsigned char>((*bytes)[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

// Event counts from one dump: by kind for one person, and in all.
struct Counts {
  std::map<std::string, int> of_maria;  // kind -> events about p-0002
  std::map<std::string, int> all;       // kind -> events about anyone
  int total = 0;
  int maria(const std::string& kind) const {
    auto it = of_maria.find(kind);
    return it == of_maria.end() ? 0 : it->second;
  }
  int any(const std::string& kind) const {
    auto it = all.find(kind);
    return it == all.end() ? 0 : it->second;
  }
};

// A fresh demo practice in a temp folder, and ways to drive the kiosk on it.
class Practice {
 public:
  Practice() : data_(dir_ / "practice") {
    auto demo = run(quote(kAttest) + " demo " + quote(data_.string()));
    INFO(demo.all);
    REQUIRE(demo.code == 0);
  }

  const testing::TempDir& dir() const { return dir_; }
  fs::path db() const { return data_ / "kiosk.db"; }

  // Writes `script` into the temp folder and runs the kiosk on it.
  RunResult kiosk(const std::string& script, const std::string& extra_args = "") {
    auto file = dir_.write("script-" + std::to_string(scripts_++) + ".txt", script);
    auto r = run("SDL_VIDEODRIVER=offscreen timeout -k 5 " + std::to_string(kKioskTimeoutSeconds) +
                 " " + quote(kKiosk) + " --data " + quote(data_.string()) + " --demo --script " +
                 quote(file.string()) + " " + extra_args);
    if (r.code == kTimedOut) {
      r.err += "\n(attest-kiosk did not exit within " + std::to_string(kKioskTimeoutSeconds) +
               " s: the script runner should exit when the script ends)";
      r.all = r.out + r.err;
    }
    return r;
  }

  // Runs `script` (with `extra_args`), which must succeed, checks the store
  // still verifies, and counts what it holds afterwards.
  Counts run_verified(const std::string& script, const std::string& extra_args = "") {
    auto r = kiosk(script, extra_args);
    INFO(r.all);
    REQUIRE(r.code == 0);
    return verified_counts();
  }
  // Checks the store verifies, then counts what it holds.
  Counts verified_counts() {
    auto v = verify();
    INFO(v.all);
    CHECK(v.code == 0);
    return counts();
  }

  Counts counts() const {
    auto dump = run(quote(kAttest) + " dump --json " + quote(db().string()));
    INFO(dump.all);
    REQUIRE(dump.code == 0);
    Counts c;
    std::istringstream lines(dump.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      const std::string kind = field(line, "kind");
      REQUIRE_FALSE(kind.empty());
      ++c.total;
      ++c.all[kind];
      if (field(line, "person_id") == kMaria) ++c.of_maria[kind];
    }
    return c;
  }

  RunResult verify() const { return run(quote(kAttest) + " verify " + quote(db().string())); }

 private:
  testing::TempDir dir_{"attest-kiosk"};
  fs::path data_;
  int scripts_ = 0;
};

}  // namespace

TEST_CASE("Maria signs in and out at landscape, portrait and phone sizes") {
  Practice p;
  const std::string script = "expect \"Start\"\n" + kSignInMaria +
                             "screenshot home\n"
                             "tap \"Sign out\"\n"
                             "expect \"Start\"\n"
                             "expect-not \"Hello, Maria\"\n";
  for (auto [w, h] : {std::pair{1280, 800}, std::pair{800, 1280}, std::pair{390, 844}}) {
    const std::string size = std::to_string(w) + "x" + std::to_string(h);
    CAPTURE(size);
    const fs::path shots = p.dir() / ("shots-" + size);
    const Counts before = p.counts();
    auto r = p.kiosk(script, "--size " + size + " --screenshot " + quote(shots.string()));
    INFO(r.all);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(png_size(shots / "home.png") == std::pair{w, h});

    const Counts after = p.verified_counts();
    CHECK(after.maria("SignIn") == before.maria("SignIn") + 1);
    CHECK(after.maria("SignOut") == before.maria("SignOut") + 1);
    // Nothing else was written: two events in all, both Maria's.
    CHECK(after.total == before.total + 2);
    CHECK(after.any("SignIn") == before.any("SignIn") + 1);
    CHECK(after.any("SignOut") == before.any("SignOut") + 1);
    CHECK(after.maria("AutoLogoff") == before.maria("AutoLogoff"));
  }
}

TEST_CASE("five wrong PINs lock the person out for a minute, then the right PIN works") {
  Practice p;
  const Counts before = p.counts();
  std::string script = "tap \"Start\"\ntap \"Maria Lopez\"\n";
  const char* left[] = {"4 tries left.", "3 tries left.", "2 tries left.", "1 try left."};
  for (int i = 0; i < 5; ++i) {
    script += kWrongPin;
    if (i < 4) script += "expect \"That PIN is not right. " + std::string(left[i]) + "\"\n";
  }
  script +=
      "expect \"Too many wrong PINs. Try again in 1:00, or ask your Security Official.\"\n"
      "expect-not \"That PIN is not right.\"\n"
      "wait 30000\n"
      "expect \"Too many wrong PINs. Try again in 0:30, or ask your Security Official.\"\n"
      "wait 31000\n"
      "expect-not \"Too many wrong PINs.\"\n"
      "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\n"
      "tap \"Sign in\"\n"
      "expect \"Hello, Maria\"\n";
  const Counts after = p.run_verified(script);
  CHECK(after.maria("SignInFailed") == before.maria("SignInFailed") + 5);
  CHECK(after.any("SignInFailed") == before.any("SignInFailed") + 5);
  CHECK(after.maria("SignIn") == before.maria("SignIn") + 1);
  CHECK(after.total == before.total + 6);
}

TEST_CASE("the PIN pad is disabled while locked out") {
  Practice p;
  const Counts before = p.counts();
  std::string script = "tap \"Start\"\ntap \"Maria Lopez\"\n";
  for (int i = 0; i < 5; ++i) script += kWrongPin;
  script += "tap \"2\"\n";  // line 28: no enabled "2" while locked
  auto r = p.kiosk(script);
  INFO(r.all);
  CHECK(r.code == 1);
  CHECK(r.err.find("script line 28: no enabled widget \"2\"") != std::string::npos);
  CHECK(p.counts().maria("SignInFailed") == before.maria("SignInFailed") + 5);
}

TEST_CASE("inactivity warns, can be dismissed, and then signs the person out") {
  Practice p;
  const Counts before = p.counts();
  const std::string script = kSignInMaria +
                             "wait 95000\n"
                             "expect \"Are you still there?\"\n"
                             "expect \"Signing out in 25 s\"\n"
                             "tap \"I'm still here\"\n"
                             "expect-not \"Are you still there?\"\n"
                             "wait 95000\n"
                             "expect \"Are you still there?\"\n"
                             "expect \"Hello, Maria\"\n"
                             "wait 130000\n"
                             "expect \"You were signed out after 2 minutes without activity. "
                             "Your progress is saved.\"\n"
                             "expect \"Start\"\n"
                             "expect-not \"Hello, Maria\"\n"
                             "expect-not \"Are you still there?\"\n";
  const Counts after = p.run_verified(script);
  CHECK(after.maria("SignIn") == before.maria("SignIn") + 1);
  CHECK(after.maria("AutoLogoff") == before.maria("AutoLogoff") + 1);
  CHECK(after.any("AutoLogoff") == before.any("AutoLogoff") + 1);
  // An automatic sign-out is an AutoLogoff, not also a SignOut.
  CHECK(after.maria("SignOut") == before.maria("SignOut"));
  CHECK(after.total == before.total + 2);
}

TEST_CASE("an unfinished incident report is cleared after inactivity, and nothing is written") {
  Practice p;
  const Counts before = p.counts();
  const std::string script =
      "tap \"Report a security concern\"\n"
      "tap \"Lost or stolen device\"\n"
      "tap \"Details\"\n"
      "type \"Laptop gone from room two\"\n"
      "wait 95000\n"
      "expect \"Are you still there?\"\n"
      "expect \"Going back in 25 s\"\n"
      "tap \"I'm still here\"\n"
      "expect-not \"Are you still there?\"\n"
      "expect \"Laptop gone from room two\"\n"  // still there after the warning
      "wait 95000\n"
      "expect \"Are you still there?\"\n"
      "wait 30000\n"
      "expect \"Start\"\n"
      "expect-not \"Laptop gone from room two\"\n"
      "expect-not \"Are you still there?\"\n"
      // A person left on the PIN pad goes back too.
      "tap \"Start\"\n"
      "tap \"Maria Lopez\"\n"
      "expect \"Enter your PIN\"\n"
      "wait 125000\n"
      "expect \"Start\"\n"
      "expect-not \"Enter your PIN\"\n"
      // The form starts empty next time.
      "tap \"Report a security concern\"\n"
      "expect-not \"Laptop gone from room two\"\n";
  auto r = p.kiosk(script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(p.counts().total == before.total);
}

TEST_CASE("with --inactivity 60 the kiosk signs out after a minute, not before") {
  Practice p;
  const Counts before = p.counts();
  const std::string script = kSignInMaria +
                             "wait 29000\n"
                             "expect-not \"Are you still there?\"\n"
                             "wait 6000\n"
                             "expect \"Are you still there?\"\n"
                             "expect \"Signing out in 25 s\"\n"
                             "wait 30000\n"
                             "expect \"You were signed out after 1 minute without activity. "
                             "Your progress is saved.\"\n"
                             "expect \"Start\"\n";
  const Counts after = p.run_verified(script, "--inactivity 60");
  CHECK(after.maria("AutoLogoff") == before.maria("AutoLogoff") + 1);
  CHECK(after.maria("SignOut") == before.maria("SignOut"));
  CHECK(after.total == before.total + 2);
}

TEST_CASE("a malformed module file is named on screen and everything else still works") {
  Practice p;
  const fs::path assets = p.dir() / "assets";
  fs::copy(ATTEST_ASSETS_DIR, assets, fs::copy_options::recursive);
  auto text = read_file(assets / "modules" / "password-management.md");
  REQUIRE(text.ok());
  std::string s = *text;
  // Line 4, inside the front matter.
  const size_t at = s.find("\nversion: 1\n");
  REQUIRE(at != std::string::npos);
  REQUIRE(std::count(s.begin(), s.begin() + long(at) + 1, '\n') == 3);
  s.replace(at, 12, "\nversion: one\n");
  p.dir().write("assets/modules/password-management.md", s);

  const Counts before = p.counts();
  // With the shipped files: no warning, and the module is on Maria's list.
  auto clean = p.kiosk("expect-not \"Some training files could not be loaded\"\n" + kSignInMaria +
                       "expect \"Password management\"\n"
                       "tap \"Sign out\"\n");
  INFO(clean.all);
  REQUIRE(clean.code == 0);

  const std::string script =
      "expect \"Some training files could not be loaded\"\n"
      "expect \"password-management.md:4: 'version' must be a positive whole number, not 'one'\"\n"
      "expect \"Start\"\n" +
      kSignInMaria +
      "expect \"Some training files could not be loaded\"\n"
      "expect \"password-management.md:4\"\n"
      // Its quiz has nothing to test now, and says so.
      "expect \"password-management-quiz.md:6: no module 'password-management' was loaded\"\n"
      "expect-not \"Password management\"\n"
      "expect \"Continue: \"\n"
      "tap \"Sign out\"\n"
      "expect \"Start\"\n";
  const Counts after = p.run_verified(script, "--assets " + quote(assets.string()));
  CHECK(after.maria("SignIn") == before.maria("SignIn") + 2);
  CHECK(after.maria("SignOut") == before.maria("SignOut") + 2);
  CHECK(after.total == before.total + 4);
}

TEST_CASE("script errors name the line and change nothing") {
  Practice p;
  auto db_before = read_file(p.db());
  REQUIRE(db_before.ok());

  SUBCASE("a missing widget exits 1 at that line") {
    auto r = p.kiosk("expect \"Start\"\n# a comment\ntap \"Nobody Here\"\ntap \"Start\"\n");
    INFO(r.all);
    CHECK(r.code == 1);
    CHECK(r.err.find("script line 3: no enabled widget \"Nobody Here\" on screen") !=
          std::string::npos);
    CHECK(r.err.find("\"Start\"") != std::string::npos);  // lists what is there
  }
  SUBCASE("a failed expect exits 1 at that line") {
    auto r = p.kiosk("expect \"Start\"\n\nexpect \"Hello, Maria\"\n");
    INFO(r.all);
    CHECK(r.code == 1);
    CHECK(r.err.find("script line 3: expected \"Hello, Maria\" on screen") != std::string::npos);
  }
  SUBCASE("an unknown command exits 2 before anything runs") {
    auto r = p.kiosk(kSignInMaria + "\njump \"Start\"\n");
    INFO(r.all);
    CHECK(r.code == 2);
    CHECK(r.err.find("script line 10: unknown command 'jump'") != std::string::npos);
  }
  // Nothing was signed in or out: the store is byte-for-byte unchanged.
  auto db_after = read_file(p.db());
  REQUIRE(db_after.ok());
  CHECK(*db_after == *db_before);
}

TEST_CASE("this week's security reminder is confirmed once per person, as one signed event") {
  Practice p;
  content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  REQUIRE(catalog.errors.empty());
  // The kiosk picks the reminder by its local date; so do we, before and
  // after the run, in case the run straddles midnight into a new week.
  auto this_week = [&] {
    const Timestamp now = SystemClock().now();
    return content::weekly_reminder(catalog,
                                    date_of(now.utc_ms + int64_t{now.offset_minutes} * 60000));
  };
  const content::WeeklyReminder week = this_week();
  REQUIRE(week.item);
  const std::string& title = week.item->title;
  const std::string confirmed = "You read this week's security reminder: " + title;

  const Counts before = p.counts();
  const std::string script =
      kSignInMaria +
      "expect \"This week's security reminder\"\n"
      "expect " + script_quoted(title) + "\n"
      "expect-not " + script_quoted(confirmed) + "\n"
      "tap \"Got it\"\n"
      "expect " + script_quoted(confirmed) + "\n"
      "expect-not \"Got it\"\n"
      "tap \"Sign out\"\n" +
      // Not asked again this week.
      kSignInMaria +
      "expect " + script_quoted(confirmed) + "\n"
      "expect-not \"Got it\"\n"
      "tap \"Sign out\"\n" +
      // Each person confirms for themselves.
      kSignInPriya +
      "expect \"This week's security reminder\"\n"
      "expect-not " + script_quoted(confirmed) + "\n"
      "expect \"Got it\"\n"
      "tap \"Sign out\"\n";
  const Counts after = p.run_verified(script);
  CHECK(after.maria("ReminderAcknowledged") == before.maria("ReminderAcknowledged") + 1);
  CHECK(after.any("ReminderAcknowledged") == before.any("ReminderAcknowledged") + 1);
  CHECK(after.total == before.total + 7);  // three sign-ins and sign-outs, one confirmation

  // The event names Maria and this week's reminder at its exact version and text.
  auto dump = run(quote(kAttest) + " dump --json " + quote(p.db().string()));
  REQUIRE(dump.code == 0);
  std::string ack;
  std::istringstream lines(dump.out);
  for (std::string line; std::getline(lines, line);) {
    if (field(line, "kind") == "ReminderAcknowledged" && field(line, "person_id") == kMaria) {
      ack = line;
    }
  }
  REQUIRE_FALSE(ack.empty());
  const std::string subject = ack.substr(ack.find("\"subject\":{"));
  const content::WeeklyReminder later = this_week();
  const content::Item* shown = field(subject, "id") == later.item->id ? later.item : week.item;
  CHECK(field(subject, "id") == shown->id);
  CHECK(field(subject, "version") == std::to_string(shown->version));
  CHECK(field(subject, "content_sha256") == hex_encode(shown->sha256));
}

TEST_CASE("the keyboard docks at the bottom: typing never needs a scroll, at any size") {
  Practice p;
  // While a field has the keyboard, the field and every key are wholly on
  // screen as they are; `expect-visible` fails if any needs scrolling to.
  const std::string keys_in_view =
      "expect-visible \"A\"\nexpect-visible \"Z\"\nexpect-visible \"Space\"\n"
      "expect-visible \"Delete\"\nexpect-visible \"Done\"\nexpect-visible \"123\"\n";
  const std::string attestation =
      kSignInMaria +
      "tap \"Password Policy\"\n"
      "expect-not \"Space\"\n"  // no keyboard while reading the policy
      "tap \"I have read it: continue to sign\"\n"
      "expect-visible \"Typed name\"\n" +
      keys_in_view +
      "type \"Maria Lopez\"\n"
      "expect-visible \"Typed name\"\n"
      "expect \"Maria Lopez\"\n"
      "tap \"Done\"\n"
      "expect-not \"Space\"\n"
      "tap \"Typed name\"\n"
      "expect-visible \"Typed name\"\n" +
      keys_in_view +
      "tap \"Back to my list\"\n"
      "tap \"Sign out\"\n";
  const std::string incident =
      "tap \"Report a security concern\"\n"
      "expect-not \"Space\"\n"  // no keyboard until a field is tapped
      "tap \"Lost or stolen device\"\n"
      "tap \"Just now\"\n"
      "tap \"Somewhere else\"\n"
      "tap \"Details\"\n"
      "expect-visible \"Details\"\n" +
      keys_in_view +
      "type \"Left in the break room\"\n"
      "expect-visible \"Details\"\n"
      // Digits and punctuation are on the "123" layer; `type` switches to
      // it and back as a person would.
      "type \" at 9:30, room 2-B (call 555-0100).\"\n"
      "expect \"Left in the break room at 9:30, room 2-b (call 555-0100).\"\n"
      "expect-visible \"ABC\"\n"
      "expect-visible \"0\"\nexpect-visible \"@\"\nexpect-visible \"Done\"\n"
      "tap \"ABC\"\n"
      "tap \"Your name\"\n"
      "expect-visible \"Your name\"\n" +
      keys_in_view +
      "type \"Maria\"\n"
      "expect-visible \"Your name\"\n"
      "tap \"Done\"\n"
      "expect-not \"Space\"\n"
      "tap \"Cancel\"\n"
      "expect \"Start\"\n";
  for (const char* size : {"390x844", "800x1280", "1280x800", "1920x1080"}) {
    CAPTURE(size);
    const Counts before = p.counts();
    // Two runs, so a large software-rendered window stays well inside the
    // per-run time limit on a busy machine.
    for (const std::string* script : {&attestation, &incident}) {
      auto r = p.kiosk(*script, std::string("--size ") + size);
      INFO(r.all);
      REQUIRE(r.code == 0);
    }
    // Only the sign-in and sign-out: nothing was signed or reported.
    CHECK(p.counts().total == before.total + 2);
  }
}
