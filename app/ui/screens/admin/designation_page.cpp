// Designations: who is the Security Official (45 CFR 164.308(a)(2)) and the
// Privacy Official (164.530(a)) now, every earlier designation (newest
// first; a new one supersedes, never erases), and recording a new one: the
// person, the date it takes effect, their duties, and the typed name and
// drawn signature of whoever designates them. Saved as a
// SecurityOfficialDesignated or PrivacyOfficialDesignated record.
#include "ui/date_stepper.h"
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

constexpr size_t kMaxDuties = 400;
constexpr size_t kMaxName = 60;
// Enough pen travel to be a signature, as on the attestation screen.
constexpr int kMinimumInk = 250;

const char* role_words(bool security) { return security ? "Security Official" : "Privacy Official"; }

// A sensible start the official can keep or change.
const char* default_duties(bool security) {
  return security
             ? "Security Official under 45 CFR 164.308(a)(2): develops and carries out the "
               "practice's security policies and procedures, runs workforce security training, "
               "and reviews security incidents."
             : "Privacy Official under 45 CFR 164.530(a): develops and carries out the practice's "
               "privacy policies and procedures, and receives and answers privacy complaints.";
}

class DesignationPage final : public AdminPage {
 public:
  const char* title() const override { return "Designations"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records) return "The Security and Privacy Officials";
    std::string out;
    for (bool security : {true, false}) {
      const DesignationLine* d = current(*v.records, security);
      out += std::string(out.empty() ? "" : "; ") + role_words(security) + ": " +
             (d ? d->name : "none");
    }
    return out;
  }

  void enter(AdminContext& ctx) override {
    ctx.admin.refresh_records();
    form_ = false;
    notice_.clear();
  }
  void leave() override { clear_form(); }

  std::optional<Typing> typing() override {
    if (!form_ || editing_ == Field::kNone) return std::nullopt;
    if (editing_ == Field::kDuties) return Typing{&duties_, kMaxDuties, Ui::Caps::kSentence};
    return Typing{&signer_, kMaxName, Ui::Caps::kWords};
  }
  void typing_done() override { editing_ = Field::kNone; }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, view_);
    if (!r) return;
    if (form_) {
      draw_form(ui, ctx, *r);
    } else {
      draw_record(ui, ctx, *r);
    }
  }

 private:
  enum class Field { kNone, kDuties, kSigner };

  static const DesignationLine* current(const AdminRecords& r, bool security) {
    for (const auto& d : r.designations) {
      if (d.security == security && d.current) return &d;
    }
    return nullptr;
  }

  void draw_record(Ui& ui, AdminContext& ctx, const AdminRecords& r) {
    if (!notice_.empty()) {
      ui.begin_card("##notice", color::kSuccessSoft);
      ui.text(notice_, color::kSuccess, ui.fonts().bold);
      ui.end_card();
      ui.spacer(2);
    }
    for (bool security : {true, false}) {
      const DesignationLine* d = current(r, security);
      ui.begin_card(security ? "##security" : "##privacy", d ? color::kSurface : color::kWarningSoft);
      ui.text(role_words(security), color::kTextSecondary, ui.fonts().bold);
      if (d) {
        ui.text(d->name, color::kText, ui.fonts().heading);
        ui.text("Since " + d->effective + ", designated by " + d->designated_by +
                    (d->drawn ? ", signed." : "."),
                color::kTextSecondary, ui.fonts().small);
      } else {
        ui.text(std::string("Nobody is designated yet (45 CFR ") +
                    (security ? "164.308(a)(2)" : "164.530(a)") + ").",
                color::kWarningText, ui.fonts().bold);
      }
      ui.end_card();
      ui.spacer(1);
    }
    ui.spacer(1);
    if (ui.primary_button("Record a designation")) start_form(ctx, r);
    if (r.paired) {
      ui.text("Designations recorded at the office server (attest designate) are in its "
              "designation report, not here.",
              color::kTextSecondary, ui.fonts().small);
    }
    ui.spacer(3);
    ui.text("History, newest first", color::kText, ui.fonts().bold);
    if (r.designations.empty()) ui.text("None recorded yet.", color::kTextSecondary);
    for (const auto& d : r.designations) {
      ui.spacer(1);
      text_with_note(ui, std::string(role_words(d.security)) + ": " + d.name, ui.fonts().bold,
                     d.current ? "Current" : "Superseded",
                     d.current ? color::kSuccess : color::kTextSecondary);
      ui.text("From " + d.effective + ". Designated by " + d.designated_by +
                  (d.drawn ? ", signature drawn." : ", no signature drawn.") +
                  (d.duties.empty() ? "" : " Duties: " + d.duties),
              color::kTextSecondary, ui.fonts().small);
    }
  }

  void start_form(AdminContext& ctx, const AdminRecords& r) {
    clear_form();
    form_ = true;
    security_ = current(r, true) == nullptr || current(r, false) != nullptr;
    duties_ = default_duties(security_);
    effective_ = local_date(ctx.app.backend().now());
    notice_.clear();
    ImGui::SetScrollY(0);
  }

  void clear_form() {
    form_ = false;
    person_id_.clear();
    signer_.clear();
    duties_.clear();
    strokes_.clear();
    error_.clear();
    editing_ = Field::kNone;
  }

  void draw_form(Ui& ui, AdminContext& ctx, const AdminRecords& r) {
    if (ui.back_button("Cancel##designation", false)) {
      clear_form();
      return;
    }
    ui.text("Record a designation", color::kText, ui.fonts().heading);
    ui.spacer(1);
    ui.text("1. Which role", color::kText, ui.fonts().bold);
    if (int t = ui.chips("official", {role_words(true), role_words(false)}, security_ ? 0 : 1);
        t >= 0) {
      const bool was_default = duties_ == default_duties(security_);
      security_ = t == 0;
      if (was_default) duties_ = default_duties(security_);
      editing_ = Field::kNone;
    }
    ui.spacer(2);
    ui.text("2. Who", color::kText, ui.fonts().bold);
    std::vector<std::string> names;
    std::vector<std::string> ids;
    int chosen = -1;
    for (const auto& p : r.people) {
      if (!p.active) continue;
      if (p.id == person_id_) chosen = int(ids.size());
      names.push_back(p.name);
      ids.push_back(p.id);
    }
    if (int t = ui.chips("person", names, chosen); t >= 0) {
      person_id_ = ids[size_t(t)];
      editing_ = Field::kNone;
    }
    ui.spacer(2);
    ui.text("3. From which day", color::kText, ui.fonts().bold);
    if (date_stepper(ui, "effective", effective_)) editing_ = Field::kNone;
    ui.spacer(2);
    ui.text("4. Their duties", color::kText, ui.fonts().bold);
    if (ui.text_box("Duties", duties_, "Tap here to type their duties", editing_ == Field::kDuties,
                    4)) {
      editing_ = Field::kDuties;
    }
    if (ui.button("Clear the duties", ImVec2(ui.content_width(), ui.theme().target()), Look::kQuiet,
                  !duties_.empty())) {
      duties_.clear();
      editing_ = Field::kDuties;
    }
    ui.spacer(2);
    ui.text("5. Signed by: type your full name", color::kText, ui.fonts().bold);
    if (ui.text_box("Signed by", signer_, "Tap here to type your name", editing_ == Field::kSigner)) {
      editing_ = Field::kSigner;
    }
    ui.spacer(2);
    ui.text("6. Sign with your finger", color::kText, ui.fonts().bold);
    if (ui.signature_pad("Signature", strokes_, std::max(ui.px(200), 160.0f))) {
      editing_ = Field::kNone;
    }
    const float gap = ui.grid();
    const float half = (ui.content_width() - gap) / 2;
    if (ui.button("Undo last stroke", ImVec2(half, ui.theme().target()), Look::kQuiet,
                  !strokes_.empty())) {
      strokes_.pop_back();
    }
    ImGui::SameLine(0, gap);
    if (ui.button("Clear signature", ImVec2(half, ui.theme().target()), Look::kQuiet,
                  !strokes_.empty())) {
      strokes_.clear();
    }
    const bool enough_ink = Ui::ink_length(strokes_) >= kMinimumInk;
    if (!strokes_.empty() && !enough_ink) {
      ui.text("That looks too short for a signature. Please sign your name.", color::kWarningText,
              ui.fonts().small);
    }
    ui.spacer(2);
    const bool ready = !person_id_.empty() && duties_.find_first_not_of(' ') != std::string::npos &&
                       signer_.size() >= 2 && enough_ink;
    if (!error_.empty()) ui.text(error_, color::kDanger, ui.fonts().bold);
    if (ui.primary_button("Save the designation", -1, ready)) save(ui, ctx, r);
    if (!ready) {
      ui.text("Choose who, keep or type their duties, type your name and sign to save.",
              color::kTextSecondary, ui.fonts().small);
    }
  }

  void save(Ui&, AdminContext& ctx, const AdminRecords& r) {
    NewDesignation d{security_, person_id_, effective_, duties_, signer_, strokes_};
    const Status s = ctx.admin.designate(d);
    if (!s.ok()) {
      error_ = "Not saved: " + s.error().message;
      return;
    }
    std::string name;
    for (const auto& p : r.people) {
      if (p.id == person_id_) name = p.name;
    }
    notice_ = "\u2713 Saved: " + name + " is the " + role_words(security_) + " from " +
              short_date(effective_) + ".";
    clear_form();
    ImGui::SetScrollY(0);
  }

  RecordsView view_;
  bool form_ = false;
  bool security_ = true;
  std::string person_id_;
  Date effective_;
  std::string duties_;
  std::string signer_;
  Ui::Strokes strokes_;
  Field editing_ = Field::kNone;
  std::string error_;
  std::string notice_;
};

}  // namespace

std::unique_ptr<AdminPage> make_designation_page() { return std::make_unique<DesignationPage>(); }

}  // namespace attest::ui
