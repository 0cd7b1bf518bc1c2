// Every kiosk screen, in one list.
#include "ui/screen.h"

namespace attest::ui {

std::unique_ptr<Screen> make_attract_screen();
std::unique_ptr<Screen> make_pick_name_screen();
std::unique_ptr<Screen> make_pin_screen();
std::unique_ptr<Screen> make_home_screen();
std::unique_ptr<Screen> make_reader_screen();
std::unique_ptr<Screen> make_quiz_screen();
std::unique_ptr<Screen> make_attest_screen();
std::unique_ptr<Screen> make_receipt_screen();
std::unique_ptr<Screen> make_incident_screen();
std::unique_ptr<Screen> make_incident_done_screen();
std::unique_ptr<Screen> make_enroll_screen();
std::unique_ptr<Screen> make_admin_unlock_screen();  // admin/: admin mode and its pages
std::unique_ptr<Screen> make_admin_screen();

std::vector<std::unique_ptr<Screen>> make_screens() {
  std::vector<std::unique_ptr<Screen>> s;
  s.push_back(make_attract_screen());  // first: the fallback
  s.push_back(make_pick_name_screen());
  s.push_back(make_pin_screen());
  s.push_back(make_home_screen());
  s.push_back(make_reader_screen());
  s.push_back(make_quiz_screen());
  s.push_back(make_attest_screen());
  s.push_back(make_receipt_screen());
  s.push_back(make_incident_screen());
  s.push_back(make_incident_done_screen());
  s.push_back(make_enroll_screen());
  s.push_back(make_admin_unlock_screen());
  s.push_back(make_admin_screen());
  return s;
}

}  // namespace attest::ui
