// PIN pad: big digits, the entered digits shown as dots, a clear message on
// a wrong PIN and a visible countdown while the person is locked out.
#include "ui/kiosk_app.h"
#include "ui/pin_pad.h"

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

    pin_dots(ui, w.pin_entry);

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
    if (pin_pad(ui, w.pin_entry, 8, !locked)) w.pin_message.clear();
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
