// Overdue training: who is overdue on what and by how many days, most
// overdue first, as the overdue report lists it (report/training_status.h).
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

class OverduePage final : public AdminPage {
 public:
  const char* title() const override { return "Overdue training"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records) return "Who is overdue on what";
    if (v.records->overdue.empty()) return "Nobody is overdue";
    return count_text(v.records->overdue_people, "person", "people") + " overdue on " +
           count_text(int(v.records->overdue.size()), "module or policy", "modules and policies");
  }

  void enter(AdminContext& ctx) override { ctx.admin.refresh_records(); }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, view_);
    if (!r) return;
    if (r->overdue.empty()) {
      ui.begin_card("##none", color::kSuccessSoft);
      ui.text("\u2713 Nobody is overdue", color::kSuccess, ui.fonts().bold);
      ui.text("Everyone on the staff list is up to date, or still within the time they have.",
              color::kText);
      ui.end_card();
      return;
    }
    ui.text(count_text(r->overdue_people, "person is", "people are") + " overdue on " +
                count_text(int(r->overdue.size()), "module or policy", "modules and policies") +
                " in all, most overdue first. They see these first when they sign in.",
            color::kTextSecondary);
    ui.spacer(2);
    int i = 0;
    for (const OverdueLine& o : r->overdue) {
      const std::string id = "##overdue-" + std::to_string(i++);
      ui.begin_card(id.c_str(), color::kSurface);
      text_with_note(ui, o.person_name, ui.fonts().bold,
                     std::to_string(o.days_overdue) +
                         (o.days_overdue == 1 ? " day overdue" : " days overdue"),
                     color::kDanger);
      ui.text(o.item_title, color::kText);
      ui.text(std::string(o.policy ? "Policy" : "Module") + ", version " +
                  std::to_string(o.version) + ". " + role_title(o.role) + ". Was due " +
                  short_date(o.due) + "; " + o.reason + ".",
              color::kTextSecondary, ui.fonts().small);
      ui.end_card();
      ui.spacer(1);
    }
  }

 private:
  RecordsView view_;
};

}  // namespace

std::unique_ptr<AdminPage> make_overdue_page() { return std::make_unique<OverduePage>(); }

}  // namespace attest::ui
