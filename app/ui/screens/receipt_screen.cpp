// Receipt: what was saved, when, and that it is safe on this device.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

class ReceiptScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kReceipt; }
  bool needs_person() const override { return true; }
  void enter(KioskApp& app) override { saved_at_ = clock_time(app.backend().now()); }

  void draw(Ui& ui, KioskApp& app) override {
    Work& w = app.work();
    ui.begin_screen("##receipt", 720);
    ui.spacer(6);
    // A large tick in a green disc.
    const float d = ui.px(96);
    ImVec2 c = ImGui::GetCursorScreenPos();
    c.x = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() / 2;
    c.y += d / 2;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(c, d / 2, color::kSuccess, 48);
    dl->AddLine(ImVec2(c.x - d * 0.22f, c.y + d * 0.02f), ImVec2(c.x - d * 0.05f, c.y + d * 0.18f),
                color::kWhite, ui.px(8));
    dl->AddLine(ImVec2(c.x - d * 0.05f, c.y + d * 0.18f), ImVec2(c.x + d * 0.24f, c.y - d * 0.16f),
                color::kWhite, ui.px(8));
    ImGui::Dummy(ImVec2(d, d));
    ui.spacer(2);
    ui.text_center(w.receipt_title, color::kText, ui.fonts().title);
    ui.text_center(w.receipt_detail, color::kText, ui.fonts().bold);
    ui.spacer(1);
    ui.text_center("Saved at " + saved_at_ + " on this device. It will be sent to the office "
                   "records when the kiosk next connects.",
                   color::kTextSecondary);
    ui.spacer(4);
    if (ui.primary_button("Back to my list")) app.go(ScreenId::kHome);
    ui.spacer(1);
    if (ui.button("Sign out", ImVec2(ui.content_width(), ui.theme().target()), Look::kSecondary)) {
      app.sign_out(false);
    }
    ui.end_screen();
  }

 private:
  std::string saved_at_;
};

}  // namespace

std::unique_ptr<Screen> make_receipt_screen() { return std::make_unique<ReceiptScreen>(); }

}  // namespace attest::ui
