#include "base/time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace attest {

// Howard Hinnant's days_from_civil / civil_from_days.
Date date_from_civil(CivilDate c) {
  int y = c.year - (c.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (c.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + c.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + doe - 719468};
}

CivilDate civil_from_date(Date d) {
  int z = d.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  CivilDate c;
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  return c;
}

Date date_of(int64_t utc_ms) {
  int64_t days = utc_ms / 86400000;
  if (utc_ms < 0 && utc_ms % 86400000 != 0) --days;
  return Date{static_cast<int32_t>(days)};
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

Date local_date(const Timestamp& t) {
  return date_of(t.utc_ms + int64_t{t.offset_minutes} * 60000);
}

Date add_years(Date d, int years) {
  CivilDate c = civil_from_date(d);
  c.year += years;
  if (c.month == 2 && c.day == 29 && !is_leap(c.year)) c.day = 28;
  return date_from_civil(c);
}

Date add_days(Date d, int days) { return Date{d.days + days}; }

namespace {

// Digits by hand rather than snprintf: an evidence bundle formats two
// dates and a time for each of a million records.
char* put_digits(char* o, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    o[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return o + width;
}

}  // namespace

std::string format_date(Date d) {
  CivilDate c = civil_from_date(d);
  char buf[16];
  if (c.year < 0 || c.year > 9999) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
  }
  char* o = put_digits(buf, c.year, 4);
  *o++ = '-';
  o = put_digits(o, c.month, 2);
  *o++ = '-';
  o = put_digits(o, c.day, 2);
  return std::string(buf, o);
}

Result<Date> parse_date(std::string_view t) {
  auto bad = [&] {
    return make_error(ErrorCode::kParse,
                      "'" + std::string(t) + "' is not a date of the form YYYY-MM-DD");
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char ch = t[starts[p] + i];
      if (ch < '0' || ch > '9') return bad();
      parts[p] = parts[p] * 10 + (ch - '0');
    }
  }
  if (parts[1] < 1 || parts[1] > 12) return bad();
  if (parts[2] < 1 || parts[2] > days_in_month(parts[0], parts[1])) return bad();
  return date_from_civil({parts[0], parts[1], parts[2]});
}

static std::string format_clock(int64_t ms_of_day, bool with_ms) {
  int64_t s = ms_of_day / 1000;
  char buf[16];
  char* o = put_digits(buf, int(s / 3600), 2);
  *o++ = ':';
  o = put_digits(o, int(s / 60 % 60), 2);
  *o++ = ':';
  o = put_digits(o, int(s % 60), 2);
  if (with_ms) {
    *o++ = '.';
    o = put_digits(o, int(ms_of_day % 1000), 3);
  }
  return std::string(buf, o);
}

std::string format_utc(int64_t utc_ms) {
  Date d = date_of(utc_ms);
  int64_t in_day = utc_ms - int64_t(d.days) * 86400000;
  return format_date(d) + "T" + format_clock(in_day, true) + "Z";
}

std::string format_local(const Timestamp& t) {
  int64_t local = t.utc_ms + int64_t(t.offset_minutes) * 60000;
  Date d = date_of(local);
  int64_t in_day = local - int64_t(d.days) * 86400000;
  int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  char tz[8];
  tz[0] = t.offset_minutes < 0 ? '-' : '+';
  char* o = put_digits(tz + 1, off / 60 % 100, 2);
  *o++ = ':';
  o = put_digits(o, off % 60, 2);
  return format_date(d) + "T" + format_clock(in_day, false) + std::string(tz, o);
}

Timestamp SystemClock::now() const {
  using namespace std::chrono;
  int64_t ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&secs, &local);
  return Timestamp{ms, static_cast<int32_t>(local.tm_gmtoff / 60)};
}

}  // namespace attest
