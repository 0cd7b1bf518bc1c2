// Enrollment: a new person enters the one-time code the Security Official
// gave them and chooses a PIN (twice), so they can sign in here and at
// every other kiosk. The code is checked by the office server on the sync
// worker; this screen waits without freezing.
#include "core/sign_in_policy.h"
#include "ui/code_pad.h"
#include "ui/kiosk_app.h"
#include "ui/pin_pad.h"

namespace attest::ui {

namespace {

constexpr size_t kCodeLength = 8;

class EnrollScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kEnroll; }
  void enter(KioskApp& app) override {
    step_ = Step::kCode;
    code_.clear();
    pin_.clear();
    first_pin_.clear();
    message_.clear();
    app.backend().reset_enrollment();
  }

  void draw(Ui& ui, KioskApp& app) override {
    ui.begin_screen("##enroll", 640);
    ui.spacer(2);
    if (step_ != Step::kWaiting &&
        ui.button("Back", ImVec2(ui.px(140), ui.theme().target()), Look::kQuiet)) {
      back(app);
      ui.end_screen();
      return;
    }
    switch (step_) {
      case Step::kCode: draw_code(ui); break;
      case Step::kPin: draw_pin(ui, app, false); break;
      case Step::kConfirm: draw_pin(ui, app, true); break;
      case Step::kWaiting: draw_waiting(ui, app); break;
    }
    ui.end_screen();
  }

 private:
  enum class Step { kCode, kPin, kConfirm, kWaiting };

  void back(KioskApp& app) {
    message_.clear();
    if (step_ == Step::kCode) {
      app.go(ScreenId::kPickName);
    } else {
      step_ = step_ == Step::kConfirm ? Step::kPin : Step::kCode;
      pin_.clear();
    }
  }

  void draw_code(Ui& ui) {
    ui.heading("Set up your PIN");
    ui.text("Enter the enrollment code your Security Official gave you. It has 8 letters and "
            "digits.",
            color::kTextSecondary);
    ui.spacer(1);
    code_display(ui, code_, kCodeLength);
    ui.text_center(message_.empty() ? " " : message_, color::kDanger, ui.fonts().bold);
    ui.spacer(1);
    if (code_pad(ui, code_, kCodeLength)) message_.clear();
    ui.spacer(1);
    if (ui.primary_button("Continue", -1, code_.size() == kCodeLength)) {
      step_ = Step::kPin;
      message_.clear();
    }
  }

  void draw_pin(Ui& ui, KioskApp& app, bool confirming) {
    ui.heading(confirming ? "Enter the same PIN again" : "Choose a PIN");
    ui.text(confirming ? "To be sure it is the PIN you meant."
                       : "4 to 6 digits you will remember. Not 1234, not a year, and not the "
                         "PIN of your bank card.",
            color::kTextSecondary);
    ui.spacer(1);
    pin_dots(ui, pin_);
    ui.text_center(message_.empty() ? " " : message_, color::kDanger, ui.fonts().bold);
    ui.spacer(1);
    if (pin_pad(ui, pin_, 6)) message_.clear();
    ui.spacer(1);
    if (!ui.primary_button(confirming ? "Set my PIN" : "Continue", -1, pin_.size() >= 4)) return;
    if (!confirming) {
      if (core::guessable_pin(pin_)) {
        message_ = "That PIN is too easy to guess. Choose another.";
        pin_.clear();
        return;
      }
      first_pin_ = std::move(pin_);
      pin_.clear();
      step_ = Step::kConfirm;
      return;
    }
    if (pin_ != first_pin_) {
      message_ = "The two PINs were different. Choose again.";
      pin_.clear();
      first_pin_.clear();
      step_ = Step::kPin;
      return;
    }
    app.backend().start_enrollment(code_, pin_);
    pin_.clear();
    first_pin_.clear();
    step_ = Step::kWaiting;
  }

  void draw_waiting(Ui& ui, KioskApp& app) {
    ui.spacer(3);  // where the Back row is on the other steps
    const Enrollment e = app.backend().enrollment();
    if (e.state == Enrollment::State::kWorking || e.state == Enrollment::State::kIdle) {
      ui.heading("Checking your code");
      ui.text("Asking the office server. This takes a moment.", color::kTextSecondary);
      return;
    }
    if (e.state == Enrollment::State::kFailed) {
      ui.heading("That did not work");
      ui.text(e.message, color::kDanger);
      ui.spacer(2);
      if (ui.primary_button("Try again")) {
        app.backend().reset_enrollment();
        step_ = Step::kCode;
      }
      return;
    }
    ui.heading("Welcome, " + e.name);
    ui.text("\u2713 Your PIN is set", color::kSuccess, ui.fonts().bold);
    ui.text("It works here and on the practice's other kiosks. Tap your name and "
            "sign in with it.",
            color::kText);
    ui.spacer(2);
    if (ui.primary_button("Sign in")) {
      app.backend().reset_enrollment();
      app.go(ScreenId::kPickName);
    }
  }

  Step step_ = Step::kCode;
  std::string code_, pin_, first_pin_, message_;
};

}  // namespace

std::unique_ptr<Screen> make_enroll_screen() { return std::make_unique<EnrollScreen>(); }

}  // namespace attest::ui
