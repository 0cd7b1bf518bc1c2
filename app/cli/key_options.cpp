#include "cli/key_options.h"

#include <cstdio>
#include <cstdlib>

#include "base/file.h"
#include "cli/commands.h"
#include "crypto/practice_key.h"
#include "platform/paths.h"
#include "platform/secret_input.h"

namespace attest::cli {

void add_store_options(CLI::App* cmd, std::string& db, std::string& key) {
  cmd->add_option("db", db, "the kiosk store (kiosk.db)")->required();
  cmd->add_option("--key", key, "device key file (default: keys/device.key beside DB)");
}

std::filesystem::path device_key_for(const std::filesystem::path& db,
                                     const std::string& key_option) {
  if (!key_option.empty()) return key_option;
  auto dir = db.parent_path().empty() ? std::filesystem::path(".") : db.parent_path();
  return platform::device_key_path(dir);
}

Result<crypto::DeviceKey> load_device_key(const std::filesystem::path& db,
                                          const std::string& key_option) {
  return crypto::DeviceKey::load(device_key_for(db, key_option));
}

Result<std::string> practice_passphrase(const std::string& passphrase_file) {
  if (!passphrase_file.empty()) {
    auto p = platform::read_secret_file(passphrase_file);
    if (!p) {
      return make_error(ErrorCode::kNotFound, "cannot read passphrase file " + passphrase_file);
    }
    return *p;
  }
  if (const char* env = std::getenv("ATTEST_PASSPHRASE"); env && *env) return std::string(env);
  auto typed = platform::prompt_secret("Practice passphrase: ");
  if (!typed) {
    return make_error(ErrorCode::kInvalidArgument,
                      "no passphrase: give --passphrase-file, set ATTEST_PASSPHRASE, or run "
                      "from a terminal");
  }
  return *typed;
}

Result<crypto::BoxSecretKey> unlock_practice_key(const std::filesystem::path& key_file,
                                                 const std::string& passphrase_file,
                                                 const std::string& recovery_code_file) {
  std::string text = TRY(read_file(key_file));
  std::string passphrase;
  if (!recovery_code_file.empty()) {
    auto code = platform::read_secret_file(recovery_code_file);
    if (!code) {
      return make_error(ErrorCode::kNotFound,
                        "cannot read recovery code file " + recovery_code_file);
    }
    passphrase = std::move(*code);
  } else {
    passphrase = TRY(practice_passphrase(passphrase_file));
  }
  auto key = recovery_code_file.empty() ? crypto::unlock_with_passphrase(text, passphrase)
                                        : crypto::unlock_with_recovery_code(text, passphrase);
  crypto::secure_zero(passphrase);
  if (!key.ok()) {
    return make_error(key.error().code, key_file.string() + ": " + key.error().message);
  }
  return key;
}

int fail(const Error& e) {
  std::fprintf(stderr, "attest: %s\n", e.message.c_str());
  return kExitError;
}

}  // namespace attest::cli
