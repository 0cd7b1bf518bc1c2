#include "ui/code_pad.h"

#include <cstdio>

#include "ui/ui.h"

namespace attest::ui {

namespace {

constexpr char kCodeChars[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

void code_display(Ui& ui, const std::string& code, size_t length) {
  std::string shown;
  for (size_t i = 0; i < length; ++i) {
    if (i == length / 2) shown += " - ";
    shown += i < code.size() ? code[i] : '_';
    if (i + 1 < length && i + 1 != length / 2) shown += ' ';
  }
  ui.text_center(shown, color::kText, ui.fonts().title);
}

bool code_pad(Ui& ui, std::string& code, size_t length) {
  // Eight keys across where each stays at least 48 px; six on a phone.
  const float gap = ui.grid() / 2;
  const float min_key = std::max(48.0f, ui.px(56));
  const int per_row = ui.content_width() >= 8 * min_key + 7 * gap ? 8 : 6;
  const float key_w = (ui.content_width() - float(per_row - 1) * gap) / float(per_row);
  const float key_h = std::max(48.0f, ui.px(60));
  const size_t count = sizeof(kCodeChars) - 1;
  bool any = false;
  for (size_t i = 0; i < count; ++i) {
    if (i % size_t(per_row) != 0) ImGui::SameLine(0, gap);
    char label[16];
    std::snprintf(label, sizeof label, "%c##code", kCodeChars[i]);
    if (ui.button(label, ImVec2(key_w, key_h), Look::kSecondary)) {
      any = true;
      if (code.size() < length) code += kCodeChars[i];
    }
  }
  const float wide = (ui.content_width() - gap) / 2;
  if (ui.button("Delete##code", ImVec2(wide, key_h), Look::kQuiet)) {
    any = true;
    if (!code.empty()) code.pop_back();
  }
  ImGui::SameLine(0, gap);
  if (ui.button("Clear##code", ImVec2(wide, key_h), Look::kQuiet)) {
    any = true;
    code.clear();
  }
  return any;
}

}  // namespace attest::ui
