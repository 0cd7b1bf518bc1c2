// Pick your name: a large list with initials, filtered by first letter so
// nobody needs a keyboard.
#include <set>

#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

class PickNameScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kPickName; }
  void enter(KioskApp&) override { letter_ = 0; }

  void draw(Ui& ui, KioskApp& app) override {
    ui.begin_screen("##pick", 880);
    ui.spacer(2);
    if (ui.back_button("Back")) {
      app.go(ScreenId::kAttract);
    }
    ui.heading("Who are you?");
    ui.text("Tap your name.", color::kTextSecondary);
    ui.spacer(1);

    auto people = app.backend().people();
    std::set<char> letters;
    for (const auto& p : people) {
      if (!p.name.empty()) letters.insert(static_cast<char>(std::toupper(static_cast<unsigned char>(p.name[0]))));
    }
    if (people.size() > 8) {
      const float b = ui.theme().target();
      float x = 0;
      auto letter_button = [&](const char* label, char value) {
        if (x + b > ui.content_width()) {
          x = 0;
        } else if (x > 0) {
          ImGui::SameLine();
        }
        if (ui.button(label, ImVec2(b, b), letter_ == value ? Look::kPrimary : Look::kSecondary)) {
          letter_ = value;
        }
        x += b + ui.grid();
      };
      letter_button("All", 0);
      for (char c : letters) {
        char label[2] = {c, 0};
        letter_button(label, c);
      }
      ui.spacer(1);
    }


    for (const auto& p : people) {
      if (letter_ && (p.name.empty() || std::toupper(static_cast<unsigned char>(p.name[0])) != letter_)) continue;
      std::string detail = role_title(p.role);
      if (p.locked_seconds > 0) detail += " · locked for " + std::to_string(p.locked_seconds) + " s";
      if (!p.has_pin) detail += " · needs an enrollment code first";
      std::string initials = initials_of(p.name);
      const char* badge = p.locked_seconds > 0 ? "Locked" : !p.has_pin ? "New" : "";
      if (ui.list_row(p.name.c_str(), p.name.c_str(), detail.c_str(),
                      p.has_pin ? color::kDanger : color::kPrimary, badge, initials.c_str())) {
        if (!p.has_pin) {
          app.go(ScreenId::kEnroll);
          continue;
        }
        app.work().pin_for = p.id;
        app.work().pin_entry.clear();
        app.work().pin_message.clear();
        app.go(ScreenId::kPin);
      }
    }
    if (people.empty()) {
      ui.text("No staff are set up on this kiosk yet. Ask your Security Official.",
              color::kTextSecondary);
    }
    ui.spacer(2);
    if (app.backend().can_enroll() &&
        ui.button("I have an enrollment code", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      app.go(ScreenId::kEnroll);
    }
    ui.spacer(2);
    ui.end_screen();
  }

 private:
  char letter_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_pick_name_screen() { return std::make_unique<PickNameScreen>(); }

}  // namespace attest::ui
