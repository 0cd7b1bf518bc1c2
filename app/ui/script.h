// The scripted UI driver: `attest-kiosk --script FILE` runs a small
// line-based script against the real app by pushing real SDL events at the
// places where labelled widgets were drawn last frame.
//
//   tap "Label"           press and release on a widget (mouse events); a
//                         "Text##id" widget answers to "Text##id", "id",
//                         or "Text" when that is unique
//   touch "Label"         the same with finger (touch) events
//   type "text"           taps the on-screen keyboard key for each character,
//                         switching the keyboard to its other layer ("123" /
//                         "ABC") when a character is there
//   draw "Label" x,y ...  a stroke inside a widget, x and y as 0..1 fractions
//   draw x,y x,y ...      a stroke at window pixels
//   wait MS               advances the kiosk's clock (no real sleeping)
//   expect "text"         fails unless the text is on screen
//   expect-not "text"     fails if the text is on screen
//   wait-for "text"       waits in real time (up to 15 s) until the text is
//                         on screen: for answers from the office server
//   expect-visible "Label"  fails unless the widget is wholly on screen as it
//                         is, without scrolling
//   resize W H            resizes the window
//   screenshot NAME       writes NAME.png into the --screenshot folder
//   # comment
// Quotes may contain \" and \\. A failure names the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ui/ui.h"

namespace attest::ui {

struct ScriptCommand {
  enum class Kind {
    kTap, kTouch, kType, kDraw, kWait, kExpect, kExpectNot, kExpectVisible, kWaitFor, kResize,
    kScreenshot
  };
  Kind kind = Kind::kTap;
  int line = 0;
  std::string text;  // label, text or name
  std::vector<ImVec2> points;
  bool relative = false;  // draw: points are fractions of the widget `text`
  int a = 0, b = 0;       // wait ms; resize w h
  // type: characters typed so far, and whether the last step switched the
  // keyboard's layer (the runner comes back after the new layer is drawn).
  size_t typed = 0;
  bool switched_layer = false;
};

Result<std::vector<ScriptCommand>> parse_script(std::string_view script);

// What the runner needs from the program hosting it.
class ScriptHost {
 public:
  virtual ~ScriptHost() = default;
  virtual void pointer(float x, float y, bool down, bool touch) = 0;
  virtual void motion(float x, float y, bool touch) = 0;
  virtual void advance_clock(int ms) = 0;
  virtual void resize(int w, int h) = 0;
  virtual Status screenshot(const std::string& name) = 0;
};

// The on-screen keyboard's label for a character ("Space" for ' ').
std::string key_label(char c);

// Runs one command against the last complete frame. The host renders
// frames between commands until its input queue is empty. When the widget
// is on the page but scrolled out of view, the driver scrolls towards it
// with a finger-style drag in the screen's scroll area (above a docked
// keyboard), as a person would, and asks to be run again (kAgain); `type`
// does the same after switching the keyboard's layer, keeping its place in
// `c`. kNotYet: the app is waiting on something outside; sleep a little,
// then run it again.
enum class StepResult { kDone, kAgain, kNotYet };
Result<StepResult> run_command(ScriptCommand& c, const WidgetRegistry& registry,
                               ScriptHost& host, ImVec2 window_size);

}  // namespace attest::ui
