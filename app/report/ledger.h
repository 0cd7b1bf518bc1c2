// What reports know, gathered from events one at a time. The caller streams
// every event of every device (from a kiosk store, the master store or an
// evidence bundle) into add(); the ledger keeps only what reports need, so a
// million events fit in a few tens of megabytes. Nothing else goes in: the
// roster comes from RosterChanged events, designations from their events,
// and so on, so a report regenerated from the same events is the same.
//
// Bodies are the Security Official's to read. The caller opens the body of
// each event whose kind wants_body() names and passes its fields; without
// them the ledger still counts the event, and reports say what is sealed.
#pragma once

#include <array>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/assignment.h"
#include "core/event.h"
#include "report/document.h"

namespace attest::report {

// Where an event is: the device's chain and its place in it. Every report
// row names one so an auditor can find the record that backs it.
struct EventRef {
  crypto::DeviceId device{};
  uint64_t seq = 0;
  auto operator<=>(const EventRef&) const = default;
};

std::string short_device(const crypto::DeviceId& device);  // first 8 hex digits
std::string ref_text(const EventRef& r);                   // "3f2a91c0 #17"

// One RosterChanged record, as its body says.
struct RosterChange {
  Timestamp time;
  EventRef at;
  std::string change;  // "added", "updated", "deactivated", ...
  std::string name, role;
  std::optional<Date> hired;
  std::optional<bool> active;
};

struct RosterEntry {
  core::Person person;  // what the changes, applied in order, make
  // Every change, in the order applied: by time, then device and sequence
  // number, whichever device recorded it and whenever it was fed. Never
  // empty; back() is the last change.
  std::vector<RosterChange> changes;
};

struct CompletionRecord {
  core::Completion completion;
  Timestamp time;
  std::optional<crypto::Sha256> content;
  EventRef at;
};

struct AttestationRecord {
  std::string person_id;
  std::string policy_id;
  std::string version;
  std::optional<crypto::Sha256> content;
  Timestamp time;
  EventRef at;
  bool opened = false;
  std::string typed_name;
  std::string consent;
  Strokes signature;
};

struct QuizRecord {
  std::string person_id;
  std::string quiz_id;
  std::string version;
  std::optional<crypto::Sha256> content;
  Timestamp time;
  EventRef at;
  std::optional<int> score_percent;  // from the body
  std::optional<bool> passed;
};

struct IncidentReview {
  core::EventId incident{};  // the IncidentReported event it refers to
  bool before_period = false;  // dated before LedgerOptions::since
  Timestamp time;
  EventRef at;
  std::string reviewer_id;
  bool opened = false;
  std::string reviewer_name;
  std::string response;
  std::optional<bool> notification_required;
  std::string reasoning;
  bool closed = false;
};

struct IncidentRecord {
  core::EventId event_id{};
  bool before_period = false;  // dated before LedgerOptions::since
  Timestamp time;
  EventRef at;
  std::string reporter_id;  // empty: anonymous
  bool opened = false;
  std::string what, when, where, reporter_name;
};

struct SignInCounts {
  int sign_ins = 0;
  int failures = 0;
  int lockouts = 0;  // failures that started a lockout
  int sign_outs = 0;
  int auto_logoffs = 0;
  std::optional<Timestamp> last;
};

enum class OfficialRole { kSecurity, kPrivacy };

struct DesignationRecord {
  OfficialRole role = OfficialRole::kSecurity;
  std::string person_id;
  Timestamp time;
  EventRef at;
  bool opened = false;
  std::string name;
  std::string effective;  // YYYY-MM-DD as recorded
  std::string duties;
  std::string designated_by;
  Strokes signature;
};

struct PolicyAction {
  bool published = true;  // PolicyPublished; false: PolicyReviewed
  std::string policy_id;
  std::string version;
  std::optional<crypto::Sha256> content;
  Timestamp time;
  EventRef at;
  std::string person_id;
  bool opened = false;
  std::string title, effective, note, by_name;
};

struct ReminderAck {
  std::string person_id;
  std::string reminder_id;
  std::string version;
  Timestamp time;
  EventRef at;
};

struct DeviceHead {
  uint64_t events = 0;
  uint64_t last_seq = 0;
  Timestamp last_time;
};

struct RetentionRow {
  EventRef at;
  core::EventKind kind = core::EventKind::kSignIn;
  Timestamp time;
  Date retain_until;
};

struct LedgerOptions {
  // Events recorded after this local date are left out, so a report "as of"
  // an earlier date shows what was known then. Empty: everything.
  std::optional<Date> until;
  // The start of a reporting period (the evidence bundle's --from). Events
  // that happen, rather than set state, are left out of their lists when
  // dated before it: sign-in counts, quiz attempts and reminder
  // acknowledgements. Incidents and their reviews are kept, marked
  // before_period: an incident reported earlier but still open when the
  // period began, or reviewed during it, belongs in the period's log. The roster, completions,
  // attestations, designations and policy actions still count from the
  // first record, because who is trained on what today depends on them.
  // Empty: from the first record.
  std::optional<Date> since;
  // Events whose retain-until date is before this are listed for the
  // retention report. Empty: none are listed.
  std::optional<Date> retention_as_of;
  // Which kinds' bodies to open, as a mask of kind_bit(); opening a sealed
  // box costs ~40 us, so a matrix over a million events opens only the
  // roster's. Default: every kind wants_body() names.
  uint32_t body_kinds = ~uint32_t{0};
};

using core::kind_bit;

// The ledger's lists grow one record at a time to hundreds of thousands: a
// deque takes memory as it goes, where a vector would double (and for a
// moment hold both its old and its new copy).
template <typename T>
using Records = std::deque<T>;

class Ledger {
 public:
  explicit Ledger(LedgerOptions options = {}) : options_(options) {}

