// Attestation: the exact policy text with its version and effective date,
// then a typed name, a drawn signature and an explicit consent line. The
// event is committed before the receipt says "Signed".
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

// Enough pen travel to be a signature rather than a tap: a quarter of the
// pad's width.
constexpr int kMinimumInk = 250;

class AttestScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kAttest; }
  bool needs_person() const override { return true; }
  void enter(KioskApp& app) override {
    Work& w = app.work();
    w.typed_name.clear();
    w.strokes.clear();
    w.consent = false;
    w.policy_read = false;
    w.save_error.clear();
    typing_ = true;  // the name comes first, so signing opens with the keyboard up
  }

  void draw(Ui& ui, KioskApp& app) override {
    Work& w = app.work();
    const auto in_force = app.backend().in_force(content::Kind::kPolicy, w.policy_id);
    const content::Item* p = in_force.item;
    const bool keyboard = w.policy_read && typing_;
    ui.begin_screen("##attest", kWidth, false, keyboard ? ui.keyboard_dock_height(kWidth) : 0);
    ui.spacer(2);
    if (ui.back_button("Back to my list") || !p) {
      app.go(ScreenId::kHome);
      ui.end_screen();
      return;
    }
    std::string meta = "Version " + std::to_string(p->version);
    if (in_force.since) meta += " · effective " + format_date(*in_force.since);
    if (!w.policy_read) {
      draw_policy(ui, *p, meta);
      if (ui.primary_button("I have read it: continue to sign")) {
        w.policy_read = true;
        ImGui::SetScrollY(0);
      }
    } else {
      draw_signing(ui, app, *p, meta);
    }
    ui.spacer(2);
    ui.end_screen();
    if (keyboard && ui.docked_keyboard(w.typed_name, 60, Ui::Caps::kWords, kWidth)) typing_ = false;
  }

 private:
  static constexpr float kWidth = 880;
  bool typing_ = true;  // the typed-name box has the keyboard

  static void draw_policy(Ui& ui, const content::Item& p, const std::string& meta) {
    ui.text("Policy to read and sign", color::kTextSecondary, ui.fonts().bold);
    ui.heading(p.title);
    ui.text(meta, color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    ui.begin_card("##policy-text");
    ui.markdown(p.body);
    ui.end_card();
    ui.spacer(2);
  }

  void draw_signing(Ui& ui, KioskApp& app, const content::Item& p, const std::string& meta) {
    Work& w = app.work();
    ui.heading("Sign: " + p.title);
    ui.text(meta, color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    ui.text("1. Type your full name", color::kText, ui.fonts().bold);
    if (ui.text_box("Typed name", w.typed_name, "Tap here to type your full name", typing_)) {
      typing_ = true;
    }
    ui.spacer(2);
    ui.text("2. Sign with your finger", color::kText, ui.fonts().bold);
    // Done signing a stroke means done typing: put the keyboard away then,
    // not when the stroke starts, so nothing moves under the finger.
    if (ui.signature_pad("Signature", w.strokes, std::max(ui.px(200), 160.0f))) typing_ = false;
    const float gap = ui.grid();
    const float half = (ui.content_width() - gap) / 2;
    if (ui.button("Undo last stroke", ImVec2(half, ui.theme().target()), Look::kQuiet,
                  !w.strokes.empty())) {
      w.strokes.pop_back();
    }
    ImGui::SameLine(0, gap);
    if (ui.button("Clear signature", ImVec2(half, ui.theme().target()), Look::kQuiet,
                  !w.strokes.empty())) {
      w.strokes.clear();
    }
    const bool enough_ink = Ui::ink_length(w.strokes) >= kMinimumInk;
    if (!w.strokes.empty() && !enough_ink) {
      ui.text("That looks too short for a signature. Please sign your name.", color::kWarningText,
              ui.fonts().small);
    }
    ui.spacer(2);
    ui.text("3. Agree", color::kText, ui.fonts().bold);
    const std::string consent = content::consent_sentence(p) + "##consent";
    if (ui.tick_row(consent.c_str(), w.consent)) {
      w.consent = !w.consent;
      typing_ = false;
    }
    ui.spacer(2);
    const bool named = w.typed_name.find(' ') != std::string::npos && w.typed_name.size() >= 4;
    if (!w.save_error.empty()) ui.text(w.save_error, color::kDanger, ui.fonts().bold);
    if (ui.primary_button("Sign and save", -1, named && enough_ink && w.consent)) {
      Status s = app.backend().attest_policy(p.id, w.typed_name, w.strokes);
      if (!s.ok()) {
        w.save_error = "Not saved: " + s.error().message;
        return;
      }
      w.receipt_title = "Signed";
      w.receipt_detail = p.title + " (version " + std::to_string(p.version) + ")";
      app.go(ScreenId::kReceipt);
    }
    if (!(named && enough_ink && w.consent)) {
      ui.text("Type your full name, sign, and tick the box to continue.", color::kTextSecondary,
              ui.fonts().small);
    }
  }
};

}  // namespace

std::unique_ptr<Screen> make_attest_screen() { return std::make_unique<AttestScreen>(); }

}  // namespace attest::ui
