#include "ui/script.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace attest::ui {

namespace {

struct Cursor {
  std::string_view s;
  size_t i = 0;
  void skip_space() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool done() {
    skip_space();
    return i >= s.size();
  }
  std::string word() {
    skip_space();
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    return std::string(s.substr(start, i - start));
  }
  bool quoted(std::string& out) {
    skip_space();
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    out.clear();
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      out.push_back(s[i++]);
    }
    if (i >= s.size()) return false;
    ++i;
    return true;
  }
};

bool parse_int(const std::string& w, int& out) {
  if (w.empty()) return false;
  char* end = nullptr;
  long v = std::strtol(w.c_str(), &end, 10);
  if (*end != 0 || v < 0 || v > 100000000) return false;
  out = int(v);
  return true;
}

bool parse_point(const std::string& w, ImVec2& p) {
  size_t comma = w.find(',');
  if (comma == std::string::npos) return false;
  char* end = nullptr;
  std::string xs = w.substr(0, comma), ys = w.substr(comma + 1);
  p.x = std::strtof(xs.c_str(), &end);
  if (xs.empty() || *end) return false;
  p.y = std::strtof(ys.c_str(), &end);
  if (ys.empty() || *end) return false;
  return true;
}

}  // namespace

Result<std::vector<ScriptCommand>> parse_script(std::string_view script) {
  std::vector<ScriptCommand> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= script.size()) {
    size_t end = script.find('\n', pos);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Cursor c{line};
    if (c.done() || line[c.i] == '#') continue;
    auto bad = [&](const std::string& why) {
      return make_error(ErrorCode::kParse, "script line " + std::to_string(line_no) + ": " + why);
    };
    ScriptCommand cmd;
    cmd.line = line_no;
    std::string verb = c.word();
    using K = ScriptCommand::Kind;
    if (verb == "tap" || verb == "touch" || verb == "type" || verb == "expect" ||
        verb == "expect-not" || verb == "expect-visible" || verb == "wait-for") {
      cmd.kind = verb == "tap" ? K::kTap : verb == "touch" ? K::kTouch : verb == "type" ? K::kType
                 : verb == "expect" ? K::kExpect : verb == "expect-not" ? K::kExpectNot
                 : verb == "wait-for" ? K::kWaitFor : K::kExpectVisible;
      if (!c.quoted(cmd.text)) return bad(verb + " needs a \"quoted\" argument");
    } else if (verb == "draw") {
      cmd.kind = K::kDraw;
      cmd.relative = c.quoted(cmd.text);
      while (!c.done()) {
        ImVec2 p;
        if (!parse_point(c.word(), p)) return bad("draw takes points written x,y");
        cmd.points.push_back(p);
      }
      if (cmd.points.size() < 2) return bad("draw needs at least two points");
    } else if (verb == "wait") {
      cmd.kind = K::kWait;
      if (!parse_int(c.word(), cmd.a)) return bad("wait takes milliseconds");
    } else if (verb == "resize") {
      cmd.kind = K::kResize;
      if (!parse_int(c.word(), cmd.a) || !parse_int(c.word(), cmd.b) || cmd.a < 200 || cmd.b < 200) {
        return bad("resize takes a width and a height of at least 200");
      }
    } else if (verb == "screenshot") {
      cmd.kind = K::kScreenshot;
      cmd.text = c.word();
      if (cmd.text.empty() || cmd.text.find('/') != std::string::npos) {
        return bad("screenshot takes a plain file name");
      }
    } else {
      return bad("unknown command '" + verb + "'");
    }
    if (!c.done()) return bad("unexpected text after the command");
    out.push_back(std::move(cmd));
  }
  return out;
}

