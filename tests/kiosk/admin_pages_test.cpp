// End-to-end: admin mode's record pages on the real attest-kiosk, driven
// by scripts on a demo kiosk: the dashboard's figures and the overdue list
// (expected values worked out here from the demo's own events), adding and
// deactivating a person, recording a designation with a drawn signature,
// and saving every report to the data folder and to a removable drive.
// What the kiosk wrote is read back with the real attest binary.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/bytes.h"
#include "base/file.h"
#include "content/content.h"
#include "content/weekly_reminder.h"
#include "store/kiosk_state.h"
#include "store/kiosk_store.h"
#include "support/admin_kiosk.h"

using namespace attest;
using testing::AdminKiosk;
using testing::kDemoPassphrase;
using testing::open_admin;
using testing::open_admin_page;
using testing::quote;
using testing::run;
using testing::script_quoted;
namespace fs = std::filesystem;

namespace {

struct Person {
  std::string name, role;
  Date hired;
  bool active = true;
};

// What the demo's events say: the roster (RosterChanged bodies, in order)
// and every completion (ModuleCompleted, PolicyAttested).
struct Facts {
  std::map<std::string, Person> roster;
  std::set<std::tuple<std::string, std::string, std::string, int>> done;  // person, kind, item, version
};

Facts facts_of(const std::string& dump) {
  Facts f;
  std::istringstream lines(dump);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    const std::string kind = j["kind"], person = j["person_id"];
    if (kind == "RosterChanged") {
      const auto& b = j["body"];
      Person& p = f.roster[person];
      p.name = b["name"];
      p.role = b["role"];
      p.hired = *parse_date(b["hired"].get<std::string>());
      p.active = b.value("active", b["change"] != "deactivated");
    } else if (kind == "ModuleCompleted" || kind == "PolicyAttested") {
      f.done.insert({person, kind, j["subject"]["id"], std::stoi(j["subject"]["version"].get<std::string>())});
    }
  }
  return f;
}

struct Expected {
  std::vector<std::string> percent_rows;  // "Title: 25%"
  std::set<std::string> overdue_people;
  int overdue_items = 0;
  std::string most_overdue;  // "Dana Whitfield" (any of those tied)
  int most_days = 0;
};

// The figures worked out by hand from the facts. Every completion in the
// demo is from today, so none has lapsed: an item is done when its person
// completed the module (any version) or signed the policy's current version;
// otherwise it falls due 30 days after the later of their hire date and the
// item's effective date, and is overdue after that.
Expected expected_of(const Facts& f, const content::Catalog& catalog, Date today) {
  Expected e;
  for (content::Kind k : {content::Kind::kModule, content::Kind::kPolicy}) {
    const bool policy = k == content::Kind::kPolicy;
    for (const content::Item* item : catalog.of_kind(k)) {
      if (catalog.find(k, item->id) != item) continue;  // older versions are not assigned
      int assigned = 0, done = 0;
      for (const auto& [id, p] : f.roster) {
        const bool everyone = std::count(item->roles.begin(), item->roles.end(), "all") > 0;
        if (!p.active || !(everyone || std::count(item->roles.begin(), item->roles.end(), p.role))) {
          continue;
        }
        ++assigned;
        bool did = false;
        for (const auto& [who, kind, what, version] : f.done) {
          did = did || (who == id && what == item->id &&
                        kind == (policy ? "PolicyAttested" : "ModuleCompleted") &&
                        (!policy || version == item->version));
        }
        if (did) {
          ++done;
          continue;
        }
        const Date due = add_days(std::max(p.hired, item->effective.value_or(Date{})), 30);
        if (today > due) {
          ++e.overdue_items;
          e.overdue_people.insert(p.name);
          if (today.days - due.days > e.most_days) {
            e.most_days = today.days - due.days;
            e.most_overdue = p.name;
          }
        }
      }
      REQUIRE(assigned > 0);
      e.percent_rows.push_back(item->title + ": " + std::to_string((done * 100 + assigned / 2) / assigned) + "%");
    }
  }
  return e;
}

// "23 Nov 2026", as the people page writes dates.
std::string short_date(Date d) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate c = civil_from_date(d);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
}

