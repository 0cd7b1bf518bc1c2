// Evidence for an auditor:
//   attest export-evidence --server DIR --from 2026-01-01 --to 2026-10-31 [--format csv,html] OUT
//   attest verify-bundle OUT
//   attest retention --server DIR
// export-evidence writes the signed bundle (app/report/bundle_writer.h) and
// checks it the way an auditor will; verify-bundle needs only the folder;
// retention lists records past their retain-until date and deletes nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/key_options.h"
#include "cli/report_source.h"
#include "platform/paths.h"
#include "report/bundle_verify.h"
#include "report/bundle_writer.h"
#include "report/report_set.h"
#include "store/server_paths.h"

namespace attest::cli {

namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Prints the check and returns the exit code: 0 when every check passed.
int print_check(const report::BundleCheck& c, const std::string& dir, size_t max_problems) {
  if (c.ok()) {
    std::printf("OK: %s\n", c.counts().c_str());
    std::printf("The manifest is signed by %s; compare it with the practice's records.\n",
                c.signer.c_str());
  } else {
    std::printf("FAILED: %zu problem%s in %s\n", c.problems.size(),
                c.problems.size() == 1 ? "" : "s", dir.c_str());
    size_t shown = 0;
    for (const auto& p : c.problems) {
      if (shown++ == max_problems) {
        std::printf("  ... and %zu more\n", c.problems.size() - max_problems);
        break;
      }
      std::printf("  %s\n", p.to_string().c_str());
    }
    std::printf("Checked: %s\n", c.counts().c_str());
  }
  for (const auto& n : c.notes) std::printf("Note: %s\n", n.c_str());
  return c.ok() ? kExitOk : kExitCheckFailed;
}

struct ExportArgs {
  SourceOptions source;
  std::string from;
  std::string to;
  std::string out;
  std::string format;  // empty: every format this build makes
  bool check = false;  // read the bundle back and check it as verify-bundle does
};

Result<Date> date_option(const std::string& text, const char* name) {
  auto d = parse_date(text);
  if (!d.ok()) {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(name) + " must be a date, YYYY-MM-DD (got \"" + text + "\")");
  }
  return d;
}

// The key that signs the manifest: the server's, or with no server the
// kiosk's own device key.
Result<crypto::DeviceKey> signing_key(const SourceOptions& o, const Source& s) {
  if (o.server.empty()) return load_device_key(platform::kiosk_db_path(o.kiosk), {});
  const fs::path file = store::ServerPaths{o.server}.server_key();
  auto key = crypto::DeviceKey::load(file);
  if (!key.ok()) return make_error(key.error().code, file.string() + ": " + key.error().message);
  if (std::find(s.server_keys.begin(), s.server_keys.end(), key->public_key()) ==
      s.server_keys.end()) {
    return make_error(ErrorCode::kCorrupt,
                      file.string() + " is not the key of any site's server in this store");
  }
  return key;
}

