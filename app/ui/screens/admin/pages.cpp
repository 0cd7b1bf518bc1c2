// Every admin page, in menu order, in one list.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

std::unique_ptr<AdminPage> make_sync_page();
std::unique_ptr<AdminPage> make_pairing_page();

std::vector<std::unique_ptr<AdminPage>> make_admin_pages() {
  std::vector<std::unique_ptr<AdminPage>> p;
  p.push_back(make_sync_page());
  p.push_back(make_pairing_page());
  return p;
}

}  // namespace attest::ui
