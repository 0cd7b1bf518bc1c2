// The whole staff flow by script, as a receptionist would do it by touch:
// read a module, fail its quiz, pass it on the retry, sign a policy with a
// typed name and a drawn signature, sign out. The store must then hold
// exactly those events, verify, and open to the right bodies.
#include <doctest/doctest.h>

#include <sstream>

#include "base/file.h"
#include "content/content.h"
#include "support/kiosk_script.h"
#include "support/run.h"
#include "support/temp_dir.h"

using namespace attest;
using testing::quote;
using testing::script_quoted;
using testing::run;
namespace fs = std::filesystem;

namespace {

content::Item load(const std::string& relative) {
  fs::path file = fs::path(ATTEST_ASSETS_DIR) / relative;
  auto text = read_file(file);
  REQUIRE(text.ok());
  std::vector<content::LoadError> errors;
  auto item = content::parse_item(*text, file, errors);
  REQUIRE(item.has_value());
  return *item;
}

// Answers every question, right or (choosing the first wrong choice) wrong.
std::string answer_quiz(const content::Item& quiz, bool right) {
  std::string s;
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    const auto& q = quiz.questions[i];
    int pick = q.correct;
    if (!right) pick = q.correct == 0 ? 1 : 0;
    s += "tap " + script_quoted(q.choices[size_t(pick)]) + "\n";
    s += std::string("expect ") + (right ? "\"Correct\"" : "\"Not quite\"") + "\n";
    s += i + 1 == quiz.questions.size() ? "tap \"See my result\"\n" : "tap \"Next question\"\n";
  }
  return s;
}

int count_lines_with(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) ++n;
  }
  return n;
}

// A fresh demo practice and the commands that read it.
struct Demo {
  explicit Demo(const char* tag) : dir(tag), data(dir / "practice") {
    REQUIRE(run(quote(ATTEST_BIN) + " demo " + quote(data.string())).code == 0);
    db = quote((data / "kiosk.db").string());
    dump_cmd = quote(ATTEST_BIN) + " dump --json " + db;
  }
  std::string dump(bool with_bodies = false) const {
    auto r = run(dump_cmd + (with_bodies ? " --practice-key " +
                                               quote((data / "practice.key").string()) +
                                               " --passphrase-file " +
                                               quote((data / "demo-passphrase.txt").string())
                                         : std::string()));
    REQUIRE(r.code == 0);
    return r.out;
  }
  testing::RunResult kiosk(const fs::path& script, const std::string& extra = "") const {
    return run("SDL_VIDEODRIVER=offscreen timeout -k 5 30 " + quote(ATTEST_KIOSK_BIN) +
               " --data " + quote(data.string()) + " --script " + quote(script.string()) + " " +
               extra);
  }
  testing::TempDir dir;
  fs::path data;
  std::string db, dump_cmd;
};

}  // namespace

