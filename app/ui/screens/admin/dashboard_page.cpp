// Dashboard, the first page when admin mode opens: how many are overdue,
// incidents not yet closed, the last sync, and how much of each module and
// policy is done, as plain bars. The figures are the compliance matrix's
// "Completion by module and policy" (report/training_status.h), for the
// staff list this kiosk signs people in with.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

constexpr const char* kOverduePage = "Overdue training";

class DashboardPage final : public AdminPage {
 public:
  const char* title() const override { return "Dashboard"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records) return "How training stands, at a glance";
    const AdminRecords& r = *v.records;
    return (r.overdue_people == 0 ? std::string("Nobody is overdue")
                                  : count_text(r.overdue_people, "person", "people") + " overdue") +
           "; " + count_text(r.incidents_open, "incident", "incidents") + " not closed";
  }

  void enter(AdminContext& ctx) override { ctx.admin.refresh_records(); }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, view_);
    if (!r) return;
    const std::string practice = ctx.app.backend().practice_name();
    ui.text((practice.empty() ? std::string() : practice + ". ") + "As of today, " +
                short_date(r->as_of) + ".",
            color::kTextSecondary);
    ui.spacer(2);
    draw_tiles(ui, ctx, *r);
    ui.spacer(2);
    if (!r->overdue.empty() &&
        ui.button("See who is overdue", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      ctx.open_page = kOverduePage;
    }
    ui.spacer(3);
    ui.text("Completion by module and policy", color::kText, ui.fonts().heading);
    ui.text(r->paired ? "Of everyone on the office server's staff list who must do each one, "
                        "with training done at every kiosk as of the last sync."
                      : "Of everyone on the staff list who must do each one.",
            color::kTextSecondary);
    ui.spacer(2);
    std::optional<bool> kind;  // modules come first, then policies: a label for each
    for (const ItemProgress& item : r->items) {
      if (kind != item.policy) {
        kind = item.policy;
        ui.text(item.policy ? "Policies" : "Modules", color::kTextSecondary, ui.fonts().bold);
        ui.spacer(1);
      }
      std::string detail = "Version " + std::to_string(item.version) + ": ";
      if (item.assigned == 0) {
        detail += "nobody has to do this one.";
      } else {
        detail += std::to_string(item.done) + " of " + std::to_string(item.assigned) +
                  (item.policy ? " signed" : " done");
        if (item.overdue > 0) detail += ", " + std::to_string(item.overdue) + " overdue";
        if (item.due > 0) detail += ", " + std::to_string(item.due) + " due soon";
        detail += ".";
      }
      percent_row(ui, item.title, item.percent, detail);
      ui.spacer(2);
    }
  }

 private:
  // Two tiles a row where they fit, else one a row: overdue people,
  // overdue items, incidents not closed, the last sync.
  void draw_tiles(Ui& ui, AdminContext& ctx, const AdminRecords& r) {
    const SyncDetail sync = ctx.admin.sync_detail();
    const Timestamp now = ctx.app.backend().now();
    std::string sync_figure = "Never", sync_words = "Not yet synced with the office server";
    ImU32 sync_tone = color::kWarningText;
    if (sync.phase == SyncDetail::Phase::kNotPaired) {
      sync_figure = "No server";
      sync_words = "This kiosk keeps the practice's records itself";
      sync_tone = color::kText;
    } else if (sync.last_success_utc_ms) {
      const int64_t ago = std::max<int64_t>(0, now.utc_ms - *sync.last_success_utc_ms);
      sync_figure = time_ago(ago);
      sync_words = "Last sync with the office server";
      sync_tone = ago < 24 * 3600 * 1000LL ? color::kSuccess : color::kWarningText;
    }
    const int overdue_items = static_cast<int>(r.overdue.size());
    struct Tile {
      const char* id;
      std::string figure, words;
      ImU32 tone;
    };
    const Tile tiles[] = {
        {"overdue-people", std::to_string(r.overdue_people),
         r.overdue_people == 1 ? "person overdue" : "people overdue",
         r.overdue_people ? color::kDanger : color::kSuccess},
        {"overdue-items", std::to_string(overdue_items),
         overdue_items == 1 ? "overdue module or policy" : "overdue modules and policies",
         overdue_items ? color::kDanger : color::kSuccess},
        // Paired, reviews are recorded at the office server, not here.
        {"incidents", std::to_string(r.incidents_open),
         std::string(r.incidents_open == 1 ? "incident" : "incidents") +
             (r.paired ? " reported at this kiosk" : " not yet closed"),
         r.incidents_open ? color::kWarningText : color::kSuccess},
        {"sync", sync_figure, sync_words, sync_tone},
    };
    const float gap = 2 * ui.grid();
    const bool two = ui.content_width() >= ui.px(560);
    const float w = two ? (ui.content_width() - gap) / 2 : ui.content_width();
    const float h = ui.px(130);
    for (size_t i = 0; i < std::size(tiles); ++i) {
      if (two && i % 2 == 1) {
        ImGui::SameLine(0, gap);
      } else if (i > 0) {
        ImGui::Dummy(ImVec2(1, gap - ImGui::GetStyle().ItemSpacing.y));
      }
      if (!two || i % 2 == 0) ImGui::SetCursorPosX(ui.content_x());
      figure_tile(ui, tiles[i].id, tiles[i].figure, tiles[i].words, tiles[i].tone, w, h);
    }
  }

  RecordsView view_;
};

}  // namespace

std::unique_ptr<AdminPage> make_dashboard_page() { return std::make_unique<DashboardPage>(); }

}  // namespace attest::ui
