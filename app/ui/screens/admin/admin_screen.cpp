// Admin mode, once the passphrase has opened it: a bar saying so with
// "Close admin mode", then either the menu of admin pages (pages.cpp) or
// the page chosen from it; it opens on the first page, the dashboard. Inactivity closes admin mode like a sign-out
// (kiosk_app.cpp), and closing wipes the practice secret.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

class AdminScreen final : public Screen {
 public:
  AdminScreen() : pages_(make_admin_pages()) {}

  ScreenId id() const override { return ScreenId::kAdmin; }
  bool needs_admin() const override { return true; }

  void enter(KioskApp&) override {
    open_ = nullptr;
    open_first_ = true;
  }
  void leave(KioskApp&) override {
    for (auto& p : pages_) p->leave();
    open_ = nullptr;
  }

  void draw(Ui& ui, KioskApp& app) override {
    AdminBackend* admin = app.backend().admin();
    if (!admin) return;
    AdminContext ctx{app, *admin, {}};
    if (open_first_ && !pages_.empty()) {
      open_first_ = false;
      open(ctx, ui, pages_.front()->title());
    }
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

  // The top row: on the menu its heading, on a page the way back to the
  // menu; and always the way out, sized to its words. Where both do not
  // fit on one row (a phone), the way out gets a row of its own above.
  // Returns true when "Admin menu" was tapped.
  bool draw_bar(Ui& ui, KioskApp& app) {
    ImFont* bold = ui.fonts().bold;
    ImFont* heading = ui.fonts().heading;
    const float h = ui.theme().target();
    const float bw = std::max(h, width_of(bold, "Close admin mode") + 4 * ui.grid());
    const float left_w = open_ ? width_of(bold, "\u2190 Admin menu") + 3 * ui.grid()
                               : width_of(heading, "Administration");
    const bool one_row = left_w + ui.grid() + bw <= ui.content_width();
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(ui.content_x() + ui.content_width() - bw, y));
    if (ui.button("Close admin mode", ImVec2(bw, h), Look::kSecondary)) app.close_admin(false);
    const float row_y = one_row ? y : y + h + ui.grid();
    bool back = false;
    if (open_) {
      ImGui::SetCursorPosY(row_y);
      back = ui.back_button("Admin menu");
    } else {
      ImGui::SetCursorPosY(one_row ? y + (h - heading->FontSize) / 2 : row_y);
      ui.heading("Administration");
    }
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), row_y + h));
    ui.spacer(1);
    return back;
  }

  static float width_of(ImFont* f, const char* text) {
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text).x;
  }

  void draw_menu(Ui& ui, AdminContext& ctx) {
    const std::string practice = ctx.app.backend().practice_name();
    if (!practice.empty()) ui.text(practice, color::kTextSecondary, ui.fonts().bold);
    ui.text("Admin mode is open. It closes by itself after a few minutes without a touch.",
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
  bool open_first_ = false;
};

}  // namespace

std::unique_ptr<Screen> make_admin_screen() { return std::make_unique<AdminScreen>(); }

}  // namespace attest::ui
