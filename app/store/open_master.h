// The master store of an office server's folder, whichever backend holds
// it: SQLite in <dir>/master.db, or the PostgreSQL database that
// <dir>/master-store.uri names (store/server_paths.h). For attest-server
// and the attest commands that work on a server's folder.
#pragma once

#include <memory>
#include <string>

#include "store/master_store.h"
#include "store/server_paths.h"
#include "store/sqlite.h"

namespace attest::store {

// Opens it; kReadOnly does not change the schema (it must be current).
// `uri`, when not empty, is used instead of the folder's master-store.uri.
Result<std::unique_ptr<MasterStore>> open_master_store(const ServerPaths& paths, OpenMode mode,
                                                       const std::string& uri = {});

// Creates it, with `site` its first site: on PostgreSQL when `uri` is
// given (and records the URI in the folder), else the SQLite file.
Result<std::unique_ptr<MasterStore>> create_master_store(const ServerPaths& paths,
                                                         const std::string& uri,
                                                         const PracticeInfo& practice,
                                                         const SiteRecord& site);

// Adds `site` to the group's existing PostgreSQL store at `uri` and
// records the URI in the folder: a new site's server joining the group.
// Refused, with nothing changed, if the store's practice key is not
// `practice_key` (the folder's practice.key is another practice's).
Result<std::unique_ptr<MasterStore>> join_master_store(const ServerPaths& paths,
                                                       const std::string& uri,
                                                       const SiteRecord& site,
                                                       const crypto::BoxPublicKey& practice_key);

// The folder's PostgreSQL URI, or empty for a SQLite store.
Result<std::string> master_store_uri(const ServerPaths& paths);

}  // namespace attest::store
