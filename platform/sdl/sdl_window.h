// platform/sdl: the SDL2 window, software renderer and Dear ImGui backends.
// The only code that includes SDL headers.
//
// Implemented:
//  - one window with SDL's software renderer (no GPU: small, and frames are
//    identical under Xvfb and the offscreen driver);
//  - event-driven pacing: wait_for_input() sleeps in SDL_WaitEventTimeout;
//  - one pointer path for mouse, touch (finger) and injected events: the app
//    sets io.MousePos / io.MouseDown[0] itself, one down/up change per frame
//    (ImGui 1.86's backend reads SDL_GetMouseState, which injected events do
//    not update, and ignores fingers);
//  - screenshots (SDL_RenderReadPixels before present, written as PNG);
//  - input injection for the script driver (real SDL events in the queue).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

struct SDL_Window;
struct SDL_Renderer;
union SDL_Event;

namespace attest::platform {

struct WindowOptions {
  int width = 1280;
  int height = 800;
  bool fullscreen = false;
  bool hidden = false;
  std::string title = "Attest";
};

class SdlWindow {
 public:
  // Creates the window, renderer and ImGui context; empty on failure with
  // the reason in `error`.
  static std::unique_ptr<SdlWindow> create(const WindowOptions& options, std::string& error);
  ~SdlWindow();
  SdlWindow(const SdlWindow&) = delete;
  SdlWindow& operator=(const SdlWindow&) = delete;

  // Sleeps until an event arrives or timeout_ms passes (-1: forever).
  // Returns true when something arrived that needs a redraw.
  bool wait_for_input(int timeout_ms);
  // Drains pending events without blocking. Returns true if any arrived.
  bool poll_input();
  bool quit_requested() const { return quit_; }
  // True if a person touched, clicked or typed since the last call, as
  // opposed to a wake() or a window change. Only that counts as activity.
  bool take_user_input() {
    bool any = user_input_;
    user_input_ = false;
    return any;
  }
  // Wakes wait_for_input() for a redraw. Safe from any thread (the sync
  // worker calls it when its state changes).
  static void wake();
  // True while queued pointer changes remain for later frames.
  bool input_pending() const { return !pointer_queue_.empty(); }

  // Between begin_frame() and end_frame() the caller builds ImGui widgets.
  void begin_frame();
  // Renders; when png_path is non-empty also writes the frame as a PNG.
  bool end_frame(const std::string& png_path = {});

  void size(int& w, int& h) const;
  void set_size(int w, int h);
  float display_dpi_scale() const;  // 1.0 at 96 dpi

  // Rebuilds the font texture after the font atlas changed.
  void reload_fonts();

  // Real SDL events for the script driver, in window coordinates.
  void inject_pointer(float x, float y, bool down, bool touch);
  void inject_motion(float x, float y, bool touch);

 private:
  SdlWindow() = default;
  bool handle(const SDL_Event& e);
  void apply_pointer();

  struct PointerChange {
    float x, y;
    int down;  // 1 down, 0 up, -1 move only
  };
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool imgui_ready_ = false;
  bool user_input_ = false;
  bool quit_ = false;
  std::deque<PointerChange> pointer_queue_;
  float pointer_x_ = -1e9f, pointer_y_ = -1e9f;
  bool pointer_down_ = false;
};

}  // namespace attest::platform
