// One page of admin mode. Each page is one file in this folder, registered
// once in pages.cpp; adding a page (publishing a policy, say) touches its
// own file and that list, nothing else. The admin screen (admin_screen.cpp)
// opens the first page (the dashboard) when admin mode opens, and draws the
// menu of pages, the bar with "Close admin mode", and the docked keyboard
// for whichever page is typing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/admin_backend.h"
#include "ui/kiosk_app.h"

namespace attest::ui {

// What a page may use while it draws.
struct AdminContext {
  KioskApp& app;
  AdminBackend& admin;
  // Set to another page's title to go there after this frame.
  std::string open_page;
};

// A text field of the page that has the docked keyboard.
struct Typing {
  std::string* text = nullptr;
  size_t max_len = 0;
  Ui::Caps caps = Ui::Caps::kNone;
};

class AdminPage {
 public:
  virtual ~AdminPage() = default;
  // Its name on the admin menu and its heading; scripts tap it by this.
  virtual const char* title() const = 0;
  // One line under the title on the menu: how things stand, at a glance.
  virtual std::string summary(AdminContext&) { return {}; }
  // Called when the page is opened from the menu.
  virtual void enter(AdminContext&) {}
  // Called when the page is left, and when admin mode closes: wipe or drop
  // anything typed there.
  virtual void leave() {}
  virtual void draw(Ui& ui, AdminContext& ctx) = 0;
  // The field the docked keyboard types into this frame, if any; done()
  // is called when "Done" is tapped.
  virtual std::optional<Typing> typing() { return std::nullopt; }
  virtual void typing_done() {}
};

std::vector<std::unique_ptr<AdminPage>> make_admin_pages();

// Shared by the pages: a label and its value, side by side where there is
// room, else one above the other.
void fact_row(Ui& ui, std::string_view label, std::string_view value,
              ImU32 value_color = color::kText);
// "just now", "3 minutes ago", "2 hours ago", "4 days ago".
std::string time_ago(int64_t ms);
// "Today at 14:05", "Yesterday at 09:12", "12 Dec 2026 at 14:05" in the
// kiosk's local time, then " (3 minutes ago)"; "today", "yesterday" inside
// a sentence ("Reported today at 14:05 ...").
std::string when_text(int64_t utc_ms, const Timestamp& now, bool in_sentence = false);
// "1,204"; and "1 record", "1,204 records".
std::string thousands(uint64_t n);
std::string records_text(uint64_t n);
// "1 person", "3 people".
std::string count_text(int n, const char* one, const char* many);
// "23 Nov 2026".
std::string short_date(Date d);

// The records snapshot a page draws from. While the first one is being
// read it says so (and returns null); a problem reading them is shown in
// plain words. Keep `view` for the frame: it holds the snapshot.
const AdminRecords* page_records(Ui& ui, AdminContext& ctx, RecordsView& view);

// One figure as a plain horizontal bar: the title and "25%" on a line, the
// bar under them, a detail line below. Scripts find the figure with its
// row as "Title: 25%".
void percent_row(Ui& ui, std::string_view title, int percent, std::string_view detail);
// A big number and its words ("3", "people overdue") in a tile `width`
// wide; tiles of one row are drawn by the caller with SameLine.
void figure_tile(Ui& ui, const char* id, std::string_view figure, std::string_view words,
                 ImU32 tone, float width, float height);
// A line of text with a short bold note at the right ("296 days overdue"),
// or the note on its own line below where both do not fit.
void text_with_note(Ui& ui, std::string_view text, ImFont* font, std::string_view note,
                    ImU32 note_color);

}  // namespace attest::ui
