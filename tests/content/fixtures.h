// Shared by the content tests: one good file of each kind, which the
// malformed cases are variations of.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "content/content.h"
#include "support/temp_dir.h"

namespace attest::content::testing {

using attest::testing::TempDir;

// `text` with its 1-based line `n` replaced by `replacement` (which may hold
// '\n' to become several lines), or removed when `replacement` is nullopt.
inline std::string edit_line(std::string_view text, int n,
                             std::optional<std::string_view> replacement) {
  std::string out;
  int line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line != n) {
      out += text.substr(pos, end - pos);
    } else if (replacement) {
      out += std::string(*replacement) + "\n";
    }
    pos = end;
    ++line;
  }
  REQUIRE(line > n);  // the edit must land inside the text
  return out;
}

// The first `n` lines of `text`.
inline std::string first_lines(std::string_view text, int n) {
  std::size_t pos = 0;
  for (int i = 0; i < n; ++i) pos = text.find('\n', pos) + 1;
  return std::string(text.substr(0, pos));
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

inline std::string errors_text(const std::vector<LoadError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

// Line numbers matter to the tests, so every fixture line is numbered.
// clang-format off
inline constexpr std::string_view kGoodModule =
    "---\n"                                                    // 1
    "kind: module\n"                                           // 2
    "id: phishing\n"                                           // 3
    "version: 2\n"                                             // 4
    "title: Phishing and social engineering\n"                 // 5
    "effective: 2026-01-15\n"                                  // 6
    "cfr: 45 CFR 164.308(a)(5)(ii)(B)\n"                       // 7
    "roles: front-desk, clinical ,billing\n"                   // 8
    "retrain_days: 365\n"                                      // 9
    "quiz: phishing-quiz\n"                                    // 10
    "---\n"                                                    // 11
    "\n"                                                       // 12
    "# What phishing is\n"                                     // 13
    "A phishing message pretends to be someone you trust.\n"   // 14
    "\n"                                                       // 15
    "It wants a password or a click.\n"                        // 16
    "\n"                                                       // 17
    "# What to do\n"                                           // 18
    "Report it to the Security Official.\n"                    // 19
    "```\n"                                                    // 20
    "# not a page: inside a code block\n"                      // 21
    "```\n";                                                   // 22

inline constexpr std::string_view kGoodQuiz =
    "---\n"                                                    // 1
    "kind: quiz\n"                                             // 2
    "id: phishing-quiz\n"                                      // 3
    "version: 1\n"                                             // 4
    "title: Phishing check\n"                                  // 5
    "module: phishing\n"                                       // 6
    "pass_mark: 80\n"                                          // 7
    "---\n"                                                    // 8
    "\n"                                                       // 9
    "## What should you do with an unexpected attachment?\n"   // 10
    "- [ ] Open it to see what it is\n"                        // 11
    "- [x] Report it to the Security Official\n"               // 12
    "Why: Attachments are the commonest way malware arrives.\n" // 13
    "\n"                                                       // 14
    "## Who may ask you for your password?\n"                  // 15
    "- [ ] IT support\n"                                       // 16
    "- [ ] Your manager\n"                                     // 17
    "- [X] Nobody\n";                                          // 18

inline constexpr std::string_view kGoodPolicy =
    "---\n"                                                    // 1
    "kind: policy\n"                                           // 2
    "id: acceptable-use\n"                                     // 3
    "version: 1\n"                                             // 4
    "title: Acceptable use\n"                                  // 5
    "effective: 2026-01-01\n"                                  // 6
    "cfr: 45 CFR 164.310(b)\n"                                 // 7
    "roles: all\n"                                             // 8
    "retrain_days: 365\n"                                      // 9
    "---\n"                                                    // 10
    "\n"                                                       // 11
    "# Acceptable use\n"                                       // 12
    "\n"                                                       // 13
    "Use practice computers for practice work.\n"              // 14
    "\n";                                                      // 15

inline constexpr std::string_view kGoodReminder =
    "---\n"                                                    // 1
    "kind: reminder\n"                                         // 2
    "id: lock-your-screen\n"                                   // 3
    "version: 3\n"                                             // 4
    "title: Lock your screen\n"                                // 5
    "---\n"                                                    // 6
    "Press Windows+L when you step away.\n";                   // 7

// clang-format on

}  // namespace attest::content::testing
