// An X server of the benchmark's own (Xvfb) for the idle run: SDL's x11
// driver blocks in SDL_WaitEventTimeout as on a real display, where the
// offscreen driver wakes every millisecond. Linux only, like the kiosk.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "child_process.h"

namespace attest::bench {

class Xvfb {
 public:
  // Starts Xvfb on the first free display from :90 with one screen of
  // `size` (like "1280x800"); nullptr when Xvfb is not installed or will
  // not start.
  static std::unique_ptr<Xvfb> start(const std::string& size) {
    const std::optional<std::string> program = find_program("Xvfb");
    if (!program) return nullptr;
    for (int n = 90; n < 110; ++n) {
      // Taken, or left behind by a server that died: Xvfb would refuse it.
      if (std::filesystem::exists(lock_file(n)) || std::filesystem::exists(socket_file(n))) {
        continue;
      }
      const std::string display = ":" + std::to_string(n);
      auto x = std::unique_ptr<Xvfb>(new Xvfb(
          {*program, display, "-screen", "0", size + "x24", "-nolisten", "tcp"}, display));
      if (!x->proc_.ok()) return nullptr;
      // Ready once it listens on its socket; another server may have taken
      // the number meanwhile, and then this one exits.
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (x->proc_.running() && std::chrono::steady_clock::now() < give_up) {
        if (std::filesystem::exists(socket_file(n))) return x;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    return nullptr;
  }

  // Stopped with SIGTERM, so it removes its lock file and socket.
  ~Xvfb() {
    if (!proc_.ok()) return;
    if (proc_.running()) ::kill(proc_.pid(), SIGTERM);
    proc_.wait(5);
  }
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  const std::string& display() const { return display_; }

 private:
  Xvfb(const std::vector<std::string>& args, std::string display)
      : proc_(args, "/dev/null", true), display_(std::move(display)) {}

  static std::string lock_file(int n) { return "/tmp/.X" + std::to_string(n) + "-lock"; }
  static std::string socket_file(int n) { return "/tmp/.X11-unix/X" + std::to_string(n); }

  static std::optional<std::string> find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
      const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
  }

  ChildProcess proc_;
  std::string display_;
};

}  // namespace attest::bench
