#include "content/weekly_reminder.h"

namespace attest::content {

namespace {

// 1970-01-01 was a Thursday, so Monday-based weeks are counted from
// 1969-12-29. Floor division keeps dates before that right too.
int64_t week_number(Date d) {
  const int64_t days = int64_t{d.days} + 3;
  return days >= 0 ? days / 7 : (days - 6) / 7;
}

}  // namespace

WeeklyReminder weekly_reminder(const Catalog& catalog, Date today) {
  // of_kind lists every version, sorted by id then version; the newest
  // version of each id is the last of its run.
  std::vector<const Item*> newest;
  for (const Item* item : catalog.of_kind(Kind::kReminder)) {
    if (!newest.empty() && newest.back()->id == item->id) {
      newest.back() = item;
    } else {
      newest.push_back(item);
    }
  }
  const int64_t week = week_number(today);
  WeeklyReminder out;
  out.week_start = Date{static_cast<int32_t>(week * 7 - 3)};
  if (newest.empty()) return out;
  const int64_t n = static_cast<int64_t>(newest.size());
  out.item = newest[static_cast<size_t>(((week % n) + n) % n)];
  return out;
}

}  // namespace attest::content
