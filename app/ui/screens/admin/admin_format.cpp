// The helpers admin pages share (admin_page.h).
#include <cstdio>

#include "ui/screens/admin/admin_page.h"
#include "ui/shapes.h"

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

std::string when_text(int64_t utc_ms, const Timestamp& now, bool in_sentence) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t offset = int64_t(now.offset_minutes) * 60000;
  const Date day = date_of(utc_ms + offset), today = date_of(now.utc_ms + offset);
  std::string on;
  if (day.days == today.days) {
    on = in_sentence ? "today" : "Today";
  } else if (day.days + 1 == today.days) {
    on = in_sentence ? "yesterday" : "Yesterday";
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

std::string count_text(int n, const char* one, const char* many) {
  return thousands(uint64_t(std::max(n, 0))) + " " + (n == 1 ? one : many);
}

std::string short_date(Date d) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate c = civil_from_date(d);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
}

const AdminRecords* page_records(Ui& ui, AdminContext& ctx, RecordsView& view) {
  view = ctx.admin.records();
  if (!view.problem.empty()) {
    ui.begin_card("##records-problem", color::kDangerSoft);
    ui.text(view.problem, color::kDanger, ui.fonts().bold);
    ui.end_card();
    ui.spacer(2);
  }
  if (!view.records && view.problem.empty()) {
    ui.text("Reading the records\u2026", color::kTextSecondary, ui.fonts().bold);
  }
  return view.records.get();
}

void percent_row(Ui& ui, std::string_view title, int percent, std::string_view detail) {
  const std::string figure = percent < 0 ? "n/a" : std::to_string(percent) + "%";
  ImFont* big = ui.fonts().heading;
  const float figure_w = big->CalcTextSizeA(big->FontSize, FLT_MAX, 0, "100%").x;
  const float x = ui.content_x(), w = ui.content_width();
  const float y = ImGui::GetCursorPosY();
  // The title wraps in what the figure leaves; the figure sits at the right.
  ImGui::SetCursorPosX(x);
  ImGui::PushTextWrapPos(x + w - figure_w - 2 * ui.grid());
  ui.text(title, color::kText, ui.fonts().bold);
  ImGui::PopTextWrapPos();
  const float after_title = ImGui::GetCursorPosY();
  const float fw = big->CalcTextSizeA(big->FontSize, FLT_MAX, 0, figure.c_str()).x;
  ImGui::SetCursorPos(ImVec2(x + w - fw, y - (big->FontSize - ui.fonts().bold->FontSize) / 2));
  ImGui::PushTextWrapPos(-1.0f);  // measured to fit: never wrap "25%"
  ui.text(figure, percent == 100 ? color::kSuccess : color::kText, big);
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPos(ImVec2(x, std::max(after_title, ImGui::GetCursorPosY() - ui.grid())));
  ui.registry().add_text(std::string(title) + ": " + figure);
  // The bar: a plain track, filled to the figure.
  ImVec2 a = ImGui::GetCursorScreenPos();
  const float h = std::max(16.0f, ui.px(20));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, a, ImVec2(a.x + w, a.y + h), color::kPrimarySoft, h / 2);
  if (percent > 0) {
    const float fill = std::max(h, w * float(std::min(percent, 100)) / 100.0f);
    fill_rounded(dl, a, ImVec2(a.x + fill, a.y + h),
                 percent == 100 ? color::kSuccess : color::kPrimary, h / 2);
  }
  ImGui::Dummy(ImVec2(w, h));
  if (!detail.empty()) ui.text(detail, color::kTextSecondary, ui.fonts().small);
}

void figure_tile(Ui& ui, const char* id, std::string_view figure, std::string_view words,
                 ImU32 tone, float width, float height) {
  ImGui::PushID(id);
  const float pad = 2 * ui.grid();
  ImFont* big = ui.fonts().title;
  ImFont* f = ui.fonts().bold;
  const float wrap = width - 2 * pad;
  const ImVec2 ws = f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, words.data(),
                                     words.data() + words.size());
  const float h = std::max(height, 2 * pad + big->FontSize + ui.grid() / 2 + ws.y);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, a, ImVec2(a.x + width, a.y + h), color::kSurface, ui.px(12), color::kBorder,
               1.0f);
  dl->AddText(big, big->FontSize, ImVec2(a.x + pad, a.y + pad), tone, figure.data(),
              figure.data() + figure.size());
  dl->AddText(f, f->FontSize, ImVec2(a.x + pad, a.y + pad + big->FontSize + ui.grid() / 2),
              color::kText, words.data(), words.data() + words.size(), wrap);
  ui.registry().add_text(figure);
  ui.registry().add_text(words);
  ui.registry().add_text(std::string(figure) + " " + std::string(words));
  ImGui::Dummy(ImVec2(width, h));
  ImGui::PopID();
}

void text_with_note(Ui& ui, std::string_view text, ImFont* font, std::string_view note,
                    ImU32 note_color) {
  ImFont* nf = ui.fonts().bold;
  ImFont* tf = font ? font : ui.fonts().body;
  const float note_w = nf->CalcTextSizeA(nf->FontSize, FLT_MAX, 0, note.data(),
                                         note.data() + note.size()).x;
  const float text_w = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, text.data(),
                                         text.data() + text.size()).x;
  const float x = ui.content_x(), w = ui.content_width();
  if (note.empty() || text_w + 2 * ui.grid() + note_w > w) {
    ui.text(text, color::kText, tf);
    if (!note.empty()) ui.text(note, note_color, nf);
    return;
  }
  const float y = ImGui::GetCursorPosY();
  ui.text(text, color::kText, tf);
  const float after = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(x + w - note_w, y + (tf->FontSize - nf->FontSize) / 2));
  ImGui::PushTextWrapPos(-1.0f);  // measured to fit
  ui.text(note, note_color, nf);
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPosY(after);
}

}  // namespace attest::ui
