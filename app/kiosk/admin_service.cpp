#include "kiosk/admin_service.h"

#include <cctype>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "crypto/secret.h"
#include "kiosk/kiosk_records.h"
#include "store/kiosk_state.h"
#include "store/kiosk_sync_state.h"
#include "sync/protocol/pairing.h"

namespace attest::kiosk {

AdminService::AdminService(KioskService& kiosk, store::KioskStore& store, KioskSync& sync,
                           std::filesystem::path practice_key_file, std::function<void()> wake,
                           std::vector<std::filesystem::path> media_roots,
                           std::filesystem::path assets)
    : kiosk_(kiosk), store_(store), sync_(sync), practice_key_file_(std::move(practice_key_file)),
      wake_(std::move(wake)), media_roots_(std::move(media_roots)), assets_(std::move(assets)),
      records_task_(wake_),
      exports_(wake_) {
  auto st = store::load_pin_state(store_.db(), kAdminSubject);
  if (st.ok()) tries_ = *st;
}

AdminService::~AdminService() { stop(); }

void AdminService::stop() {
  if (checker_.joinable()) checker_.join();
  exports_.cancel();
  records_task_.cancel();
  records_task_.join();
  exports_.join();
}

void AdminService::start_unlock(std::string passphrase) {
  const bool locked = core::seconds_locked(tries_, kiosk_.now().utc_ms) > 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (checking_ || secret_ || locked) {
      crypto::secure_zero(passphrase);
      return;
    }
    checking_ = true;
    outcome_.reset();
  }
  if (checker_.joinable()) checker_.join();  // the last one, long finished
  abandoned_ = false;
  refusal_.clear();
  checker_ = std::thread([this, passphrase = std::move(passphrase)]() mutable {
    Result<crypto::BoxSecretKey> r = make_error(ErrorCode::kInternal, "not run");
    auto text = read_file(practice_key_file_);
    if (text.ok()) {
      r = crypto::unlock_with_passphrase(*text, passphrase);
    } else {
      r = text.take_error();
    }
    crypto::secure_zero(passphrase);
    {
      std::lock_guard<std::mutex> lock(mu_);
      outcome_ = std::move(r);
      checking_ = false;
    }
    if (wake_) wake_();
  });
}

void AdminService::harvest() {
  std::optional<Result<crypto::BoxSecretKey>> outcome;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (checking_ || !outcome_) return;
    outcome = std::move(outcome_);
    outcome_.reset();
  }
  if (checker_.joinable()) checker_.join();
  const int64_t now = kiosk_.now().utc_ms;
  if (outcome->ok()) {
    if (abandoned_) return;  // left before the answer: nothing opens
    tries_ = core::after_sign_in(tries_);
    (void)store::save_pin_state(store_.db(), kAdminSubject, tries_);
    secret_.emplace(std::move(outcome->value()));
    if (Status s = record(core::EventKind::kSignIn, {{"mode", "admin"}}); !s.ok()) {
      // Log-in monitoring must not miss an opening: without its record,
      // admin mode stays shut.
      secret_.reset();
      refusal_ = "Admin mode could not be opened: " + s.error().message;
      return;
    }
    refresh_records();
    return;
  }
  if (outcome->error().code != ErrorCode::kWrongSecret) {
    refusal_ = "Admin mode could not be opened: " + outcome->error().message;
    return;
  }
  // A wrong passphrase counts even if the screen was left meanwhile.
  tries_ = core::after_wrong_pin(tries_, now);
  (void)store::save_pin_state(store_.db(), kAdminSubject, tries_);
  (void)record(core::EventKind::kSignInFailed,
               {{"mode", "admin"},
                {"failures_in_a_row", tries_.failures},
                {"lockouts", tries_.lockouts},
                {"locked_seconds", core::seconds_locked(tries_, now)}});
  const int left = core::tries_left(tries_);
  refusal_ = "That passphrase is not right. " + std::to_string(left) +
             (left == 1 ? " try" : " tries") + " left before a wait.";
}

