#include "content/content.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/file.h"
#include "content/weekly_reminder.h"
#include "crypto/hash.h"
#include "fixtures.h"

namespace fs = std::filesystem;
using namespace attest;
using namespace attest::content;
using namespace attest::content::testing;

namespace {

const Item* find_by_file(const Catalog& c, const fs::path& file) {
  for (const Item& item : c.items) {
    if (item.file == file) return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a good module parses with its fields, pages and hash") {
  std::vector<LoadError> errors;
  auto item = parse_item(kGoodModule, "modules/phishing.md", errors);
  INFO(errors_text(errors));
  REQUIRE(item);
  CHECK(errors.empty());
  CHECK(item->kind == Kind::kModule);
  CHECK(item->id == "phishing");
  CHECK(item->version == 2);
  CHECK(item->title == "Phishing and social engineering");
  REQUIRE(item->effective);
  CHECK(format_date(*item->effective) == "2026-01-15");
  CHECK(item->cfr == "45 CFR 164.308(a)(5)(ii)(B)");
  CHECK(item->roles == std::vector<std::string>{"front-desk", "clinical", "billing"});
  CHECK(item->retrain_days == 365);
  CHECK(item->quiz_id == "phishing-quiz");
  CHECK(item->file == fs::path("modules/phishing.md"));
  REQUIRE(item->pages.size() == 2);
  CHECK(item->pages[0].title == "What phishing is");
  CHECK(item->pages[0].markdown ==
        "A phishing message pretends to be someone you trust.\n\nIt wants a password or a click.");
  CHECK(item->pages[1].title == "What to do");
  CHECK(item->pages[1].markdown ==
        "Report it to the Security Official.\n```\n# not a page: inside a code block\n```");
  CHECK(item->body.starts_with("# What phishing is\n"));
  CHECK(item->sha256 == crypto::sha256(as_bytes(kGoodModule)));
}

TEST_CASE("a good quiz parses with its questions") {
  std::vector<LoadError> errors;
  auto item = parse_item(kGoodQuiz, "quizzes/phishing-quiz.md", errors);
  INFO(errors_text(errors));
  REQUIRE(item);
  CHECK(item->kind == Kind::kQuiz);
  CHECK(item->id == "phishing-quiz");
  CHECK(item->module_id == "phishing");
  CHECK(item->pass_mark == 80);
  CHECK(item->roles == std::vector<std::string>{"all"});
  REQUIRE(item->questions.size() == 2);
  const Question& q1 = item->questions[0];
  CHECK(q1.prompt == "What should you do with an unexpected attachment?");
  CHECK(q1.choices == std::vector<std::string>{"Open it to see what it is",
                                               "Report it to the Security Official"});
  CHECK(q1.correct == 1);
  CHECK(q1.why == "Attachments are the commonest way malware arrives.");
  CHECK(q1.line == 10);
  const Question& q2 = item->questions[1];
  CHECK(q2.choices.size() == 3);
  CHECK(q2.correct == 2);  // written [X]
  CHECK(q2.why.empty());
  CHECK(q2.line == 15);
  CHECK(item->sha256 == crypto::sha256(as_bytes(kGoodQuiz)));
}

TEST_CASE("a good policy and a good reminder parse") {
  std::vector<LoadError> errors;
  auto policy = parse_item(kGoodPolicy, "policies/acceptable-use.md", errors);
  auto reminder = parse_item(kGoodReminder, "reminders/lock.md", errors);
  INFO(errors_text(errors));
  REQUIRE(policy);
  REQUIRE(reminder);
  CHECK(policy->kind == Kind::kPolicy);
  CHECK(policy->roles == std::vector<std::string>{"all"});
  CHECK(policy->retrain_days == 365);
  CHECK(policy->cfr == "45 CFR 164.310(b)");
  CHECK(policy->body == "# Acceptable use\n\nUse practice computers for practice work.");
  CHECK(policy->pages.empty());
  CHECK(reminder->kind == Kind::kReminder);
  CHECK(reminder->version == 3);
  CHECK(reminder->cfr.empty());
  CHECK_FALSE(reminder->effective);
  CHECK(reminder->retrain_days == 0);
  CHECK(reminder->body == "Press Windows+L when you step away.");
  CHECK(reminder->sha256 != policy->sha256);
}

TEST_CASE("order places modules and policies in the teaching order; it is optional") {
  std::vector<LoadError> errors;
  auto unordered = parse_item(kGoodModule, "modules/phishing.md", errors);
  auto module = parse_item(edit_line(kGoodModule, 10, "quiz: phishing-quiz\norder: 40"),
                           "modules/phishing.md", errors);
  auto policy = parse_item(edit_line(kGoodPolicy, 9, "retrain_days: 365\norder: 0"),
                           "policies/acceptable-use.md", errors);
  INFO(errors_text(errors));
  REQUIRE(unordered);
  REQUIRE(module);
  REQUIRE(policy);
  CHECK_FALSE(unordered->order);
  CHECK(module->order == 40);
  CHECK(policy->order == 0);
}

TEST_CASE("CRLF and a BOM parse the same, but the hash is of the exact bytes") {
  std::string windows = "\xEF\xBB\xBF";
  for (char c : kGoodModule) windows += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::vector<LoadError> errors;
  auto plain = parse_item(kGoodModule, "a.md", errors);
  auto crlf = parse_item(windows, "a.md", errors);
  INFO(errors_text(errors));
  REQUIRE(plain);
  REQUIRE(crlf);
  CHECK(crlf->id == plain->id);
  CHECK(crlf->title == plain->title);
  CHECK(crlf->quiz_id == "phishing-quiz");
  REQUIRE(crlf->pages.size() == plain->pages.size());
  CHECK(crlf->pages[0].markdown == plain->pages[0].markdown);
  CHECK(crlf->body == plain->body);
  CHECK(crlf->sha256 == crypto::sha256(as_bytes(windows)));
  CHECK(crlf->sha256 != plain->sha256);
}

TEST_CASE("the catalog hash matches the file on disk and changes with one byte") {
  TempDir dir;
  fs::path path = dir.write("modules/phishing.md", kGoodModule);
  dir.write("quizzes/phishing-quiz.md", kGoodQuiz);
  Catalog before = load_catalog(dir.path());
  INFO(errors_text(before.errors));
  const Item* m1 = before.find(Kind::kModule, "phishing");
  REQUIRE(m1);
  auto on_disk = read_file(path);
  REQUIRE(on_disk.ok());
  CHECK(m1->sha256 == crypto::sha256(as_bytes(*on_disk)));

  std::string changed(kGoodModule);
  changed[changed.find("trust")] = 'T';  // one byte of page text
  dir.write("modules/phishing.md", changed);
  Catalog after = load_catalog(dir.path());
  const Item* m2 = after.find(Kind::kModule, "phishing");
  REQUIRE(m2);
  CHECK(m2->sha256 != m1->sha256);
  CHECK(m2->sha256 == crypto::sha256(as_bytes(changed)));
}

TEST_CASE("each malformed file gets one error at the right line") {
  struct Bad {
    const char* name;
    std::string text;
    int line;
    const char* mentions;
  };
  const std::vector<Bad> cases = {
      {"no front matter", edit_line(kGoodPolicy, 1, std::nullopt), 1, "'---'"},
      {"unclosed front matter", edit_line(kGoodReminder, 6, ""), 1, "never closed"},
      {"unknown key", edit_line(kGoodModule, 11, "colour: blue\n---"), 11, "unknown key 'colour'"},
      {"impossible date", edit_line(kGoodModule, 6, "effective: 2026-02-30"), 6,
       "'effective' must be a real date written YYYY-MM-DD, not '2026-02-30'"},
      {"version in words", edit_line(kGoodQuiz, 4, "version: two"), 4, "'version'"},
      {"version zero", edit_line(kGoodQuiz, 4, "version: 0"), 4, "positive whole number"},
      {"pass_mark in words", edit_line(kGoodQuiz, 7, "pass_mark: eighty"), 7,
       "'pass_mark' must be a whole number from 1 to 100, not 'eighty'"},
      {"pass_mark too high", edit_line(kGoodQuiz, 7, "pass_mark: 101"), 7, "not '101'"},
      {"two correct answers", edit_line(kGoodQuiz, 17, "- [x] Your manager"), 18,
       "already has a correct answer on line 17"},
      {"no correct answer", edit_line(kGoodQuiz, 12, "- [ ] Report it"), 10, "no correct answer"},
      {"choice outside a question", edit_line(kGoodQuiz, 9, "- [ ] A stray choice"), 9,
       "choice outside a question"},
      {"one choice only", edit_line(kGoodQuiz, 11, std::nullopt), 10, "at least two"},
      {"malformed choice", edit_line(kGoodQuiz, 17, "- [] Your manager"), 17, "malformed choice"},
      {"stray line in a question", edit_line(kGoodQuiz, 14, "Remember this."), 14,
       "unexpected line in a question"},
      {"Why outside a question", edit_line(kGoodQuiz, 9, "Why: because"), 9,
       "'Why:' outside a question"},
      {"quiz without questions", first_lines(kGoodQuiz, 8), 8, "no questions"},
      {"missing cfr", edit_line(kGoodModule, 7, std::nullopt), 10, "missing required key 'cfr'"},
      {"missing kind", edit_line(kGoodReminder, 2, std::nullopt), 5, "'kind'"},
      {"unknown kind", edit_line(kGoodPolicy, 2, "kind: procedure"), 2, "'procedure'"},
      {"duplicate key", edit_line(kGoodReminder, 5, "title: Lock it\ntitle: Again"), 6,
       "'title' is given twice (first on line 5)"},
      {"empty value", edit_line(kGoodReminder, 5, "title:"), 5, "'title' has no value"},
      {"capital letters in id", edit_line(kGoodModule, 3, "id: Phishing"), 3, "'Phishing'"},
      {"space in a role", edit_line(kGoodModule, 8, "roles: front desk"), 8, "'front desk'"},
      {"negative retrain_days", edit_line(kGoodPolicy, 9, "retrain_days: -1"), 9, "'retrain_days'"},
      {"quiz key on a module", edit_line(kGoodModule, 10, "pass_mark: 80"), 10,
       "'pass_mark' is for quizzes only"},
      {"order in words", edit_line(kGoodModule, 10, "quiz: phishing-quiz\norder: first"), 11,
       "'order' must be a whole number (lower comes first), not 'first'"},
      {"negative order", edit_line(kGoodPolicy, 9, "order: -10"), 9, "not '-10'"},
      {"order on a reminder", edit_line(kGoodReminder, 5, "title: Lock it\norder: 3"), 6,
       "'order' is for modules and policies only"},
      {"order on a quiz", edit_line(kGoodQuiz, 7, "pass_mark: 80\norder: 3"), 8,
       "'order' is for modules and policies only"},
      {"text before the first page", edit_line(kGoodModule, 12, "Welcome!"), 12,
       "before the first page heading"},
      {"empty policy body", first_lines(kGoodPolicy, 10) + "\n\n", 10, "no text"},
      {"empty file", "", 0, "empty"},
      {"Latin-1 title", edit_line(kGoodModule, 5, "title: Caf\xE9 safety"), 5,
       "not valid UTF-8 (byte 0xe9 at column 11)"},
      {"overlong UTF-8", edit_line(kGoodPolicy, 14, "Use \xC0\xAF computers."), 14,
       "not valid UTF-8"},
  };
  const fs::path file = "assets/bad/broken.md";
  for (const Bad& bad : cases) {
    CAPTURE(bad.name);
    std::vector<LoadError> errors;
    auto item = parse_item(bad.text, file, errors);
    INFO(errors_text(errors));
    CHECK_FALSE(item);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == file);
    CHECK(errors[0].line == bad.line);
    CHECK(contains(errors[0].message, bad.mentions));
  }
}

TEST_CASE("every problem in a file is reported, in line order") {
  std::string text = edit_line(kGoodQuiz, 4, "version: two");
  text = edit_line(text, 7, "pass_mark: 0");
  text = edit_line(text, 12, "- [ ] Report it");
  std::vector<LoadError> errors;
  CHECK_FALSE(parse_item(text, "q.md", errors));
  INFO(errors_text(errors));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 4);
  CHECK(errors[1].line == 7);
  CHECK(errors[2].line == 10);
}

