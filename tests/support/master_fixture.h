// A master store with a server key and practice key of its own, and a way
// to enroll a test chain's device on it: for the master store and the
// server's request-handling tests. Links attest_store.
//
// The backend is SQLite (a file in a temporary folder) unless the
// environment says ATTEST_TEST_MASTER_STORE=postgresql: then each fixture
// gets a fresh database on a real PostgreSQL server this test process
// starts (support/postgres_server.h). ctest runs these suites both ways.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "store/pg_master_store.h"
#include "store/sqlite_master_store.h"
#include "support/chain_fixture.h"
#include "support/postgres_server.h"
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
  // The PostgreSQL database's URI; empty on SQLite.
  std::string uri = master_store_is_postgres() ? PostgresServer::shared().create_database() : "";
  std::unique_ptr<store::MasterStore> store = open(true);

  bool postgres() const { return !uri.empty(); }
  // The SQLite store, for what only it has (its file, backups); null on PostgreSQL.
  store::SqliteMasterStore* sqlite() { return dynamic_cast<store::SqliteMasterStore*>(store.get()); }

  // Creates the store, or opens the one already there (a restart).
  std::unique_ptr<store::MasterStore> open(bool create) {
    if (postgres()) {
      auto s = create ? store::PgMasterStore::create(uri, info) : store::PgMasterStore::open(uri);
      INFO((s.ok() ? std::string() : s.error().message));
      REQUIRE(s.ok());
      return std::move(*s);
    }
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
    d.site_id = store::kFirstSiteId;
    crypto::Sha256 code{};
    rng.fill(code);
    REQUIRE(store->add_pairing_code(code, store::kFirstSiteId, kMasterNow, kMasterNow + 600000).ok());
    REQUIRE(store->pair_device(code, d, kMasterNow).ok());
    return d;
  }
};

}  // namespace attest::testing
