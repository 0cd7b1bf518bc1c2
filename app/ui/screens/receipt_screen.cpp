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
    ui.success_mark(ui.px(96));
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