TEST_CASE("LoadError::to_string names file and line, and drops a zero line") {
  CHECK(LoadError{"assets/modules/phishing.md", 7, "bad"}.to_string() ==
        "assets/modules/phishing.md:7: bad");
  CHECK(LoadError{"assets", 0, "missing"}.to_string() == "assets: missing");
}

TEST_CASE("in a folder of good and bad files every good file still loads") {
  TempDir dir;
  dir.write("modules/phishing.md", kGoodModule);
  dir.write("quizzes/phishing-quiz.md", kGoodQuiz);
  dir.write("policies/deep/acceptable-use.md", kGoodPolicy);
  dir.write("reminders/lock.md", kGoodReminder);
  fs::path bad_pass =
      dir.write("quizzes/bad-pass.md",
                edit_line(edit_line(kGoodQuiz, 3, "id: other-quiz"), 7, "pass_mark: eighty"));
  fs::path bad_utf8 = dir.write("policies/latin1.md", edit_line(kGoodPolicy, 14, "Caf\xE9"));
  fs::path no_fm = dir.write("modules/notes.md", "Just some notes\n");
  dir.write("README.md", "# Not curriculum\n");  // skipped: no front matter needed
  dir.write("modules/README.md", "# Not curriculum\n");
  dir.write("modules/draft.txt", "not markdown\n");

  Catalog c = load_catalog(dir.path());
  INFO(errors_text(c.errors));
  CHECK(c.items.size() == 4);
  CHECK(c.find(Kind::kModule, "phishing"));
  CHECK(c.find(Kind::kQuiz, "phishing-quiz"));
  CHECK(c.find(Kind::kPolicy, "acceptable-use"));
  CHECK(c.find(Kind::kReminder, "lock-your-screen"));
  CHECK_FALSE(c.find(Kind::kQuiz, "other-quiz"));
  REQUIRE(c.errors.size() == 3);
  // Sorted by path: modules/, policies/, quizzes/.
  CHECK(c.errors[0].file == no_fm);
  CHECK(c.errors[0].line == 1);
  CHECK(c.errors[1].file == bad_utf8);
  CHECK(c.errors[1].line == 14);
  CHECK(contains(c.errors[1].message, "UTF-8"));
  CHECK(c.errors[2].file == bad_pass);
  CHECK(c.errors[2].line == 7);
  CHECK(contains(c.errors[2].to_string(), bad_pass.string() + ":7: 'pass_mark'"));
}

