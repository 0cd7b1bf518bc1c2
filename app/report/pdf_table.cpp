#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>

#include "report/pdf_blocks.h"
#include "report/pdf_columns.h"
#include "report/signature_fit.h"

namespace attest::report::pdf {

namespace {

constexpr float kLineHeight = 1.28f;  // leading / size
constexpr float kAscent = 0.93f;      // first baseline below a line's top / size
constexpr float kPadX = kCellPadX;
constexpr float kPadY = 4;
// A signature gets up to 110 × 32 pt, about the pad's shape and a row of
// about 40 pt: enough to tell two signatures apart. A wide signature in a
// narrow column is drawn smaller, and its row shrinks with it rather than
// keep empty space above and below.
constexpr float kSigHeight = 32;
constexpr float kSigMinHeight = 14;
constexpr float kSigMaxWidth = 110;
constexpr float kSigGap = 2;
constexpr float kSigInset = kSignatureInk / 2;

struct CellBox {
  std::vector<std::string> lines;
  Face face = Face::kRegular;
  Rgb colour = kText;
  float size = kTableSize;
  const Strokes* signature = nullptr;
  float sig_width = 0;
  float sig_height = 0;
};

struct RowBox {
  std::vector<CellBox> cells;
  float height = 0;
};

float leading(const CellBox& c) { return c.size * kLineHeight; }

float cell_height(const CellBox& c) {
  float h = float(c.lines.size()) * leading(c);
  if (c.signature) h += (c.lines.empty() ? 0 : kSigGap) + c.sig_height;
  return h;
}

void measure(RowBox& r) {
  float h = 0;
  for (const auto& c : r.cells) h = std::max({h, leading(c), cell_height(c)});
  r.height = h + 2 * kPadY;
}

RowBox layout_header(const Writer& w, const Table& t, const TablePlan& p) {
  RowBox r;
  for (size_t i = 0; i < p.cols.size(); ++i) {
    r.cells.push_back({w.wrap(Face::kBold, p.size, t.columns[i].name, p.cols[i].width - 2 * kPadX),
                       Face::kBold, kText, p.size, nullptr});
  }
  measure(r);
  return r;
}

// A cell's last line is not one word alone when the word before it fits
// beside it: "overdue" over "296 days", not "overdue 296" over "days".
std::vector<std::string> wrap_cell(const Writer& w, Face face, float size, std::string_view text,
                                   float width) {
  std::vector<std::string> lines = w.wrap(face, size, text, width);
  if (lines.size() < 2 || text.find('\n') != std::string_view::npos) return lines;
  std::string& last = lines.back();
  std::string& before = lines[lines.size() - 2];
  const size_t space = before.rfind(' ');
  // A word that wrap() broke between characters has no space before it.
  if (last.find(' ') != std::string::npos || space == std::string::npos) return lines;
  // Nor is a number left alone above its unit: "45 CFR" over "164.310(b)",
  // not "45" over "CFR 164.310(b)".
  const bool letters_stay = std::any_of(before.begin(), before.begin() + static_cast<std::ptrdiff_t>(space),
                                        [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  if (!letters_stay) return lines;
  std::string moved = before.substr(space + 1) + ' ' + last;
  if (w.text_width(face, size, moved) > width) return lines;
  before.resize(space);
  last = std::move(moved);
  return lines;
}

RowBox layout_row(const Writer& w, const TablePlan& p, const std::vector<Cell>& row) {
  RowBox r;
  for (size_t i = 0; i < p.cols.size(); ++i) {
    // A short row (a bug upstream) prints blank cells rather than nothing.
    static const Cell kBlank;
    const Cell& cell = i < row.size() ? row[i] : kBlank;
    // Bold for the worst news: colour alone is lost on a grey printer.
    const Face face = cell.tone == Tone::kBad ? Face::kBold : Face::kRegular;
    const Strokes* sig = cell.signature && !cell.signature->empty() ? &*cell.signature : nullptr;
    const float inner = p.cols[i].width - 2 * kPadX;
    CellBox box{wrap_cell(w, face, p.size, cell.text, inner), face, tone_colour(cell.tone), p.size,
                sig};
    if (sig) {
      box.sig_width = std::min(inner, kSigMaxWidth);
      const SignatureFit fit = fit_signature(*sig, box.sig_width, kSigHeight, kSigInset);
      box.sig_height = std::clamp(float(fit.height) + 2 * kSigInset, kSigMinHeight, kSigHeight);
    }
    r.cells.push_back(std::move(box));
  }
  measure(r);
  return r;
}

// A row taller than a page cannot stay whole; it keeps what fits and says
// that something was cut, so nothing runs off the page.
void clip(const Writer& w, const std::vector<Col>& cols, RowBox& r, float max_height) {
  if (r.height <= max_height) return;
  for (size_t i = 0; i < r.cells.size(); ++i) {
    CellBox& c = r.cells[i];
    const float sig = c.signature ? kSigGap + c.sig_height : 0;
    const auto fit = size_t(std::max(1.f, std::floor((max_height - 2 * kPadY - sig) / leading(c))));
    if (c.lines.size() <= fit) continue;
    c.lines.resize(fit);
    c.lines.back() = w.shorten(c.face, c.size, c.lines.back() + "…", cols[i].width - 2 * kPadX);
  }
  measure(r);
}

void draw_row(Writer& w, const std::vector<Col>& cols, const RowBox& r, bool header) {
  const float top = w.y();
  const float bottom = top - r.height;
  // A column group narrower than the page ends its rules with its columns.
  const float left = cols.front().x, right = cols.back().x + cols.back().width;
  if (header) w.fill_rect(left, bottom, right - left, r.height, kHeaderFill);
  for (size_t i = 0; i < cols.size(); ++i) {
    const Col& col = cols[i];
    const CellBox& c = r.cells[i];
    float baseline = top - kPadY - c.size * kAscent;
    for (const auto& line : c.lines) {
      if (col.numeric) {
        w.text_right(c.face, c.size, c.colour, col.x + col.width - kPadX, baseline, line);
      } else {
        w.text(c.face, c.size, c.colour, col.x + kPadX, baseline, line);
      }
      baseline -= leading(c);
    }
    if (c.signature) {
      const float sig_top =
          top - kPadY - float(c.lines.size()) * leading(c) - (c.lines.empty() ? 0 : kSigGap);
      const float x = col.numeric ? col.x + col.width - kPadX - c.sig_width : col.x + kPadX;
      w.signature(*c.signature, x, sig_top, c.sig_width, c.sig_height);
    }
  }
  if (header) {
    w.line(left, bottom, right, bottom, 0.8f, kSecondary);
  } else {
    w.line(left, bottom, right, bottom, 0.4f, kRule);
  }
  w.down(r.height);
}

// The caption over a column group: "Modules and policies 1–7 of 14".
constexpr float kCaptionSize = 10;
constexpr float kCaptionHeight = 17;  // its line and the gap below it
constexpr float kGroupGap = 16;       // above a group that follows on the same page

std::string caption_of(const Table& t, ColumnGroup g) {
  const size_t keys = std::min(t.key_columns, t.columns.size());
  const size_t others = t.columns.size() - keys;
  std::string range = std::to_string(g.first - keys + 1);
  if (g.end - g.first > 1) range += "–" + std::to_string(g.end - keys);
  return t.group_caption + " " + range + " of " + std::to_string(others);
}

// The key columns and the group's columns, every row.
Table slice(const Table& t, ColumnGroup g) {
  const size_t keys = std::min(t.key_columns, t.columns.size());
  std::vector<size_t> picked;
  for (size_t i = 0; i < keys; ++i) picked.push_back(i);
  for (size_t i = g.first; i < g.end; ++i) picked.push_back(i);
  Table part;
  part.key_columns = keys;
  part.group_caption = t.group_caption;
  for (size_t i : picked) part.columns.push_back(t.columns[i]);
  static const Cell kBlank;
  part.rows.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    std::vector<Cell> cells;
    cells.reserve(picked.size());
    for (size_t i : picked) cells.push_back(i < row.size() ? row[i] : kBlank);
    part.rows.push_back(std::move(cells));
  }
  return part;
}

void draw_caption(Writer& w, const std::string& caption, bool continued) {
  const float baseline = w.y() - kCaptionSize * kAscent;
  w.text(Face::kBold, kCaptionSize, kText, w.left(), baseline, caption);
  if (continued) {
    w.text(Face::kRegular, kCaptionSize, kSecondary,
           w.left() + w.text_width(Face::kBold, kCaptionSize, caption + " "), baseline,
           "(continued)");
  }
  w.down(kCaptionHeight);
}

// A table, or one column group of it, ready to draw.
struct Part {
  const Table* table = nullptr;
  TablePlan plan;
  RowBox header;
  std::string caption;  // above the header row on every page; may be empty
  float head() const { return header.height + (caption.empty() ? 0 : kCaptionHeight); }
};

// The parts of `t`: itself, or one per column group, each group's rows in
// `slices`.
std::vector<Part> parts_of(const Writer& w, const Table& t, std::vector<Table>& slices) {
  const ColumnLayout layout = column_layout(w, t);
  std::vector<Part> parts;
  if (!layout.split()) {
    parts.push_back({&t, plan_table(w, t), {}, ""});
  } else {
    slices.reserve(layout.groups.size());  // the parts point into it
    for (const ColumnGroup& g : layout.groups) {
      slices.push_back(slice(t, g));
      parts.push_back(
          {&slices.back(), plan_group(w, layout, g, slices.back()), {}, caption_of(t, g)});
    }
  }
  for (Part& p : parts) {
    p.header = layout_header(w, *p.table, p.plan);
    clip(w, p.plan.cols, p.header, w.body_height() / 3);
  }
  return parts;
}

// The tallest part's caption and header row: every part is paginated as
// if its head were this tall.
float head_of(const std::vector<Part>& parts) {
  float head = 0;
  for (const Part& p : parts) head = std::max(head, p.head());
  return head;
}

// Each row (of the first `limit`) as tall as in the tallest part: the
// groups of a split table then line up row for row, page for page.
std::vector<float> row_heights(const Writer& w, const std::vector<Part>& parts, float max_row,
                               size_t limit = SIZE_MAX) {
  std::vector<float> heights(std::min(parts.front().table->rows.size(), limit), 0);
  for (const Part& p : parts) {
    for (size_t r = 0; r < heights.size(); ++r) {
      RowBox box = layout_row(w, p.plan, p.table->rows[r]);
      clip(w, p.plan.cols, box, max_row);
      heights[r] = std::max(heights[r], box.height);
    }
  }
  return heights;
}

// The head (caption and header row) and the first row: what must fit
// below a heading, and on the page where the table starts.
float lead_height(const Writer& w, float head, const std::vector<float>& heights) {
  return std::min(head + (heights.empty() ? 0 : heights.front()), w.body_height());
}

// The rows that start a new page, for a table whose head goes at the cursor.
std::vector<bool> page_breaks(const Writer& w, float head, const std::vector<float>& heights) {
  std::vector<bool> breaks(heights.size(), false);
  float room = w.room() - head;
  for (size_t r = 0; r < heights.size(); ++r) {
    if (heights[r] > room) {
      breaks[r] = true;
      room = w.body_height() - head;
    }
    room -= heights[r];
  }
  return breaks;
}

void draw_part(Writer& w, const Part& p, const std::vector<float>& heights,
               const std::vector<bool>& breaks, float max_row) {
  if (!p.caption.empty()) draw_caption(w, p.caption, false);
  draw_row(w, p.plan.cols, p.header, true);
  for (size_t r = 0; r < heights.size(); ++r) {
    if (breaks[r]) {
      w.new_page(w.page_size());
      if (!p.caption.empty()) draw_caption(w, p.caption, true);
      draw_row(w, p.plan.cols, p.header, true);
    }
    RowBox box = layout_row(w, p.plan, p.table->rows[r]);
    clip(w, p.plan.cols, box, max_row);
    box.height = heights[r];
    draw_row(w, p.plan.cols, box, false);
  }
}

}  // namespace

float table_lead_height(const Writer& w, const Table& t) {
  if (t.columns.empty()) return 0;
  std::vector<Table> slices;
  const auto parts = parts_of(w, t, slices);
  const float head = head_of(parts);
  return lead_height(w, head, row_heights(w, parts, w.body_height() - head, 1));
}

void draw_table(Writer& w, const Table& t) {
  if (t.columns.empty()) return;
  std::vector<Table> slices;
  const auto parts = parts_of(w, t, slices);
  const float head = head_of(parts);
  const float max_row = w.body_height() - head;
  const auto heights = row_heights(w, parts, max_row);
  if (lead_height(w, head, heights) > w.room() && !w.at_top()) w.new_page(w.page_size());
  // Every group breaks its pages at the same rows, so page k of each
  // group holds the same people.
  const auto breaks = page_breaks(w, head, heights);
  const bool one_page = std::find(breaks.begin(), breaks.end(), true) == breaks.end();
  const float whole = std::accumulate(heights.begin(), heights.end(), head);
  // All the rows for one group of columns, then the next: each group reads
  // as a table of its own, the person's name at the left of every row. A
  // group starts a page of its own unless all of it fits below the last
  // (a practice of a few people need not get a page per group).
  for (size_t g = 0; g < parts.size(); ++g) {
    if (g > 0) {
      if (one_page && kGroupGap + whole <= w.room()) {
        w.down(kGroupGap);
      } else {
        w.new_page(w.page_size());
      }
    }
    draw_part(w, parts[g], heights, breaks, max_row);
  }
}

}  // namespace attest::report::pdf
