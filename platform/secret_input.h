// Reading a passphrase: from a file, from an environment variable (for
// scripts), or typed at the terminal with echo off.
#pragma once

#include <optional>
#include <string>

namespace attest::platform {

// Prompts on stderr and reads one line from the terminal without echo.
// Returns nullopt when there is no terminal to ask.
std::optional<std::string> prompt_secret(const std::string& prompt);

// First line of a file, without its newline; nullopt if unreadable.
std::optional<std::string> read_secret_file(const std::string& path);

}  // namespace attest::platform
