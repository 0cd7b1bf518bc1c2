// A kiosk store in a temporary folder with a known device seed and practice
// key, for the store, verifier and CLI tests. Links attest_store.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "crypto/random.h"
#include "store/kiosk_store.h"
#include "support/temp_dir.h"

namespace attest::testing {

struct StoreFixture {
  explicit StoreFixture(const std::string& tag = "attest-store") : dir(tag) {}

  TempDir dir;
  crypto::SystemRandom rng;
  FixedClock clock{{1795430525123, 60}};  // 2026-11-23T10:02:05Z, UTC+1
  crypto::BoxSecretKey practice = crypto::BoxSecretKey::generate(rng);
  Bytes seed = [this] {
    Bytes s(32);
    rng.fill(s);
    return s;
  }();

  crypto::DeviceKey device() const { return crypto::DeviceKey::from_seed(seed).value(); }
  std::filesystem::path db() const { return dir / "kiosk.db"; }
  // Where `attest verify` looks by default: keys/device.key beside the store.
  void save_device_key() const {
    std::filesystem::create_directories(dir / "keys");
    REQUIRE(device().save(dir / "keys" / "device.key").ok());
  }

  store::KioskStore create() {
    auto s = store::KioskStore::create(db(), device(), practice.public_key(), clock);
    REQUIRE(s.ok());
    return std::move(*s);
  }
  // Appends n events one by one, a second apart, as a kiosk would.
  void fill(store::KioskStore& store, int n,
            core::EventKind kind = core::EventKind::kModuleCompleted) {
    for (int i = 0; i < n; ++i) {
      core::EventDraft d;
      d.kind = kind;
      d.person_id = "p-" + std::to_string(i);
      d.body_fields = {{"i", i}};
      REQUIRE(store.append(d, clock, rng).ok());
      clock.advance_ms(1000);
    }
  }
};

}  // namespace attest::testing
