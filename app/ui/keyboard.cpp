// The on-screen keyboard, docked at the bottom of the window while a field
// is being typed into, and the text boxes it types into.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "ui/shapes.h"
#include "ui/ui.h"

namespace attest::ui {

const std::vector<std::string>& Ui::key_rows(float width, KeyLayer layer, Caps caps) const {
  // QWERTY where keys stay at least 48 px wide; alphabetical rows of seven
  // on narrow (phone) screens, where ten across would be too small to hit.
  // Free text (kNone) has '-' and '\'' on the 123 layer, which leaves the
  // narrow last row room for Shift.
  static const std::vector<std::string> kWide = {"QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM-'"};
  static const std::vector<std::string> kNarrow = {"ABCDEFG", "HIJKLMN", "OPQRSTU", "VWXYZ-'"};
  static const std::vector<std::string> kNarrowFree = {"ABCDEFG", "HIJKLMN", "OPQRSTU", "VWXYZ"};
  // What server addresses, codes and passphrases need most.
  static const std::vector<std::string> kWideSymbols = {"1234567890", "-/:;()&@.,",
                                                        "_'\"!?#%+=*"};
  static const std::vector<std::string> kNarrowSymbols = {"1234567", "890.:/-", "@_',!?#",
                                                          "&%+=*()"};
  const bool narrow = width < 10 * std::max(48.0f, px(56)) + 9 * grid() / 2;
  if (layer == KeyLayer::kSymbols) return narrow ? kNarrowSymbols : kWideSymbols;
  if (!narrow) return kWide;
  return caps == Caps::kNone ? kNarrowFree : kNarrow;
}

float Ui::key_height() const { return std::max(48.0f, px(60)); }

float Ui::dock_width(float max_width) const {
  // As wide as the content column, so the keys line up with the fields;
  // but on a phone, where seven keys across would be under 48 px, the dock
  // (which has no scrollbar) takes the scrollbar's room too.
  const float content = column_width_for(max_width);
  const float gap = grid() / 2;
  if (key_rows(content, KeyLayer::kLetters, Caps::kWords).front().size() == 7 &&
      (content - 6 * gap) / 7 < 48.0f) {
    return std::min(px(max_width), ImGui::GetMainViewport()->Size.x - 4 * grid());
  }
  return content;
}

float Ui::keyboard_dock_height(float max_width) const {
  // The key rows and the Space row, a grid apart, with 2 grids above and
  // below: keyboard() lays the keys out on exactly this pitch.
  const float rows =
      float(key_rows(dock_width(max_width), KeyLayer::kLetters, Caps::kWords).size() + 1);
  return rows * key_height() + (rows - 1) * grid() + 4 * grid();
}

bool Ui::docked_keyboard(std::string& text, size_t max_len, Caps caps, float max_width) {
  ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = keyboard_dock_height(max_width);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, h));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, color::kDock);
  ImGui::Begin("##keyboard-dock", nullptr,
               kScreenFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();
  // The layer and Shift live in the dock window's storage; a keyboard that
  // was put away (not drawn last frame) opens again on plain letters.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID drawn_id = ImGui::GetID("##drawn-frame"), layer_id = ImGui::GetID("##layer"),
                shift_id = ImGui::GetID("##shift");
  const int frame = ImGui::GetFrameCount();
  KeyboardState state;
  if (storage->GetInt(drawn_id, -10) == frame - 1) {
    state.layer = storage->GetInt(layer_id, 0) ? KeyLayer::kSymbols : KeyLayer::kLetters;
    state.shift = storage->GetBool(shift_id, false);
  }
  // A line where the content ends, so the keys read as their own panel.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetWindowPos();
  dl->PushClipRectFullScreen();
  dl->AddLine(top, ImVec2(top.x + vp->Size.x, top.y), color::kBorder, std::max(1.0f, px(2)));
  dl->PopClipRect();
  // Lined up with the screen's content column where that fits.
  column_w_ = dock_width(max_width);
  column_x_ = std::max(2 * grid(), column_x_for(column_w_));
  ImGui::SetCursorPos(ImVec2(column_x_, 2 * grid()));
  bool done = false;
  keyboard(text, max_len, caps, state, done);
  storage->SetInt(drawn_id, frame);
  storage->SetInt(layer_id, state.layer == KeyLayer::kSymbols ? 1 : 0);
  storage->SetBool(shift_id, state.shift);
  ImGui::End();
  return done;
}

