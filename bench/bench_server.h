// `attest-server serve` in a child process for the benchmarks that sync
// with it, started on a loopback port and stopped with SIGTERM, and what
// /proc says about it. Failures throw bench::Failure, so the benchmark's
// own processes are stopped on the way out.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.h"
#include "support/run.h"

namespace attest::bench {

struct Failure {
  std::string why;
};
[[noreturn]] inline void fail(const std::string& why) { throw Failure{why}; }

// `attest-server serve` on a loopback port, its log (one line per request)
// in a file beside its folder.
class Server {
 public:
  // ChildProcess kills the server if a failure leaves it running.
  // `extra`: more `serve` options, such as --assets.
  Server(std::string bin, std::filesystem::path dir, std::filesystem::path log,
         std::vector<std::string> extra = {})
      : bin_(std::move(bin)), dir_(std::move(dir)), log_(std::move(log)), extra_(std::move(extra)) {}

  // The first start takes any free port; later ones reuse it, so the
  // paired kiosk finds the server again.
  void start() {
    const std::filesystem::path port_file = dir_.parent_path() / "server.port";
    std::filesystem::remove(port_file);
    std::vector<std::string> argv{bin_, "serve", dir_.string(), "--listen",
                                  "127.0.0.1:" + std::to_string(port_), "--port-file",
                                  port_file.string()};
    argv.insert(argv.end(), extra_.begin(), extra_.end());
    process_ = std::make_unique<testing::ChildProcess>(argv, log_.string());
    if (!process_->ok()) fail("cannot start " + bin_);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!std::filesystem::exists(port_file)) {
      if (!process_->running() || std::chrono::steady_clock::now() > give_up) {
        fail("attest-server did not start; see " + log_.string());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::ifstream(port_file) >> port_;
    if (port_ <= 0) fail("attest-server wrote no port to " + port_file.string());
  }
  void stop() {
    if (!process_) return;
    process_->signal(SIGTERM);
    const int code = process_->wait(60).code;
    process_.reset();
    if (code != 0) fail("attest-server stopped with " + std::to_string(code));
  }
  bool running() const { return process_ && process_->running(); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& bin() const { return bin_; }
  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& log() const { return log_; }
  long peak_rss_kb() const { return proc(testing::proc_status(process_->pid(), "VmHWM")); }
  long cpu_ticks() const { return proc(testing::cpu_ticks(process_->pid())); }

  std::string pairing_code() const {
    auto r = testing::run(bin_ + " pair " + testing::quote(dir_.string()));
    std::smatch m;
    static const std::regex re("Pairing code: +([0-9A-Z]{4}-[0-9A-Z]{4})");
    if (r.code != 0 || !std::regex_search(r.out, m, re)) fail("attest-server pair: " + r.all);
    return m[1];
  }

 private:
  long proc(long v) const {
    if (v < 0) fail("cannot read /proc for attest-server");
    return v;
  }
  std::string bin_;
  std::filesystem::path dir_, log_;
  std::vector<std::string> extra_;
  int port_ = 0;
  std::unique_ptr<testing::ChildProcess> process_;
};

}  // namespace attest::bench
