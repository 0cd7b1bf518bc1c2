// Who is signed in to the dashboard. A session starts when the Security
// Official's passphrase unlocks the practice key, and holds that key (the
// dashboard's reports open names, signatures and incident details with it)
// until sign-out or until it has been idle too long; then the key is let
// go. Sessions live in the server's memory only: a restart signs everyone
// out. The cookie holds 32 random bytes; every form carries the session's
// CSRF token, a second 32 random bytes.
//
// SignInThrottle is the log-in monitoring rule the kiosk's PIN pad uses
// (core/sign_in_policy.h): five wrong passphrases in a row lock sign-in
// for 1, 4, 16, then 60 minutes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/random.h"
#include "base/time.h"
#include "core/sign_in_policy.h"
#include "crypto/seal.h"

namespace attest::dashboard {

struct SessionPolicy {
  int64_t idle_ms = 15 * 60 * 1000;         // signed out after this long without a request
  int64_t longest_ms = 12 * 60 * 60 * 1000;  // and after this long whatever happens
  // The incident log asks for the passphrase again; it stays open this long.
  int64_t incidents_open_ms = 10 * 60 * 1000;
};

struct Session {
  std::string id;    // the cookie's value
  std::string csrf;  // every form's token
  int64_t started_ms = 0;
  int64_t last_seen_ms = 0;
  int64_t incidents_open_until_ms = 0;
  std::string remote;
  std::shared_ptr<const crypto::BoxSecretKey> secret;
};

// 32 random bytes as URL-safe text with no padding.
std::string random_token(Random& rng);
// Compares in time that does not depend on where they differ.
bool same_token(std::string_view a, std::string_view b);

class Sessions {
 public:
  Sessions(const Clock& clock, Random& rng, SessionPolicy policy = {});

  Session start(std::shared_ptr<const crypto::BoxSecretKey> secret, const std::string& remote);

  enum class State { kActive, kExpired, kUnknown };
  struct Lookup {
    State state = State::kUnknown;
    Session session;  // kActive: as touched now; kExpired: as it was last
    // kExpired: sweep() ended it (and its log-off was recorded then); the
    // browser is still told it was signed out for being idle.
    bool swept = false;
  };
  // An active session is touched (its idle time starts again); an expired
  // one is ended and returned once, so its automatic log-off is recorded.
  Lookup find(const std::string& id);
  // Ends it; false if there was none.
  bool end(const std::string& id);
  void open_incidents(const std::string& id);
  // Ends every session that has been idle too long, for the log-off
  // records of sessions nobody came back to.
  std::vector<Session> sweep();
  size_t active();
  // The practice key any signed-in session holds (there is one practice
  // key), for loading reports in the background; null when none is.
  std::shared_ptr<const crypto::BoxSecretKey> any_secret();
  const SessionPolicy& policy() const { return policy_; }

 private:
  bool expired(const Session& s, int64_t now) const;

  const Clock& clock_;
  Random& rng_;
  SessionPolicy policy_;
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
  // Sessions sweep() ended, by id, with when: kept as long as a session
  // may last, so coming back to one says why it ended.
  std::map<std::string, int64_t> swept_;
};

class SignInThrottle {
 public:
  explicit SignInThrottle(const Clock& clock) : clock_(clock) {}
  // Seconds until a passphrase may be tried again; 0: now.
  int wait_seconds();
  // After a wrong passphrase: the state, for its SignInFailed record.
  core::PinState failed();
  void succeeded();

 private:
  const Clock& clock_;
  std::mutex mu_;
  core::PinState state_;
};

}  // namespace attest::dashboard
