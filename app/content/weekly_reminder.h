// This week's security reminder (45 CFR 164.308(a)(5)(ii)(A)). The
// reminders take turns a week at a time, in id order, so everyone at the
// practice is shown the same one all week and is asked to confirm it once.
#pragma once

#include "base/time.h"
#include "content/content.h"

namespace attest::content {

struct WeeklyReminder {
  const Item* item = nullptr;  // newest version; nullptr when there are no reminders
  Date week_start;             // the Monday this reminder's week began
};

// Weeks start on Monday, in the practice's local calendar.
WeeklyReminder weekly_reminder(const Catalog& catalog, Date today);

}  // namespace attest::content
