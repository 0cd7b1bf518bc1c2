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
#include "report/practice_fixture.h"

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
