// What admin mode's record pages show (dashboard, overdue, people,
// designations) and what they ask for (roster changes, a designation, an
// export). The kiosk builds a snapshot of its records off the UI thread
// while admin mode is open; the pages only render it. Figures come from the
// same code as the printed reports (report/training_status.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"

namespace attest::ui {

// One module or policy across the active roster, as the compliance
// matrix's "Completion by module and policy" table has it.
struct ItemProgress {
  std::string title;
  bool policy = false;
  int version = 1;
  int assigned = 0, done = 0, due = 0, overdue = 0;
  int percent = -1;  // done of assigned, rounded half up; -1: assigned to nobody
};

struct OverdueLine {
  std::string person_id;
  std::string person_name;
  std::string role;
  std::string item_title;
  bool policy = false;
  int version = 1;
  Date due;
  int days_overdue = 0;
  std::string reason;  // "never completed", "refresher lapsed", "new policy version"
};

enum class ItemState { kNotAssigned, kDone, kDue, kOverdue };

// Where one person stands on one module or policy.
struct PersonItem {
  std::string title;
  bool policy = false;
  int version = 1;
  ItemState state = ItemState::kNotAssigned;
  std::optional<Date> due;
  std::optional<Date> last_done;
  int days_overdue = 0;
  bool new_version = false;  // a policy changed since they last signed it
};

// Something a person completed: a module, or a policy version they signed.
struct CompletedLine {
  Date on;
  std::string title;
  bool policy = false;
  int version = 1;
};

struct RosterPerson {
  std::string id;
  std::string name;
  std::string role;
  Date hired;
  bool active = true;
  bool has_pin = true;
  int assigned = 0, done = 0, due = 0, overdue = 0;
  std::vector<PersonItem> items;           // teaching order
  std::vector<CompletedLine> completed;    // newest first
};

struct DesignationLine {
  bool security = true;  // else the Privacy Official
  std::string person_id;
  std::string name;
  std::string effective;  // YYYY-MM-DD as recorded
  std::string duties;
  std::string designated_by;
  int64_t recorded_utc_ms = 0;
  bool current = false;  // the newest of its role; older ones are superseded
  bool drawn = false;    // a signature was drawn
};

// A review of an incident (an IncidentReviewed record), as recorded.
struct IncidentReviewLine {
  int64_t recorded_utc_ms = 0;
  std::string reviewer_name;
  std::string response;
  std::optional<bool> notification_required;  // the breach-notification determination
  std::string reasoning;                      // of the risk assessment
  bool closed = false;
};

// An incident reported at this kiosk, with every review of it.
struct IncidentLine {
  enum class Status { kOpen, kInReview, kClosed };  // as the incident log says
  std::string event_id;  // hex: what a review refers to
  int64_t reported_utc_ms = 0;
  std::string reporter;  // their name, or "anonymous"
  std::string what, when, where;
  Status status = Status::kOpen;  // the last review decides
  std::vector<IncidentReviewLine> reviews;  // in the order recorded
};

// One week of the security reminders (45 CFR 164.308(a)(5)(ii)(A)).
struct ReminderWeek {
  Date week_start;  // its Monday
  std::string id;
  std::string title;
  std::string cfr;       // the regulation it serves
  std::string markdown;  // this week's only: its text
};

// A PolicyPublished or PolicyReviewed record of this kiosk's, as recorded.
struct PolicyActionLine {
  bool published = true;  // else reviewed without change
  int version = 1;
  std::string effective;  // YYYY-MM-DD as recorded
  std::string note;
  std::string by_name;
  int64_t recorded_utc_ms = 0;
};

// One version of a policy in this kiosk's content, other than the one in force.
struct PolicyVersionLine {
  int version = 1;
  Date from;               // in force from: its file's date, or the one published
  bool published = false;  // a PolicyPublished record of this kiosk's gives `from`
};

// A policy: the version in force now and since when, the newer versions
// in the content (not in force yet), and what was recorded about it here.
struct PolicyLine {
  std::string id;
  std::string title;
  int version = 1;  // in force
  Date since;
  bool published = false;              // `since` is from a PolicyPublished record
  int versions = 1;                    // in the content, the one in force included
  std::vector<PolicyVersionLine> newer;  // oldest first
  // Versions that may be published: newer than the one in force, or the
  // one in force when it is not the first and was never published here.
  std::vector<int> publishable;
  std::vector<PolicyActionLine> actions;  // newest first
};

struct AdminRecords {
  bool paired = false;  // the office server keeps the roster
  Date as_of;
  std::vector<ItemProgress> items;  // modules, then policies, in teaching order
  int overdue_people = 0;
  std::vector<OverdueLine> overdue;   // most days overdue first
  std::vector<RosterPerson> people;   // active first, then by name
  int incidents_reported = 0;
  int incidents_open = 0;             // not closed by a review recorded here
  std::vector<IncidentLine> incidents;  // newest first
  std::vector<DesignationLine> designations;  // newest first
  std::vector<ReminderWeek> reminder_weeks;   // this week, then the next 7
  int reminder_confirmed = 0;  // active people who confirmed this week's reminder
  int reminder_people = 0;     // of this many active people
  std::vector<PolicyLine> policies;  // in teaching order
  std::vector<std::string> roles;    // for pickers: "front-desk", ...
};

struct RecordsView {
  // The newest finished snapshot; null until the first one is built.
  std::shared_ptr<const AdminRecords> records;
  bool updating = false;  // a newer one is being built
  std::string problem;    // the last build failed: why, in plain words
};

struct NewPerson {
  std::string name;
  std::string role;
  Date hired;
  std::string pin;  // chosen by the person, entered twice; wiped after use
};

struct NewDesignation {
  bool security = true;
  std::string person_id;
  Date effective;
  std::string duties;
  std::string designated_by;  // the signer's typed name
  std::vector<std::vector<std::pair<int, int>>> strokes;  // the signer's drawn signature
};

// A review of an incident, recorded as an IncidentReviewed event.
struct NewIncidentReview {
  std::string incident_id;  // IncidentLine::event_id
  std::string response;     // what was done
  bool notification_required = false;  // breach notification (45 CFR 164.402)
  std::string reasoning;    // the risk assessment behind that
  bool closed = false;
  std::string reviewer_name;  // typed
};

// A policy version published (in force from `effective`; everyone it covers
// attests to it again) or the one in force reviewed without change: a
// PolicyPublished or PolicyReviewed event, as `attest policy` records them.
struct NewPolicyAction {
  bool publish = true;
  std::string policy_id;
  int version = 1;
  Date effective;    // publish only
  std::string note;
  std::string by_name;  // typed
};

// Where an export may be written.
struct ExportTarget {
  std::string folder;  // the files go in a new folder inside this one
  std::string label;   // "This kiosk's data folder", "USB drive KINGSTON"
  bool removable = false;
};

// What can be exported: every report, or the evidence bundle for an
// auditor (the signed records, keys, curriculum and reports of a period,
// which `attest verify-bundle` checks offline).
enum class ExportKind { kReports, kBundle };

// The days an evidence bundle covers, both included.
struct ExportPeriod {
  Date from;
  Date to;
};

struct ExportJob {
  enum class State { kIdle, kWorking, kDone, kFailed };
  State state = State::kIdle;
  ExportKind kind = ExportKind::kReports;
  ExportPeriod period;  // kBundle
  int written = 0;     // files so far ...
  int total = 0;       // ... of this many (0 while the records are read)
  std::string folder;  // where the files are going
  std::string message;  // failed: what went wrong, plain words
};

}  // namespace attest::ui
