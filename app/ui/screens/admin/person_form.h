// Adding someone to a standalone kiosk's staff list, for the people page:
// their full name (on the keyboard), role and hire date; then the kiosk is
// handed to them to choose their PIN, twice, shown only as dots.
//
// Why a PIN here rather than an enrollment code: the enrollment flow
// redeems a one-time code that the office server issues and checks, and a
// standalone kiosk has no server. Choosing it on the spot keeps the PIN the
// person's own (the Security Official need not see it) and lets them sign
// in at once.
#pragma once

#include <optional>
#include <string>

#include "ui/screens/admin/admin_page.h"

namespace attest::ui {

class PersonForm {
 public:
  enum class Outcome { kNone, kAdded, kCancelled };

  void start(Date today);
  void clear();  // wipes the name and any PIN typed
  Outcome draw(Ui& ui, AdminContext& ctx, const AdminRecords& records);
  std::optional<Typing> typing();
  void typing_done() { typing_ = false; }
  const std::string& added() const { return added_; }  // who, after kAdded

 private:
  enum class Step { kDetails, kPin, kConfirm };
  void draw_details(Ui& ui, const AdminRecords& records);
  Outcome draw_pin(Ui& ui, AdminContext& ctx, bool confirming);
  void wipe_pins();

  Step step_ = Step::kDetails;
  std::string name_;
  std::string role_;
  Date hired_;
  std::string pin_, first_pin_;
  std::string message_;
  std::string added_;
  bool typing_ = false;
};

}  // namespace attest::ui
