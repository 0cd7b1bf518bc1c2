// Golden tests: every report of a fixed practice (report_fixture.h),
// rendered as CSV and compared byte for byte with tests/report/golden/.
// Each expected figure there was worked out by hand from the fixture's
// events and the due rules in core/assignment.h; see the comments below
// for the ones that take some arithmetic.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report/csv.h"
#include "report/report_set.h"
#include "report/html.h"
#include "report/pdf.h"
#include "report/practice_fixture.h"
#include "report/report_fixture.h"

using namespace attest;
using attest::testing::ReportFixture;

namespace {

// ATTEST_WRITE_GOLDEN=1 rewrites the golden files from the current code,
// for a deliberate change of a report; review the diff before committing.
std::string golden(const std::string& name, const std::string& actual) {
  if (std::getenv("ATTEST_WRITE_GOLDEN")) {
    std::ofstream(std::string(ATTEST_GOLDEN_DIR) + "/" + name + ".csv", std::ios::binary) << actual;
  }
  std::ifstream in(std::string(ATTEST_GOLDEN_DIR) + "/" + name + ".csv", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A PDF's text in reading order with every run of white space made one
// space, so a cell wrapped onto two lines still reads as one phrase.
std::string flat_pdf_text(const ReportFixture& f, const std::string& name, const Bytes& pdf) {
  const std::string path = report::testing::write_pdf(f.dir, name, pdf);
  const auto text = attest::testing::run("pdftotext " + attest::testing::quote(path) + " -");
  REQUIRE(text.code == 0);
  std::string out;
  for (char c : text.out) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

std::vector<report::Document> all_reports(ReportFixture& f) {
  auto docs = report::build_reports(f.ledger, f.ctx, {"all", {}, {}, {}});
  REQUIRE(docs.ok());
  return *docs;
}

}  // namespace

TEST_CASE("the fixture's curriculum loads without errors") {
  ReportFixture f;
  CHECK(f.catalog.errors.empty());
  CHECK(f.catalog.items.size() == 6);
}

TEST_CASE("every report of the fixed practice matches its golden CSV byte for byte") {
  ReportFixture f;
  attest::testing::fill_practice(f);
  // Worked out by hand (as of 2026-11-20):
  //  - Ann's Passwords refresher: done 2025-11-01 + 365 days = due 2026-11-01, 19 days overdue.
  //  - Ann attested Sanction v1 only; v2 is effective 2026-06-01, so due 2026-07-01 + 0,
  //    142 days overdue; the v2 roster lists her as "not signed".
  //  - Bob, hired 2026-10-01: new-hire window of 30 days, due 2026-10-31, 20 days overdue.
  //  - Cy Chan was deactivated: not in the matrix, but the transcript stays.
  //  - Bob: 2 failed sign-ins, one of which locked him out.
  auto docs = all_reports(f);
  REQUIRE(docs.size() == 14);  // 9 single reports, 2 policy versions, 3 transcripts
  for (const auto& d : docs) {
    CAPTURE(d.id);
    const std::string got = report::to_csv(d);
    const std::string want = golden(d.id, got);
    REQUIRE_MESSAGE(!want.empty(), "no golden file for " << d.id);
    CHECK(got == want);
  }
}

TEST_CASE("reports are the same whatever order the devices' events arrive in") {
  // Each device's events come in sequence order, but the devices in any
  // order: the master store lists them by id, a bundle by file name.
  ReportFixture a;
  attest::testing::fill_practice(a);
  report::Ledger swapped;
  for (bool kiosk_pass : {false, true}) {
    for (const auto& [h, body] : a.log) {
      if ((h.device_id == a.kiosk) != kiosk_pass) continue;
      swapped.add(h, body.is_null() ? nullptr : &body);
    }
  }
  auto x = report::build_reports(a.ledger, a.ctx, {"all", {}, {}, {}});
  auto y = report::build_reports(swapped, a.ctx, {"all", {}, {}, {}});
  REQUIRE(x.ok());
  REQUIRE(y.ok());
  REQUIRE(x->size() == y->size());
  for (size_t i = 0; i < x->size(); ++i) {
    CAPTURE((*x)[i].id);
    CHECK(report::to_csv((*x)[i]) == report::to_csv((*y)[i]));
  }
}

TEST_CASE("an as-of date leaves later events out and moves every due date") {
  report::LedgerOptions early;
  early.until = *parse_date("2026-10-04");  // before Bob's training and the incidents
  ReportFixture f(early);
  f.ctx.as_of = *early.until;
  attest::testing::fill_practice(f);
  const std::string m = report::to_csv(report::compliance_matrix(f.ledger, f.ctx));
  // Bob: nothing done yet, everything due within his new-hire window.
  CHECK(m.find("Bob Brown,billing,due 2026-10-31,due 2026-10-31,due 2026-10-31,due 2026-10-31\r\n") !=
        std::string::npos);
  // Ann: Sanction v2 overdue by 95 days (2026-07-01 to 2026-10-04).
  CHECK(m.find("overdue 95 days") != std::string::npos);
  CHECK(report::incident_log(f.ledger, f.ctx).main_table()->rows.empty());
}

TEST_CASE("the compliance matrix's rows are identified by Person and Role") {
  ReportFixture f;
  attest::testing::fill_practice(f);
  const report::Document m = report::compliance_matrix(f.ledger, f.ctx);
  const report::Table* t = m.main_table();
  REQUIRE(t);
  CHECK(t->key_columns == 2);
  CHECK(t->columns[0].name == "Person");
  CHECK(t->columns[1].name == "Role");
  CHECK(t->group_caption == "Modules and policies");
  // The summary below it is an ordinary table.
  size_t tables = 0;
  for (const auto& b : m.blocks) {
    if (b.kind != report::Block::Kind::kTable) continue;
    CHECK(b.table.key_columns == (tables++ == 0 ? 2u : 0u));
  }
  CHECK(tables == 2);
}

TEST_CASE("without the practice key, reports say what is sealed instead of guessing") {
  ReportFixture f;
  attest::testing::fill_practice(f);
  report::Ledger sealed;
  for (const auto& [h, body] : f.log) sealed.add(h, nullptr);
  CHECK(sealed.sealed_count() > 0);
  auto doc = report::incident_log(sealed, f.ctx);
  REQUIRE(doc.main_table()->rows.size() == 2);
  CHECK(doc.main_table()->rows[0][2].text.rfind("sealed", 0) == 0);
  bool says_sealed = false;
  for (const auto& line : doc.scope) says_sealed |= line.find("left sealed") != std::string::npos;
  CHECK(says_sealed);
}

TEST_CASE("the retention report lists exactly the records past their date") {
  report::LedgerOptions o;
  o.retention_as_of = *parse_date("2031-11-02");  // six years after 2025-11-01 is 2031-11-01
  ReportFixture f(o);
  attest::testing::fill_practice(f);
  auto doc = report::retention_report(f.ledger, f.ctx);
  REQUIRE(doc.main_table()->rows.size() == 1);
  CHECK(doc.main_table()->rows[0][0].text == "3f3f3f3f #5");
  CHECK(doc.main_table()->rows[0][3].text == "2031-11-01");
}

TEST_CASE("CSV quoting follows RFC 4180") {
  CHECK(report::csv_field("plain") == "plain");
  CHECK(report::csv_field("a,b") == "\"a,b\"");
  CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(report::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(report::csv_field("cr\r") == "\"cr\r\"");
}

TEST_CASE("the fixed practice's PDF reports hold the golden rows, and its HTML parses") {
  ReportFixture f;
  attest::testing::fill_practice(f);
  // The attestation roster of Sanction v2: Bob signed (with a drawn
  // signature), Ann has not; the incident log: one closed, one open.
  const auto roster = report::attestation_roster(f.ledger, f.ctx, "sanction", "2");
  auto pdf = report::to_pdf(roster);
  REQUIRE(pdf.ok());
  auto facts = report::testing::read_pdf(f.dir, "roster.pdf", *pdf);
  REQUIRE(facts.pages == 1);
  const std::string page = flat_pdf_text(f, "roster.pdf", *pdf);
  CHECK(page.find("Bob Brown") != std::string::npos);
  CHECK(page.find("2026-10-05 10:25") != std::string::npos);
  CHECK(page.find("not signed") != std::string::npos);
  CHECK(page.find("Page 1 of 1") != std::string::npos);
  CHECK(page.find("Fixture Dental") != std::string::npos);

  auto log_pdf = report::to_pdf(report::incident_log(f.ledger, f.ctx));
  REQUIRE(log_pdf.ok());
  const std::string all = flat_pdf_text(f, "incidents.pdf", *log_pdf);
  CHECK(all.find("USB stick found in the car park") != std::string::npos);
  CHECK(all.find("No PHI was disclosed") != std::string::npos);
  CHECK(all.find("closed") != std::string::npos);

  // HTML: balanced tags, one svg per drawn signature, each golden CSV row's
  // cells present (escaped) in the same order.
  const std::string html = report::to_html(roster);
  CHECK(report::testing::tags_balance(html));
  size_t svgs = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) svgs++;
  CHECK(svgs == 1);
  size_t at = 0;
  for (const char* cell : {"Bob Brown", "signed", "Bob Brown", "Ann Adams", "not signed"}) {
    at = html.find(cell, at);
    CHECK_MESSAGE(at != std::string::npos, cell);
  }
}

TEST_CASE("a policy version is in force from its file's date, or from when it was published") {
  ReportFixture f;
  attest::testing::fill_practice(f);
  auto sanction = [&](Date as_of, std::span<const report::PolicyAction> actions) {
    for (const auto& c : report::curriculum_of(f.catalog, as_of, actions)) {
      if (c.id == "sanction") return std::make_pair(c.version, format_date(c.effective));
    }
    return std::make_pair(0, std::string());
  };
  // Version 2's file says 2026-06-01: before that, version 1 is in force.
  CHECK(sanction(*parse_date("2026-05-31"), {}) == std::make_pair(1, std::string("2026-01-01")));
  CHECK(sanction(*parse_date("2026-06-01"), {}) == std::make_pair(2, std::string("2026-06-01")));
  // Published on 2026-09-01 instead: version 1 stays in force until then,
  // and version 2 is due 30 days after its publication.
  f.add(false, core::EventKind::kPolicyPublished, "", "2026-09-01",
        nlohmann::json{{"effective", "2026-09-01"}, {"by_name", "Ann Adams"}},
        f.item(content::Kind::kPolicy, "sanction", 2));
  f.commit();
  const auto& actions = f.ledger.policy_actions();
  CHECK(sanction(*parse_date("2026-08-31"), actions) == std::make_pair(1, std::string("2026-01-01")));
  CHECK(sanction(*parse_date("2026-09-01"), actions) == std::make_pair(2, std::string("2026-09-01")));
  const std::string overdue = report::to_csv(report::overdue_list(f.ledger, f.ctx));
  // Ann: attested version 1 only; version 2 due 2026-10-01, 50 days overdue on 2026-11-20.
  CHECK(overdue.find("Ann Adams,front-desk,Sanction Policy,Policy,2,2026-10-01,50,2026-02-02,new policy version") !=
        std::string::npos);
  // The curriculum report names the publication.
  CHECK(report::to_csv(report::curriculum_report(f.ledger, f.ctx)).find("published 2026-09-01 10:00 -05:00 by Ann Adams") !=
        std::string::npos);
}
