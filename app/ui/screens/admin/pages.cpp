// Every admin page, in menu order, in one list. The first is what admin
// mode opens on.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

std::unique_ptr<AdminPage> make_dashboard_page();
std::unique_ptr<AdminPage> make_overdue_page();
std::unique_ptr<AdminPage> make_people_page();
std::unique_ptr<AdminPage> make_designation_page();
std::unique_ptr<AdminPage> make_incidents_page();
std::unique_ptr<AdminPage> make_reminders_page();
std::unique_ptr<AdminPage> make_policies_page();
std::unique_ptr<AdminPage> make_exports_page();
std::unique_ptr<AdminPage> make_sync_page();
std::unique_ptr<AdminPage> make_pairing_page();

std::vector<std::unique_ptr<AdminPage>> make_admin_pages() {
  std::vector<std::unique_ptr<AdminPage>> p;
  p.push_back(make_dashboard_page());
  p.push_back(make_overdue_page());
  p.push_back(make_people_page());
  p.push_back(make_designation_page());
  p.push_back(make_incidents_page());
  p.push_back(make_reminders_page());
  p.push_back(make_policies_page());
  p.push_back(make_exports_page());
  p.push_back(make_sync_page());
  p.push_back(make_pairing_page());
  return p;
}

}  // namespace attest::ui
