// Save reports: every report as CSV, HTML and PDF, or the evidence bundle
// for an auditor over a period of days, into a new folder in this kiosk's
// data folder or on a removable drive. Written off the UI thread, with
// progress and the outcome in plain words. Each kind of export is one entry
// of kExports.
#include "ui/date_stepper.h"
#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

namespace {

struct ExportChoice {
  ExportKind kind;
  const char* heading;
  const char* button;  // its button, and how scripts tap it
  const char* what;    // one sentence on what it writes
};

constexpr ExportChoice kExports[] = {
    {ExportKind::kReports, "Every report", "Save every report",
     "Every report (compliance matrix, overdue list, transcripts, attestation rosters, "
     "incidents, sign-ins, designations and the rest) as CSV, HTML and PDF."},
    {ExportKind::kBundle, "Evidence bundle for an auditor", "Save the evidence bundle",
     "The signed records, keys, curriculum and every report for the days you choose, in one "
     "folder an auditor checks on their own computer with attest verify-bundle."},
};

// "23 Nov 2025 – 22 Nov 2026".
std::string period_text(const ExportPeriod& p) {
  return short_date(p.from) + " \u2013 " + short_date(p.to);
}

class ExportsPage final : public AdminPage {
 public:
  const char* title() const override { return "Save reports"; }

  std::string summary(AdminContext&) override {
    return "Every report as CSV, HTML and PDF, or an evidence bundle, here or on a USB drive";
  }

  void enter(AdminContext& ctx) override {
    targets_ = ctx.admin.export_targets();
    chosen_ = 0;
    // The last 12 months, ending yesterday: a bundle covers days that have passed.
    period_.to = add_days(local_date(ctx.app.backend().now()), -1);
    period_.from = add_days(add_years(period_.to, -1), 1);
    if (ctx.admin.export_job().state != ExportJob::State::kWorking) ctx.admin.reset_export();
  }

  void draw(Ui& ui, AdminContext& ctx) override {
    const ExportJob job = ctx.admin.export_job();
    const bool paired = ctx.admin.sync_detail().phase != SyncDetail::Phase::kNotPaired;
    ui.text(paired ? "These reports cover what was recorded at this kiosk. The office server's "
                     "reports cover every kiosk: run attest report all --server there."
                   : "This kiosk keeps the practice's records, so these reports are the "
                     "practice's record.",
            color::kTextSecondary);
    ui.spacer(2);
    switch (job.state) {
      case ExportJob::State::kIdle: draw_choose(ui, ctx); break;
      case ExportJob::State::kWorking: draw_working(ui, job); break;
      case ExportJob::State::kDone:
        ui.begin_card("##done", color::kSuccessSoft);
        if (job.kind == ExportKind::kBundle) {
          ui.text("\u2713 Saved the evidence bundle for " + period_text(job.period) + " to " +
                      job.folder,
                  color::kSuccess, ui.fonts().bold);
          ui.text("Give the whole folder to the auditor; they check it with attest "
                  "verify-bundle, without needing to trust this kiosk.",
                  color::kText);
        } else {
          ui.text("\u2713 Saved " + count_text(job.written, "file", "files") + " to " + job.folder,
                  color::kSuccess, ui.fonts().bold);
          ui.text("Open the HTML or PDF files on any computer; the CSV files open in a spreadsheet.",
                  color::kText);
        }
        ui.end_card();
        ui.spacer(2);
        if (ui.primary_button("Done##export")) restart(ctx);
        break;
      case ExportJob::State::kFailed:
        ui.begin_card("##failed", color::kDangerSoft);
        ui.text("Not saved", color::kDanger, ui.fonts().bold);
        ui.text(sentence_of(job.message) + " The records on this kiosk are not affected.",
                color::kText);
        ui.end_card();
        ui.spacer(2);
        if (ui.primary_button("Try again##export")) restart(ctx);
        break;
    }
  }

 private:
  void restart(AdminContext& ctx) {
    ctx.admin.reset_export();
    targets_ = ctx.admin.export_targets();
    if (chosen_ >= targets_.size()) chosen_ = 0;
  }

