// A date chosen by stepping, with no typing: the date in large type, then
// a day, a month and a year, each with a button for earlier and later.
// Shared by admin mode's forms (a hire date, the date a designation takes
// effect). Scripts tap "<id>-day-earlier", "<id>-month-later" and so on.
#pragma once

#include "base/time.h"

namespace attest::ui {

class Ui;

// Returns true when the date changed.
bool date_stepper(Ui& ui, const char* id, Date& date);

// "Monday 23 November 2026".
std::string long_date_text(Date d);

}  // namespace attest::ui