TEST_CASE("a missing folder is one error with no line") {
  TempDir dir;
  Catalog c = load_catalog(dir.path() / "nope");
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].line == 0);
  CHECK(c.errors[0].file == dir.path() / "nope");
  CHECK(contains(c.errors[0].message, "does not exist"));
  CHECK(c.items.empty());
}

TEST_CASE("a duplicate kind, id and version rejects the second file") {
  TempDir dir;
  fs::path first = dir.write("a/acceptable-use.md", kGoodPolicy);
  fs::path second = dir.write("b/acceptable-use-copy.md", kGoodPolicy);
  // The same id on another kind is fine: ids are per kind.
  dir.write("c/reminder.md", edit_line(kGoodReminder, 3, "id: acceptable-use"));
  Catalog c = load_catalog(dir.path());
  INFO(errors_text(c.errors));
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].file == second);
  CHECK(c.errors[0].line == 4);  // the version line
  CHECK(contains(c.errors[0].message, first.string()));
  CHECK(contains(c.errors[0].message, "policy 'acceptable-use' version 1"));
  CHECK(find_by_file(c, first));
  CHECK_FALSE(find_by_file(c, second));
  CHECK(c.find(Kind::kReminder, "acceptable-use"));
}

TEST_CASE("quizzes and modules must point at each other") {
  TempDir dir;
  SUBCASE("a quiz for a missing module is rejected") {
    fs::path quiz_file = dir.write("quiz.md", kGoodQuiz);
    Catalog c = load_catalog(dir.path());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].file == quiz_file);
    CHECK(c.errors[0].line == 6);  // module: phishing
    CHECK(contains(c.errors[0].message, "no module 'phishing'"));
    CHECK(c.items.empty());
  }
  SUBCASE("a module whose quiz is missing is rejected") {
    fs::path module_file = dir.write("module.md", kGoodModule);
    Catalog c = load_catalog(dir.path());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].file == module_file);
    CHECK(c.errors[0].line == 10);  // quiz: phishing-quiz
    CHECK(contains(c.errors[0].message, "no quiz 'phishing-quiz'"));
    CHECK(c.items.empty());
  }
  SUBCASE("a quiz of another module rejects the module that names it") {
    dir.write("other.md", edit_line(edit_line(kGoodModule, 3, "id: other"), 10, "quiz: x"));
    dir.write("x.md", edit_line(edit_line(kGoodQuiz, 3, "id: x"), 6, "module: other"));
    fs::path module_file = dir.write("module.md", edit_line(kGoodModule, 10, "quiz: x"));
    Catalog c = load_catalog(dir.path());
    INFO(errors_text(c.errors));
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].file == module_file);
    CHECK(contains(c.errors[0].message, "does not name module 'phishing'"));
    CHECK(c.items.size() == 2);
  }
  SUBCASE("dropping a module drops the quiz that tests it") {
    fs::path module_file = dir.write("module.md", edit_line(kGoodModule, 10, "quiz: gone"));
    fs::path quiz_file = dir.write("quiz.md", kGoodQuiz);
    Catalog c = load_catalog(dir.path());
    INFO(errors_text(c.errors));
    REQUIRE(c.errors.size() == 2);
    CHECK(c.errors[0].file == module_file);
    CHECK(contains(c.errors[0].message, "no quiz 'gone'"));
    CHECK(c.errors[1].file == quiz_file);
    CHECK(contains(c.errors[1].message, "no module 'phishing'"));
    CHECK(c.items.empty());
  }
}

