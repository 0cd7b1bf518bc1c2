// The office server's folder, as `attest-server init` lays it out:
//
//   <dir>/master.db         the master record store (SQLite, WAL), or
//   <dir>/master-store.uri  where it is instead: a PostgreSQL database's
//                           postgresql:// URI (0600), for a practice group
//   <dir>/keys/server.key   the server's Ed25519 key (0600); kiosks pin it
//   <dir>/practice.key      the practice key, wrapped by the Security
//                           Official's passphrase and by the recovery code
//
// Named once here, for attest-server (sync/server/server_dir.h) and for the
// attest commands that work on a server's folder (roster, reports, the
// official's records, evidence bundles).
#pragma once

#include <filesystem>

namespace attest::store {

struct ServerPaths {
  std::filesystem::path dir;
  std::filesystem::path db() const { return dir / "master.db"; }
  std::filesystem::path store_uri() const { return dir / "master-store.uri"; }
  std::filesystem::path server_key() const { return dir / "keys" / "server.key"; }
  std::filesystem::path practice_key() const { return dir / "practice.key"; }
};

}  // namespace attest::store
