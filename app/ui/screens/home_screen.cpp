// Home: what this person must do, overdue first, and one big Continue;
// below it this week's security reminder, confirmed with one tap.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

const char* badge_text(TaskState s) {
  switch (s) {
    case TaskState::kOverdue: return "Overdue";
    case TaskState::kDue: return "To do";
    case TaskState::kDone: return "Done";
  }
  return "";
}

ImU32 badge_color(TaskState s) {
  switch (s) {
    case TaskState::kOverdue: return color::kDanger;
    case TaskState::kDue: return color::kPrimary;
    case TaskState::kDone: return color::kSuccess;
  }
  return color::kPrimary;
}

}  // namespace

void open_task(KioskApp& app, const Task& t) {
  Work& w = app.work();
  if (t.kind == content::Kind::kModule) {
    w.module_id = t.id;
    w.page = t.resume_page;
    app.go(ScreenId::kReader);
  } else {
    w.policy_id = t.id;
    app.go(ScreenId::kAttest);
  }
}

namespace {

class HomeScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kHome; }
  bool needs_person() const override { return true; }
  void enter(KioskApp&) override { error_.clear(); }

  void draw(Ui& ui, KioskApp& app) override {
    ui.begin_screen("##home", 880);
    ui.spacer(2);
    app.draw_person_bar(ui);
    auto tasks = app.backend().tasks();
    int open = 0, overdue = 0;
    const Task* next = nullptr;
    for (const auto& t : tasks) {
      if (t.state == TaskState::kDone) continue;
      ++open;
      if (t.state == TaskState::kOverdue) ++overdue;
      if (!next) next = &t;
    }
    auto person = app.backend().signed_in();
    std::string first = person ? person->name.substr(0, person->name.find(' ')) : "";
    ui.heading("Hello, " + first);
    if (open == 0) {
      ui.text("You are up to date. Thank you!", color::kSuccess, ui.fonts().bold);
    } else {
      std::string summary = std::to_string(open) + (open == 1 ? " item" : " items") + " to do";
      if (overdue > 0) summary += ", " + std::to_string(overdue) + " overdue";
      ui.text(summary, overdue > 0 ? color::kDanger : color::kTextSecondary, ui.fonts().bold);
    }
    ui.spacer(2);
    app.draw_content_errors(ui);
    if (next) {
      std::string label = "Continue: " + next->title + "##continue";
      if (ui.primary_button(label.c_str())) open_task(app, *next);
    } else if (ui.primary_button("Done, sign out##continue")) {
      app.sign_out(false);
    }
    ui.spacer(2);
    draw_reminder(ui, app);

    for (const auto& t : tasks) {
      std::string kind = t.kind == content::Kind::kModule ? "Training" : "Policy to sign";
      std::string detail = kind + " · " + t.when;
      if (t.new_version) detail += " · new version";
      if (ui.list_row(t.title.c_str(), t.title.c_str(), detail.c_str(), badge_color(t.state),
                      badge_text(t.state))) {
        open_task(app, t);
      }
      ui.spacer(0.5f);
    }
    ui.spacer(2);
    ui.end_screen();
  }

 private:
  // 45 CFR 164.308(a)(5)(ii)(A): periodic security reminders, and the
  // practice must be able to show that staff saw them. Asked once a week per
  // person; once confirmed it shrinks to one line, so it never nags, and it
  // is a secondary button so Continue stays the obvious next step.
  void draw_reminder(Ui& ui, KioskApp& app) {
    const ReminderCard card = app.backend().weekly_reminder();
    if (!card.reminder) return;
    const content::Item& r = *card.reminder;
    if (card.acknowledged) {
      ui.begin_card("##reminder-done", color::kSuccessSoft);
      ui.text("✓ You read this week's security reminder: " + r.title, color::kSuccess,
              ui.fonts().bold);
      ui.end_card();
      ui.spacer(2);
      return;
    }
    ui.begin_card("##reminder");
    ui.text("This week's security reminder", color::kPrimary, ui.fonts().bold);
    ui.text(r.title, color::kText, ui.fonts().bold);
    ui.spacer(1);
    ui.markdown(r.body);
    if (!error_.empty()) ui.text(error_, color::kDanger, ui.fonts().bold);
    const float w = std::min(ui.content_width(), ui.px(240));
    if (ui.button("Got it", ImVec2(w, ui.theme().target()), Look::kSecondary)) {
      Status s = app.backend().acknowledge_reminder(r.id);
      error_ = s.ok() ? std::string() : "Not saved: " + s.error().message;
    }
    ui.text("Tapping Got it records that you have read it.", color::kTextSecondary,
            ui.fonts().small);
    ui.end_card();
    ui.spacer(2);
  }

  std::string error_;
};

}  // namespace

std::unique_ptr<Screen> make_home_screen() { return std::make_unique<HomeScreen>(); }

}  // namespace attest::ui