std::string read_text(const fs::path& p) {
  auto t = read_file(p);
  REQUIRE(t.ok());
  return *t;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// How many files "every report" is for this practice: the fixed reports,
// one attestation roster per policy version, one transcript per person ever
// on the roster; each as CSV, HTML and PDF.
size_t export_file_count(const Facts& f, const content::Catalog& catalog) {
  const size_t fixed = 9;  // matrix, overdue, coverage, curriculum, incidents, sign-ins,
                           // designations, reminders, retention
  return 3 * (fixed + catalog.of_kind(content::Kind::kPolicy).size() + f.roster.size());
}

}  // namespace

TEST_CASE("the dashboard and the overdue list show the demo practice's figures") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  const Expected e = expected_of(facts_of(k.dump_bodies()), catalog, local_date(SystemClock().now()));
  REQUIRE(!e.overdue_people.empty());

  std::string script = open_admin(kDemoPassphrase) +
                       "expect \"Dashboard\"\n"
                       "wait-for \"Completion by module and policy\"\n";
  for (const auto& row : e.percent_rows) script += "expect " + script_quoted(row) + "\n";
  script += "expect " + script_quoted(std::to_string(e.overdue_people.size()) + " people overdue") + "\n" +
            "expect " + script_quoted(std::to_string(e.overdue_items) + " overdue modules and policies") + "\n" +
            "expect \"1 incident not yet closed\"\n"  // the demo's one report, never reviewed
            "expect \"This kiosk keeps the practice's records itself\"\n"
            "tap \"See who is overdue\"\n"
            "expect \"Overdue training\"\n"
            "expect " + script_quoted(e.most_overdue) + "\n" +
            "expect " + script_quoted(std::to_string(e.most_days) + " days overdue") + "\n";
  for (const auto& name : e.overdue_people) script += "expect " + script_quoted(name) + "\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  CHECK(r.code == 0);
}

TEST_CASE("adding a person, who signs in with the PIN they chose, then deactivating them") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const Date hired = add_days(add_years(local_date(SystemClock().now()), -1), -1);
  const int before = k.counts().any("RosterChanged");
  const std::string people = open_admin_page(kDemoPassphrase, "People") +
                             "wait-for \"Tap a person to see their training.\"\n";
  const std::string add = people +
                          "tap \"Add a person\"\n"
                          "type \"Alex Kim\"\n"
                          "tap \"Done\"\n"
                          "tap \"Clinical\"\n"
                          // Started a year and a day ago, on the date stepper.
                          "tap \"hired-year-earlier\"\n"
                          "tap \"hired-day-earlier\"\n"
                          "tap \"Continue\"\n"
                          "expect \"Now hand the kiosk to Alex Kim\"\n"
                          "tap \"4\"\ntap \"0\"\ntap \"7\"\ntap \"1\"\n"
                          "tap \"Continue\"\n"
                          "expect \"Alex: enter the same PIN again\"\n"
                          "tap \"4\"\ntap \"0\"\ntap \"7\"\ntap \"1\"\n"
                          "tap \"Add to the staff list\"\n"
                          "expect \"Alex Kim was added\"\n"
                          // On the list once the records are read again.
                          "wait-for " + script_quoted("Clinical. Started " + short_date(hired)) + "\n" +
                          "tap \"Close admin mode\"\n"
                          "tap \"Start\"\n"
                          "tap \"Alex Kim\"\n"
                          "tap \"4\"\ntap \"0\"\ntap \"7\"\ntap \"1\"\n"
                          "tap \"Sign in\"\n"
                          "expect \"Hello, Alex\"\n";
  auto r = k.run_script(dir, add);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(k.counts().any("RosterChanged") == before + 1);
  CHECK(k.report_csv("matrix").find("Alex Kim") != std::string::npos);

  const std::string deactivate = people +
                                 "tap \"Alex Kim\"\n"
                                 "expect \"Clinical\"\n"
                                 "tap \"Deactivate\"\n"
                                 "expect \"Deactivate Alex Kim?\"\n"
                                 "tap \"Yes, deactivate\"\n"
                                 "expect \"Alex Kim is no longer active.\"\n"
                                 "wait-for \"No longer active: cannot sign in, records kept\"\n";
  r = k.run_script(dir, deactivate);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(k.counts().any("RosterChanged") == before + 2);
  k.check_verifies();

  // The record says what happened, and the people table agrees with it.
  const Facts f = facts_of(k.dump_bodies());
  std::string id;
  for (const auto& [pid, p] : f.roster) {
    if (p.name == "Alex Kim") id = pid;
  }
  REQUIRE(!id.empty());
  CHECK(f.roster.at(id).role == "clinical");
  CHECK(f.roster.at(id).hired == hired);
  CHECK_FALSE(f.roster.at(id).active);
  auto db = store::open_kiosk_db(k.db(), store::OpenMode::kReadOnly);
  REQUIRE(db.ok());
  auto person = store::load_person(*db, id);
  REQUIRE(person.ok());
  REQUIRE(person->has_value());
  CHECK_FALSE((*person)->active);
  CHECK((*person)->role == "clinical");
  CHECK(k.report_csv("matrix").find("Alex Kim") == std::string::npos);
}

