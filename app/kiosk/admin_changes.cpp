// What the Security Official changes in admin mode: the roster of a
// standalone kiosk, the Security and Privacy Official designations, and
// reviews of the incidents reported here, and policy versions published or
// reviewed. Each
// is a signed event; a roster change also updates the people who may sign
// in, in the event's own transaction, so the two never disagree.
#include <algorithm>
#include <cctype>

#include "core/sign_in_policy.h"
#include "crypto/pwhash.h"
#include "kiosk/admin_service.h"

namespace attest::kiosk {

namespace {

constexpr size_t kMaxName = 80;
constexpr size_t kMaxDuties = 600;
constexpr size_t kMaxReviewText = 2000;
constexpr size_t kMaxNote = 400;

// Why a paired kiosk's roster cannot change here, in plain words.
constexpr const char* kRosterIsServers =
    "This kiosk is paired with the office server, which keeps the staff list: change it there "
    "with attest roster import.";

std::string trimmed(std::string_view s) {
  const auto not_space = [](char c) { return !std::isspace(static_cast<unsigned char>(c)); };
  auto b = std::find_if(s.begin(), s.end(), not_space);
  auto e = std::find_if(s.rbegin(), s.rend(), not_space).base();
  return b < e ? std::string(b, e) : std::string();
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error invalid(std::string message) { return make_error(ErrorCode::kInvalidArgument, std::move(message)); }

}  // namespace

bool AdminService::roster_editable() { return !paired(); }

Status AdminService::change_roster(const char* change, const store::PersonRecord& p,
                                   bool clear_pin_state) {
  if (!secret_) return invalid("admin mode is closed");
  if (paired()) return make_error(ErrorCode::kUnsupported, kRosterIsServers);
  core::EventDraft d;
  d.kind = core::EventKind::kRosterChanged;
  d.person_id = p.id;
  d.body_fields = {{"change", change},
                   {"name", p.name},
                   {"role", p.role},
                   {"hired", format_date(p.hired)},
                   {"active", p.active}};
  TRY_STATUS(kiosk_.record_event(std::move(d), [&](store::Db& db) -> Status {
    TRY_STATUS(store::save_person(db, p));
    if (clear_pin_state) TRY_STATUS(store::save_pin_state(db, p.id, core::PinState{}));
    return {};
  }));
  reread_records();
  return {};
}

namespace {

// The rules the PIN pad and sign-in share: 4 to 6 digits, not guessable.
Status check_new_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 6 ||
      !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return invalid("A PIN is 4 to 6 digits.");
  }
  if (core::guessable_pin(pin)) return invalid("That PIN is too easy to guess. Choose another.");
  return {};
}

}  // namespace

Status AdminService::add_person(const ui::NewPerson& n) {
  const std::string name = trimmed(n.name);
  if (name.size() < 2 || name.size() > kMaxName) {
    return invalid("Type the person's full name (up to 80 letters).");
  }
  if (n.role.empty()) return invalid("Choose their role.");
  TRY_STATUS(check_new_pin(n.pin));
  const auto people = TRY(store::load_people(store_.db()));
  for (const auto& p : people) {
    if (lower(p.name) != lower(name)) continue;
    return invalid(p.active ? p.name + " is already on the staff list."
                            : p.name + " is on the staff list but no longer active: open "
                                       "their page and reactivate them instead.");
  }
  store::PersonRecord r;
  // Random, like the office server's: a kiosk later paired with a server
  // must not have made an id the server gives someone else.
  do {
    uint8_t b[5];
    kiosk_.rng().fill(b);
    r.id = "p-" + hex_encode(b);
  } while (TRY(store::load_person(store_.db(), r.id)).has_value());
  r.name = name;
  r.role = n.role;
  r.hired = n.hired;
  r.active = true;
  // Argon2id at the PIN cost, as sign-in checks it: a short wait, like signing in.
  r.pin_verifier = TRY(crypto::make_pin_verifier(n.pin, crypto::kdf_cost_pin()));
  return change_roster("added", r);
}

Status AdminService::change_role(const std::string& person_id, const std::string& role) {
  auto p = TRY(store::load_person(store_.db(), person_id));
  if (!p) return make_error(ErrorCode::kNotFound, "that person is not on the staff list");
  if (role.empty()) return invalid("Choose a role.");
  if (p->role == role) return {};
  p->role = role;
  return change_roster("updated", *p);
}

Status AdminService::set_active(const std::string& person_id, bool active) {
  auto p = TRY(store::load_person(store_.db(), person_id));
  if (!p) return make_error(ErrorCode::kNotFound, "that person is not on the staff list");
  if (p->active == active) return {};
  // The PIN verifier stays: reactivated, they sign in with the PIN they had.
  p->active = active;
  return change_roster(active ? "reactivated" : "deactivated", *p);
}

Status AdminService::set_pin(const std::string& person_id, const std::string& pin) {
  auto p = TRY(store::load_person(store_.db(), person_id));
  if (!p) return make_error(ErrorCode::kNotFound, "that person is not on the staff list");
  if (!p->active) return invalid(p->name + " is no longer active: reactivate them first.");
  TRY_STATUS(check_new_pin(pin));
  p->pin_verifier = TRY(crypto::make_pin_verifier(pin, crypto::kdf_cost_pin()));
  return change_roster("pin reset", *p, true);
}

