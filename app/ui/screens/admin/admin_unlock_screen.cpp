// The way into admin mode: the Security Official's passphrase, typed on the
// docked keyboard, shown as dots unless "Show" is on. Checking it (Argon2id,
// about a second) runs off the UI thread while the screen says "Checking";
// a wrong one gets a plain message, and repeated ones a growing wait.
#include "crypto/secret.h"
#include "ui/admin_backend.h"
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

// Room for a long passphrase, reserved up front: a string that grows
// reallocates and leaves copies of what was typed in freed memory.
constexpr size_t kMaxPassphrase = 128;

class AdminUnlockScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kAdminUnlock; }

  void enter(KioskApp&) override {
    wipe();
    passphrase_.reserve(kMaxPassphrase + 1);
    show_ = false;
    typing_ = true;
    submitted_ = false;
  }

  void leave(KioskApp& app) override {
    wipe();
    // Left while checking: whatever the answer, admin mode does not open.
    AdminBackend* admin = app.backend().admin();
    if (admin && admin->unlock_state().state == AdminUnlock::State::kChecking) admin->close(false);
  }

  void draw(Ui& ui, KioskApp& app) override {
    AdminBackend* admin = app.backend().admin();
    if (!admin) {
      app.go(ScreenId::kAttract);
      return;
    }
    const AdminUnlock st = admin->unlock_state();
    if (st.state == AdminUnlock::State::kOpen) {
      app.note_activity();
      app.go(ScreenId::kAdmin);
    }
    const bool checking = st.state == AdminUnlock::State::kChecking;
    // Refused: the keyboard comes back for the next try.
    if (was_checking_ && !checking && st.state == AdminUnlock::State::kRefused) typing_ = true;
    was_checking_ = checking;
    const bool locked = st.state == AdminUnlock::State::kLocked;
    const bool unavailable = st.state == AdminUnlock::State::kUnavailable;
    const bool keyboard = typing_ && !checking && !locked && !unavailable;
    ui.begin_screen("##admin-unlock", kWidth, false, keyboard ? ui.keyboard_dock_height(kWidth) : 0);
    ui.spacer(2);
    if (ui.back_button("Cancel", false)) {
      app.go(ScreenId::kAttract);
      ui.end_screen();
      return;
    }
    ui.heading("Administration");
    ui.text("For the practice's Security Official. Enter your passphrase to open admin mode.",
            color::kTextSecondary);
    ui.spacer(2);
    if (unavailable) {
      ui.begin_card("##unavailable", color::kWarningSoft);
      ui.text(st.message, color::kText);
      ui.end_card();
      ui.end_screen();
      return;
    }

    ui.text("Passphrase", color::kText, ui.fonts().bold);
    const float toggle_w = std::max(ui.theme().target(), ui.px(120));
    const float box_w = ui.content_width() - toggle_w - ui.grid();
    // While it is checked, the dots of what was sent (the text is gone).
    std::string shown = show_ && !checking ? passphrase_ : std::string();
    if (!show_ || checking) {
      const size_t n = checking ? sent_length_ : passphrase_.size();
      for (size_t i = 0; i < n; ++i) shown += "\u2022";
    }
    if (ui.text_box("Passphrase##box", shown, "Tap here to type", keyboard, 1, box_w) &&
        !checking) {
      typing_ = true;
    }
    crypto::secure_zero(shown);
    const float box_h = ImGui::GetItemRectSize().y;
    ImGui::SameLine(0, ui.grid());
    if (ui.button(show_ ? "Hide" : "Show", ImVec2(toggle_w, box_h), Look::kSecondary)) {
      show_ = !show_;
    }
    ui.spacer(1);

    if (locked) {
      const int s = st.wait_seconds;
      ui.text("Too many wrong passphrases. Try again in " + std::to_string(s / 60) + ":" +
                  (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) + ".",
              color::kDanger, ui.fonts().bold);
    } else if (submitted_ && st.state == AdminUnlock::State::kRefused) {
      ui.text(st.message, color::kDanger, ui.fonts().bold);
    } else if (checking) {
      ui.text("Checking the passphrase\u2026 This takes a moment.", color::kTextSecondary);
    } else {
      ui.text(" ", color::kText, ui.fonts().bold);
    }
    ui.spacer(1);
    const bool ready = !passphrase_.empty() && !checking && !locked;
    if (ui.primary_button(checking ? "Checking\u2026##open" : "Open admin mode##open", -1, ready)) {
      sent_length_ = passphrase_.size();
      admin->start_unlock(std::string(passphrase_));
      wipe();
      typing_ = false;
      submitted_ = true;
    }
    ui.spacer(2);
    ui.end_screen();
    if (keyboard && ui.docked_keyboard(passphrase_, kMaxPassphrase, Ui::Caps::kNone, kWidth)) {
      typing_ = false;
    }
  }

 private:
  static constexpr float kWidth = 720;

  void wipe() {
    crypto::secure_zero(passphrase_);
    passphrase_.clear();
  }

  std::string passphrase_;
  bool show_ = false;
  bool typing_ = true;
  bool submitted_ = false;
  bool was_checking_ = false;
  size_t sent_length_ = 0;
};

}  // namespace

std::unique_ptr<Screen> make_admin_unlock_screen() {
  return std::make_unique<AdminUnlockScreen>();
}

}  // namespace attest::ui
