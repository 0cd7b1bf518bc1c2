// Kiosk benchmark: runs the real attest-kiosk under SDL's offscreen driver
// on a store of N events and prints one JSON object per figure, with its
// goal: cold start to first frame, frame times while signing in, on the home
// screen and in the module reader, idle CPU on the attract screen (under
// Xvfb when installed, which lets the kiosk sleep as on a real display),
// and peak RSS.
//
//   bench_kiosk [--events N] [--starts N] [--rounds N] [--idle-seconds S] [--dir DIR]
//
// The kiosk times its own frames (`attest-kiosk --timing FILE`); everything
// else comes from the kernel: wait4()'s rusage for the scripted runs, which
// end by themselves, and /proc/PID/stat and /proc/PID/status for the idle
// run, which has no script (a script's `wait` only moves a virtual clock) and
// is stopped with SIGTERM, which SDL turns into a clean quit.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "xvfb.h"
#include "content/content.h"
#include "crypto/random.h"
#include "platform/paths.h"
#include "store/completion_index.h"
#include "store/kiosk_store.h"

using namespace attest;
using bench::ChildProcess;
namespace fs = std::filesystem;
using Clock_ = std::chrono::steady_clock;

namespace {

const std::string kAttest = ATTEST_BIN;
const std::string kKiosk = ATTEST_KIOSK_BIN;
const char* const kSize = "1280x800";

struct Args {
  uint64_t events = 100000;
  int starts = 5;   // cold starts; the median is reported
  int rounds = 20;  // home: 8 redraws a round; reader: 6 page turns
  int idle_seconds = 10;
  std::string dir = "bench-kiosk";
};

// Thrown, not exit(), so any running kiosk is killed on the way out.
struct Failure {
  std::string why;
};
[[noreturn]] void fail(const std::string& why) { throw Failure{why}; }

double ms_between(Clock_::time_point a, Clock_::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double mb(long kb) { return double(kb) / 1024.0; }

// Runs `args` to its end; fails unless it exits with 0.
ChildProcess::Exit run_to_end(const std::vector<std::string>& args, int timeout_s) {
  ChildProcess p(args);
  if (!p.ok()) fail("cannot start " + args[0]);
  ChildProcess::Exit e = p.wait(timeout_s);
  if (e.code != 0) fail(args[0] + " exited with " + std::to_string(e.code));
  return e;
}

// What one kiosk run wrote with --timing.
struct Timing {
  std::optional<double> first_frame_ms;  // from the start of the kiosk's main()
  std::optional<double> first_frame_steady_ms;
  std::vector<double> frame_ms, build_ms, render_ms;
};

Timing read_timing(const fs::path& file) {
  Timing t;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;  // the last line may be half written
    if (j.contains("frame")) {
      double build = j.value("build_ms", 0.0), render = j.value("render_ms", 0.0);
      t.build_ms.push_back(build);
      t.render_ms.push_back(render);
      t.frame_ms.push_back(build + render);
    } else if (j.contains("first_frame_ms")) {
      t.first_frame_ms = j.value("first_frame_ms", 0.0);
      t.first_frame_steady_ms = j.value("steady_ms", 0.0);
    }
  }
  return t;
}

// Sorts `v` and returns the value at fraction `p` of the way (nearest rank).
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * double(v.size() - 1) + 0.5)];
}

struct Data {
  fs::path dir;
  uint64_t events = 0;
  double index_catch_up_ms = 0;  // the completion index reading the whole log once
};

