#include "ui/date_stepper.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "ui/shapes.h"
#include "ui/ui.h"

namespace attest::ui {

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
// In the stepper, under the full date: short, so three fit across a tablet.
const char* const kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int days_in_month(int year, int month) {
  const Date first = date_from_civil({year, month, 1});
  const Date next = month == 12 ? date_from_civil({year + 1, 1, 1}) : date_from_civil({year, month + 1, 1});
  return next.days - first.days;
}

// A month or a year on, on the same day where there is one (31 March less
// a month is 28 or 29 February, not 3 March).
Date add_months(Date d, int months) {
  CivilDate c = civil_from_date(d);
  int m = c.month - 1 + months;
  c.year += m >= 0 ? m / 12 : (m - 11) / 12;
  c.month = ((m % 12) + 12) % 12 + 1;
  c.day = std::min(c.day, days_in_month(c.year, c.month));
  return date_from_civil(c);
}

}  // namespace

std::string long_date_text(Date d) {
  static const char* kDays[] = {"Thursday", "Friday", "Saturday", "Sunday",
                                "Monday",   "Tuesday", "Wednesday"};  // 1970-01-01 was a Thursday
  const CivilDate c = civil_from_date(d);
  return std::string(kDays[((d.days % 7) + 7) % 7]) + " " + std::to_string(c.day) + " " +
         kMonths[c.month - 1] + " " + std::to_string(c.year);
}

bool date_stepper(Ui& ui, const char* id, Date& date) {
  ui.text(long_date_text(date), color::kText, ui.fonts().heading);
  ui.spacer(1);
  const CivilDate c = civil_from_date(date);
  struct Part {
    const char* name;
    std::string value;
    int step;  // in days, or months for month and year
    bool months;
  };
  const Part parts[] = {{"day", std::to_string(c.day), 1, false},
                        {"month", kShortMonths[c.month - 1], 1, true},
                        {"year", std::to_string(c.year), 12, true}};
  // Three groups "[−] Day [+]" across where they fit, else one a row.
  const float key = ui.theme().target();
  const float gap = ui.grid();
  ImFont* f = ui.fonts().bold;
  const float label_w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, "Month").x + 2 * gap;
  const float min_group_w = 2 * key + label_w + 2 * gap;
  const float sep = 3 * gap;  // wider than inside a group, so the three read apart
  const bool across = 3 * min_group_w + 2 * sep <= ui.content_width();
  const float w = across ? (ui.content_width() - 2 * sep) / 3 : ui.content_width();
  bool changed = false;
  for (size_t i = 0; i < std::size(parts); ++i) {
    const Part& p = parts[i];
    if (i > 0 && across) ImGui::SameLine(0, sep);
    ImGui::BeginGroup();
    const std::string base = std::string(id) + "-" + p.name;
    const std::string earlier = "\u2212##" + base + "-earlier";
    const std::string later = "+##" + base + "-later";
    ImGui::PushFont(ui.fonts().heading);
    const bool down = ui.button(earlier.c_str(), ImVec2(key, key), Look::kSecondary);
    ImGui::PopFont();
    ImGui::SameLine(0, gap);
    // The part's name and value, centred between its buttons.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float mid_w = w - 2 * key - 2 * gap;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // A box like a field's, so the value reads as what the buttons change.
    fill_rounded(dl, at, ImVec2(at.x + mid_w, at.y + key), color::kSurface, ui.px(12),
                 color::kBorder, std::max(1.0f, ui.px(2)));
    ImFont* sf = ui.fonts().small;
    const float vw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, p.value.c_str()).x;
    const std::string label = std::string(1, char(std::toupper(p.name[0]))) + (p.name + 1);
    const float lw = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0, label.c_str()).x;
    const float top = at.y + (key - sf->FontSize - f->FontSize) / 2;
    dl->AddText(sf, sf->FontSize, ImVec2(at.x + (mid_w - lw) / 2, top), color::kTextSecondary,
                label.c_str());
    dl->AddText(f, f->FontSize, ImVec2(at.x + (mid_w - vw) / 2, top + sf->FontSize), color::kText,
                p.value.c_str());
    ImGui::Dummy(ImVec2(mid_w, key));
    ImGui::SameLine(0, gap);
    ImGui::PushFont(ui.fonts().heading);
    const bool up = ui.button(later.c_str(), ImVec2(key, key), Look::kSecondary);
    ImGui::PopFont();
    ImGui::EndGroup();
    if (!across && i + 1 < std::size(parts)) ui.spacer(1);
    if (down || up) {
      const int sign = up ? 1 : -1;
      date = p.months ? add_months(date, sign * p.step) : add_days(date, sign * p.step);
      changed = true;
    }
  }
  return changed;
}

}  // namespace attest::ui
