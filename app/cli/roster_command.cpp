// `attest roster import --server DIR staff.csv`: puts the practice's staff
// on the office server's roster, which every paired kiosk receives. Each
// person without a PIN gets a one-time enrollment code to enter at any
// kiosk, where they choose their PIN. `attest roster list --server DIR`
// shows the roster.
#include <cstdio>
#include <filesystem>
#include <map>

#include "base/file.h"
#include "cli/commands.h"
#include "cli/key_options.h"
#include "cli/roster_csv.h"
#include "crypto/pwhash.h"
#include "crypto/random.h"
#include "store/server_chain.h"
#include "store/server_paths.h"
#include "store/open_master.h"
#include "sync/protocol/enrollment.h"
#include "sync/protocol/pairing.h"

namespace attest::cli {

namespace {

struct RosterArgs {
  std::string server;
  std::string file;
  bool demo_pins = false;
};

Result<std::unique_ptr<store::MasterStore>> open_master(const std::string& dir,
                                                        store::OpenMode mode) {
  return store::open_master_store(store::ServerPaths{dir}, mode);
}

std::string new_person_id(Random& rng) {
  uint8_t b[5];
  rng.fill(b);
  return "p-" + hex_encode(b);
}

int run_import(const RosterArgs& a) {
  auto text = read_file(a.file);
  if (!text.ok()) return fail(text.error());
  auto rows = parse_roster_csv(*text, a.file, a.demo_pins);
  if (!rows.ok()) return fail(rows.error());
  auto store = open_master(a.server, store::OpenMode::kReadWrite);
  if (!store.ok()) return fail(store.error());
  auto current = (*store)->roster();
  if (!current.ok()) return fail(current.error());
  std::map<std::string, store::RosterPerson> by_id, by_name;
  for (const auto& p : *current) {
    by_id[p.person_id] = p;
    std::string key = p.name;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    by_name[key] = p;
  }
  auto server_key = crypto::DeviceKey::load(store::ServerPaths{a.server}.server_key());
  if (!server_key.ok()) return fail(server_key.error());
  crypto::SystemRandom rng;
  SystemClock clock;
  const int64_t now = clock.now().utc_ms;
  // The record of each change, on the server's own chain: reports take the
  // roster from these events, not from the table kiosks sync from.
  std::vector<core::EventDraft> changes;
  int added = 0, updated = 0, unchanged = 0;
  struct Code {
    std::string name, role, code;
  };
  std::vector<Code> codes;
  // First work out every change, then record them, then apply them: a
  // roster change that is not on record must not reach the kiosks.
  std::vector<store::RosterPerson> upserts, listed;
  for (const auto& r : *rows) {
    std::string key = r.name;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const store::RosterPerson* old = nullptr;
    if (!r.id.empty() && by_id.count(r.id)) old = &by_id[r.id];
    if (!old && r.id.empty() && by_name.count(key)) old = &by_name[key];
    store::RosterPerson p{old ? old->person_id : (r.id.empty() ? new_person_id(rng) : r.id),
                          r.name, r.role, r.hired, r.active,
                          old ? old->pin_verifier : std::string()};
    if (!r.pin.empty()) {
      auto v = crypto::make_pin_verifier(r.pin, crypto::kdf_cost_pin());
      if (!v.ok()) return fail(v.error());
      p.pin_verifier = *v;
    }
    const bool same_details = old && old->name == p.name && old->role == p.role &&
                              old->hired == p.hired && old->active == p.active;
    const bool same = same_details && r.pin.empty();
    (old ? (same ? unchanged : updated) : added)++;
    listed.push_back(p);
    if (same) continue;
    upserts.push_back(p);
    if (same_details) continue;  // only a demo PIN changed: nothing to record
    core::EventDraft d;
    d.kind = core::EventKind::kRosterChanged;
    d.person_id = p.person_id;
    const char* change = !old                         ? "added"
                         : old->active && !p.active   ? "deactivated"
                         : !old->active && p.active   ? "reactivated"
                                                      : "updated";
    d.body_fields = {{"change", change}, {"name", p.name},     {"role", p.role},
                     {"hired", p.hired}, {"active", p.active}, {"source", "roster import"}};
    changes.push_back(std::move(d));
  }
  if (!changes.empty()) {
    auto recorded = store::append_server_events(**store, *server_key, changes, clock, rng);
    if (!recorded.ok()) return fail(recorded.error());
  }
  for (const auto& p : upserts) {
    if (auto s = (*store)->upsert_person(p); !s.ok()) return fail(s.error());
  }
  for (const auto& p : listed) {
    if (!p.active || !p.pin_verifier.empty()) continue;
    const std::string code = sync::make_pairing_code(rng);
    auto s = (*store)->add_enrollment_code(
        sync::enrollment_key(sync::normalize_pairing_code(code)), p.person_id, now,
        now + sync::kEnrollmentCodeLifetimeMs);
    if (!s.ok()) return fail(s.error());
    codes.push_back({p.name, p.role, code});
  }
  std::printf("Roster: %d added, %d updated, %d unchanged. Kiosks get it at their next sync.\n",
              added, updated, unchanged);
  if (!codes.empty()) {
    std::printf("\nEnrollment codes (each works once, for 14 days; earlier codes for the same\n"
                "person stop working). Give each person theirs; at any kiosk they tap\n"
                "\"I have an enrollment code\", enter it and choose a PIN.\n\n");
    for (const auto& c : codes) {
      std::printf("  %-28s %-16s %s\n", c.name.c_str(), c.role.c_str(), c.code.c_str());
    }
  }
  return kExitOk;
}

int run_list(const RosterArgs& a) {
  auto store = open_master(a.server, store::OpenMode::kReadOnly);
  if (!store.ok()) return fail(store.error());
  auto roster = (*store)->roster();
  if (!roster.ok()) return fail(roster.error());
  std::printf("%-14s %-28s %-16s %-10s %-8s %s\n", "ID", "NAME", "ROLE", "HIRED", "STATUS", "PIN");
  for (const auto& p : *roster) {
    std::printf("%-14s %-28s %-16s %-10s %-8s %s\n", p.person_id.c_str(), p.name.c_str(),
                p.role.c_str(), p.hired.c_str(), p.active ? "active" : "left",
                p.pin_verifier.empty() ? "not yet chosen" : "set");
  }
  return kExitOk;
}

}  // namespace

void add_roster_command(CLI::App& app, Runner& run) {
  auto* roster = app.add_subcommand("roster", "The staff roster on the office server");
  roster->require_subcommand(1);
  auto args = std::make_shared<RosterArgs>();
  auto* import = roster->add_subcommand("import", "Add or update staff from a CSV file");
  import->add_option("--server", args->server, "The office server's folder")->required();
  import->add_option("FILE", args->file, "CSV with columns name, role, hired [, id, active]")
      ->required();
  import->add_flag("--demo-pins", args->demo_pins,
                   "Allow a pin column (demo practices only; real staff choose their own)");
  import->callback([&run, args] { run = [args] { return run_import(*args); }; });
  auto* list = roster->add_subcommand("list", "Show the roster");
  list->add_option("--server", args->server, "The office server's folder")->required();
  list->callback([&run, args] { run = [args] { return run_list(*args); }; });
}

}  // namespace attest::cli
