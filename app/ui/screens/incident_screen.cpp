// Report a security concern, from the start screen and without signing in
// (45 CFR 164.308(a)(6)): what happened, when, where, and an optional name.
// The details are sealed; only the Security Official can read them.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

const std::vector<std::string> kWhat = {
    "Suspicious email or message", "Lost or stolen device",   "Someone asked for patient information",
    "Screen or papers left exposed", "Malware or a strange pop-up", "Something else"};
const std::vector<std::string> kWhen = {"Just now", "Earlier today", "Yesterday", "Before that"};
const std::vector<std::string> kWhere = {"Front desk", "Treatment room", "Office",
                                         "Phone",      "Email",          "Somewhere else"};

class IncidentScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kIncident; }
  void enter(KioskApp&) override {
    what_ = when_ = where_ = -1;
    details_.clear();
    name_.clear();
    editing_ = Field::kNone;
    error_.clear();
  }

  void draw(Ui& ui, KioskApp& app) override {
    const bool keyboard = editing_ != Field::kNone;
    ui.begin_screen("##incident", kWidth, false, keyboard ? ui.keyboard_dock_height(kWidth) : 0);
    ui.spacer(2);
    if (ui.back_button("Cancel", false)) {
      app.go(ScreenId::kAttract);
    }
    ui.heading("Report a security concern");
    ui.text("Thank you for speaking up. Only the Security Official can read this report.",
            color::kTextSecondary);
    ui.spacer(2);
    // Choosing from the chips puts the keyboard away, as tapping outside a
    // text field does on a phone.
    auto choose = [&](const char* id, const std::vector<std::string>& options, int& chosen) {
      if (int t = ui.chips(id, options, chosen); t >= 0) {
        chosen = t;
        editing_ = Field::kNone;
      }
    };
    ui.text("What happened?", color::kText, ui.fonts().bold);
    choose("what", kWhat, what_);
    ui.spacer(1);
    ui.text("When?", color::kText, ui.fonts().bold);
    choose("when", kWhen, when_);
    ui.spacer(1);
    ui.text("Where?", color::kText, ui.fonts().bold);
    choose("where", kWhere, where_);
    ui.spacer(2);

    ui.text("A few words about it (optional)", color::kText, ui.fonts().bold);
    if (ui.text_box("Details", details_, "Tap here to type", editing_ == Field::kDetails, 3)) {
      editing_ = Field::kDetails;
    }
    ui.spacer(1);
    ui.text("Your name (optional: leave empty to stay anonymous)", color::kText, ui.fonts().bold);
    if (ui.text_box("Your name", name_, "Tap here to type", editing_ == Field::kName)) {
      editing_ = Field::kName;
    }
    ui.spacer(2);

    const bool ready = what_ >= 0 && when_ >= 0 && where_ >= 0;
    if (!error_.empty()) ui.text(error_, color::kDanger, ui.fonts().bold);
    if (ui.primary_button("Send report", -1, ready)) {
      std::string what = kWhat[size_t(what_)];
      if (!details_.empty()) what += ": " + details_;
      Status s = app.backend().report_incident(what, kWhen[size_t(when_)], kWhere[size_t(where_)],
                                               name_);
      if (s.ok()) {
        app.work().receipt_detail = clock_time(app.backend().now());
        app.go(ScreenId::kIncidentDone);
      } else {
        error_ = "Not saved: " + s.error().message + ". Please tell the Security Official in person.";
      }
    }
    if (!ready) {
      ui.text("Choose what happened, when and where to send the report.", color::kTextSecondary,
              ui.fonts().small);
    }
    ui.spacer(2);
    ui.end_screen();
    bool done = false;
    if (editing_ == Field::kDetails) {
      done = ui.docked_keyboard(details_, 200, Ui::Caps::kSentence, kWidth);
    } else if (editing_ == Field::kName) {
      done = ui.docked_keyboard(name_, 60, Ui::Caps::kWords, kWidth);
    }
    if (done) editing_ = Field::kNone;
  }

 private:
  static constexpr float kWidth = 880;
  enum class Field { kNone, kDetails, kName };  // which box has the keyboard
  int what_ = -1, when_ = -1, where_ = -1;
  std::string details_, name_;
  Field editing_ = Field::kNone;
  std::string error_;
};

class IncidentDoneScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kIncidentDone; }
  void draw(Ui& ui, KioskApp& app) override {
    ui.begin_screen("##incident-done", 720);
    ui.spacer(6);
    ui.success_mark(ui.px(96));
    ui.spacer(2);
    ui.text_center("Report saved", color::kText, ui.fonts().title);
    ui.spacer(1);
    ui.text_center("Saved at " + app.work().receipt_detail +
                   " on this kiosk, sealed so that only the Security Official can read it.");
    ui.spacer(2);
    ui.text("What happens next: the Security Official reviews every report, decides what to do "
            "and records the outcome. If something is urgent, such as a lost laptop or a "
            "message you already clicked, also tell them in person right away.",
            color::kTextSecondary);
    ui.spacer(4);
    if (ui.primary_button("Done")) {
      app.work() = Work{};
      app.go(ScreenId::kAttract);
    }
    ui.end_screen();
  }
};

}  // namespace

std::unique_ptr<Screen> make_incident_screen() { return std::make_unique<IncidentScreen>(); }
std::unique_ptr<Screen> make_incident_done_screen() {
  return std::make_unique<IncidentDoneScreen>();
}

}  // namespace attest::ui
