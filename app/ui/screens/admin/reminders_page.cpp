// Security reminders (45 CFR 164.308(a)(5)(ii)(A)): this week's reminder,
// which everyone sees on their home screen, how many active people have
// confirmed it this week, and the reminders of the next 7 weeks (they take
// turns a week at a time, content/weekly_reminder.h). Read-only: the
// reminders are the curriculum's, and a confirmation is the person's own.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

class RemindersPage final : public AdminPage {
 public:
  const char* title() const override { return "Security reminders"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records || v.records->reminder_weeks.empty()) {
      return "This week's reminder and the ones after it";
    }
    return "This week: " + v.records->reminder_weeks.front().title + "; " +
           std::to_string(v.records->reminder_confirmed) + " of " +
           count_text(v.records->reminder_people, "person", "people") + " confirmed";
  }

  void enter(AdminContext& ctx) override { ctx.admin.refresh_records(); }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, view_);
    if (!r) return;
    if (r->reminder_weeks.empty()) {
      ui.text("There are no security reminders in this kiosk's curriculum.", color::kWarningText,
              ui.fonts().bold);
      return;
    }
    const ReminderWeek& now = r->reminder_weeks.front();
    ui.text("Everyone sees this week's reminder on their home screen and confirms it with "
            "\"Got it\". The reminders take turns a week at a time, starting on Mondays.",
            color::kTextSecondary);
    ui.spacer(2);

    ui.text("This week, from " + short_date(now.week_start), color::kTextSecondary,
            ui.fonts().bold);
    ui.begin_card("##this-week", color::kPrimarySoft);
    ui.text(now.title, color::kText, ui.fonts().heading);
    if (!now.cfr.empty()) ui.text(now.cfr, color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    ui.markdown(now.markdown);
    ui.end_card();
    ui.spacer(2);

    const int people = r->reminder_people;
    const int done = r->reminder_confirmed;
    const int percent = people > 0 ? (done * 100 + people / 2) / people : -1;
    percent_row(ui, "Confirmed this week", percent,
                std::to_string(done) + " of " + count_text(people, "active person", "active people") +
                    " confirmed it" +
                    (people > done ? "; " + std::to_string(people - done) + " not yet." : "."));
    ui.spacer(3);

    ui.text("The next 7 weeks", color::kText, ui.fonts().bold);
    ui.spacer(1);
    for (size_t w = 1; w < r->reminder_weeks.size(); ++w) {
      const ReminderWeek& week = r->reminder_weeks[w];
      text_with_note(ui, week.title, ui.fonts().body, "from " + short_date(week.week_start),
                     color::kTextSecondary);
      // Only where it differs from this week's: most cite the same paragraph.
      if (!week.cfr.empty() && week.cfr != now.cfr) {
        ui.text(week.cfr, color::kTextSecondary, ui.fonts().small);
      }
      ui.spacer(1);
    }
  }

 private:
  RecordsView view_;
};

}  // namespace

std::unique_ptr<AdminPage> make_reminders_page() { return std::make_unique<RemindersPage>(); }

}  // namespace attest::ui
