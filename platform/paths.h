// Where Attest keeps its data on this machine. ATTEST_DATA_DIR wins; else
// $XDG_DATA_HOME/attest; else ~/.local/share/attest.
//
//   <data>/kiosk.db          the kiosk's record store (SQLite, WAL)
//   <data>/keys/device.key   the device's Ed25519 key (0600)
//   <data>/practice.pub      the practice public key bodies are sealed to
//   <data>/exports/          reports saved from the kiosk's admin mode
#pragma once

#include <filesystem>
#include <vector>

namespace attest::platform {

std::filesystem::path default_data_dir();
std::filesystem::path kiosk_db_path(const std::filesystem::path& data_dir);
std::filesystem::path key_dir(const std::filesystem::path& data_dir);
std::filesystem::path device_key_path(const std::filesystem::path& data_dir);

// Where removable drives are mounted, each drive two levels down
// (/media/USER/LABEL): Debian's udisks puts them under /media, others under
// /run/media.
std::vector<std::filesystem::path> removable_media_roots();

// Creates the folder (and parents) with 0700 permissions.
bool ensure_private_dir(const std::filesystem::path& dir);

}  // namespace attest::platform
