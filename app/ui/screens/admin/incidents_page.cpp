// Incidents (45 CFR 164.308(a)(6)): the security concerns reported at this
// kiosk, newest first, each open, in review or closed as the incident log
// says. Tapping one shows the whole report and every review of it, and
// records a new review: the response, whether breach notification is
// required (164.402) and the risk assessment behind that, whether it is
// closed, and the reviewer's typed name. A review is an IncidentReviewed
// record referring to the report; nothing is ever changed in place, so a
// later review supersedes an earlier one without erasing it. A practice
// with no office server closes its incidents here.
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

constexpr size_t kMaxText = 600;
constexpr size_t kMaxName = 60;

const char* status_words(IncidentLine::Status s) {
  switch (s) {
    case IncidentLine::Status::kOpen: return "Open";
    case IncidentLine::Status::kInReview: return "In review";
    case IncidentLine::Status::kClosed: return "Closed";
  }
  return "";
}

ImU32 status_color(IncidentLine::Status s) {
  switch (s) {
    case IncidentLine::Status::kOpen: return color::kDanger;
    case IncidentLine::Status::kInReview: return color::kWarningText;
    case IncidentLine::Status::kClosed: return color::kSuccess;
  }
  return color::kText;
}

// The first words of a report, for its row in the list.
std::string headline(const std::string& what) {
  constexpr size_t kMax = 70;
  if (what.size() <= kMax) return what;
  size_t cut = what.rfind(' ', kMax);
  if (cut == std::string::npos || cut < kMax / 2) cut = kMax;
  return what.substr(0, cut) + "\u2026";
}

std::string notification_words(const std::optional<bool>& n) {
  if (!n) return "Not yet determined";
  return *n ? "Notification required" : "Not required";
}

class IncidentsPage final : public AdminPage {
 public:
  const char* title() const override { return "Incidents"; }

  std::string summary(AdminContext& ctx) override {
    const RecordsView v = ctx.admin.records();
    if (!v.records) return "Security concerns reported here, and their review";
    return count_text(v.records->incidents_reported, "incident", "incidents") + " reported here; " +
           std::to_string(v.records->incidents_open) + " not closed";
  }

  void enter(AdminContext& ctx) override {
    ctx.admin.refresh_records();
    to_list();
    notice_.clear();
  }
  void leave() override { clear_form(); }

  std::optional<Typing> typing() override {
    if (!form_) return std::nullopt;
    switch (editing_) {
      case Field::kResponse: return Typing{&response_, kMaxText, Ui::Caps::kSentence};
      case Field::kReasoning: return Typing{&reasoning_, kMaxText, Ui::Caps::kSentence};
      case Field::kReviewer: return Typing{&reviewer_, kMaxName, Ui::Caps::kWords};
      case Field::kNone: break;
    }
    return std::nullopt;
  }
  void typing_done() override { editing_ = Field::kNone; }

  void draw(Ui& ui, AdminContext& ctx) override {
    const AdminRecords* r = page_records(ui, ctx, view_);
    if (!r) return;
    const IncidentLine* chosen = nullptr;
    for (const auto& i : r->incidents) {
      if (i.event_id == incident_id_) chosen = &i;
    }
    if (!chosen) {
      if (!incident_id_.empty()) to_list();
      draw_list(ui, ctx, *r);
    } else if (form_) {
      draw_form(ui, ctx, *chosen);
    } else {
      draw_incident(ui, ctx, *chosen);
    }
  }

 private:
  enum class Field { kNone, kResponse, kReasoning, kReviewer };

  void to_list() {
    incident_id_.clear();
    clear_form();
    ImGui::SetScrollY(0);
  }

  void clear_form() {
    form_ = false;
    response_.clear();
    reasoning_.clear();
    reviewer_.clear();
    notification_ = -1;
    close_ = false;
    error_.clear();
    editing_ = Field::kNone;
  }

  void draw_notice(Ui& ui) {
    if (notice_.empty()) return;
    ui.begin_card("##notice", color::kSuccessSoft);
    ui.text(notice_, color::kSuccess, ui.fonts().bold);
    ui.end_card();
    ui.spacer(2);
  }

