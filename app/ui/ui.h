// The drawing context every screen gets: theme, fonts, the registry of
// labelled widgets (where each was drawn last frame, for the script driver
// and for tests), and the touch widgets themselves. Widgets are drawn with
// ImGui's draw list so they look like the product, not like a debug tool.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "ui/theme.h"

namespace attest::ui {

struct Rect {
  ImVec2 min, max;
  ImVec2 center() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};

// What was drawn in the last complete frame: labelled widgets with their
// rectangles, and every piece of text shown.
class WidgetRegistry {
 public:
  void begin_frame();
  void end_frame();  // what was drawn becomes "the last frame"
  void add_widget(std::string label, Rect r, bool enabled, bool visible = true);
  void add_text(std::string_view text);
  // Last frame's enabled, visible widget with this label (exact match, or
  // the visible text of a "Text##id" label when unique), or nullptr.
  const Rect* find(std::string_view label) const;
  // The same, but also widgets scrolled out of view.
  const Rect* find_anywhere(std::string_view label) const;
  bool shows_text(std::string_view needle) const;
  std::vector<std::string> labels() const;
  // Where the current screen's content scrolls (the window less a docked
  // keyboard): the script driver drags there to scroll. Empty: everywhere.
  void set_scroll_area(Rect r) { scroll_area_current_ = r; }
  const Rect& scroll_area() const { return scroll_area_last_; }
  // Set while a widget that draws with a finger (signature pad) holds the
  // pointer, so dragging there does not scroll the screen.
  bool capture_drag = false;       // last frame
  bool capture_drag_next = false;  // this frame
  // A widget changed something that shows only in the next frame (a scroll
  // set this frame): the host must draw once more even without input.
  void request_frame() { redraw_next_ = true; }
  bool frame_requested() const { return redraw_; }

 private:
  struct Widget {
    std::string label;
    Rect rect;
    bool enabled;
    bool visible;
  };
  const Rect* lookup(std::string_view label, bool need_visible) const;
  std::vector<Widget> current_, last_;
  std::vector<std::string> texts_current_, texts_last_;
  Rect scroll_area_current_{}, scroll_area_last_{};
  bool redraw_ = false, redraw_next_ = false;
};

enum class Look { kPrimary, kSecondary, kDanger, kQuiet, kSuccess };

class Ui {
 public:
  Ui(Theme& theme, WidgetRegistry& registry) : theme_(theme), registry_(registry) {}
  const Theme& theme() const { return theme_; }
  WidgetRegistry& registry() { return registry_; }
  float px(float v) const { return theme_.px(v); }
  float grid() const { return theme_.grid(); }
  const Fonts& fonts() const { return theme_.fonts(); }

  // A full-window screen with a content column of at most max_width.
  // on_top: a layer above the current screen (the auto-logoff warning).
  // dock_height > 0 leaves that much at the bottom of the window for a
  // docked panel (keyboard_dock_height()); the content scrolls above it.
  void begin_screen(const char* id, float max_width = 960.0f, bool on_top = false,
                    float dock_height = 0.0f);
  void end_screen();
  float content_width() const;
  float content_x() const { return column_x_; }  // the column's left edge, window coordinates
  // The next begin_screen() starts scrolled to the top: a screen just
  // entered must not keep where the last visit was scrolled to.
  void start_at_top() { start_at_top_ = true; }
  // Scrolls so the last widget drawn is wholly in view, if it is not.
  void reveal_last_item();

  // A button; `label` is both what it says and how scripts find it. Use
  // "Visible text##id" to give two same-looking buttons distinct ids.
  bool button(const char* label, ImVec2 size, Look look = Look::kPrimary, bool enabled = true);
  bool primary_button(const char* label, float width = -1.0f, bool enabled = true);
  // "← Back"-style link at the top left of a screen, lined up with the
  // content column; `arrow` false for one that is not a step back (Cancel).
  bool back_button(const char* label, bool arrow = true);
  // A full-width tappable row (pick-name list, home items).
  bool list_row(const char* id, const char* title, const char* detail, ImU32 badge_color,
                const char* badge, const char* avatar = nullptr);

