#include "core/event.h"

#include <algorithm>

namespace attest::core {

namespace {

constexpr std::string_view kKindNames[kEventKindCount] = {
    "ModuleCompleted",      "QuizAttempt",    "PolicyAttested",
    "IncidentReported",     "IncidentReviewed", "PolicyReviewed",
    "ReminderAcknowledged", "SignIn",         "SignInFailed",
    "SignOut",              "AutoLogoff",     "RosterChanged",
    "SecurityOfficialDesignated", "PrivacyOfficialDesignated",
    "PolicyPublished",      "DeviceEnrolled",
};

constexpr std::string_view kSignDomain = "attest/event/v1";
constexpr std::string_view kLinkDomain = "attest/link/v1";

}  // namespace

std::string_view event_kind_name(EventKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<EventKind> event_kind_from_name(std::string_view name) {
  for (int i = 0; i < kEventKindCount; ++i) {
    if (kKindNames[i] == name) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

Sha256 event_hash(ByteView canonical_header, ByteView sealed_body) {
  crypto::Sha256Stream s;
  s.update(canonical_header);
  s.update(sealed_body);
  return s.finish();
}

Bytes signing_message(const Sha256& hash) {
  Bytes m = to_bytes(kSignDomain);
  put_bytes(m, hash);
  return m;
}

Sha256 link_hash(const Sha256& hash, const Signature& signature) {
  Bytes m = to_bytes(kLinkDomain);
  put_bytes(m, hash);
  put_bytes(m, signature);
  return crypto::sha256(m);
}

Date retain_until(Date created, std::optional<Date> effective) {
  Date from = effective && *effective > created ? *effective : created;
  return add_years(from, 6);
}

}  // namespace attest::core
