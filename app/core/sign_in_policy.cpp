#include "core/sign_in_policy.h"

#include <algorithm>

namespace attest::core {

int lockout_seconds(int lockout_number) {
  int n = std::max(1, lockout_number);
  int64_t s = 60;
  for (int i = 1; i < n && s < 3600; ++i) s *= 4;
  return int(std::min<int64_t>(s, 3600));
}

int seconds_locked(const PinState& s, int64_t now_ms) {
  if (s.locked_until_ms <= now_ms) return 0;
  return int((s.locked_until_ms - now_ms + 999) / 1000);
}

PinState after_wrong_pin(PinState s, int64_t now_ms) {
  if (seconds_locked(s, now_ms) > 0) return s;  // tries while locked do not count twice
  s.failures += 1;
  if (s.failures >= kPinTriesBeforeLockout) {
    s.lockouts += 1;
    s.failures = 0;
    s.locked_until_ms = now_ms + int64_t(lockout_seconds(s.lockouts)) * 1000;
  }
  return s;
}

PinState after_sign_in(PinState) { return PinState{}; }

int tries_left(const PinState& s) { return std::max(0, kPinTriesBeforeLockout - s.failures); }

bool guessable_pin(std::string_view pin) {
  if (pin.size() < 2) return true;
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < pin.size(); ++i) {
    same = same && pin[i] == pin[0];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  const bool year = pin.size() == 4 && (pin.substr(0, 2) == "19" || pin.substr(0, 2) == "20");
  return same || up || down || year;
}

}  // namespace attest::core