TEST_CASE("someone locked out is given a new PIN they choose, and signs in with it") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const int before = k.counts().any("RosterChanged");
  const int failed_before = k.counts().any("SignInFailed");
  // James (PIN 1357) types a wrong PIN five times and is locked out.
  std::string lock_out = "tap \"Start\"\ntap \"James Carter\"\n";
  for (int i = 0; i < 5; ++i) lock_out += "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"9\"\ntap \"Sign in\"\n";
  lock_out += "expect \"Too many wrong PINs\"\n";
  auto r = k.run_script(dir, lock_out);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(k.counts().any("SignInFailed") == failed_before + 5);

  const std::string reset = open_admin_page(kDemoPassphrase, "People") +
                            "wait-for \"Tap a person to see their training.\"\n"
                            "tap \"James Carter\"\n"
                            "tap \"Set a new PIN\"\n"
                            "expect \"Now hand the kiosk to James Carter\"\n"
                            "expect \"choose a new PIN\"\n"
                            "tap \"5\"\ntap \"8\"\ntap \"1\"\ntap \"9\"\n"
                            "tap \"Continue\"\n"
                            "expect \"James: enter the same PIN again\"\n"
                            // A slip: the second PIN differs, and both are asked again.
                            "tap \"5\"\ntap \"8\"\ntap \"1\"\ntap \"8\"\n"
                            "tap \"Save the new PIN\"\n"
                            "expect \"The two PINs were different. Choose again.\"\n"
                            "tap \"5\"\ntap \"8\"\ntap \"1\"\ntap \"9\"\n"
                            "tap \"Continue\"\n"
                            "tap \"5\"\ntap \"8\"\ntap \"1\"\ntap \"9\"\n"
                            "tap \"Save the new PIN\"\n"
                            "expect \"James Carter can sign in with their new PIN now.\"\n"
                            "tap \"Close admin mode\"\n"
                            "tap \"Start\"\n"
                            "tap \"James Carter\"\n"
                            // No longer locked; the old PIN is refused, the new one works.
                            "tap \"1\"\ntap \"3\"\ntap \"5\"\ntap \"7\"\n"
                            "tap \"Sign in\"\n"
                            "expect \"That PIN is not right.\"\n"
                            "tap \"5\"\ntap \"8\"\ntap \"1\"\ntap \"9\"\n"
                            "tap \"Sign in\"\n"
                            "expect \"Hello, James\"\n";
  r = k.run_script(dir, reset);
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK(k.counts().any("RosterChanged") == before + 1);
  CHECK(k.counts().any("SignInFailed") == failed_before + 6);
  k.check_verifies();
  const std::string dump = k.dump_bodies();
  CHECK(dump.find("\"change\":\"pin reset\"") != std::string::npos);
  const Facts f = facts_of(dump);
  REQUIRE(f.roster.count("p-0003") == 1);
  CHECK(f.roster.at("p-0003").active);
  CHECK(f.roster.at("p-0003").role == "clinical");
}

