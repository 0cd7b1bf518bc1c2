#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "report/csv.h"
#include "report/html.h"
#include "report/pdf.h"
#include "report/report_set.h"
#include "report/signature_fit.h"
#include "report/text.h"
#include "report_fixture.h"

using namespace attest;
using namespace attest::report;
using namespace attest::report::testing;


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
  CHECK(valid_utf8("a\xFF"
                   "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
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
  CHECK(count(html, "<div class=\"table-wrap\">") == 1);  // six columns: not wide
  CHECK(count(to_html(matrix()), "<div class=\"table-wrap wide\">") == 1);
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

TEST_CASE("HTML: a matrix stays one table; its key columns stay in view while it scrolls") {
  const Document d = keyed_matrix(200, 20);
  const std::string html = to_html(d);
  keep("matrix-groups.html", html);
  CHECK(count(html, "<table") == 1);
  CHECK(count(html, "<table class=\"keyed\"") == 1);
  CHECK(count(html, "position: sticky; left: 0") == 1);
  // Person at the left edge, as wide as "Álvarez-Núñez" needs (13 × 0.75em
  // and padding); Role just right of it, as wide as "management" needs.
  CHECK(count(html,
              "<th scope=\"col\" class=\"key\" "
              "style=\"width:10.9em;min-width:10.9em;max-width:10.9em\">Person</th>") == 1);
  CHECK(count(html,
              "<th scope=\"col\" class=\"key key-end\" "
              "style=\"left:10.9em;width:8.7em;min-width:8.7em;max-width:8.7em\">Role</th>") == 1);
  CHECK(count(html, "<td class=\"key\">Zoë Dupré #000</td>") == 1);
  CHECK(count(html, "<td class=\"key key-end\" style=\"left:10.9em\">clinical</td>") == 50);
  CHECK(count(html, "class=\"key\"") == 200 + 1);
  CHECK(count(html, "class=\"key key-end\"") == 200 + 1);
  // The modules share the rest, each wide enough for "2026-12-10", which
  // is never broken at its hyphens.
  CHECK(count(html, "<colgroup><col><col><col style=\"width:5.0%\">") == 1);
  CHECK(count(html, "<th scope=\"col\" style=\"min-width:8.7em\">Security reminders</th>") == 1);
  CHECK(count(html, "<td class=\"warn\">due <span class=\"nb\">2026-12-10</span></td>") > 0);
  CHECK(count(html, "<td class=\"bad\">overdue 39 days</td>") > 0);
  std::string why;
  CHECK_MESSAGE(tags_balance(html, why), why);
  // Without key columns nothing sticks.
  const std::string plain = to_html(matrix());
  CHECK(count(plain, "class=\"key") == 0);  // nor "keyed"
  CHECK(count(plain, "<th scope=\"col\">Security reminders</th>") == 1);
}

TEST_CASE("CSV and HTML handed on in pieces are, put together, the report made whole") {
  // More than a megabyte of rows, so both spill more than once.
  Document d;
  d.title = "Pieces";
  Table& t = d.table({{"Name"}, {"Note"}, {"Signature"}});
  for (int i = 0; i < 60000; ++i) {
    Cell sig{"drawn", Tone::kPlain, {}};
    if (i % 7 == 0) sig.signature = std::make_shared<const Strokes>(Strokes{{{{0, 0}, {i % 40, 9}, {80, 3}}}});
    t.rows.push_back({{"Person " + std::to_string(i), Tone::kPlain, {}},
                      {"a note, \"quoted\" & <escaped>", Tone::kWarn, {}}, sig});
  }
  for (Format f : {Format::kCsv, Format::kHtml}) {
    const std::string whole = *render(d, f);
    REQUIRE(whole.size() > 2 * kSpillAt);
    std::string joined;
    size_t pieces = 0;
    REQUIRE(render_to(d, f, [&](std::string_view piece) -> Status {
              ++pieces;
              joined += piece;
              return {};
            }).ok());
    CHECK(pieces >= 2);
    CHECK(joined == whole);
    // A sink that fails stops the rendering with its error.
    const Status stopped = render_to(d, f, [](std::string_view) -> Status {
      return make_error(ErrorCode::kIo, "disk full");
    });
    CHECK(stopped.error().message == "disk full");
  }
}
