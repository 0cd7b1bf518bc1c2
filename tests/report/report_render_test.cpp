#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "report/csv.h"
#include "report/html.h"
#include "report/pdf.h"
#include "report/signature_fit.h"
#include "report/text.h"
#include "support/run.h"
#include "support/temp_dir.h"

using namespace attest;
using namespace attest::report;
using attest::testing::quote;
using attest::testing::run;
using attest::testing::TempDir;

namespace {

constexpr int kRows = 150;
constexpr int kSignatureEvery = 10;  // rows 0, 10, ... carry a drawn signature

Cell cell(std::string text, Tone tone = Tone::kPlain) { return {std::move(text), tone, {}}; }

std::string row_id(int i) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%03d", i);
  return buf;
}

// A circle (which must stay round however the box is shaped), a wave
// across the pad like a written name, and a dot.
Strokes a_signature(int seed) {
  Strokes s;
  std::vector<std::pair<int, int>> circle, wave;
  for (int k = 0; k <= 36; ++k) {
    const double a = k * 3.14159265 / 18;
    circle.push_back({int(100 + 50 * std::cos(a)), int(110 + 50 * std::sin(a))});
  }
  for (int x = 170; x <= 560; x += 6) {
    wave.push_back({x, int(120 + 30 * std::sin((x + seed * 7) / 18.0) - (x - 170) / 8)});
  }
  s.strokes = {circle, wave, {{580, 60}}};
  return s;
}

// A roster as a report would build it: unicode names, a note with a comma,
// quotes and a newline, a cell that tries to be markup, tones, signatures
// and two certificates.
Document roster() {
  Document d;
  d.id = "attestation-roster";
  d.title = "Attestation roster — Password policy v3";
  d.practice = "Rivière Family Dental";
  d.generated_at = "2026-11-23 16:40 UTC";
  d.generated_by = "Dana Okafor (Security Official)";
  d.scope = {"As of 23 November 2026", "Newest record included: device 3f2a… #120"};
  d.heading("Who attested");
  d.paragraph("Every workforce member assigned the policy, with the exact version they signed.");
  Table& t = d.table({{"Staff member", 1.6},
                      {"Role", 1.1},
                      {"Note", 2.0},
                      {"Score", 0.7, true},
                      {"Status", 1.4},
                      {"Signature", 1.6}});
  for (int i = 0; i < kRows; ++i) {
    std::vector<Cell> row;
    row.push_back({"Zoë Dupré " + row_id(i), Tone::kPlain, {}});
    row.push_back({i % 2 ? "Front desk" : "Clinical", Tone::kPlain, {}});
    std::string note = "Read the policy at the front-desk kiosk";
    if (i == 3) note = "Smith, \"Jo\" said\nsecond line";
    if (i == 5) note = "<script>alert('x')</script>";
    row.push_back({note, Tone::kPlain, {}});
    row.push_back({std::to_string(60 + i % 41) + "%", Tone::kPlain, {}});
    const Tone tone = i % 7 == 0 ? Tone::kBad : i % 5 == 0 ? Tone::kWarn : Tone::kGood;
    row.push_back({tone == Tone::kBad    ? "Overdue — 12 days"
                   : tone == Tone::kWarn ? "Due soon…"
                                         : "Done ✓",
                   tone,
                   {}});
    Cell sig{"", Tone::kMuted, {}};
    if (i % kSignatureEvery == 0) {
      sig.text = "Signed";
      sig.signature = a_signature(i);
    } else {
      sig.text = "Typed name only";
    }
    row.push_back(sig);
    t.rows.push_back(row);
  }
  d.paragraph("Records after the newest one included are not in this roster.");
  d.certificate({"Łucja Wróbel", "Password Management", "Module, version 2", "12 November 2026",
                 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                 "Device 3f2a…, record 17"});
  d.certificate({"José Álvarez-Núñez", "Protection from Malicious Software", "Module, version 1",
                 "13 November 2026",
                 "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
                 "Device 3f2a…, record 18"});
  return d;
}

