// Time as the records see it: UTC milliseconds since the Unix epoch plus the
// device's local offset in minutes, and calendar dates for due and
// retain-until rules. The Clock interface lets tests fix "now".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace attest {

struct Timestamp {
  int64_t utc_ms = 0;
  int32_t offset_minutes = 0;  // local time = utc + offset
  bool operator==(const Timestamp&) const = default;
};

// A calendar date, counted as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;
  auto operator<=>(const Date&) const = default;
};

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};

Date date_from_civil(CivilDate c);
CivilDate civil_from_date(Date d);
Date date_of(int64_t utc_ms);
// The date on the device's wall calendar at `t` (UTC plus its offset).
Date local_date(const Timestamp& t);
// Same day and month, `years` later; 29 February becomes 28 February.
Date add_years(Date d, int years);
Date add_days(Date d, int days);

std::string format_date(Date d);                 // 2026-11-23
Result<Date> parse_date(std::string_view text);  // strict YYYY-MM-DD
// 2026-11-23T10:42:05.123Z, or with the local offset: 2026-11-23T11:42:05+01:00
std::string format_utc(int64_t utc_ms);
std::string format_local(const Timestamp& t);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// The real clock: system time and the local time zone's current offset.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that says what it is told; for tests and replay.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp t) : t_(t) {}
  Timestamp now() const override { return t_; }
  void set(Timestamp t) { t_ = t; }
  void advance_ms(int64_t ms) { t_.utc_ms += ms; }

 private:
  Timestamp t_;
};

}  // namespace attest
