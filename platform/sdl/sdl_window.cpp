#include "platform/sdl/sdl_window.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb/stb_image_write.h>

#include <vector>

namespace attest::platform {

namespace {
constexpr Uint32 kInjectedTouchId = 0x41545354;  // "ATST": our own fake touch device
}

std::unique_ptr<SdlWindow> SdlWindow::create(const WindowOptions& o, std::string& error) {
  // Software rendering: without this hint SDL pulls in Mesa and a frame
  // costs twice the time and seven times the memory.
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  // Touch and mouse arrive as themselves; we merge them in one place.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    error = std::string("cannot start SDL video: ") + SDL_GetError();
    return nullptr;
  }
  std::unique_ptr<SdlWindow> w(new SdlWindow());
  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (o.hidden) flags |= SDL_WINDOW_HIDDEN;
  w->window_ = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                o.width, o.height, flags);
  if (!w->window_) {
    error = std::string("cannot open a window: ") + SDL_GetError();
    return nullptr;
  }
  w->renderer_ = SDL_CreateRenderer(w->window_, -1, SDL_RENDERER_SOFTWARE);
  if (!w->renderer_) {
    error = std::string("cannot create a renderer: ") + SDL_GetError();
    return nullptr;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no layout file
  io.LogFilename = nullptr;
  ImGui_ImplSDL2_InitForSDLRenderer(w->window_);
  ImGui_ImplSDLRenderer_Init(w->renderer_);
  w->imgui_ready_ = true;
  return w;
}

SdlWindow::~SdlWindow() {
  if (imgui_ready_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

void SdlWindow::wake() {
  SDL_Event e{};
  e.type = SDL_USEREVENT;
  SDL_PushEvent(&e);
}

bool SdlWindow::handle(const SDL_Event& e) {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  switch (e.type) {
    case SDL_USEREVENT:
      return true;  // wake(): redraw, but nobody touched anything
    case SDL_QUIT:
      quit_ = true;
      return true;
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID) return false;
      user_input_ = true;
      pointer_queue_.push_back({float(e.motion.x), float(e.motion.y), -1});
      return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return false;
      user_input_ = true;
      pointer_queue_.push_back(
          {float(e.button.x), float(e.button.y), e.type == SDL_MOUSEBUTTONDOWN ? 1 : 0});
      return true;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
      user_input_ = true;
      pointer_queue_.push_back({e.tfinger.x * float(w), e.tfinger.y * float(h),
                                e.type == SDL_FINGERDOWN ? 1 : e.type == SDL_FINGERUP ? 0 : -1});
      return true;
    case SDL_MOUSEWHEEL:
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
      user_input_ = true;
      ImGui_ImplSDL2_ProcessEvent(&e);
      return true;
    case SDL_WINDOWEVENT:
      ImGui_ImplSDL2_ProcessEvent(&e);
      return e.window.event != SDL_WINDOWEVENT_MOVED;
    default:
      return false;
  }
}

bool SdlWindow::wait_for_input(int timeout_ms) {
  SDL_Event e;
  bool any = false;
  if (SDL_WaitEventTimeout(&e, timeout_ms)) any = handle(e);
  return poll_input() || any;
}

bool SdlWindow::poll_input() {
  SDL_Event e;
  bool any = false;
  while (SDL_PollEvent(&e)) any = handle(e) || any;
  return any;
}

void SdlWindow::apply_pointer() {
  // A button change ends this frame's share, so ImGui sees every press and
  // every release, even a tap shorter than a frame; so does a move while
  // pressed, so a drag is seen as a drag. Hover moves are merged.
  while (!pointer_queue_.empty()) {
    PointerChange c = pointer_queue_.front();
    pointer_queue_.pop_front();
    pointer_x_ = c.x;
    pointer_y_ = c.y;
    if (c.down >= 0 && (c.down == 1) != pointer_down_) {
      pointer_down_ = c.down == 1;
      break;
    }
    if (pointer_down_) break;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(pointer_x_, pointer_y_);
  io.MouseDown[0] = pointer_down_;
  io.MouseDown[1] = io.MouseDown[2] = false;
}

void SdlWindow::begin_frame() {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  apply_pointer();
  ImGui::NewFrame();
}

bool SdlWindow::end_frame(const std::string& png_path) {
  ImGui::Render();
  SDL_SetRenderDrawColor(renderer_, 0xF7, 0xF8, 0xFA, 0xFF);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  bool ok = true;
  if (!png_path.empty()) {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 4);
    ok = SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(),
                              w * 4) == 0 &&
         stbi_write_png(png_path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
  }
  SDL_RenderPresent(renderer_);
  return ok;
}

void SdlWindow::size(int& w, int& h) const { SDL_GetWindowSize(window_, &w, &h); }

void SdlWindow::set_size(int w, int h) {
  SDL_SetWindowSize(window_, w, h);
  poll_input();
}

float SdlWindow::display_dpi_scale() const {
  float dpi = 0;
  int display = SDL_GetWindowDisplayIndex(window_);
  if (display < 0 || SDL_GetDisplayDPI(display, &dpi, nullptr, nullptr) != 0 || dpi <= 0) {
    return 1.0f;
  }
  return dpi / 96.0f;
}

void SdlWindow::reload_fonts() {
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  ImGui_ImplSDLRenderer_CreateFontsTexture();
}

void SdlWindow::inject_pointer(float x, float y, bool down, bool touch) {
  SDL_Event e{};
  if (touch) {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    e.type = down ? SDL_FINGERDOWN : SDL_FINGERUP;
    e.tfinger.touchId = kInjectedTouchId;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x / float(w);
    e.tfinger.y = y / float(h);
    e.tfinger.pressure = down ? 1.0f : 0.0f;
  } else {
    e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = int(x);
    e.button.y = int(y);
    e.button.windowID = SDL_GetWindowID(window_);
  }
  SDL_PushEvent(&e);
}

void SdlWindow::inject_motion(float x, float y, bool touch) {
  SDL_Event e{};
  if (touch) {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    e.type = SDL_FINGERMOTION;
    e.tfinger.touchId = kInjectedTouchId;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x / float(w);
    e.tfinger.y = y / float(h);
    e.tfinger.pressure = 1.0f;
  } else {
    e.type = SDL_MOUSEMOTION;
    e.motion.x = int(x);
    e.motion.y = int(y);
    e.motion.windowID = SDL_GetWindowID(window_);
  }
  SDL_PushEvent(&e);
}

}  // namespace attest::platform
