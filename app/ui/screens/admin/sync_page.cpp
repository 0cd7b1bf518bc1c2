// Sync status: whether this kiosk's records are on the office server, what
// still waits, the last success, a progress bar during a long sync, the last
// problem in plain words, and "Sync now". The sync itself runs on the sync
// worker's thread; this page only reads its state.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

constexpr const char* kPairingPage = "Office server pairing";

class SyncPage final : public AdminPage {
 public:
  const char* title() const override { return "Sync status"; }

  std::string summary(AdminContext& ctx) override {
    const SyncDetail d = ctx.admin.sync_detail();
    switch (d.phase) {
      case SyncDetail::Phase::kNotPaired:
        return "Not paired: this kiosk keeps the practice's records itself";
      case SyncDetail::Phase::kSyncing: return "Sending records to the office server now";
      case SyncDetail::Phase::kOffline: return "The office server can't be reached";
      case SyncDetail::Phase::kRefused: return "The office server refused this kiosk's records";
      default: break;
    }
    if (d.pending > 0) return records_text(d.pending) + " waiting to be sent";
    return "All records are on the office server";
  }

  void enter(AdminContext&) override { asked_ = false; }

  void draw(Ui& ui, AdminContext& ctx) override {
    const SyncDetail d = ctx.admin.sync_detail();
    const Timestamp now = ctx.app.backend().now();
    if (d.phase == SyncDetail::Phase::kNotPaired) {
      draw_not_paired(ui, ctx, d);
      return;
    }
    draw_state(ui, d, now);
    ui.spacer(2);
    fact_row(ui, "Last successful sync",
             d.last_success_utc_ms ? when_text(*d.last_success_utc_ms, now) : "Never");
    fact_row(ui, "Waiting to be sent", records_text(d.pending));
    fact_row(ui, "Office server", d.server_url);
    fact_row(ui, "Practice", d.practice_name);
    ui.spacer(2);
    // Always there: tapped during a sync, another follows it.
    if (ui.primary_button("Sync now")) {
      ctx.admin.sync_now();
      asked_ = true;
    }
    if (asked_ && d.phase != SyncDetail::Phase::kSyncing) {
      ui.text("Asked the sync to run now; this page updates by itself.", color::kTextSecondary,
              ui.fonts().small);
    }
  }

 private:
  static void draw_state(Ui& ui, const SyncDetail& d, const Timestamp& now) {
    switch (d.phase) {
      case SyncDetail::Phase::kSyncing:
        // A white card: the bar's pale track must show against it.
        ui.begin_card("##state", color::kSurface);
        ui.text("Sending records to the office server\u2026", color::kText, ui.fonts().bold);
        if (d.total > 0) {
          ui.spacer(1);
          ui.progress(float(double(d.sent) / double(d.total)),
                      ("Sent " + thousands(d.sent) + " of " + records_text(d.total)).c_str());
        }
        ui.end_card();
        return;
      case SyncDetail::Phase::kOffline:
        ui.begin_card("##state", color::kWarningSoft);
        ui.text("The office server can't be reached", color::kWarningText, ui.fonts().bold);
        ui.text(d.last_error + " Your records are safe on this kiosk and will sync when it is "
                               "back.",
                color::kText);
        if (d.next_attempt_utc_ms && *d.next_attempt_utc_ms > now.utc_ms) {
          const int64_t s = (*d.next_attempt_utc_ms - now.utc_ms + 999) / 1000;
          ui.text("Trying again by itself in " +
                      (s < 60 ? std::to_string(s) + " s" : std::to_string((s + 59) / 60) + " min") +
                      ", or now with \"Sync now\".",
                  color::kTextSecondary, ui.fonts().small);
        }
        ui.end_card();
        return;
      case SyncDetail::Phase::kRefused:
        ui.begin_card("##state", color::kDangerSoft);
        ui.text("The office server refused this kiosk's records", color::kDanger, ui.fonts().bold);
        ui.text(d.last_error + " Your records are safe on this kiosk. This will not fix itself: "
                               "check the office server, or pair this kiosk again.",
                color::kText);
        ui.end_card();
        return;
      default:
        break;
    }
    if (d.pending > 0) {
      ui.begin_card("##state", color::kPrimarySoft);
      ui.text(records_text(d.pending) + " waiting to be sent", color::kText, ui.fonts().bold);
      ui.text("They are safe on this kiosk and go to the office server with the next sync.",
              color::kTextSecondary);
      ui.end_card();
    } else {
      ui.begin_card("##state", color::kSuccessSoft);
      ui.text("\u2713 All records are on the office server", color::kSuccess, ui.fonts().bold);
      ui.end_card();
    }
  }

  static void draw_not_paired(Ui& ui, AdminContext& ctx, const SyncDetail& d) {
    ui.begin_card("##state", color::kSurface);
    ui.text("This kiosk is not paired with an office server", color::kText, ui.fonts().bold);
    ui.text("Its own record store is the practice's record: nothing is sent anywhere. Keep it "
            "backed up, or pair it with the office server to keep a second copy there.",
            color::kTextSecondary);
    ui.end_card();
    ui.spacer(2);
    fact_row(ui, "Records on this kiosk not yet on a server", records_text(d.pending));
    ui.spacer(2);
    if (ui.button("Pair with an office server", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      ctx.open_page = kPairingPage;
    }
  }

  bool asked_ = false;
};

}  // namespace

std::unique_ptr<AdminPage> make_sync_page() { return std::make_unique<SyncPage>(); }

}  // namespace attest::ui
