#include "sync/client/pairing.h"

#include <sys/stat.h>

#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "sync/client/sync_client.h"

namespace attest::sync {

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

  PairedKiosk out{server.practice_name, hex_encode(device.id()), !have_store};
  auto store = have_store ? TRY(store::KioskStore::open(paths.db, std::move(device)))
                          : TRY(store::KioskStore::create(paths.db, std::move(device),
                                                          server.practice_key, clock));
  if (store.practice_key() != server.practice_key) {
    return make_error(ErrorCode::kInvalidArgument,
                      "this kiosk's records are sealed to a different practice key than the "
                      "server's; pair a fresh kiosk folder instead");
  }
  TRY_STATUS(store::save_server_link(
      store.db(), {url, server.server_key, server.practice_name, clock.now().utc_ms}));
  core::EventDraft d;
  d.kind = core::EventKind::kDeviceEnrolled;
  d.body_fields = {{"device_name", device_name},
                   {"server", url},
                   {"server_key", hex_encode(server.server_key)}};
  TRY(store.append(d, clock, rng));
  return out;
}

}  // namespace attest::sync
