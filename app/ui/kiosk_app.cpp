#include "ui/kiosk_app.h"

#include <algorithm>

#include "ui/admin_backend.h"

namespace attest::ui {

KioskApp::KioskApp(KioskBackend& backend, Theme& theme, KioskSettings settings)
    : backend_(backend), theme_(theme), settings_(settings), screens_(make_screens()) {
  settings_.warning_seconds = std::max(20, settings_.warning_seconds);
  settings_.inactivity_seconds = std::max(settings_.inactivity_seconds, settings_.warning_seconds + 10);
  last_activity_ms_ = now_ms();
}

KioskApp::~KioskApp() = default;

Screen* KioskApp::screen(ScreenId id) {
  for (auto& s : screens_) {
    if (s->id() == id) return s.get();
  }
  return screens_.front().get();
}

void KioskApp::go(ScreenId id) { pending_ = id; }

void KioskApp::note_activity() { last_activity_ms_ = now_ms(); }

void KioskApp::sign_out(bool automatic) {
  if (backend_.signed_in()) {
    Status s = backend_.sign_out(automatic);
    if (!s.ok()) notice_ = "Could not record the sign-out: " + s.error().message;
  }
  work_ = Work{};
  go(ScreenId::kAttract);
}

void KioskApp::close_admin(bool automatic) {
  if (AdminBackend* admin = backend_.admin()) admin->close(automatic);
  go(ScreenId::kAttract);
}

bool KioskApp::admin_open() {
  AdminBackend* admin = backend_.admin();
  return admin && admin->is_open();
}

int KioskApp::next_wakeup_ms() {
  const int64_t now = now_ms();
  int64_t wake = INT64_MAX;
  if (current_ != ScreenId::kAttract) {
    int64_t warn_at = last_activity_ms_ + int64_t(settings_.inactivity_seconds - settings_.warning_seconds) * 1000;
    int64_t fire_at = last_activity_ms_ + int64_t(settings_.inactivity_seconds) * 1000;
    if (now < warn_at) {
      wake = warn_at - now;
    } else {
      // Tick the countdown once a second.
      wake = std::min<int64_t>(fire_at - now, 1000 - (now - warn_at) % 1000);
    }
  }
  if (current_ == ScreenId::kAttract) {
    // Only when the next reminder is due: the start screen is what the
    // kiosk shows all day, and every redraw costs CPU.
    const int64_t period = int64_t(settings_.reminder_seconds) * 1000;
    wake = std::min<int64_t>(wake, period - now % period);
  } else if (current_ == ScreenId::kPin || current_ == ScreenId::kPickName ||
             current_ == ScreenId::kAdminUnlock || current_ == ScreenId::kAdmin) {
    // Lockout countdowns; on the admin pages, "synced 3 minutes ago" and
    // the next retry.
    wake = std::min<int64_t>(wake, 1000);
  }
  if (wake == INT64_MAX) return -1;
  return int(std::max<int64_t>(wake, 1));
}

void KioskApp::frame() {
  registry_.begin_frame();
  draw_frame();
  registry_.end_frame();
}

void KioskApp::draw_frame() {
  Ui ui(theme_, registry_);
  if (AdminBackend* admin = backend_.admin()) admin->poll();
  if (pending_) {
    if (*pending_ != current_) screen(current_)->leave(*this);
    current_ = *pending_;
    pending_.reset();
    screen(current_)->enter(*this);
    ui.start_at_top();
  }
  Screen* s = screen(current_);
  if ((s->needs_person() && !backend_.signed_in()) || (s->needs_admin() && !admin_open())) {
    go(ScreenId::kAttract);
    return;
  }
  s->draw(ui, *this);
  // Every screen but the start screen times out: signed-in ones sign the
  // person out; the others (a half-written incident report, a name left on
  // the PIN pad) go back to the start screen, so nothing stays on show.
  if (current_ == ScreenId::kAttract) return;
  const int64_t idle = now_ms() - last_activity_ms_;
  const int64_t limit = int64_t(settings_.inactivity_seconds) * 1000;
  if (idle >= limit) {
    const int secs = settings_.inactivity_seconds;
    const std::string after =
        (secs % 60 ? std::to_string(secs) + " seconds"
                   : std::to_string(secs / 60) + (secs == 60 ? " minute" : " minutes")) +
        " without activity.";
    if (s->needs_person()) {
      sign_out(true);
      notice_ = "You were signed out after " + after + " Your progress is saved.";
    } else if (s->needs_admin()) {
      close_admin(true);
      notice_ = "Admin mode was closed after " + after;
    } else {
      work_ = Work{};
      go(ScreenId::kAttract);
    }
  } else if (idle >= limit - int64_t(settings_.warning_seconds) * 1000) {
    draw_idle_warning(ui, int((limit - idle + 999) / 1000),
                      s->needs_person() ? Idle::kPerson
                      : s->needs_admin() ? Idle::kAdmin
                                         : Idle::kNobody);
  }
}

void KioskApp::draw_idle_warning(Ui& ui, int seconds_left, Idle who) {
  // A dimmed full-screen layer with one card, above whatever screen is open.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(27, 31, 36, 170));
  ui.begin_screen("##logoff", 640, true);
  ImGui::PopStyleColor();
  ImGui::SetCursorPosY(std::max(ui.grid() * 2, ImGui::GetWindowHeight() / 2 - ui.px(200)));
  ui.begin_card("##logoff-card");
  ui.text("Are you still there?", color::kText, ui.fonts().heading);
  ui.spacer(1);
  const char* why =
      who == Idle::kPerson ? "For privacy, this kiosk signs you out when it is not being used. "
                             "Your progress is saved."
      : who == Idle::kAdmin ? "For privacy, admin mode closes when the kiosk is not being used."
                            : "For privacy, this kiosk goes back to the start screen when it is "
                              "not being used. Anything not yet sent is cleared.";
  ui.text(why, color::kTextSecondary);
  ui.spacer(1);
  const char* what = who == Idle::kPerson  ? "Signing out in "
                     : who == Idle::kAdmin ? "Closing admin mode in "
                                           : "Going back in ";
  ui.text(what + std::to_string(seconds_left) + " s", color::kWarningText, ui.fonts().heading);
  ui.spacer(2);
  if (ui.primary_button("I'm still here")) note_activity();
  ui.end_card();
  ui.end_screen();
}

void KioskApp::draw_content_errors(Ui& ui) {
  auto errors = backend_.content_errors();
  if (errors.empty()) return;
  ui.begin_card("##content-errors", color::kWarningSoft);
  ui.text("Some training files could not be loaded", color::kWarningText, ui.fonts().bold);
  for (const auto& e : errors) ui.text(e, color::kText, ui.fonts().small);
  ui.text("Everything else works. Tell your Security Official.", color::kTextSecondary,
          ui.fonts().small);
  ui.end_card();
  ui.spacer(1);
}

void KioskApp::draw_sync_status(Ui& ui) {
  const SyncIndicator s = backend_.sync_indicator();
  const std::string records = std::to_string(s.pending) + (s.pending == 1 ? " record" : " records");
  switch (s.state) {
    case SyncIndicator::State::kNone:
      return;
    case SyncIndicator::State::kUpToDate:
      ui.text("\u2713 All records are on the office server" +
                  (s.detail.empty() ? std::string() : " \u00b7 " + s.detail),
              color::kSuccess, ui.fonts().small);
      break;
    case SyncIndicator::State::kWaiting:
      ui.text(records + " will be sent to the office server shortly", color::kTextSecondary,
              ui.fonts().small);
      break;
    case SyncIndicator::State::kSyncing:
      // A bar only for a long sync; a few records come and go in a blink.
      if (s.pending >= 100) {
        ui.progress(float(s.progress), ("Sending " + records + " to the office server").c_str());
      } else {
        ui.text("Sending " + records + " to the office server", color::kTextSecondary,
                ui.fonts().small);
      }
      break;
    case SyncIndicator::State::kOffline:
      ui.text("The office server can't be reached. " + records +
                  " are safe on this kiosk and will be sent when it is back.",
              color::kWarningText, ui.fonts().small);
      break;
    case SyncIndicator::State::kProblem:
      ui.text("Sync problem: " + s.detail + ". Records are safe on this kiosk; tell your "
              "Security Official.",
              color::kDanger, ui.fonts().small);
      break;
  }
  ui.spacer(1);
}

void KioskApp::draw_person_bar(Ui& ui) {
  auto person = backend_.signed_in();
  const float bw = ui.px(180);
  float y = ImGui::GetCursorPosY();
  ui.text(person ? person->name : std::string(), color::kText, ui.fonts().bold);
  if (person) ui.text(role_title(person->role), color::kTextSecondary, ui.fonts().small);
  ImGui::SetCursorPos(ImVec2(ui.content_x() + ui.content_width() - bw, y));
  if (ui.button("Sign out", ImVec2(bw, theme_.target()), Look::kSecondary)) sign_out(false);
  ui.spacer(2);
}

}  // namespace attest::ui
