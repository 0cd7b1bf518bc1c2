// Who must complete what, by when: the assignment and due rules. Pure: the
// caller passes the roster entry, the curriculum (only the newest version of
// each item) and the person's completions, and a fixed "today" (the kiosk's
// local date), so every report can be recomputed "as of" any date.
//
// These rules are the product's policy; reports, the kiosk's home screen and
// the auditor's compliance matrix all come from here.
//
//  1. An item is assigned to an active person whose role is listed in its
//     roles, or to every active person when its roles contain "all".
//     Inactive people have nothing assigned (kNotAssigned).
//  2. Never completed: due = max(hired, effective) + new_hire_days. A new
//     hire, or a new item for existing staff, gets the window from whichever
//     came later. kDue through the due date, kOverdue after it, with
//     days_overdue = today - due.
//  3. Policies: only an attestation of the CURRENT version counts. Someone
//     who attested an older version but not the current one is re-assigned:
//     due = max(effective of the current version, hired) + new_version_days,
//     new_version = true, last_done = the latest older attestation's date.
//     (An attestation of a version newer than the one passed in counts for
//     nothing: the caller's curriculum is stale, and we do not guess.)
//  4. Modules: completing any version counts. A new module version does not
//     force retraining; the periodic refresher does.
//  5. Refresher: when retrain_days > 0 and the item was done (per 3 and 4),
//     last on date D, the next due date is D + retrain_days; kDone while
//     today < due - due_soon_days, kDue from then through due, kOverdue
//     after. With retrain_days == 0, done is done for good (due is empty).
//  6. Completions dated after today are ignored: a kiosk whose clock was set
//     wrong must not mark someone trained.
//
// Dates are calendar dates in the practice's local time; completion_of turns
// an event's UTC time and offset into the local date it happened on.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "core/event.h"

namespace attest::core {

struct Person {
  std::string id;
  std::string name;
  std::string role;
  Date hired;
  bool active = true;
};

enum class ItemKind { kModule, kPolicy };

inline constexpr std::string_view kAllRoles = "all";

// One item of the curriculum at its newest version.
struct CurriculumItem {
  ItemKind kind = ItemKind::kModule;
  std::string id;
  int version = 1;
  std::vector<std::string> roles;  // {"all"} = everyone
  int retrain_days = 0;            // 0 = never retrain
  Date effective;                  // of this version
  std::string title;
  std::optional<int> order;        // teaching order, lowest first; none: after the rest
};

// A module completed or a policy attested, as far as the due rules care.
struct Completion {
  std::string person_id;
  ItemKind kind = ItemKind::kModule;
  std::string item_id;
  int version = 1;
  Date on;  // local calendar date
};

// ModuleCompleted -> a module completion, PolicyAttested -> a policy one.
// Every other kind, a version that is not a positive decimal integer, or a
// missing person or subject id gives nullopt.
std::optional<Completion> completion_of(const EventHeader& header);

struct AssignmentRules {
  int new_hire_days = 30;     // window for a new hire or a newly published item
  int new_version_days = 30;  // window to attest a new policy version
  int due_soon_days = 30;     // how long before a refresher it becomes due
};

// Named DueStatus, not Status: attest::Status is Result<void>.
enum class DueStatus { kNotAssigned, kDone, kDue, kOverdue };

std::string_view status_name(DueStatus s);  // "not assigned", "done", "due", "overdue"

struct Assignment {
  const CurriculumItem* item = nullptr;  // points into the caller's curriculum
  DueStatus status = DueStatus::kNotAssigned;
  std::optional<Date> due;        // empty when not assigned, or done for good
  std::optional<Date> last_done;  // latest qualifying (or, per rule 3, older) completion
  int days_overdue = 0;           // today - due when kOverdue, else 0
  bool new_version = false;       // a newer policy version than the one last attested
};

// Is `item` assigned to `person` at all (rule 1)?
bool is_assigned(const Person& person, const CurriculumItem& item);

// The status of one item for one person. Completions of other people or
// other items are skipped, so passing more than the person's own is safe.
Assignment assess(const Person& person, const CurriculumItem& item,
                  std::span<const Completion> completions, const AssignmentRules& rules,
                  Date today);

// Every item assigned to `person`, in the order to work through them:
// overdue, then due, then done; within each, the curriculum's teaching order
// (items without one after those with one), then title, then kind and id, so
// the order is stable. Teaching order beats due dates: the basics make the
// later modules easier to follow, and a new hire has everything due at once.
std::vector<Assignment> assignments_for(const Person& person,
                                        std::span<const CurriculumItem> curriculum,
                                        std::span<const Completion> completions,
                                        const AssignmentRules& rules, Date today);

}  // namespace attest::core
