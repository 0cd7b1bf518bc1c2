// One piece of slow work on a thread of its own (reading every record for
// admin mode's pages, writing an export), so the UI thread never waits for
// it. The UI thread starts it, takes the outcome when it is done and may
// cancel it; the work checks the flag it is given between steps. wake() is
// called from the worker thread when the outcome is ready, and must only
// wake the UI.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace attest::kiosk {

template <class T>
class BackgroundTask {
 public:
  using Work = std::function<T(const std::atomic<bool>& cancelled)>;

  explicit BackgroundTask(std::function<void()> wake) : wake_(std::move(wake)) {}
  ~BackgroundTask() {
    cancel();
    join();
  }
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;

  bool running() const {
    std::lock_guard<std::mutex> lock(mu_);
    return running_;
  }

  // Starts `work` unless the last one is still running (then false). The
  // thread owns `work`, so what it captured (a copy of the practice
  // secret) is destroyed when it ends.
  bool start(Work work) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (running_) return false;
      running_ = true;
      outcome_.reset();
    }
    join();  // the last one, long finished
    cancelled_ = false;
    thread_ = std::thread([this, work = std::move(work)]() mutable {
      T out = work(cancelled_);
      work = nullptr;
      {
        std::lock_guard<std::mutex> lock(mu_);
        outcome_.emplace(std::move(out));
        running_ = false;
      }
      if (wake_) wake_();
    });
    return true;
  }

  // The outcome of the work that has finished, once.
  std::optional<T> take() {
    std::optional<T> out;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (running_ || !outcome_) return std::nullopt;
      out = std::move(outcome_);
      outcome_.reset();
    }
    join();
    return out;
  }

  // Asks the work to stop at its next step; does not wait.
  void cancel() { cancelled_ = true; }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  const std::function<void()> wake_;
  std::thread thread_;
  mutable std::mutex mu_;
  bool running_ = false;      // guarded by mu_
  std::optional<T> outcome_;  // guarded by mu_
  std::atomic<bool> cancelled_{false};
};

}  // namespace attest::kiosk
