// Numbered schema migrations. Each store's SQL lives in store/sql/<store>/
// as NNNN_name.sql, embedded at build time; a store applies the ones it has
// not applied yet, each in its own transaction, and refuses a database
// written by a newer version.
#pragma once

#include <span>
#include <string_view>

#include "store/sqlite.h"

namespace attest::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> kiosk_migrations();
std::span<const Migration> master_migrations();

Status migrate(Db& db, std::span<const Migration> migrations);
// Creates the bookkeeping table when absent, so only on a writable handle.
Result<int> schema_version(Db& db);
// For read-only handles: the schema must be exactly the newest we know.
// `upgrade` says how to bring an older store up to date ("open it once with
// the kiosk").
Status check_schema_current(Db& db, std::span<const Migration> migrations, std::string_view upgrade);

// Opens a record database (kiosk or master store) with the pragmas every
// connection uses: WAL when writable, synchronous=FULL. A file that is not
// SQLite fails with "<path> is not <what>". A page size applies only to a
// new, empty file (before WAL mode is set); 0 keeps SQLite's default.
Result<Db> open_record_db(const std::filesystem::path& path, OpenMode mode, std::string_view what,
                          int page_size = 0);
// Creates a new one, failing if the file exists, and applies `migrations`.
Result<Db> create_record_db(const std::filesystem::path& path, std::span<const Migration> migrations,
                            std::string_view what, int page_size = 0);

}  // namespace attest::store
