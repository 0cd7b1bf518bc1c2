#include "kiosk/kiosk_sync.h"

#include <cctype>

#include "crypto/random.h"

namespace attest::kiosk {

std::string as_sentence(std::string s) {
  if (s.empty()) return s;
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  if (s.back() != '.') s += '.';
  return s;
}

std::string pairing_failure_words(const Error& e) {
  if (e.message.find("sealed to a different practice key") != std::string::npos) {
    return "This kiosk's records are sealed to its own practice key, not the office server's, "
           "so they cannot move there. Set the office server up with this kiosk's practice key "
           "(attest-server init --practice-key), then pair again with a new code.";
  }
  return as_sentence(e.message);
}

KioskSync::KioskSync(sync::KioskPaths paths, std::string device_name, std::function<void()> wake)
    : paths_(std::move(paths)), device_name_(std::move(device_name)), wake_(std::move(wake)) {}

KioskSync::~KioskSync() { stop(); }

void KioskSync::stop() {
  join_pairing();
  for (auto& w : retired_) w->stop();
  if (worker_) worker_->stop();
}

void KioskSync::join_pairing() {
  if (pairing_.joinable()) pairing_.join();
}

void KioskSync::start_worker(const std::string& url) {
  if (worker_) {
    worker_->request_stop();
    retired_.push_back(std::move(worker_));
  }
  worker_ = std::make_unique<sync::SyncWorker>(paths_.db, paths_.device_key, url);
  worker_->set_on_change(wake_);
  worker_->start();
}

void KioskSync::start_pairing(std::string url, std::string code) {
  join_pairing();  // a finished one; only one runs at a time
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = ui::PairingJob{ui::PairingJob::State::kWorking, {}};
    paired_.reset();
  }
  pairing_ = std::thread([this, url = std::move(url), code = std::move(code)] {
    SystemClock clock;
    crypto::SystemRandom rng;
    auto r = sync::pair_kiosk(paths_, url, code, device_name_, clock, rng);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (r.ok()) {
        job_ = ui::PairingJob{ui::PairingJob::State::kDone, r->practice_name};
        paired_ = std::move(*r);
        paired_url_ = url;
      } else {
        job_ = ui::PairingJob{ui::PairingJob::State::kFailed, pairing_failure_words(r.error())};
      }
    }
    if (wake_) wake_();
  });
}

ui::PairingJob KioskSync::pairing_job() const {
  std::lock_guard<std::mutex> lock(mu_);
  return job_;
}

std::optional<sync::PairedKiosk> KioskSync::take_paired() {
  std::optional<sync::PairedKiosk> out;
  std::string url;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out = std::move(paired_);
    paired_.reset();
    url = paired_url_;
  }
  if (out) {
    join_pairing();
    start_worker(url);
  }
  return out;
}

void KioskSync::reset_pairing() {
  std::lock_guard<std::mutex> lock(mu_);
  if (job_.state != ui::PairingJob::State::kWorking) job_ = {};
}

}  // namespace attest::kiosk
