#include <algorithm>
#include <cmath>

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
    CellBox box{w.wrap(face, p.size, cell.text, inner), face, tone_colour(cell.tone), p.size, sig};
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
  if (header) w.fill_rect(w.left(), bottom, w.width(), r.height, kHeaderFill);
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
    w.line(w.left(), bottom, w.left() + w.width(), bottom, 0.8f, kSecondary);
  } else {
    w.line(w.left(), bottom, w.left() + w.width(), bottom, 0.4f, kRule);
  }
  w.down(r.height);
}

// The header row plus the first row.
float lead_height(const Writer& w, const Table& t, const TablePlan& p, const RowBox& header) {
  float h = header.height;
  if (!t.rows.empty()) h += layout_row(w, p, t.rows.front()).height;
  return std::min(h, w.body_height());
}

}  // namespace

float table_lead_height(const Writer& w, const Table& t) {
  if (t.columns.empty()) return 0;
  const TablePlan p = plan_table(w, t);
  return lead_height(w, t, p, layout_header(w, t, p));
}

void draw_table(Writer& w, const Table& t) {
  if (t.columns.empty()) return;
  const TablePlan p = plan_table(w, t);
  RowBox header = layout_header(w, t, p);
  clip(w, p.cols, header, w.body_height() / 3);
  const float max_row = w.body_height() - header.height;
  if (lead_height(w, t, p, header) > w.room() && !w.at_top()) w.new_page(w.page_size());
  draw_row(w, p.cols, header, true);
  for (const auto& row : t.rows) {
    RowBox r = layout_row(w, p, row);
    clip(w, p.cols, r, max_row);
    if (r.height > w.room()) {
      w.new_page(w.page_size());
      draw_row(w, p.cols, header, true);
    }
    draw_row(w, p.cols, r, false);
  }
}

}  // namespace attest::report::pdf
