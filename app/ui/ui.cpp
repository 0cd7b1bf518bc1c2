#include "ui/ui.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "ui/shapes.h"

namespace attest::ui {

void WidgetRegistry::begin_frame() {
  current_.clear();
  texts_current_.clear();
  scroll_area_current_ = {};
}

void WidgetRegistry::end_frame() {
  capture_drag = capture_drag_next;
  capture_drag_next = false;
  last_.swap(current_);
  texts_last_.swap(texts_current_);
  scroll_area_last_ = scroll_area_current_;
  redraw_ = redraw_next_;
  redraw_next_ = false;
}

void WidgetRegistry::add_widget(std::string label, Rect r, bool enabled, bool visible) {
  current_.push_back({std::move(label), r, enabled, visible});
}

void WidgetRegistry::add_text(std::string_view text) { texts_current_.emplace_back(text); }

const Rect* WidgetRegistry::find(std::string_view label) const { return lookup(label, true); }

const Rect* WidgetRegistry::find_anywhere(std::string_view label) const {
  return lookup(label, false);
}

const Rect* WidgetRegistry::lookup(std::string_view label, bool need_visible) const {
  for (const auto& w : last_) {
    if (!w.enabled || (!w.visible && need_visible)) continue;
    if (w.label == label) return &w.rect;
    // "Text##id" widgets answer to their id too.
    size_t hash = w.label.find("##");
    if (hash != std::string::npos && std::string_view(w.label).substr(hash + 2) == label) {
      return &w.rect;
    }
  }
  // "Text##id" widgets are also found by their visible text when unique.
  const Rect* found = nullptr;
  for (const auto& w : last_) {
    if (w.enabled && (w.visible || !need_visible) && visible_label(w.label.c_str()) == label) {
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

bool item_fully_visible() {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
  return a.x >= lo.x - 1 && a.y >= lo.y - 1 && b.x <= hi.x + 1 && b.y <= hi.y + 1;
}

std::vector<std::pair<const char*, const char*>> wrap_lines(ImFont* f, const char* text,
                                                            const char* text_end, float width) {
  std::vector<std::pair<const char*, const char*>> lines;
  if (text == text_end) return {{text, text}};
  const char* s = text;
  do {
    const char* brk = f->CalcWordWrapPositionA(1.0f, s, text_end, width);
    if (brk <= s) brk = s + 1;  // a word wider than the box still moves on
    lines.emplace_back(s, std::min(brk, text_end));
    s = brk;
    while (s < text_end && (*s == ' ' || *s == '\t')) ++s;
  } while (s < text_end);
  return lines;
}

std::string clock_time(const Timestamp& t) {
  int64_t local = t.utc_ms + int64_t(t.offset_minutes) * 60000;
  int64_t mins = (local / 60000) % (24 * 60);
  if (mins < 0) mins += 24 * 60;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", int(mins / 60), int(mins % 60));
  return buf;
}

std::string role_title(std::string_view role) {
  std::string out(role);
  for (auto& c : out) {
    if (c == '-') c = ' ';
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
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

float Ui::column_width_for(float max_width) const {
  // Leave room for the scrollbar so nothing is drawn under it.
  const float usable = ImGui::GetMainViewport()->Size.x - ImGui::GetStyle().ScrollbarSize;
  return std::min(px(max_width), usable - 4 * grid());
}

float Ui::column_x_for(float width) const {
  const float usable = ImGui::GetMainViewport()->Size.x - ImGui::GetStyle().ScrollbarSize;
  return (usable - width) / 2;
}

void Ui::begin_screen(const char* id, float max_width, bool on_top, float dock_height) {
  ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 size(vp->Size.x, std::max(vp->Size.y - dock_height, 4 * grid()));
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(size);
  ImGuiWindowFlags flags = kScreenFlags;
  if (on_top) {
    ImGui::SetNextWindowFocus();
  } else {
    // The window clears to the background colour already; filling it again
    // costs the software renderer a blend of every pixel, a millisecond a
    // frame at 1280x800.
    flags |= ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    registry_.set_scroll_area({vp->Pos, ImVec2(vp->Pos.x + size.x, vp->Pos.y + size.y)});
  }
  ImGui::Begin(id, nullptr, flags);
  if (start_at_top_ && !on_top) {
    // Takes effect next frame; ask for it so the screen does not wait for a touch.
    if (ImGui::GetScrollY() > 0) {
      ImGui::SetScrollY(0);
      registry_.request_frame();
    }
    start_at_top_ = false;
  }
  drag_scroll();
  column_w_ = column_width_for(max_width);
  column_x_ = column_x_for(column_w_);
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
  const bool visible = item_fully_visible();
  ImGui::PopID();
  registry_.add_widget(label, {a, b}, enabled, visible);

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
  if (border) {
    fill_rounded(dl, a, b, fill, r, border, std::max(2.0f, px(2)));
  } else {
    fill_rounded(dl, a, b, fill, r);
  }
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

bool Ui::back_button(const char* label, bool arrow) {
  ImFont* f = fonts().bold;
  std::string_view vis = visible_label(label);
  const char* kArrow = "←";
  const float arrow_w = arrow ? f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, kArrow).x + grid() : 0;
  const float text_w =
      f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, vis.data(), vis.data() + vis.size()).x;
  // The label starts at the column's edge, like the heading under it; the
  // target reaches a little either side so it is easy to hit, but not into
  // the window's clipped margin on a narrow screen.
  const float x = std::max(grid(), column_x_ - 1.5f * grid());
  const float pad = column_x_ - x;
  ImGui::SetCursorPosX(x);
  ImGui::PushID(label);
  const ImVec2 size(std::max(theme_.target(), arrow_w + text_w + 2 * pad + grid()),
                    theme_.target());
  bool clicked = ImGui::InvisibleButton("##back", size) && tap_ok();
  const bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool visible = item_fully_visible();
  ImGui::PopID();
  registry_.add_widget(label, {a, b}, true, visible);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (held) fill_rounded(dl, a, b, color::kPrimarySoft, px(12));
  const float y = (a.y + b.y - f->FontSize) / 2;
  if (arrow) dl->AddText(f, f->FontSize, ImVec2(a.x + pad, y), color::kPrimary, kArrow);
  dl->AddText(f, f->FontSize, ImVec2(a.x + pad + arrow_w, y), color::kPrimary, vis.data(),
              vis.data() + vis.size());
  return clicked;
}

void Ui::reveal_last_item() {
  if (item_fully_visible()) return;
  ImGui::SetScrollHereY(1.0f);  // its bottom at the window's bottom
  registry_.request_frame();
}

void Ui::success_mark(float d) {
  ImVec2 c = ImGui::GetCursorScreenPos();
  c.x = ImGui::GetWindowPos().x + column_x_ + column_w_ / 2;
  c.y += d / 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(c, d / 2, color::kSuccess, 64);
  // One polyline, so the tick's two strokes join instead of leaving a notch.
  const ImVec2 tick[3] = {ImVec2(c.x - d * 0.22f, c.y + d * 0.02f),
                          ImVec2(c.x - d * 0.06f, c.y + d * 0.18f),
                          ImVec2(c.x + d * 0.24f, c.y - d * 0.16f)};
  dl->AddPolyline(tick, 3, color::kWhite, 0, d / 12);
  ImGui::Dummy(ImVec2(d, d));
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
  // The row grows with a title that wraps on a narrow screen.
  const float avatar_w = avatar_text ? std::max(theme_.primary_target(), px(84)) - grid() : 0;
  float badge_est = 0;
  if (badge && *badge) {
    badge_est = fonts().small->CalcTextSizeA(fonts().small->FontSize, FLT_MAX, 0, badge).x + 3 * grid();
  }
  const float text_w_est = column_w_ - avatar_w - badge_est - 6 * grid();
  ImFont* tf_est = fonts().bold;
  float text_h = tf_est->CalcTextSizeA(tf_est->FontSize, text_w_est, text_w_est, title_text).y;
  if (detail && *detail) {
    ImFont* sf_est = fonts().small;
    text_h += grid() / 2 + sf_est->CalcTextSizeA(sf_est->FontSize, text_w_est, text_w_est, detail).y;
  }
  const float h = std::max({theme_.primary_target(), px(84), text_h + 3 * grid()});
  ImGui::PushID(id);
  bool clicked = ImGui::InvisibleButton("##row", ImVec2(column_w_, h)) && tap_ok();
  bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool visible = item_fully_visible();
  ImGui::PopID();
  registry_.add_widget(id, {a, b}, true, visible);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, a, b, held ? color::kPrimarySoft : color::kSurface, px(12), color::kBorder,
               1.0f);
  float x = a.x + 2 * grid();
  if (avatar_text) {
    float d = std::max(theme_.primary_target(), px(84)) - 3 * grid();
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
    fill_rounded(dl, ba, bb, badge_color, px(16));
    dl->AddText(f, f->FontSize, ImVec2(ba.x + 1.5f * grid(), ba.y + grid() / 2), color::kWhite, badge);
    registry_.add_text(badge);
  }
  ImFont* tf = fonts().bold;
  float text_w = b.x - x - badge_w - 4 * grid();
  ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, text_w, text_w, title_text);
  ImVec2 ds = detail && *detail ? fonts().small->CalcTextSizeA(fonts().small->FontSize, text_w,
                                                               text_w, detail)
                                 : ImVec2(0, 0);
  float total = ts.y + (detail && *detail ? ds.y + grid() / 2 : 0);
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
  // Each wrapped line centred on its own, not a left-aligned block.
  ImFont* f = font ? font : fonts().body;
  ImGui::PushFont(f);
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(grid(), 0));
  const auto lines = wrap_lines(f, t.data(), t.data() + t.size(), column_w_);
  for (size_t i = 0; i < lines.size(); ++i) {
    auto [begin, end] = lines[i];
    const float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, begin, end).x;
    ImGui::SetCursorPosX(column_x_ + std::max(0.0f, (column_w_ - w) / 2));
    ImGui::TextUnformatted(begin, end);
  }
  ImGui::PopStyleVar();
  ImGui::Dummy(ImVec2(0, 0));  // the usual gap below, as after text()
  ImGui::PopStyleColor();
  ImGui::PopFont();
  registry_.add_text(t);
}

void Ui::heading(std::string_view t) { text(t, color::kText, fonts().heading); }
void Ui::title(std::string_view t) { text(t, color::kText, fonts().title); }

void Ui::spacer(float units) { ImGui::Dummy(ImVec2(1, units * grid())); }

void Ui::markdown(std::string_view md) {
  auto strip = [](std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in.compare(i, 2, "**") == 0) {
        ++i;
        continue;
      }
      if (in[i] == '`') continue;
      out.push_back(in[i]);
    }
    return out;
  };
  std::string para;  // the paragraph or bullet being collected
  bool bullet = false, in_list = false;
  auto flush = [&] {
    if (!para.empty()) {
      if (bullet) {
        ImGui::SetCursorPosX(column_x_);
        text("•", color::kPrimary, fonts().bold);
        // Not SameLine(x): inside a card's group that x is counted from the
        // card's edge, which indented bullets twice.
        ImGui::SameLine();
        ImGui::SetCursorPosX(column_x_ + 3 * grid());
        text(para);
      } else {
        text(para);
        spacer(1);
      }
    }
    para.clear();
  };
  auto end_list = [&] {
    flush();
    if (in_list) spacer(1);
    in_list = false;
    bullet = false;
  };
  size_t pos = 0;
  while (pos <= md.size()) {
    size_t end = md.find('\n', pos);
    if (end == std::string_view::npos) end = md.size();
    std::string_view line = md.substr(pos, end - pos);
    pos = end + 1;
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) {
      end_list();
      continue;
    }
    std::string_view body = line.substr(indent);
    if (body.rfind("## ", 0) == 0 || body.rfind("### ", 0) == 0) {
      end_list();
      text(strip(body.substr(body.find(' ') + 1)), color::kText, fonts().bold);
    } else if (indent == 0 && (body.rfind("- ", 0) == 0 || body.rfind("* ", 0) == 0)) {
      if (!in_list) end_list();
      flush();
      in_list = bullet = true;
      para = strip(body.substr(2));
    } else if (indent > 0 && bullet) {
      para += " " + strip(body);  // a bullet's continuation line
    } else {
      if (in_list) end_list();
      para += (para.empty() ? "" : " ") + strip(body);
    }
  }
  end_list();
}

