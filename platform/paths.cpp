#include "platform/paths.h"

#include <cstdlib>

namespace attest::platform {

std::filesystem::path default_data_dir() {
  if (const char* d = std::getenv("ATTEST_DATA_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) {
    return std::filesystem::path(x) / "attest";
  }
  if (const char* h = std::getenv("HOME"); h && *h) {
    return std::filesystem::path(h) / ".local" / "share" / "attest";
  }
  return std::filesystem::current_path() / "attest-data";
}

std::filesystem::path kiosk_db_path(const std::filesystem::path& d) { return d / "kiosk.db"; }
std::filesystem::path key_dir(const std::filesystem::path& d) { return d / "keys"; }
std::filesystem::path device_key_path(const std::filesystem::path& d) {
  return key_dir(d) / "device.key";
}

bool ensure_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return false;
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return !ec;
}

std::vector<std::filesystem::path> removable_media_roots() { return {"/media", "/run/media"}; }

}  // namespace attest::platform
