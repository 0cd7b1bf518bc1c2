#include "report/html_columns.h"

#include <algorithm>
#include <string_view>

#include "report/text.h"

namespace attest::report::html {

namespace {

// A key column is at least this many em wide per unit of weight: about
// 9em for a person's name.
constexpr double kKeyEmPerWeight = 4;
// Rough widths, for what HTML cannot measure: in DejaVu Sans Bold (the
// status cells) digits are 0.70em, most letters narrower, 'm' and 'w'
// wider; a generous guess only costs a little room, a mean one breaks
// "2026-12-10" at a hyphen. Padding is 0.5rem a side at 0.9rem.
constexpr double kEmPerChar = 0.75;
constexpr double kCellPadEm = 1.15;
// A cell's two lines need not be longer than this: a long note wraps.
constexpr size_t kReadableChars = 20;

std::vector<size_t> word_lengths(std::string_view text) {
  std::vector<size_t> lengths(1, 0);
  for_each_code_point(text, [&](char32_t cp, std::string_view) {
    if (cp == ' ' || cp == '\n') {
      if (lengths.back() > 0) lengths.push_back(0);
    } else {
      lengths.back()++;
    }
  });
  if (lengths.back() == 0) lengths.pop_back();
  return lengths;
}

// The characters of `text`'s longest word, and of its longer line when
// broken at a space into two lines as evenly as it can be.
struct Chars {
  size_t word = 0;
  size_t two_lines = 0;
};

Chars chars_of(std::string_view text) {
  const auto lengths = word_lengths(text);
  Chars c;
  size_t total = lengths.empty() ? 0 : lengths.size() - 1;  // the spaces
  for (size_t n : lengths) {
    c.word = std::max(c.word, n);
    total += n;
  }
  c.two_lines = total;
  size_t first = 0;
  for (size_t k = 1; k < lengths.size(); ++k) {
    first += lengths[k - 1] + (k > 1 ? 1 : 0);
    c.two_lines = std::min(c.two_lines, std::max(first, total - first - 1));
  }
  c.two_lines = std::max(c.word, std::min(c.two_lines, kReadableChars));
  return c;
}

double em_for(size_t chars) { return double(chars) * kEmPerChar + kCellPadEm; }

}  // namespace

KeyedLayout keyed_layout(const Table& t) {
  KeyedLayout k;
  const size_t keys = std::min(t.key_columns, t.columns.size());
  if (keys == 0) return k;
  std::vector<size_t> word(keys, 0);
  size_t other = 0;
  for (size_t i = 0; i < keys; ++i) word[i] = chars_of(t.columns[i].name).word;
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
      const Chars c = chars_of(row[i].text);
      if (i < keys) {
        word[i] = std::max(word[i], c.word);
      } else {
        other = std::max(other, c.two_lines);
      }
    }
  }
  for (size_t i = 0; i < keys; ++i) {
    const double left = i == 0 ? 0 : k.keys.back().left + k.keys.back().width;
    const double width =
        std::max(kKeyEmPerWeight * std::max(t.columns[i].weight, 0.0), em_for(word[i]));
    k.keys.push_back({left, width, i + 1 == keys});
  }
  k.other_min = other ? em_for(other) : 0;
  return k;
}

}  // namespace attest::report::html
