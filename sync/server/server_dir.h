// The office server's folder (its layout: store/server_paths.h).
// init_server() makes all three; open_server() opens them and checks they
// belong together. A practice that began with a standalone kiosk keeps its
// practice key: init_server_with_practice_key() adopts that kiosk's file, so
// the kiosk's records (sealed to it) can move to the server.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/time.h"
#include "crypto/device_key.h"
#include "crypto/pwhash.h"
#include "store/master_store.h"
#include "store/server_paths.h"
#include "store/sqlite.h"

namespace attest::sync {

using ServerPaths = store::ServerPaths;

struct InitResult {
  std::string recovery_code;  // print once
  crypto::SignPublicKey server_key{};
};

// The site a server is for: its short id and the name staff know it by.
struct SiteName {
  std::string id = store::kFirstSiteId;
  std::string name = store::kFirstSiteName;
};

// `store_uri`: a PostgreSQL database (postgresql://...) to hold the master
// store instead of <dir>/master.db; the folder records it. The server is
// the store's first site's.
Result<InitResult> init_server(const ServerPaths& paths, const std::string& practice_name,
                               std::string_view passphrase, Random& rng, const Clock& clock,
                               crypto::KdfCost passphrase_cost = crypto::kdf_cost_moderate(),
                               const std::string& store_uri = {}, const SiteName& site = {});

// A new site's server joining a practice group: a folder with its own
// server key, the group's practice key file (checked against the store)
// and the group's PostgreSQL store, to which the site is added.
Result<InitResult> init_site_server(const ServerPaths& paths, const std::string& store_uri,
                                    const SiteName& site, const std::string& practice_key_file,
                                    Random& rng, const Clock& clock);

// Adopts an existing practice key file (the passphrase and recovery code
// stay those of the file). No recovery code is made, so none is returned.
Result<InitResult> init_server_with_practice_key(const ServerPaths& paths,
                                                 const std::string& practice_name,
                                                 const std::string& practice_key_file,
                                                 Random& rng, const Clock& clock,
                                                 const std::string& store_uri = {},
                                                 const SiteName& site = {});

struct Server {
  std::unique_ptr<store::MasterStore> store;
  crypto::DeviceKey key;  // the server key; same file format as a device key
  store::PracticeInfo practice;
  store::SiteRecord site;  // the site this server is for: its key is the site's
  // The practice key file's text (secret wrapped, safe to send to a kiosk
  // at pairing); empty if the file was moved away from the server.
  std::string practice_key_file;
};

// `store_uri`, when given, is used instead of the folder's.
Result<Server> open_server(const ServerPaths& paths,
                           store::OpenMode mode = store::OpenMode::kReadWrite,
                           const std::string& store_uri = {});

}  // namespace attest::sync