  void draw_list(Ui& ui, AdminContext& ctx, const AdminRecords& r) {
    draw_notice(ui);
    if (r.paired) {
      ui.text("These are the incidents reported at this kiosk. The office server's incident "
              "log (attest report incidents --server) has every kiosk's.",
              color::kTextSecondary);
      ui.spacer(1);
    }
    if (r.incidents.empty()) {
      ui.begin_card("##none", color::kSurface);
      ui.text("No incidents reported here", color::kText, ui.fonts().bold);
      ui.text("Anyone can report a security concern from the start screen; each report "
              "appears here for you to review.",
              color::kTextSecondary);
      ui.end_card();
      return;
    }
    ui.text(count_text(r.incidents_reported, "incident", "incidents") + " reported; " +
                std::to_string(r.incidents_open) + " not closed. Tap one to read it and record "
                "your review.",
            color::kTextSecondary);
    ui.spacer(1);
    const Timestamp now = ctx.app.backend().now();
    for (size_t n = 0; n < r.incidents.size(); ++n) {
      const IncidentLine& i = r.incidents[n];
      const std::string id = headline(i.what) + "##incident-" + std::to_string(n);
      const std::string detail = "Reported " + when_text(i.reported_utc_ms, now, true) + " by " +
                                 i.reporter + ".";
      if (ui.list_row(id.c_str(), headline(i.what).c_str(), detail.c_str(), status_color(i.status),
                      status_words(i.status))) {
        incident_id_ = i.event_id;
        notice_.clear();
        ImGui::SetScrollY(0);
      }
      ui.spacer(1);
    }
  }

  void draw_incident(Ui& ui, AdminContext& ctx, const IncidentLine& i) {
    if (ui.back_button("All incidents")) {
      to_list();
      return;
    }
    ui.text("Incident report", color::kText, ui.fonts().heading);
    ui.text(status_words(i.status), status_color(i.status), ui.fonts().bold);
    ui.spacer(1);
    draw_notice(ui);
    const Timestamp now = ctx.app.backend().now();
    ui.begin_card("##report", color::kSurface);
    ui.text(i.what, color::kText, ui.fonts().bold);
    ui.spacer(1);
    fact_row(ui, "Reported", when_text(i.reported_utc_ms, now));
    fact_row(ui, "By", i.reporter);
    if (!i.when.empty()) fact_row(ui, "When it happened", i.when);
    if (!i.where.empty()) fact_row(ui, "Where", i.where);
    ui.end_card();
    ui.spacer(2);
    if (ui.primary_button(i.status == IncidentLine::Status::kClosed ? "Record another review"
                                                                   : "Record a review")) {
      clear_form();
      form_ = true;
      notice_.clear();
      ImGui::SetScrollY(0);
    }
    ui.spacer(3);
    ui.text("Reviews, oldest first", color::kText, ui.fonts().bold);
    if (i.reviews.empty()) ui.text("Not reviewed yet.", color::kTextSecondary);
    for (const IncidentReviewLine& v : i.reviews) {
      ui.spacer(1);
      text_with_note(ui, when_text(v.recorded_utc_ms, now) + " by " + v.reviewer_name,
                     ui.fonts().bold, v.closed ? "Closed" : "Still open",
                     v.closed ? color::kSuccess : color::kWarningText);
      ui.text("Response: " + v.response, color::kText, ui.fonts().small);
      ui.text("Breach notification: " + notification_words(v.notification_required) + ". " +
                  v.reasoning,
              color::kTextSecondary, ui.fonts().small);
    }
  }

