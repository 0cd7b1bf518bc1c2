#include "report/ledger.h"

#include <algorithm>

namespace attest::report {

using core::EventKind;
using nlohmann::json;

std::string short_device(const crypto::DeviceId& device) {
  return hex_encode(ByteView(device.data(), 4));
}

std::string ref_text(const EventRef& r) {
  return short_device(r.device) + " #" + std::to_string(r.seq);
}

namespace {

std::string text_field(const json& f, const char* key) {
  auto it = f.find(key);
  return it != f.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<bool> bool_field(const json& f, const char* key) {
  auto it = f.find(key);
  if (it == f.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::optional<int> int_field(const json& f, const char* key) {
  auto it = f.find(key);
  if (it == f.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

}  // namespace

Strokes strokes_from_json(const json& j) {
  Strokes out;
  if (!j.is_array()) return out;
  for (const auto& stroke : j) {
    if (!stroke.is_array()) return {};
    std::vector<std::pair<int, int>> pts;
    for (const auto& p : stroke) {
      if (!p.is_array() || p.size() != 2 || !p[0].is_number_integer() ||
          !p[1].is_number_integer()) {
        return {};
      }
      pts.emplace_back(p[0].get<int>(), p[1].get<int>());
    }
    if (!pts.empty()) out.strokes.push_back(std::move(pts));
  }
  return out;
}

bool Ledger::wants_body(EventKind kind) {
  switch (kind) {
    case EventKind::kRosterChanged:
    case EventKind::kPolicyAttested:
    case EventKind::kQuizAttempt:
    case EventKind::kIncidentReported:
    case EventKind::kIncidentReviewed:
    case EventKind::kSecurityOfficialDesignated:
    case EventKind::kPrivacyOfficialDesignated:
    case EventKind::kPolicyPublished:
    case EventKind::kPolicyReviewed:
    case EventKind::kSignInFailed:
      return true;
    default:
      return false;
  }
}

namespace {

void apply_roster_change(RosterEntry& e, const RosterChange& c) {
  if (!c.name.empty()) e.person.name = c.name;
  if (!c.role.empty()) e.person.role = c.role;
  if (c.hired) e.person.hired = *c.hired;
  if (c.active) {
    e.person.active = *c.active;
  } else if (c.change == "deactivated") {
    e.person.active = false;
  } else if (c.change == "added" || c.change == "reactivated") {
    e.person.active = true;
  }
}

bool applied_before(const RosterChange& a, const RosterChange& b) {
  if (a.time.utc_ms != b.time.utc_ms) return a.time.utc_ms < b.time.utc_ms;
  return a.at < b.at;
}

}  // namespace

void Ledger::add_roster_change(const core::EventHeader& h, const EventRef& at, const json& f) {
  RosterChange c{h.time, at, text_field(f, "change"), text_field(f, "name"), text_field(f, "role"),
                 {}, bool_field(f, "active")};
  if (auto hired = parse_date(text_field(f, "hired")); hired.ok()) c.hired = *hired;
  RosterEntry& e = roster_[h.person_id];
  e.person.id = h.person_id;
  // Each device's changes come in order, but another device's may come
  // later and be older: the change made last wins, not the device read last.
  auto pos = std::upper_bound(e.changes.begin(), e.changes.end(), c, applied_before);
  const bool newest = pos == e.changes.end();
  e.changes.insert(pos, std::move(c));
  if (newest) {
    apply_roster_change(e, e.changes.back());
    return;
  }
  e.person = core::Person{};
  e.person.id = h.person_id;
  for (const RosterChange& each : e.changes) apply_roster_change(e, each);
}

void Ledger::add(const core::EventHeader& h, const json* body) {
  if (options_.until && local_date(h.time) > *options_.until) return;
  const EventRef at{h.device_id, h.seq};
  ++events_;
  kinds_[static_cast<size_t>(h.kind)]++;
  DeviceHead& dev = devices_[h.device_id];
  dev.events++;
  if (h.seq >= dev.last_seq) {
    dev.last_seq = h.seq;
    dev.last_time = h.time;
  }
  if (options_.retention_as_of && h.retain_until < *options_.retention_as_of) {
    past_retention_.push_back({at, h.kind, h.time, h.retain_until});
  }
  const bool opened = body && body->is_object();
  if (opens_body(h.kind) && !opened) ++sealed_;
  static const json kEmpty = json::object();
  const json& f = opened ? *body : kEmpty;
  const bool before_period = options_.since && local_date(h.time) < *options_.since;

  switch (h.kind) {
    case EventKind::kRosterChanged:
      // Without the body there is nothing to learn but that the id exists.
      if (!h.person_id.empty()) add_roster_change(h, at, f);
      break;
    case EventKind::kModuleCompleted:
      if (auto c = core::completion_of(h)) {
        completions_.push_back({std::move(*c), h.time, h.subject.content_sha256, at});
      }
      break;
    case EventKind::kPolicyAttested: {
      if (auto c = core::completion_of(h)) {
        completions_.push_back({std::move(*c), h.time, h.subject.content_sha256, at});
      }
      AttestationRecord a{h.person_id, h.subject.id, h.subject.version, h.subject.content_sha256,
                          h.time, at, opened, text_field(f, "typed_name"),
                          text_field(f, "consent"), {}};
      if (opened) {
        if (auto it = f.find("signature_strokes"); it != f.end()) a.signature = strokes_from_json(*it);
      }
      attestations_.push_back(std::move(a));
      break;
    }
    case EventKind::kQuizAttempt:
      if (before_period) break;
      quizzes_.push_back({h.person_id, h.subject.id, h.subject.version, h.subject.content_sha256, h.time, at,
                          int_field(f, "score_percent"), bool_field(f, "passed")});
      break;
    case EventKind::kIncidentReported:
      incidents_.push_back({h.event_id, before_period, h.time, at, h.person_id, opened, text_field(f, "what"),
                            text_field(f, "when"), text_field(f, "where"),
                            text_field(f, "reporter_name")});
      break;
    case EventKind::kIncidentReviewed:
      if (h.refers_to) {
        reviews_.push_back({*h.refers_to, before_period, h.time, at, h.person_id, opened,
                            text_field(f, "reviewer_name"), text_field(f, "response"),
                            bool_field(f, "notification_required"), text_field(f, "reasoning"),
                            bool_field(f, "closed").value_or(false)});
      }
      break;
    case EventKind::kSignIn:
    case EventKind::kSignInFailed:
    case EventKind::kSignOut:
    case EventKind::kAutoLogoff: {
      if (before_period) break;
      SignInCounts& c = sign_ins_[{h.person_id, h.device_id}];
      if (h.kind == EventKind::kSignIn) c.sign_ins++;
      if (h.kind == EventKind::kSignOut) c.sign_outs++;
      if (h.kind == EventKind::kAutoLogoff) c.auto_logoffs++;
      if (h.kind == EventKind::kSignInFailed) {
        c.failures++;
        if (int_field(f, "locked_seconds").value_or(0) > 0) c.lockouts++;
      }
      c.last = h.time;
      break;
    }
    case EventKind::kSecurityOfficialDesignated:
    case EventKind::kPrivacyOfficialDesignated: {
      DesignationRecord d{h.kind == EventKind::kSecurityOfficialDesignated ? OfficialRole::kSecurity
                                                                            : OfficialRole::kPrivacy,
                          h.person_id, h.time, at, opened, text_field(f, "name"),
                          text_field(f, "effective"), text_field(f, "duties"),
                          text_field(f, "designated_by"), {}};
      if (auto it = f.find("signature_strokes"); it != f.end()) d.signature = strokes_from_json(*it);
      designations_.push_back(std::move(d));
      break;
    }
    case EventKind::kPolicyPublished:
    case EventKind::kPolicyReviewed:
      policy_actions_.push_back({h.kind == EventKind::kPolicyPublished, h.subject.id,
                                 h.subject.version, h.subject.content_sha256, h.time, at,
                                 h.person_id, opened, text_field(f, "title"),
                                 text_field(f, "effective"), text_field(f, "note"),
                                 text_field(f, "by_name")});
      break;
    case EventKind::kReminderAcknowledged:
      if (before_period) break;
      reminder_acks_.push_back({h.person_id, h.subject.id, h.subject.version, h.time, at});
      break;
    case EventKind::kDeviceEnrolled:
      break;
  }
}

std::map<EventKind, uint64_t> Ledger::kind_counts() const {
  std::map<EventKind, uint64_t> out;
  for (size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i]) out[static_cast<EventKind>(i)] = kinds_[i];
  }
  return out;
}

std::string Ledger::name_of(const std::string& person_id) const {
  auto it = roster_.find(person_id);
  if (it != roster_.end() && !it->second.person.name.empty()) return it->second.person.name;
  return person_id;
}

void Ledger::add_unread(const crypto::DeviceId& device, const DeviceHead& head) {
  DeviceHead& dev = devices_[device];
  if (head.events > dev.events) events_ += head.events - dev.events;
  if (head.last_seq >= dev.last_seq) dev = head;
}

std::vector<core::Completion> Ledger::due_completions() const {
  std::vector<core::Completion> out;
  out.reserve(completions_.size());
  for (const auto& c : completions_) out.push_back(c.completion);
  return out;
}

}  // namespace attest::report
