// Office server pairing: who this kiosk is paired with (server address,
// practice, the server key it pinned, this device's id and name); and, for
// a standalone kiosk or after a confirmation, pairing it: the server's
// address on the keyboard, then the one-time code from `attest-server pair`
// on the code pad. Pairing runs off the UI thread; then the kiosk syncs.
#include "ui/code_pad.h"
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

constexpr size_t kCodeLength = 8;
constexpr const char* kAddressStart = "http://";

class PairingPage final : public AdminPage {
 public:
  const char* title() const override { return "Office server pairing"; }

  std::string summary(AdminContext& ctx) override {
    const PairingDetail d = ctx.admin.pairing_detail();
    if (!d.paired) return "Not paired with an office server";
    return "Paired with " + d.practice_name + " at " + d.server_url;
  }

  void enter(AdminContext& ctx) override {
    step_ = Step::kShow;
    url_ = kAddressStart;
    code_.clear();
    typing_ = false;
    ctx.admin.reset_pairing();
  }
  void leave() override {
    code_.clear();
    typing_ = false;
  }

  std::optional<Typing> typing() override {
    if (step_ != Step::kAddress || !typing_) return std::nullopt;
    return Typing{&url_, 200, Ui::Caps::kNone};
  }
  void typing_done() override { typing_ = false; }

  void draw(Ui& ui, AdminContext& ctx) override {
    const PairingDetail d = ctx.admin.pairing_detail();
    const PairingJob job = ctx.admin.pairing_job();
    if (step_ == Step::kWorking && job.state != PairingJob::State::kWorking) {
      step_ = job.state == PairingJob::State::kDone ? Step::kDone : Step::kFailed;
    }
    switch (step_) {
      case Step::kShow: draw_show(ui, d); break;
      case Step::kConfirm: draw_confirm(ui, d); break;
      case Step::kAddress: draw_address(ui); break;
      case Step::kCode: draw_code(ui, ctx); break;
      case Step::kWorking:
        ui.text("Pairing with the office server\u2026", color::kText, ui.fonts().bold);
        ui.text("Asking " + url_ + ". This takes a moment.", color::kTextSecondary);
        break;
      case Step::kDone: draw_done(ui, ctx, job); break;
      case Step::kFailed: draw_failed(ui, job); break;
    }
  }

 private:
  enum class Step { kShow, kConfirm, kAddress, kCode, kWorking, kDone, kFailed };