TEST_CASE("a Privacy Official designation with a drawn signature supersedes the last one") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const std::string today = format_date(local_date(SystemClock().now()));
  const std::string script =
      open_admin_page(kDemoPassphrase, "Designations") +
      "wait-for \"History, newest first\"\n"
      "tap \"Record a designation\"\n"
      "tap \"Privacy Official\"\n"
      "tap \"James Carter\"\n"
      "expect \"Privacy Official under 45 CFR 164.530(a)\"\n"  // the duties start filled in
      "tap \"Signed by\"\n"
      "type \"Alan Reyes\"\n"
      "tap \"Done\"\n"
      "draw \"Signature\" 0.08,0.62 0.14,0.35 0.2,0.66 0.27,0.3 0.33,0.62 0.42,0.48 0.5,0.6 "
      "0.6,0.42 0.7,0.58 0.8,0.45 0.9,0.55\n"
      "tap \"Save the designation\"\n"
      "expect \"Saved: James Carter is the Privacy Official\"\n"
      "wait-for \"Privacy Official: James Carter\"\n"
      "expect \"Superseded\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  k.check_verifies();

  bool found = false;
  std::istringstream lines(k.dump_bodies());
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j["kind"] != "PrivacyOfficialDesignated" || j["person_id"] != "p-0003") continue;
    found = true;
    const auto& b = j["body"];
    CHECK(b["name"] == "James Carter");
    CHECK(b["effective"] == today);
    CHECK(b["designated_by"] == "Alan Reyes");
    CHECK(b["duties"].get<std::string>().find("164.530(a)") != std::string::npos);
    CHECK(b["signature_strokes"].size() >= 1);
    CHECK(b["signature_strokes"][0].size() >= 5);
  }
  CHECK(found);

  // The designation report has it as current, signed; Dana's as superseded.
  const std::string csv = k.report_csv("designations");
  INFO(csv);
  bool current = false, superseded = false;
  std::istringstream rows(csv);
  for (std::string row; std::getline(rows, row);) {
    if (row.rfind("Privacy Official,James Carter," + today + ",current,", 0) == 0) {
      current = row.find(",Alan Reyes,drawn,") != std::string::npos;
    }
    if (row.rfind("Privacy Official,Dana Whitfield,2026-01-05,superseded " + today, 0) == 0) {
      superseded = true;
    }
  }
  CHECK(current);
  CHECK(superseded);
}

TEST_CASE("every report is saved as CSV, HTML and PDF to the data folder and to a USB drive") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  const size_t files = export_file_count(facts_of(k.dump_bodies()), catalog);
  const fs::path media = dir / "media";
  fs::create_directories(media);

  // No drive: said so; saved in the kiosk's own exports folder.
  const std::string saved = "Saved " + std::to_string(files) + " files to ";
  auto r = k.run_script(dir,
                        open_admin_page(kDemoPassphrase, "Save reports") +
                            "expect \"No USB drive found\"\n"
                            "tap \"Save every report\"\n"
                            "wait-for " + script_quoted(saved + (k.data() / "exports").string()) + "\n",
                        "--removable-media " + quote(media.string()));
  INFO(r.all);
  REQUIRE(r.code == 0);
  REQUIRE(fs::is_directory(k.data() / "exports"));
  const auto own = files_in(k.data() / "exports");
  REQUIRE(own.size() == 1);
  CHECK(files_in(own.front()).size() == files);

  // A drive mounted as /media/USER/LABEL is offered and written to.
  const fs::path drive = media / "dana" / "KINGSTON";
  fs::create_directories(drive);
  r = k.run_script(dir,
                   open_admin_page(kDemoPassphrase, "Save reports") +
                       "expect \"Removable drive KINGSTON\"\n"
                       "tap \"target-1\"\n"
                       "tap \"Save every report\"\n"
                       "wait-for " + script_quoted(saved + (drive / "attest-reports-").string()) + "\n",
                   "--removable-media " + quote(media.string()));
  INFO(r.all);
  REQUIRE(r.code == 0);
  const auto exported = files_in(drive);
  REQUIRE(exported.size() == 1);
  const auto written = files_in(exported.front());
  CHECK(written.size() == files);
  auto info = run("pdfinfo " + quote((exported.front() / "compliance-matrix.pdf").string()));
  CHECK_MESSAGE(info.code == 0, info.all);
  CHECK(info.out.find("Pages:") != std::string::npos);

  // The same tables as `attest report all --kiosk`, which read the same
  // records; the sign-in summary differs by the admin sessions since.
  const fs::path cli = dir / "cli-reports";
  auto all = run(quote(ATTEST_BIN) + " report all --kiosk " + quote(k.data().string()) +
                 " --passphrase-file " + quote((k.data() / "demo-passphrase.txt").string()) +
                 " --format csv --out " + quote(cli.string()));
  INFO(all.all);
  REQUIRE(all.code == 0);
  int compared = 0;
  for (const fs::path& p : files_in(cli)) {
    if (p.filename() == "sign-ins.csv") continue;
    INFO(p.filename().string());
    CHECK(read_text(p) == read_text(exported.front() / p.filename()));
    ++compared;
  }
  CHECK(size_t(compared + 1) * 3 == files);
}

