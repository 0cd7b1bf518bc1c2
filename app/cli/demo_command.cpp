// `attest demo DIR`: a demo practice and kiosk device with a handful of
// signed events, so a new user can see the record log and verify it. The
// kiosk and server replace this as the demo in later versions.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "cli/commands.h"
#include "cli/key_options.h"
#include "content/content.h"
#include "crypto/practice_key.h"
#include "crypto/random.h"
#include "platform/paths.h"
#include "crypto/pwhash.h"
#include "store/kiosk_state.h"
#include "store/kiosk_store.h"

namespace attest::cli {

namespace {

constexpr char kDemoPassphrase[] = "demo practice passphrase";

struct DemoPerson {
  const char* id;
  const char* name;
  const char* role;
  const char* hired;
  const char* pin;
};

// A small dental office. Maria is a new hire, so her training is due.
constexpr DemoPerson kDemoStaff[] = {
    {"p-0001", "Dana Whitfield", "management", "2019-03-04", "9753"},
    {"p-0002", "Maria Lopez", "front-desk", "2026-11-10", "2468"},
    {"p-0003", "James Carter", "clinical", "2021-06-14", "1357"},
    {"p-0004", "Priya Shah", "billing", "2023-01-09", "8642"},
};

// Puts the demo staff on the kiosk's roster: a RosterChanged event each (the
// record) and a row with the PIN verifier (what sign-in checks).
Status add_demo_staff(store::KioskStore& store, const Clock& clock, Random& rng,
                      const std::filesystem::path& dir) {
  nlohmann::json logins = nlohmann::json::array();
  for (const auto& p : kDemoStaff) {
    store::PersonRecord r;
    r.id = p.id;
    r.name = p.name;
    r.role = p.role;
    r.hired = TRY(parse_date(p.hired));
    r.pin_verifier = TRY(crypto::make_pin_verifier(p.pin, crypto::kdf_cost_pin()));
    TRY_STATUS(store::save_person(store.db(), r));
    core::EventDraft d;
    d.kind = core::EventKind::kRosterChanged;
    d.person_id = p.id;
    d.body_fields = {{"change", "added"}, {"name", p.name}, {"role", p.role}, {"hired", p.hired}};
    TRY(store.append(d, clock, rng));
    logins.push_back({{"name", p.name}, {"pin", p.pin}});
  }
  TRY_STATUS(write_file_atomic(dir / "practice-name.txt", as_bytes("Riverside Family Dental\n")));
  // Read by `attest-kiosk --demo` to show the PINs on the start screen.
  return write_file_atomic(dir / "demo-logins.json", as_bytes(logins.dump(2) + "\n"), 0600);
}

struct DemoArgs {
  std::string dir;
  std::string assets = ATTEST_ASSETS_DIR;
};

core::Subject subject_of(const content::Item* item) {
  if (!item) return {};
  return core::Subject{item->id, std::to_string(item->version), item->sha256};
}

std::vector<core::EventDraft> demo_events(const content::Catalog& catalog) {
  using core::EventKind;
  using nlohmann::json;
  const content::Item* policy = catalog.find(content::Kind::kPolicy, "acceptable-use");
  const content::Item* module = catalog.find(content::Kind::kModule, "security-awareness-basics");
  const content::Item* quiz = catalog.find(content::Kind::kQuiz, "security-awareness-basics-quiz");
  const content::Item* reminder = catalog.find(content::Kind::kReminder, "lock-your-screen");
  auto effective = [](const content::Item* i) {
    return i ? i->effective : std::optional<Date>();
  };
  std::vector<core::EventDraft> v;
  auto add = [&](EventKind k, std::string person, const content::Item* item, json body) {
    core::EventDraft d;
    d.kind = k;
    d.person_id = std::move(person);
    d.subject = subject_of(item);
    d.subject_effective = effective(item);
    d.body_fields = std::move(body);
    v.push_back(std::move(d));
  };
  add(EventKind::kDeviceEnrolled, "", nullptr, {{"device_name", "Front desk kiosk"}});
  add(EventKind::kSecurityOfficialDesignated, "p-0001", nullptr,
      {{"name", "Dana Whitfield"},
       {"role", "Office manager"},
       {"duties", "Security Official under 45 CFR 164.308(a)(2): develops and carries out the "
                  "practice's security policies, runs workforce training, reviews incidents."},
       {"effective", "2026-01-05"},
       {"designated_by", "Dr. Alan Reyes, practice owner"}});
  add(EventKind::kPrivacyOfficialDesignated, "p-0001", nullptr,
      {{"name", "Dana Whitfield"},
       {"duties", "Privacy Official under 45 CFR 164.530(a)"},
       {"effective", "2026-01-05"},
       {"designated_by", "Dr. Alan Reyes, practice owner"}});
  add(EventKind::kPolicyPublished, "p-0001", policy, {{"note", "First version"}, {"by_name", "Dana Whitfield"}});
  add(EventKind::kSignIn, "p-0002", nullptr, json::object());
  add(EventKind::kModuleCompleted, "p-0002", module, {{"pages_read", 4}});
  add(EventKind::kQuizAttempt, "p-0002", quiz,
      {{"answers", {1, 0, 2}}, {"score_percent", 100}, {"passed", true}});
  add(EventKind::kPolicyAttested, "p-0002", policy,
      {{"typed_name", "Maria Lopez"},
       {"consent", policy ? content::consent_sentence(*policy) : std::string()},
       {"signature_strokes", {{{12, 40}, {30, 22}, {55, 48}, {80, 20}}, {{90, 45}, {120, 30}}}}});
  add(EventKind::kSignOut, "p-0002", nullptr, json::object());
  add(EventKind::kSignInFailed, "p-0003", nullptr, {{"attempt", 1}});
  add(EventKind::kIncidentReported, "", nullptr,
      {{"what", "A caller asked for a patient's lab results and would not give a name."},
       {"when", "This morning, about 9:15"},
       {"where", "Front desk phone"}});
  add(EventKind::kReminderAcknowledged, "p-0003", reminder, json::object());
  return v;
}

int run_demo(const DemoArgs& a) {
  namespace fs = std::filesystem;
  const fs::path dir = a.dir;
  const fs::path db = platform::kiosk_db_path(dir);
  if (fs::exists(db)) {
    return fail(make_error(ErrorCode::kAlreadyExists,
                           db.string() + " already exists; choose an empty folder"));
  }
  if (!platform::ensure_private_dir(dir) || !platform::ensure_private_dir(platform::key_dir(dir))) {
    return fail(make_error(ErrorCode::kIo, "cannot create " + dir.string()));
  }
  content::Catalog catalog = content::load_catalog(a.assets);
  for (const auto& e : catalog.errors) std::fprintf(stderr, "content: %s\n", e.to_string().c_str());

  crypto::SystemRandom rng;
  SystemClock clock;
  auto practice = crypto::create_practice_key(kDemoPassphrase, rng);
  if (!practice.ok()) return fail(practice.error());
  const fs::path practice_file = dir / "practice.key";
  const fs::path passphrase_file = dir / "demo-passphrase.txt";
  crypto::DeviceKey device = crypto::DeviceKey::generate(rng);
  for (auto s : {write_file_atomic(practice_file, as_bytes(practice->file_text), 0600),
                 write_file_atomic(passphrase_file, as_bytes(std::string(kDemoPassphrase) + "\n"),
                                   0600),
                 device.save(platform::device_key_path(dir))}) {
    if (!s.ok()) return fail(s.error());
  }
  auto store = store::KioskStore::create(db, std::move(device), practice->public_key, clock);
  if (!store.ok()) return fail(store.error());
  if (auto s = add_demo_staff(*store, clock, rng, dir); !s.ok()) {
    return fail(s.error());
  }
  int n = static_cast<int>(std::size(kDemoStaff));
  for (const auto& draft : demo_events(catalog)) {
    auto done = store->append(draft, clock, rng);
    if (!done.ok()) return fail(done.error());
    std::printf("saved seq %-3llu %s\n", static_cast<unsigned long long>(done->seq),
                std::string(core::event_kind_name(draft.kind)).c_str());
    ++n;
  }
  std::printf("\nDemo practice in %s: %d signed events from device %s\n", dir.c_str(), n,
              hex_encode(store->device().id()).c_str());
  std::printf("  record store      %s\n", db.c_str());
  std::printf("  device key        %s (0600)\n", platform::device_key_path(dir).c_str());
  std::printf("  practice key      %s (secret wrapped by passphrase and recovery code)\n",
              practice_file.c_str());
  std::printf("  demo passphrase   \"%s\" (also in %s)\n", kDemoPassphrase,
              passphrase_file.c_str());
  std::printf("  recovery code     %s\n", practice->recovery_code.c_str());
  std::printf("  demo staff        ");
  for (const auto& p : kDemoStaff) std::printf("%s (PIN %s)  ", p.name, p.pin);
  std::printf("\n");
  return kExitOk;
}

}  // namespace

void add_demo_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Create a demo practice and kiosk device in DIR and append a few signed events.");
  cmd->add_option("dir", args->dir, "an empty or new folder")->required();
  cmd->add_option("--assets", args->assets, "curriculum folder")->default_val(ATTEST_ASSETS_DIR);
  cmd->callback([&run, args] { run = [args] { return run_demo(*args); }; });
}

}  // namespace attest::cli
