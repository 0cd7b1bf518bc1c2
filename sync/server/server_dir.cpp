#include "sync/server/server_dir.h"

#include <sys/stat.h>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "store/open_master.h"

namespace attest::sync {

namespace {

Status check_empty(const ServerPaths& paths, const std::string& practice_name,
                   const SiteName& site) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(paths.db(), ec) || fs::exists(paths.store_uri(), ec) ||
      fs::exists(paths.server_key(), ec) || fs::exists(paths.practice_key(), ec)) {
    return make_error(ErrorCode::kAlreadyExists,
                      paths.dir.string() + " already holds an Attest server; choose an empty folder");
  }
  if (practice_name.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "the practice needs a name");
  }
  TRY_STATUS(store::check_site({site.id, site.name, {}, 0}));
  fs::create_directories(paths.dir / "keys", ec);
  if (ec) return make_error(ErrorCode::kIo, "cannot create " + paths.dir.string() + ": " + ec.message());
  ::chmod(paths.dir.c_str(), 0700);
  ::chmod((paths.dir / "keys").c_str(), 0700);
  return {};
}

// Writes the practice key file, the server key and the master store.
Result<crypto::SignPublicKey> write_server(const ServerPaths& paths,
                                           const std::string& practice_name,
                                           const std::string& practice_file,
                                           const crypto::BoxPublicKey& practice_key, Random& rng,
                                           const Clock& clock, const std::string& store_uri,
                                           const SiteName& site) {
  crypto::DeviceKey server = crypto::DeviceKey::generate(rng);
  TRY_STATUS(write_file_atomic(paths.practice_key(), as_bytes(practice_file), 0600));
  TRY_STATUS(server.save(paths.server_key()));
  const int64_t now = clock.now().utc_ms;
  store::PracticeInfo info{practice_name, server.public_key(), practice_key, now};
  auto made = store::create_master_store(paths, store_uri, info,
                                         store::SiteRecord{site.id, site.name, server.public_key(), now});
  if (!made.ok()) {
    // No store (the database holds one already, say): no server here either.
    std::error_code ec;
    std::filesystem::remove(paths.server_key(), ec);
    std::filesystem::remove(paths.practice_key(), ec);
    return made.take_error();
  }
  return server.public_key();
}

}  // namespace

Result<InitResult> init_server(const ServerPaths& paths, const std::string& practice_name,
                               std::string_view passphrase, Random& rng, const Clock& clock,
                               crypto::KdfCost passphrase_cost, const std::string& store_uri,
                               const SiteName& site) {
  TRY_STATUS(check_empty(paths, practice_name, site));
  auto practice = TRY(crypto::create_practice_key(passphrase, rng, passphrase_cost));
  auto server_key =
      TRY(write_server(paths, practice_name, practice.file_text, practice.public_key, rng, clock,
                       store_uri, site));
  return InitResult{practice.recovery_code, server_key};
}

Result<InitResult> init_server_with_practice_key(const ServerPaths& paths,
                                                 const std::string& practice_name,
                                                 const std::string& practice_key_file,
                                                 Random& rng, const Clock& clock,
                                                 const std::string& store_uri,
                                                 const SiteName& site) {
  // Checked before anything is written: a damaged file changes nothing.
  const crypto::BoxPublicKey practice = TRY(crypto::practice_public_key(practice_key_file));
  TRY_STATUS(check_empty(paths, practice_name, site));
  auto server_key = TRY(
      write_server(paths, practice_name, practice_key_file, practice, rng, clock, store_uri, site));
  return InitResult{{}, server_key};
}

Result<InitResult> init_site_server(const ServerPaths& paths, const std::string& store_uri,
                                    const SiteName& site, const std::string& practice_key_file,
                                    Random& rng, const Clock& clock) {
  const crypto::BoxPublicKey practice = TRY(crypto::practice_public_key(practice_key_file));
  TRY_STATUS(check_empty(paths, "group", site));
  crypto::DeviceKey server = crypto::DeviceKey::generate(rng);
  TRY_STATUS(server.save(paths.server_key()));
  auto joined = store::join_master_store(
      paths, store_uri, {site.id, site.name, server.public_key(), clock.now().utc_ms}, practice);
  if (!joined.ok()) {
    // Refused (not the group's store, the site taken, ...): no server here.
    std::error_code ec;
    std::filesystem::remove(paths.server_key(), ec);
    return joined.take_error();
  }
  TRY_STATUS(write_file_atomic(paths.practice_key(), as_bytes(practice_key_file), 0600));
  return InitResult{{}, server.public_key()};
}

Result<Server> open_server(const ServerPaths& paths, store::OpenMode mode,
                           const std::string& store_uri) {
  auto key = crypto::DeviceKey::load(paths.server_key());
  if (!key.ok()) return key.take_error();
  auto store = TRY(store::open_master_store(paths, mode, store_uri));
  store::PracticeInfo practice = TRY(store->practice());
  auto site = TRY(store->site_of_server(key->public_key()));
  if (!site) {
    return make_error(ErrorCode::kInvalidArgument,
                      paths.server_key().string() + " is not the key of any site's server in this store");
  }
  std::string practice_file;
  std::error_code ec;
  if (std::filesystem::exists(paths.practice_key(), ec)) {
    practice_file = TRY(read_file(paths.practice_key()));
    if (TRY(crypto::practice_public_key(practice_file)) != practice.practice_key) {
      return make_error(ErrorCode::kInvalidArgument,
                        paths.practice_key().string() + " is not the practice key this store uses");
    }
  }
  return Server{std::move(store), std::move(*key), std::move(practice), std::move(*site),
                std::move(practice_file)};
}

}  // namespace attest::sync