int run_export(const ExportArgs& a) {
  const auto started = std::chrono::steady_clock::now();
  if (!a.source.as_of.empty()) {
    return fail(make_error(ErrorCode::kInvalidArgument,
                           "an evidence bundle is as of its --to date; leave out --as-of"));
  }
  auto from = date_option(a.from, "--from");
  if (!from.ok()) return fail(from.error());
  auto to = date_option(a.to, "--to");
  if (!to.ok()) return fail(to.error());
  const Date today = local_date(SystemClock().now());
  if (*to > today) {
    return fail(make_error(ErrorCode::kInvalidArgument,
                           "--to " + a.to + " is after today (" + format_date(today) +
                               "): a bundle covers days that have passed"));
  }
  if (*from > *to) {
    return fail(make_error(ErrorCode::kInvalidArgument, "--from " + a.from + " is after --to " + a.to));
  }
  std::error_code ec;
  if (fs::exists(a.out, ec) && (!fs::is_directory(a.out, ec) || !fs::is_empty(a.out, ec))) {
    return fail(make_error(ErrorCode::kAlreadyExists,
                           a.out + " already exists and is not an empty folder; choose a new one"));
  }
  std::vector<report::Format> formats;
  if (!a.format.empty()) {
    auto parsed = report::parse_formats(a.format);
    if (!parsed.ok()) return fail(parsed.error());
    formats = *parsed;
  }
  SourceOptions o = a.source;
  o.as_of = a.to;
  auto source = open_source(o);
  if (!source.ok()) return fail(source.error());
  auto key = signing_key(o, *source);
  if (!key.ok()) return fail(key.error());

  const crypto::SignPublicKey server_key = key->public_key();
  report::BundleInput in = office::bundle_input(*source, o, o.server.empty() ? nullptr : &server_key);
  report::BundleOptions options;
  options.from = *from;
  options.to = *to;
  options.generated_at = generated_at_now();
  options.generated_by = o.by;
  options.app_version = ATTEST_VERSION;
  options.formats = formats;
  const report::BundleSigner signer{&key->signing(), o.server.empty() ? "device" : "server"};
  auto written = report::write_bundle(a.out, in, options, signer);
  if (!written.ok()) return fail(written.error());
  const double export_secs = seconds_since(started);

  std::string written_formats;
  for (const auto& f : written->manifest.formats) {
    written_formats += (written_formats.empty() ? "" : ", ") + f;
  }
  std::printf("Wrote %s: %s to %s, %zu device chain%s, %s events, %s opened bodies%s, "
              "%zu reports (%s) in %.2f s\n",
              a.out.c_str(), a.from.c_str(), a.to.c_str(), written->manifest.devices.size(),
              written->manifest.devices.size() == 1 ? "" : "s",
              report::thousands(written->events).c_str(), report::thousands(written->bodies).c_str(),
              in.secret ? "" : " (--sealed)", written->reports, written_formats.c_str(), export_secs);
  for (const auto& f : written->skipped_formats) {
    std::printf("Note: no %s reports: this build of attest cannot make them\n", f.c_str());
  }
  if (!written->chain_problems.empty()) {
    // The records are bundled as stored; the auditor will see the same.
    std::printf("FAILED: %zu record%s in the store break%s its chain; the bundle holds them as "
                "stored, and attest verify-bundle will name them:\n",
                written->chain_problems.size(), written->chain_problems.size() == 1 ? "" : "s",
                written->chain_problems.size() == 1 ? "s" : "");
    for (size_t i = 0; i < written->chain_problems.size() && i < 20; ++i) {
      std::printf("  %s\n", written->chain_problems[i].c_str());
    }
    return kExitCheckFailed;
  }
  if (!a.check) {
    std::printf("Every chain was checked as it was copied. To check the bundle as an auditor "
                "will: attest verify-bundle %s\n", a.out.c_str());
    return kExitOk;
  }
  const auto checking = std::chrono::steady_clock::now();
  auto check = report::verify_bundle(a.out);
  if (!check.ok()) return fail(check.error());
  const int code = print_check(*check, a.out, 20);
  std::printf("Checked the bundle as an auditor will in %.2f s.\n", seconds_since(checking));
  return code;
}

struct VerifyBundleArgs {
  std::string dir;
  bool every_signature = false;
  size_t max_problems = 50;
};

int run_verify_bundle(const VerifyBundleArgs& a) {
  const auto started = std::chrono::steady_clock::now();
  report::BundleCheckOptions options;
  options.every_signature = a.every_signature;
  auto check = report::verify_bundle(a.dir, options);
  if (!check.ok()) return fail(check.error());
  const int code = print_check(*check, a.dir, a.max_problems);
  std::printf("Took %.2f s.\n", seconds_since(started));
  return code;
}

