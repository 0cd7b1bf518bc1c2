// attest: the Security Official's command line: reports, the roster,
// incident follow-up, designations, evidence bundles; verifies and prints
// record stores. Needs no display.
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "attest: the Security Official's reports and records.\n"
      "Exit status: 0 ok, 1 a check failed, 2 the command could not run."};
  app.require_subcommand(1);
  app.set_version_flag("--version", ATTEST_VERSION);
  attest::cli::Runner run;
  attest::cli::add_verify_command(app, run);
  attest::cli::add_dump_command(app, run);
  attest::cli::add_demo_command(app, run);
  attest::cli::add_roster_command(app, run);
  attest::cli::add_report_command(app, run);
  attest::cli::add_official_commands(app, run);
  attest::cli::add_evidence_commands(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : attest::cli::kExitError;
  }
  return run ? run() : attest::cli::kExitError;
}
