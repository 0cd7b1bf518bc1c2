#include <doctest/doctest.h>

#include "base/time.h"

using namespace attest;

TEST_CASE("civil dates round-trip") {
  CHECK(date_from_civil({1970, 1, 1}).days == 0);
  CHECK(date_from_civil({2000, 3, 1}).days == 11017);
  for (int d = -1000; d < 30000; d += 17) {
    Date x{d};
    CHECK(date_from_civil(civil_from_date(x)) == x);
  }
}

TEST_CASE("six years on, leap days fall back to 28 February") {
  auto d = parse_date("2024-02-29");
  REQUIRE(d.ok());
  CHECK(format_date(add_years(*d, 6)) == "2030-02-28");
  CHECK(format_date(add_years(*parse_date("2026-11-23"), 6)) == "2032-11-23");
}

TEST_CASE("dates are parsed strictly") {
  CHECK(parse_date("2026-02-28").ok());
  CHECK_FALSE(parse_date("2026-02-29").ok());
  CHECK_FALSE(parse_date("2026-13-01").ok());
  CHECK_FALSE(parse_date("2026-1-01").ok());
  CHECK_FALSE(parse_date("26-01-01xx").ok());
  CHECK_FALSE(parse_date("2026/01/01").ok());
  auto bad = parse_date("tomorrow");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("tomorrow") != std::string::npos);
}

TEST_CASE("timestamps format in UTC and local time") {
  // 2026-11-23 10:42:05.123 UTC
  int64_t ms = int64_t(date_from_civil({2026, 11, 23}).days) * 86400000 + (10 * 3600 + 42 * 60 + 5) * 1000 + 123;
  CHECK(format_utc(ms) == "2026-11-23T10:42:05.123Z");
  CHECK(format_local({ms, 60}) == "2026-11-23T11:42:05+01:00");
  CHECK(format_local({ms, -330}) == "2026-11-23T05:12:05-05:30");
  CHECK(format_date(date_of(-1)) == "1969-12-31");
}
