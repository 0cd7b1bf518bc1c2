#include "report/pdf_columns.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

namespace attest::report::pdf {

namespace {

// Longer words (hashes, addresses) break anyway; they must not squeeze the
// other columns or shrink the table to keep themselves whole.
constexpr size_t kLongestWholeWord = 16;
// A cell's two lines need not be wider than this (about 20 characters): a
// long note wraps onto more lines rather than claim a page of its own.
constexpr float kReadableLine = 110;
// A column's padding, and half a point so a word that just fits is not
// broken by rounding.
constexpr float kPadding = 2 * kCellPadX + 0.5f;

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find_first_of(" \n", i), text.size());
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

size_t chars_of(std::string_view word) {
  size_t chars = 0;
  for (char ch : word) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return chars;
}

struct Need {
  float word = 0;      // the longest ordinary word, whole
  float readable = 0;  // that, and each short cell on at most two lines
};

// What `text` needs at kTableSize.
Need need_of(const Writer& w, Face face, std::string_view text) {
  const auto words = words_of(text);
  Need n;
  std::vector<float> widths;
  for (const auto word : words) {
    widths.push_back(w.text_width(face, kTableSize, word));
    if (chars_of(word) <= kLongestWholeWord) n.word = std::max(n.word, widths.back());
  }
  if (words.empty()) return n;
  // The narrowest break into two lines: "overdue" over "296 days".
  const float space = w.text_width(face, kTableSize, " ");
  const float total =
      std::accumulate(widths.begin(), widths.end(), 0.f) + space * float(widths.size() - 1);
  float two_lines = total, first = 0;
  for (size_t k = 1; k < widths.size(); ++k) {
    first += widths[k - 1] + (k > 1 ? space : 0);
    two_lines = std::min(two_lines, std::max(first, total - first - space));
  }
  n.readable = std::max(n.word, std::min(two_lines, kReadableLine));
  return n;
}

// Each column's needs, padding not included.
std::vector<Need> column_needs(const Writer& w, const Table& t) {
  std::vector<Need> needs(t.columns.size());
  for (size_t i = 0; i < t.columns.size(); ++i) {
    // A header only has to keep its words whole: it may take more lines.
    needs[i].word = need_of(w, Face::kBold, t.columns[i].name).word;
    needs[i].readable = needs[i].word;
    for (const auto& row : t.rows) {
      if (i >= row.size()) continue;
      const Face face = row[i].tone == Tone::kBad ? Face::kBold : Face::kRegular;
      const Need n = need_of(w, face, row[i].text);
      needs[i].word = std::max(needs[i].word, n.word);
      needs[i].readable = std::max(needs[i].readable, n.readable);
    }
  }
  return needs;
}

// What each column of a keyed table needs to be readable, padding
// included. The columns after the key columns are alike (a module each),
// so they all get what the widest of them needs: a matrix reads as a grid.
std::vector<float> readable_minimum(const std::vector<Need>& needs, size_t keys) {
  float widest = 0;
  for (size_t i = keys; i < needs.size(); ++i) widest = std::max(widest, needs[i].readable);
  std::vector<float> minimum;
  for (size_t i = 0; i < needs.size(); ++i) {
    minimum.push_back((i < keys ? needs[i].readable : widest) + kPadding);
  }
  return minimum;
}

// Shares `total` by weight, then raises each column below its minimum to
// it, taking the difference from the others in proportion to their spare
// room. Returns false when the minimums alone exceed `total`.
bool share(const std::vector<double>& weights, const std::vector<float>& minimum, float total,
           std::vector<float>& widths) {
  const float need = std::accumulate(minimum.begin(), minimum.end(), 0.f);
  if (need > total) return false;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  widths.assign(weights.size(), 0);
  float deficit = 0, spare = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    widths[i] = float(total * (sum > 0 ? weights[i] / sum : 1.0 / weights.size()));
    if (widths[i] < minimum[i]) {
      deficit += minimum[i] - widths[i];
    } else {
      spare += widths[i] - minimum[i];
    }
  }
  for (size_t i = 0; i < widths.size(); ++i) {
    if (widths[i] < minimum[i]) {
      widths[i] = minimum[i];
    } else if (spare > 0) {
      widths[i] -= deficit * (widths[i] - minimum[i]) / spare;
    }
  }
  return true;
}

}  // namespace

