// Options shared by commands that open a kiosk store: where its device key
// is, and how to get the practice passphrase.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "crypto/device_key.h"
#include "crypto/seal.h"

namespace attest::cli {

// The positional store path and --key, shared by every command that reads a
// kiosk store.
void add_store_options(CLI::App* cmd, std::string& db, std::string& key);

// --key defaults to keys/device.key beside the store.
std::filesystem::path device_key_for(const std::filesystem::path& db,
                                     const std::string& key_option);
Result<crypto::DeviceKey> load_device_key(const std::filesystem::path& db,
                                          const std::string& key_option);

// Passphrase from --passphrase-file, else $ATTEST_PASSPHRASE, else a prompt.
Result<std::string> practice_passphrase(const std::string& passphrase_file);
// With a recovery code file, unlocks with the recovery code instead.
Result<crypto::BoxSecretKey> unlock_practice_key(const std::filesystem::path& key_file,
                                                 const std::string& passphrase_file,
                                                 const std::string& recovery_code_file = {});

// Prints "attest: <message>" to stderr and returns the could-not-run exit
// code, so a command can `return fail(r.error());`.
int fail(const Error& e);

}  // namespace attest::cli
