// Setting a kiosk up against an office server: makes the device key if
// there is none, pairs with the one-time code, creates the record store
// sealed to the practice key the server sent (or checks an existing store
// uses that same key), pins the server key, writes the practice key file
// the server sent beside the store (0600; its secret stays wrapped by the
// official's passphrase, for admin mode) and records DeviceEnrolled.
// Pairing again (a new server address, or a server restored from before
// this kiosk was paired) keeps the store and its records and pins the
// server key it gets now; the one-time code is the official's consent.
#pragma once

#include <filesystem>
#include <string>

#include "base/random.h"
#include "base/time.h"
#include "sync/client/sync_client.h"

namespace attest::sync {

struct PairedKiosk {
  std::string practice_name;
  std::string device_id;  // hex
  bool created_store = false;
  bool got_practice_key_file = false;
};

// Where a kiosk keeps the practice key file: beside its record store.
std::filesystem::path practice_key_path(const KioskPaths& paths);

Result<PairedKiosk> pair_kiosk(const KioskPaths& paths, const std::string& url,
                               const std::string& code, const std::string& device_name,
                               const Clock& clock, Random& rng);

}  // namespace attest::sync
