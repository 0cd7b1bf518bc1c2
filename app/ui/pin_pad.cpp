#include "ui/pin_pad.h"

#include "ui/ui.h"

namespace attest::ui {

void pin_dots(Ui& ui, const std::string& entry) {
  std::string dots;
  for (size_t i = 0; i < entry.size(); ++i) dots += i ? " •" : "•";  // centred: no trailing space
  ui.text_center(dots.empty() ? " " : dots, color::kText, ui.fonts().title);
}

bool pin_pad(Ui& ui, std::string& entry, size_t max_digits, bool enabled) {
  const float gap = ui.grid();
  const float key_w = (ui.content_width() - 2 * gap) / 3;
  const float key_h = std::max(ui.theme().primary_target(), ui.px(76));
  static const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "Delete"};
  bool any = false;
  for (int i = 0; i < 12; ++i) {
    if (i % 3 != 0) ImGui::SameLine(0, gap);
    const char* k = kKeys[i];
    const bool digit = k[1] == 0;
    ImGui::PushFont(digit ? ui.fonts().heading : ui.fonts().bold);
    const bool tapped =
        ui.button(k, ImVec2(key_w, key_h), digit ? Look::kSecondary : Look::kQuiet, enabled);
    ImGui::PopFont();
    if (!tapped) continue;
    any = true;
    if (digit && entry.size() < max_digits) entry += k;
    if (std::string_view(k) == "Clear") entry.clear();
    if (std::string_view(k) == "Delete" && !entry.empty()) entry.pop_back();
  }
  return any;
}

}  // namespace attest::ui