// A compliance matrix: person × many modules, wider than a portrait page,
// with long module names that must wrap in their narrow columns.
Document matrix() {
  Document d;
  d.title = "Training compliance matrix";
  d.practice = "Rivière Family Dental";
  d.generated_at = "2026-11-23 16:40 UTC";
  d.generated_by = "Dana Okafor";
  static const char* kModules[] = {"Security reminders",
                                   "Protection from malicious software",
                                   "Log-in monitoring",
                                   "Password management",
                                   "Incident reporting",
                                   "Workstation use and security",
                                   "Device and media controls",
                                   "Contingency plan (backups)",
                                   "Sanctions policy",
                                   "Email and phishing",
                                   "Minimum necessary",
                                   "Business associates"};
  std::vector<Column> cols{{"Person", 2.2}};
  for (const char* m : kModules) cols.push_back({m, 1});
  Table& t = d.table(cols);
  static const std::pair<const char*, Tone> kStates[] = {
      {"done", Tone::kGood}, {"due", Tone::kWarn}, {"overdue", Tone::kBad}, {"never", Tone::kMuted}};
  for (int i = 0; i < 40; ++i) {
    std::vector<Cell> row{cell("Person " + row_id(i))};
    for (int m = 0; m < 12; ++m) {
      const auto& [text, tone] = kStates[(i * 7 + m * 3) % 11 % 4];
      row.push_back(cell(text, tone));
    }
    t.rows.push_back(row);
  }
  return d;
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// Every opened element is closed, in order. Void elements and "/>" close
// themselves; <style> content is raw text and skipped.
bool tags_balance(const std::string& html, std::string& why) {
  static const std::vector<std::string> kVoid{"meta", "br", "col", "img", "input", "link", "hr"};
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      i = html.find("-->", i);
      if (i == std::string::npos) return why = "unclosed comment", false;
      continue;
    }
    const size_t end = html.find('>', i);
    if (end == std::string::npos) return why = "unclosed tag at " + std::to_string(i), false;
    const std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty() || tag[0] == '!') continue;  // <!DOCTYPE html>
    const bool closing = tag[0] == '/';
    std::string name;
    for (size_t k = closing ? 1 : 0; k < tag.size() && std::isalnum((unsigned char)tag[k]); ++k) {
      name += char(std::tolower((unsigned char)tag[k]));
    }
    if (name.empty()) return why = "bad tag <" + tag + ">", false;
    if (closing) {
      if (open.empty() || open.back() != name) {
        return why = "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">", false;
      }
      open.pop_back();
    } else if (tag.back() != '/' &&
               std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      open.push_back(name);
      if (name == "style") i = html.find("</style>", i);
    }
  }
  if (!open.empty()) return why = "<" + open.back() + "> never closed", false;
  return true;
}

std::vector<std::string> split_pages(const std::string& text) {
  std::vector<std::string> pages;
  size_t start = 0;
  for (size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', start)) {
    pages.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  if (start < text.size() && text.find_first_not_of(" \n", start) != std::string::npos) {
    pages.push_back(text.substr(start));
  }
  return pages;
}

struct PdfFacts {
  int pages = 0;
  std::string info;
  std::vector<std::string> text;  // pdftotext -layout, one string per page
};

// ATTEST_REPORT_OUT=DIR keeps a copy of every rendered file there, for a
// person to look at (pdftoppm -r 60 -png DIR/roster.pdf page).
void keep(const std::string& name, const std::string& bytes) {
  if (const char* out = std::getenv("ATTEST_REPORT_OUT")) {
    std::ofstream(std::filesystem::path(out) / name, std::ios::binary) << bytes;
  }
}

PdfFacts read_pdf(const TempDir& dir, const std::string& name, const Bytes& pdf) {
  keep(name, std::string(pdf.begin(), pdf.end()));
  const auto path = dir.write(name, std::string(pdf.begin(), pdf.end())).string();
  PdfFacts f;
  const auto info = run("pdfinfo -l -1 " + quote(path));
  REQUIRE_MESSAGE(info.code == 0, "pdfinfo (poppler-utils) failed: " << info.all);
  f.info = info.out;
  const auto at = f.info.find("Pages:");
  REQUIRE(at != std::string::npos);
  f.pages = std::stoi(f.info.substr(at + 6));
  const auto text = run("pdftotext -layout " + quote(path) + " -");
  REQUIRE_MESSAGE(text.code == 0, text.all);
  f.text = split_pages(text.out);
  return f;
}

}  // namespace

TEST_CASE("CSV: RFC 4180 quoting, CRLF, UTF-8 as is") {
  Document d;
  Table& t = d.table({{"Name"}, {"Note"}});
  t.rows.push_back({cell("Lopez, Maria"), cell("said \"hi\"")});
  t.rows.push_back({cell("Zoë"), cell("line1\nline2")});
  t.rows.push_back({cell("plain"), cell("")});
  CHECK(to_csv(d) ==
        "Name,Note\r\n\"Lopez, Maria\",\"said \"\"hi\"\"\"\r\nZoë,\"line1\nline2\"\r\nplain,\r\n");
}