TEST_CASE("find returns the newest version; of_kind sorts by id then version") {
  TempDir dir;
  dir.write("p2.md", edit_line(kGoodPolicy, 4, "version: 2"));
  dir.write("p1.md", kGoodPolicy);
  dir.write("p0.md", edit_line(kGoodPolicy, 3, "id: a-first"));
  Catalog c = load_catalog(dir.path());
  INFO(errors_text(c.errors));
  const Item* newest = c.find(Kind::kPolicy, "acceptable-use");
  REQUIRE(newest);
  CHECK(newest->version == 2);
  CHECK_FALSE(c.find(Kind::kModule, "acceptable-use"));
  auto all = c.of_kind(Kind::kPolicy);
  REQUIRE(all.size() == 3);
  CHECK(all[0]->id == "a-first");
  CHECK(all[1]->version == 1);
  CHECK(all[2]->version == 2);
  CHECK(c.of_kind(Kind::kQuiz).empty());
}

TEST_CASE("the starter curriculum in assets/ loads cleanly") {
  Catalog c = load_catalog(ATTEST_ASSETS_DIR);
  INFO(errors_text(c.errors));
  CHECK(c.errors.empty());
  CHECK(c.find(Kind::kPolicy, "acceptable-use"));
  CHECK(c.find(Kind::kReminder, "lock-your-screen"));
  const Item* basics = c.find(Kind::kModule, "security-awareness-basics");
  REQUIRE(basics);
  CHECK(basics->pages.size() >= 3);
  CHECK(basics->pages.size() <= 5);
  CHECK(basics->quiz_id == "security-awareness-basics-quiz");
  auto quizzes = c.of_kind(Kind::kQuiz);
  REQUIRE_FALSE(quizzes.empty());
  for (const Item* quiz : quizzes) {
    CAPTURE(quiz->file);
    CHECK(c.find(Kind::kModule, quiz->module_id));
    // The parser enforces one [x]; count them in the raw file too, so this
    // holds even if the parser's rule were to slip.
    auto text = read_file(quiz->file);
    REQUIRE(text.ok());
    int marked = 0;
    for (std::string_view mark : {"- [x]", "- [X]"}) {
      for (auto pos = text->find(mark); pos != std::string::npos; pos = text->find(mark, pos + 1)) {
        ++marked;
      }
    }
    CHECK(marked == static_cast<int>(quiz->questions.size()));
    for (const Question& q : quiz->questions) {
      CAPTURE(q.prompt);
      CHECK(q.choices.size() >= 2);
      CHECK(q.correct >= 0);
      CHECK(q.correct < static_cast<int>(q.choices.size()));
    }
  }
}