// A demo practice made by the real `attest demo`, then grown to `events`
// with synthetic history for the other staff (Maria's training stays due, so
// the reader run can open it), appended in batches to be quick.
Data make_data(const Args& a) {
  const fs::path data = fs::path(a.dir) / "data";
  fs::remove_all(data);
  fs::create_directories(a.dir);
  run_to_end({kAttest, "demo", data.string()}, 120);

  auto key = crypto::DeviceKey::load(platform::device_key_path(data));
  if (!key.ok()) fail(key.error().message);
  auto store = store::KioskStore::open(platform::kiosk_db_path(data), std::move(*key));
  if (!store.ok()) fail(store.error().message);
  const content::Catalog catalog = content::load_catalog(ATTEST_ASSETS_DIR);
  const auto modules = catalog.of_kind(content::Kind::kModule);
  const auto policies = catalog.of_kind(content::Kind::kPolicy);
  if (modules.empty() || policies.empty()) fail("no curriculum in " ATTEST_ASSETS_DIR);
  const char* const people[] = {"p-0001", "p-0003", "p-0004"};
  auto subject = [](const content::Item* i) {
    return core::Subject{i->id, std::to_string(i->version), i->sha256};
  };

  auto count = store->event_count();
  if (!count.ok()) fail(count.error().message);
  uint64_t have = *count;
  SystemClock clock;
  crypto::SystemRandom rng;
  constexpr uint64_t kBatch = 1000;
  while (have < a.events) {
    std::vector<core::EventDraft> drafts;
    for (uint64_t i = have; i < std::min(a.events, have + kBatch); ++i) {
      core::EventDraft d;
      d.person_id = people[i % 3];
      switch (i % 5) {  // a visit: sign in, a module, a policy, sign out
        case 0: d.kind = core::EventKind::kSignIn; break;
        case 1:
        case 2: {
          const content::Item* m = modules[(i / 5) % modules.size()];
          d.kind = core::EventKind::kModuleCompleted;
          d.subject = subject(m);
          d.body_fields = {{"pages", m->pages.size()}};
          break;
        }
        case 3: {
          const content::Item* p = policies[(i / 5) % policies.size()];
          d.kind = core::EventKind::kPolicyAttested;
          d.subject = subject(p);
          d.body_fields = {{"typed_name", "Staff member"},
                           {"consent", "I have read this policy and I will follow it."},
                           {"signature_strokes", {{{12, 40}, {30, 22}, {55, 48}, {80, 20}}}}};
          break;
        }
        default: d.kind = core::EventKind::kSignOut; break;
      }
      drafts.push_back(std::move(d));
    }
    if (auto r = store->append_batch(drafts, clock, rng); !r.ok()) fail(r.error().message);
    have += drafts.size();
  }
  // A kiosk that has run for years has kept its completion index current
  // as it went; a store upgraded to it reads the whole log once, this long.
  auto index = store::CompletionIndex::open(*store, rng);
  if (!index.ok()) fail(index.error().message);
  const auto t0 = Clock_::now();
  if (auto r = index->catch_up(); !r.ok()) fail(r.error().message);
  const double catch_up_ms = ms_between(t0, Clock_::now());
  // Nor has it a big WAL to replay at start.
  (void)store->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return {data, have, catch_up_ms};
}

struct Run {
  Timing timing;
  ChildProcess::Exit exit;
  double spawned_steady_ms = 0;  // when the kiosk was started, on its own clock
};

// One scripted kiosk run, to its end.
Run run_script(const Args& a, const Data& data, const std::string& name,
               const std::string& script, int timeout_s) {
  const fs::path dir = a.dir;
  const fs::path script_file = dir / (name + ".script");
  const fs::path timing_file = dir / (name + ".timing.jsonl");
  std::ofstream(script_file) << script;
  fs::remove(timing_file);
  Run r;
  const auto spawned = Clock_::now();
  r.exit = run_to_end({kKiosk, "--data", data.dir.string(), "--size", kSize, "--script",
                       script_file.string(), "--timing", timing_file.string()},
                      timeout_s);
  r.spawned_steady_ms =
      std::chrono::duration<double, std::milli>(spawned.time_since_epoch()).count();
  r.timing = read_timing(timing_file);
  if (!r.timing.first_frame_ms) fail(name + " run: no first frame in " + timing_file.string());
  return r;
}

long bench_cold_start(const Args& a, const Data& data) {
  std::vector<double> from_spawn, in_process;
  long max_rss_kb = 0;
  for (int i = 0; i < a.starts; ++i) {
    // The start screen comes up, then the kiosk exits.
    Run r = run_script(a, data, "start", "expect \"Start\"\n", 60);
    // steady_clock is CLOCK_MONOTONIC in both processes, so this includes
    // exec and loading the shared libraries, which main() cannot see.
    from_spawn.push_back(*r.timing.first_frame_steady_ms - r.spawned_steady_ms);
    in_process.push_back(*r.timing.first_frame_ms);
    max_rss_kb = std::max(max_rss_kb, r.exit.max_rss_kb);
  }
  std::printf("{\"figure\":\"kiosk_cold_start\",\"events\":%llu,\"runs\":%d,"
              "\"page_cache\":\"warm\",\"median_ms\":%.1f,\"max_ms\":%.1f,"
              "\"in_process_median_ms\":%.1f,\"goal_ms\":300}\n",
              static_cast<unsigned long long>(data.events), a.starts, percentile(from_spawn, 0.5),
              percentile(from_spawn, 1.0), percentile(in_process, 0.5));
  return max_rss_kb;
}