std::string key_label(char c) {
  if (c == ' ') return "Space";
  if (std::isalpha(static_cast<unsigned char>(c))) {
    return std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return std::string(1, c);
}

Result<StepResult> run_command(ScriptCommand& c, const WidgetRegistry& registry,
                               ScriptHost& host, ImVec2 window) {
  using K = ScriptCommand::Kind;
  // Scroll a widget that exists but is out of view into view: a vertical
  // drag along the left margin of the scroll area, where no widget sits.
  Rect area = registry.scroll_area();
  if (area.height() <= 0) area = {{0, 0}, window};
  auto scroll_to = [&](const std::string& label) -> bool {
    if (registry.find(label) || !registry.find_anywhere(label)) return false;
    const Rect* r = registry.find_anywhere(label);
    const float h = area.height(), mid = area.center().y;
    float dy = std::clamp(mid - r->center().y, -h * 0.6f, h * 0.6f);
    const float x = area.min.x + 4, y0 = mid - dy / 2;
    host.motion(x, y0, false);
    host.pointer(x, y0, true, false);
    for (int i = 1; i <= 8; ++i) host.motion(x, y0 + dy * float(i) / 8, false);
    host.pointer(x, y0 + dy, false, false);
    return true;
  };
  switch (c.kind) {
    case K::kTap:
    case K::kTouch:
    case K::kDraw:
      if (!c.text.empty() && scroll_to(c.text)) return StepResult::kAgain;
      break;
    default:
      break;
  }
  auto fail = [&](const std::string& why) {
    return make_error(ErrorCode::kInvalidArgument, "script line " + std::to_string(c.line) + ": " + why);
  };
  auto find = [&](const std::string& label) -> Result<Rect> {
    if (const Rect* r = registry.find(label)) return *r;
    std::string seen;
    for (const auto& l : registry.labels()) seen += (seen.empty() ? "" : ", ") + ("\"" + l + "\"");
    return fail("no enabled widget \"" + label + "\" on screen; there are: " + seen);
  };
  switch (c.kind) {
    case K::kTap:
    case K::kTouch: {
      Rect r = TRY(find(c.text));
      ImVec2 p = r.center();
      host.pointer(p.x, p.y, true, c.kind == K::kTouch);
      host.pointer(p.x, p.y, false, c.kind == K::kTouch);
      return StepResult::kDone;
    }
    case K::kType:
      for (; c.typed < c.text.size(); ++c.typed) {
        const std::string key = key_label(c.text[c.typed]);
        if (scroll_to(key)) return StepResult::kAgain;
        const Rect* r = registry.find(key);
        const Rect* layer = registry.find("layer");
        if (!r && layer && !c.switched_layer) {
          // On the other layer, as a person would find it: switch, and
          // carry on once the new keys are drawn.
          host.pointer(layer->center().x, layer->center().y, true, false);
          host.pointer(layer->center().x, layer->center().y, false, false);
          c.switched_layer = true;
          return StepResult::kAgain;
        }
        ImVec2 p = TRY(find(key)).center();
        host.pointer(p.x, p.y, true, false);
        host.pointer(p.x, p.y, false, false);
        c.switched_layer = false;
      }
      return StepResult::kDone;
    case K::kDraw: {
      Rect r{{0, 0}, {1, 1}};
      if (c.relative) r = TRY(find(c.text));
      auto at = [&](ImVec2 p) {
        return c.relative ? ImVec2(r.min.x + p.x * r.width(), r.min.y + p.y * r.height()) : p;
      };
      ImVec2 first = at(c.points.front());
      host.motion(first.x, first.y, false);
      host.pointer(first.x, first.y, true, false);
      for (size_t i = 1; i < c.points.size(); ++i) {
        ImVec2 p = at(c.points[i]);
        host.motion(p.x, p.y, false);
      }
      ImVec2 last = at(c.points.back());
      host.pointer(last.x, last.y, false, false);
      return StepResult::kDone;
    }
    case K::kWait:
      host.advance_clock(c.a);
      return StepResult::kDone;
    case K::kExpect:
      if (!registry.shows_text(c.text)) return fail("expected \"" + c.text + "\" on screen");
      return StepResult::kDone;
    case K::kWaitFor:
      return registry.shows_text(c.text) ? StepResult::kDone : StepResult::kNotYet;
    case K::kExpectNot:
      if (registry.shows_text(c.text)) return fail("did not expect \"" + c.text + "\" on screen");
      return StepResult::kDone;
    case K::kExpectVisible:
      if (!registry.find(c.text)) {
        return fail(registry.find_anywhere(c.text)
                        ? "\"" + c.text + "\" is on the page but not wholly in view"
                        : "no enabled widget \"" + c.text + "\" on screen");
      }
      return StepResult::kDone;
    case K::kResize:
      host.resize(c.a, c.b);
      return StepResult::kDone;
    case K::kScreenshot:
      TRY_STATUS(host.screenshot(c.text));
      return StepResult::kDone;
  }
  return StepResult::kDone;
}

}  // namespace attest::ui