Status AdminService::designate(const ui::NewDesignation& n) {
  if (!secret_) return invalid("admin mode is closed");
  auto p = TRY(store::load_person(store_.db(), n.person_id));
  if (!p || !p->active) return invalid("Choose someone on the staff list.");
  const std::string duties = trimmed(n.duties);
  const std::string by = trimmed(n.designated_by);
  if (duties.empty() || duties.size() > kMaxDuties) {
    return invalid("Say what their duties are, in a sentence or two.");
  }
  if (by.size() < 2 || by.size() > kMaxName) return invalid("Type the name of who is signing.");
  if (n.strokes.empty()) return invalid("Sign with your finger.");
  nlohmann::json strokes = nlohmann::json::array();
  for (const auto& stroke : n.strokes) {
    nlohmann::json pts = nlohmann::json::array();
    for (auto [x, y] : stroke) pts.push_back({x, y});
    strokes.push_back(pts);
  }
  core::EventDraft d;
  d.kind = n.security ? core::EventKind::kSecurityOfficialDesignated
                      : core::EventKind::kPrivacyOfficialDesignated;
  d.person_id = p->id;
  // A designation is kept six years past when it took effect, like the CLI's.
  d.subject_effective = n.effective;
  d.body_fields = {{"name", p->name},
                   {"effective", format_date(n.effective)},
                   {"duties", duties},
                   {"designated_by", by},
                   {"signature_strokes", strokes}};
  TRY_STATUS(kiosk_.record_event(std::move(d)));
  reread_records();
  return {};
}

Status AdminService::review_incident(const ui::NewIncidentReview& n) {
  if (!secret_) return invalid("admin mode is closed");
  core::EventId id{};
  const auto bytes = hex_decode(n.incident_id);
  if (!bytes.ok() || bytes->size() != id.size()) return invalid("Choose an incident to review.");
  std::copy(bytes->begin(), bytes->end(), id.begin());
  // Only an incident reported here, as the snapshot the page chose it from
  // has it: a review must refer to a real report.
  const bool found = records_ && std::any_of(records_->incidents.begin(), records_->incidents.end(),
                                             [&](const auto& i) { return i.event_id == n.incident_id; });
  if (!found) return make_error(ErrorCode::kNotFound, "that incident is not recorded on this kiosk");
  const std::string response = trimmed(n.response);
  const std::string reasoning = trimmed(n.reasoning);
  const std::string by = trimmed(n.reviewer_name);
  if (response.empty() || response.size() > kMaxReviewText) {
    return invalid("Say what was done in response.");
  }
  if (reasoning.empty() || reasoning.size() > kMaxReviewText) {
    return invalid("Say why notification is or is not required: the risk assessment.");
  }
  if (by.size() < 2 || by.size() > kMaxName) return invalid("Type the reviewer's full name.");
  core::EventDraft d;
  d.kind = core::EventKind::kIncidentReviewed;
  d.refers_to = id;
  d.body_fields = {{"response", response},
                   {"notification_required", n.notification_required},
                   {"reasoning", reasoning},
                   {"closed", n.closed},
                   {"reviewer_name", by}};
  TRY_STATUS(kiosk_.record_event(std::move(d)));
  reread_records();
  return {};
}

Status AdminService::record_policy(const ui::NewPolicyAction& n) {
  if (!secret_) return invalid("admin mode is closed");
  const content::Item* policy = nullptr;
  for (const content::Item* p : kiosk_.catalog().of_kind(content::Kind::kPolicy)) {
    if (p->id == n.policy_id && p->version == n.version) policy = p;
  }
  if (!policy) {
    return make_error(ErrorCode::kNotFound, "that policy version is not in this kiosk's content");
  }
  const std::string note = trimmed(n.note);
  const std::string by = trimmed(n.by_name);
  if (note.empty() || note.size() > kMaxNote) return invalid("Write a short note.");
  if (by.size() < 2 || by.size() > kMaxName) return invalid("Type your full name.");
  // The same records as `attest policy publish` and `attest policy review`.
  core::EventDraft d;
  d.subject = {policy->id, std::to_string(policy->version), policy->sha256};
  if (n.publish) {
    d.kind = core::EventKind::kPolicyPublished;
    d.subject_effective = n.effective;
    d.body_fields = {{"title", policy->title},
                     {"effective", format_date(n.effective)},
                     {"note", note},
                     {"by_name", by}};
  } else {
    d.kind = core::EventKind::kPolicyReviewed;
    d.subject_effective = policy->effective;
    d.body_fields = {{"title", policy->title},
                     {"effective", policy->effective ? format_date(*policy->effective) : ""},
                     {"outcome", "reviewed without change"},
                     {"note", note},
                     {"by_name", by}};
  }
  if (n.publish) {
    // Staff cannot open the record's body to learn the day, so it is kept
    // beside the record, written in its transaction.
    const store::PublishedVersion row{policy->id, std::to_string(policy->version), n.effective};
    TRY_STATUS(kiosk_.record_event(std::move(d), [&row](store::Db& db) {
      return store::save_published_version(db, row);
    }));
    kiosk_.published_versions_changed();
  } else {
    TRY_STATUS(kiosk_.record_event(std::move(d)));
  }
  reread_records();
  return {};
}

}  // namespace attest::kiosk