TEST_CASE("the starter curriculum has one teaching order, basics first and sanctions last") {
  Catalog c = load_catalog(ATTEST_ASSETS_DIR);
  REQUIRE(c.errors.empty());
  std::vector<const Item*> items = c.of_kind(Kind::kModule);
  for (const Item* p : c.of_kind(Kind::kPolicy)) items.push_back(p);
  REQUIRE(items.size() >= 14);
  std::vector<int> orders;
  for (const Item* item : items) {
    CAPTURE(item->file);
    REQUIRE(item->order);
    orders.push_back(*item->order);
  }
  std::sort(orders.begin(), orders.end());
  CHECK(std::adjacent_find(orders.begin(), orders.end()) == orders.end());  // no ties
  auto order_of = [&](Kind kind, std::string_view id) {
    const Item* item = c.find(kind, id);
    REQUIRE(item);
    return item->order.value_or(-1);
  };
  CHECK(order_of(Kind::kModule, "security-awareness-basics") == orders.front());
  CHECK(order_of(Kind::kPolicy, "sanction") == orders.back());
  // Each policy comes after the module that teaches it.
  CHECK(order_of(Kind::kModule, "password-management") < order_of(Kind::kPolicy, "password"));
  CHECK(order_of(Kind::kModule, "incident-recognition-reporting") <
        order_of(Kind::kPolicy, "incident-response"));
  CHECK(order_of(Kind::kModule, "sanction-policy") < order_of(Kind::kPolicy, "sanction"));
}