int run_retention(SourceOptions o) {
  o.sealed = true;  // the dates are in the headers; no passphrase needed
  auto source = open_source(o);
  if (!source.ok()) return fail(source.error());
  report::LedgerOptions lo;
  lo.retention_as_of = source->as_of;
  auto loaded = load_reports(*source, o, lo);
  if (!loaded.ok()) return fail(loaded.error());
  const report::Document doc = report::retention_report(loaded->ledger, loaded->ctx);
  const report::Table* t = doc.main_table();
  if (!t || t->rows.empty()) {
    std::printf("No record has passed its retention date (as of %s).\n",
                format_date(source->as_of).c_str());
    return kExitOk;
  }
  std::printf("%zu record%s passed %s retention date as of %s. Attest never deletes a record; "
              "removing one is the Security Official's decision.\n\n",
              t->rows.size(), t->rows.size() == 1 ? " has" : "s have",
              t->rows.size() == 1 ? "its" : "their", format_date(source->as_of).c_str());
  std::vector<size_t> width(t->columns.size(), 0);
  for (size_t c = 0; c < t->columns.size(); ++c) width[c] = t->columns[c].name.size();
  for (const auto& row : t->rows) {
    for (size_t c = 0; c < row.size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], row[c].text.size());
    }
  }
  auto print_row = [&](auto text_of) {
    std::string line;
    for (size_t c = 0; c < width.size(); ++c) {
      std::string cell = text_of(c);
      if (c + 1 < width.size()) cell.resize(width[c] + 2, ' ');
      line += cell;
    }
    std::printf("%s\n", line.c_str());
  };
  print_row([&](size_t c) { return t->columns[c].name; });
  for (const auto& row : t->rows) {
    print_row([&](size_t c) { return c < row.size() ? row[c].text : std::string(); });
  }
  return kExitOk;
}

}  // namespace

void add_evidence_commands(CLI::App& app, Runner& run) {
  auto e = std::make_shared<ExportArgs>();
  auto* exp = app.add_subcommand(
      "export-evidence",
      "Write an evidence bundle for an auditor: the signed records, keys, curriculum and every "
      "report for a period, in a folder that `attest verify-bundle` checks offline.");
  add_source_options(exp, e->source);
  exp->add_option("--from", e->from, "first day of the period, YYYY-MM-DD")->required();
  exp->add_option("--to", e->to, "last day of the period, YYYY-MM-DD; the reports are as of it")
      ->required();
  exp->add_option("--format", e->format,
                  "report formats, like csv,html (default: csv, html and pdf); CSV is always "
                  "included");
  exp->add_flag("--check", e->check,
               "then read the bundle back and check it as `attest verify-bundle` does (about "
               "as long again as the export)");
  exp->add_option("out", e->out, "a new or empty folder")->required();
  exp->callback([e, &run] { run = [e] { return run_export(*e); }; });

  auto v = std::make_shared<VerifyBundleArgs>();
  auto* ver = app.add_subcommand(
      "verify-bundle",
      "Check an evidence bundle with nothing but its folder: manifest signature, file hashes, "
      "every chain, every opened body, and every report rebuilt from the records.\n"
      "Exit 0 when every check passes; exit 1 listing each failing file and record.");
  ver->add_option("dir", v->dir, "the bundle folder")->required();
  ver->add_flag("--every-signature", v->every_signature,
                "also verify each record's signature on its own (the chain check already "
                "covers every signature byte)");
  ver->add_option("--max-problems", v->max_problems, "how many problems to list")->default_val(50);
  ver->callback([v, &run] { run = [v] { return run_verify_bundle(*v); }; });

  auto r = std::make_shared<SourceOptions>();
  auto* ret = app.add_subcommand(
      "retention",
      "List records past their retain-until date (six years, 45 CFR 164.316(b)(2)). Nothing is "
      "deleted.");
  add_source_options(ret, *r);
  ret->callback([r, &run] { run = [r] { return run_retention(*r); }; });
}

}  // namespace attest::cli
