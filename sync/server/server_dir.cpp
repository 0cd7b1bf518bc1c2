#include "sync/server/server_dir.h"

#include <sys/stat.h>

#include "base/file.h"
#include "crypto/practice_key.h"

namespace attest::sync {

Result<InitResult> init_server(const ServerPaths& paths, const std::string& practice_name,
                               std::string_view passphrase, Random& rng, const Clock& clock,
                               crypto::KdfCost passphrase_cost) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(paths.db(), ec) || fs::exists(paths.server_key(), ec) ||
      fs::exists(paths.practice_key(), ec)) {
    return make_error(ErrorCode::kAlreadyExists,
                      paths.dir.string() + " already holds an Attest server; choose an empty folder");
  }
  if (practice_name.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "the practice needs a name");
  }
  fs::create_directories(paths.dir / "keys", ec);
  if (ec) return make_error(ErrorCode::kIo, "cannot create " + paths.dir.string() + ": " + ec.message());
  ::chmod(paths.dir.c_str(), 0700);
  ::chmod((paths.dir / "keys").c_str(), 0700);

  auto practice = TRY(crypto::create_practice_key(passphrase, rng, passphrase_cost));
  crypto::DeviceKey server = crypto::DeviceKey::generate(rng);
  TRY_STATUS(write_file_atomic(paths.practice_key(), as_bytes(practice.file_text), 0600));
  TRY_STATUS(server.save(paths.server_key()));
  store::PracticeInfo info{practice_name, server.public_key(), practice.public_key,
                           clock.now().utc_ms};
  TRY(store::SqliteMasterStore::create(paths.db(), info));
  ::chmod(paths.db().c_str(), 0600);  // headers name people; the folder is 0700 too
  return InitResult{practice.recovery_code, server.public_key()};
}

Result<Server> open_server(const ServerPaths& paths, store::OpenMode mode) {
  auto key = crypto::DeviceKey::load(paths.server_key());
  if (!key.ok()) return key.take_error();
  auto store = TRY(store::SqliteMasterStore::open(paths.db(), mode));
  store::PracticeInfo practice = TRY(store->practice());
  if (practice.server_key != key->public_key()) {
    return make_error(ErrorCode::kInvalidArgument,
                      paths.server_key().string() + " is not the key this store was made with");
  }
  return Server{std::move(store), std::move(*key), std::move(practice)};
}

}  // namespace attest::sync
