#include "ui/ui.h"

#include <algorithm>
#include <cstring>

namespace attest::ui {

void WidgetRegistry::begin_frame() {
  current_.clear();
  texts_current_.clear();
}

void WidgetRegistry::end_frame() {
  last_.swap(current_);
  texts_last_.swap(texts_current_);
}

void WidgetRegistry::add_widget(std::string label, Rect r, bool enabled) {
  current_.push_back({std::move(label), r, enabled});
}

void WidgetRegistry::add_text(std::string_view text) { texts_current_.emplace_back(text); }

const Rect* WidgetRegistry::find(std::string_view label) const {
  for (const auto& w : last_) {
    if (w.label == label && w.enabled) return &w.rect;
  }
  // "Text##id" widgets are also found by their visible text when unique.
  const Rect* found = nullptr;
  for (const auto& w : last_) {
    if (w.enabled && visible_label(w.label.c_str()) == label) {
      if (found) return nullptr;
      found = &w.rect;
    }
  }
  return found;
}

bool WidgetRegistry::shows_text(std::string_view needle) const {
  for (const auto& t : texts_last_) {
    if (t.find(needle) != std::string::npos) return true;
  }
  for (const auto& w : last_) {
    if (visible_label(w.label.c_str()).find(needle) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> WidgetRegistry::labels() const {
  std::vector<std::string> out;
  for (const auto& w : last_) out.push_back(w.label);
  return out;
}

float WidgetRegistry::smallest_target() const {
  float m = 1e9f;
  for (const auto& w : last_) m = std::min(m, std::min(w.rect.width(), w.rect.height()));
  return m;
}

std::string_view visible_label(const char* label) {
  const char* hash = std::strstr(label, "##");
  return hash ? std::string_view(label, size_t(hash - label)) : std::string_view(label);
}

std::string initials_of(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    if (c == ' ') {
      start = true;
    } else if (start) {
      if (out.size() < 2) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      start = false;
    }
  }
  return out;
}

void Ui::begin_screen(const char* id, float max_width) {
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  drag_scroll();
  const float pad = 2 * grid();
  column_w_ = std::min(px(max_width), vp->Size.x - 2 * pad);
  column_x_ = (vp->Size.x - column_w_) / 2;
  ImGui::SetCursorPosX(column_x_);
  ImGui::PushTextWrapPos(column_x_ + column_w_);
}

void Ui::end_screen() {
  ImGui::PopTextWrapPos();
  ImGui::End();
}

float Ui::content_width() const { return column_w_; }

bool Ui::button(const char* label, ImVec2 size, Look look, bool enabled) {
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), column_x_));
  ImGui::PushID(label);
  bool clicked = ImGui::InvisibleButton("##b", size) && enabled && tap_ok();
  bool held = ImGui::IsItemActive() && enabled;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool visible = ImGui::IsItemVisible();
  ImGui::PopID();
  registry_.add_widget(label, {a, b}, enabled && visible);

  ImU32 fill = color::kPrimary, text = color::kWhite, border = 0;
  switch (look) {
    case Look::kPrimary: fill = held ? color::kPrimaryPressed : color::kPrimary; break;
    case Look::kSuccess: fill = held ? color::kPrimaryPressed : color::kSuccess; break;
    case Look::kDanger: fill = held ? color::rgb(0x7A1A12) : color::kDanger; break;
    case Look::kSecondary:
      fill = held ? color::kPrimarySoft : color::kSurface;
      text = color::kPrimary;
      border = color::kPrimary;
      break;
    case Look::kQuiet:
      fill = held ? color::kPrimarySoft : color::kBackground;
      text = color::kPrimary;
      break;
  }
  if (!enabled) {
    fill = color::rgb(0xE3E6EA);
    text = color::kTextSecondary;
    border = 0;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = px(12);
  dl->AddRectFilled(a, b, fill, r);
  if (border) dl->AddRect(a, b, border, r, 0, std::max(2.0f, px(2)));
  // Buttons are bold; a caller may push a bigger font (PIN digits).
  ImFont* font = ImGui::GetFont() == fonts().body ? fonts().bold : ImGui::GetFont();
  std::string_view vis = visible_label(label);
  float wrap = size.x - 2 * grid();
  ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, vis.data(), vis.data() + vis.size());
  ImVec2 at((a.x + b.x - ts.x) / 2, (a.y + b.y - ts.y) / 2);
  dl->AddText(font, font->FontSize, at, text, vis.data(), vis.data() + vis.size(), wrap);
  return clicked;
}