bool Ui::tap_ok() const {
  const float limit = px(16);
  return ImGui::GetIO().MouseDragMaxDistanceSqr[0] < limit * limit;
}

void Ui::drag_scroll() {
  // Touch screens have no wheel: drag the content itself.
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                             ImGuiHoveredFlags_ChildWindows) &&
      ImGui::IsMouseDragging(0, px(16)) && !registry_.capture_drag) {
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  }
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
  if (c.fill == color::kSurface) {
    fill_rounded(dl, a, b, c.fill, px(12), color::kBorder, 1.0f);
  } else {
    fill_rounded(dl, a, b, c.fill, px(12));
  }
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
  fill_rounded(dl, a, b, color::kPrimarySoft, h / 2);
  fill_rounded(dl, a, ImVec2(a.x + column_w_ * std::clamp(fraction, 0.0f, 1.0f), b.y),
                    color::kPrimary, h / 2);
  ImGui::Dummy(ImVec2(column_w_, h));
  if (caption) text(caption, color::kTextSecondary, fonts().small);
}

}  // namespace attest::ui

namespace attest::ui {

bool Ui::tick_row(const char* label, bool ticked) {
  ImGui::SetCursorPosX(column_x_);
  ImGui::PushID(label);
  std::string_view vis = visible_label(label);
  ImFont* f = fonts().bold;
  const float box = std::max(40.0f, px(40));
  const float text_w = column_w_ - box - 5 * grid();
  ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, text_w, vis.data(), vis.data() + vis.size());
  const float h = std::max(theme_.primary_target(), ts.y + 3 * grid());
  bool clicked = ImGui::InvisibleButton("##tick", ImVec2(column_w_, h)) && tap_ok();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool visible = item_fully_visible();
  ImGui::PopID();
  registry_.add_widget(label, {a, b}, true, visible);
  registry_.add_text(vis);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, a, b, ticked ? color::kSuccessSoft : color::kSurface, px(12),
               ticked ? color::kSuccess : color::kBorder, std::max(1.0f, px(2)));
  ImVec2 ba(a.x + 2 * grid(), (a.y + b.y - box) / 2);
  ImVec2 bb(ba.x + box, ba.y + box);
  fill_rounded(dl, ba, bb, ticked ? color::kSuccess : color::kSurface, px(8),
               ticked ? color::kSuccess : color::kTextSecondary, std::max(2.0f, px(2)));
  if (ticked) {
    ImVec2 p1(ba.x + box * 0.22f, ba.y + box * 0.52f), p2(ba.x + box * 0.42f, ba.y + box * 0.72f),
        p3(ba.x + box * 0.78f, ba.y + box * 0.30f);
    dl->AddLine(p1, p2, color::kWhite, px(4));
    dl->AddLine(p2, p3, color::kWhite, px(4));
  }
  dl->AddText(f, f->FontSize, ImVec2(bb.x + 2 * grid(), (a.y + b.y - ts.y) / 2), color::kText,
              vis.data(), vis.data() + vis.size(), text_w);
  return clicked;
}

