// Admin mode's application layer (ui::AdminBackend): opening it with the
// Security Official's passphrase, the practice's records for its pages
// (kiosk_records.h), roster changes and designations (admin_changes.cpp),
// exports (export_job.h), the sync status and pairing.
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
//
// Reading the records and writing exports need the practice secret on
// another thread: each job gets a copy, taken through
// with_practice_secret() while admin mode is open and wiped when the job
// ends; closing admin mode cancels the jobs and drops the snapshot.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/sign_in_policy.h"
#include "crypto/seal.h"
#include "kiosk/background_task.h"
#include "kiosk/export_job.h"
#include "kiosk/kiosk_service.h"
#include "kiosk/kiosk_sync.h"
#include "ui/admin_backend.h"

namespace attest::kiosk {

inline constexpr char kAdminSubject[] = "admin-mode";

class AdminService final : public ui::AdminBackend {
 public:
  // practice_key_file: where this kiosk keeps the practice key file.
  // media_roots: where removable drives are mounted (platform::removable_media_roots()).
  // assets: the curriculum folder the catalog was loaded from, copied
  // into evidence bundles.
  AdminService(KioskService& kiosk, store::KioskStore& store, KioskSync& sync,
               std::filesystem::path practice_key_file, std::function<void()> wake,
               std::vector<std::filesystem::path> media_roots = {},
               std::filesystem::path assets = {});
  ~AdminService() override;
  AdminService(const AdminService&) = delete;
  AdminService& operator=(const AdminService&) = delete;

  void poll() override;
  void start_unlock(std::string passphrase) override;
  ui::AdminUnlock unlock_state() override;
  void close(bool automatic) override;
  bool with_practice_secret(
      const std::function<void(const crypto::BoxSecretKey&)>& fn) override;

  ui::RecordsView records() override;
  void refresh_records() override;

  bool roster_editable() override;
  Status add_person(const ui::NewPerson& person) override;
  Status change_role(const std::string& person_id, const std::string& role) override;
  Status set_active(const std::string& person_id, bool active) override;
  Status set_pin(const std::string& person_id, const std::string& pin) override;
  Status designate(const ui::NewDesignation& d) override;
  Status review_incident(const ui::NewIncidentReview& r) override;
  Status record_policy(const ui::NewPolicyAction& a) override;

  std::vector<ui::ExportTarget> export_targets() override;
  void start_export(ui::ExportKind kind, const std::string& folder,
                    ui::ExportPeriod period) override;
  ui::ExportJob export_job() override;
  void reset_export() override;

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
  // A copy of the practice secret for a job's thread; null when closed.
  std::shared_ptr<const crypto::BoxSecretKey> secret_copy();
  // Takes a finished snapshot, and starts the one asked for meanwhile.
  void harvest_records();
  void start_records();
  // After a change made here: read again, after the read under way if any.
  void reread_records();
  // One roster change: its RosterChanged record and the people table (and,
  // for a new PIN, the wrong-PIN count) in one transaction.
  Status change_roster(const char* change, const store::PersonRecord& person,
                       bool clear_pin_state = false);
  bool paired();

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

  const std::vector<std::filesystem::path> media_roots_;
  const std::filesystem::path assets_;
  BackgroundTask<Result<ui::AdminRecords>> records_task_;
  std::shared_ptr<const ui::AdminRecords> records_;
  std::string records_problem_;
  bool records_again_ = false;  // asked for while one was being built
  // Bumped when admin mode closes: a snapshot started before is dropped.
  uint64_t generation_ = 0;
  uint64_t records_generation_ = 0;
  ExportRunner exports_;
};

}  // namespace attest::kiosk