  // Whether any report reads this kind's body.
  static bool wants_body(core::EventKind kind);
  // Whether this ledger's reports do (the caller opens only these).
  bool opens_body(core::EventKind kind) const {
    return wants_body(kind) && (options_.body_kinds & kind_bit(kind));
  }

  // One event. `body` is the opened body's fields, or null when it is
  // sealed or not wanted. Events may come in any device order, but each
  // device's in sequence order.
  void add(const core::EventHeader& header, const nlohmann::json* body);

  // When only some kinds of a device's events were fed (a report that reads
  // a few kinds: record_kinds_for), `head` says what the device's whole
  // chain up to the report's day holds, so the counts and the newest record
  // a report names are those of every event; kind_counts() still counts
  // only what was fed. Call after the device's events.
  void add_unread(const crypto::DeviceId& device, const DeviceHead& head);

  const LedgerOptions& options() const { return options_; }
  // Everyone ever on the roster, by id.
  const std::map<std::string, RosterEntry>& roster() const { return roster_; }
  const Records<CompletionRecord>& completions() const { return completions_; }
  const Records<AttestationRecord>& attestations() const { return attestations_; }
  const Records<QuizRecord>& quizzes() const { return quizzes_; }
  const Records<IncidentRecord>& incidents() const { return incidents_; }
  // Every review, in the order recorded; a review may come from another
  // device than its incident, so the incident log joins them.
  const Records<IncidentReview>& incident_reviews() const { return reviews_; }
  // Sign-in monitoring per (person, device); person "" = the admin mode.
  const std::map<std::pair<std::string, crypto::DeviceId>, SignInCounts>& sign_ins() const {
    return sign_ins_;
  }
  const Records<DesignationRecord>& designations() const { return designations_; }
  const std::vector<PolicyAction>& policy_actions() const { return policy_actions_; }
  const Records<ReminderAck>& reminder_acks() const { return reminder_acks_; }
  const std::map<crypto::DeviceId, DeviceHead>& devices() const { return devices_; }
  const Records<RetentionRow>& past_retention() const { return past_retention_; }
  uint64_t event_count() const { return events_; }
  uint64_t sealed_count() const { return sealed_; }  // wanted bodies not opened
  std::map<core::EventKind, uint64_t> kind_counts() const;

  // The name to print for a person id: the roster name, or the id itself.
  std::string name_of(const std::string& person_id) const;
  // core::Completion of everyone, for the due rules.
  std::vector<core::Completion> due_completions() const;

 private:
  void add_roster_change(const core::EventHeader& h, const EventRef& at, const nlohmann::json& f);

  LedgerOptions options_;
  std::map<std::string, RosterEntry> roster_;
  Records<CompletionRecord> completions_;
  Records<AttestationRecord> attestations_;
  Records<QuizRecord> quizzes_;
  Records<IncidentRecord> incidents_;
  Records<IncidentReview> reviews_;
  std::map<std::pair<std::string, crypto::DeviceId>, SignInCounts> sign_ins_;
  Records<DesignationRecord> designations_;
  std::vector<PolicyAction> policy_actions_;  // few; read as a span
  Records<ReminderAck> reminder_acks_;
  std::map<crypto::DeviceId, DeviceHead> devices_;
  Records<RetentionRow> past_retention_;
  std::array<uint64_t, core::kEventKindCount> kinds_{};
  uint64_t events_ = 0;
  uint64_t sealed_ = 0;
};

// A drawn signature from a body's "signature_strokes": [[[x,y],...],...].
// Anything malformed gives an empty Strokes rather than a wrong drawing.
Strokes strokes_from_json(const nlohmann::json& j);

}  // namespace attest::report