  void draw_choose(Ui& ui, AdminContext& ctx) {
    ui.text("1. Where to save them", color::kText, ui.fonts().bold);
    ui.text("A new folder is made there for each export.", color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    bool any_drive = false;
    for (size_t i = 0; i < targets_.size(); ++i) {
      const ExportTarget& t = targets_[i];
      any_drive = any_drive || t.removable;
      const std::string label = t.label + "\n" + t.folder + "##target-" + std::to_string(i);
      if (ui.tick_row(label.c_str(), chosen_ == i)) chosen_ = i;
      ui.spacer(1);
    }
    if (!any_drive) {
      ui.text("No USB drive found. Plug one in, wait a moment, then tap \"Look again for drives\".",
              color::kTextSecondary);
    }
    if (ui.button("Look again for drives", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kQuiet)) {
      restart(ctx);
    }
    int step = 2;
    for (const ExportChoice& e : kExports) {
      ui.spacer(2);
      ui.text(std::to_string(step++) + ". " + e.heading, color::kText, ui.fonts().bold);
      ui.text(e.what, color::kTextSecondary, ui.fonts().small);
      ui.spacer(1);
      bool ready = chosen_ < targets_.size();
      if (e.kind == ExportKind::kBundle) ready = draw_period(ui, ctx) && ready;
      if (ui.primary_button(e.button, -1, ready)) {
        ctx.admin.start_export(e.kind, targets_[chosen_].folder, period_);
      }
    }
  }

  // The bundle's first and last day; false while they make no period.
  bool draw_period(Ui& ui, AdminContext& ctx) {
    const Date today = local_date(ctx.app.backend().now());
    ui.text("From", color::kText, ui.fonts().bold);
    date_stepper(ui, "bundle-from", period_.from);
    ui.spacer(1);
    ui.text("To", color::kText, ui.fonts().bold);
    date_stepper(ui, "bundle-to", period_.to);
    ui.spacer(1);
    if (period_.to > today) {
      ui.text("The last day cannot be after today: a bundle covers days that have passed.",
              color::kWarningText, ui.fonts().bold);
      return false;
    }
    if (period_.from > period_.to) {
      ui.text("The first day is after the last day.", color::kWarningText, ui.fonts().bold);
      return false;
    }
    ui.text("Covers " + period_text(period_) + " (" +
                count_text(period_.to.days - period_.from.days + 1, "day", "days") +
                "); the reports are as of its last day.",
            color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    return true;
  }

  static void draw_working(Ui& ui, const ExportJob& job) {
    ui.begin_card("##working", color::kSurface);
    const bool bundle = job.kind == ExportKind::kBundle;
    ui.text(bundle ? "Saving the evidence bundle\u2026" : "Saving the reports\u2026", color::kText,
            ui.fonts().bold);
    ui.text("To " + job.folder, color::kTextSecondary, ui.fonts().small);
    ui.spacer(1);
    if (bundle) {
      ui.text("The signed records, keys, curriculum and reports for " + period_text(job.period) +
                  ", checked as an auditor will. This can take a minute.",
              color::kTextSecondary);
    } else if (job.total == 0) {
      ui.text("Reading the records\u2026", color::kTextSecondary);
    } else {
      ui.progress(float(job.written) / float(job.total),
                  ("Wrote " + std::to_string(job.written) + " of " +
                   count_text(job.total, "file", "files"))
                      .c_str());
    }
    ui.end_card();
  }

  // "cannot make the folder ..." -> "Cannot make the folder ....".
  static std::string sentence_of(std::string s) {
    if (s.empty()) return s;
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    if (s.back() != '.') s += '.';
    return s;
  }

  std::vector<ExportTarget> targets_;
  size_t chosen_ = 0;
  ExportPeriod period_;
};

}  // namespace

std::unique_ptr<AdminPage> make_exports_page() { return std::make_unique<ExportsPage>(); }

}  // namespace attest::ui
