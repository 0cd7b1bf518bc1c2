// Policies: each policy's version in force and since when, any newer
// version in this kiosk's content that is not in force yet, and what was
// recorded about it here. The official publishes a version (a
// PolicyPublished record: in force from the day chosen, and everyone it
// covers signs it again) or records that the version in force was reviewed
// without change (PolicyReviewed), as `attest policy publish` and
// `attest policy review` do at the office server.
#include "ui/date_stepper.h"
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

constexpr size_t kMaxNote = 200;
constexpr size_t kMaxName = 60;
constexpr const char* kDefaultNote = "Reviewed and approved";

class PoliciesPage final : public AdminPage {
 public:
  const char* title() const override { return "Policies"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records) return "Policy versions in force, publishing and reviews";
    int waiting = 0;
    for (const auto& p : v.records->policies) waiting += p.newer.empty() ? 0 : 1;
    return count_text(int(v.records->policies.size()), "policy", "policies") +
           (waiting ? "; " + count_text(waiting, "has a newer version", "have a newer version")
                    : "; all current");
  }

  void enter(AdminContext& ctx) override {
    ctx.admin.refresh_records();
    form_ = false;
    notice_.clear();
  }
  void leave() override { clear_form(); }

  std::optional<Typing> typing() override {
    if (!form_ || editing_ == Field::kNone) return std::nullopt;
    if (editing_ == Field::kNote) return Typing{&note_, kMaxNote, Ui::Caps::kSentence};
    return Typing{&by_, kMaxName, Ui::Caps::kWords};
  }
  void typing_done() override { editing_ = Field::kNone; }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, view_);
    if (!r) return;
    const PolicyLine* p = nullptr;
    for (const auto& line : r->policies) {
      if (line.id == policy_id_) p = &line;
    }
    if (form_ && p) {
      draw_form(ui, ctx, *p);
    } else {
      form_ = false;
      draw_list(ui, ctx, *r);
    }
  }

 private:
  enum class Field { kNone, kNote, kName };

  void draw_list(Ui& ui, AdminContext& ctx, const AdminRecords& r) {
    if (!notice_.empty()) {
      ui.begin_card("##notice", color::kSuccessSoft);
      ui.text(notice_, color::kSuccess, ui.fonts().bold);
      ui.end_card();
      ui.spacer(2);
    }
    if (r.policies.empty()) {
      ui.text("There are no policies in this kiosk's curriculum.", color::kWarningText,
              ui.fonts().bold);
      return;
    }
    bool any_newer = false;
    for (const auto& p : r.policies) any_newer = any_newer || p.versions > 1;
    ui.text(any_newer
                ? "Publishing a version puts it in force from the day you choose; everyone it "
                  "covers signs it again. A review records that the version in force still "
                  "stands."
                : "Each policy has one version on this kiosk. New versions arrive with a content "
                  "update; you can then publish them here. Meanwhile you can record that a "
                  "policy was reviewed without change.",
            color::kTextSecondary);
    ui.spacer(2);
    const Timestamp now = ctx.app.backend().now();
    for (const auto& p : r.policies) {
      ui.begin_card(("##policy-" + p.id).c_str(), color::kSurface);
      ui.text(p.title, color::kText, ui.fonts().heading);
      ui.text("Version " + std::to_string(p.version) + " in force since " + short_date(p.since) +
                  (p.published ? " (published)." : "."),
              color::kTextSecondary);
      for (const auto& v : p.newer) {
        ui.text("Version " + std::to_string(v.version) + " is in the content: " +
                    (v.published ? "published, in force from " + short_date(v.from) + "."
                                 : "not published; its file dates it " + short_date(v.from) + "."),
                color::kWarningText, ui.fonts().bold);
      }
      ui.spacer(1);
      for (int version : p.publishable) {
        const std::string label = "Publish version " + std::to_string(version) + "##publish-" +
                                  p.id + "-" + std::to_string(version);
        if (ui.primary_button(label.c_str())) start_form(ctx, p, true, version);
      }
      const std::string review = "Reviewed without change##review-" + p.id;
      if (ui.button(review.c_str(), ImVec2(ui.content_width(), ui.theme().target()),
                    Look::kQuiet)) {
        start_form(ctx, p, false, p.version);
      }
      if (!p.actions.empty()) {
        ui.spacer(1);
        ui.text("Recorded here, newest first", color::kText, ui.fonts().bold);
      }
      for (const auto& a : p.actions) {
        const std::string v = "Version " + std::to_string(a.version);
        ui.text((a.published ? v + " published" +
                                   (a.effective.empty() ? "" : ", in force from " + a.effective)
                             : v + " reviewed without change") +
                    ", " + when_text(a.recorded_utc_ms, now, true) + ", by " + a.by_name +
                    (a.note.empty() ? "." : ": " + a.note),
                color::kTextSecondary, ui.fonts().small);
      }
      ui.end_card();
      ui.spacer(1);
    }
  }

  void start_form(AdminContext& ctx, const PolicyLine& p, bool publish, int version) {
    clear_form();
    form_ = true;
    publish_ = publish;
    policy_id_ = p.id;
    version_ = version;
    note_ = kDefaultNote;
    effective_ = local_date(ctx.app.backend().now());
    notice_.clear();
    ImGui::SetScrollY(0);
  }

  void clear_form() {
    form_ = false;
    policy_id_.clear();
    note_.clear();
    by_.clear();
    error_.clear();
    editing_ = Field::kNone;
  }

  void draw_form(Ui& ui, AdminContext& ctx, const PolicyLine& p) {
    if (ui.back_button("Cancel##policy", false)) {
      clear_form();
      return;
    }
    const std::string what = p.title + " version " + std::to_string(version_);
    ui.text(publish_ ? "Publish " + what : "Record a review of " + what, color::kText,
            ui.fonts().heading);
    ui.text(publish_ ? "From the day you choose this version is in force, and everyone it covers "
                       "is asked to sign it."
                     : "This records that the version in force was reviewed and still stands, "
                       "without change.",
            color::kTextSecondary);
    ui.spacer(2);
    int step = 1;
    if (publish_) {
      ui.text(std::to_string(step++) + ". In force from", color::kText, ui.fonts().bold);
      if (date_stepper(ui, "effective", effective_)) editing_ = Field::kNone;
      ui.spacer(2);
    }
    ui.text(std::to_string(step++) + ". A short note", color::kText, ui.fonts().bold);
    if (ui.text_box("Note", note_, "Tap here to type a note", editing_ == Field::kNote, 2)) {
      editing_ = Field::kNote;
    }
    ui.spacer(2);
    ui.text(std::to_string(step++) + ". Recorded by: type your full name", color::kText,
            ui.fonts().bold);
    if (ui.text_box("Recorded by", by_, "Tap here to type your name", editing_ == Field::kName)) {
      editing_ = Field::kName;
    }
    ui.spacer(2);
    const bool ready = note_.find_first_not_of(' ') != std::string::npos && by_.size() >= 2;
    if (!error_.empty()) ui.text(error_, color::kDanger, ui.fonts().bold);
    if (ui.primary_button(publish_ ? "Save the publication" : "Save the review", -1, ready)) {
      save(ctx, p);
    }
    if (!ready) {
      ui.text("Keep or type a note and type your name to save.", color::kTextSecondary,
              ui.fonts().small);
    }
  }

  void save(AdminContext& ctx, const PolicyLine& p) {
    NewPolicyAction a{publish_, p.id, version_, effective_, note_, by_};
    const Status s = ctx.admin.record_policy(a);
    if (!s.ok()) {
      error_ = "Not saved: " + s.error().message;
      return;
    }
    const std::string what = p.title + " version " + std::to_string(version_);
    notice_ = "\u2713 Saved: " + (publish_ ? what + " is published, in force from " +
                                                 short_date(effective_) + "."
                                           : "the review of " + what + ".");
    clear_form();
    ImGui::SetScrollY(0);
  }

  RecordsView view_;
  bool form_ = false;
  bool publish_ = true;
  std::string policy_id_;
  int version_ = 1;
  Date effective_;
  std::string note_;
  std::string by_;
  Field editing_ = Field::kNone;
  std::string error_;
  std::string notice_;
};

}  // namespace

std::unique_ptr<AdminPage> make_policies_page() { return std::make_unique<PoliciesPage>(); }

}  // namespace attest::ui
