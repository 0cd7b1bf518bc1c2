#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

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

namespace {

// The pages that carry `caption`, in order.
std::vector<size_t> pages_with(const PdfFacts& f, const std::string& caption) {
  std::vector<size_t> pages;
  for (size_t p = 0; p < f.text.size(); ++p) {
    if (count(f.text[p], caption)) pages.push_back(p);
  }
  return pages;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find(' ', i), text.size());
    if (end > i) out.push_back(text.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

// The row ids ("#017") on a page, in order.
std::string ids_on(const std::string& page) {
  std::string ids;
  for (size_t at = page.find('#'); at != std::string::npos; at = page.find('#', at + 1)) {
    ids += page.substr(at, 4);
  }
  return ids;
}

}  // namespace

TEST_CASE("PDF: a matrix of 20 modules prints in column groups that repeat Person and Role") {
  TempDir dir("attest-report");
  constexpr int kPeople = 200;
  const Document d = keyed_matrix(kPeople, 20);
  auto pdf = to_pdf(d);
  REQUIRE_MESSAGE(pdf.ok(), pdf.error().message);
  const PdfFacts f = read_pdf(dir, "matrix-groups.pdf", *pdf);
  CHECK(count(f.info, "792 x 612 pts (letter)") == size_t(f.pages));

  // Three groups of 7, 7 and 6 on a landscape Letter page, one after the
  // other, each over several pages.
  const struct {
    std::string caption;
    int first, end;  // modules [first, end)
  } kGroups[] = {{"Modules and policies 1–7 of 20", 0, 7},
                 {"Modules and policies 8–14 of 20", 7, 14},
                 {"Modules and policies 15–20 of 20", 14, 20}};
  size_t last_page = 0;
  size_t captioned = 0;
  std::vector<std::string> groups_people;  // the first group's, page by page
  for (const auto& g : kGroups) {
    CAPTURE(g.caption);
    const auto pages = pages_with(f, g.caption);
    REQUIRE(pages.size() > 1);
    captioned += pages.size();
    CHECK(pages.front() >= last_page);
    CHECK(pages.back() - pages.front() + 1 == pages.size());  // a run of pages
    last_page = pages.back();
    std::string text;
    for (size_t p : pages) {
      const std::string& page = f.text[p];
      CHECK_MESSAGE(count(page, g.caption) == 1, p);
      CHECK_MESSAGE(count(page, "Person") == 1, p);
      CHECK_MESSAGE(count(page, "Role") == 1, p);
      text += page;
    }
    CHECK(count(text, g.caption + " (continued)") == pages.size() - 1);
    // Page k of every group holds the same people.
    std::vector<std::string> people;
    for (size_t p : pages) people.push_back(ids_on(f.text[p]));
    if (groups_people.empty()) groups_people = people;
    CHECK(people == groups_people);
    // Every person once in each group, and the group's cells beside them.
    for (int i = 0; i < kPeople; ++i) CHECK_MESSAGE(count(text, row_id(i)) == 1, i);
    int overdue = 0;
    for (int i = 0; i < kPeople; ++i) {
      for (int m = g.first; m < g.end; ++m) overdue += matrix_status(i, m).tone == Tone::kBad;
    }
    CHECK(int(count(text, "overdue")) == overdue);
    // Each title's words whole on every page: a header cut mid-word,
    // "Workstatio n", would leave a word fewer times than the titles have it.
    std::map<std::string, size_t> title_words;
    for (int m = g.first; m < g.end; ++m) {
      for (const auto& word : words(curriculum_titles()[size_t(m)])) title_words[word]++;
    }
    for (size_t p : pages) {
      for (const auto& [word, times] : title_words) {
        CHECK_MESSAGE(count(f.text[p], word) >= times, word << " on page " << p + 1);
      }
    }
    for (const char* own : {"Workstation", "necessary", "Confidentiality"}) {
      const int m = int(std::find_if(curriculum_titles().begin(), curriculum_titles().end(),
                                     [&](const std::string& t) { return count(t, own); }) -
                        curriculum_titles().begin());
      const bool mine = m >= g.first && m < g.end;
      CHECK_MESSAGE(count(text, own) == (mine ? pages.size() : 0), own);
    }
  }
  // Every page that holds rows has a caption; the rest is the footer.
  size_t with_rows = 0;
  for (const auto& page : f.text) with_rows += count(page, "Zoë Dupré #") > 0;
  CHECK(with_rows == captioned);
}

TEST_CASE("PDF: a two-line status breaks between the status and its figure") {
  TempDir dir("attest-report");
  const Document d = keyed_matrix(30, 14);
  auto pdf = to_pdf(d);
  REQUIRE(pdf.ok());
  const PdfFacts f = read_pdf(dir, "matrix-14.pdf", *pdf);
  std::string text;
  for (const auto& page : f.text) text += page;
  CHECK(count(text, "Modules and policies 1–7 of 14") > 0);
  CHECK(count(text, "Modules and policies 8–14 of 14") > 0);
  // "overdue 296 days" keeps "296 days" together, on one line or the next.
  size_t overdue = 0;
  for (int i = 0; i < 30; ++i) {
    for (int m = 0; m < 14; ++m) overdue += matrix_status(i, m).tone == Tone::kBad;
  }
  size_t figures = 0;
  for (size_t at = text.find(" days"); at != std::string::npos; at = text.find(" days", at + 1)) {
    figures += at > 0 && std::isdigit(static_cast<unsigned char>(text[at - 1]));
  }
  CHECK(count(text, "overdue") == overdue);
  CHECK(figures == overdue);
}

TEST_CASE("PDF: a keyed table whose columns fit is one table, without a caption") {
  TempDir dir("attest-report");
  const Document d = keyed_matrix(40, 4);
  auto pdf = to_pdf(d);
  REQUIRE(pdf.ok());
  const PdfFacts f = read_pdf(dir, "matrix-narrow.pdf", *pdf);
  CHECK(count(f.info, "612 x 792 pts (letter)") == size_t(f.pages));  // 6 columns: portrait
  std::string all;
  for (const auto& page : f.text) {
    all += page;
    if (!count(page, "Zoë Dupré #")) continue;
    CHECK(count(page, "Person") == 1);
    CHECK(count(page, "Workstation") == 1);
    CHECK(count(page, "Password") == 1);
  }
  CHECK(count(all, "Modules and policies") == 0);
  for (int i = 0; i < 40; ++i) CHECK_MESSAGE(count(all, row_id(i)) == 1, i);
}

TEST_CASE("PDF: a matrix forced onto portrait pages takes more, narrower groups") {
  TempDir dir("attest-report");
  PdfOptions portrait;
  portrait.orientation = PdfOptions::Orientation::kPortrait;
  auto pdf = to_pdf(keyed_matrix(12, 14), portrait);
  REQUIRE(pdf.ok());
  const PdfFacts f = read_pdf(dir, "matrix-portrait.pdf", *pdf);
  std::string all;
  for (const auto& page : f.text) all += page;
  CHECK(count(all, "Modules and policies 1–") > 0);
  CHECK(count(all, "Modules and policies 1–7 of 14") == 0);  // fewer per page than landscape
  for (const auto& title : curriculum_titles()) {
    if (&title - &curriculum_titles()[0] >= 14) break;
    for (const auto& word : words(title)) CHECK_MESSAGE(count(all, word) > 0, word);
  }
}

TEST_CASE("PDF: a citation too long for its column breaks after a parenthesis, a hash between characters") {
  TempDir dir("attest-report");
  Document d;
  d.title = "Citations";
  // Many narrow columns, so neither long token fits its column.
  Table& t = d.table({{"Spec", 1}, {"Citation", 1.0}, {"Hash", 0.6}, {"A", 1}, {"B", 1}, {"C", 1}, {"D", 1}});
  const std::string hash = "3e371aeb70cc83d55ad5ab7c498fe01348ee4f85f1e4bcf8";
  t.rows.push_back({{"(D) Password management", Tone::kPlain, {}},
                    {"164.308(a)(5)(ii)(D)", Tone::kPlain, {}},
                    {hash, Tone::kPlain, {}},
                    {"a", Tone::kPlain, {}}, {"b", Tone::kPlain, {}}, {"c", Tone::kPlain, {}},
                    {"d", Tone::kPlain, {}}});
  t.rows.push_back({{"Workstation use", Tone::kPlain, {}}, {"45 CFR 164.310(b)", Tone::kPlain, {}},
                    {"", Tone::kPlain, {}}, {"a", Tone::kPlain, {}}, {"b", Tone::kPlain, {}},
                    {"c", Tone::kPlain, {}}, {"d", Tone::kPlain, {}}});
  auto pdf = to_pdf(d);
  REQUIRE(pdf.ok());
  keep("citations.pdf", std::string(pdf->begin(), pdf->end()));
  const PdfFacts f = read_pdf(dir, "citations.pdf", *pdf);
  std::string text;
  for (const auto& page : f.text) text += page;
  // The citation's lines end at a ')': "164.308(a)(5)" then "(ii)(D)",
  // never "164.308(a)(5)(ii)(" then "D)".
  CHECK(count(text, "164.308(a)(5) ") == 1);
  CHECK(count(text, "(ii)(D)") == 1);
  // The hash, which has nowhere better to break, still breaks within its column.
  CHECK(count(text, hash) == 0);
  CHECK(count(text, hash.substr(0, 6)) == 1);
  // A number is not left alone above its unit: "45 CFR" over "164.310(b)".
  CHECK(count(text, "45 CFR") == 1);
}
