// Log-in monitoring rules for the kiosk's PIN sign-in (45 CFR
// 164.308(a)(5)(ii)(C)): five wrong PINs in a row lock that person out, for
// longer each time (1, 4, 16, then 60 minutes), until a correct PIN.
// Every failure is also a SignInFailed event; this is only the counter.
#pragma once

#include <cstdint>
#include <string_view>

namespace attest::core {

inline constexpr int kPinTriesBeforeLockout = 5;

struct PinState {
  int failures = 0;             // wrong PINs since the last success or lockout
  int64_t locked_until_ms = 0;  // UTC ms; 0 when not locked
  int lockouts = 0;             // lockouts since the last success
};

int lockout_seconds(int lockout_number);  // 1st lockout = 1
int seconds_locked(const PinState& s, int64_t now_ms);
PinState after_wrong_pin(PinState s, int64_t now_ms);
PinState after_sign_in(PinState s);
// Wrong PINs left before the next lockout.
int tries_left(const PinState& s);

// True for PINs anyone would guess first: one digit repeated, or a run up
// or down (1234, 9876), or 4 digits that are a year from 1900 to 2099.
// Enrollment refuses them.
bool guessable_pin(std::string_view pin);

}  // namespace attest::core
