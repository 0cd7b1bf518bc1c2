// Quiz: one question per screen; after each answer, whether it was right
// and why. At the end the score against the pass mark, with a retry.
#include "ui/kiosk_app.h"

namespace attest::ui {

namespace {

class QuizScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kQuiz; }
  bool needs_person() const override { return true; }

  void draw(Ui& ui, KioskApp& app) override {
    Work& w = app.work();
    const auto& catalog = app.backend().catalog();
    const content::Item* q = catalog.find(content::Kind::kQuiz, w.quiz_id);
    ui.begin_screen("##quiz", 880);
    ui.spacer(2);
    if (ui.back_button("Back to my list") ||
        !q || q->questions.empty()) {
      app.go(ScreenId::kHome);
      ui.end_screen();
      return;
    }
    const int total = int(q->questions.size());
    if (w.question >= total) {
      draw_result(ui, app, *q);
      ui.end_screen();
      return;
    }
    ui.text(q->title, color::kTextSecondary, ui.fonts().bold);
    std::string caption = "Question " + std::to_string(w.question + 1) + " of " + std::to_string(total);
    ui.progress(float(w.question + 1) / float(total), caption.c_str());
    ui.spacer(1);
    const content::Question& question = q->questions[size_t(w.question)];
    ui.heading(question.prompt);
    ui.spacer(1);
    const int chosen = w.answered ? w.answers.back() : -1;
    for (size_t i = 0; i < question.choices.size(); ++i) {
      const std::string& choice = question.choices[i];
      ImU32 badge = color::kPrimary;
      const char* badge_text = "";
      if (w.answered && int(i) == question.correct) {
        badge = color::kSuccess;
        badge_text = "Right answer";
      } else if (w.answered && int(i) == chosen) {
        badge = color::kDanger;
        badge_text = "Your answer";
      }
      if (ui.list_row(choice.c_str(), choice.c_str(), "", badge, badge_text) && !w.answered) {
        w.answers.push_back(int(i));
        w.answered = true;
        reveal_next_ = true;
      }
      ui.spacer(0.5f);
    }
    if (w.answered) {
      const bool right = chosen == question.correct;
      ui.spacer(1);
      ui.begin_card("##feedback", right ? color::kSuccessSoft : color::kDangerSoft);
      ui.text(right ? "Correct" : "Not quite", right ? color::kSuccess : color::kDanger,
              ui.fonts().bold);
      if (!right) {
        ui.text("The right answer: " + question.choices[size_t(question.correct)]);
      }
      if (!question.why.empty()) ui.text(question.why);
      ui.end_card();
      ui.spacer(1);
      const bool last = w.question + 1 == total;
      if (ui.primary_button(last ? "See my result" : "Next question")) {
        ++w.question;
        w.answered = false;
        ImGui::SetScrollY(0);
        if (last) record(app, *q);
      }
      // The explanation and the way on appear below the choices; on a
      // landscape screen that is below the fold, where nobody would look.
      if (reveal_next_) ui.reveal_last_item();
      reveal_next_ = false;
    }
    ui.spacer(2);
    ui.end_screen();
  }

 private:
  bool reveal_next_ = false;  // an answer was just given: scroll its feedback into view

  static int score(const Work& w, const content::Item& q) {
    int right = 0;
    for (size_t i = 0; i < w.answers.size() && i < q.questions.size(); ++i) {
      if (w.answers[i] == q.questions[i].correct) ++right;
    }
    return int(100 * right / std::max<size_t>(1, q.questions.size()));
  }

  // Records the attempt (pass or fail) and, on a pass, the module.
  static void record(KioskApp& app, const content::Item& q) {
    Work& w = app.work();
    const int pct = score(w, q);
    const bool passed = pct >= q.pass_mark;
    Status s = app.backend().record_quiz(q.id, w.answers, pct, passed);
    if (s.ok() && passed) s = app.backend().complete_module(q.module_id);
    w.save_error = s.ok() ? "" : s.error().message;  // shown on the result
  }

  static void draw_result(Ui& ui, KioskApp& app, const content::Item& q) {
    Work& w = app.work();
    const int pct = score(w, q);
    const bool passed = pct >= q.pass_mark;
    if (!w.save_error.empty()) {
      ui.heading("Your answers were not saved");
      ui.text(w.save_error, color::kDanger);
    } else if (passed) {
      const content::Item* m = app.backend().in_force(content::Kind::kModule, q.module_id).item;
      w.receipt_title = "Training complete";
      w.receipt_detail = (m ? m->title : q.title) + " — quiz score " + std::to_string(pct) + "%";
      app.go(ScreenId::kReceipt);
      return;
    } else {
      ui.heading("Not passed yet");
      ui.text("You scored " + std::to_string(pct) + "%. You need " + std::to_string(q.pass_mark) +
                  "% to pass.",
              color::kText);
      ui.text("Read the module again or try the quiz again: the explanations will help.",
              color::kTextSecondary);
    }
    ui.spacer(2);
    if (ui.primary_button("Try the quiz again")) {
      ImGui::SetScrollY(0);
      w.question = 0;
      w.answers.clear();
      w.answered = false;
      w.save_error.clear();
    }
    ui.spacer(1);
    if (ui.button("Review the module", ImVec2(ui.content_width(), ui.theme().target()),
                  Look::kSecondary)) {
      w.module_id = q.module_id;
      w.page = 0;
      app.go(ScreenId::kReader);
    }
  }
};

}  // namespace

std::unique_ptr<Screen> make_quiz_screen() { return std::make_unique<QuizScreen>(); }

}  // namespace attest::ui