TEST_CASE("the evidence bundle saved in admin mode passes attest verify-bundle") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const fs::path media = dir / "media";
  fs::create_directories(media);

  // It ends yesterday unless moved; after today it cannot be saved. The
  // demo's records are all from today, so the test moves it to today.
  auto r = k.run_script(dir,
                        open_admin_page(kDemoPassphrase, "Save reports") +
                            "expect \"Evidence bundle for an auditor\"\n"
                            "tap \"bundle-to-day-later\"\n"
                            "tap \"bundle-to-day-later\"\n"
                            "expect \"The last day cannot be after today\"\n"
                            "tap \"bundle-to-day-earlier\"\n"
                            "expect \"(366 days)\"\n"
                            "tap \"Save the evidence bundle\"\n"
                            "wait-for \"Saved the evidence bundle for\"\n"
                            "expect " + script_quoted((k.data() / "exports" / "evidence-").string()) +
                            "\n",
                        "--removable-media " + quote(media.string()));
  INFO(r.all);
  REQUIRE(r.code == 0);
  const auto bundles = files_in(k.data() / "exports");
  REQUIRE(bundles.size() == 1);
  CHECK(bundles.front().filename().string().rfind("evidence-", 0) == 0);
  CHECK(fs::exists(bundles.front() / "reports" / "compliance-matrix.csv"));

  auto v = run(quote(ATTEST_BIN) + " verify-bundle " + quote(bundles.front().string()));
  INFO(v.all);
  CHECK(v.code == 0);
  CHECK(v.out.find("OK:") != std::string::npos);
  CHECK(v.out.find("the kiosk's device key") != std::string::npos);
  // The demo's records, all from today, are in it.
  CHECK(v.out.find(" 0 events") == std::string::npos);
}

TEST_CASE("an incident reported at the kiosk is reviewed and closed in admin mode") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  // The demo's report stays open; this one, reported at the start screen, is closed.
  const std::string script =
      "tap \"Report a security concern\"\n"
      "tap \"Lost or stolen device\"\n"
      "tap \"Just now\"\n"
      "tap \"Front desk\"\n"
      "tap \"Send report\"\n"
      "expect \"Report saved\"\n"
      "tap \"Done\"\n" +
      open_admin(kDemoPassphrase) +
      "wait-for \"2 incidents not yet closed\"\n"
      "tap \"Admin menu\"\n"
      "tap \"Incidents\"\n"
      "wait-for \"2 incidents reported; 2 not closed\"\n"
      "expect \"Reported today at \"\n"  // in a sentence, not "Reported Today"
      "expect-not \"Reported Today\"\n"
      "tap \"incident-0\"\n"
      "expect \"Front desk\"\n"
      "expect \"Not reviewed yet.\"\n"
      "tap \"Record a review\"\n"
      "tap \"Response\"\n"
      "type \"Laptop found in the staff room and checked\"\n"
      "tap \"Done\"\n"
      "tap \"Not required\"\n"
      "tap \"Reasoning\"\n"
      "type \"The disk is encrypted and it was never out of the building\"\n"
      "tap \"Done\"\n"
      "tap \"Close this incident\"\n"
      "tap \"Reviewed by\"\n"
      "type \"Alan Reyes\"\n"
      "tap \"Done\"\n"
      "tap \"Save the review\"\n"
      "expect \"Saved: the incident is closed.\"\n"
      "wait-for \"Breach notification: Not required.\"\n"
      "tap \"All incidents\"\n"
      "wait-for \"2 incidents reported; 1 not closed\"\n"
      "tap \"Admin menu\"\n"
      "tap \"Dashboard\"\n"
      "wait-for \"1 incident not yet closed\"\n";
  auto r = k.run_script(dir, script);
  INFO(r.all);
  REQUIRE(r.code == 0);
  k.check_verifies();

  // The review refers to the report, with exactly the body fields of the incident log.
  std::string incident_id;
  nlohmann::json review;
  std::istringstream lines(k.dump_bodies());
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j["kind"] == "IncidentReported" &&
        j["body"]["what"].get<std::string>().rfind("Lost or stolen device", 0) == 0) {
      incident_id = j["event_id"];
    }
    if (j["kind"] == "IncidentReviewed") review = j;
  }
  REQUIRE(!incident_id.empty());
  REQUIRE(!review.is_null());
  CHECK(review["refers_to"] == incident_id);
  CHECK(review["body"] == nlohmann::json{{"response", "Laptop found in the staff room and checked"},
                               {"notification_required", false},
                               {"reasoning", "The disk is encrypted and it was never out of the building"},
                               {"closed", true},
                               {"reviewer_name", "Alan Reyes"}});

  // attest report incidents --kiosk has it closed, and the demo's still open.
  const std::string csv = k.report_csv("incidents");
  INFO(csv);
  int closed = 0, open = 0;
  std::istringstream rows(csv);
  for (std::string row; std::getline(rows, row);) {
    if (row.find("Lost or stolen device") != std::string::npos) {
      closed += row.find(",closed,") != std::string::npos;
      CHECK(row.find("Alan Reyes") != std::string::npos);
    }
    if (row.find("lab results") != std::string::npos) open += row.find(",open,") != std::string::npos;
  }
  CHECK(closed == 1);
  CHECK(open == 1);
}

