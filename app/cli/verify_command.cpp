#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/key_options.h"
#include "store/kiosk_verify.h"

namespace attest::cli {

namespace {

struct VerifyArgs {
  std::string db;
  std::string key;
  bool every_signature = false;
  size_t max_findings = 20;
};

int run_verify(const VerifyArgs& a) {
  std::error_code ec;
  if (!std::filesystem::exists(a.db, ec)) {
    return fail(make_error(ErrorCode::kNotFound, "store " + a.db + " does not exist"));
  }
  auto key = load_device_key(a.db, a.key);
  if (!key.ok()) return fail(key.error());
  auto started = std::chrono::steady_clock::now();
  core::VerifyOptions options;
  options.every_signature = a.every_signature;
  auto report = store::verify_kiosk_store(a.db, *key, options);
  if (!report.ok()) return fail(report.error());
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& r = *report;
  if (r.intact()) {
    std::printf("OK %s: %llu events from device %s, seq 1..%llu; every hash, link and "
                "signature%s checked in %.2f s\n",
                a.db.c_str(), static_cast<unsigned long long>(r.events),
                hex_encode(r.device_id).c_str(), static_cast<unsigned long long>(r.last_seq),
                a.every_signature ? " (each one verified)" : "", secs);
    return kExitOk;
  }
  const auto& first = r.findings.front();
  std::printf("FAILED %s: first bad sequence number %llu: %s (%s)\n", a.db.c_str(),
              static_cast<unsigned long long>(first.seq),
              std::string(core::problem_name(first.problem)).c_str(), first.detail.c_str());
  size_t shown = 0;
  for (const auto& f : r.findings) {
    if (shown++ == a.max_findings) {
      std::printf("  ... and %zu more\n", r.findings.size() - a.max_findings);
      break;
    }
    std::printf("  seq %llu: %s: %s\n", static_cast<unsigned long long>(f.seq),
                std::string(core::problem_name(f.problem)).c_str(), f.detail.c_str());
  }
  return kExitCheckFailed;
}

}  // namespace

void add_verify_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check every hash, chain link and signature of a kiosk record store.\n"
      "Exit 0 when intact; exit 1 naming the first bad sequence number and what is wrong.");
  add_store_options(cmd, args->db, args->key);
  cmd->add_flag("--every-signature", args->every_signature,
                "also verify each Ed25519 signature on its own (slower; the chain check "
                "already covers every signature byte)");
  cmd->add_option("--max-findings", args->max_findings, "how many problems to list")
      ->default_val(20);
  cmd->callback([&run, args] { run = [args] { return run_verify(*args); }; });
}

}  // namespace attest::cli