TEST_CASE("the weekly reminder is the same Monday to Sunday and takes turns by id") {
  TempDir dir;
  auto reminder = [](std::string_view id, int version) {
    std::string text(kGoodReminder);
    text = edit_line(text, 3, "id: " + std::string(id));
    return edit_line(text, 4, "version: " + std::to_string(version));
  };
  dir.write("c.md", reminder("charlie", 1));
  dir.write("a.md", reminder("alpha", 1));
  dir.write("b1.md", reminder("bravo", 1));
  dir.write("b2.md", reminder("bravo", 2));
  dir.write("policy.md", kGoodPolicy);  // not a reminder: never shown
  Catalog c = load_catalog(dir.path());
  REQUIRE(c.errors.empty());

  auto on = [&](std::string_view date) {
    Result<Date> day = parse_date(date);
    REQUIRE(day.ok());
    return weekly_reminder(c, *day);
  };
  // 2026-03-02 is a Monday.
  const WeeklyReminder monday = on("2026-03-02");
  REQUIRE(monday.item);
  CHECK(format_date(monday.week_start) == "2026-03-02");
  for (std::string_view day : {"2026-03-03", "2026-03-05", "2026-03-08"}) {
    CAPTURE(day);
    CHECK(on(day).item == monday.item);
    CHECK(format_date(on(day).week_start) == "2026-03-02");
  }
  const WeeklyReminder sunday_before = on("2026-03-01");
  CHECK(format_date(sunday_before.week_start) == "2026-02-23");
  CHECK(sunday_before.item != monday.item);

  // Three ids take turns in id order, a week each, then start again; bravo
  // is shown at its newest version only.
  std::vector<std::string> seen;
  for (std::string_view day : {"2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"}) {
    const Item* item = on(day).item;
    REQUIRE(item);
    seen.push_back(item->id);
    if (item->id == "bravo") CHECK(item->version == 2);
  }
  CHECK(seen[3] == seen[0]);
  std::vector<std::string> cycle(seen.begin(), seen.begin() + 3);
  // The same turn order from wherever the cycle starts: alpha, bravo, charlie.
  while (cycle.front() != "alpha") std::rotate(cycle.begin(), cycle.begin() + 1, cycle.end());
  CHECK(cycle == std::vector<std::string>{"alpha", "bravo", "charlie"});

  // Before 1970 the weeks still start on Mondays (1969-12-29 was one).
  CHECK(format_date(on("1969-12-31").week_start) == "1969-12-29");
  CHECK(format_date(on("1969-12-28").week_start) == "1969-12-22");

  CHECK_FALSE(weekly_reminder(Catalog{}, monday.week_start).item);
}
