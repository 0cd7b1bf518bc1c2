// Attract: what the kiosk shows between people. A rotating security
// reminder (45 CFR 164.308(a)(5)(ii)(A)), "Start", a way to report a
// security concern without signing in, and a quiet way into admin mode for
// the Security Official.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

class AttractScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kAttract; }

  void draw(Ui& ui, KioskApp& app) override {
    ui.begin_screen("##attract", 880);
    ui.spacer(3);
    const std::string practice = app.backend().practice_name();
    draw_top_line(ui, app, practice);
    ui.title("Security training and policies");
    ui.spacer(1);
    ui.text("Sign in to finish your training and sign the practice's policies. It takes a few "
            "minutes.",
            color::kTextSecondary);
    ui.spacer(3);

    if (!app.notice().empty()) {
      ui.begin_card("##notice", color::kPrimarySoft);
      ui.text(app.notice(), color::kText);
      ui.end_card();
      ui.spacer(2);
    }

    auto reminders = app.backend().catalog().of_kind(content::Kind::kReminder);
    if (!reminders.empty()) {
      const int64_t slot = app.now_ms() / 1000 / app.settings().reminder_seconds;
      const content::Item* r = reminders[size_t(slot) % reminders.size()];
      ui.begin_card("##reminder", color::kSurface);
      ui.text("Security reminder", color::kPrimary, ui.fonts().small);
      ui.text(r->title, color::kText, ui.fonts().heading);
      ui.spacer(1);
      ui.markdown(r->body);
      ui.end_card();
      ui.spacer(3);
    }

    if (ui.primary_button("Start")) {
      app.set_notice({});
      app.go(ScreenId::kPickName);
    }
    ui.spacer(1);
    if (ui.button("Report a security concern", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      app.set_notice({});
      app.go(ScreenId::kIncident);
    }
    ui.spacer(2);
    app.draw_sync_status(ui);
    ui.spacer(1);

    auto demo = app.backend().demo_logins();
    if (!demo.empty()) {
      ui.begin_card("##demo", color::kWarningSoft);
      ui.text("Demo mode: sample staff and their PINs", color::kWarningText, ui.fonts().bold);
      for (const auto& d : demo) ui.text(d.name + " — PIN " + d.pin, color::kText, ui.fonts().small);
      ui.end_card();
      ui.spacer(2);
    }
    app.draw_content_errors(ui);
    ui.end_screen();
  }

 private:
  // The practice's name, with "Administration" at the right: there for the
  // Security Official, quiet enough that staff read past it. On a narrow
  // screen where both do not fit, the button gets its own line above.
  static void draw_top_line(Ui& ui, KioskApp& app, const std::string& practice) {
    const bool admin = app.backend().admin() != nullptr;
    ImFont* f = ui.fonts().bold;
    const float name_w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, practice.c_str()).x;
    const float button_w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, "Administration").x +
                           3 * ui.grid();
    const float h = ui.theme().target();
    const bool same_line = name_w + button_w + 2 * ui.grid() <= ui.content_width();
    const float y = ImGui::GetCursorPosY();
    if (admin) {
      // Centred on the name's line when they share it.
      const float button_y = same_line ? y - (h - f->FontSize) / 2 : y;
      ImGui::SetCursorPos(ImVec2(ui.content_x() + ui.content_width() - button_w, button_y));
      if (ui.button("Administration", ImVec2(button_w, h), Look::kQuiet)) {
        app.set_notice({});
        app.go(ScreenId::kAdminUnlock);
      }
      ImGui::SetCursorPosY(same_line ? y : y + h + ui.grid());
    }
    if (!practice.empty()) ui.text(practice, color::kTextSecondary, ui.fonts().bold);
  }
};

}  // namespace

std::unique_ptr<Screen> make_attract_screen() { return std::make_unique<AttractScreen>(); }

}  // namespace attest::ui
