// PIN pad: big digits, the entered digits shown as dots, a clear message on
// a wrong PIN and a visible countdown while the person is locked out.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

class PinScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kPin; }

  void draw(Ui& ui, KioskApp& app) override {
    Work& w = app.work();
    std::optional<PersonCard> person;
    for (auto& p : app.backend().people()) {
      if (p.id == w.pin_for) person = p;
    }
    ui.begin_screen("##pin", 560);
    ui.spacer(2);
    if (ui.back_button("Back") || !person) {
      app.go(ScreenId::kPickName);
      ui.end_screen();
      return;
    }
    ui.heading(person->name);
    ui.text("Enter your PIN", color::kTextSecondary);
    ui.spacer(1);

    // Dots for what has been typed: never the digits themselves.
    std::string dots;
    for (size_t i = 0; i < w.pin_entry.size(); ++i) dots += i ? " •" : "•";
    ui.text_center(dots.empty() ? " " : dots, color::kText, ui.fonts().title);

    if (person->locked_seconds > 0) {
      int s = person->locked_seconds;
      std::string msg = "Too many wrong PINs. Try again in " + std::to_string(s / 60) + ":" +
                        (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) +
                        ", or ask your Security Official.";
      ui.text_center(msg, color::kDanger, ui.fonts().bold);
    } else if (!w.pin_message.empty()) {
      ui.text_center(w.pin_message, color::kDanger, ui.fonts().bold);
    } else {
      ui.text_center(" ", color::kText, ui.fonts().bold);
    }
    ui.spacer(1);

    const bool locked = person->locked_seconds > 0;
    const float gap = ui.grid();
    const float key_w = (ui.content_width() - 2 * gap) / 3;
    const float key_h = std::max(ui.theme().primary_target(), ui.px(76));
    static const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "Delete"};
    for (int i = 0; i < 12; ++i) {
      if (i % 3 != 0) ImGui::SameLine(0, gap);
      const char* k = kKeys[i];
      bool digit = k[1] == 0;
      ImGui::PushFont(digit ? ui.fonts().heading : ui.fonts().bold);
      bool tapped = ui.button(k, ImVec2(key_w, key_h), digit ? Look::kSecondary : Look::kQuiet,
                              !locked);
      ImGui::PopFont();
      if (!tapped) continue;
      w.pin_message.clear();
      if (digit && w.pin_entry.size() < 8) w.pin_entry += k;
      if (std::string_view(k) == "Clear") w.pin_entry.clear();
      if (std::string_view(k) == "Delete" && !w.pin_entry.empty()) w.pin_entry.pop_back();
    }
    ui.spacer(1);
    if (ui.primary_button("Sign in", -1, !locked && w.pin_entry.size() >= 4)) submit(app);
    ui.end_screen();
  }

 private:
  static void submit(KioskApp& app) {
    Work& w = app.work();
    auto r = app.backend().sign_in(w.pin_for, w.pin_entry);
    w.pin_entry.clear();
    if (!r.ok()) {
      w.pin_message = "Could not sign in: " + r.error().message;
      return;
    }
    switch (r->outcome) {
      case SignInOutcome::kSignedIn:
        app.note_activity();
        app.go(ScreenId::kHome);
        break;
      case SignInOutcome::kWrongPin:
        w.pin_message = "That PIN is not right. " + std::to_string(r->tries_left) +
                        (r->tries_left == 1 ? " try" : " tries") + " left.";
        break;
      case SignInOutcome::kLocked:
        w.pin_message.clear();
        break;
    }
  }
};

}  // namespace

std::unique_ptr<Screen> make_pin_screen() { return std::make_unique<PinScreen>(); }

}  // namespace attest::ui