TablePlan plan_table(const Writer& w, const Table& t) {
  const size_t n = t.columns.size();
  const std::vector<Need> needs = column_needs(w, t);
  std::vector<double> weights;
  for (const auto& c : t.columns) weights.push_back(std::max(c.weight, 0.0));
  TablePlan plan;
  std::vector<float> widths;
  std::vector<float> minimum(n);
  bool fits = false;
  // A keyed table is split until this holds for each group (column_groups).
  if (t.key_columns > 0) {
    fits = share(weights, readable_minimum(needs, std::min(t.key_columns, n)), w.width(), widths);
  }
  // Half-point steps: a table at 7.5 pt reads as deliberate, 7.43 pt as noise.
  for (float size = kTableSize; size >= kTableMinSize && !fits; size -= 0.5f) {
    for (size_t i = 0; i < n; ++i) minimum[i] = needs[i].word * size / kTableSize + kPadding;
    fits = share(weights, minimum, w.width(), widths);
    plan.size = size;
  }
  // Too many columns even at the smallest size (a matrix forced onto a
  // portrait page): the weights alone decide, and long words break.
  if (!fits) share(weights, std::vector<float>(n, 0), w.width(), widths);
  float x = w.left();
  for (size_t i = 0; i < n; ++i) {
    plan.cols.push_back({x, widths[i], t.columns[i].numeric});
    x += widths[i];
  }
  return plan;
}

ColumnLayout column_layout(const Writer& w, const Table& t) {
  const size_t n = t.columns.size();
  const size_t keys = std::min(t.key_columns, n);
  ColumnLayout layout;
  if (keys == 0 || keys == n) {
    layout.groups = {{keys, n}};
    return layout;
  }
  std::vector<float> need;
  for (const Need& c : column_needs(w, t)) need.push_back(c.readable + kPadding);
  const float key_need = std::accumulate(need.begin(), need.begin() + long(keys), 0.f);
  // Equal groups rather than full ones and a remnant (7 + 7 + 6, not
  // 8 + 8 + 4); each of a group's columns needs what its widest needs.
  const size_t others = n - keys;
  auto groups_of = [&](size_t count) {
    std::vector<ColumnGroup> groups;
    size_t first = keys;
    for (size_t g = 0; g < count; ++g) {
      const size_t end = first + others / count + (g < others % count ? 1 : 0);
      groups.push_back({first, end});
      first = end;
    }
    return groups;
  };
  auto column_need = [&](const ColumnGroup& g) {
    return *std::max_element(need.begin() + long(g.first), need.begin() + long(g.end));
  };
  auto fits = [&](const ColumnGroup& g) {
    return key_need + float(g.end - g.first) * column_need(g) <= w.width();
  };
  size_t count = 1;
  layout.groups = groups_of(count);
  while (count < others && !std::all_of(layout.groups.begin(), layout.groups.end(), fits)) {
    layout.groups = groups_of(++count);
  }
  if (count == 1) return layout;
  // Not even one column beside the key columns is readable (a matrix
  // forced onto a narrow page): plan_table shrinks each group instead.
  if (!std::all_of(layout.groups.begin(), layout.groups.end(), fits)) return layout;
  // The key columns as wide in every group, so each row starts alike on
  // every page: what the tightest group, shared by weight, leaves them.
  layout.key_widths.assign(keys, w.width());
  for (const ColumnGroup& g : layout.groups) {
    std::vector<double> weights;
    std::vector<float> least, widths;
    for (size_t i = 0; i < g.end; ++i) {
      if (i >= keys && i < g.first) continue;
      weights.push_back(std::max(t.columns[i].weight, 0.0));
      least.push_back(i < keys ? need[i] : column_need(g));
    }
    if (!share(weights, least, w.width(), widths)) widths = least;  // fits: checked above
    for (size_t i = 0; i < keys; ++i) {
      layout.key_widths[i] = std::min(layout.key_widths[i], widths[i]);
    }
  }
  // The group's columns share what the key columns leave.
  const float key_width = std::accumulate(layout.key_widths.begin(), layout.key_widths.end(), 0.f);
  for (ColumnGroup& g : layout.groups) {
    g.column_width = (w.width() - key_width) / float(g.end - g.first);
  }
  return layout;
}

TablePlan plan_group(const Writer& w, const ColumnLayout& layout, const ColumnGroup& group,
                     const Table& part) {
  if (layout.key_widths.empty()) return plan_table(w, part);
  TablePlan plan;
  float x = w.left();
  for (size_t i = 0; i < part.columns.size(); ++i) {
    const float width = i < layout.key_widths.size() ? layout.key_widths[i] : group.column_width;
    plan.cols.push_back({x, width, part.columns[i].numeric});
    x += width;
  }
  return plan;
}

}  // namespace attest::report::pdf
