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
