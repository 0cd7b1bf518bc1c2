// Turns what happened (a draft) into a signed, sealed event at the next
// position of a device's chain.
#pragma once

#include <nlohmann/json.hpp>

#include "base/random.h"
#include "core/event.h"
#include "crypto/device_key.h"
#include "crypto/seal.h"

namespace attest::core {

struct EventDraft {
  EventKind kind = EventKind::kSignIn;
  std::string person_id;
  Subject subject;
  std::optional<Date> subject_effective;  // for retain-until
  nlohmann::json body_fields = nlohmann::json::object();
  std::optional<EventId> refers_to;
};

// Where the next event goes: its seq and the link of the event before it.
struct ChainPosition {
  uint64_t next_seq = 1;
  Sha256 prev_link{};
};

struct BuildContext {
  const crypto::DeviceKey& device;
  const crypto::BoxPublicKey& practice_key;
  const Clock& clock;
  Random& rng;
  std::string_view app_version;
};

SignedEvent build_event(const EventDraft& draft, const ChainPosition& at, const BuildContext& ctx);

// Signs a header whose body is already sealed (used by fixed test vectors
// and by build_event).
SignedEvent sign_event(EventHeader header, Bytes sealed_body, const crypto::SigningKey& key);

}  // namespace attest::core
