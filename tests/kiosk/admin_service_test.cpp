// Admin mode's service without the UI, over a real store and practice key
// file: what opens it, what it records, how long it holds the secret, and
// that the wrong-passphrase count survives a restart.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <thread>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "kiosk/admin_service.h"
#include "support/admin_store_fixture.h"

using namespace attest;

namespace {

constexpr const char* kPassphrase = testing::kAdminTestPassphrase;

// A store sealed to a practice key whose file (cheap KDF) is beside it.
struct AdminFixture : testing::AdminStoreFixture {
  AdminFixture() : AdminStoreFixture("attest-admin-service") {}
  kiosk::KioskService service{store, content::Catalog{}, f.clock, f.rng, {}};
  kiosk::KioskSync sync{{f.db(), f.dir / "keys" / "device.key"}, "Front desk kiosk", {}};

  // Admin mode's events: kind -> count. Each names nobody.
  std::map<std::string, int> admin_events() {
    std::map<std::string, int> out;
    REQUIRE(store
                .for_each(1,
                          [&](const core::SignedEvent& e) {
                            if (e.header.subject.id == kiosk::kAdminSubject) {
                              CHECK(e.header.person_id.empty());
                              ++out[std::string(core::event_kind_name(e.header.kind))];
                            }
                            return true;
                          })
                .ok());
    return out;
  }
};

// Polls as the UI does each frame until the check is over.
ui::AdminUnlock settle(kiosk::AdminService& admin) {
  for (int i = 0; i < 500; ++i) {
    auto st = admin.unlock_state();
    if (st.state != ui::AdminUnlock::State::kChecking) return st;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL("the passphrase check did not finish");
  return {};
}

}  // namespace

TEST_CASE("admin service: the right passphrase lends the secret until closed; a wrong one is recorded") {
  AdminFixture a;
  kiosk::AdminService admin(a.service, a.store, a.sync, a.key_file, {});
  CHECK(admin.unlock_state().state == ui::AdminUnlock::State::kClosed);
  CHECK_FALSE(admin.with_practice_secret([](const crypto::BoxSecretKey&) { FAIL("closed"); }));

  admin.start_unlock("not the passphrase");
  auto st = settle(admin);
  CHECK(st.state == ui::AdminUnlock::State::kRefused);
  CHECK(st.message == "That passphrase is not right. 4 tries left before a wait.");

  admin.start_unlock(kPassphrase);
  REQUIRE(settle(admin).state == ui::AdminUnlock::State::kOpen);
  // The secret opens what the kiosk sealed to the practice key.
  const Bytes sealed = crypto::seal(a.store.practice_key(), as_bytes(std::string("body")));
  bool lent = admin.with_practice_secret([&](const crypto::BoxSecretKey& key) {
    CHECK(key.public_key() == a.store.practice_key());
    auto opened = crypto::seal_open(key, sealed);
    REQUIRE(opened.ok());
    CHECK(std::string(opened->view().begin(), opened->view().end()) == "body");
  });
  CHECK(lent);

  admin.close(false);
  CHECK(admin.unlock_state().state == ui::AdminUnlock::State::kClosed);
  CHECK_FALSE(admin.with_practice_secret([](const crypto::BoxSecretKey&) { FAIL("closed"); }));
  auto events = a.admin_events();
  CHECK(events["SignInFailed"] == 1);
  CHECK(events["SignIn"] == 1);
  CHECK(events["SignOut"] == 1);
  CHECK(events.size() == 3);
}

TEST_CASE("admin service: five wrong passphrases lock it, also after a restart") {
  AdminFixture a;
  {
    kiosk::AdminService admin(a.service, a.store, a.sync, a.key_file, {});
    for (int i = 0; i < 5; ++i) {
      admin.start_unlock("wrong " + std::to_string(i));
      settle(admin);
    }
    auto st = admin.unlock_state();
    CHECK(st.state == ui::AdminUnlock::State::kLocked);
    CHECK(st.wait_seconds == 60);
    admin.start_unlock(kPassphrase);  // refused while locked: nothing is checked
    CHECK(admin.unlock_state().state == ui::AdminUnlock::State::kLocked);
  }
  kiosk::AdminService restarted(a.service, a.store, a.sync, a.key_file, {});
  CHECK(restarted.unlock_state().state == ui::AdminUnlock::State::kLocked);
  a.f.clock.advance_ms(61000);
  restarted.start_unlock(kPassphrase);
  CHECK(settle(restarted).state == ui::AdminUnlock::State::kOpen);
  CHECK(a.admin_events()["SignInFailed"] == 5);
}

TEST_CASE("admin service: leaving while the passphrase is checked opens nothing") {
  AdminFixture a;
  kiosk::AdminService admin(a.service, a.store, a.sync, a.key_file, {});
  admin.start_unlock(kPassphrase);
  admin.close(false);  // the screen was left before the answer
  CHECK(settle(admin).state == ui::AdminUnlock::State::kClosed);
  CHECK(a.admin_events().empty());
}

TEST_CASE("admin service: no practice key file, no admin mode; an unpaired kiosk says so") {
  AdminFixture a;
  std::filesystem::remove(a.key_file);
  kiosk::AdminService admin(a.service, a.store, a.sync, a.key_file, {});
  auto st = admin.unlock_state();
  CHECK(st.state == ui::AdminUnlock::State::kUnavailable);
  CHECK(st.message.find("no copy of the practice key") != std::string::npos);
  const ui::SyncDetail d = admin.sync_detail();
  CHECK(d.phase == ui::SyncDetail::Phase::kNotPaired);
  CHECK(d.pending == 0);
  CHECK_FALSE(admin.pairing_detail().paired);
  CHECK(admin.pairing_detail().device_id.size() == 32 + 7);  // grouped in fours
}
