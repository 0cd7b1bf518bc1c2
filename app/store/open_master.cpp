#include "store/open_master.h"

#include <sys/stat.h>

#include "base/file.h"
#include "store/pg_master_store.h"
#include "store/sqlite_master_store.h"

namespace attest::store {

namespace {

// What --store was given, where a PostgreSQL URI is expected.
Status check_store_option(const std::string& uri) {
  if (is_postgres_uri(uri)) return {};
  return make_error(ErrorCode::kInvalidArgument, "--store takes a postgresql:// URI");
}

}  // namespace

Result<std::string> master_store_uri(const ServerPaths& paths) {
  std::error_code ec;
  if (!std::filesystem::exists(paths.store_uri(), ec)) return std::string();
  std::string uri = TRY(read_file(paths.store_uri()));
  while (!uri.empty() && (uri.back() == '\n' || uri.back() == '\r' || uri.back() == ' ')) uri.pop_back();
  if (!is_postgres_uri(uri)) {
    return make_error(ErrorCode::kParse,
                      paths.store_uri().string() + " does not hold a postgresql:// URI");
  }
  return uri;
}

Result<std::unique_ptr<MasterStore>> open_master_store(const ServerPaths& paths, OpenMode mode,
                                                       const std::string& uri_arg) {
  const std::string uri = uri_arg.empty() ? TRY(master_store_uri(paths)) : uri_arg;
  if (!uri.empty()) {
    TRY_STATUS(check_store_option(uri));
    return std::unique_ptr<MasterStore>(
        TRY(PgMasterStore::open(uri, mode == OpenMode::kReadOnly ? PgMasterStore::Schema::kMustBeCurrent
                                                                  : PgMasterStore::Schema::kUpgrade)));
  }
  return std::unique_ptr<MasterStore>(TRY(SqliteMasterStore::open(paths.db(), mode)));
}

Result<std::unique_ptr<MasterStore>> create_master_store(const ServerPaths& paths,
                                                         const std::string& uri,
                                                         const PracticeInfo& practice,
                                                         const SiteRecord& site) {
  if (uri.empty()) {
    auto s = TRY(SqliteMasterStore::create(paths.db(), practice, site));
    ::chmod(paths.db().c_str(), 0600);  // headers name people; the folder is 0700 too
    return std::unique_ptr<MasterStore>(std::move(s));
  }
  TRY_STATUS(check_store_option(uri));
  auto s = TRY(PgMasterStore::create(uri, practice, site));
  // It may hold a password: readable by the server's user alone.
  TRY_STATUS(write_file_atomic(paths.store_uri(), as_bytes(uri + "\n"), 0600));
  return std::unique_ptr<MasterStore>(std::move(s));
}

Result<std::unique_ptr<MasterStore>> join_master_store(const ServerPaths& paths,
                                                       const std::string& uri,
                                                       const SiteRecord& site,
                                                       const crypto::BoxPublicKey& practice_key) {
  if (uri.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "sites share one PostgreSQL store: give the group's with --store "
                      "postgresql://... (a SQLite store moves there with migrate-store)");
  }
  TRY_STATUS(check_store_option(uri));
  auto s = TRY(PgMasterStore::open(uri, PgMasterStore::Schema::kUpgrade));
  if (TRY(s->practice()).practice_key != practice_key) {
    return make_error(ErrorCode::kInvalidArgument,
                      "that practice key file is not the practice key of the group's store");
  }
  TRY_STATUS(s->add_site(site));
  TRY_STATUS(write_file_atomic(paths.store_uri(), as_bytes(uri + "\n"), 0600));
  return std::unique_ptr<MasterStore>(std::move(s));
}

}  // namespace attest::store
