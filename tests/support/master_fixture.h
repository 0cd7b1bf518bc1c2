// A master store in a temporary folder with a server key and practice key
// of its own, and a way to enroll a test chain's device on it: for the
// master store and the server's request-handling tests. Links attest_store.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "store/sqlite_master_store.h"
#include "support/chain_fixture.h"
#include "support/temp_dir.h"

namespace attest::testing {

inline constexpr int64_t kMasterNow = 1795430525123;  // 2026-11-23T10:02:05Z

struct MasterFixture {
  explicit MasterFixture(const std::string& tag = "attest-master", uint64_t seed = 11)
      : dir(tag), rng(seed) {}

  TempDir dir;
  SeededRandom rng;
  crypto::SigningKey server = crypto::SigningKey::generate(rng);
  crypto::BoxSecretKey practice = crypto::BoxSecretKey::generate(rng);
  store::PracticeInfo info{"Riverside Family Dental", server.public_key(), practice.public_key(),
                           kMasterNow};
  std::unique_ptr<store::SqliteMasterStore> store = open(true);

  // Creates the store, or opens the one already in the folder (a restart).
  std::unique_ptr<store::SqliteMasterStore> open(bool create) {
    auto s = create ? store::SqliteMasterStore::create(dir / "master.db", info)
                    : store::SqliteMasterStore::open(dir / "master.db");
    REQUIRE(s.ok());
    return std::move(*s);
  }

  // Pairs the chain's device with a fresh one-time code, as a kiosk would.
  store::DeviceRecord enroll(const Chain& c, const std::string& name = "Front desk") {
    store::DeviceRecord d;
    d.id = c.device.id();
    d.public_key = c.device.public_key();
    d.name = name;
    crypto::Sha256 code{};
    rng.fill(code);
    REQUIRE(store->add_pairing_code(code, kMasterNow, kMasterNow + 600000).ok());
    REQUIRE(store->pair_device(code, d, kMasterNow).ok());
    return d;
  }
};

}  // namespace attest::testing
