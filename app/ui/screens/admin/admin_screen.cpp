// Admin mode, once the passphrase has opened it: a bar saying so with
// "Close admin mode", then either the menu of admin pages (pages.cpp) or
// the page chosen from it. Inactivity closes admin mode like a sign-out
// (kiosk_app.cpp), and closing wipes the practice secret.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

class AdminScreen final : public Screen {
 public:
  AdminScreen() : pages_(make_admin_pages()) {}

  ScreenId id() const override { return ScreenId::kAdmin; }
  bool needs_admin() const override { return true; }

  void enter(KioskApp&) override { open_ = nullptr; }
  void leave(KioskApp&) override {
    for (auto& p : pages_) p->leave();
    open_ = nullptr;
  }

  void draw(Ui& ui, KioskApp& app) override {
    AdminBackend* admin = app.backend().admin();
    if (!admin) return;
    AdminContext ctx{app, *admin, {}};
    const std::optional<Typing> typing = open_ ? open_->typing() : std::nullopt;
    if (to_top_) ui.start_at_top();  // a page just opened, or the menu again
    to_top_ = false;
    ui.begin_screen("##admin", kWidth, false, typing ? ui.keyboard_dock_height(kWidth) : 0);
    ui.spacer(2);
    if (draw_bar(ui, app)) {
      open_->leave();
      open_ = nullptr;
      to_top_ = true;
      ui.registry().request_frame();
    } else if (!open_) {
      draw_menu(ui, ctx);
    } else {
      ui.heading(open_->title());
      ui.spacer(1);
      open_->draw(ui, ctx);
    }
    ui.spacer(2);
    ui.end_screen();
    if (typing && open_ && ui.docked_keyboard(*typing->text, typing->max_len, typing->caps, kWidth)) {
      open_->typing_done();
    }
    if (!ctx.open_page.empty()) open(ctx, ui, ctx.open_page);
  }

 private:
  static constexpr float kWidth = 880;

  // Like the signed-in person's bar: on the menu, that this is admin mode;
  // on a page, the way back to the menu. And always the way out. Returns
  // true when "Admin menu" was tapped.
  bool draw_bar(Ui& ui, KioskApp& app) {
    const float bw = std::min(ui.px(240), ui.content_width() / 2);
    const float h = ui.theme().target();
    const float y = ImGui::GetCursorPosY();
    bool back = false;
    if (open_) {
      back = ui.back_button("Admin menu");
    } else {
      ui.text("Admin mode", color::kText, ui.fonts().bold);
      const std::string practice = app.backend().practice_name();
      ui.text(practice.empty() ? "Security Official" : practice, color::kTextSecondary,
              ui.fonts().small);
    }
    const float after = std::max(ImGui::GetCursorPosY(), y + h + ui.grid());
    ImGui::SetCursorPos(ImVec2(ui.content_x() + ui.content_width() - bw, y));
    if (ui.button("Close admin mode", ImVec2(bw, h), Look::kSecondary)) app.close_admin(false);
    ImGui::SetCursorPosY(after);
    ui.spacer(1);
    return back;
  }

  void draw_menu(Ui& ui, AdminContext& ctx) {
    ui.heading("Administration");
    ui.text("Admin mode closes by itself after a few minutes without a touch.",
            color::kTextSecondary);
    ui.spacer(2);
    for (auto& p : pages_) {
      const std::string summary = p->summary(ctx);
      if (ui.list_row(p->title(), p->title(), summary.c_str(), 0, nullptr)) {
        open(ctx, ui, p->title());
      }
      ui.spacer(1);
    }
  }

  void open(AdminContext& ctx, Ui& ui, const std::string& title) {
    for (auto& p : pages_) {
      if (title != p->title()) continue;
      if (open_) open_->leave();
      open_ = p.get();
      open_->enter(ctx);
      to_top_ = true;
      ui.registry().request_frame();
    }
  }

  std::vector<std::unique_ptr<AdminPage>> pages_;
  AdminPage* open_ = nullptr;
  bool to_top_ = false;
};

}  // namespace

std::unique_ptr<Screen> make_admin_screen() { return std::make_unique<AdminScreen>(); }

}  // namespace attest::ui
