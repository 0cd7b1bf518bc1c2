// Internal to app/report: how wide the HTML renderer makes the columns of
// a table with key columns (a compliance matrix: Person, Role, then a
// column per module). The key columns stay in view while the rest of the
// row scrolls sideways, so each must be exactly as wide as the next one's
// offset says: wide enough for its longest word, its cells breaking
// anywhere rather than widen it. The other columns are alike and each gets
// what the widest of them needs for its cells to take at most two lines,
// so "2026-12-10" is not broken at a hyphen. HTML cannot measure text, so
// widths are estimated from character counts, generously.
#pragma once

#include <vector>

#include "report/document.h"

namespace attest::report::html {

struct KeyColumn {
  double left = 0;   // em from the table's left edge
  double width = 0;  // em
  bool last = false;
};

struct KeyedLayout {
  std::vector<KeyColumn> keys;  // empty when the table has no key columns
  double other_min = 0;         // em, each other column's least width
};

KeyedLayout keyed_layout(const Table& t);

}  // namespace attest::report::html
