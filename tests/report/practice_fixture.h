// A small fixed practice for report tests: a curriculum written to a temp
// folder and a ledger fed with hand-made event headers and opened bodies,
// so every figure in a report can be worked out by hand.
#pragma once

#include <fstream>

#include "report/ledger.h"
#include "report/reports.h"
#include "support/temp_dir.h"

namespace attest::testing {

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string content_file(const std::string& kind, const std::string& id, int version,
                                const std::string& title, const std::string& effective,
                                const std::string& extra) {
  return "---\nkind: " + kind + "\nid: " + id + "\nversion: " + std::to_string(version) +
         "\ntitle: " + title + "\neffective: " + effective + "\n" + extra + "---\n# " + title +
         "\nText of " + title + " version " + std::to_string(version) + ".\n";
}

struct ReportFixture {
  TempDir dir{"attest-report"};
  content::Catalog catalog;
  report::Ledger ledger;
  report::ReportContext ctx;
  crypto::DeviceId kiosk{}, office{};
  uint64_t kiosk_seq = 0, office_seq = 0;

  explicit ReportFixture(report::LedgerOptions options = {}) : ledger(options) {
    const auto a = dir.path() / "assets";
    write_text(a / "modules/basics.md",
               content_file("module", "basics", 1, "Security basics", "2026-01-01",
                            "roles: all\nretrain_days: 365\norder: 1\ncfr: 45 CFR 164.308(a)(5)(i)\n"));
    write_text(a / "modules/passwords.md",
               content_file("module", "passwords", 1, "Passwords", "2026-01-01",
                            "roles: all\nretrain_days: 365\norder: 2\ncfr: 45 CFR 164.308(a)(5)(ii)(D)\n"));
    write_text(a / "modules/billing-fraud.md",
               content_file("module", "billing-fraud", 1, "Billing fraud, \"red flags\"", "2026-01-01",
                            "roles: billing\nretrain_days: 0\norder: 3\ncfr: 45 CFR 164.308(a)(5)(i)\n"));
    write_text(a / "policies/sanction-v1.md",
               content_file("policy", "sanction", 1, "Sanction Policy", "2026-01-01", "roles: all\ncfr: 45 CFR 164.308(a)(1)(ii)(C)\n"));
    write_text(a / "policies/sanction-v2.md",
               content_file("policy", "sanction", 2, "Sanction Policy", "2026-06-01", "roles: all\ncfr: 45 CFR 164.308(a)(1)(ii)(C)\n"));
    write_text(a / "reminders/lock.md",
               content_file("reminder", "lock-screen", 1, "Lock your screen", "2026-01-01", ""));
    catalog = content::load_catalog(a);
    kiosk.fill(0x3f);
    office.fill(0xbd);
    ctx.practice = "Fixture Dental";
    ctx.generated_at = "2026-11-20 15:00 UTC";
    ctx.generated_by = "Ann Adams";
    ctx.as_of = *parse_date("2026-11-20");
    ctx.catalog = &catalog;
    ctx.device_names[kiosk] = "Front desk";
    ctx.device_names[office] = "Office server";
  }

  const content::Item* item(content::Kind k, const std::string& id, int version) const {
    for (const auto* i : catalog.of_kind(k)) {
      if (i->id == id && i->version == version) return i;
    }
    return nullptr;
  }

  // 10:00 local (UTC-5) on `date`, plus `minute` minutes.
  static Timestamp at(const std::string& date, int minute = 0) {
    return {int64_t{parse_date(date)->days} * 86400000 + (15 * 60 + minute) * 60000LL, -300};
  }

  core::EventHeader& add(bool on_kiosk, core::EventKind kind, const std::string& person,
                         const std::string& date, nlohmann::json body = nullptr,
                         const content::Item* about = nullptr, int minute = 0) {
    last = {};
    last.device_id = on_kiosk ? kiosk : office;
    last.seq = on_kiosk ? ++kiosk_seq : ++office_seq;
    last.event_id.fill(static_cast<uint8_t>(last.seq + (on_kiosk ? 0 : 100)));
    last.kind = kind;
    last.person_id = person;
    if (about) last.subject = {about->id, std::to_string(about->version), about->sha256};
    last.time = at(date, minute);
    last.retain_until = add_years(local_date(last.time), 6);
    pending_body = std::move(body);
    return last;
  }
  void commit() {
    ledger.add(last, pending_body.is_null() ? nullptr : &pending_body);
    log.emplace_back(last, pending_body);
  }

