#include "report/html.h"

#include <algorithm>
#include <charconv>

#include "report/html_columns.h"
#include "report/signature_fit.h"
#include "report/text.h"

namespace attest::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : valid_utf8(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// The kiosk theme's colours (DESIGN.md), each at least 5.3:1 on white.
// Selectors avoid '>' so the style sheet holds nothing an HTML reader could
// take for markup.
constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; background: #FFFFFF; color: #1B1F24;
  font: 16px/1.45 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header.report { border-bottom: 2px solid #1F5FAF; padding-bottom: 0.5rem; margin-bottom: 1rem; }
.practice { margin: 0; color: #5A6472; font-weight: 600; }
h1 { margin: 0.2rem 0; font-size: 1.6rem; line-height: 1.2; }
h2 { margin: 1.4rem 0 0.5rem; font-size: 1.2rem; }
.generated { margin: 0.2rem 0; color: #5A6472; font-size: 0.9rem; }
ul.scope { margin: 0.3rem 0 0; padding-left: 1.2rem; color: #5A6472; font-size: 0.9rem; }
p { margin: 0.5rem 0; white-space: pre-line; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { padding: 0.35rem 0.5rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid #D5DAE0; white-space: pre-line; overflow-wrap: break-word; }
th { background: #EEF1F4; border-bottom: 2px solid #5A6472; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.keyed .key { position: sticky; left: 0; z-index: 1; background: #FFFFFF; overflow-wrap: anywhere; }
.keyed th.key { background: #EEF1F4; }
.keyed .key-end { box-shadow: inset -1px 0 #D5DAE0; }
.keyed th, .keyed td { text-wrap: balance; }
.nb { white-space: nowrap; }
.good { color: #1E7A46; font-weight: 600; }
.warn { color: #9A5B00; font-weight: 600; }
.bad { color: #B42318; font-weight: 700; }
.muted { color: #5A6472; }
svg.signature { display: block; margin-top: 0.2rem; max-width: 100%; height: auto; }
svg.signature path { fill: none; stroke: #1B1F24; stroke-width: 1.6; stroke-linecap: round;
  stroke-linejoin: round; }
section.certificate { border: 3px double #1F5FAF; border-radius: 12px; padding: 1.5rem 1rem;
  margin: 1.5rem 0; text-align: center; }
.certificate .practice { font-size: 1.05rem; }
.certificate h2 { margin: 0.4rem 0 1rem; font-size: 1.7rem; color: #1F5FAF; }
.certificate .lead { margin: 0.3rem 0; color: #5A6472; }
.certificate .person { margin: 0.2rem 0; font-size: 1.5rem; font-weight: 700; }
.certificate .item { margin: 0.2rem 0; font-size: 1.2rem; font-weight: 700; }
.certificate dl { margin: 1.2rem auto 0; max-width: 40rem; text-align: left; font-size: 0.85rem; }
.certificate dt { color: #5A6472; font-weight: 600; }
.certificate dd { margin: 0 0 0.5rem; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace; }
footer.report { margin-top: 1.5rem; color: #5A6472; font-size: 0.85rem; }
@media (max-width: 40rem) {
  body { padding: 0.6rem; font-size: 15px; }
  th, td { padding: 0.3rem; }
  .keyed .key ~ .key { position: static; box-shadow: none; }
  .keyed .key:first-child { box-shadow: inset -1px 0 #D5DAE0; }
}
@media print {
  @page { margin: 14mm; }
  @page wide { size: landscape; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .table-wrap { overflow: visible; }
  .table-wrap.wide { page: wide; }
  .keyed .key { position: static; box-shadow: none; overflow-wrap: break-word; }
  .keyed th { width: auto !important; min-width: 0 !important; max-width: none !important; }
  table { min-width: 0 !important; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  section.certificate { break-before: page; break-inside: avoid; margin: 0; padding: 3rem 2rem; }
  footer.report { font-size: 8pt; }
}
)";

const char* tone_class(Tone t) {
  switch (t) {
    case Tone::kGood: return "good";
    case Tone::kWarn: return "warn";
    case Tone::kBad: return "bad";
    case Tone::kMuted: return "muted";
    case Tone::kPlain: break;
  }
  return nullptr;
}

void append_number(std::string& out, double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  out.append(buf, r.ptr);
}

// About 160 × 48 CSS pixels: tall enough to recognise, short enough that a
// roster row stays one row.
constexpr double kSigWidth = 160, kSigHeight = 48, kSigInset = 2;

void append_signature(std::string& out, const Strokes& s) {
  const SignatureFit fit = fit_signature(s, kSigWidth, kSigHeight, kSigInset);
  out += R"(<svg class="signature" width="160" height="48" viewBox="0 0 160 48" role="img" )"
         R"(aria-label="Drawn signature">)";
  for (const auto& stroke : s.strokes) {
    if (stroke.empty()) continue;
    out += "<path d=\"";
    // A single tap is a stroke of one point: drawn as a dot (round caps).
    for (size_t i = 0; i < std::max<size_t>(stroke.size(), 2); ++i) {
      const auto [x, y] = stroke[std::min(i, stroke.size() - 1)];
      out += i == 0 ? "M" : " L";
      append_number(out, fit.x0 + x * fit.scale);
      out += ' ';
      append_number(out, fit.y0 + y * fit.scale);
    }
    out += "\"/>";
  }
  out += "</svg>";
}

// A cell's opening tag. A key column's header cell fixes the column's
// width (browsers honour that, not a <col> width, when the table is wider
// than the screen); an other column's header cell its least width.
void open_cell(std::string& out, bool header, std::string cls, const html::KeyColumn* key,
               double min_width) {
  if (key) cls = (key->last ? "key key-end" : "key") + (cls.empty() ? "" : " " + cls);
  out += header ? "<th scope=\"col\"" : "<td";
  if (!cls.empty()) out += " class=\"" + cls + "\"";
  std::string style;
  auto add = [&](const char* property, double em) {
    style += style.empty() ? "" : ";";
    style += property;
    append_number(style, em);
    style += "em";
  };
  if (key && key->left > 0) add("left:", key->left);
  if (key && header) {
    add("width:", key->width);
    add("min-width:", key->width);
    add("max-width:", key->width);
  }
  if (!key && header && min_width > 0) add("min-width:", min_width);
  if (!style.empty()) out += " style=\"" + style + "\"";
  out += ">";
}

// Whether `word` is a date or a number with hyphens ("2026-12-10",
// "555-0142") short enough to keep on one line: browsers would break it
// after any hyphen.
bool keep_whole(std::string_view word) {
  if (word.size() > 16) return false;
  for (size_t i = 1; i + 1 < word.size(); ++i) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (word[i] == '-' && digit(word[i - 1]) && digit(word[i + 1])) return true;
  }
  return false;
}

// A cell's text, escaped, each date in a span that is not broken.
void append_cell_text(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find_first_of(" \n", i), text.size());
    const std::string_view word = text.substr(i, end - i);
    if (keep_whole(word)) {
      out += "<span class=\"nb\">" + html_escape(word) + "</span>";
    } else {
      out += html_escape(word);
    }
    if (end < text.size()) out += text[end];
    i = end + 1;
  }
}

void append_table(std::string& out, const Table& t, const Spill* spill) {
  const html::KeyedLayout keyed = html::keyed_layout(t);
  const size_t keys = keyed.keys.size();
  auto key_of = [&](size_t i) { return i < keys ? &keyed.keys[i] : nullptr; };
  double total = 0;  // the weights of the columns that are not key columns
  for (size_t i = keys; i < t.columns.size(); ++i) total += std::max(t.columns[i].weight, 0.0);
  // On paper a wide table gets landscape pages, as in the PDF.
  out += t.columns.size() > kWideTableColumns ? "<div class=\"table-wrap wide\">"
                                              : "<div class=\"table-wrap\">";
  // About 4.5em a column at the least: on a phone a wide matrix scrolls
  // sideways inside its box rather than squeeze "overdue" into "overd-ue".
  out += keys ? "<table class=\"keyed\" style=\"min-width:" : "<table style=\"min-width:";
  append_number(out, 4.5 * double(t.columns.size()));
  out += "em\">\n<colgroup>";
  for (size_t i = 0; i < t.columns.size(); ++i) {
    // Key columns are as wide as their header cells say; the others share
    // the rest by weight.
    if (i < keys) {
      out += "<col>";
      continue;
    }
    out += "<col style=\"width:";
    append_number(out, total > 0 ? 100 * std::max(t.columns[i].weight, 0.0) / total : 0);
    out += "%\">";
  }
  out += "</colgroup>\n<thead><tr>";
  for (size_t i = 0; i < t.columns.size(); ++i) {
    open_cell(out, true, t.columns[i].numeric ? "num" : "", key_of(i), keyed.other_min);
    out += html_escape(t.columns[i].name) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      const Cell& cell = row[i];
      std::string cls = i < t.columns.size() && t.columns[i].numeric ? "num" : "";
      if (const char* tc = tone_class(cell.tone)) cls += (cls.empty() ? "" : " ") + std::string(tc);
      open_cell(out, false, cls, key_of(i), 0);
      append_cell_text(out, cell.text);
      if (cell.signature && !cell.signature->empty()) append_signature(out, *cell.signature);
      out += "</td>";
    }
    out += "</tr>\n";
    if (spill && out.size() >= kSpillAt) (*spill)(out);
  }
  out += "</tbody>\n</table></div>\n";
}

void append_certificate(std::string& out, const Document& doc, const Certificate& c) {
  out += "<section class=\"certificate\" aria-label=\"Certificate of completion\">\n";
  out += "<p class=\"practice\">" + html_escape(doc.practice) + "</p>\n";
  out += "<h2>Certificate of completion</h2>\n";
  out += "<p class=\"lead\">This certifies that</p>\n";
  out += "<p class=\"person\">" + html_escape(c.person) + "</p>\n";
  out += "<p class=\"lead\">completed</p>\n";
  out += "<p class=\"item\">" + html_escape(c.item_title) + "</p>\n";
  if (!c.item_detail.empty()) out += "<p class=\"lead\">" + html_escape(c.item_detail) + "</p>\n";
  out += "<p>on " + html_escape(c.completed) + "</p>\n";
  out += "<dl>\n<dt>Content SHA-256</dt><dd><code>" + html_escape(c.content_sha256) +
         "</code></dd>\n<dt>Evidence</dt><dd>" + html_escape(c.evidence) + "</dd>\n</dl>\n";
  out += "</section>\n";
}

}  // namespace

namespace {

void write_fragment(std::string& out, const Document& doc, const Spill* spill, bool standalone) {
  out += "<header class=\"report\">\n";
  out += "<p class=\"practice\">" + html_escape(doc.practice) + "</p>\n";
  out += "<h1>" + html_escape(doc.title) + "</h1>\n";
  out += "<p class=\"generated\">" + html_escape(generation_line(doc)) + "</p>\n";
  if (!doc.scope.empty()) {
    out += "<ul class=\"scope\">\n";
    for (const auto& line : doc.scope) out += "<li>" + html_escape(line) + "</li>\n";
    out += "</ul>\n";
  }
  // A page of its own holds the report in <main>; a page that embeds it
  // has a <main> already.
  out += standalone ? "</header>\n<main>\n" : "</header>\n<div class=\"report-body\">\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading: out += "<h2>" + html_escape(b.text) + "</h2>\n"; break;
      case Block::Kind::kParagraph: out += "<p>" + html_escape(b.text) + "</p>\n"; break;
      case Block::Kind::kTable: append_table(out, b.table, spill); break;
      case Block::Kind::kCertificate: append_certificate(out, doc, b.certificate); break;
    }
  }
  out += standalone ? "</main>\n" : "</div>\n";
  out += "<footer class=\"report\">" + html_escape(generation_line(doc)) + "</footer>\n";
}

void write_html(std::string& out, const Document& doc, const Spill* spill) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(running_head(doc)) + "</title>\n";
  out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  write_fragment(out, doc, spill, true);
  out += "</body>\n</html>\n";
}

}  // namespace

std::string to_html(const Document& doc) {
  std::string out;
  write_html(out, doc, nullptr);
  return out;
}

std::string to_html_fragment(const Document& doc) {
  std::string out;
  write_fragment(out, doc, nullptr, false);
  return out;
}

std::string_view html_style() { return kStyle; }

std::string to_html_table(const Table& table) {
  std::string out;
  append_table(out, table, nullptr);
  return out;
}

void to_html(const Document& doc, const Spill& spill) {
  std::string out;
  write_html(out, doc, &spill);
  if (!out.empty()) spill(out);
}

}  // namespace attest::report
