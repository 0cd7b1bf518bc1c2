// What admin mode asks of the rest of the app: opening it with the Security
// Official's passphrase, the practice's records (admin_records.h), roster
// changes, designations, exports, the office-server sync and pairing. Like
// backend.h, the UI renders these snapshots and emits intents; app/kiosk
// implements it. Slow work (Argon2id, HTTP) runs off the UI thread: a
// start_*() call returns at once and the state says when it is done.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "ui/admin_records.h"

namespace attest::crypto {
class BoxSecretKey;
}

namespace attest::ui {

struct AdminUnlock {
  enum class State {
    kClosed,
    kChecking,     // the passphrase is being checked
    kOpen,
    kRefused,      // wrong passphrase: `message` says so
    kLocked,       // too many wrong tries: wait `wait_seconds`
    kUnavailable,  // no practice key here to open: `message` says why
  };
  State state = State::kClosed;
  std::string message;  // plain words
  int wait_seconds = 0;
};

// The office-server sync as the sync page shows it.
struct SyncDetail {
  enum class Phase { kNotPaired, kStarting, kUpToDate, kSyncing, kOffline, kRefused };
  Phase phase = Phase::kNotPaired;
  std::string server_url;
  std::string practice_name;
  std::optional<int64_t> last_success_utc_ms;
  uint64_t pending = 0;  // events no server receipt covers yet
  uint64_t sent = 0;     // during a sync: confirmed so far ...
  uint64_t total = 0;    // ... of this many
  std::string last_error;  // plain words, a sentence
  std::optional<int64_t> next_attempt_utc_ms;  // while retrying
};

// Who this kiosk is paired with, as the pairing page shows it.
struct PairingDetail {
  bool paired = false;
  std::string server_url;
  std::string practice_name;
  std::string server_key_fingerprint;  // hex, grouped for reading aloud
  std::string device_id;               // hex
  std::string device_name;             // empty when not recorded
  std::optional<int64_t> paired_utc_ms;
};

struct PairingJob {
  enum class State { kIdle, kWorking, kDone, kFailed };
  State state = State::kIdle;
  std::string message;  // failed: what went wrong, plain words; done: the practice
};

class AdminBackend {
 public:
  virtual ~AdminBackend() = default;

  // Called on the UI thread every frame: takes in what finished on other
  // threads (a passphrase check, a pairing), so it is recorded and applied
  // even when no admin screen is showing.
  virtual void poll() {}

  // Checks the passphrase off the UI thread; wipes it when done. The
  // outcome (and its SignIn / SignInFailed record) shows in unlock_state().
  virtual void start_unlock(std::string passphrase) = 0;
  virtual AdminUnlock unlock_state() = 0;
  // Closes admin mode and wipes the practice secret; automatic: AutoLogoff
  // (inactivity) rather than SignOut.
  virtual void close(bool automatic) = 0;
  bool is_open() { return unlock_state().state == AdminUnlock::State::kOpen; }
  // Lends the unlocked practice secret to `fn`, without a copy, only while
  // admin mode is open. Returns false (fn not called) when it is closed.
  virtual bool with_practice_secret(const std::function<void(const crypto::BoxSecretKey&)>& fn) = 0;

  // The newest snapshot of the records. One is built off the UI thread
  // when admin mode opens and after every change made in it;
  // refresh_records() asks for another unless one is being built (a page
  // opened: the sync may have brought something).
  virtual RecordsView records() = 0;
  virtual void refresh_records() = 0;

  // The roster can be changed here only on a standalone kiosk: a paired
  // kiosk's roster is the office server's. Each change records a
  // RosterChanged event and updates the people who may sign in, together.
  virtual bool roster_editable() = 0;
  // The caller wipes person.pin afterwards.
  virtual Status add_person(const NewPerson& person) = 0;
  virtual Status change_role(const std::string& person_id, const std::string& role) = 0;
  // Inactive people cannot sign in; every record of theirs is kept.
  virtual Status set_active(const std::string& person_id, bool active) = 0;
  // A new PIN the person chose (they forgot theirs, or someone saw it):
  // their wrong-PIN count and any lock are cleared with it. A RosterChanged
  // "pin reset" record, which names neither PIN. The caller wipes `pin`.
  virtual Status set_pin(const std::string& person_id, const std::string& pin) = 0;
  // A SecurityOfficialDesignated or PrivacyOfficialDesignated event.
  virtual Status designate(const NewDesignation& d) = 0;
  // An IncidentReviewed event that refers to the incident's: the response,
  // the breach-notification determination and whether it is closed.
  virtual Status review_incident(const NewIncidentReview& r) = 0;
  // A PolicyPublished or PolicyReviewed event.
  virtual Status record_policy(const NewPolicyAction& a) = 0;

  // Folders an export may go to: this kiosk's data folder, and any
  // removable drives mounted now.
  virtual std::vector<ExportTarget> export_targets() = 0;
  // Writes off the UI thread into a new folder inside `folder`; `period`
  // is the evidence bundle's (the reports are as of today).
  virtual void start_export(ExportKind kind, const std::string& folder, ExportPeriod period) = 0;
  virtual ExportJob export_job() = 0;
  virtual void reset_export() = 0;

  virtual SyncDetail sync_detail() = 0;
  // Wakes the sync worker: sync now, even while it is waiting to retry.
  virtual void sync_now() = 0;

  virtual PairingDetail pairing_detail() = 0;
  // Pairs with the office server off the UI thread, then starts syncing.
  virtual void start_pairing(const std::string& url, const std::string& code) = 0;
  virtual PairingJob pairing_job() = 0;
  virtual void reset_pairing() = 0;
};

}  // namespace attest::ui
