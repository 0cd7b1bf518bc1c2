// The kiosk service over a real store and the starter curriculum, without
// the UI: what the home screen lists after a completion, in the same
// session and after a restart.
#include <doctest/doctest.h>

#include "crypto/pwhash.h"
#include "kiosk/kiosk_service.h"
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

}  // namespace

TEST_CASE("a completion shows on the home list at once and after a restart") {
  testing::StoreFixture f("attest-service");
  auto store = f.create();
  store::PersonRecord maria{"p-0002", "Maria Lopez", "front-desk", *parse_date("2026-11-10"),
                            true, *crypto::make_pin_verifier("2468", crypto::kdf_cost_minimum())};
  REQUIRE(store::save_person(store.db(), maria).ok());
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