void Ui::type_key(std::string& text, size_t max_len, Caps caps, KeyboardState& state,
                  char c) const {
  if (text.size() >= max_len) return;
  const auto lower = [](char ch) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  };
  if (caps == Caps::kNone) {
    text.push_back(state.shift ? c : lower(c));
    state.shift = false;  // one capital, as on a phone
    return;
  }
  const bool word_start =
      text.empty() || (caps == Caps::kWords && (text.back() == ' ' || text.back() == '-'));
  text.push_back(word_start ? c : lower(c));
}

void Ui::keyboard(std::string& text, size_t max_len, Caps caps, KeyboardState& state,
                  bool& done) {
  const auto& letters = key_rows(column_w_, KeyLayer::kLetters, caps);
  const auto& rows = key_rows(column_w_, state.layer, caps);
  const float gap = grid() / 2;
  const float per_row = float(letters.front().size());  // the first row is the longest
  const float key_w = (column_w_ - (per_row - 1) * gap) / per_row;
  const float key_h = key_height();
  const bool free_letters = caps == Caps::kNone && state.layer == KeyLayer::kLetters;
  float y = ImGui::GetCursorPosY();
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string& row = rows[r];
    // Free text has Shift before the last letter row, filling the keys the
    // row lacks, so the row is as wide as the first.
    const bool shift_row = free_letters && r + 1 == rows.size();
    const float shift_units = shift_row ? per_row - float(row.size()) : 0;
    const float shift_w = shift_units * key_w + std::max(0.0f, shift_units - 1) * gap;
    const float row_w = float(row.size()) * key_w + float(row.size() - 1) * gap +
                        (shift_row ? shift_w + gap : 0);
    ImGui::SetCursorPos(ImVec2(column_x_ + (column_w_ - row_w) / 2, y));
    if (shift_row) {
      if (button("Shift", ImVec2(shift_w, key_h), state.shift ? Look::kPrimary : Look::kSecondary)) {
        state.shift = !state.shift;
      }
      ImGui::SameLine(0, gap);
    }
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) ImGui::SameLine(0, gap);
      // Free-text letters show the case they type; "q##Q" still answers
      // to "Q", so scripts type letters the same way on every keyboard.
      const bool alpha = std::isalpha(static_cast<unsigned char>(row[i])) != 0;
      char label[8] = {row[i], 0};
      if (free_letters && alpha && !state.shift) {
        std::snprintf(label, sizeof label, "%c##%c",
                      static_cast<char>(std::tolower(static_cast<unsigned char>(row[i]))), row[i]);
      }
      if (button(label, ImVec2(key_w, key_h), Look::kSecondary)) {
        type_key(text, max_len, caps, state, row[i]);
      }
    }
    y += key_h + grid();
  }
  // The layer key, Space, Delete, Clear and Done: six key widths, Space two
  // of them, but never so narrow that a word wraps (a phone); Space gives way.
  const float unit = (column_w_ - 4 * gap) / 6;
  auto fit = [&](const char* word) {
    ImFont* f = fonts().bold;
    return std::max(unit, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, word).x + 3 * grid());
  };
  const bool symbols = state.layer == KeyLayer::kSymbols;
  const char* layer_label = symbols ? "ABC##layer" : "123##layer";
  const float layer_w = fit("123"), del_w = fit("Delete"), clear_w = fit("Clear"),
              done_w = fit("Done");
  const float space_w = column_w_ - 4 * gap - layer_w - del_w - clear_w - done_w;
  ImGui::SetCursorPos(ImVec2(column_x_, y));
  if (button(layer_label, ImVec2(layer_w, key_h), Look::kQuiet)) {
    state.layer = symbols ? KeyLayer::kLetters : KeyLayer::kSymbols;
    state.shift = false;
  }
  ImGui::SameLine(0, gap);
  // Names and sentences get no leading or double spaces; a passphrase may
  // have them.
  if (button("Space", ImVec2(space_w, key_h), Look::kSecondary) &&
      (caps == Caps::kNone || (!text.empty() && text.back() != ' '))) {
    type_key(text, max_len, caps, state, ' ');
  }
  ImGui::SameLine(0, gap);
  if (button("Delete", ImVec2(del_w, key_h), Look::kQuiet) && !text.empty()) text.pop_back();
  ImGui::SameLine(0, gap);
  if (button("Clear##keyboard", ImVec2(clear_w, key_h), Look::kQuiet)) text.clear();
  ImGui::SameLine(0, gap);
  if (button("Done##keyboard", ImVec2(done_w, key_h), Look::kPrimary)) done = true;
}

