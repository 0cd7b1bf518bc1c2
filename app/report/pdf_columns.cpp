#include "report/pdf_columns.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attest::report::pdf {

namespace {

// Longer words (hashes, addresses) break anyway; they must not squeeze the
// other columns or shrink the table to keep themselves whole.
constexpr size_t kLongestWholeWord = 16;

// The width at kTableSize of the longest ordinary word of `text`.
float longest_word(const Writer& w, Face face, std::string_view text) {
  float widest = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find_first_of(" \n", i), text.size());
    const std::string_view word = text.substr(i, end - i);
    i = end + 1;
    size_t chars = 0;
    for (char ch : word) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    if (chars == 0 || chars > kLongestWholeWord) continue;
    widest = std::max(widest, w.text_width(face, kTableSize, word));
  }
  return widest;
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
  std::vector<double> weights;
  std::vector<float> word(n, 0);  // each column's longest word at kTableSize
  for (size_t i = 0; i < n; ++i) {
    weights.push_back(std::max(t.columns[i].weight, 0.0));
    word[i] = longest_word(w, Face::kBold, t.columns[i].name);
    for (const auto& row : t.rows) {
      if (i >= row.size()) continue;
      const Face face = row[i].tone == Tone::kBad ? Face::kBold : Face::kRegular;
      word[i] = std::max(word[i], longest_word(w, face, row[i].text));
    }
  }
  TablePlan plan;
  std::vector<float> widths;
  std::vector<float> minimum(n);
  bool fits = false;
  // Half-point steps: a table at 7.5 pt reads as deliberate, 7.43 pt as noise.
  for (float size = kTableSize; size >= kTableMinSize && !fits; size -= 0.5f) {
    for (size_t i = 0; i < n; ++i) minimum[i] = word[i] * size / kTableSize + 2 * kCellPadX + 0.5f;
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

}  // namespace attest::report::pdf
