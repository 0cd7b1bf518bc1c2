// People: the staff list with each person's role and how their training
// stands; a person's page is their transcript (what they completed, when,
// which version) and where they stand on each module and policy. On a
// standalone kiosk the Security Official adds people (person_form.h),
// changes a role, hands the kiosk to someone to choose a new PIN, and
// deactivates or reactivates someone here, each a RosterChanged record. A paired kiosk's staff list is the office
// server's: the server cannot read sealed records, so a change made here
// could never reach the other kiosks; it is shown read-only.
#include "ui/screens/admin/person_form.h"

namespace attest::ui {

namespace {

class PeoplePage final : public AdminPage {
 public:
  const char* title() const override { return "People"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records) return "The staff list and each person's training";
    int active = 0;
    for (const auto& p : v.records->people) active += p.active;
    return count_text(active, "person", "people") + " on the staff list" +
           (ctx.admin.roster_editable() ? "" : " (kept by the office server)");
  }

  void enter(AdminContext& ctx) override {
    ctx.admin.refresh_records();
    view_state_ = View::kList;
    person_id_.clear();
    notice_.clear();
  }
  void leave() override {
    form_.clear();
    view_state_ = View::kList;
  }

  std::optional<Typing> typing() override {
    return view_state_ == View::kAdd ? form_.typing() : std::nullopt;
  }
  void typing_done() override { form_.typing_done(); }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, records_);
    if (!r) return;
    const bool editable = !r->paired && ctx.admin.roster_editable();
    const RosterPerson* person = find(*r, person_id_);
    if (view_state_ != View::kList && view_state_ != View::kAdd && !person) to_list();
    switch (view_state_) {
      case View::kList: draw_list(ui, ctx, *r, editable); break;
      case View::kAdd:
        switch (form_.draw(ui, ctx, *r)) {
          case PersonForm::Outcome::kSaved:
            notice_ = "\u2713 " + form_.saved() + " was added and can sign in with their PIN now.";
            notice_bad_ = false;
            to_list();
            break;
          case PersonForm::Outcome::kCancelled: to_list(); break;
          case PersonForm::Outcome::kNone: break;
        }
        break;
      case View::kPerson: draw_person(ui, ctx, *person, editable); break;
      case View::kPin:
        switch (form_.draw(ui, ctx, *r)) {
          case PersonForm::Outcome::kSaved:
            show(Status{}, form_.saved() + " can sign in with their new PIN now.");
            break;
          case PersonForm::Outcome::kCancelled: view_state_ = View::kPerson; break;
          case PersonForm::Outcome::kNone: break;
        }
        break;
      case View::kRole: draw_role(ui, ctx, *r, *person); break;
      case View::kConfirm: draw_confirm(ui, ctx, *person); break;
    }
  }

 private:
  enum class View { kList, kAdd, kPerson, kRole, kConfirm, kPin };

  static const RosterPerson* find(const AdminRecords& r, const std::string& id) {
    for (const auto& p : r.people) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }

  void to_list() {
    view_state_ = View::kList;
    ImGui::SetScrollY(0);
  }

  void draw_list(Ui& ui, AdminContext& ctx, const AdminRecords& r, bool editable) {
    if (!notice_.empty()) {
      ui.begin_card("##notice", color::kSuccessSoft);
      ui.text(notice_, color::kSuccess, ui.fonts().bold);
      ui.end_card();
      ui.spacer(2);
    }
    if (editable) {
      if (ui.primary_button("Add a person")) {
        form_.start(local_date(ctx.app.backend().now()));
        notice_.clear();
        view_state_ = View::kAdd;
      }
    } else {
      ui.begin_card("##server-roster", color::kPrimarySoft);
      ui.text("The office server keeps this staff list", color::kText, ui.fonts().bold);
      ui.text("Changes are made at the office server with attest roster import, and reach this "
              "kiosk with the next sync.",
              color::kText);
      ui.end_card();
    }
    ui.spacer(2);
    ui.text("Tap a person to see their training.", color::kTextSecondary);
    ui.spacer(1);
    for (const RosterPerson& p : r.people) {
      std::string detail = role_title(p.role) + ". Started " + short_date(p.hired) + ".";
      if (p.active) detail += " " + std::to_string(p.done) + " of " + std::to_string(p.assigned) + " done.";
      const char* badge = nullptr;
      ImU32 badge_color = color::kSuccess;
      std::string badge_text;
      if (!p.active) {
        badge_text = "No longer active";
        badge_color = color::kTextSecondary;
      } else if (p.overdue > 0) {
        badge_text = std::to_string(p.overdue) + " overdue";
        badge_color = color::kDanger;
      } else if (p.due > 0) {
        badge_text = std::to_string(p.due) + " due";
        badge_color = color::kWarningText;
      } else {
        badge_text = "Up to date";
      }
      if (p.active && !p.has_pin) detail += " No PIN yet.";
      badge = badge_text.c_str();
      const std::string id = p.name + "##" + p.id;
      const std::string initials = initials_of(p.name);
      if (ui.list_row(id.c_str(), p.name.c_str(), detail.c_str(), badge_color, badge,
                      initials.c_str())) {
        person_id_ = p.id;
        notice_.clear();
        view_state_ = View::kPerson;
        ImGui::SetScrollY(0);
      }
      ui.spacer(1);
    }
  }

  void draw_person(Ui& ui, AdminContext& ctx, const RosterPerson& p, bool editable) {
    if (ui.back_button("All people")) {
      to_list();
      return;
    }
    ui.text(p.name, color::kText, ui.fonts().heading);
    if (!notice_.empty()) ui.text(notice_, notice_bad_ ? color::kDanger : color::kSuccess, ui.fonts().bold);
    ui.spacer(1);
    fact_row(ui, "Role", role_title(p.role));
    fact_row(ui, "Started", short_date(p.hired));
    fact_row(ui, "Status", p.active ? (p.has_pin ? "Active" : "Active, no PIN yet")
                                    : "No longer active: cannot sign in, records kept",
             p.active ? color::kText : color::kWarningText);
    fact_row(ui, "Person id", p.id);
    if (editable) {
      ui.spacer(1);
      const float gap = ui.grid();
      const float half = (ui.content_width() - gap) / 2;
      const ImVec2 size(half, ui.theme().target());
      if (p.active) {
        if (ui.button("Change role", size, Look::kSecondary)) {
          role_ = p.role;
          view_state_ = View::kRole;
        }
        ImGui::SameLine(0, gap);
        if (ui.button("Deactivate", size, Look::kSecondary)) view_state_ = View::kConfirm;
        ui.spacer(1);
        if (ui.button(p.has_pin ? "Set a new PIN" : "Choose a PIN",
                      ImVec2(ui.content_width(), ui.theme().target()), Look::kSecondary)) {
          form_.start_new_pin(p.id, p.name);
          notice_.clear();
          view_state_ = View::kPin;
          ImGui::SetScrollY(0);
        }
      } else if (ui.button("Reactivate", ImVec2(ui.content_width(), ui.theme().target()),
                           Look::kSecondary)) {
        show(ctx.admin.set_active(p.id, true), p.name + " is active again.");
      }
    }
    ui.spacer(3);
    ui.text("Where they stand", color::kText, ui.fonts().bold);
    if (p.items.empty()) {
      ui.text(p.active ? "Nothing is assigned to them." : "Nothing is assigned to someone no "
                                                          "longer active.",
              color::kTextSecondary);
    }
    for (const PersonItem& item : p.items) {
      std::string note;
      ImU32 tone = color::kSuccess;
      switch (item.state) {
        case ItemState::kDone:
          note = "Done " + (item.last_done ? short_date(*item.last_done) : std::string());
          break;
        case ItemState::kDue:
          note = "Due " + (item.due ? short_date(*item.due) : std::string());
          tone = color::kWarningText;
          break;
        case ItemState::kOverdue:
          note = std::to_string(item.days_overdue) + (item.days_overdue == 1 ? " day" : " days") +
                 " overdue";
          tone = color::kDanger;
          break;
        case ItemState::kNotAssigned: break;
      }
      ui.spacer(1);
      text_with_note(ui, item.title + (item.new_version ? " (new version)" : ""), nullptr, note,
                     tone);
    }
    ui.spacer(3);
    ui.text("What they completed", color::kText, ui.fonts().bold);
    if (p.completed.empty()) ui.text("Nothing yet.", color::kTextSecondary);
    for (const CompletedLine& c : p.completed) {
      ui.spacer(1);
      ui.text(short_date(c.on) + ": " + c.title, color::kText);
      ui.text(std::string(c.policy ? "Policy signed" : "Module completed") + ", version " +
                  std::to_string(c.version),
              color::kTextSecondary, ui.fonts().small);
    }
  }

  void draw_role(Ui& ui, AdminContext& ctx, const AdminRecords& r, const RosterPerson& p) {
    if (ui.back_button("Cancel##role", false)) {
      view_state_ = View::kPerson;
      return;
    }
    ui.text("Change " + p.name + "'s role", color::kText, ui.fonts().heading);
    ui.text("What they must complete follows from their role.", color::kTextSecondary);
    ui.spacer(2);
    std::vector<std::string> shown;
    int chosen = -1;
    for (size_t i = 0; i < r.roles.size(); ++i) {
      shown.push_back(role_title(r.roles[i]));
      if (r.roles[i] == role_) chosen = int(i);
    }
    if (int t = ui.chips("roles", shown, chosen); t >= 0) role_ = r.roles[size_t(t)];
    ui.spacer(2);
    if (ui.primary_button("Save the role", -1, role_ != p.role)) {
      show(ctx.admin.change_role(p.id, role_), p.name + " is now " + role_title(role_) + ".");
    }
  }

  void draw_confirm(Ui& ui, AdminContext& ctx, const RosterPerson& p) {
    ui.begin_card("##confirm", color::kWarningSoft);
    ui.text("Deactivate " + p.name + "?", color::kWarningText, ui.fonts().bold);
    ui.text("They will no longer be able to sign in, and no training is asked of them. Every "
            "record of theirs is kept, and they can be reactivated later.",
            color::kText);
    ui.end_card();
    ui.spacer(2);
    if (ui.button("Yes, deactivate", ImVec2(ui.content_width(), ui.theme().primary_target()),
                  Look::kDanger)) {
      show(ctx.admin.set_active(p.id, false), p.name + " is no longer active.");
    }
    ui.spacer(1);
    if (ui.button("Cancel##deactivate", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      view_state_ = View::kPerson;
    }
  }

  // After a change: back to the person, saying what happened or why not.
  void show(const Status& s, std::string done) {
    notice_ = s.ok() ? "\u2713 " + done : "Not saved: " + s.error().message;
    notice_bad_ = !s.ok();
    view_state_ = View::kPerson;
  }

  RecordsView records_;
  View view_state_ = View::kList;
  std::string person_id_;
  std::string role_;
  std::string notice_;
  bool notice_bad_ = false;
  PersonForm form_;
};

}  // namespace

std::unique_ptr<AdminPage> make_people_page() { return std::make_unique<PeoplePage>(); }

}  // namespace attest::ui
