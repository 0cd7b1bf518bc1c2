// What the server sends down to a kiosk
// (GET /v1/down?roster=V&seen=DEVICE:SEQ,DEVICE:SEQ): the roster with PIN
// verifiers when it changed since version V, so staff can sign in at any
// kiosk; the completions other kiosks recorded past each device's seq this
// kiosk has seen, so training done at one kiosk shows as done at all of
// them; the policy versions published at the office PC and the day each is
// in force from, so staff sign the version in force; and a receipt for where the server's copy of this kiosk's chain
// ends (as GET /v1/chain gives it), so a sync with nothing to send is one
// request. Positions are (device, seq), which name immutable events, so they
// stay right when the server is restored from a backup and refilled.
// The body is JSON; the server signs
//   "attest/down/v1" || device id || request nonce || SHA-256(body)
// and sends the signature in Attest-Server-Signature. Binding the request's
// nonce means an old answer cannot be replayed to roll a kiosk back.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/hash.h"
#include "crypto/sign.h"
#include "sync/protocol/receipt.h"
#include "sync/protocol/request_auth.h"

namespace attest::sync {

struct RosterEntry {
  std::string person_id;
  std::string name;
  std::string role;
  std::string hired;  // YYYY-MM-DD
  bool active = true;
  std::string pin_verifier;  // Argon2id string; empty until the person chose a PIN
  bool operator==(const RosterEntry&) const = default;
};

struct CompletionEntry {
  std::string person_id;
  std::string kind;  // event kind name: ModuleCompleted, QuizAttempt, PolicyAttested
  std::string item_id;
  std::string version;
  int64_t utc_ms = 0;
  int32_t offset_minutes = 0;
  bool operator==(const CompletionEntry&) const = default;
};

// A policy version published at the office PC, and the day it is in force
// from (YYYY-MM-DD).
struct PublishedEntry {
  std::string policy_id;
  std::string version;
  std::string effective;
  bool operator==(const PublishedEntry&) const = default;
};

struct DownPayload {
  std::string practice_name;
  uint64_t roster_version = 0;  // send back as roster=
  bool roster_changed = false;  // then `roster` is the whole roster
  std::vector<RosterEntry> roster;
  // Each device's seq the completions below reach (hex id -> seq); send
  // back as seen=.
  std::map<std::string, uint64_t> positions;
  bool more = false;  // more completions wait past these positions
  std::vector<CompletionEntry> completions;
  std::optional<Receipt> chain;  // absent from servers older than it
  // Every publication the server keeps (a few); absent from older servers.
  std::vector<PublishedEntry> published;
};

inline constexpr size_t kMaxCompletionsPerDown = 20000;

std::string encode_down(const DownPayload& p);
// The seen= query value: "hexid:seq,hexid:seq", in id order.
std::string encode_positions(const std::map<std::string, uint64_t>& positions);
Result<std::map<std::string, uint64_t>> parse_positions(std::string_view text);
Result<DownPayload> parse_down(std::string_view body);

Bytes down_signing_message(const crypto::DeviceId& device, const Nonce& request_nonce,
                           ByteView body);

}  // namespace attest::sync