  void draw_form(Ui& ui, AdminContext& ctx, const IncidentLine& i) {
    if (ui.back_button("Cancel##review", false)) {
      clear_form();
      return;
    }
    ui.text("Review this incident", color::kText, ui.fonts().heading);
    ui.text(headline(i.what), color::kTextSecondary);
    ui.spacer(2);
    ui.text("1. What was done in response", color::kText, ui.fonts().bold);
    if (ui.text_box("Response", response_, "Tap here to type the response",
                    editing_ == Field::kResponse, 3)) {
      editing_ = Field::kResponse;
    }
    ui.spacer(2);
    ui.text("2. Is breach notification required?", color::kText, ui.fonts().bold);
    ui.text("Under 45 CFR 164.402, unless the risk assessment shows a low probability that "
            "health information was compromised.",
            color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    {
      const float gap = ui.grid();
      const float h = ui.theme().target() * 1.25f;
      const bool across = ui.content_width() >= ui.px(520);
      const float w = across ? (ui.content_width() - gap) / 2 : ui.content_width();
      // The chosen one is filled and ticked; scripts tap either by its words.
      if (ui.button(notification_ == 1 ? "\u2713 Notification required##Notification required"
                                       : "Notification required",
                    ImVec2(w, h), notification_ == 1 ? Look::kPrimary : Look::kSecondary)) {
        notification_ = 1;
        editing_ = Field::kNone;
      }
      if (across) {
        ImGui::SameLine(0, gap);
      } else {
        ui.spacer(1);
      }
      if (ui.button(notification_ == 0 ? "\u2713 Not required##Not required" : "Not required",
                    ImVec2(w, h), notification_ == 0 ? Look::kPrimary : Look::kSecondary)) {
        notification_ = 0;
        editing_ = Field::kNone;
      }
    }
    ui.spacer(2);
    ui.text("3. Why: the risk assessment", color::kText, ui.fonts().bold);
    if (ui.text_box("Reasoning", reasoning_, "Tap here to type the reasoning",
                    editing_ == Field::kReasoning, 3)) {
      editing_ = Field::kReasoning;
    }
    ui.spacer(2);
    ui.text("4. Is it finished?", color::kText, ui.fonts().bold);
    if (ui.tick_row("Close this incident", close_)) {
      close_ = !close_;
      editing_ = Field::kNone;
    }
    ui.text(close_ ? "It will be listed as closed in the incident log."
                   : "Left open, it stays in review until a later review closes it.",
            color::kTextSecondary, ui.fonts().small);
    ui.spacer(2);
    ui.text("5. Reviewed by: type your full name", color::kText, ui.fonts().bold);
    if (ui.text_box("Reviewed by", reviewer_, "Tap here to type your name",
                    editing_ == Field::kReviewer)) {
      editing_ = Field::kReviewer;
    }
    ui.spacer(2);
    const auto has_text = [](const std::string& s) {
      return s.find_first_not_of(' ') != std::string::npos;
    };
    const bool ready = has_text(response_) && notification_ >= 0 && has_text(reasoning_) &&
                       reviewer_.size() >= 2;
    if (!error_.empty()) ui.text(error_, color::kDanger, ui.fonts().bold);
    if (ui.primary_button("Save the review", -1, ready)) save(ctx, i);
    if (!ready) {
      ui.text("Type the response, choose whether notification is required, type the reasoning "
              "and your name to save.",
              color::kTextSecondary, ui.fonts().small);
    }
  }

  void save(AdminContext& ctx, const IncidentLine& i) {
    const NewIncidentReview review{i.event_id, response_, notification_ == 1, reasoning_, close_,
                                   reviewer_};
    const Status s = ctx.admin.review_incident(review);
    if (!s.ok()) {
      error_ = "Not saved: " + s.error().message;
      return;
    }
    notice_ = close_ ? "\u2713 Saved: the incident is closed." : "\u2713 Saved: the incident is in review.";
    clear_form();
    ImGui::SetScrollY(0);
  }

  RecordsView view_;
  std::string incident_id_;  // the incident shown; empty: the list
  bool form_ = false;
  std::string response_, reasoning_, reviewer_;
  int notification_ = -1;  // 1 required, 0 not, -1 not chosen yet
  bool close_ = false;
  Field editing_ = Field::kNone;
  std::string error_;
  std::string notice_;
};

}  // namespace

std::unique_ptr<AdminPage> make_incidents_page() { return std::make_unique<IncidentsPage>(); }

}  // namespace attest::ui