// Times the frames drawn for `body`, run after `start`. A scripted run draws
// the same frames for the same commands, so a run of `start` alone says how
// many frames to leave out.
Run measure(const Args& a, const Data& data, const std::string& name, const std::string& start,
            const std::string& body) {
  size_t skip = 0;
  if (!start.empty()) {
    skip = run_script(a, data, name + "-start", start, 120).timing.frame_ms.size();
  }
  Run r = run_script(a, data, name, start + body, 300);
  for (auto* v : {&r.timing.frame_ms, &r.timing.build_ms, &r.timing.render_ms}) {
    v->erase(v->begin(), v->begin() + std::ptrdiff_t(std::min(skip, v->size())));
  }
  if (r.timing.frame_ms.empty()) fail(name + " run: no frames after its start");
  return r;
}

void print_frames(const Data& data, const char* screen, const Timing& t) {
  std::printf("{\"figure\":\"kiosk_frame_time\",\"screen\":\"%s\",\"events\":%llu,\"size\":\"%s\","
              "\"renderer\":\"software\",\"frames\":%zu,\"median_ms\":%.2f,\"p99_ms\":%.2f,"
              "\"max_ms\":%.1f,\"median_build_ms\":%.2f,\"median_render_ms\":%.2f,"
              "\"goal_median_ms\":4}\n",
              screen, static_cast<unsigned long long>(data.events), kSize, t.frame_ms.size(),
              percentile(t.frame_ms, 0.5), percentile(t.frame_ms, 0.99),
              percentile(t.frame_ms, 1.0), percentile(t.build_ms, 0.5),
              percentile(t.render_ms, 0.5));
}

long bench_frames(const Args& a, const Data& data) {
  // Maria signs in: attract, name, PIN (checked with Argon2id), then her
  // first task list, from the completion index.
  const std::string sign_in =
      "expect \"Start\"\ntap \"Start\"\ntap \"Maria Lopez\"\n"
      "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"Sign in\"\nexpect \"Hello, Maria\"\n";
  // Then her home screen redrawn, or a module's pages turned back and forth
  // (reaching the module scrolls the home screen; that is left out too).
  const std::string open_module = "tap \"Security reminders\"\nexpect \"Page 1 of\"\n";
  std::string redraws, page_turns;
  for (int i = 0; i < a.rounds; ++i) {
    for (int k = 0; k < 8; ++k) redraws += "expect \"Hello, Maria\"\n";
    for (int k = 0; k < 3; ++k) page_turns += "tap \"Next\"\n";
    for (int k = 0; k < 3; ++k) page_turns += "tap \"Previous\"\n";
  }
  Run in = measure(a, data, "sign-in", "", sign_in);
  print_frames(data, "sign-in", in.timing);
  Run home = measure(a, data, "home", sign_in, redraws);
  print_frames(data, "home", home.timing);
  Run reader = measure(a, data, "reader", sign_in + open_module, page_turns);
  print_frames(data, "module reader", reader.timing);
  return std::max({in.exit.max_rss_kb, home.exit.max_rss_kb, reader.exit.max_rss_kb});
}

