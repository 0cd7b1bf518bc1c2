// attest-kiosk: the touch kiosk at the front desk.
//
//   attest-kiosk [--data DIR] [--assets DIR] [--demo] [--size WxH] [--fullscreen]
//                [--inactivity SECONDS] [--script FILE] [--screenshot DIR]
//                [--timing FILE] [--pair URL --pair-code CODE [--device-name NAME]]
//                [--removable-media DIR ...]
//
// Paired with an office server, it syncs on a worker thread; unpaired, its
// own store is the practice's record.
//
// Redraws only when input arrives or a timer is due, so it idles at ~0% CPU.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "crypto/random.h"
#include "kiosk/admin_service.h"
#include "kiosk/kiosk_service.h"
#include "kiosk/kiosk_sync.h"
#include "platform/paths.h"
#include "platform/sdl/sdl_window.h"
#include "store/kiosk_sync_state.h"
#include "sync/client/pairing.h"
#include "sync/client/sync_client.h"
#include "sync/client/sync_worker.h"
#include "ui/kiosk_app.h"
#include "ui/script.h"

namespace {

using namespace attest;
namespace fs = std::filesystem;

struct Args {
  std::string data;
  std::string assets = ATTEST_ASSETS_DIR;
  bool demo = false;
  std::string size = "1280x800";
  bool fullscreen = false;
  int inactivity = 120;
  std::string script;
  std::string screenshot_dir;
  std::string timing;
  std::string pair_url;
  std::string pair_code;
  std::string device_name = "Front desk kiosk";
  std::vector<std::string> media;  // where removable drives are mounted
};

// --timing FILE, for bench/kiosk_bench.cpp: appends one JSON line per drawn
// frame, and after the first one a line saying when it was on screen.
// steady_ms is CLOCK_MONOTONIC, so the bench can also count from its spawn.
class FrameTiming {
 public:
  using Time = std::chrono::steady_clock::time_point;
  FrameTiming(const std::string& path, Time started)
      : file_(path.empty() ? nullptr : std::fopen(path.c_str(), "a"), &close_file),
        started_(started) {}
  bool is_open() const { return file_ != nullptr; }
  void frame(Time begin, Time built, Time shown) {
    if (!file_) return;
    ++frames_;
    std::fprintf(file_.get(), "{\"frame\":%d,\"build_ms\":%.3f,\"render_ms\":%.3f}\n", frames_,
                 ms(built - begin), ms(shown - built));
    if (frames_ == 1) {
      std::fprintf(file_.get(), "{\"first_frame_ms\":%.3f,\"steady_ms\":%.3f}\n",
                   ms(shown - started_), ms(shown.time_since_epoch()));
    }
    std::fflush(file_.get());  // lines are read while the kiosk runs
  }

 private:
  static void close_file(std::FILE* f) {
    if (f) std::fclose(f);
  }
  static double ms(std::chrono::steady_clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
  }
  std::unique_ptr<std::FILE, void (*)(std::FILE*)> file_;
  Time started_;
  int frames_ = 0;
};

// A clock the script can move forward; otherwise the real one.
class KioskClock final : public Clock {
 public:
  explicit KioskClock(bool scripted) : scripted_(scripted), fixed_(SystemClock().now()) {}
  Timestamp now() const override { return scripted_ ? fixed_.now() : system_.now(); }
  void advance(int ms) { fixed_.advance_ms(ms); }

 private:
  bool scripted_;
  SystemClock system_;
  FixedClock fixed_;
};

class Host final : public ui::ScriptHost {
 public:
  Host(platform::SdlWindow& w, KioskClock& clock, std::string dir)
      : window_(w), clock_(clock), dir_(std::move(dir)) {}
  void pointer(float x, float y, bool down, bool touch) override {
    window_.inject_pointer(x, y, down, touch);
  }
  void motion(float x, float y, bool touch) override { window_.inject_motion(x, y, touch); }
  void advance_clock(int ms) override { clock_.advance(ms); }
  void resize(int w, int h) override { window_.set_size(w, h); }
  Status screenshot(const std::string& name) override {
    if (dir_.empty()) return {};  // screenshots only when a folder was given
    pending_png = (fs::path(dir_) / (name + ".png")).string();
    return {};
  }
  std::string pending_png;

