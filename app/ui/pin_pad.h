// The PIN pad shared by sign-in and enrollment: big digit keys, Clear and
// Delete, and the typed digits shown only as dots.
#pragma once

#include <string>

namespace attest::ui {

class Ui;

// Dots for what has been typed, centred: never the digits themselves.
void pin_dots(Ui& ui, const std::string& entry);
// Returns true when a key was tapped (so a message can be cleared).
bool pin_pad(Ui& ui, std::string& entry, size_t max_digits, bool enabled = true);

}  // namespace attest::ui
