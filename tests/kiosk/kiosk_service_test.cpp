// The kiosk service over a real store and the starter curriculum, without
// the UI: what the home screen lists after a completion, in the same
// session and after a restart.
#include <doctest/doctest.h>

#include "base/file.h"
#include "crypto/pwhash.h"
#include "kiosk/kiosk_service.h"
#include "store/kiosk_sync_state.h"
#include "support/store_fixture.h"

using namespace attest;

namespace {

constexpr char kModule[] = "security-reminders";

std::optional<ui::Task> task(kiosk::KioskService& s, const std::string& id) {
  for (const auto& t : s.tasks()) {
    if (t.id == id) return t;
  }
  return std::nullopt;
}

// Maria, a new hire at the front desk, PIN 2468.
void add_maria(store::KioskStore& store) {
  store::PersonRecord maria{"p-0002", "Maria Lopez", "front-desk", *parse_date("2026-11-10"),
                            true, *crypto::make_pin_verifier("2468", crypto::kdf_cost_minimum())};
  REQUIRE(store::save_person(store.db(), maria).ok());
}

}  // namespace

TEST_CASE("a completion shows on the home list at once and after a restart") {
  testing::StoreFixture f("attest-service");
  auto store = f.create();
  add_maria(store);
  const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  REQUIRE(catalog.find(content::Kind::kModule, kModule));

  {
    kiosk::KioskService service(store, catalog, f.clock, f.rng, {});
    REQUIRE(service.sign_in("p-0002", "2468")->outcome == ui::SignInOutcome::kSignedIn);
    auto before = task(service, kModule);
    REQUIRE(before);
    CHECK(before->state == ui::TaskState::kDue);
    REQUIRE(service.complete_module(kModule).ok());
    auto after = task(service, kModule);
    REQUIRE(after);
    CHECK(after->state == ui::TaskState::kDone);
    REQUIRE(service.sign_out(false).ok());
  }
  kiosk::KioskService restarted(store, catalog, f.clock, f.rng, {});
  REQUIRE(restarted.sign_in("p-0002", "2468")->outcome == ui::SignInOutcome::kSignedIn);
  auto later = task(restarted, kModule);
  REQUIRE(later);
  CHECK(later->state == ui::TaskState::kDone);
}

TEST_CASE("a new hire's list follows the curriculum's teaching order, and remote completions count") {
  testing::StoreFixture f("attest-service");
  auto store = f.create();
  add_maria(store);
  const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  kiosk::KioskService service(store, catalog, f.clock, f.rng, {});
  REQUIRE(service.sign_in("p-0002", "2468")->outcome == ui::SignInOutcome::kSignedIn);
  auto tasks = service.tasks();
  REQUIRE(tasks.size() >= 2);
  // All due for a new hire, so the order is the curriculum's: basics first,
  // the sanction policy last.
  CHECK(tasks.front().id == "security-awareness-basics");
  CHECK(tasks.back().id == "sanction");
  CHECK(tasks.back().kind == content::Kind::kPolicy);
  for (size_t i = 1; i < tasks.size(); ++i) {
    const content::Item* a = catalog.find(tasks[i - 1].kind, tasks[i - 1].id);
    const content::Item* b = catalog.find(tasks[i].kind, tasks[i].id);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->order <= b->order);
  }
  REQUIRE(service.sign_out(false).ok());

  // Another kiosk's completion, as down-sync stores it, shows as done here.
  const content::Item* basics = catalog.find(content::Kind::kModule, "security-awareness-basics");
  REQUIRE(basics);
  REQUIRE(store::apply_down_sync(store.db(), std::nullopt, 0,
                                 {{"p-0002", "ModuleCompleted", basics->id,
                                   std::to_string(basics->version), f.clock.now().utc_ms, 60}},
                                 {})
              .ok());
  REQUIRE(service.sign_in("p-0002", "2468")->outcome == ui::SignInOutcome::kSignedIn);
  auto done = task(service, "security-awareness-basics");
  REQUIRE(done);
  CHECK(done->state == ui::TaskState::kDone);
}

TEST_CASE("staff are trained on the version in force: a newer one only from its day or its publication here") {
  testing::StoreFixture f("attest-service");
  auto store = f.create();
  add_maria(store);
  // The shipped content, with a version 2 of the password policy dated years ahead.
  const content::Catalog shipped = content::load_catalog(ATTEST_ASSETS_DIR);
  const content::Item* v1 = shipped.find(content::Kind::kPolicy, "password");
  REQUIRE(v1);
  REQUIRE(v1->version == 1);
  std::filesystem::copy(ATTEST_ASSETS_DIR, f.dir / "assets", std::filesystem::copy_options::recursive);
  std::string text = *read_file(v1->file);
  text.replace(text.find("version: 1"), 10, "version: 2");
  text.replace(text.find("effective: "), 21, "effective: 2099-01-01");
  REQUIRE(write_file_atomic(f.dir / "assets" / "policies" / "password-v2.md", as_bytes(text)).ok());
  const content::Catalog catalog = content::load_catalog(f.dir / "assets");
  REQUIRE(catalog.errors.empty());
  REQUIRE(catalog.find(content::Kind::kPolicy, "password")->version == 2);

  kiosk::KioskService service(store, catalog, f.clock, f.rng, {});
  REQUIRE(service.sign_in("p-0002", "2468")->outcome == ui::SignInOutcome::kSignedIn);
  auto in_force = service.in_force(content::Kind::kPolicy, "password");
  REQUIRE(in_force.item);
  CHECK(in_force.item->version == 1);
  REQUIRE(service.attest_policy("password", "Maria Lopez", {{{0, 0}, {10, 10}}}).ok());
  auto done = task(service, "password");
  REQUIRE(done);
  CHECK(done->state == ui::TaskState::kDone);

  // Published here from today: version 2 is the one to sign, and due again.
  const Date today = local_date(f.clock.now());
  REQUIRE(store::save_published_version(store.db(), {"password", "2", today}).ok());
  service.published_versions_changed();
  in_force = service.in_force(content::Kind::kPolicy, "password");
  REQUIRE(in_force.item);
  CHECK(in_force.item->version == 2);
  CHECK(in_force.since == today);
  auto again = task(service, "password");
  REQUIRE(again);
  CHECK(again->state != ui::TaskState::kDone);
  CHECK(again->new_version);
  REQUIRE(service.attest_policy("password", "Maria Lopez", {{{0, 0}, {10, 10}}}).ok());
  CHECK(task(service, "password")->state == ui::TaskState::kDone);

  // A publication from a later day leaves version 1 in force until then,
  // and a restarted kiosk reads it back from its store.
  REQUIRE(store::save_published_version(store.db(), {"password", "2", Date{today.days + 3}}).ok());
  kiosk::KioskService restarted(store, catalog, f.clock, f.rng, {});
  CHECK(restarted.in_force(content::Kind::kPolicy, "password").item->version == 1);
}
