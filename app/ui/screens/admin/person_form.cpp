#include "ui/screens/admin/person_form.h"

#include <cctype>

#include "core/sign_in_policy.h"
#include "crypto/secret.h"
#include "ui/date_stepper.h"
#include "ui/pin_pad.h"

namespace attest::ui {

namespace {

constexpr size_t kMaxName = 60;
constexpr size_t kMaxPin = 6;

std::string first_name(const std::string& name) { return name.substr(0, name.find(' ')); }

bool same_name(const std::string& a, const std::string& b) {
  auto low = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  return low(a) == low(b);
}

}  // namespace

void PersonForm::start(Date today) {
  clear();
  hired_ = today;
  typing_ = true;  // the name comes first
}

void PersonForm::start_new_pin(std::string person_id, std::string name) {
  clear();
  person_id_ = std::move(person_id);
  name_ = std::move(name);
  step_ = Step::kPin;
}

void PersonForm::clear() {
  step_ = Step::kDetails;
  person_id_.clear();
  name_.clear();
  role_.clear();
  message_.clear();
  typing_ = false;
  wipe_pins();
}

void PersonForm::wipe_pins() {
  crypto::secure_zero(pin_);
  crypto::secure_zero(first_pin_);
  pin_.clear();
  first_pin_.clear();
}

std::optional<Typing> PersonForm::typing() {
  if (step_ != Step::kDetails || !typing_) return std::nullopt;
  return Typing{&name_, kMaxName, Ui::Caps::kWords};
}

PersonForm::Outcome PersonForm::draw(Ui& ui, AdminContext& ctx, const AdminRecords& records) {
  if (ui.back_button("Cancel##add-person", false)) {
    clear();
    return Outcome::kCancelled;
  }
  ui.spacer(1);
  if (step_ == Step::kDetails) {
    draw_details(ui, records);
    return Outcome::kNone;
  }
  return draw_pin(ui, ctx, step_ == Step::kConfirm);
}

void PersonForm::draw_details(Ui& ui, const AdminRecords& records) {
  ui.text("Add a person", color::kText, ui.fonts().heading);
  ui.spacer(1);
  ui.text("1. Their full name", color::kText, ui.fonts().bold);
  if (ui.text_box("Full name", name_, "Tap here to type their name", typing_)) typing_ = true;
  ui.spacer(2);
  ui.text("2. Their role", color::kText, ui.fonts().bold);
  std::vector<std::string> shown;
  int chosen = -1;
  for (size_t i = 0; i < records.roles.size(); ++i) {
    shown.push_back(role_title(records.roles[i]));
    if (records.roles[i] == role_) chosen = int(i);
  }
  if (int t = ui.chips("role", shown, chosen); t >= 0) {
    role_ = records.roles[size_t(t)];
    typing_ = false;
  }
  ui.spacer(2);
  ui.text("3. The day they started", color::kText, ui.fonts().bold);
  ui.text("Their training is due within 30 days of it.", color::kTextSecondary, ui.fonts().small);
  if (date_stepper(ui, "hired", hired_)) typing_ = false;
  ui.spacer(2);
  const bool ready = name_.find_first_not_of(' ') != std::string::npos && name_.size() >= 2 &&
                     !role_.empty();
  if (!message_.empty()) ui.text(message_, color::kDanger, ui.fonts().bold);
  if (ui.primary_button("Continue##person-details", -1, ready)) {
    for (const RosterPerson& p : records.people) {
      if (same_name(p.name, name_)) {
        message_ = p.active ? name_ + " is already on the staff list."
                            : name_ + " is on the staff list but no longer active: open their "
                                      "page and reactivate them instead.";
        return;
      }
    }
    typing_ = false;
    step_ = Step::kPin;
    message_.clear();
    ImGui::SetScrollY(0);  // the PIN step starts at its top
  }
  if (!ready) {
    ui.text("Type their name and choose their role to continue.", color::kTextSecondary,
            ui.fonts().small);
  }
}

PersonForm::Outcome PersonForm::draw_pin(Ui& ui, AdminContext& ctx, bool confirming) {
  const std::string first = first_name(name_);
  if (!confirming) {
    ui.text("Now hand the kiosk to " + name_, color::kText, ui.fonts().heading);
    ui.text(first + (person_id_.empty() ? ": choose a PIN" : ": choose a new PIN") +
                " of 4 to 6 digits. You sign in here with it. Nobody else needs to see it; "
                "avoid your birthday or your bank card's PIN.",
            color::kTextSecondary);
  } else {
    ui.text(first + ": enter the same PIN again", color::kText, ui.fonts().heading);
    ui.text("To be sure it is the PIN you meant.", color::kTextSecondary);
  }
  ui.spacer(1);
  pin_dots(ui, pin_);
  if (!message_.empty()) ui.text_center(message_, color::kDanger, ui.fonts().bold);
  ui.spacer(1);
  if (pin_pad(ui, pin_, kMaxPin)) message_.clear();
  ui.spacer(1);
  const char* label = !confirming             ? "Continue##pin"
                      : person_id_.empty() ? "Add to the staff list"
                                           : "Save the new PIN";
  if (!ui.primary_button(label, -1, pin_.size() >= 4)) return Outcome::kNone;
  if (!confirming) {
    if (core::guessable_pin(pin_)) {
      message_ = "That PIN is too easy to guess. Choose another.";
      wipe_pins();
      return Outcome::kNone;
    }
    first_pin_ = pin_;
    crypto::secure_zero(pin_);
    pin_.clear();
    step_ = Step::kConfirm;
    ImGui::SetScrollY(0);
    return Outcome::kNone;
  }
  if (pin_ != first_pin_) {
    message_ = "The two PINs were different. Choose again.";
    wipe_pins();
    step_ = Step::kPin;
    return Outcome::kNone;
  }
  if (!person_id_.empty()) {
    const Status s = ctx.admin.set_pin(person_id_, pin_);
    wipe_pins();
    if (!s.ok()) {
      message_ = "Not saved: " + s.error().message;
      step_ = Step::kPin;
      return Outcome::kNone;
    }
    saved_ = name_;
    clear();
    return Outcome::kSaved;
  }
  NewPerson p{name_, role_, hired_, pin_};
  wipe_pins();
  const Status s = ctx.admin.add_person(p);
  crypto::secure_zero(p.pin);
  if (!s.ok()) {
    // Back to the details, where the Security Official can fix it.
    message_ = "Not added: " + s.error().message;
    step_ = Step::kDetails;
    ImGui::SetScrollY(0);
    return Outcome::kNone;
  }
  saved_ = name_;
  clear();
  return Outcome::kSaved;
}

}  // namespace attest::ui
