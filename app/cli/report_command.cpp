// `attest report KIND`: one of the Security Official's reports, as CSV,
// HTML or PDF, from the office server's store or a kiosk's own.
//   attest report matrix --server DIR --format pdf --out matrix.pdf
//   attest report transcript --person p-0002 --kiosk DIR --format html --out t.html
//   attest report all --server DIR --out reports/        (every report, every format)
#include <cstdio>
#include <filesystem>

#include "base/file.h"
#include "cli/commands.h"
#include "cli/key_options.h"
#include "report/csv.h"
#include "report/report_set.h"
#include "cli/report_source.h"

namespace attest::cli {

namespace fs = std::filesystem;

namespace {

struct ReportArgs {
  SourceOptions source;
  std::string kind;
  std::string format = "csv";
  std::string out;
  report::ReportRequest request;
};

int run_report(const ReportArgs& a) {
  auto formats = report::parse_formats(a.format);
  if (!formats.ok()) return fail(formats.error());
  const bool all = a.kind == "all";
  if ((all || formats->size() > 1) && a.out.empty()) {
    return fail(make_error(ErrorCode::kInvalidArgument,
                           "give --out DIR for several reports or formats"));
  }
  if (!all && formats->front() != report::Format::kCsv && formats->size() == 1 && a.out.empty()) {
    return fail(make_error(ErrorCode::kInvalidArgument,
                           "give --out FILE for HTML or PDF (CSV alone may go to the terminal)"));
  }
  auto source = open_source(a.source);
  if (!source.ok()) return fail(source.error());
  report::LedgerOptions lo;
  if (a.kind == "retention" || all) lo.retention_as_of = source->as_of;
  lo.body_kinds = report::body_kinds_for(a.kind);
  auto loaded = load_reports(*source, a.source, lo, report::record_kinds_for(a.kind));
  if (!loaded.ok()) return fail(loaded.error());
  report::ReportRequest request = a.request;
  request.kind = a.kind;
  auto docs = report::build_reports(loaded->ledger, loaded->ctx, request);
  if (!docs.ok()) return fail(docs.error());

  if (a.out.empty()) {
    std::fputs(report::to_csv(docs->front()).c_str(), stdout);
    return kExitOk;
  }
  const bool to_dir = all || formats->size() > 1 || docs->size() > 1;
  if (to_dir) {
    std::error_code ec;
    fs::create_directories(a.out, ec);
    if (ec) return fail(make_error(ErrorCode::kIo, "cannot create " + a.out + ": " + ec.message()));
  }
  int written = 0;
  for (const auto& doc : *docs) {
    for (report::Format f : *formats) {
      const fs::path path = to_dir ? fs::path(a.out) / (doc.id + report::format_extension(f)) : fs::path(a.out);
      auto bytes = report::render(doc, f);
      if (!bytes.ok()) return fail(bytes.error());
      if (auto s = write_file_atomic(path, as_bytes(*bytes)); !s.ok()) return fail(s.error());
      written++;
      if (!to_dir) std::printf("Wrote %s\n", path.string().c_str());
    }
  }
  if (to_dir) std::printf("Wrote %d files to %s\n", written, a.out.c_str());
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, Runner& run) {
  auto a = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "the Security Official's reports: CSV, HTML or PDF");
  std::vector<std::string> kinds;
  std::string help = "one of:";
  for (const auto& k : report::report_kinds()) {
    kinds.push_back(k.id);
    help += std::string(" ") + k.id;
  }
  kinds.push_back("all");
  cmd->add_option("kind", a->kind, help + ", or all")->required()->check(CLI::IsMember(kinds));
  add_source_options(cmd, a->source);
  cmd->add_option("--format", a->format, "csv, html, pdf, or a list like csv,pdf (default csv)");
  cmd->add_option("--out", a->out, "output file, or folder for several (default: CSV to stdout)");
  cmd->add_option("--role", a->request.filter.role, "matrix, overdue: only this role");
  cmd->add_option("--person", a->request.filter.person_id, "transcript (required), matrix, overdue: this person id");
  cmd->add_flag("--include-inactive", a->request.filter.include_inactive, "matrix, overdue: people who have left too");
  cmd->add_option("--policy", a->request.policy_id, "attestations: the policy id");
  cmd->add_option("--policy-version", a->request.version, "attestations: the version (default: current)");
  cmd->callback([a, &run] { run = [a] { return run_report(*a); }; });
}

}  // namespace attest::cli