  void draw_show(Ui& ui, const PairingDetail& d) {
    if (!d.paired) {
      ui.begin_card("##state", color::kSurface);
      ui.text("This kiosk is not paired with an office server", color::kText, ui.fonts().bold);
      ui.text("Pairing it sends a copy of every record to the office server, and brings the "
              "staff list and training done at other kiosks here. You need the server's address "
              "and a pairing code from it.",
              color::kTextSecondary);
      ui.end_card();
      ui.spacer(2);
      fact_row(ui, "This kiosk's device id", d.device_id);
      ui.spacer(2);
      if (ui.primary_button("Pair with an office server")) to_address();
      return;
    }
    ui.begin_card("##state", color::kSuccessSoft);
    ui.text("\u2713 Paired with the office server", color::kSuccess, ui.fonts().bold);
    ui.end_card();
    ui.spacer(2);
    fact_row(ui, "Office server", d.server_url);
    fact_row(ui, "Practice", d.practice_name);
    fact_row(ui, "Server key fingerprint", d.server_key_fingerprint);
    fact_row(ui, "This kiosk", d.device_name.empty() ? "(name not recorded)" : d.device_name);
    fact_row(ui, "Device id", d.device_id);
    ui.spacer(2);
    if (ui.button("Pair again##pair-again", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      step_ = Step::kConfirm;
    }
  }

  void draw_confirm(Ui& ui, const PairingDetail& d) {
    ui.begin_card("##confirm", color::kWarningSoft);
    ui.text("Pair this kiosk again?", color::kWarningText, ui.fonts().bold);
    ui.text("Only if the office server moved to a new address or was restored from a backup. "
            "This kiosk stays paired with " + d.server_url +
                " until the new pairing works, and keeps all its records. You need a new "
                "pairing code from the office server.",
            color::kText);
    ui.end_card();
    ui.spacer(2);
    if (ui.primary_button("Yes, pair again")) {
      url_ = d.server_url;
      to_address();
    }
    ui.spacer(1);
    if (ui.button("Cancel##confirm", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      step_ = Step::kShow;
    }
  }

  void draw_address(Ui& ui) {
    ui.text("Step 1 of 2: the office server's address", color::kText, ui.fonts().bold);
    ui.text("As the office server shows it, like http://192.168.1.20:8750.", color::kTextSecondary);
    ui.spacer(1);
    if (ui.text_box("Server address", url_, "Tap here to type", typing_)) typing_ = true;
    ui.spacer(2);
    const bool ready = looks_like_address(url_);
    if (ui.primary_button("Continue", -1, ready)) {
      typing_ = false;
      step_ = Step::kCode;
    }
    if (!ready) {
      ui.text("An address starts with http:// or https:// and names the server.",
              color::kTextSecondary, ui.fonts().small);
    }
  }

  void draw_code(Ui& ui, AdminContext& ctx) {
    ui.text("Step 2 of 2: the pairing code for " + url_, color::kText, ui.fonts().bold);
    ui.text("On the office server run: attest-server pair. Enter the code it shows; it works "
            "once, for 10 minutes.",
            color::kTextSecondary);
    ui.spacer(1);
    code_display(ui, code_, kCodeLength);
    ui.spacer(1);
    code_pad(ui, code_, kCodeLength);
    ui.spacer(1);
    const bool complete = code_.size() == kCodeLength;
    if (ui.primary_button("Pair", -1, complete)) {
      ctx.admin.start_pairing(url_, code_);
      code_.clear();
      step_ = Step::kWorking;
      return;
    }
    // The last character typed: bring "Pair" into view on a short screen.
    if (complete && !revealed_) ui.reveal_last_item();
    revealed_ = complete;
    ui.spacer(1);
    if (ui.button("Change the address", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      to_address();
    }
  }

  void draw_done(Ui& ui, AdminContext& ctx, const PairingJob& job) {
    ui.begin_card("##state", color::kSuccessSoft);
    ui.text("\u2713 Paired with " + job.message, color::kSuccess, ui.fonts().bold);
    ui.text("This kiosk is sending its records to the office server now.", color::kText);
    ui.end_card();
    ui.spacer(2);
    if (ui.primary_button("See the sync status")) ctx.open_page = "Sync status";
  }

  void draw_failed(Ui& ui, const PairingJob& job) {
    ui.begin_card("##state", color::kDangerSoft);
    ui.text("Not paired", color::kDanger, ui.fonts().bold);
    ui.text(job.message, color::kText);
    ui.end_card();
    ui.spacer(2);
    if (ui.primary_button("Try again")) to_address();
  }

  // The address step opens with the keyboard up: typing is all it is for.
  void to_address() {
    step_ = Step::kAddress;
    typing_ = true;
  }

  static bool looks_like_address(const std::string& url) {
    for (const char* scheme : {"http://", "https://"}) {
      const std::string s(scheme);
      if (url.rfind(s, 0) == 0 && url.size() > s.size() + 1) return true;
    }
    return false;
  }

  Step step_ = Step::kShow;
  std::string url_ = kAddressStart;
  std::string code_;
  bool typing_ = false;
  bool revealed_ = false;  // "Pair" was scrolled into view for this code
};

}  // namespace

std::unique_ptr<AdminPage> make_pairing_page() { return std::make_unique<PairingPage>(); }

}  // namespace attest::ui
