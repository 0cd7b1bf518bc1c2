// A kiosk folder as `attest` opens it (kiosk.db, keys/device.key,
// practice.key, practice-name.txt) holding a fixed set of records from 2025
// into October 2026, at UTC-5, for the evidence bundle tests: training and
// an incident before the period, sign-ins, an incident and its review in
// it, and records after it that a bundle to 2026-09-30 must leave out.
// EvidenceServer is the same for an office server folder with two devices.
// Links attest_store and attest_content.
#pragma once

#include <doctest/doctest.h>

#include "base/file.h"
#include "content/content.h"
#include "crypto/practice_key.h"
#include "crypto/random.h"
#include "report/ledger.h"
#include "store/kiosk_store.h"
#include "store/sqlite_master_store.h"
#include "support/chain_fixture.h"
#include "support/temp_dir.h"

namespace attest::testing {

inline constexpr char kEvidenceFrom[] = "2026-01-01";
inline constexpr char kEvidenceTo[] = "2026-09-30";
inline constexpr char kEvidencePassphrase[] = "correct horse battery staple";

struct EvidenceKiosk {
  TempDir dir{"attest-evidence"};
  crypto::SystemRandom rng;
  FixedClock clock{{0, -300}};  // UTC-5: local dates differ from UTC ones
  crypto::DeviceId device{};
  uint64_t last_in_period = 0;  // the chain in a bundle to kEvidenceTo ends here
  uint64_t total = 0;
  uint64_t bodies_in_period = 0;
  uint64_t incident_before = 0;  // seq of the 2025 incident
  uint64_t incident_in = 0;      // seq of the 2026 incident
  uint64_t attested = 0;         // seq of Maria's policy attestation
  std::map<uint64_t, core::EventId> ids;

  std::filesystem::path kiosk() const { return dir / "kiosk"; }
  std::filesystem::path passphrase_file() const { return dir / "passphrase.txt"; }

  EvidenceKiosk() {
    namespace fs = std::filesystem;
    fs::create_directories(kiosk() / "keys");
    auto practice = crypto::create_practice_key(kEvidencePassphrase, rng, crypto::kdf_cost_minimum());
    REQUIRE(practice.ok());
    REQUIRE(write_file_atomic(kiosk() / "practice.key", as_bytes(practice->file_text), 0600).ok());
    REQUIRE(write_file_atomic(passphrase_file(), as_bytes(std::string(kEvidencePassphrase) + "\n"), 0600).ok());
    REQUIRE(write_file_atomic(kiosk() / "practice-name.txt", as_bytes("Harbor Street Clinic\n")).ok());
    crypto::DeviceKey key = crypto::DeviceKey::generate(rng);
    REQUIRE(key.save(kiosk() / "keys" / "device.key").ok());
    device = key.id();
    at(2025, 3, 3, 14);
    auto store = store::KioskStore::create(kiosk() / "kiosk.db", std::move(key), practice->public_key, clock);
    REQUIRE(store.ok());
    fill(*store);
  }

  void at(int y, int m, int d, int hour_utc) {
    clock.set({int64_t{date_from_civil({y, m, d}).days} * 86400000 + int64_t{hour_utc} * 3600000, -300});
  }

  uint64_t add(store::KioskStore& s, core::EventKind kind, std::string person,
               const content::Item* item, nlohmann::json body,
               std::optional<core::EventId> refers_to = {}) {
    core::EventDraft d;
    d.kind = kind;
    d.person_id = std::move(person);
    if (item) d.subject = {item->id, std::to_string(item->version), item->sha256};
    d.body_fields = std::move(body);
    d.refers_to = refers_to;
    auto done = s.append(d, clock, rng);
    REQUIRE(done.ok());
    clock.advance_ms(60000);
    total = done->seq;
    if (local_date(done->header.time) <= *parse_date(kEvidenceTo)) {
      last_in_period = done->seq;
      if (report::Ledger::wants_body(kind)) bodies_in_period++;
    }
    ids[done->seq] = done->event_id;
    return done->seq;
  }

