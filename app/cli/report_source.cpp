#include "cli/report_source.h"

#include <cstdlib>

#include "cli/key_options.h"

namespace attest::cli {

void add_source_options(CLI::App* cmd, SourceOptions& o) {
  auto* server = cmd->add_option("--server", o.server, "office server directory (its master.db, or the PostgreSQL store it names)");
  auto* kiosk = cmd->add_option("--kiosk", o.kiosk,
                                "kiosk directory (kiosk.db), for a practice with no server");
  server->excludes(kiosk);
  cmd->add_option("--passphrase-file", o.passphrase_file,
                  "file holding the practice passphrase (else $ATTEST_PASSPHRASE or a prompt)");
  cmd->add_option("--recovery-code-file", o.recovery_code_file,
                  "unlock with the printed recovery code instead of the passphrase");
  cmd->add_option("--assets", o.assets, "the curriculum folder (modules, policies, ...)");
  cmd->add_option("--as-of", o.as_of, "report as of this date, YYYY-MM-DD (default: today)");
  cmd->add_option("--by", o.by, "who is generating the report (default: the Security Official)");
  cmd->add_flag("--sealed", o.sealed,
                "do not ask for the passphrase; names and details stay sealed");
  cmd->add_option("--site", o.site,
                  "one site of a practice group (its id, from attest-server sites): its kiosks' "
                  "records, with the group's roster and policies (default: the whole group)");
}

Result<Source> open_source(const SourceOptions& o) {
  Source s = TRY(office::open_source(o));
  if (!o.sealed) {
    s.secret = TRY(unlock_practice_key(office::practice_key_file(o), o.passphrase_file,
                                       o.recovery_code_file));
  }
  return s;
}

Result<Loaded> load_reports(Source& source, const SourceOptions& o,
                            const report::LedgerOptions& extra, uint32_t record_kinds) {
  const char* user = std::getenv("USER");
  return office::load_reports(source, o.by, user && *user ? user : "the Security Official", extra,
                              record_kinds);
}

}  // namespace attest::cli