TEST_CASE("text: invalid UTF-8 becomes U+FFFD, valid text is kept") {
  CHECK(valid_utf8("Zoë — ✓") == "Zoë — ✓");
  CHECK(valid_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(valid_utf8("\xED\xA0\x80").find("\xED") == std::string::npos);  // a surrogate
}

TEST_CASE("signature fit: scaled into the box, aspect ratio kept, centred") {
  Strokes s;
  s.strokes.push_back({{100, 50}, {300, 150}});  // 200 × 100
  const SignatureFit f = fit_signature(s, 160, 48, 2);
  CHECK(f.scale == doctest::Approx(0.44));  // height decides: 44 / 100
  CHECK(f.x0 + 100 * f.scale == doctest::Approx((160 - 88) / 2.0));
  CHECK(f.y0 + 50 * f.scale == doctest::Approx(2));
  CHECK(f.width == doctest::Approx(88));
  CHECK(f.height == doctest::Approx(44));
  Strokes dot;
  dot.strokes.push_back({{7, 9}});
  const SignatureFit g = fit_signature(dot, 160, 48, 2);
  CHECK(g.x0 + 7 * g.scale == doctest::Approx(80));
  CHECK(g.y0 + 9 * g.scale == doctest::Approx(24));
}

TEST_CASE("HTML: self-contained, escaped, balanced, one SVG per signature") {
  const Document d = roster();
  const std::string html = to_html(d);
  keep("roster.html", html);
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(count(html, "<meta charset=\"utf-8\">") == 1);
  CHECK(count(html, "name=\"viewport\"") == 1);
  CHECK(count(html, "<script") == 0);
  CHECK(count(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") == 1);
  CHECK(count(html, "Smith, &quot;Jo&quot; said\nsecond line") == 1);
  CHECK(count(html, "http") == 0);  // nothing fetched from anywhere
  CHECK(count(html, "<svg") == kRows / kSignatureEvery);
  CHECK(count(html, "<path ") == 3 * kRows / kSignatureEvery);
  CHECK(count(html, "<thead>") == 1);
  CHECK(count(html, "<th scope=\"col\"") == 6);
  CHECK(count(html, "<th scope=\"col\" class=\"num\">Score</th>") == 1);
  CHECK(count(html, "<td class=\"num\">") == kRows);
  CHECK(count(html, "<td class=\"bad\">Overdue — 12 days</td>") > 0);
  CHECK(count(html, "<section class=\"certificate\"") == 2);
  CHECK(count(html, "Łucja Wróbel") == 1);
  CHECK(count(html, "break-before: page") == 1);
  CHECK(count(html, "display: table-header-group") == 1);
  std::string why;
  CHECK_MESSAGE(tags_balance(html, why), why);
  CHECK(to_html(d) == html);
}

TEST_CASE("HTML: the tag checker catches what it is for") {
  std::string why;
  CHECK_FALSE(tags_balance("<p><b>x</p></b>", why));
  CHECK_FALSE(tags_balance("<div><p>x</p>", why));
  CHECK(tags_balance("<p>a<br>b<svg><path d=\"M0 0\"/></svg></p>", why));
}

TEST_CASE("PDF: roster pages, repeated header, footers, unicode, certificates") {
  const Document d = roster();
  auto pdf = to_pdf(d);
  REQUIRE_MESSAGE(pdf.ok(), pdf.error().message);
  REQUIRE(pdf->size() > 1000);
  TempDir dir("attest-report");
  const PdfFacts f = read_pdf(dir, "roster.pdf", *pdf);
  REQUIRE(f.pages > 2);
  REQUIRE(f.text.size() == size_t(f.pages));
  CHECK(count(f.info, "612 x 792 pts (letter)") == size_t(f.pages));  // 6 columns: portrait

  const std::string all = [&] {
    std::string s;
    for (const auto& p : f.text) s += p;
    return s;
  }();
  for (int i = 0; i < kRows; ++i) CHECK_MESSAGE(count(all, "Zoë Dupré " + row_id(i)) == 1, i);

  const std::string n = std::to_string(f.pages);
  int table_pages = 0, header_pages = 0;
  for (int p = 0; p < f.pages; ++p) {
    const std::string& page = f.text[size_t(p)];
    CHECK_MESSAGE(count(page, "Page " + std::to_string(p + 1) + " of " + n) == 1, p);
    // The footer, and on the first page the line under the title too.
    CHECK(count(page, "Generated 2026-11-23 16:40 UTC by Dana Okafor (Security Official)") ==
          (p == 0 ? 2 : 1));
    CHECK(count(page, "Rivière Family Dental · Attestation roster — Password policy v3") == 1);
    if (count(page, "Zoë Dupré #")) ++table_pages;
    if (count(page, "Staff member")) ++header_pages;
  }
  CHECK(table_pages > 1);
  CHECK(header_pages == table_pages);

  // A row is never split: the note's second line is on the row's page.
  for (const auto& page : f.text) {
    if (count(page, row_id(3))) CHECK(count(page, "second line") == 1);
  }
  CHECK(count(all, "Done ✓") > 0);
  CHECK(count(all, "Overdue —") > 0);
  CHECK(count(all, "Due soon…") > 0);
  CHECK(count(all, "<script>alert(") == 1);

  // Each certificate is a page of its own, after the table.
  CHECK(count(f.text[size_t(f.pages) - 2], "Łucja Wróbel") == 1);
  CHECK(count(f.text[size_t(f.pages) - 2], "Certificate of completion") == 1);
  CHECK(count(f.text[size_t(f.pages) - 1], "José Álvarez-Núñez") == 1);
  CHECK(count(f.text[size_t(f.pages) - 1],
              "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752") == 1);

  auto again = to_pdf(d);
  REQUIRE(again.ok());
  CHECK(*again == *pdf);  // no timestamps: the same document, the same bytes
}

TEST_CASE("PDF: a wide matrix turns landscape; options force paper and orientation") {
  TempDir dir("attest-report");
  auto wide = to_pdf(matrix());
  REQUIRE_MESSAGE(wide.ok(), wide.error().message);
  const PdfFacts f = read_pdf(dir, "matrix.pdf", *wide);
  CHECK(count(f.info, "792 x 612 pts (letter)") == size_t(f.pages));
  CHECK(count(f.text[0], "Person #000") == 1);
  CHECK(count(f.text[0], "overdue") > 0);

  PdfOptions a4;
  a4.paper = PdfOptions::Paper::kA4;
  a4.orientation = PdfOptions::Orientation::kPortrait;
  auto narrow = to_pdf(matrix(), a4);
  REQUIRE(narrow.ok());
  const PdfFacts g = read_pdf(dir, "matrix-a4.pdf", *narrow);
  CHECK(count(g.info, "(A4)") == size_t(g.pages));
  CHECK(count(g.info, "595.276 x 841.89") == size_t(g.pages));
}

TEST_CASE("PDF: missing fonts are a clear error naming the file") {
  PdfOptions o;
  o.font_dir = "/nonexistent/fonts";
  auto r = to_pdf(roster(), o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kNotFound);
  CHECK(r.error().message.find("/nonexistent/fonts/DejaVuSans.ttf") != std::string::npos);
  CHECK(r.error().message.find("fonts-dejavu-core") != std::string::npos);
}

TEST_CASE("PDF: a heading is never left alone at the foot of a page") {
  TempDir dir("attest-report");
  // Fillers push the heading down a little more each time, across the
  // place where it would otherwise end one page and its table start the next.
  for (int fillers = 28; fillers <= 33; ++fillers) {
    Document d;
    d.title = "Overdue list";
    d.practice = "Rivière Family Dental";
    for (int i = 0; i < fillers; ++i) d.paragraph("Filler line " + std::to_string(i));
    d.heading("Overdue now");
    Table& t = d.table({{"Staff member"}, {"Module"}});
    t.rows.push_back({cell("Ana Lima"), cell("Password management")});
    auto pdf = to_pdf(d);
    REQUIRE(pdf.ok());
    const PdfFacts f = read_pdf(dir, "overdue.pdf", *pdf);
    for (const auto& page : f.text) {
      if (count(page, "Overdue now")) {
        CHECK_MESSAGE(count(page, "Ana Lima") == 1, fillers);
        CHECK_MESSAGE(count(page, "Staff member") == 1, fillers);
      }
    }
  }
}

TEST_CASE("PDF: an empty document is one page; a table without rows keeps its header") {
  TempDir dir("attest-report");
  Document d;
  d.title = "Incident log";
  d.practice = "Rivière Family Dental";
  auto empty = to_pdf(d);
  REQUIRE(empty.ok());
  CHECK(read_pdf(dir, "empty.pdf", *empty).pages == 1);
  d.table({{"Reported"}, {"What happened"}});
  auto headed = to_pdf(d);
  REQUIRE(headed.ok());
  const PdfFacts f = read_pdf(dir, "headed.pdf", *headed);
  CHECK(count(f.text[0], "What happened") == 1);
}