  void heading(std::string_view text);
  void title(std::string_view text);
  void text(std::string_view text, ImU32 color = color::kText, ImFont* font = nullptr);
  void text_center(std::string_view text, ImU32 color = color::kText, ImFont* font = nullptr);
  // Paragraphs, "- " bullets and "## " subheadings; ** markers dropped.
  void markdown(std::string_view md);
  void spacer(float grid_units = 1.0f);
  // A rounded panel behind what follows until end_card().
  void begin_card(const char* id, ImU32 fill = color::kSurface);
  void end_card();
  void progress(float fraction, const char* caption);
  // The on-screen keyboard, docked at the bottom of the window while a text
  // field is being edited, so the keys never need scrolling to. It has a
  // letters layer and a "123" layer of digits and punctuation. Names
  // capitalise every word; sentences only their first letter; kNone types
  // letters as shown, lower case unless Shift is on (passphrases, server
  // addresses), with Shift on the letters layer.
  enum class Caps { kWords, kSentence, kNone };
  // The dock's height for a screen begun with max_width: pass it to
  // begin_screen() so the content stops above the keyboard.
  float keyboard_dock_height(float max_width) const;
  // Draws the docked keyboard editing `text`; call after end_screen().
  // Returns true when "Done" was tapped (the caller puts the keyboard away).
  // It opens on the letters layer with Shift off.
  bool docked_keyboard(std::string& text, size_t max_len, Caps caps, float max_width);
  // A box showing typed text, with a caret when it has the keyboard's
  // focus. Returns true when tapped (to move the focus to it). When it
  // gains the focus it scrolls into view, above the docked keyboard.
  // lines > 1: smaller type that wraps, showing the last `lines` lines.
  // width > 0: narrower than the column (a button beside it).
  bool text_box(const char* label, const std::string& text, const char* placeholder,
                bool focused = true, int lines = 1, float width = -1.0f);
  // A signature pad; strokes are kept in pad units, 1000 across. Returns
  // true in the frame a stroke ends.
  using Strokes = std::vector<std::vector<std::pair<int, int>>>;
  bool signature_pad(const char* label, Strokes& strokes, float height);
  // Total pen travel in pad units; the minimum-ink check uses it.
  static int ink_length(const Strokes& strokes);
  // A big tick box row; returns true when tapped.
  bool tick_row(const char* label, bool ticked);
  // A row of choice chips; returns the index tapped or -1.
  int chips(const char* id, const std::vector<std::string>& options, int selected);
  void avatar(const char* initials, float size, ImU32 fill);
  // A large white tick in a green disc, centred: "saved".
  void success_mark(float diameter);

 private:
  Theme& theme_;
  WidgetRegistry& registry_;
  static constexpr ImGuiWindowFlags kScreenFlags =
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  bool tap_ok() const;  // false once the pointer was dragged (a scroll, not a tap)
  void drag_scroll();
  // The content column for max_width: width, and x from the window's left.
  float column_width_for(float max_width) const;
  float column_x_for(float width) const;
  float dock_width(float max_width) const;
  // Key rows of a keyboard layer `width` wide (narrow screens get seven
  // across). Both layers have as many rows, so the dock keeps its height.
  enum class KeyLayer { kLetters, kSymbols };
  const std::vector<std::string>& key_rows(float width, KeyLayer layer, Caps caps) const;
  float key_height() const;
  struct KeyboardState {
    KeyLayer layer = KeyLayer::kLetters;
    bool shift = false;
  };
  void keyboard(std::string& text, size_t max_len, Caps caps, KeyboardState& state, bool& done);
  void type_key(std::string& text, size_t max_len, Caps caps, KeyboardState& state, char c) const;
  float column_x_ = 0, column_w_ = 0;
  bool start_at_top_ = false;
  struct Card {
    float x, w;
    ImVec2 start;
    ImU32 fill;
  };
  std::vector<Card> cards_;
};

// Whether the last ImGui item is wholly inside its window's visible part.
// Scripts tap a widget's centre, so "visible" means wholly on screen.
bool item_fully_visible();

// Where `text` breaks into lines `width` wide, as ImGui wraps it: each
// line's [begin, end), the blanks after a break skipped.
std::vector<std::pair<const char*, const char*>> wrap_lines(ImFont* f, const char* text,
                                                            const char* text_end, float width);

std::string initials_of(std::string_view name);
// Local wall-clock time "13:05", as receipts show it.
std::string clock_time(const Timestamp& t);
// "front-desk" -> "Front desk".
std::string role_title(std::string_view role);
// Visible part of a "Text##id" label.
std::string_view visible_label(const char* label);

}  // namespace attest::ui
