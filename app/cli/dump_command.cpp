#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/key_options.h"
#include "core/body.h"
#include "store/kiosk_store.h"

namespace attest::cli {

namespace {

struct DumpArgs {
  std::string db;
  std::string key;
  std::string practice_key;
  std::string passphrase_file;
  std::string recovery_code_file;
  bool json = false;
  uint64_t from = 1;
};

nlohmann::json header_json(const core::SignedEvent& e) {
  const auto& h = e.header;
  nlohmann::json j{
      {"seq", h.seq},
      {"event_id", hex_encode(h.event_id)},
      {"device_id", hex_encode(h.device_id)},
      {"kind", std::string(core::event_kind_name(h.kind))},
      {"person_id", h.person_id},
      {"time_utc", format_utc(h.time.utc_ms)},
      {"time_local", format_local(h.time)},
      {"app_version", h.app_version},
      {"retain_until", format_date(h.retain_until)},
      {"prev_link", hex_encode(h.prev_link)},
      {"body_digest", hex_encode(h.body_digest)},
      {"hash", hex_encode(e.hash)},
      {"signature", hex_encode(e.signature)},
      {"sealed_body_bytes", e.sealed_body.size()},
  };
  if (!h.subject.id.empty()) {
    j["subject"] = {{"id", h.subject.id}, {"version", h.subject.version}};
    if (h.subject.content_sha256) {
      j["subject"]["content_sha256"] = hex_encode(*h.subject.content_sha256);
    }
  }
  if (h.refers_to) j["refers_to"] = hex_encode(*h.refers_to);
  return j;
}

void print_text(const core::SignedEvent& e, const nlohmann::json* body) {
  const auto& h = e.header;
  std::printf("seq %-6llu %s  %-26s", static_cast<unsigned long long>(h.seq),
              format_local(h.time).c_str(), std::string(core::event_kind_name(h.kind)).c_str());
  if (!h.person_id.empty()) std::printf(" person=%s", h.person_id.c_str());
  if (!h.subject.id.empty()) {
    std::printf(" subject=%s v%s", h.subject.id.c_str(), h.subject.version.c_str());
    if (h.subject.content_sha256) {
      std::printf(" sha256=%s", hex_encode(*h.subject.content_sha256).substr(0, 16).c_str());
    }
  }
  std::printf(" retain-until=%s hash=%s\n", format_date(h.retain_until).c_str(),
              hex_encode(e.hash).substr(0, 16).c_str());
  if (body) std::printf("           body: %s\n", body->dump().c_str());
}

int run_dump(const DumpArgs& a) {
  auto key = load_device_key(a.db, a.key);
  if (!key.ok()) return fail(key.error());
  std::optional<crypto::BoxSecretKey> practice;
  if (!a.practice_key.empty()) {
    auto unlocked = unlock_practice_key(a.practice_key, a.passphrase_file, a.recovery_code_file);
    if (!unlocked.ok()) return fail(unlocked.error());
    practice = std::move(*unlocked);
  }
  auto store = store::KioskStore::open(a.db, std::move(*key), store::OpenMode::kReadOnly);
  if (!store.ok()) return fail(store.error());
  Status problem;
  auto status = store->for_each(a.from, [&](const core::SignedEvent& e) {
    std::optional<nlohmann::json> body;
    if (practice) {
      auto opened = crypto::seal_open(*practice, e.sealed_body);
      if (!opened.ok()) {
        problem = make_error(ErrorCode::kTampered,
                             "event " + std::to_string(e.header.seq) + ": " +
                                 opened.error().message);
        return false;
      }
      auto fields = core::open_body_fields(opened->view(), e.header.body_digest);
      if (!fields.ok()) {
        problem = make_error(ErrorCode::kTampered, "event " + std::to_string(e.header.seq) +
                                                       ": " + fields.error().message);
        return false;
      }
      body = std::move(*fields);
    }
    if (a.json) {
      nlohmann::json j = header_json(e);
      if (body) j["body"] = *body;
      std::printf("%s\n", j.dump().c_str());
    } else {
      print_text(e, body ? &*body : nullptr);
    }
    return true;
  });
  if (!status.ok()) return fail(status.error());
  if (!problem.ok()) return fail(problem.error());
  return kExitOk;
}

}  // namespace

void add_dump_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<DumpArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dump",
      "Print the event headers of a kiosk record store. With --practice-key, also open the\n"
      "sealed bodies (needs the practice passphrase: --passphrase-file, $ATTEST_PASSPHRASE,\n"
      "or typed at the prompt).");
  add_store_options(cmd, args->db, args->key);
  cmd->add_option("--practice-key", args->practice_key,
                  "practice key file (practice.key); opens bodies");
  cmd->add_option("--passphrase-file", args->passphrase_file,
                  "read the practice passphrase from the first line of this file");
  cmd->add_option("--recovery-code-file", args->recovery_code_file,
                  "unlock with the printed recovery code instead of the passphrase");
  cmd->add_option("--from", args->from, "first sequence number to print")->default_val(1);
  cmd->add_flag("--json", args->json, "one JSON object per line");
  cmd->callback([&run, args] { run = [args] { return run_dump(*args); }; });
}

}  // namespace attest::cli
