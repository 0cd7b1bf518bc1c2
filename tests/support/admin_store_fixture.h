// A kiosk store sealed to a practice key whose file (cheap KDF, for speed)
// lies beside it, with the device key saved so a second connection can open
// the store: what admin mode's service tests start from.
#pragma once

#include <doctest/doctest.h>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "store/kiosk_store.h"
#include "support/store_fixture.h"

namespace attest::testing {

inline constexpr char kAdminTestPassphrase[] = "a practice passphrase";

struct AdminStoreFixture {
  explicit AdminStoreFixture(const std::string& tag) : f(tag) {}

  StoreFixture f;
  crypto::NewPracticeKey practice =
      *crypto::create_practice_key(kAdminTestPassphrase, f.rng, crypto::kdf_cost_minimum());
  std::filesystem::path key_file = f.dir / "practice.key";
  store::KioskStore store = [this] {
    REQUIRE(write_file_atomic(key_file, as_bytes(practice.file_text), 0600).ok());
    f.save_device_key();  // the records job and the sync open the store on their own
    auto s = store::KioskStore::create(f.db(), f.device(), practice.public_key, f.clock);
    REQUIRE(s.ok());
    return std::move(*s);
  }();
};

}  // namespace attest::testing
