// The record model. Everything that happens is an immutable event appended
// to the device's log; a correction is a new event that refers to the old.
//
// An event is a header (authenticated, readable by the server) and a body
// sealed to the practice key (readable only by the Security Official).
//   hash      = SHA-256(canonical(header) || sealed_body)
//   signature = Ed25519(device key, "attest/event/v1" || hash)
//   link      = SHA-256("attest/link/v1" || hash || signature)
// and each header's prev_link is the link of the device's previous event.
// The link covers the signature as well as the hash, so the whole chain up
// to a signed head commits to every signature byte: verifying every link
// plus the head's signature detects any change, at hashing speed.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "crypto/hash.h"
#include "crypto/sign.h"

namespace attest::core {

using crypto::DeviceId;
using crypto::Sha256;
using crypto::Signature;
using EventId = std::array<uint8_t, 16>;

enum class EventKind {
  kModuleCompleted,
  kQuizAttempt,
  kPolicyAttested,
  kIncidentReported,
  kIncidentReviewed,
  kPolicyReviewed,
  kReminderAcknowledged,
  kSignIn,
  kSignInFailed,
  kSignOut,
  kAutoLogoff,
  kRosterChanged,
  kSecurityOfficialDesignated,
  kPrivacyOfficialDesignated,
  kPolicyPublished,
  kDeviceEnrolled,
};

inline constexpr int kEventKindCount = 16;

// A kind as one bit of a mask of kinds (which a report reads, say).
constexpr uint32_t kind_bit(EventKind k) { return uint32_t{1} << static_cast<int>(k); }

// The name is what the canonical encoding and every report carry.
std::string_view event_kind_name(EventKind kind);
std::optional<EventKind> event_kind_from_name(std::string_view name);

// What an event is about: a module, quiz or policy at one version, and the
// SHA-256 of the exact text the person saw. Empty for sign-ins and the like.
struct Subject {
  std::string id;
  std::string version;
  std::optional<Sha256> content_sha256;
  bool operator==(const Subject&) const = default;
};

struct EventHeader {
  static constexpr uint8_t kFormat = 1;
  EventId event_id{};
  DeviceId device_id{};
  uint64_t seq = 0;  // 1, 2, 3, ... per device
  Sha256 prev_link{};  // all zero for seq 1
  EventKind kind = EventKind::kSignIn;
  std::string person_id;  // empty when nobody is named (anonymous incident)
  Subject subject;
  Timestamp time;
  std::string app_version;
  Date retain_until;
  Sha256 body_digest{};  // SHA-256 of the plaintext body
  std::optional<EventId> refers_to;
  bool operator==(const EventHeader&) const = default;
};

struct SignedEvent {
  EventHeader header;
  Bytes canonical_header;  // canonical(header), kept so it is encoded once
  Bytes sealed_body;
  Sha256 hash{};
  Signature signature{};
};

Sha256 event_hash(ByteView canonical_header, ByteView sealed_body);
Bytes signing_message(const Sha256& hash);
Sha256 link_hash(const Sha256& hash, const Signature& signature);

// Six years past the later of creation and the subject's effective date
// (45 CFR 164.316(b)(2)(i)).
Date retain_until(Date created, std::optional<Date> effective);

}  // namespace attest::core
