#include "dashboard/sessions.h"

#include <array>

#include "crypto/hash.h"
#include "crypto/secret.h"

namespace attest::dashboard {

std::string random_token(Random& rng) {
  std::array<uint8_t, 32> bytes{};
  rng.fill(bytes);
  // base64url, unpadded: safe in a cookie, a URL and an attribute as it is.
  std::string out = base64_encode(bytes);
  crypto::secure_zero(bytes);
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

bool same_token(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return crypto::constant_time_equal(as_bytes(a), as_bytes(b));
}

Sessions::Sessions(const Clock& clock, Random& rng, SessionPolicy policy)
    : clock_(clock), rng_(rng), policy_(policy) {}

bool Sessions::expired(const Session& s, int64_t now) const {
  return now - s.last_seen_ms >= policy_.idle_ms || now - s.started_ms >= policy_.longest_ms;
}

Session Sessions::start(std::shared_ptr<const crypto::BoxSecretKey> secret,
                        const std::string& remote) {
  std::lock_guard<std::mutex> lock(mu_);
  Session s;
  s.id = random_token(rng_);
  s.csrf = random_token(rng_);
  s.started_ms = s.last_seen_ms = clock_.now().utc_ms;
  s.remote = remote;
  s.secret = std::move(secret);
  sessions_[s.id] = s;
  return s;
}

Sessions::Lookup Sessions::find(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = id.empty() ? sessions_.end() : sessions_.find(id);
  if (it == sessions_.end()) {
    auto gone = swept_.find(id);
    if (gone == swept_.end()) return {};
    swept_.erase(gone);
    Lookup out{State::kExpired, {}, true};
    out.session.id = id;
    return out;
  }
  const int64_t now = clock_.now().utc_ms;
  if (expired(it->second, now)) {
    Lookup out{State::kExpired, std::move(it->second)};
    sessions_.erase(it);
    return out;
  }
  it->second.last_seen_ms = now;
  return {State::kActive, it->second};
}

bool Sessions::end(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.erase(id) > 0;
}

void Sessions::open_incidents(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) {
    it->second.incidents_open_until_ms = clock_.now().utc_ms + policy_.incidents_open_ms;
  }
}

std::vector<Session> Sessions::sweep() {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = clock_.now().utc_ms;
  std::vector<Session> out;
  std::erase_if(swept_, [&](const auto& e) { return now - e.second > policy_.longest_ms; });
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (expired(it->second, now)) {
      swept_[it->first] = now;
      out.push_back(std::move(it->second));
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

size_t Sessions::active() {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

std::shared_ptr<const crypto::BoxSecretKey> Sessions::any_secret() {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = clock_.now().utc_ms;
  for (const auto& [id, s] : sessions_) {
    if (!expired(s, now) && s.secret) return s.secret;
  }
  return nullptr;
}

int SignInThrottle::wait_seconds() {
  std::lock_guard<std::mutex> lock(mu_);
  return core::seconds_locked(state_, clock_.now().utc_ms);
}

core::PinState SignInThrottle::failed() {
  std::lock_guard<std::mutex> lock(mu_);
  state_ = core::after_wrong_pin(state_, clock_.now().utc_ms);
  return state_;
}

void SignInThrottle::succeeded() {
  std::lock_guard<std::mutex> lock(mu_);
  state_ = core::after_sign_in(state_);
}

}  // namespace attest::dashboard
