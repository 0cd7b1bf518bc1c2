// The Security Official's work on a real office server: the roster import,
// an incident reported at a kiosk and synced, its review at the office PC,
// a designation and a policy publication, then the reports built from all
// of it. Bad input (a record that is not an incident, a wrong passphrase)
// is refused and records nothing.
#include <doctest/doctest.h>

#include <fstream>

#include "store/kiosk_state.h"
#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

namespace {

std::string attest_cmd(const ServerProcess& s, const std::string& args) {
  return std::string(ATTEST_BIN) + " " + args + " --server " + quote(s.dir().string());
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("an incident reported at a kiosk is reviewed at the office and the reports show it") {
  TempDir dir("attest-official");
  ServerProcess server(dir);
  server.start();
  const auto staff = dir.write("staff.csv", "name,role,hired\nDana Whitfield,management,2019-03-04\n"
                                            "Maria Lopez,front-desk,2026-11-10\n");
  auto imported = run(std::string(ATTEST_BIN) + " roster import --server " +
                      quote(server.dir().string()) + " " + quote(staff.string()));
  REQUIRE_MESSAGE(imported.code == 0, imported.all);

  KioskProcess kiosk{dir / "kiosk"};
  REQUIRE(kiosk.pair(server).code == 0);
  auto reported = kiosk.cmd("incident " + quote(kiosk.dir.string()) + " 'A phishing email with an invoice'");
  REQUIRE_MESSAGE(reported.code == 0, reported.all);
  const std::string seq = reported.out.substr(0, reported.out.find('\n'));
  REQUIRE(kiosk.sync().code == 0);

  const std::string pass = dir.write("pass.txt", kServerPassphrase + "\n").string();
  const std::string auth = " --passphrase-file " + quote(pass);
  auto log = run(attest_cmd(server, "report incidents" + auth));
  REQUIRE_MESSAGE(log.code == 0, log.all);
  CHECK(log.out.find("A phishing email with an invoice") != std::string::npos);
  CHECK(log.out.find(",open,") != std::string::npos);
  // The record as the log prints it: the last column.
  const auto line_end = log.out.find("\r\n", log.out.find("A phishing email"));
  const auto comma = log.out.rfind(',', line_end);
  const std::string ref = log.out.substr(comma + 1, line_end - comma - 1);
  CHECK(ref.substr(ref.find('#') + 1) == seq);

  const uint64_t before = server_events(server);
  // Not an incident: the roster's first record on the server's own chain.
  auto wrong = run(attest_cmd(server, "incident review --incident 'ffffffff #1' --response r "
                                      "--notification required --reasoning r --by Dana"));
  CHECK(wrong.code == 2);
  CHECK(wrong.err.find("no incident report is recorded as ffffffff #1") != std::string::npos);
  auto bad_choice = run(attest_cmd(server, "incident review --incident " + quote(ref) +
                                           " --response r --notification maybe --reasoning r --by Dana"));
  CHECK(bad_choice.code == 2);
  CHECK(server_events(server) == before);

  auto review = run(attest_cmd(server, "incident review --incident " + quote(ref) +
                                       " --response 'Deleted; warned staff' --notification not-required"
                                       " --reasoning 'No PHI involved' --close --by 'Dana Whitfield'"));
  REQUIRE_MESSAGE(review.code == 0, review.all);
  auto designate = run(attest_cmd(server, "designate security --person p-x --effective 2026-01-05 --duties d --by o"));
  CHECK(designate.code == 2);  // nobody with that id
  auto roster = run(std::string(ATTEST_BIN) + " roster list --server " + quote(server.dir().string()));
  const auto id_at = roster.out.find("p-", roster.out.find("\n"));
  REQUIRE(id_at != std::string::npos);
  const std::string dana_id = roster.out.substr(id_at, roster.out.find(' ', id_at) - id_at);
  designate = run(attest_cmd(server, "designate security --person " + dana_id +
                                     " --effective 2026-01-05 --duties 'Runs the security program'"
                                     " --by 'Dr. Alan Reyes'"));
  REQUIRE_MESSAGE(designate.code == 0, designate.all);
  auto publish = run(attest_cmd(server, "policy publish --policy password --policy-version 1"
                                        " --effective 2026-02-01 --note 'First version' --by 'Dana Whitfield'"));
  REQUIRE_MESSAGE(publish.code == 0, publish.all);
  CHECK(server_events(server) == before + 3);
  // The kiosk learns the day at its next sync (the record's body is
  // sealed), so its staff sign the version in force.
  REQUIRE(kiosk.sync().code == 0);
  {
    store::KioskStore ks = kiosk_store(kiosk);
    auto published = store::load_published_versions(ks.db());
    REQUIRE(published.ok());
    REQUIRE(published->size() == 1);
    CHECK(published->at(0) == store::PublishedVersion{"password", "1", *parse_date("2026-02-01")});
  }

  log = run(attest_cmd(server, "report incidents" + auth));
  CHECK(log.out.find(",closed,Deleted; warned staff,no,No PHI involved,") != std::string::npos);
  auto officials = run(attest_cmd(server, "report designations" + auth));
  CHECK(officials.out.find("Security Official,Dana Whitfield,2026-01-05,current,Runs the security program,Dr. Alan Reyes") !=
        std::string::npos);
  auto curriculum = run(attest_cmd(server, "report curriculum" + auth));
  CHECK(curriculum.out.find("published") != std::string::npos);
  // Sign-ins and completions, most of which the matrix does not read.
  REQUIRE(kiosk.fill(90).code == 0);
  REQUIRE(kiosk.sync().code == 0);
  // Everything, every format; the roster came from the server's own chain.
  auto all = run(attest_cmd(server, "report all --format csv,html,pdf --out " +
                                    quote((dir / "reports").string()) + auth));
  REQUIRE_MESSAGE(all.code == 0, all.all);
  const std::string matrix = read_all(dir / "reports" / "compliance-matrix.csv");
  // `report matrix` and `report overdue` read only the kinds of record they
  // need, and each device's newest record; `report all` reads every record.
  // What they print is the same, the count of records and the newest from
  // each device included.
  // The two are generated a moment apart, perhaps in different minutes:
  // the generation line at the top and the one in the footer are left out.
  auto without_generated = [](std::string html) {
    for (const char* line : {"<p class=\"generated\">", "<footer class=\"report\">"}) {
      const auto at = html.find(line);
      if (at != std::string::npos) html.erase(at, html.find('\n', at) - at);
    }
    return html;
  };
  for (const std::string id : {"compliance-matrix", "overdue"}) {
    const auto out = dir / (id + "-alone.html");
    auto alone = run(attest_cmd(server, "report " + std::string(id == "overdue" ? "overdue" : "matrix") +
                                            " --format html --out " + quote(out.string()) + auth));
    REQUIRE_MESSAGE(alone.code == 0, alone.all);
    const std::string whole = read_all(dir / "reports" / (id + ".html"));
    CHECK(whole.find("signed records") != std::string::npos);
    CHECK(whole.find("Newest record included from") != std::string::npos);
    CHECK(without_generated(read_all(out)) == without_generated(whole));
  }
  CHECK(matrix.find("Dana Whitfield,management,") != std::string::npos);
  CHECK(matrix.find("Maria Lopez,front-desk,") != std::string::npos);
  CHECK(std::filesystem::file_size(dir / "reports" / "compliance-matrix.pdf") > 1000);

  // A wrong passphrase: no report, a clear reason.
  const std::string wrong_pass = dir.write("wrong.txt", "not the passphrase\n").string();
  auto refused = run(attest_cmd(server, "report matrix --passphrase-file " + quote(wrong_pass)));
  CHECK(refused.code == 2);
  CHECK(refused.out.empty());
  CHECK(refused.err.find("practice.key") != std::string::npos);
  CHECK(verify_server(server).code == 0);
  CHECK(server.stop() == 0);
}
