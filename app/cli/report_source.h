// The command-line face of office/report_source.h: the options every
// report-reading command takes (--server or --kiosk, how to unlock, as of
// when, which site), and opening a source with the practice key unlocked
// from the passphrase or the recovery code unless --sealed.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "office/report_source.h"

namespace attest::cli {

struct SourceOptions : office::SourceOptions {
  SourceOptions() { assets = ATTEST_ASSETS_DIR; }
  std::string passphrase_file;
  std::string recovery_code_file;
  bool sealed = false;  // do not unlock: names and details stay sealed
};

void add_source_options(CLI::App* cmd, SourceOptions& o);

using office::generated_at_now;
using office::Loaded;
using office::RawEvent;
using office::Source;

Result<Source> open_source(const SourceOptions& o);

// Builds the ledger (events after as_of left out) and the report context.
inline Result<Loaded> load_reports(Source& source, const SourceOptions& o,
                                   const report::LedgerOptions& extra = {},
                                   uint32_t record_kinds = ~uint32_t{0}) {
  return office::load_reports(source, o.by, extra, record_kinds);
}

}  // namespace attest::cli