 private:
  platform::SdlWindow& window_;
  KioskClock& clock_;
  std::string dir_;
};

std::vector<ui::DemoLogin> read_demo_logins(const fs::path& data) {
  std::vector<ui::DemoLogin> out;
  auto text = read_file(data / "demo-logins.json");
  if (!text.ok()) return out;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_object() && e.contains("name") && e.contains("pin") && e["name"].is_string() &&
        e["pin"].is_string()) {
      out.push_back({e["name"].get<std::string>(), e["pin"].get<std::string>()});
    }
  }
  return out;
}

std::string font_dir(const std::string& assets) {
  fs::path shipped = fs::path(assets) / "fonts";
  if (fs::exists(shipped / "DejaVuSans.ttf")) return shipped.string();
  return "/usr/share/fonts/truetype/dejavu";
}

int run(const Args& a, std::chrono::steady_clock::time_point started) {
  const fs::path data = a.data.empty() ? platform::default_data_dir() : fs::path(a.data);
  if (!a.pair_url.empty()) {
    if (!platform::ensure_private_dir(data)) {
      std::fprintf(stderr, "attest-kiosk: cannot create %s\n", data.c_str());
      return 2;
    }
    SystemClock clock;
    crypto::SystemRandom rng;
    auto paired = sync::pair_kiosk({platform::kiosk_db_path(data), platform::device_key_path(data)},
                                   a.pair_url, a.pair_code, a.device_name, clock, rng);
    if (!paired.ok()) {
      std::fprintf(stderr, "attest-kiosk: pairing failed: %s\n", paired.error().message.c_str());
      return 2;
    }
    std::printf("attest-kiosk: paired with %s at %s as device %s\n",
                paired->practice_name.c_str(), a.pair_url.c_str(), paired->device_id.c_str());
    // A first sync while nobody is waiting at the kiosk yet, so it opens
    // with the practice's roster. Failing here is not fatal: the worker
    // keeps trying.
    auto client = sync::SyncClient::open(
        {platform::kiosk_db_path(data), platform::device_key_path(data)}, clock, rng);
    auto first = client.ok() ? (*client)->sync_once()
                             : Result<sync::SyncOutcome>(client.take_error());
    if (first.ok()) {
      std::printf("attest-kiosk: first sync done: roster %s, %llu completions received\n",
                  first->roster_changed ? "received" : "unchanged",
                  static_cast<unsigned long long>(first->completions));
    } else {
      std::printf("attest-kiosk: first sync did not finish (%s); it will be retried\n",
                  first.error().message.c_str());
    }
    std::fflush(stdout);
  }
  auto key = crypto::DeviceKey::load(platform::device_key_path(data));
  if (!key.ok()) {
    std::fprintf(stderr,
                 "attest-kiosk: %s\nThis kiosk is not set up. For a demo run: attest demo %s\n",
                 key.error().message.c_str(), data.c_str());
    return 2;
  }
  auto store = store::KioskStore::open(platform::kiosk_db_path(data), std::move(*key));
  if (!store.ok()) {
    std::fprintf(stderr, "attest-kiosk: %s\n", store.error().message.c_str());
    return 2;
  }
  int w = 1280, h = 800;
  if (std::sscanf(a.size.c_str(), "%dx%d", &w, &h) != 2 || w < 200 || h < 200) {
    std::fprintf(stderr, "attest-kiosk: --size takes WIDTHxHEIGHT, like 1280x800\n");
    return 2;
  }
  std::vector<ui::ScriptCommand> script;
  if (!a.script.empty()) {
    auto text = read_file(a.script);
    if (!text.ok()) {
      std::fprintf(stderr, "attest-kiosk: %s\n", text.error().message.c_str());
      return 2;
    }
    auto parsed = ui::parse_script(*text);
    if (!parsed.ok()) {
      std::fprintf(stderr, "attest-kiosk: %s: %s\n", a.script.c_str(),
                   parsed.error().message.c_str());
      return 2;
    }
    script = std::move(*parsed);
  }
  if (!a.screenshot_dir.empty()) fs::create_directories(a.screenshot_dir);
  FrameTiming timing(a.timing, started);
  if (!a.timing.empty() && !timing.is_open()) {
    std::fprintf(stderr, "attest-kiosk: cannot write %s\n", a.timing.c_str());
    return 2;
  }

  KioskClock clock(!a.script.empty());
  crypto::SystemRandom rng;
  kiosk::ServiceOptions options;
  // The practice's name, as set up for this kiosk (the demo writes one).
  auto name = read_file(data / "practice-name.txt");
  options.practice_name = name.ok() ? name->substr(0, name->find('\n')) : std::string();
  auto link = store::load_server_link(store->db());
  if (!link.ok()) {
    std::fprintf(stderr, "attest-kiosk: %s\n", link.error().message.c_str());
    return 2;
  }
  const sync::KioskPaths paths{platform::kiosk_db_path(data), platform::device_key_path(data)};
  // Paired: syncs on a worker thread. Unpaired: this kiosk's store is the
  // record, until the Security Official pairs it from admin mode.
  kiosk::KioskSync kiosk_sync(paths, a.device_name, &platform::SdlWindow::wake);
  if (*link) options.practice_name = (*link)->practice_name;
  if (a.demo) options.demo_logins = read_demo_logins(data);
  kiosk::KioskService service(*store, content::load_catalog(a.assets), clock, rng, options);
  std::vector<fs::path> media_roots(a.media.begin(), a.media.end());
  if (media_roots.empty()) media_roots = platform::removable_media_roots();
  kiosk::AdminService admin(service, *store, kiosk_sync, sync::practice_key_path(paths),
                            &platform::SdlWindow::wake, media_roots, a.assets);
  service.attach_admin(&admin);

  std::string error;
  platform::WindowOptions wo;
  wo.width = w;
  wo.height = h;
  wo.fullscreen = a.fullscreen;
  wo.title = "Attest";
  auto window = platform::SdlWindow::create(wo, error);
  if (!window) {
    std::fprintf(stderr, "attest-kiosk: %s\n", error.c_str());
    return 2;
  }
  // Stopped before the window goes, so no thread wakes a closed SDL.
  struct StopThreads {
    kiosk::KioskSync& sync;
    kiosk::AdminService& admin;
    ~StopThreads() {
      sync.stop();
      admin.stop();
    }
  } stop_threads{kiosk_sync, admin};
  if (*link) {
    kiosk_sync.start_worker((*link)->url);
    service.attach_sync(kiosk_sync.worker());
  }
  ui::Theme theme;
  ui::KioskSettings settings;
  settings.inactivity_seconds = a.inactivity;
  ui::KioskApp app(service, theme, settings);
  Host host(*window, clock, a.screenshot_dir);

  size_t next_command = 0;
  int scroll_tries = 0;
  // When a wait-for gives up; zero while none is under way.
  std::chrono::steady_clock::time_point wait_until{};
  int frames = 3;  // draw a few frames at start so ImGui settles
  while (!window->quit_requested()) {
    bool input = false;
    if (frames > 0 || window->input_pending() || !script.empty()) {
      input = window->poll_input();
    } else {
      input = window->wait_for_input(app.next_wakeup_ms());
      frames = std::max(frames, 1);  // input or a timer: one frame at least
    }
    if (input) {
      if (window->take_user_input()) app.note_activity();
      frames = std::max(frames, 3);
    }
    int cw = 0, ch = 0;
    window->size(cw, ch);
    if (theme.update_scale(cw, ch, window->display_dpi_scale())) {
      if (!theme.load_fonts(font_dir(a.assets), error)) {
        std::fprintf(stderr, "attest-kiosk: %s\n", error.c_str());
        return 2;
      }
      theme.apply_style();
      window->reload_fonts();
      frames = std::max(frames, 3);
    }
    // A widget reacts to a tap in the frame that sees the release; what it
    // changed shows in the frame after. Keep drawing until input has settled.
    if (window->input_pending()) frames = std::max(frames, 2);
    if (frames > 0 || app.settling()) {
      const auto begin = std::chrono::steady_clock::now();
      window->begin_frame();
      app.frame();
      const auto built = std::chrono::steady_clock::now();
      std::string png = std::move(host.pending_png);
      host.pending_png.clear();
      if (!window->end_frame(png)) {
        std::fprintf(stderr, "attest-kiosk: cannot write screenshot %s\n", png.c_str());
        return 1;
      }
      timing.frame(begin, built, std::chrono::steady_clock::now());
      if (frames > 0) --frames;
      continue;
    }
    if (next_command < script.size()) {
      auto& cmd = script[next_command];
      auto step = ui::run_command(cmd, app.registry(), host, ImVec2(float(cw), float(ch)));
      if (!step.ok()) {
        std::fprintf(stderr, "attest-kiosk: %s: %s\n", a.script.c_str(),
                     step.error().message.c_str());
        return 1;
      }
      if (*step == ui::StepResult::kNotYet) {
        const auto now = std::chrono::steady_clock::now();
        if (wait_until == std::chrono::steady_clock::time_point{}) {
          wait_until = now + std::chrono::seconds(15);
        }
        if (now > wait_until) {
          std::fprintf(stderr, "attest-kiosk: %s: script line %d: waited 15 s for \"%s\"\n",
                       a.script.c_str(), cmd.line, cmd.text.c_str());
          return 1;
        }
        window->wait_for_input(50);  // the sync worker's wake() ends this early
        frames = 1;
        continue;
      }
      wait_until = {};
      if (*step == ui::StepResult::kAgain) {
        if (++scroll_tries > 30) {
          std::fprintf(stderr, "attest-kiosk: %s: script line %d: cannot scroll to the widget\n",
                       a.script.c_str(), cmd.line);
          return 1;
        }
      } else {
        scroll_tries = 0;
        ++next_command;
      }
      frames = 3;
    } else if (!a.script.empty()) {
      return 0;  // the script ran to the end
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  CLI::App cli{"attest-kiosk: the Attest training and attestation kiosk."};
  Args a;
  cli.add_option("--data", a.data, "data folder (default: $ATTEST_DATA_DIR or ~/.local/share/attest)");
  cli.add_option("--assets", a.assets, "curriculum folder")->default_val(ATTEST_ASSETS_DIR);
  cli.add_flag("--demo", a.demo, "show the demo staff and PINs on the start screen");
  cli.add_option("--size", a.size, "window size WIDTHxHEIGHT")->default_val("1280x800");
  cli.add_flag("--fullscreen", a.fullscreen, "fill the screen (kiosk mode)");
  cli.add_option("--inactivity", a.inactivity, "seconds without input before auto-logoff")
      ->default_val(120)
      ->check(CLI::Range(30, 3600));
  cli.add_option("--script", a.script, "run a UI script (see app/ui/script.h) and exit");
  cli.add_option("--screenshot", a.screenshot_dir, "folder for the script's screenshots");
  cli.add_option("--timing", a.timing, "append frame times as JSON lines (bench/kiosk_bench)");
  auto* pair = cli.add_option("--pair", a.pair_url,
                              "pair with the office server at this URL, like http://192.168.1.20:8750");
  cli.add_option("--pair-code", a.pair_code, "the code `attest-server pair` showed")->needs(pair);
  pair->needs("--pair-code");
  cli.add_option("--device-name", a.device_name, "this kiosk's name on the server's list");
  cli.add_option("--removable-media", a.media,
                 "where removable drives are mounted, each two levels down (default /media and "
                 "/run/media); admin mode offers them for exports");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  return run(a, started);
}
