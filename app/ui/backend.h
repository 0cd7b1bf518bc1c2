// What the kiosk screens ask of the rest of the app. The UI renders state
// and emits intents through this interface; it knows nothing of SQL, files
// or HTTP. app/kiosk implements it over the record store; tests may too.
//
// Every call that records something returns only after the event is
// committed to the store, so a screen may say "saved" when it succeeds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "content/content.h"

namespace attest::ui {

class AdminBackend;  // ui/admin_backend.h

struct PersonCard {
  std::string id;
  std::string name;
  std::string role;
  int locked_seconds = 0;  // > 0 while locked out after wrong PINs
  bool has_pin = true;     // false until they enroll with their code
};

enum class SignInOutcome { kSignedIn, kWrongPin, kLocked };

struct SignInResult {
  SignInOutcome outcome = SignInOutcome::kWrongPin;
  int tries_left = 0;      // before a lockout, after a wrong PIN
  int locked_seconds = 0;  // when locked
};

enum class TaskState { kDone, kDue, kOverdue };

struct Task {
  content::Kind kind = content::Kind::kModule;  // module or policy
  std::string id;
  std::string title;
  TaskState state = TaskState::kDue;
  std::string when;     // "Due 12 Dec 2026", "3 days overdue", "Done 2 Nov 2026"
  bool new_version = false;
  int resume_page = 0;  // module reader resumes here
};

// The office-server sync, as the start screen shows it.
struct SyncIndicator {
  enum class State {
    kNone,      // not paired: this kiosk's own store is the record
    kUpToDate,  // everything is on the office server
    kWaiting,   // records wait; a sync is due soon
    kSyncing,
    kOffline,   // the server cannot be reached; records are safe here
    kProblem,   // the server refused; the official must look
  };
  State state = State::kNone;
  uint64_t pending = 0;
  double progress = 0;  // 0..1 while syncing
  std::string detail;   // plain words: "Synced 2 minutes ago", the error
};

// A person enrolling with their one-time code, as the enroll screen shows it.
struct Enrollment {
  enum class State { kIdle, kWorking, kDone, kFailed };
  State state = State::kIdle;
  std::string name;     // when done
  std::string message;  // when failed, plain words
};

// This week's security reminder for the signed-in person, and whether they
// have confirmed reading it this week (45 CFR 164.308(a)(5)(ii)(A)).
struct ReminderCard {
  const content::Item* reminder = nullptr;  // nullptr: no reminders loaded
  bool acknowledged = false;
};

struct DemoLogin {
  std::string name;
  std::string pin;
};

class KioskBackend {
 public:
  virtual ~KioskBackend() = default;

  virtual std::string practice_name() = 0;
  virtual std::vector<PersonCard> people() = 0;
  virtual std::vector<DemoLogin> demo_logins() = 0;  // empty unless in demo mode
  // Curriculum files that failed to load, as "file:line: message".
  virtual std::vector<std::string> content_errors() = 0;
  virtual const content::Catalog& catalog() = 0;
  // The version of a module or policy people are trained on today: the
  // newest in force, from its file's effective date or the day the Security
  // Official published it here; and that day.
  struct InForce {
    const content::Item* item = nullptr;
    std::optional<Date> since;
  };
  virtual InForce in_force(content::Kind kind, const std::string& id) = 0;

  virtual Result<SignInResult> sign_in(const std::string& person_id, const std::string& pin) = 0;
  virtual std::optional<PersonCard> signed_in() = 0;
  // automatic: AutoLogoff (inactivity) rather than SignOut.
  virtual Status sign_out(bool automatic) = 0;

  virtual std::vector<Task> tasks() = 0;  // for the signed-in person
  virtual Status save_progress(const std::string& module_id, int page) = 0;
  virtual Status complete_module(const std::string& module_id) = 0;
  virtual Status record_quiz(const std::string& quiz_id, const std::vector<int>& answers,
                             int score_percent, bool passed) = 0;
  virtual Status attest_policy(const std::string& policy_id, const std::string& typed_name,
                               const std::vector<std::vector<std::pair<int, int>>>& strokes) = 0;
  virtual Status report_incident(const std::string& what, const std::string& when,
                                 const std::string& where, const std::string& name) = 0;
  virtual ReminderCard weekly_reminder() = 0;
  virtual Status acknowledge_reminder(const std::string& reminder_id) = 0;

  virtual Timestamp now() = 0;
  virtual SyncIndicator sync_indicator() { return {}; }
  // Enrollment needs the office server; without one there is no code.
  virtual bool can_enroll() { return false; }
  virtual void start_enrollment(const std::string& code, const std::string& pin) {
    (void)code;
    (void)pin;
  }
  virtual Enrollment enrollment() { return {}; }
  virtual void reset_enrollment() {}
  // Admin mode for the Security Official; nullptr hides it.
  virtual AdminBackend* admin() { return nullptr; }
};

}  // namespace attest::ui
