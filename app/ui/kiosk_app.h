// The kiosk's UI state machine: which screen is showing, who is signed in,
// what they are working on, and the inactivity timer with its visible
// warning. Time comes from the backend's clock so scripts can fast-forward.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/backend.h"
#include "ui/screen.h"
#include "ui/ui.h"

namespace attest::ui {

struct KioskSettings {
  int inactivity_seconds = 120;  // auto-logoff (45 CFR 164.312(a)(2)(iii))
  int warning_seconds = 30;      // visible countdown before it fires (>= 20)
  int reminder_seconds = 12;     // attract screen rotation
};

// What the signed-in person is doing; cleared on sign-out.
struct Work {
  std::string person_id;
  std::string person_name;
  std::string pin_for;  // person chosen on the name screen
  std::string pin_entry;
  std::string pin_message;
  std::string module_id;
  int page = 0;
  std::string quiz_id;
  int question = 0;
  std::vector<int> answers;
  bool answered = false;
  std::string policy_id;
  std::string save_error;  // a failed write, shown where it happened
  std::string typed_name;
  std::vector<std::vector<std::pair<int, int>>> strokes;
  bool consent = false;
  bool policy_read = false;
  std::string receipt_title;
  std::string receipt_detail;
};

class KioskApp {
 public:
  KioskApp(KioskBackend& backend, Theme& theme, KioskSettings settings);
  ~KioskApp();

  // Builds one frame of ImGui widgets (between the window's begin and end).
  void frame();
  // Input arrived: resets the inactivity timer.
  void note_activity();
  // Milliseconds until the UI must redraw by itself (timers), or -1.
  int next_wakeup_ms();

  void go(ScreenId id);
  // A screen change, or a widget's change, is waiting for the next frame:
  // keep drawing.
  bool settling() const { return pending_.has_value() || registry_.frame_requested(); }
  ScreenId current() const { return current_; }
  KioskBackend& backend() { return backend_; }
  Work& work() { return work_; }
  const KioskSettings& settings() const { return settings_; }
  WidgetRegistry& registry() { return registry_; }
  int64_t now_ms() { return backend_.now().utc_ms; }
  // A short notice on the attract screen (e.g. after an auto-logoff).
  void set_notice(std::string notice) { notice_ = std::move(notice); }
  const std::string& notice() const { return notice_; }
  void sign_out(bool automatic);
  // Closes admin mode (wiping the practice secret) and goes to the start.
  void close_admin(bool automatic);
  // Shown on every screen while the curriculum has broken files.
  void draw_content_errors(Ui& ui);
  // One quiet line about the office-server sync; nothing when not paired.
  void draw_sync_status(Ui& ui);
  // The bar at the top of signed-in screens: name and "Sign out".
  void draw_person_bar(Ui& ui);

 private:
  Screen* screen(ScreenId id);
  void draw_frame();
  // Who the warning is for: a signed-in person, the Security Official in
  // admin mode, or nobody (a form left open).
  enum class Idle { kPerson, kAdmin, kNobody };
  void draw_idle_warning(Ui& ui, int seconds_left, Idle who);
  bool admin_open();

  KioskBackend& backend_;
  Theme& theme_;
  KioskSettings settings_;
  WidgetRegistry registry_;
  std::vector<std::unique_ptr<Screen>> screens_;
  ScreenId current_ = ScreenId::kAttract;
  std::optional<ScreenId> pending_;
  Work work_;
  int64_t last_activity_ms_ = 0;
  std::string notice_;
};

}  // namespace attest::ui
