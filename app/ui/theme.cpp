#include "ui/theme.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace attest::ui {

bool Theme::update_scale(int width, int height, float dpi_scale) {
  // 800 px on the short side is 1x. Phones (390 wide) stay at 0.9x so body
  // text remains ~20 px; big kiosk screens grow to at most 1.6x.
  float short_side = float(std::min(width, height));
  float s = std::clamp(short_side / 800.0f, 0.9f, 1.6f) * std::clamp(dpi_scale, 1.0f, 2.0f);
  s = std::round(s * 8.0f) / 8.0f;  // coarse steps: fewer font rebuilds
  if (s == scale_) return false;
  scale_ = s;
  return true;
}

bool Theme::load_fonts(const std::string& font_dir, std::string& error) {
  namespace fs = std::filesystem;
  const fs::path regular = fs::path(font_dir) / "DejaVuSans.ttf";
  const fs::path bold = fs::path(font_dir) / "DejaVuSans-Bold.ttf";
  if (!fs::exists(regular) || !fs::exists(bold)) {
    error = "fonts not found in " + font_dir + " (DejaVuSans.ttf, DejaVuSans-Bold.ttf)";
    return false;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Latin-1 plus the punctuation and symbols our text uses.
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.AddText("—–−‘’“”•…€✓✔✗←→↑↓·§°±×÷⌫");
    b.BuildRanges(&ranges);
  }
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  auto add = [&](const fs::path& file, float size) {
    return io.Fonts->AddFontFromFileTTF(file.c_str(), std::round(size * scale_), &cfg,
                                        ranges.Data);
  };
  fonts_.body = add(regular, 22);
  fonts_.bold = add(bold, 22);
  fonts_.heading = add(bold, 32);
  fonts_.title = add(bold, 44);
  fonts_.small = add(regular, 18);
  if (!fonts_.body || !fonts_.bold || !fonts_.heading || !fonts_.title || !fonts_.small) {
    error = "cannot load fonts from " + font_dir;
    return false;
  }
  io.FontDefault = fonts_.body;
  return io.Fonts->Build();
}

void Theme::apply_style() const {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  const float g = grid();
  style.WindowPadding = ImVec2(2 * g, 2 * g);
  style.FramePadding = ImVec2(2 * g, 1.5f * g);
  style.ItemSpacing = ImVec2(g, g);
  style.ItemInnerSpacing = ImVec2(g, g);
  style.ScrollbarSize = 2 * g;
  style.GrabMinSize = 3 * g;
  style.WindowRounding = 0;
  style.ChildRounding = 12 * scale_;
  style.FrameRounding = 12 * scale_;
  style.ScrollbarRounding = 12 * scale_;
  style.GrabRounding = 12 * scale_;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FrameBorderSize = 0;
  style.TouchExtraPadding = ImVec2(0, 0);
  auto c = [](ImU32 v) { return ImGui::ColorConvertU32ToFloat4(v); };
  style.Colors[ImGuiCol_WindowBg] = c(color::kBackground);
  style.Colors[ImGuiCol_ChildBg] = c(color::kSurface);
  style.Colors[ImGuiCol_Text] = c(color::kText);
  style.Colors[ImGuiCol_TextDisabled] = c(color::kTextSecondary);
  style.Colors[ImGuiCol_ScrollbarBg] = c(color::kBackground);
  style.Colors[ImGuiCol_ScrollbarGrab] = c(color::kBorder);
  style.Colors[ImGuiCol_ScrollbarGrabHovered] = c(color::kTextSecondary);
  style.Colors[ImGuiCol_ScrollbarGrabActive] = c(color::kPrimary);
  style.Colors[ImGuiCol_FrameBg] = c(color::kSurface);
  style.Colors[ImGuiCol_Border] = c(color::kBorder);
  ImGui::GetStyle() = style;
}

}  // namespace attest::ui