TEST_CASE("a full staff flow at landscape and portrait sizes records exactly what happened") {
  const content::Item module = load("modules/security-reminders.md");
  const content::Item quiz = load("quizzes/security-reminders-quiz.md");
  const content::Item policy = load("policies/password.md");
  REQUIRE(module.pages.size() >= 2);

  for (std::string size : {"1280x800", "800x1280"}) {
    CAPTURE(size);
    Demo demo("attest-staff-flow");
    const std::string before = demo.dump();

    std::string s =
        "tap \"Start\"\ntap \"Maria Lopez\"\n"
        "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"Sign in\"\n"
        "expect \"Hello, Maria\"\n";
    s += "tap " + script_quoted(module.title) + "\n";
    for (size_t i = 0; i + 1 < module.pages.size(); ++i) {
      s += "expect " + script_quoted(module.pages[i].title) + "\ntap \"Next\"\n";
    }
    s += "expect " + script_quoted(module.pages.back().title) + "\ntap \"Take the quiz\"\n";
    s += answer_quiz(quiz, false);
    s += "expect \"Not passed yet\"\ntap \"Try the quiz again\"\n";
    s += answer_quiz(quiz, true);
    s += "expect \"Training complete\"\nscreenshot receipt\ntap \"Back to my list\"\n";
    s += "tap " + script_quoted(policy.title) + "\n";
    s += "expect \"Version " + std::to_string(policy.version) + "\"\n";
    s += "tap \"I have read it: continue to sign\"\n"
         "type \"Maria Lopez\"\n"
         "expect \"Maria Lopez\"\n"
         "draw \"Signature\" 0.1,0.6 0.2,0.3 0.3,0.7 0.4,0.3 0.5,0.6 0.7,0.4 0.9,0.6\n"
         "tap \"consent\"\n"
         "screenshot signing\n"
         "tap \"Sign and save\"\n"
         "expect \"Signed\"\n"
         "tap \"Sign out\"\n"
         "expect \"Start\"\n";
    auto script = demo.dir.write("flow.txt", s);
    auto shots = demo.dir / "shots";
    auto r = demo.kiosk(script, "--size " + size + " --screenshot " + quote(shots.string()));
    INFO(r.all);
    REQUIRE(r.code == 0);
    CHECK(fs::exists(shots / "receipt.png"));
    CHECK(fs::exists(shots / "signing.png"));

    auto verify = run(quote(ATTEST_BIN) + " verify " + demo.db);
    INFO(verify.all);
    CHECK(verify.code == 0);

    const std::string after = demo.dump();
    auto added = [&](const std::string& kind) {
      const std::string k = "\"kind\":\"" + kind + "\"";
      return count_lines_with(after, k) - count_lines_with(before, k);
    };
    CHECK(added("SignIn") == 1);
    CHECK(added("ModuleCompleted") == 1);
    CHECK(added("QuizAttempt") == 2);
    CHECK(added("PolicyAttested") == 1);
    CHECK(added("SignOut") == 1);
    CHECK(count_lines_with(after, "\"seq\"") - count_lines_with(before, "\"seq\"") == 6);

    // The bodies, opened with the practice passphrase: the failed and the
    // passed attempt, and the signature with the typed name.
    const std::string bodies = demo.dump(true);
    CHECK(count_lines_with(bodies, "\"passed\":false") == 1);
    CHECK(count_lines_with(bodies, "\"passed\":true") >= 2);  // the demo's own attempt too
    std::string attested;
    std::istringstream lines(bodies);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("\"PolicyAttested\"") != std::string::npos &&
          line.find("\"id\":\"password\"") != std::string::npos) {
        attested = line;
      }
    }
    REQUIRE_FALSE(attested.empty());
    CHECK(attested.find("\"typed_name\":\"Maria Lopez\"") != std::string::npos);
    // The consent line is kept word for word as the screen showed it.
    CHECK(attested.find("\"consent\":\"I have read " + policy.title + " (version " +
                        std::to_string(policy.version) + ") and I will follow it.\"") !=
          std::string::npos);
    CHECK(attested.find("\"signature_strokes\":[[[") != std::string::npos);
    CHECK(attested.find("\"content_sha256\":\"" + hex_encode(policy.sha256) + "\"") !=
          std::string::npos);
  }
}

TEST_CASE("an incident report from the start screen is sealed, anonymous unless named") {
  Demo demo("attest-incident");
  const std::string before = demo.dump();
  auto script = demo.dir.write("incident.txt",
                               "tap \"Report a security concern\"\n"
                               "tap \"Lost or stolen device\"\n"
                               "tap \"Yesterday\"\n"
                               "tap \"Treatment room\"\n"
                               "tap \"Details\"\n"
                               "type \"Tablet missing\"\n"
                               "tap \"Send report\"\n"
                               "expect \"Report saved\"\n"
                               "tap \"Done\"\n"
                               "expect \"Start\"\n");
  auto r = demo.kiosk(script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  const std::string after = demo.dump();
  CHECK(count_lines_with(after, "\"seq\"") - count_lines_with(before, "\"seq\"") == 1);
  CHECK(count_lines_with(after, "\"IncidentReported\"") -
            count_lines_with(before, "\"IncidentReported\"") ==
        1);
  // The header names nobody and says nothing of what happened.
  CHECK(after.find("Tablet missing") == std::string::npos);
  const std::string bodies = demo.dump(true);
  CHECK(bodies.find("\"what\":\"Lost or stolen device: Tablet missing\"") != std::string::npos);
  CHECK(bodies.find("\"when\":\"Yesterday\"") != std::string::npos);
  CHECK(bodies.find("\"where\":\"Treatment room\"") != std::string::npos);
  CHECK(bodies.find("\"reporter_name\":\"\"") != std::string::npos);
  CHECK(run(quote(ATTEST_BIN) + " verify " + demo.db).code == 0);
}
