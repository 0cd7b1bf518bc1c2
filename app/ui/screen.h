// One kiosk screen. Each lives in its own file under screens/ and is
// registered once in screens/registry.cpp; adding a screen touches that
// file and the list, nothing else.
#pragma once

#include <memory>
#include <vector>

namespace attest::ui {

class KioskApp;
class Ui;

enum class ScreenId {
  kAttract,
  kPickName,
  kPin,
  kHome,
  kReader,
  kQuiz,
  kAttest,
  kReceipt,
  kIncident,
  kIncidentDone,
  kEnroll,
  kAdminUnlock,  // the Security Official's passphrase
  kAdmin,        // admin mode: its menu and pages (screens/admin/)
};

class Screen {
 public:
  virtual ~Screen() = default;
  virtual ScreenId id() const = 0;
  // Called when the screen becomes current, and when it stops being current
  // (to wipe what was typed there).
  virtual void enter(KioskApp&) {}
  virtual void leave(KioskApp&) {}
  virtual void draw(Ui& ui, KioskApp& app) = 0;
  // Screens behind the sign-in need someone signed in; inactivity signs the
  // person out (on other screens but the start, it goes back to the start).
  virtual bool needs_person() const { return false; }
  // Admin screens need admin mode open; inactivity closes it.
  virtual bool needs_admin() const { return false; }
};

std::vector<std::unique_ptr<Screen>> make_screens();

}  // namespace attest::ui
