// The curriculum as files: modules, quizzes, policies and reminders are
// Markdown with a small front-matter header. The SHA-256 of a file's exact
// bytes is that version's identity: it goes into every event about it, so an
// auditor can `sha256sum` the file and match the records.
//
// Front matter is `key: value` lines between two `---` lines at the top:
//
//   ---
//   kind: module            module | quiz | policy | reminder
//   id: phishing            lowercase letters, digits and '-'
//   version: 2              a positive whole number
//   title: Phishing and social engineering
//   effective: 2026-01-15   YYYY-MM-DD
//   cfr: 45 CFR 164.308(a)(5)(ii)(B)
//   roles: all              or a comma list: front-desk, clinical, ...
//   retrain_days: 365       modules and policies; 0 = never
//   quiz: phishing-quiz     modules: the quiz that completes it (optional)
//   module: phishing        quizzes: the module they test
//   pass_mark: 80           quizzes: percent needed to pass
//   order: 30               modules and policies: place in the teaching order,
//                           lowest first; items without one come after
//   ---
//
// A module's body is split into pages at each `# ` heading. A quiz's body is
// questions:
//
//   ## What should you do with an unexpected attachment?
//   - [ ] Open it to see what it is
//   - [x] Report it to the Security Official
//   Why: Attachments are the commonest way malware arrives.
//
// exactly one `[x]` per question, two or more choices, `Why:` optional.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "crypto/hash.h"

namespace attest::content {

enum class Kind { kModule, kQuiz, kPolicy, kReminder };
std::string_view kind_name(Kind k);

struct Page {
  std::string title;
  std::string markdown;  // the page's text, heading line excluded
};

struct Question {
  std::string prompt;
  std::vector<std::string> choices;
  int correct = -1;  // index into choices
  std::string why;
  int line = 0;
};

struct Item {
  Kind kind = Kind::kModule;
  std::string id;
  int version = 0;
  std::string title;
  std::optional<Date> effective;
  std::string cfr;
  std::vector<std::string> roles;  // {"all"} when every role
  int retrain_days = 0;
  std::optional<int> order;  // modules and policies: teaching order, lowest first
  std::string quiz_id;    // modules
  std::string module_id;  // quizzes
  int pass_mark = 0;      // quizzes, percent
  std::string body;       // Markdown after the front matter
  std::vector<Page> pages;          // modules
  std::vector<Question> questions;  // quizzes
  crypto::Sha256 sha256{};          // of the file's exact bytes
  std::filesystem::path file;
};

struct LoadError {
  std::filesystem::path file;
  int line = 0;  // 1-based; 0 when the problem is the whole file
  std::string message;
  std::string to_string() const;  // "file:line: message"
};

struct Catalog {
  std::vector<Item> items;
  std::vector<LoadError> errors;

  const Item* find(Kind kind, std::string_view id) const;  // newest version
  std::vector<const Item*> of_kind(Kind kind) const;
};

// Parses one file's text; `file` is only used in messages. On any problem
// returns nullopt and appends every problem found to `errors`.
std::optional<Item> parse_item(std::string_view text, const std::filesystem::path& file,
                        std::vector<LoadError>& errors);

// Loads every *.md under `dir` (recursively, in sorted order). A bad file
// adds errors naming its path and line and is skipped; every other file still
// loads. Cross-file problems (a quiz for a missing module, a duplicate id and
// version) are errors too.
Catalog load_catalog(const std::filesystem::path& dir);

// The consent line a person ticks before signing a policy. Defined once:
// the screen shows it and the PolicyAttested record keeps it word for word.
std::string consent_sentence(const Item& policy);

}  // namespace attest::content
