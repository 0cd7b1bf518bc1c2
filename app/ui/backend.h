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

struct PersonCard {
  std::string id;
  std::string name;
  std::string role;
  int locked_seconds = 0;  // > 0 while locked out after wrong PINs
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
};

}  // namespace attest::ui
