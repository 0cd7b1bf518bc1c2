// The pad for one-time codes (an enrollment code, a pairing code): the
// digits and letters such a code can hold (Crockford base32: no I, L, O or
// U), so nothing else can be typed; shared by enrollment and pairing.
#pragma once

#include <string>

namespace attest::ui {

class Ui;

// "K 7 Q M - 2 X _ _": what has been typed of a `length`-character code,
// centred, in large type.
void code_display(Ui& ui, const std::string& code, size_t length);
// The keys, with Delete and Clear. Returns true when a key was tapped (so a
// message can be cleared).
bool code_pad(Ui& ui, std::string& code, size_t length);

}  // namespace attest::ui