// "30 Nov 2026", as the admin pages write a date.
std::string short_date_text(Date d) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate c = civil_from_date(d);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
}

TEST_CASE("the security reminders page shows this week's reminder, who confirmed it, and the next 7") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  const Date today = local_date(SystemClock().now());
  const Facts facts = facts_of(k.dump_bodies());
  int active = 0;
  for (const auto& [id, p] : facts.roster) active += p.active;
  // The demo's one confirmation is of "lock-your-screen", today.
  const content::WeeklyReminder now = content::weekly_reminder(catalog, today);
  REQUIRE(now.item);
  const int confirmed = now.item->id == "lock-your-screen" ? 1 : 0;

  std::string script = open_admin_page(kDemoPassphrase, "Security reminders") +
                       "wait-for \"The next 7 weeks\"\n"
                       "expect " + script_quoted(now.item->title) + "\n" +
                       "expect " + script_quoted(std::to_string(confirmed) + " of " +
                                                 std::to_string(active) +
                                                 " active people confirmed it") + "\n";
  for (int w = 1; w < 8; ++w) {
    const content::WeeklyReminder next = content::weekly_reminder(catalog, add_days(today, 7 * w));
    REQUIRE(next.item);
    script += "expect " + script_quoted(next.item->title) + "\n";
    script += "expect " + script_quoted("from " + short_date_text(next.week_start)) + "\n";
  }
  auto r = k.run_script(dir, script);
  INFO(r.all);
  CHECK(r.code == 0);
}

