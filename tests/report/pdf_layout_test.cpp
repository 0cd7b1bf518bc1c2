#include <doctest/doctest.h>

#include <string>

#include "report/pdf.h"
#include "report_fixture.h"

using namespace attest;
using namespace attest::report;
using namespace attest::report::testing;

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
  // place where it would otherwise end one page and its table start the
  // next: 29 to 31 fillers strand it when keep-with-next is off.
  for (int fillers = 29; fillers <= 31; ++fillers) {
    Document d;
    d.title = "Overdue list";
    d.practice = "Rivière Family Dental";
    for (int i = 0; i < fillers; ++i) d.paragraph("Filler line " + std::to_string(i));
    d.heading("Overdue now");
    Table& t = d.table({{"Staff member"}, {"Module"}});
    t.rows.push_back({cell("Ana Lima"), cell("Password management")});
    auto pdf = to_pdf(d);
    REQUIRE(pdf.ok());
    for (const auto& page : read_text(write_pdf(dir, "overdue.pdf", *pdf))) {
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
  CHECK(read_text(write_pdf(dir, "empty.pdf", *empty)).size() == 1);
  d.table({{"Reported"}, {"What happened"}});
  auto headed = to_pdf(d);
  REQUIRE(headed.ok());
  const auto pages = read_text(write_pdf(dir, "headed.pdf", *headed));
  REQUIRE(pages.size() == 1);
  CHECK(count(pages[0], "What happened") == 1);
}

TEST_CASE("PDF: libharu's own errors come back as a Result") {
  TempDir fonts("attest-fonts");
  fonts.write("DejaVuSans.ttf", "this is not a TrueType font");
  fonts.write("DejaVuSans-Bold.ttf", "nor is this");
  PdfOptions o;
  o.font_dir = fonts.path().string();
  auto r = to_pdf(roster(), o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kCorrupt);
  CHECK(r.error().message ==
        "cannot render the PDF: cannot load font " + (fonts / "DejaVuSans.ttf").string() +
            ": the font file is not a TrueType font (libharu 0x105F, detail 0)");
}