int Ui::chips(const char* id, const std::vector<std::string>& options, int selected) {
  ImGui::PushID(id);
  int tapped = -1;
  float x = 0;
  ImFont* f = fonts().bold;
  const float h = theme_.target();
  for (size_t i = 0; i < options.size(); ++i) {
    float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, options[i].c_str()).x + 4 * grid();
    w = std::min(w, column_w_);
    if (x > 0 && x + w <= column_w_) {
      ImGui::SameLine(0, grid());
    } else {
      x = 0;
      ImGui::SetCursorPosX(column_x_);
    }
    if (button(options[i].c_str(), ImVec2(w, h),
               int(i) == selected ? Look::kPrimary : Look::kSecondary)) {
      tapped = int(i);
    }
    x += w + grid();
  }
  ImGui::PopID();
  return tapped;
}

}  // namespace attest::ui

namespace attest::ui {

bool Ui::signature_pad(const char* label, Strokes& strokes, float height) {
  ImGui::SetCursorPosX(column_x_);
  ImGui::PushID(label);
  ImGui::InvisibleButton("##pad", ImVec2(column_w_, height));
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool active = ImGui::IsItemActive();
  const bool started = ImGui::IsItemActivated();
  const bool ended = ImGui::IsItemDeactivated();
  const bool visible = item_fully_visible();
  ImGui::PopID();
  registry_.add_widget(label, {a, b}, true, visible);
  const float unit = 1000.0f / column_w_;
  if (active) {
    registry_.capture_drag_next = true;
    ImVec2 m = ImGui::GetIO().MousePos;
    int x = int(std::clamp(m.x - a.x, 0.0f, column_w_) * unit);
    int y = int(std::clamp(m.y - a.y, 0.0f, height) * unit);
    if (started || strokes.empty()) strokes.emplace_back();
    auto& s = strokes.back();
    if (s.empty() || std::abs(s.back().first - x) + std::abs(s.back().second - y) > 3) {
      s.emplace_back(x, y);
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, a, b, color::kSurface, px(12), active ? color::kPrimary : color::kBorder,
               std::max(1.0f, px(2)));
  const float base_y = b.y - height * 0.25f;
  dl->AddLine(ImVec2(a.x + 3 * grid(), base_y), ImVec2(b.x - 3 * grid(), base_y), color::kBorder,
              std::max(1.0f, px(2)));
  dl->AddText(fonts().heading, fonts().heading->FontSize,
              ImVec2(a.x + 3 * grid(), base_y - fonts().heading->FontSize - grid() / 2),
              color::kBorder, "×");
  if (strokes.empty()) {
    ImFont* f = fonts().body;
    const char* hint = "Sign here with your finger";
    ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, hint);
    dl->AddText(f, f->FontSize, ImVec2((a.x + b.x - ts.x) / 2, base_y + grid()),
                color::kTextSecondary, hint);
  }
  for (const auto& s : strokes) {
    std::vector<ImVec2> pts;
    for (auto [x, y] : s) pts.emplace_back(a.x + float(x) / unit, a.y + float(y) / unit);
    if (pts.size() == 1) {
      dl->AddCircleFilled(pts[0], px(2.5f), color::kText);
    } else if (pts.size() > 1) {
      dl->AddPolyline(pts.data(), int(pts.size()), color::kText, 0, std::max(2.0f, px(3)));
    }
  }
  return ended;
}

int Ui::ink_length(const Strokes& strokes) {
  double total = 0;
  for (const auto& s : strokes) {
    for (size_t i = 1; i < s.size(); ++i) {
      double dx = s[i].first - s[i - 1].first, dy = s[i].second - s[i - 1].second;
      total += std::sqrt(dx * dx + dy * dy);
    }
  }
  return int(total);
}

}  // namespace attest::ui
