#include "sync/client/sync_worker.h"

#include <algorithm>

#include "crypto/pwhash.h"
#include "crypto/random.h"
#include "crypto/secret.h"
#include "sync/client/sync_client.h"

namespace attest::sync {

int64_t backoff_ms(const SyncTiming& t, int failures, double unit) {
  int64_t base = t.first_backoff_ms;
  for (int i = 1; i < failures && base < t.max_backoff_ms; ++i) base *= 2;
  base = std::min(base, t.max_backoff_ms);
  return static_cast<int64_t>(static_cast<double>(base) * (0.5 + unit));
}

SyncWorker::SyncWorker(std::filesystem::path db, std::filesystem::path device_key,
                       std::string server_url, SyncTiming timing)
    : db_(std::move(db)), device_key_(std::move(device_key)), timing_(timing) {
  state_.server_url = std::move(server_url);
}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::set_on_change(std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(mu_);
  on_change_ = std::move(fn);
}

void SyncWorker::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void SyncWorker::stop() {
  request_stop();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::request_stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
}

void SyncWorker::notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    nudged_ = true;
    state_.pending += 1;  // shown at once; the next sync recounts
  }
  cv_.notify_all();
  changed();
}

void SyncWorker::request_sync() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

SyncState SyncWorker::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

void SyncWorker::enroll(std::string code, std::string pin) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    enroll_code_ = std::move(code);
    crypto::secure_zero(enroll_pin_);
    enroll_pin_ = std::move(pin);
    enrollment_ = EnrollmentState{EnrollmentState::Phase::kWorking, {}, {}};
  }
  cv_.notify_all();
  changed();
}

EnrollmentState SyncWorker::enrollment() const {
  std::lock_guard<std::mutex> lock(mu_);
  return enrollment_;
}

void SyncWorker::reset_enrollment() {
  std::lock_guard<std::mutex> lock(mu_);
  if (enrollment_.phase != EnrollmentState::Phase::kWorking) enrollment_ = {};
}

void SyncWorker::enroll_now() {
  std::string code, pin;
  {
    std::lock_guard<std::mutex> lock(mu_);
    code = std::move(enroll_code_);
    pin = std::move(enroll_pin_);
    enroll_code_.clear();
    enroll_pin_.clear();
  }
  SystemClock clock;
  crypto::SystemRandom rng;
  EnrollmentState out{EnrollmentState::Phase::kFailed, {}, {}};
  auto verifier = crypto::make_pin_verifier(pin, crypto::kdf_cost_pin());
  crypto::secure_zero(pin);
  if (!verifier.ok()) {
    out.message = verifier.error().message;
  } else if (auto client = SyncClient::open(KioskPaths{db_, device_key_}, clock, rng); !client.ok()) {
    out.message = client.error().message;
  } else if (auto person = (*client)->enroll(code, *verifier); !person.ok()) {
    out.message = person.error().message;
  } else {
    out = EnrollmentState{EnrollmentState::Phase::kDone, person->name, {}};
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    enrollment_ = std::move(out);
    nudged_ = true;  // fetch the roster change for the other kiosks' sake
  }
  changed();
}

void SyncWorker::changed() {
  std::function<void()> fn;
  {
    std::lock_guard<std::mutex> lock(mu_);
    fn = on_change_;
  }
  if (fn) fn();
}

void SyncWorker::run() {
  SystemClock clock;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (stopping_) {
      const bool last_try = state_.pending > 0 && state_.failures_in_a_row == 0 &&
                            state_.phase != SyncState::Phase::kStarting;
      if (!last_try) break;
      lock.unlock();
      sync_now();
      break;
    }
    if (!enroll_code_.empty()) {
      lock.unlock();
      enroll_now();
      lock.lock();
      continue;
    }
    const int64_t now = clock.now().utc_ms;
    // While backing off, a new event does not cut the wait short: the
    // server is away, and hammering it would not bring it back sooner.
    const bool backing_off = state_.failures_in_a_row > 0;
    if (now >= state_.next_attempt_utc_ms || requested_ || (nudged_ && !backing_off)) {
      nudged_ = requested_ = false;
      lock.unlock();
      sync_now();
      lock.lock();
      continue;
    }
    cv_.wait_for(lock, std::chrono::milliseconds(state_.next_attempt_utc_ms - now),
                 [&] {
                   return stopping_ || !enroll_code_.empty() || requested_ ||
                          (nudged_ && state_.failures_in_a_row == 0);
                 });
  }
}

void SyncWorker::sync_now() {
  SystemClock clock;
  crypto::SystemRandom rng;
  {
    std::lock_guard<std::mutex> lock(mu_);
    state_.phase = SyncState::Phase::kSyncing;
    state_.progress_sent = state_.progress_total = 0;
  }
  changed();
  Result<SyncOutcome> outcome = make_error(ErrorCode::kInternal, "not run");
  Result<uint64_t> pending = uint64_t{0};
  {
    auto client = SyncClient::open(KioskPaths{db_, device_key_}, clock, rng);
    if (client.ok()) {
      outcome = (*client)->sync_once([this](const SyncProgress& p) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          state_.progress_sent = p.sent;
          state_.progress_total = p.total;
        }
        changed();
      });
      pending = (*client)->pending();
    } else {
      outcome = client.take_error();
    }
  }
  uint8_t r[4];
  rng.fill(r);
  const double unit = double(uint32_t(r[0]) | uint32_t(r[1]) << 8 | uint32_t(r[2]) << 16) / 16777216.0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const int64_t now = clock.now().utc_ms;
    if (pending.ok()) state_.pending = *pending;
    if (outcome.ok()) {
      state_.phase = SyncState::Phase::kUpToDate;
      state_.last_success_utc_ms = now;
      state_.last_error.clear();
      state_.failures_in_a_row = 0;
      state_.next_attempt_utc_ms = now + timing_.idle_ms;
    } else {
      const ErrorCode code = outcome.error().code;
      const bool offline = code == ErrorCode::kIo;
      state_.phase = offline ? SyncState::Phase::kOffline : SyncState::Phase::kRefused;
      state_.last_error = outcome.error().message;
      state_.failures_in_a_row += 1;
      // A refusal will not fix itself quickly: wait the longest.
      state_.next_attempt_utc_ms =
          now + (offline ? backoff_ms(timing_, state_.failures_in_a_row, unit)
                         : timing_.max_backoff_ms);
    }
  }
  changed();
}

}  // namespace attest::sync
