#include "sync/client/pairing.h"

#include <sys/stat.h>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "sync/client/sync_client.h"

namespace attest::sync {

std::filesystem::path practice_key_path(const KioskPaths& paths) {
  return paths.db.parent_path() / "practice.key";
}

Result<PairedKiosk> pair_kiosk(const KioskPaths& paths, const std::string& url,
                               const std::string& code, const std::string& device_name,
                               const Clock& clock, Random& rng) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(paths.device_key, ec)) {
    fs::create_directories(paths.device_key.parent_path(), ec);
    ::chmod(paths.device_key.parent_path().c_str(), 0700);
    TRY_STATUS(crypto::DeviceKey::generate(rng).save(paths.device_key));
  }
  crypto::DeviceKey device = TRY(crypto::DeviceKey::load(paths.device_key));
  const bool have_store = fs::exists(paths.db, ec);
  PairedServer server = TRY(pair_with_server(url, code, device, device_name));
  // The proof covers the file; its key must still be the practice key, or
  // admin mode would unlock a key the records are not sealed to.
  if (!server.practice_key_file.empty() &&
      TRY(crypto::practice_public_key(server.practice_key_file)) != server.practice_key) {
    return make_error(ErrorCode::kTampered,
                      "the server's practice key file is not for its practice key; not paired");
  }

  PairedKiosk out{server.practice_name, hex_encode(device.id()), !have_store, false};
  auto store = have_store ? TRY(store::KioskStore::open(paths.db, std::move(device)))
                          : TRY(store::KioskStore::create(paths.db, std::move(device),
                                                          server.practice_key, clock));
  if (store.practice_key() != server.practice_key) {
    return make_error(ErrorCode::kInvalidArgument,
                      "this kiosk's records are sealed to a different practice key than the "
                      "server's; pair a fresh kiosk folder instead");
  }
  if (!server.practice_key_file.empty()) {
    TRY_STATUS(write_file_atomic(practice_key_path(paths), as_bytes(server.practice_key_file), 0600));
    out.got_practice_key_file = true;
  }
  TRY_STATUS(store::save_server_link(store.db(), {url, server.server_key, server.practice_name,
                                                  clock.now().utc_ms, device_name}));
  core::EventDraft d;
  d.kind = core::EventKind::kDeviceEnrolled;
  d.body_fields = {{"device_name", device_name},
                   {"server", url},
                   {"server_key", hex_encode(server.server_key)}};
  TRY(store.append(d, clock, rng));
  return out;
}

}  // namespace attest::sync