// The Policies page records what `attest policy review` and `attest policy
// publish` record at the office server. The demo's shipped content has one
// version of each policy, so it offers a review only; a copy of the content
// with a second version of one policy (--assets) offers publishing it.
TEST_CASE("a policy review, then publishing a new version from the day chosen") {
  testing::TempDir dir("attest-pages");
  AdminKiosk k = demo_kiosk(dir);
  const Date today = local_date(SystemClock().now());
  const content::Catalog shipped = content::load_catalog(ATTEST_ASSETS_DIR);
  const content::Item* password = shipped.find(content::Kind::kPolicy, "password");
  REQUIRE(password);
  REQUIRE(password->version == 1);

  auto r = k.run_script(dir, open_admin_page(kDemoPassphrase, "Policies") +
                                 "wait-for \"Password Policy\"\n"
                                 "expect \"New versions arrive with a content update\"\n"
                                 "expect \"Version 1 in force since\"\n"
                                 "tap \"review-password\"\n"
                                 "expect \"Record a review of Password Policy version 1\"\n"
                                 "expect \"Reviewed and approved\"\n"  // the note starts filled in
                                 "tap \"Recorded by\"\n"
                                 "type \"Alan Reyes\"\n"
                                 "tap \"Done\"\n"
                                 "tap \"Save the review\"\n"
                                 "expect \"Saved: the review of Password Policy version 1\"\n");
  INFO(r.all);
  REQUIRE(r.code == 0);
  k.check_verifies();

  const auto find_event = [&](const std::string& kind) {
    nlohmann::json found;
    std::istringstream lines(k.dump_bodies());
    for (std::string line; std::getline(lines, line);) {
      auto j = nlohmann::json::parse(line);
      if (j["kind"] == kind) found = std::move(j);
    }
    return found;
  };
  const nlohmann::json review = find_event("PolicyReviewed");
  INFO(review.dump());
  REQUIRE(review.is_object());
  CHECK(review["subject"]["id"] == "password");
  CHECK(review["subject"]["version"] == "1");
  CHECK(review["subject"]["content_sha256"] == hex_encode(password->sha256));
  CHECK(review["body"]["title"] == password->title);
  CHECK(review["body"]["effective"] == format_date(*password->effective));
  CHECK(review["body"]["outcome"] == "reviewed without change");
  CHECK(review["body"]["note"] == "Reviewed and approved");
  CHECK(review["body"]["by_name"] == "Alan Reyes");

  // The curriculum report has it against that version.
  const std::string csv = k.report_csv("curriculum");
  bool reviewed = false;
  std::istringstream rows(csv);
  for (std::string row; std::getline(rows, row);) {
    if (row.find("Password Policy,1,") == std::string::npos) continue;
    const size_t at = row.find("reviewed ");
    reviewed = at != std::string::npos && row.find(" by Alan Reyes", at) != std::string::npos;
  }
  CHECK_MESSAGE(reviewed, csv);

  // A second version of the password policy, dated far ahead: not in force
  // until it is published.
  const fs::path assets = dir / "assets";
  fs::copy(ATTEST_ASSETS_DIR, assets, fs::copy_options::recursive);
  std::string v2 = read_text(password->file);
  v2.replace(v2.find("version: 1"), 10, "version: 2");
  v2.replace(v2.find("effective: "), 21, "effective: 2099-01-01");
  {
    std::ofstream out(assets / "policies" / "password-v2.md", std::ios::binary);
    out << v2;
  }
  const content::Catalog updated = content::load_catalog(assets);
  REQUIRE(updated.errors.empty());
  const content::Item* v2_item = updated.find(content::Kind::kPolicy, "password");
  REQUIRE(v2_item);
  REQUIRE(v2_item->version == 2);

  r = k.run_script(dir,
                   open_admin_page(kDemoPassphrase, "Policies") +
                       "wait-for \"Password Policy\"\n"
                       "expect \"Publishing a version puts it in force\"\n"
                       "tap \"publish-password-2\"\n"
                       "expect \"Publish Password Policy version 2\"\n"
                       "tap \"effective-day-later\"\n"
                       "tap \"Recorded by\"\n"
                       "type \"Alan Reyes\"\n"
                       "tap \"Done\"\n"
                       "tap \"Save the publication\"\n"
                       "expect \"Saved: Password Policy version 2 is published, in force from " +
                       short_date(add_days(today, 1)) + "\"\n",
                   "--assets " + quote(assets.string()));
  INFO(r.all);
  REQUIRE(r.code == 0);
  k.check_verifies();
  const nlohmann::json publish = find_event("PolicyPublished");
  INFO(publish.dump());
  REQUIRE(publish.is_object());
  CHECK(publish["subject"]["id"] == "password");
  CHECK(publish["subject"]["version"] == "2");
  CHECK(publish["subject"]["content_sha256"] == hex_encode(v2_item->sha256));
  CHECK(publish["body"]["title"] == v2_item->title);
  CHECK(publish["body"]["effective"] == format_date(add_days(today, 1)));
  CHECK(publish["body"]["note"] == "Reviewed and approved");
  CHECK(publish["body"]["by_name"] == "Alan Reyes");
  CHECK(publish["body"].size() == 4);

  // Kept beside the record for staff, who cannot open its body: version 2
  // is theirs to sign from tomorrow (kiosk_service_test follows it there).
  auto db = store::Db::open(k.db(), store::OpenMode::kReadOnly);
  REQUIRE(db.ok());
  auto published = store::load_published_versions(*db);
  REQUIRE(published.ok());
  REQUIRE(published->size() == 1);
  CHECK(published->at(0).policy_id == "password");
  CHECK(published->at(0).version == "2");
  CHECK(published->at(0).effective == add_days(today, 1));
}
