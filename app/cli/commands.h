// The `attest` sub-commands. Each registers itself on the CLI11 app and
// returns its exit code: 0 success, 1 a check failed (verify), 2 the command
// could not run (bad arguments, missing file, wrong passphrase).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace attest::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitError = 2;

// Sets `run` to the chosen command's action once parsing has succeeded.
using Runner = std::function<int()>;
void add_verify_command(CLI::App& app, Runner& run);
void add_dump_command(CLI::App& app, Runner& run);
void add_demo_command(CLI::App& app, Runner& run);
void add_roster_command(CLI::App& app, Runner& run);
void add_report_command(CLI::App& app, Runner& run);
void add_official_commands(CLI::App& app, Runner& run);
// export-evidence, verify-bundle and retention.
void add_evidence_commands(CLI::App& app, Runner& run);

}  // namespace attest::cli