bool Ui::primary_button(const char* label, float width, bool enabled) {
  float w = width > 0 ? width : column_w_;
  return button(label, ImVec2(w, theme_.primary_target()), Look::kPrimary, enabled);
}

void Ui::avatar(const char* initials, float size, ImU32 fill) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 c(p.x + size / 2, p.y + size / 2);
  dl->AddCircleFilled(c, size / 2, fill, 32);
  ImFont* f = fonts().bold;
  ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, initials);
  dl->AddText(f, f->FontSize, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), color::kWhite, initials);
  ImGui::Dummy(ImVec2(size, size));
}

bool Ui::list_row(const char* id, const char* title_text, const char* detail, ImU32 badge_color,
                  const char* badge, const char* avatar_text) {
  ImGui::SetCursorPosX(column_x_);
  const float h = std::max(theme_.primary_target(), px(84));
  ImGui::PushID(id);
  bool clicked = ImGui::InvisibleButton("##row", ImVec2(column_w_, h)) && tap_ok();
  bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool visible = ImGui::IsItemVisible();
  ImGui::PopID();
  registry_.add_widget(id, {a, b}, visible);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, held ? color::kPrimarySoft : color::kSurface, px(12));
  dl->AddRect(a, b, color::kBorder, px(12), 0, 1.0f);
  float x = a.x + 2 * grid();
  if (avatar_text) {
    float d = h - 3 * grid();
    ImVec2 c(x + d / 2, (a.y + b.y) / 2);
    dl->AddCircleFilled(c, d / 2, color::kPrimary, 32);
    ImFont* f = fonts().bold;
    ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, avatar_text);
    dl->AddText(f, f->FontSize, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), color::kWhite, avatar_text);
    x += d + 2 * grid();
  }
  float badge_w = 0;
  if (badge && *badge) {
    ImFont* f = fonts().small;
    ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, badge);
    badge_w = ts.x + 3 * grid();
    ImVec2 ba(b.x - 2 * grid() - badge_w, (a.y + b.y) / 2 - ts.y / 2 - grid() / 2);
    ImVec2 bb(b.x - 2 * grid(), (a.y + b.y) / 2 + ts.y / 2 + grid() / 2);
    dl->AddRectFilled(ba, bb, badge_color, px(16));
    dl->AddText(f, f->FontSize, ImVec2(ba.x + 1.5f * grid(), ba.y + grid() / 2), color::kWhite, badge);
    registry_.add_text(badge);
  }
  ImFont* tf = fonts().bold;
  float text_w = b.x - x - badge_w - 4 * grid();
  ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, text_w, text_w, title_text);
  float total = ts.y + (detail && *detail ? fonts().small->FontSize + grid() / 2 : 0);
  float y = (a.y + b.y - total) / 2;
  dl->AddText(tf, tf->FontSize, ImVec2(x, y), color::kText, title_text, nullptr, text_w);
  registry_.add_text(title_text);
  if (detail && *detail) {
    ImFont* sf = fonts().small;
    dl->AddText(sf, sf->FontSize, ImVec2(x, y + ts.y + grid() / 2), color::kTextSecondary, detail,
                nullptr, text_w);
    registry_.add_text(detail);
  }
  return clicked;
}

void Ui::text(std::string_view t, ImU32 c, ImFont* font) {
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), column_x_));
  if (font) ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  ImGui::TextUnformatted(t.data(), t.data() + t.size());
  ImGui::PopStyleColor();
  if (font) ImGui::PopFont();
  registry_.add_text(t);
}

void Ui::text_center(std::string_view t, ImU32 c, ImFont* font) {
  ImFont* f = font ? font : fonts().body;
  ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, column_w_, t.data(), t.data() + t.size());
  float x = column_x_ + std::max(0.0f, (column_w_ - ts.x) / 2);
  ImGui::SetCursorPosX(x);
  ImGui::PushTextWrapPos(x + ts.x + 1);
  text(t, c, f);
  ImGui::PopTextWrapPos();
}

void Ui::heading(std::string_view t) { text(t, color::kText, fonts().heading); }
void Ui::title(std::string_view t) { text(t, color::kText, fonts().title); }