void AdminService::poll() {
  harvest();
  harvest_records();
  if (auto paired = sync_.take_paired()) {
    // The new worker replaces the old one everywhere records nudge it.
    kiosk_.attach_sync(sync_.worker());
    kiosk_.set_practice_name(paired->practice_name);
  }
}

ui::AdminUnlock AdminService::unlock_state() {
  using State = ui::AdminUnlock::State;
  harvest();
  if (secret_) return {State::kOpen, {}, 0};
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (checking_) return {State::kChecking, {}, 0};
  }
  std::error_code ec;
  if (!std::filesystem::exists(practice_key_file_, ec)) {
    return {State::kUnavailable,
            "This kiosk has no copy of the practice key, so admin mode cannot open here. Pair "
            "it with the office server (attest-kiosk --pair), which brings the key, or open "
            "reports on the office server.",
            0};
  }
  if (int s = core::seconds_locked(tries_, kiosk_.now().utc_ms); s > 0) {
    return {State::kLocked, {}, s};
  }
  if (!refusal_.empty()) return {State::kRefused, refusal_, 0};
  return {State::kClosed, {}, 0};
}

void AdminService::close(bool automatic) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (checking_) abandoned_ = true;
  }
  refusal_.clear();
  if (!secret_) return;
  secret_.reset();  // BoxSecretKey's SecretBytes zeroes the secret
  // The jobs' copies go when they stop; what they read goes now.
  ++generation_;
  records_task_.cancel();
  records_.reset();
  records_problem_.clear();
  records_again_ = false;
  exports_.cancel();
  (void)record(automatic ? core::EventKind::kAutoLogoff : core::EventKind::kSignOut,
               {{"mode", "admin"}});
}

bool AdminService::with_practice_secret(
    const std::function<void(const crypto::BoxSecretKey&)>& fn) {
  if (!secret_) return false;
  fn(*secret_);
  return true;
}

std::shared_ptr<const crypto::BoxSecretKey> AdminService::secret_copy() {
  std::shared_ptr<const crypto::BoxSecretKey> out;
  with_practice_secret([&](const crypto::BoxSecretKey& k) {
    auto copy = crypto::BoxSecretKey::from_bytes(k.secret().view());
    if (copy.ok()) out = std::make_shared<const crypto::BoxSecretKey>(std::move(*copy));
  });
  return out;
}

bool AdminService::paired() {
  auto link = store::load_server_link(store_.db());
  return link.ok() && link->has_value();
}

ui::RecordsView AdminService::records() {
  harvest_records();
  return {records_, records_task_.running() || records_again_, records_problem_};
}

void AdminService::refresh_records() {
  // One under way started moments ago: it will do for a page just opened.
  if (!secret_ || records_task_.running()) return;
  start_records();
}

void AdminService::reread_records() {
  if (!secret_) return;
  if (records_task_.running()) {
    records_again_ = true;  // it may have read the log before the change
    return;
  }
  start_records();
}

void AdminService::start_records() {
  auto key = secret_copy();
  if (!key) return;
  RecordsInput in{&kiosk_.catalog(), kiosk_.rules(), local_date(kiosk_.now()), paired()};
  records_generation_ = generation_;
  records_task_.start([paths = sync_.paths(), key, in](const std::atomic<bool>& cancelled)
                          -> Result<ui::AdminRecords> {
    store::KioskStore reader = TRY(open_reader(paths));
    report::LedgerOptions lo;
    lo.body_kinds = admin_body_kinds();
    report::Ledger ledger(lo);
    TRY_STATUS(read_ledger(reader, ledger, *key, cancelled));
    return build_admin_records(reader, ledger, in);
  });
}

void AdminService::harvest_records() {
  auto done = records_task_.take();
  if (!done) return;
  if (records_generation_ != generation_ || !secret_) return;  // closed since: drop it
  if (done->ok()) {
    records_ = std::make_shared<const ui::AdminRecords>(std::move(done->value()));
    records_problem_.clear();
  } else {
    records_problem_ = as_sentence("The records could not be read: " + done->error().message);
  }
  if (records_again_) {
    records_again_ = false;
    start_records();
  }
}

