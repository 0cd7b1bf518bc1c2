// Adding someone to a standalone kiosk's staff list, for the people page:
// their full name (on the keyboard), role and hire date; then the kiosk is
// handed to them to choose their PIN, twice, shown only as dots. The PIN
// steps alone give someone on the list a new PIN (they forgot theirs, or
// someone saw it).
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
  enum class Outcome { kNone, kSaved, kCancelled };

  void start(Date today);
  // A new PIN for someone already on the list.
  void start_new_pin(std::string person_id, std::string name);
  void clear();  // wipes the name and any PIN typed
  Outcome draw(Ui& ui, AdminContext& ctx, const AdminRecords& records);
  std::optional<Typing> typing();
  void typing_done() { typing_ = false; }
  const std::string& saved() const { return saved_; }  // whose, after kSaved

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
  std::string saved_;
  std::string person_id_;  // set: a new PIN for them, not a new person
  bool typing_ = false;
};

}  // namespace attest::ui