 private:
  void fill(store::KioskStore& s) {
    using K = core::EventKind;
    const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
    REQUIRE(catalog.errors.empty());
    const content::Item* policy = catalog.find(content::Kind::kPolicy, "acceptable-use");
    const content::Item* module = catalog.find(content::Kind::kModule, "security-awareness-basics");
    const content::Item* quiz = catalog.find(content::Kind::kQuiz, "security-awareness-basics-quiz");
    const content::Item* reminder = catalog.find(content::Kind::kReminder, "lock-your-screen");
    REQUIRE((policy && module && quiz && reminder));

    at(2025, 3, 3, 14);
    const char* people[][4] = {{"p-0001", "Dana Whitfield", "management", "2019-03-04"},
                               {"p-0002", "Maria Lopez", "front-desk", "2025-02-24"},
                               {"p-0003", "James Carter", "clinical", "2021-06-14"},
                               {"p-0004", "Priya Shah", "billing", "2023-01-09"}};
    for (const auto& p : people) {
      add(s, K::kRosterChanged, p[0], nullptr,
          {{"change", "added"}, {"name", p[1]}, {"role", p[2]}, {"hired", p[3]}});
    }
    add(s, K::kSecurityOfficialDesignated, "p-0001", nullptr,
        {{"name", "Dana Whitfield"}, {"effective", "2025-03-03"}, {"duties", "Security Official"},
         {"designated_by", "Dr. Alan Reyes"}});
    add(s, K::kPolicyPublished, "p-0001", policy, {{"note", "First version"}, {"by_name", "Dana Whitfield"}});

    at(2025, 6, 2, 15);
    add(s, K::kSignIn, "p-0002", nullptr, nlohmann::json::object());
    add(s, K::kModuleCompleted, "p-0002", module, {{"pages_read", 4}});
    add(s, K::kQuizAttempt, "p-0002", quiz, {{"score_percent", 100}, {"passed", true}});
    attested = add(s, K::kPolicyAttested, "p-0002", policy,
                   {{"typed_name", "Maria Lopez"}, {"consent", content::consent_sentence(*policy)},
                    {"signature_strokes", {{{12, 40}, {30, 22}, {55, 48}}}}});
    incident_before = add(s, K::kIncidentReported, "", nullptr,
                          {{"what", "Old tailgating at the back door"}, {"where", "Back door"}});
    // Reported and closed before the period: not in its incident log.
    const uint64_t settled = add(s, K::kIncidentReported, "", nullptr, {{"what", "Settled last year"}});
    add(s, K::kIncidentReviewed, "p-0001", nullptr,
        {{"reviewer_name", "Dana Whitfield"}, {"response", "Door fixed"},
         {"notification_required", false}, {"reasoning", "No PHI involved"}, {"closed", true}},
        ids[settled]);

    at(2026, 2, 10, 14);
    add(s, K::kSignIn, "p-0003", nullptr, nlohmann::json::object());
    add(s, K::kSignInFailed, "p-0004", nullptr, {{"attempt", 1}});
    incident_in = add(s, K::kIncidentReported, "p-0003", nullptr,
                      {{"what", "A caller asked for lab results"}, {"reporter_name", "James Carter"}});
    add(s, K::kReminderAcknowledged, "p-0003", reminder, nlohmann::json::object());
    at(2026, 3, 5, 16);
    add(s, K::kIncidentReviewed, "p-0001", nullptr,
        {{"reviewer_name", "Dana Whitfield"}, {"response", "Caller not identified; staff reminded"},
         {"notification_required", false}, {"reasoning", "Nothing was disclosed"}, {"closed", true}},
        ids[incident_in]);
    at(2026, 6, 1, 13);
    add(s, K::kRosterChanged, "p-0004", nullptr, {{"change", "deactivated"}, {"active", false}});
    // 03:00 UTC on 1 October is 22:00 on 30 September at the kiosk: in the period.
    at(2026, 10, 1, 3);
    add(s, K::kSignOut, "p-0003", nullptr, nlohmann::json::object());
    // 06:00 UTC is 01:00 on 1 October at the kiosk: after the period.
    at(2026, 10, 1, 6);
    add(s, K::kModuleCompleted, "p-0003", module, {{"pages_read", 4}});
    add(s, K::kIncidentReported, "", nullptr, {{"what", "After the period"}});
  }
};

// n records a second apart whose kinds cycle through sign-in, module
// completion, quiz attempt and policy attestation: half of them have a body
// the reports read.
inline void extend_mixed_chain(Chain& c, int n, SeededRandom& rng, FixedClock& clock) {
  core::ChainPosition at;
  for (int i = 0; i < n; ++i) {
    core::EventDraft d;
    d.person_id = "p-" + std::to_string(i % 7);
    switch (i % 4) {
      case 0: d.kind = core::EventKind::kSignIn; break;
      case 1:
        d.kind = core::EventKind::kModuleCompleted;
        d.subject = {"phishing", "1", {}};
        break;
      case 2:
        d.kind = core::EventKind::kQuizAttempt;
        d.body_fields = {{"answers", {1, 0}}, {"score_percent", 50 + i % 50}, {"passed", true}};
        break;
      default:
        d.kind = core::EventKind::kPolicyAttested;
        d.subject = {"acceptable-use", "1", {}};
        d.body_fields = {{"typed_name", "Person " + std::to_string(i % 7)},
                         {"signature_strokes", {{{0, 0}, {40, i % 30}, {80, 0}}}}};
        break;
    }
    core::BuildContext ctx{c.device, c.practice.public_key(), clock, rng, "test"};
    c.events.push_back(core::build_event(d, at, ctx));
    at.next_seq++;
    at.prev_link = core::link_hash(c.events.back().hash, c.events.back().signature);
    clock.advance_ms(1000);
  }
}

// An office server's folder as `attest export-evidence --server` opens it
// (master.db, keys/server.key, practice.key) with two devices' chains of
// `per_device` events each, dated 2026-11-23: from extend_chain, or with
// `mixed`, from extend_mixed_chain.
struct EvidenceServer {
  const int per_device;
  TempDir dir{"attest-evidence-server"};
  SeededRandom rng{7};
  crypto::DeviceKey key = crypto::DeviceKey::generate(rng);
  std::vector<crypto::DeviceId> devices;

