// Moving an office server's SQLite master store to PostgreSQL, for a
// practice that becomes a group (`attest-server migrate-store`). Every
// chain is verified before anything is copied and again in PostgreSQL;
// every table is copied as it is (received times, revoked devices,
// quarantined forks, alerts, open enrollment codes, request nonces). Only
// when all of that succeeds does the folder switch to the new store: its
// master.db is kept beside it, renamed, never deleted.
#pragma once

#include <string>

#include "base/result.h"
#include "store/server_paths.h"

namespace attest::store {

struct StoreMigration {
  uint64_t devices = 0;
  uint64_t events = 0;
  std::filesystem::path old_file;  // where master.db went
};

Result<StoreMigration> migrate_store_to_postgres(const ServerPaths& from, const std::string& uri);

}  // namespace attest::store
