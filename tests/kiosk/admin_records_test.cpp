// Admin mode's records and changes without the UI, over a real store, the
// starter curriculum and a practice key file: roster changes are one event
// and the people table together (and refused when paired), a new PIN
// clears a lock, the records
// snapshot has the compliance matrix's figures, designations and exports.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "crypto/pwhash.h"
#include "kiosk/admin_service.h"
#include "kiosk/kiosk_records.h"
#include "report/reports.h"
#include "store/kiosk_sync_state.h"
#include "support/admin_store_fixture.h"

using namespace attest;

namespace {

constexpr const char* kPassphrase = testing::kAdminTestPassphrase;

struct Fixture : testing::AdminStoreFixture {
  Fixture() : AdminStoreFixture("attest-admin-records") {}
  kiosk::KioskService service{store, content::load_catalog(ATTEST_ASSETS_DIR), f.clock, f.rng, {}};
  kiosk::KioskSync sync{{f.db(), f.dir / "keys" / "device.key"}, "Front desk kiosk", {}};
  kiosk::AdminService admin{service, store, sync, key_file, {}};

  void open() {
    admin.start_unlock(kPassphrase);
    for (int i = 0; i < 500 && !admin.is_open(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(admin.is_open());
  }

  // The newest snapshot once nothing is being read, as the UI polls for it.
  std::shared_ptr<const ui::AdminRecords> settled() {
    for (int i = 0; i < 1000; ++i) {
      admin.poll();
      const ui::RecordsView v = admin.records();
      REQUIRE(v.problem.empty());
      if (v.records && !v.updating) return v.records;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL("the records were not read");
    return nullptr;
  }

  // The store's events in a ledger opened with the practice secret, as the
  // reports read them.
  report::Ledger ledger() {
    report::Ledger l;
    std::atomic<bool> no{false};
    REQUIRE(admin.with_practice_secret([&](const crypto::BoxSecretKey& key) {
      REQUIRE(kiosk::read_ledger(store, l, key, no).ok());
    }));
    return l;
  }

  uint64_t events() { return *store.event_count(); }

  ui::NewPerson person(std::string name, std::string role, const char* hired, std::string pin) {
    return {std::move(name), std::move(role), *parse_date(hired), std::move(pin)};
  }
};

}  // namespace

TEST_CASE("admin service: a roster change is a RosterChanged event and the people table together") {
  Fixture x;
  CHECK_FALSE(x.admin.add_person(x.person("Alex Kim", "clinical", "2026-11-01", "4071")).ok());
  x.open();
  REQUIRE(x.admin.roster_editable());
  const uint64_t start = x.events();
  REQUIRE(x.admin.add_person(x.person("Alex Kim", "clinical", "2026-11-01", "4071")).ok());
  CHECK(x.events() == start + 1);

  // Refused, and nothing recorded: a guessable PIN, the same name again.
  CHECK(x.admin.add_person(x.person("Bea Ortiz", "billing", "2026-11-01", "1234")).error().message ==
        "That PIN is too easy to guess. Choose another.");
  CHECK(x.admin.add_person(x.person("alex kim", "billing", "2026-11-01", "4071")).error().message ==
        "Alex Kim is already on the staff list.");
  CHECK(x.events() == start + 1);

  auto people = *store::load_people(x.store.db());
  REQUIRE(people.size() == 1);
  const store::PersonRecord alex = people.front();
  CHECK(alex.id.rfind("p-", 0) == 0);
  CHECK(alex.id.size() == 12);
  CHECK(crypto::check_pin(alex.pin_verifier, "4071"));

  REQUIRE(x.admin.change_role(alex.id, "front-desk").ok());
  REQUIRE(x.admin.set_active(alex.id, false).ok());
  CHECK(x.events() == start + 3);
  const auto row = *store::load_person(x.store.db(), alex.id);
  REQUIRE(row.has_value());
  CHECK(row->role == "front-desk");
  CHECK_FALSE(row->active);
  CHECK(row->pin_verifier == alex.pin_verifier);  // kept for a reactivation

  // The record says the same as the table.
  const report::Ledger l = x.ledger();
  const report::RosterEntry& e = l.roster().at(alex.id);
  CHECK(e.person.name == "Alex Kim");
  CHECK(e.person.role == "front-desk");
  CHECK(format_date(e.person.hired) == "2026-11-01");
  CHECK_FALSE(e.person.active);
  CHECK(e.changes.back().change == "deactivated");

  // Paired, the roster is the office server's: refused, nothing recorded.
  store::ServerLink link;
  link.url = "http://192.168.1.20:8750";
  link.practice_name = "Riverside Family Dental";
  REQUIRE(store::save_server_link(x.store.db(), link).ok());
  CHECK_FALSE(x.admin.roster_editable());
  const Status refused = x.admin.set_active(alex.id, true);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("attest roster import") != std::string::npos);
  CHECK(x.events() == start + 3);
}

TEST_CASE("admin service: a new PIN replaces the old one, clears a lock, and is a RosterChanged record") {
  Fixture x;
  CHECK_FALSE(x.admin.set_pin("p-none", "4071").ok());  // closed: nothing to look up
  x.open();
  REQUIRE(x.admin.add_person(x.person("Alex Kim", "clinical", "2026-11-01", "4071")).ok());
  const std::string id = (*store::load_people(x.store.db())).front().id;
  // Locked out after wrong PINs.
  core::PinState locked;
  locked.failures = 0;
  locked.lockouts = 2;
  locked.locked_until_ms = x.f.clock.now().utc_ms + 3600 * 1000;
  REQUIRE(store::save_pin_state(x.store.db(), id, locked).ok());
  const uint64_t start = x.events();

  // Refused, and nothing changed or recorded.
  CHECK(x.admin.set_pin(id, "2222").error().message == "That PIN is too easy to guess. Choose another.");
  CHECK(x.admin.set_pin(id, "58a1").error().message == "A PIN is 4 to 6 digits.");
  CHECK(x.admin.set_pin(id, "5819253").error().message == "A PIN is 4 to 6 digits.");
  CHECK(x.admin.set_pin("p-none", "5819").error().code == ErrorCode::kNotFound);
  CHECK(x.events() == start);
  CHECK(crypto::check_pin((*store::load_person(x.store.db(), id))->pin_verifier, "4071"));

  REQUIRE(x.admin.set_pin(id, "5819").ok());
  CHECK(x.events() == start + 1);
  const auto row = *store::load_person(x.store.db(), id);
  REQUIRE(row.has_value());
  CHECK(crypto::check_pin(row->pin_verifier, "5819"));
  CHECK_FALSE(crypto::check_pin(row->pin_verifier, "4071"));
  const core::PinState cleared = *store::load_pin_state(x.store.db(), id);
  CHECK(cleared.failures == 0);
  CHECK(cleared.lockouts == 0);
  CHECK(cleared.locked_until_ms == 0);

  const report::Ledger l = x.ledger();
  const report::RosterEntry& e = l.roster().at(id);
  CHECK(e.changes.back().change == "pin reset");
  CHECK(e.person.active);
  CHECK(e.person.role == "clinical");

  // Someone no longer active gets no PIN until reactivated.
  REQUIRE(x.admin.set_active(id, false).ok());
  CHECK(x.admin.set_pin(id, "6930").error().message ==
        "Alex Kim is no longer active: reactivate them first.");
  CHECK(x.events() == start + 2);
}

TEST_CASE("admin service: the records snapshot has the compliance matrix's figures") {
  Fixture x;
  x.open();
  // Long-standing staff (overdue on everything), a new hire (due), and one
  // who has done the first module.
  REQUIRE(x.admin.add_person(x.person("Dana Whitfield", "management", "2019-03-04", "4071")).ok());
  REQUIRE(x.admin.add_person(x.person("Maria Lopez", "front-desk", "2026-11-10", "5182")).ok());
  REQUIRE(x.admin.add_person(x.person("James Carter", "clinical", "2021-06-14", "6293")).ok());
  std::string james;
  const auto people = *store::load_people(x.store.db());
  for (const auto& p : people) {
    if (p.name == "James Carter") james = p.id;
  }
  const content::Item* basics =
      x.service.catalog().find(content::Kind::kModule, "security-awareness-basics");
  REQUIRE(basics);
  core::EventDraft done;
  done.kind = core::EventKind::kModuleCompleted;
  done.person_id = james;
  done.subject = {basics->id, std::to_string(basics->version), basics->sha256};
  REQUIRE(x.service.record_event(done).ok());
  // A designation, signed.
  REQUIRE(x.admin.designate({true, james, *parse_date("2026-11-20"), "Runs security training.",
                             "Alan Reyes", {{{10, 10}, {200, 80}, {400, 20}}}})
              .ok());

  const auto r = x.settled();
  const report::Ledger l = x.ledger();
  report::ReportContext ctx;
  ctx.as_of = local_date(x.f.clock.now());
  ctx.catalog = &x.service.catalog();
  const report::Document m = report::compliance_matrix(l, ctx);
  // The second table: "Completion by module and policy", its last column.
  const report::Table* summary = nullptr;
  for (const auto& b : m.blocks) {
    if (b.kind == report::Block::Kind::kTable) summary = &b.table;
  }
  REQUIRE(summary);
  REQUIRE(summary->rows.size() == r->items.size());
  for (size_t i = 0; i < r->items.size(); ++i) {
    INFO(r->items[i].title);
    CHECK(summary->rows[i][0].text == r->items[i].title);
    CHECK(summary->rows[i][7].text == std::to_string(r->items[i].percent) + "%");
  }
  CHECK(r->items.front().title == basics->title);
  CHECK(r->items.front().percent == 33);  // 1 of 3

  const report::Document overdue = report::overdue_list(l, ctx);
  CHECK(overdue.main_table()->rows.size() == r->overdue.size());
  CHECK(r->overdue_people == 2);  // Dana and James; Maria is within her 30 days
  CHECK(r->overdue.front().days_overdue >= r->overdue.back().days_overdue);

  REQUIRE(r->designations.size() == 1);
  CHECK(r->designations[0].name == "James Carter");
  CHECK(r->designations[0].current);
  CHECK(r->designations[0].drawn);
  CHECK(r->designations[0].effective == "2026-11-20");

  // Another the same day, recorded in the same millisecond (the clock is
  // fixed): the later record is current, and first on the page.
  std::string maria;
  for (const auto& p : people) {
    if (p.name == "Maria Lopez") maria = p.id;
  }
  REQUIRE(x.admin.designate({true, maria, *parse_date("2026-11-20"), "Runs security training.",
                             "Alan Reyes", {{{10, 10}, {200, 80}}}})
              .ok());
  const auto again = x.settled();
  REQUIRE(again->designations.size() == 2);
  CHECK(again->designations[0].name == "Maria Lopez");
  CHECK(again->designations[0].current);
  CHECK_FALSE(again->designations[1].current);

  // Closing admin mode drops the snapshot.
  x.admin.close(false);
  CHECK(x.admin.records().records == nullptr);
}

TEST_CASE("admin service: an export writes every report into a new folder") {
  Fixture x;
  x.open();
  REQUIRE(x.admin.add_person(x.person("Dana Whitfield", "management", "2019-03-04", "4071")).ok());
  const auto targets = x.admin.export_targets();
  REQUIRE(targets.size() == 1);  // no drives given
  CHECK(targets[0].folder == (x.f.dir / "exports").string());
  x.admin.start_export(ui::ExportKind::kReports, targets[0].folder, {});
  ui::ExportJob job = x.admin.export_job();
  for (int i = 0; i < 2000 && job.state == ui::ExportJob::State::kWorking; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    job = x.admin.export_job();
  }
  REQUIRE(job.state == ui::ExportJob::State::kDone);
  // Named by the kiosk's local date and time.
  const Timestamp now = x.f.clock.now();
  const int64_t minutes = (now.utc_ms / 60000 + now.offset_minutes) % (24 * 60);
  char hhmm[16];
  std::snprintf(hhmm, sizeof hhmm, "%02d%02d", int(minutes / 60), int(minutes % 60));
  CHECK(job.folder == (x.f.dir / "exports" / ("2026-11-23-" + std::string(hhmm))).string());
  CHECK(job.written == job.total);
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(job.folder)) files += e.is_regular_file();
  CHECK(files == size_t(job.written));
  // Policies x versions, the one transcript and the fixed nine, three formats each.
  CHECK(job.written == int(3 * (9 + 1 + x.service.catalog().of_kind(content::Kind::kPolicy).size())));
}