bool Ui::text_box(const char* label, const std::string& value, const char* placeholder,
                  bool focused, int lines, float width) {
  ImGui::SetCursorPosX(column_x_);
  const bool multi = lines > 1;
  // Names in large type on one line; a few words of free text wrap over
  // several lines of body type, so all of it can be read back.
  ImFont* f = multi ? fonts().body : fonts().heading;
  const float h = multi ? float(lines) * f->FontSize + 3 * grid() : std::max(48.0f, px(64));
  ImGui::PushID(label);
  const float box_w = width > 0 ? std::min(width, column_w_) : column_w_;
  bool clicked = ImGui::InvisibleButton("##box", ImVec2(box_w, h)) && tap_ok();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const bool visible = item_fully_visible();
  // Newly focused (not focused in the previous frame) and hidden, under the
  // keyboard that just docked or scrolled away: bring it to the middle of
  // what is left, so the person sees what they type.
  ImGuiStorage* state = ImGui::GetStateStorage();
  const ImGuiID focused_frame = ImGui::GetID("##focused-frame");
  if (focused) {
    const int frame = ImGui::GetFrameCount();
    if (!visible && state->GetInt(focused_frame, -1) != frame - 1) {
      ImGui::SetScrollHereY(0.5f);
      registry_.request_frame();
    }
    state->SetInt(focused_frame, frame);
  }
  ImGui::PopID();
  registry_.add_widget(label, {a, b}, true, visible);
  registry_.add_text(value);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, a, b, color::kSurface, px(12), focused ? color::kPrimary : color::kBorder,
               focused ? std::max(2.0f, px(3)) : std::max(1.0f, px(2)));
  const bool empty = value.empty();
  const char* shown = empty ? placeholder : value.c_str();
  const char* shown_end = shown + std::strlen(shown);
  ImFont* sf = empty ? fonts().body : f;
  const ImU32 ink = empty ? color::kTextSecondary : color::kText;
  const float left = a.x + 2 * grid();
  dl->PushClipRect(a, ImVec2(b.x - grid(), b.y), true);
  ImVec2 caret;  // top of the caret, just after the text
  if (multi) {
    // Wrapped; when longer than the box, its last lines (where the caret is).
    auto rows = wrap_lines(sf, shown, shown_end, b.x - a.x - 5 * grid());
    const size_t first = rows.size() > size_t(lines) ? rows.size() - size_t(lines) : 0;
    float y = a.y + 1.5f * grid();
    for (size_t i = first; i < rows.size(); ++i, y += sf->FontSize) {
      dl->AddText(sf, sf->FontSize, ImVec2(left, y), ink, rows[i].first, rows[i].second);
    }
    const auto& last = rows.back();
    caret = ImVec2(left + sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0, last.first, shown_end).x + 2,
                   y - sf->FontSize);
  } else {
    ImVec2 at(left, (a.y + b.y - sf->FontSize) / 2);
    float w = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0, shown).x;
    // Keep the end of long text (where the caret is) in view.
    float overflow = std::max(0.0f, w - (b.x - a.x - 5 * grid()));
    at.x -= empty ? 0 : overflow;
    dl->AddText(sf, sf->FontSize, at, ink, shown);
    caret = ImVec2(at.x + w + 2, (a.y + b.y - f->FontSize) / 2);
  }
  if (focused) {
    if (empty) caret.x = left - px(4);
    dl->AddRectFilled(caret, ImVec2(caret.x + px(3), caret.y + f->FontSize), color::kPrimary);
  }
  dl->PopClipRect();
  return clicked;
}

}  // namespace attest::ui
