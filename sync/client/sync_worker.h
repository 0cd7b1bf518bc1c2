// Runs SyncClient on its own thread so a sync never blocks a frame: right
// after each new event (notify()), every minute when idle, and with
// exponential backoff plus jitter while the server is away. The UI reads a
// snapshot of the state (state()) and is told when it changes, from the
// worker thread, through the on_change callback (which must only wake it).
#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/time.h"

namespace attest::sync {

struct SyncState {
  enum class Phase {
    kStarting,  // no attempt yet
    kUpToDate,  // the last sync succeeded and nothing waits
    kSyncing,
    kOffline,   // the server could not be reached; retrying with backoff
    kRefused,   // the server or the kiosk refused (unpaired, revoked, forged)
  };
  Phase phase = Phase::kStarting;
  std::string server_url;
  std::optional<int64_t> last_success_utc_ms;
  uint64_t pending = 0;         // events no receipt covers yet
  uint64_t progress_sent = 0;   // during a sync
  uint64_t progress_total = 0;
  std::string last_error;       // plain words, empty after a success
  int64_t next_attempt_utc_ms = 0;
  int failures_in_a_row = 0;
};

// A staff enrollment (code + new PIN) handed to the worker, because it
// needs the server and Argon2id: neither belongs on the UI thread.
struct EnrollmentState {
  enum class Phase { kIdle, kWorking, kDone, kFailed };
  Phase phase = Phase::kIdle;
  std::string person_name;  // when done
  std::string message;      // when failed, plain words
};

struct SyncTiming {
  int64_t idle_ms = 60000;          // sync this often with nothing new
  int64_t first_backoff_ms = 2000;  // then doubling ...
  int64_t max_backoff_ms = 300000;  // ... up to five minutes
};

class SyncWorker {
 public:
  SyncWorker(std::filesystem::path db, std::filesystem::path device_key, std::string server_url,
             SyncTiming timing = {});
  ~SyncWorker();
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void set_on_change(std::function<void()> fn);
  void start();
  // Stops the thread. A sync under way finishes first; records still
  // waiting get one last try, unless the server was away at the last try.
  void stop();
  // The same without waiting for it: stop() later joins the thread.
  void request_stop();
  // Something new was recorded: sync soon (unless backing off).
  void notify();
  // Someone asked ("Sync now" in admin mode): sync at once, even while
  // backing off. A sync under way is not interrupted; one more follows.
  void request_sync();
  SyncState state() const;

  // Starts enrolling a person; the PIN is turned into its verifier on the
  // worker and then wiped.
  void enroll(std::string code, std::string pin);
  EnrollmentState enrollment() const;
  void reset_enrollment();

 private:
  void run();
  void sync_now();
  void changed();
  void enroll_now();

  const std::filesystem::path db_;
  const std::filesystem::path device_key_;
  const SyncTiming timing_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool nudged_ = false;
  bool requested_ = false;
  SyncState state_;
  EnrollmentState enrollment_;
  std::string enroll_code_, enroll_pin_;  // the job, while one waits
  std::function<void()> on_change_;
  std::thread thread_;
};

// Backoff before attempt n+1 after n failures in a row, with jitter in
// [0.5, 1.5) from `unit` (a number in [0, 1)).
int64_t backoff_ms(const SyncTiming& t, int failures, double unit);

}  // namespace attest::sync
