// Module reader: one short page at a time in large type, with progress,
// and the place kept so a person can stop and resume.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

class ReaderScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kReader; }
  bool needs_person() const override { return true; }

  void draw(Ui& ui, KioskApp& app) override {
    Work& w = app.work();
    const content::Item* m = app.backend().in_force(content::Kind::kModule, w.module_id).item;
    ui.begin_screen("##reader", 880);
    ui.spacer(2);
    if (ui.back_button("Back to my list") || !m ||
        m->pages.empty()) {
      app.go(ScreenId::kHome);
      ui.end_screen();
      return;
    }
    const int pages = int(m->pages.size());
    w.page = std::clamp(w.page, 0, pages - 1);
    ui.text(m->title, color::kTextSecondary, ui.fonts().bold);
    std::string caption = "Page " + std::to_string(w.page + 1) + " of " + std::to_string(pages);
    ui.progress(float(w.page + 1) / float(pages), caption.c_str());
    ui.spacer(1);
    const content::Page& page = m->pages[size_t(w.page)];
    ui.heading(page.title);
    ui.spacer(1);
    ui.markdown(page.markdown);
    ui.spacer(2);

    const float gap = ui.grid();
    const float half = (ui.content_width() - gap) / 2;
    const bool last = w.page + 1 == pages;
    if (ui.button("Previous", ImVec2(half, ui.theme().primary_target()), Look::kSecondary,
                  w.page > 0)) {
      turn(app, w.page - 1);
    }
    ImGui::SameLine(0, gap);
    const char* next = last ? (m->quiz_id.empty() ? "Finish" : "Take the quiz") : "Next";
    if (ui.button(next, ImVec2(half, ui.theme().primary_target()))) {
      if (!last) {
        turn(app, w.page + 1);
      } else if (!m->quiz_id.empty()) {
        w.quiz_id = m->quiz_id;
        w.question = 0;
        w.answers.clear();
        w.answered = false;
        app.go(ScreenId::kQuiz);
      } else {
        finish(app, *m);
      }
    }
    ui.spacer(2);
    ui.end_screen();
  }

  static void finish(KioskApp& app, const content::Item& m) {
    Status s = app.backend().complete_module(m.id);
    Work& w = app.work();
    w.receipt_title = s.ok() ? "Training complete" : "Not saved";
    w.receipt_detail = s.ok() ? m.title : s.error().message;
    app.go(ScreenId::kReceipt);
  }

 private:
  static void turn(KioskApp& app, int page) {
    Work& w = app.work();
    w.page = page;
    // The place is kept even if the person walks away mid-module.
    (void)app.backend().save_progress(w.module_id, page);
    ImGui::SetScrollY(0);
  }
};

}  // namespace

std::unique_ptr<Screen> make_reader_screen() { return std::make_unique<ReaderScreen>(); }

}  // namespace attest::ui
