// The helpers admin pages share (admin_page.h).
#include <cstdio>

#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

void fact_row(Ui& ui, std::string_view label, std::string_view value, ImU32 value_color) {
  // Side by side needs room for a label column and a value that reads as a
  // line, not a word per line; a phone stacks them.
  const float label_w = ui.px(280);
  const float x = ui.content_x();
  if (ui.content_width() >= label_w + ui.px(300)) {
    const float y = ImGui::GetCursorPosY();
    ImGui::PushTextWrapPos(x + label_w - ui.grid());
    ui.text(label, color::kTextSecondary);
    ImGui::PopTextWrapPos();
    const float after_label = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x + label_w, y));
    ui.text(value, value_color);
    ImGui::SetCursorPosY(std::max(after_label, ImGui::GetCursorPosY()));
  } else {
    ui.text(label, color::kTextSecondary, ui.fonts().small);
    ui.text(value, value_color);
  }
  ui.spacer(1);
}

std::string time_ago(int64_t ms) {
  const int64_t minutes = ms / 60000;
  if (minutes < 1) return "just now";
  if (minutes < 60) return std::to_string(minutes) + (minutes == 1 ? " minute ago" : " minutes ago");
  const int64_t hours = minutes / 60;
  if (hours < 48) return std::to_string(hours) + (hours == 1 ? " hour ago" : " hours ago");
  return std::to_string(hours / 24) + " days ago";
}

std::string when_text(int64_t utc_ms, const Timestamp& now) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t offset = int64_t(now.offset_minutes) * 60000;
  const Date day = date_of(utc_ms + offset), today = date_of(now.utc_ms + offset);
  std::string on;
  if (day.days == today.days) {
    on = "Today";
  } else if (day.days + 1 == today.days) {
    on = "Yesterday";
  } else {
    const CivilDate c = civil_from_date(day);
    on = std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
  }
  return on + " at " + clock_time(Timestamp{utc_ms, now.offset_minutes}) + " (" +
         time_ago(std::max<int64_t>(0, now.utc_ms - utc_ms)) + ")";
}

std::string thousands(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string records_text(uint64_t n) { return thousands(n) + (n == 1 ? " record" : " records"); }

}  // namespace attest::ui
