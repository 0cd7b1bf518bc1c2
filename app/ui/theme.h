// The kiosk's look: colours (contrast checked against WCAG 2.1, see
// DESIGN.md), an 8 px grid scaled to the window and display, and the fonts
// (DejaVu Sans) at sizes readable at arm's length.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <string>

namespace attest::ui {

namespace color {
inline constexpr ImU32 rgb(unsigned v) {
  return IM_COL32((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, 0xff);
}
inline constexpr ImU32 kBackground = rgb(0xF7F8FA);
inline constexpr ImU32 kSurface = rgb(0xFFFFFF);
inline constexpr ImU32 kBorder = rgb(0xD5DAE1);
inline constexpr ImU32 kText = rgb(0x1B1F24);           // 15.6:1 on background
inline constexpr ImU32 kTextSecondary = rgb(0x5A6472);  // 5.7:1
inline constexpr ImU32 kPrimary = rgb(0x1F5FAF);        // white label 6.3:1
inline constexpr ImU32 kPrimaryPressed = rgb(0x0E3A6E);
inline constexpr ImU32 kPrimarySoft = rgb(0xE6EEF8);
inline constexpr ImU32 kSuccess = rgb(0x1E7A46);
inline constexpr ImU32 kSuccessSoft = rgb(0xE5F3EA);
inline constexpr ImU32 kWarningText = rgb(0x9A5B00);
inline constexpr ImU32 kWarningSoft = rgb(0xFFF4E0);
inline constexpr ImU32 kDanger = rgb(0xB42318);
inline constexpr ImU32 kDangerSoft = rgb(0xFDECEA);
inline constexpr ImU32 kWhite = rgb(0xFFFFFF);
inline constexpr ImU32 kDock = rgb(0xE9EDF2);  // behind the docked keyboard
}  // namespace color

struct Fonts {
  ImFont* body = nullptr;     // ~22 px at 1x
  ImFont* bold = nullptr;     // body size, bold: buttons and labels
  ImFont* heading = nullptr;  // ~32 px
  ImFont* title = nullptr;    // ~44 px: attract screen, PIN digits
  ImFont* small = nullptr;    // ~18 px: secondary lines
};

class Theme {
 public:
  // Scale from window size and display DPI. Returns true when it changed,
  // so the caller rebuilds the font texture.
  bool update_scale(int width, int height, float dpi_scale);
  // (Re)loads the fonts into ImGui's atlas at the current scale.
  bool load_fonts(const std::string& font_dir, std::string& error);
  void apply_style() const;

  float scale() const { return scale_; }
  float px(float v) const { return v * scale_; }  // 1x pixels -> screen pixels
  float grid() const { return 8.0f * scale_; }
  // Minimum touch target sizes (DESIGN.md): 48 px, 64 px for primary.
  float target() const { return std::max(48.0f, 56.0f * scale_); }
  float primary_target() const { return std::max(64.0f, 72.0f * scale_); }
  const Fonts& fonts() const { return fonts_; }

 private:
  float scale_ = 0.0f;
  Fonts fonts_;
};

}  // namespace attest::ui