std::vector<ui::ExportTarget> AdminService::export_targets() {
  return find_export_targets(sync_.paths().db.parent_path(), media_roots_);
}

void AdminService::start_export(ui::ExportKind kind, const std::string& folder,
                                ui::ExportPeriod period) {
  auto key = secret_copy();
  if (!key) return;
  const Timestamp now = kiosk_.now();
  ExportRequest r{kind,
                  sync_.paths(),
                  new_export_folder(folder, sync_.paths().db.parent_path(), now, kind),
                  &kiosk_.catalog(),
                  kiosk_.rules(),
                  kiosk_.practice_name(),
                  now,
                  period,
                  assets_};
  exports_.start(std::move(r), std::move(key));
}

ui::ExportJob AdminService::export_job() { return exports_.state(); }

void AdminService::reset_export() { exports_.reset(); }

Status AdminService::record(core::EventKind kind, nlohmann::json body) {
  core::EventDraft d;
  d.kind = kind;
  d.subject.id = kAdminSubject;
  d.body_fields = std::move(body);
  return kiosk_.record_event(std::move(d));
}

ui::SyncDetail AdminService::sync_detail() {
  using Phase = ui::SyncDetail::Phase;
  ui::SyncDetail d;
  auto pending = store_.pending_count();
  d.pending = pending.ok() ? *pending : 0;
  auto link = store::load_server_link(store_.db());
  sync::SyncWorker* worker = sync_.worker();
  if (!link.ok() || !*link || !worker) return d;
  d.server_url = (*link)->url;
  d.practice_name = (*link)->practice_name;
  const sync::SyncState s = worker->state();
  switch (s.phase) {
    case sync::SyncState::Phase::kStarting: d.phase = Phase::kStarting; break;
    case sync::SyncState::Phase::kUpToDate: d.phase = Phase::kUpToDate; break;
    case sync::SyncState::Phase::kSyncing: d.phase = Phase::kSyncing; break;
    case sync::SyncState::Phase::kOffline: d.phase = Phase::kOffline; break;
    case sync::SyncState::Phase::kRefused: d.phase = Phase::kRefused; break;
  }
  d.sent = s.progress_sent;
  d.total = s.progress_total;
  d.last_success_utc_ms = s.last_success_utc_ms;
  if (!d.last_success_utc_ms) {
    // Before this run's first sync: the last one the store remembers.
    auto cursor = store::load_sync_cursor(store_.db());
    if (cursor.ok()) d.last_success_utc_ms = cursor->last_success_utc_ms;
  }
  if (!s.last_error.empty()) d.last_error = as_sentence(s.last_error);
  if (s.phase == sync::SyncState::Phase::kOffline || s.phase == sync::SyncState::Phase::kRefused) {
    d.next_attempt_utc_ms = s.next_attempt_utc_ms;
  }
  return d;
}

void AdminService::sync_now() {
  if (sync::SyncWorker* w = sync_.worker()) w->request_sync();
}

ui::PairingDetail AdminService::pairing_detail() {
  ui::PairingDetail d;
  d.device_id = sync::grouped_hex(store_.device().id());
  auto link = store::load_server_link(store_.db());
  if (!link.ok() || !*link) return d;
  d.paired = true;
  d.server_url = (*link)->url;
  d.practice_name = (*link)->practice_name;
  d.server_key_fingerprint = sync::grouped_hex(crypto::fingerprint((*link)->server_key));
  d.device_name = (*link)->device_name;
  d.paired_utc_ms = (*link)->paired_utc_ms;
  return d;
}

void AdminService::start_pairing(const std::string& url, const std::string& code) {
  sync_.start_pairing(url, code);
}

ui::PairingJob AdminService::pairing_job() {
  poll();
  return sync_.pairing_job();
}

void AdminService::reset_pairing() { sync_.reset_pairing(); }

}  // namespace attest::kiosk