  std::filesystem::path server() const { return dir / "server"; }
  std::filesystem::path passphrase_file() const { return dir / "passphrase.txt"; }

  explicit EvidenceServer(int events_per_device = 6, bool mixed = false) : per_device(events_per_device) {
    std::filesystem::create_directories(server() / "keys");
    auto practice = crypto::create_practice_key(kEvidencePassphrase, rng, crypto::kdf_cost_minimum());
    REQUIRE(practice.ok());
    REQUIRE(write_file_atomic(server() / "practice.key", as_bytes(practice->file_text), 0600).ok());
    REQUIRE(write_file_atomic(passphrase_file(), as_bytes(std::string(kEvidencePassphrase) + "\n"), 0600).ok());
    REQUIRE(key.save(server() / "keys" / "server.key").ok());
    auto secret = crypto::unlock_with_passphrase(practice->file_text, kEvidencePassphrase);
    REQUIRE(secret.ok());
    const int64_t now = 1795430525123;  // 2026-11-23T10:02:05Z
    store::PracticeInfo info{"Harbor Street Clinic", key.public_key(), practice->public_key, now};
    auto master = store::SqliteMasterStore::create(server() / "master.db", info);
    REQUIRE(master.ok());
    for (const char* name : {"Front desk", "Break room"}) {
      FixedClock clock({now, 60});
      Chain c{crypto::DeviceKey::generate(rng),
              crypto::BoxSecretKey::from_bytes(secret->secret().view()).value(), {}, {}};
      if (mixed) {
        extend_mixed_chain(c, per_device, rng, clock);
      } else {
        extend_chain(c, per_device, rng, clock);
      }
      store::DeviceRecord d{c.device.id(), c.device.public_key(), name, now, {}, {}, 0, store::kFirstSiteId};
      crypto::Sha256 code{};
      rng.fill(code);
      REQUIRE((*master)->add_pairing_code(code, store::kFirstSiteId, now, now + 600000).ok());
      REQUIRE((*master)->pair_device(code, d, now).ok());
      REQUIRE((*master)->append_events(d.id, {}, c.events, now).ok());
      devices.push_back(d.id);
    }
  }
};

}  // namespace attest::testing