long bench_idle(const Args& a, const Data& data) {
  const fs::path timing_file = fs::path(a.dir) / "idle.timing.jsonl";
  fs::remove(timing_file);
  // Under Xvfb when there is one, as a kiosk runs on a display: SDL's x11
  // driver sleeps in SDL_WaitEventTimeout until an event or the timeout.
  // The offscreen driver cannot, and wakes every millisecond.
  const std::unique_ptr<bench::Xvfb> x = bench::Xvfb::start(kSize);
  const std::string video = x ? "x11" : "offscreen";
  const std::string display = x ? "Xvfb " + x->display() : "none";
  if (x) {
    ::setenv("SDL_VIDEODRIVER", "x11", 1);
    ::setenv("DISPLAY", x->display().c_str(), 1);
  }
  ChildProcess kiosk({kKiosk, "--data", data.dir.string(), "--size", kSize, "--timing",
                      timing_file.string()});
  ::setenv("SDL_VIDEODRIVER", "offscreen", 1);  // for the runs after this one
  if (!kiosk.ok()) fail("cannot start " + kKiosk);
  const auto give_up = Clock_::now() + std::chrono::seconds(60);
  while (!read_timing(timing_file).first_frame_ms) {
    if (Clock_::now() > give_up || !kiosk.running()) fail("idle run: the kiosk never drew");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Let the start-up frames finish; then nobody touches it.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const size_t frames0 = read_timing(timing_file).frame_ms.size();
  // Sleeps the kiosk woke from: about one per redraw under x11, about a
  // thousand a second under the offscreen driver.
  auto proc = [&](long v) {
    if (v < 0) fail("idle run: cannot read /proc/" + std::to_string(kiosk.pid()));
    return v;
  };
  const long wakeups0 = proc(bench::proc_status(kiosk.pid(), "voluntary_ctxt_switches"));
  const long ticks0 = proc(bench::cpu_ticks(kiosk.pid()));
  const auto t0 = Clock_::now();
  std::this_thread::sleep_for(std::chrono::seconds(a.idle_seconds));
  const long ticks1 = proc(bench::cpu_ticks(kiosk.pid()));
  const long wakeups = proc(bench::proc_status(kiosk.pid(), "voluntary_ctxt_switches")) - wakeups0;
  const double secs = ms_between(t0, Clock_::now()) / 1000;
  const long hwm_kb = proc(bench::proc_status(kiosk.pid(), "VmHWM"));
  const size_t frames = read_timing(timing_file).frame_ms.size() - frames0;
  ::kill(kiosk.pid(), SIGTERM);
  if (int code = kiosk.wait(10).code; code != 0) {
    fail("idle run: attest-kiosk did not quit cleanly on SIGTERM (" + std::to_string(code) + ")");
  }
  const double cpu_s = double(ticks1 - ticks0) / double(::sysconf(_SC_CLK_TCK));
  std::printf("{\"figure\":\"kiosk_idle_cpu\",\"screen\":\"attract\",\"video\":\"%s\","
              "\"display\":\"%s\",\"seconds\":%.1f,\"cpu_percent\":%.2f,\"frames_drawn\":%zu,"
              "\"wakeups_per_s\":%.1f,\"tick_ms\":%.0f,\"goal_cpu_percent\":1}\n",
              video.c_str(), display.c_str(), secs, 100 * cpu_s / secs, frames,
              double(wakeups) / secs,
              1000.0 / double(::sysconf(_SC_CLK_TCK)));
  return hwm_kb;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    const bool has_value = i + 1 < argc;
    auto number = [&] { return std::max(1, std::atoi(argv[++i])); };
    if (k == "--events" && has_value) a.events = std::strtoull(argv[++i], nullptr, 10);
    else if (k == "--starts" && has_value) a.starts = number();
    else if (k == "--rounds" && has_value) a.rounds = number();
    else if (k == "--idle-seconds" && has_value) a.idle_seconds = number();
    else if (k == "--dir" && has_value) a.dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--events N] [--starts N] [--rounds N] "
                           "[--idle-seconds S] [--dir DIR]\n", argv[0]);
      return 2;
    }
  }
  // Headless and identical everywhere: SDL's offscreen video driver.
  ::setenv("SDL_VIDEODRIVER", "offscreen", 1);
  try {
    const Data data = make_data(a);
    std::printf("{\"figure\":\"completion_index_first_build\",\"events\":%llu,\"ms\":%.1f}\n",
                static_cast<unsigned long long>(data.events), data.index_catch_up_ms);
    const long start_kb = bench_cold_start(a, data);
    std::fflush(stdout);
    const long signed_in_kb = bench_frames(a, data);
    std::fflush(stdout);
    const long idle_kb = bench_idle(a, data);
    std::printf("{\"figure\":\"kiosk_peak_rss\",\"events\":%llu,\"peak_mb\":%.1f,"
                "\"cold_start_mb\":%.1f,\"signed_in_mb\":%.1f,\"idle_mb\":%.1f,\"goal_mb\":80}\n",
                static_cast<unsigned long long>(data.events),
                mb(std::max({start_kb, signed_in_kb, idle_kb})), mb(start_kb), mb(signed_in_kb),
                mb(idle_kb));
  } catch (const Failure& f) {
    std::fprintf(stderr, "bench_kiosk: %s\n", f.why.c_str());
    return 1;
  }
  return 0;
}
