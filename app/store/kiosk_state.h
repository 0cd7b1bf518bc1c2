// The kiosk's working state beside the record log (sql/kiosk/0002): the
// people who may sign in with their PIN verifiers, wrong-PIN counters, and
// where each person stopped reading. Not evidence: each change here goes
// with an event in the log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/sign_in_policy.h"
#include "store/published_version.h"
#include "store/sqlite.h"

namespace attest::store {

struct PersonRecord {
  std::string id;
  std::string name;
  std::string role;
  Date hired;
  bool active = true;
  std::string pin_verifier;  // Argon2id string
};

Result<std::vector<PersonRecord>> load_people(Db& db);  // active first, by name
Result<std::optional<PersonRecord>> load_person(Db& db, const std::string& id);
Status save_person(Db& db, const PersonRecord& p);

Result<core::PinState> load_pin_state(Db& db, const std::string& person_id);
Status save_pin_state(Db& db, const std::string& person_id, const core::PinState& s);

Result<int> load_progress(Db& db, const std::string& person_id, const std::string& module_id);
Status save_progress(Db& db, const std::string& person_id, const std::string& module_id,
                     int page, int64_t now_ms);
Status clear_progress(Db& db, const std::string& person_id, const std::string& module_id);

// Reminder confirmations (sql/kiosk/0005): whether `person_id` confirmed
// this reminder text on or after `since`.
Status save_reminder_ack(Db& db, const std::string& person_id, const std::string& reminder_id,
                         const std::string& version, Date on);
Result<bool> reminder_acked_since(Db& db, const std::string& person_id,
                                  const std::string& reminder_id, const std::string& version,
                                  Date since);

// Policy versions published in admin mode here or at the office PC
// (sql/kiosk/0009): store::save_published_version, load_published_versions.

}  // namespace attest::store
