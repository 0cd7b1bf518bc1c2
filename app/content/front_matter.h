// The `key: value` header between the two `---` lines: reading it, and
// checking and copying its values into an Item. Internal to app/content.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/content.h"

namespace attest::content {

// Where parse problems go; every one names the file.
struct Problems {
  const std::filesystem::path& file;
  std::vector<LoadError>& errors;
  void add(int line, std::string message) const {
    errors.push_back({file, line, std::move(message)});
  }
};

struct Field {
  std::string_view value;  // trimmed
  int line = 0;
};

struct FrontMatter {
  std::map<std::string, Field, std::less<>> fields;
  int close_line = 0;          // the closing `---`
  std::size_t body_start = 0;  // index into the lines of the first body line
};

// nullopt when there is no front matter to speak of (no opening or no closing
// `---`); a bad line inside it is reported and skipped so later lines are
// still checked.
std::optional<FrontMatter> read_front_matter(const std::vector<std::string_view>& lines,
                                             const Problems& problems);

// Checks every value against its kind's rules and fills `item`. Returns false
// only when the kind itself is missing or unknown, since then the body's
// format is unknown too.
bool apply_front_matter(const FrontMatter& fm, Item& item, const Problems& problems);

}  // namespace attest::content