  core::EventHeader last;
  nlohmann::json pending_body;
  // Every event added, in order, with its body.
  std::vector<std::pair<core::EventHeader, nlohmann::json>> log;
};

// The fixed practice: three people, training, an incident and its review,
// sign-ins, and two Security Official designations.
inline void fill_practice(ReportFixture& f) {
  using core::EventKind;
  using nlohmann::json;
  auto roster = [&](const char* id, const char* change, const char* name, const char* role,
                    const char* hired, bool active, const char* date) {
    f.add(false, EventKind::kRosterChanged, id, date,
          json{{"change", change}, {"name", name}, {"role", role}, {"hired", hired}, {"active", active}});
    f.commit();
  };
  roster("p-1", "added", "Ann Adams", "front-desk", "2020-01-06", true, "2026-01-02");
  roster("p-2", "added", "Bob Brown", "billing", "2026-10-01", true, "2026-10-01");
  roster("p-3", "added", "Cy Chan", "clinical", "2021-03-01", true, "2026-01-02");
  const auto* basics = f.item(content::Kind::kModule, "basics", 1);
  const auto* passwords = f.item(content::Kind::kModule, "passwords", 1);
  const auto* sanction1 = f.item(content::Kind::kPolicy, "sanction", 1);
  const auto* sanction2 = f.item(content::Kind::kPolicy, "sanction", 2);
  const auto* lock = f.item(content::Kind::kReminder, "lock-screen", 1);
  const json strokes = json::array({json::array({{0, 0}, {40, 20}, {80, 0}}), json::array({{10, 30}, {70, 30}})});

  f.add(true, EventKind::kSignIn, "p-1", "2026-02-02");
  f.commit();
  f.add(true, EventKind::kModuleCompleted, "p-1", "2026-02-02", json{{"pages", 1}}, basics, 5);
  f.commit();
  f.add(true, EventKind::kPolicyAttested, "p-1", "2026-02-02",
        json{{"typed_name", "Ann Adams"}, {"signature_strokes", strokes}}, sanction1, 9);
  f.commit();
  f.add(true, EventKind::kSignOut, "p-1", "2026-02-02", nullptr, nullptr, 10);
  f.commit();
  f.add(true, EventKind::kModuleCompleted, "p-1", "2025-11-01", json{{"pages", 1}}, passwords);
  f.commit();  // an old completion: the refresher has lapsed by the report date
  f.add(true, EventKind::kSignInFailed, "p-2", "2026-10-05", json{{"locked_seconds", 0}});
  f.commit();
  f.add(true, EventKind::kSignInFailed, "p-2", "2026-10-05", json{{"locked_seconds", 30}}, nullptr, 1);
  f.commit();
  f.add(true, EventKind::kSignIn, "p-2", "2026-10-05", nullptr, nullptr, 2);
  f.commit();
  f.add(true, EventKind::kModuleCompleted, "p-2", "2026-10-05", json{{"pages", 1}}, basics, 20);
  f.commit();
  f.add(true, EventKind::kPolicyAttested, "p-2", "2026-10-05",
        json{{"typed_name", "Bob Brown"}, {"signature_strokes", strokes}}, sanction2, 25);
  f.commit();
  f.add(true, EventKind::kReminderAcknowledged, "p-2", "2026-10-05", nullptr, lock, 26);
  f.commit();
  f.add(true, EventKind::kAutoLogoff, "p-2", "2026-10-05", nullptr, nullptr, 30);
  f.commit();
  f.add(true, EventKind::kIncidentReported, "", "2026-11-02",
        json{{"what", "A caller asked for a patient's results, \"urgently\""},
             {"when", "Monday 9:15"}, {"where", "Front desk phone"}, {"reporter_name", ""}});
  const core::EventId incident = f.last.event_id;
  f.commit();
  f.add(true, EventKind::kIncidentReported, "p-3", "2026-11-10",
        json{{"what", "USB stick found in the car park"}, {"when", "Today"}, {"where", "Car park"},
             {"reporter_name", "Cy Chan"}});
  f.commit();

  f.add(false, EventKind::kSecurityOfficialDesignated, "p-1", "2026-01-05",
        json{{"name", "Ann Adams"}, {"effective", "2026-01-05"}, {"duties", "Runs the program"},
             {"designated_by", "Dr. Reyes"}, {"signature_strokes", strokes}});
  f.commit();
  f.add(false, EventKind::kIncidentReviewed, "", "2026-11-03",
        json{{"response", "Caller refused; no information given"}, {"notification_required", false},
             {"reasoning", "No PHI was disclosed"}, {"closed", true}, {"reviewer_name", "Ann Adams"}});
  f.last.refers_to = incident;
  f.commit();
  roster("p-3", "deactivated", "Cy Chan", "clinical", "2021-03-01", false, "2026-11-12");
  f.add(false, EventKind::kSecurityOfficialDesignated, "p-2", "2026-11-15",
        json{{"name", "Bob Brown"}, {"effective", "2026-11-15"}, {"duties", "Runs the program"},
             {"designated_by", "Dr. Reyes"}});
  f.commit();
}

}  // namespace attest::testing
