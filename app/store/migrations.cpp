#include "store/migrations.h"

#include <chrono>

namespace attest::store {

Result<int> schema_version(Db& db) {
  TRY_STATUS(db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc_ms INTEGER NOT NULL)"));
  Stmt s = TRY(db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  TRY(s.step());
  return static_cast<int>(s.int64(0));
}

Status check_schema_current(Db& db, std::span<const Migration> migrations, std::string_view upgrade) {
  int newest = migrations.empty() ? 0 : migrations.back().version;
  auto s = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!s.ok()) {
    return make_error(ErrorCode::kCorrupt, "not an Attest store: it has no schema version");
  }
  TRY(s->step());
  int current = static_cast<int>(s->int64(0));
  if (current != newest) {
    return make_error(ErrorCode::kUnsupported,
                      "this store has schema version " + std::to_string(current) +
                          " and this program expects " + std::to_string(newest) +
                          (current < newest ? "; " + std::string(upgrade) + " to upgrade it"
                                            : std::string("; use a newer Attest")));
  }
  return {};
}

Status migrate(Db& db, std::span<const Migration> migrations) {
  int current = TRY(schema_version(db));
  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (current > newest) {
    return make_error(ErrorCode::kUnsupported,
                      "this database has schema version " + std::to_string(current) +
                          ", newer than this program knows (" + std::to_string(newest) +
                          "); use a newer Attest");
  }
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    Transaction tx = TRY(Transaction::begin(db));
    if (auto s = db.exec(m.sql); !s.ok()) {
      return make_error(s.error().code,
                        std::string("migration ") + m.name + " failed: " + s.error().message);
    }
    Stmt ins = TRY(db.prepare(
        "INSERT INTO schema_migrations(version, name, applied_utc_ms) VALUES(?, ?, ?)"));
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    TRY_STATUS(ins.bind(1, int64_t{m.version}).bind(2, std::string_view(m.name)).bind(3, now).run());
    TRY_STATUS(tx.commit());
  }
  return {};
}

Result<Db> open_record_db(const std::filesystem::path& path, OpenMode mode, std::string_view what,
                          int page_size) {
  Db db = TRY(Db::open(path, mode));
  if (auto probe = db.exec("SELECT count(*) FROM sqlite_master"); !probe.ok()) {
    return make_error(ErrorCode::kCorrupt,
                      path.string() + " is not " + std::string(what) + ": " + probe.error().message);
  }
  if (mode == OpenMode::kReadWriteCreate && page_size > 0) {
    TRY_STATUS(db.exec("PRAGMA page_size=" + std::to_string(page_size)));
  }
  if (mode != OpenMode::kReadOnly) TRY_STATUS(db.exec("PRAGMA journal_mode=WAL"));
  TRY_STATUS(db.exec("PRAGMA synchronous=FULL"));
  return db;
}

Result<Db> create_record_db(const std::filesystem::path& path, std::span<const Migration> migrations,
                            std::string_view what, int page_size) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return make_error(ErrorCode::kAlreadyExists, "store " + path.string() + " already exists");
  }
  Db db = TRY(open_record_db(path, OpenMode::kReadWriteCreate, what, page_size));
  TRY_STATUS(migrate(db, migrations));
  return db;
}

}  // namespace attest::store