void Ui::spacer(float units) { ImGui::Dummy(ImVec2(1, units * grid())); }

void Ui::markdown(std::string_view md) {
  size_t pos = 0;
  std::string para;
  auto flush = [&] {
    if (para.empty()) return;
    text(para);
    spacer(1);
    para.clear();
  };
  auto strip = [](std::string s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 2, "**") == 0) {
        ++i;
        continue;
      }
      if (s[i] == '`') continue;
      out.push_back(s[i]);
    }
    return out;
  };
  while (pos <= md.size()) {
    size_t end = md.find('\n', pos);
    if (end == std::string_view::npos) end = md.size();
    std::string line(md.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) {
      flush();
    } else if (line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0) {
      flush();
      text(strip(line.substr(line.find(' ') + 1)), color::kText, fonts().bold);
    } else if (line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0) {
      flush();
      ImGui::SetCursorPosX(column_x_);
      text("•", color::kPrimary, fonts().bold);
      ImGui::SameLine(column_x_ + 3 * grid());
      text(strip(line.substr(2)));
    } else if (line.rfind("  ", 0) == 0 && !para.empty()) {
      para += " " + strip(line.substr(line.find_first_not_of(' ')));
    } else {
      para += (para.empty() ? "" : " ") + strip(line);
    }
  }
  flush();
}

bool Ui::tap_ok() const {
  const float limit = px(16);
  return ImGui::GetIO().MouseDragMaxDistanceSqr[0] < limit * limit;
}

void Ui::begin_scroll(const char* id, float height) {
  ImGui::SetCursorPosX(0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, color::kBackground);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild(id, ImVec2(ImGui::GetWindowWidth(), height), false,
                    ImGuiWindowFlags_None);
  ImGui::PopStyleVar();
  ImGui::PushTextWrapPos(column_x_ + column_w_);
  drag_scroll();
}

void Ui::drag_scroll() {
  // Touch screens have no wheel: drag the content itself.
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                             ImGuiHoveredFlags_ChildWindows) &&
      ImGui::IsMouseDragging(0, px(16))) {
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  }
}

void Ui::end_scroll() {
  ImGui::Dummy(ImVec2(1, 2 * grid()));
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void Ui::begin_card(const char* id, ImU32 fill) {
  // The panel is drawn behind its content once the content's height is
  // known: content goes to draw channel 1, the panel to channel 0.
  ImGui::PushID(id);
  const float pad = 2 * grid();
  ImGui::SetCursorPosX(column_x_);
  cards_.push_back({column_x_, column_w_, ImGui::GetCursorScreenPos(), fill});
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  column_x_ += pad;
  column_w_ -= 2 * pad;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad);
  ImGui::SetCursorPosX(column_x_);
  ImGui::PushTextWrapPos(column_x_ + column_w_);
  ImGui::BeginGroup();
}

void Ui::end_card() {
  ImGui::EndGroup();
  ImGui::PopTextWrapPos();
  Card c = cards_.back();
  cards_.pop_back();
  const float pad = 2 * grid();
  float bottom = ImGui::GetItemRectMax().y + pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSetCurrent(0);
  ImVec2 a = c.start;
  ImVec2 b(c.start.x + c.w, bottom);
  dl->AddRectFilled(a, b, c.fill, px(12));
  if (c.fill == color::kSurface) dl->AddRect(a, b, color::kBorder, px(12), 0, 1.0f);
  dl->ChannelsMerge();
  column_x_ = c.x;
  column_w_ = c.w;
  ImGui::SetCursorScreenPos(ImVec2(c.start.x, bottom));
  ImGui::Dummy(ImVec2(c.w, 0));
  ImGui::PopID();
}

void Ui::progress(float fraction, const char* caption) {
  ImGui::SetCursorPosX(column_x_);
  ImVec2 a = ImGui::GetCursorScreenPos();
  float h = px(12);
  ImVec2 b(a.x + column_w_, a.y + h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, color::kPrimarySoft, h / 2);
  dl->AddRectFilled(a, ImVec2(a.x + column_w_ * std::clamp(fraction, 0.0f, 1.0f), b.y),
                    color::kPrimary, h / 2);
  ImGui::Dummy(ImVec2(column_w_, h));
  if (caption) text(caption, color::kTextSecondary, fonts().small);
}

}  // namespace attest::ui
