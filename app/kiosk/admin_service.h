// Admin mode's application layer (ui::AdminBackend): opening it with the
// Security Official's passphrase, the sync status and pairing.
//
// The passphrase unwraps the practice key file (crypto/practice_key.h) with
// Argon2id, about a second: that runs on a thread of its own, and the UI
// thread takes the outcome (harvest()) and records it, so the store is only
// ever written from the UI thread. The practice secret is held only while
// admin mode is open and wiped when it closes (BoxSecretKey zeroes itself).
//
// Log-in monitoring (45 CFR 164.308(a)(5)(ii)(C)): opening is a SignIn,
// a wrong passphrase a SignInFailed, closing a SignOut, closing after
// inactivity an AutoLogoff; each names no person (the Security Official is
// not on the staff roster by necessity) and has subject "admin-mode". Wrong
// passphrases count like wrong PINs (core/sign_in_policy): five in a row
// lock admin mode for 1, 4, 16, then 60 minutes; the count is kept in the
// kiosk store under "admin-mode", so a restart does not reset it.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/sign_in_policy.h"
#include "crypto/seal.h"
#include "kiosk/kiosk_service.h"
#include "kiosk/kiosk_sync.h"
#include "ui/admin_backend.h"

namespace attest::kiosk {

inline constexpr char kAdminSubject[] = "admin-mode";

class AdminService final : public ui::AdminBackend {
 public:
  // practice_key_file: where this kiosk keeps the practice key file.
  AdminService(KioskService& kiosk, store::KioskStore& store, KioskSync& sync,
               std::filesystem::path practice_key_file, std::function<void()> wake);
  ~AdminService() override;
  AdminService(const AdminService&) = delete;
  AdminService& operator=(const AdminService&) = delete;

  void poll() override;
  void start_unlock(std::string passphrase) override;
  ui::AdminUnlock unlock_state() override;
  void close(bool automatic) override;
  bool with_practice_secret(
      const std::function<void(const crypto::BoxSecretKey&)>& fn) override;

  ui::SyncDetail sync_detail() override;
  void sync_now() override;

  ui::PairingDetail pairing_detail() override;
  void start_pairing(const std::string& url, const std::string& code) override;
  ui::PairingJob pairing_job() override;
  void reset_pairing() override;

  // Waits for a passphrase check under way (before the window goes).
  void stop();

 private:
  // On the UI thread: a finished check opens admin mode or counts as a
  // failure, and is recorded.
  void harvest();
  Status record(core::EventKind kind, nlohmann::json body);

  KioskService& kiosk_;
  store::KioskStore& store_;
  KioskSync& sync_;
  const std::filesystem::path practice_key_file_;
  const std::function<void()> wake_;

  std::thread checker_;
  std::mutex mu_;
  bool checking_ = false;                                // guarded by mu_
  std::optional<Result<crypto::BoxSecretKey>> outcome_;  // guarded by mu_

  // UI thread only.
  bool abandoned_ = false;  // closed while checking: do not open
  std::optional<crypto::BoxSecretKey> secret_;
  core::PinState tries_;
  std::string refusal_;  // the last refusal, in plain words
};

}  // namespace attest::kiosk
