#include <doctest/doctest.h>

#include "core/sign_in_policy.h"

using namespace attest::core;

TEST_CASE("five wrong PINs lock the person, for longer each time") {
  PinState s;
  int64_t now = 1'000'000;
  for (int i = 0; i < 4; ++i) {
    s = after_wrong_pin(s, now);
    CHECK(seconds_locked(s, now) == 0);
    CHECK(tries_left(s) == 4 - i);
  }
  s = after_wrong_pin(s, now);
  CHECK(seconds_locked(s, now) == 60);
  CHECK(s.lockouts == 1);
  // Tries while locked change nothing.
  PinState again = after_wrong_pin(s, now + 10'000);
  CHECK(again.locked_until_ms == s.locked_until_ms);
  CHECK(again.failures == s.failures);
  // After the lock, five more wrong PINs lock for 4 minutes.
  now += 61'000;
  CHECK(seconds_locked(s, now) == 0);
  for (int i = 0; i < 5; ++i) s = after_wrong_pin(s, now);
  CHECK(seconds_locked(s, now) == 240);
  CHECK(lockout_seconds(3) == 960);
  CHECK(lockout_seconds(4) == 3600);
  CHECK(lockout_seconds(9) == 3600);
}

TEST_CASE("a correct PIN clears the counters") {
  PinState s;
  for (int i = 0; i < 3; ++i) s = after_wrong_pin(s, 0);
  s = after_sign_in(s);
  CHECK(s.failures == 0);
  CHECK(s.lockouts == 0);
  CHECK(tries_left(s) == kPinTriesBeforeLockout);
}

TEST_CASE("guessable PINs: repeats, runs up or down, and years") {
  for (const char* pin : {"0000", "1111", "1234", "3456", "9876", "543210", "1987", "2024", "7"}) {
    CHECK_MESSAGE(guessable_pin(pin), pin);
  }
  for (const char* pin : {"2580", "2468", "9753", "1357", "8642", "135790", "2100", "1800"}) {
    CHECK_FALSE_MESSAGE(guessable_pin(pin), pin);
  }
}
