// The kiosk's application layer: implements what the screens ask for
// (ui::KioskBackend) over the record store, the curriculum and the core
// rules. Every recording call appends a signed event and returns only after
// it is committed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/random.h"
#include "base/time.h"
#include "content/content.h"
#include "core/assignment.h"
#include "report/ledger.h"
#include "store/completion_index.h"
#include "store/kiosk_state.h"
#include "store/kiosk_sync_state.h"
#include "store/kiosk_store.h"
#include "sync/client/sync_worker.h"
#include "ui/backend.h"

namespace attest::kiosk {

struct ServiceOptions {
  std::string practice_name;  // empty: none shown
  std::vector<ui::DemoLogin> demo_logins;  // shown on the attract screen; demo only
  core::AssignmentRules rules;
};

class KioskService final : public ui::KioskBackend {
 public:
  KioskService(store::KioskStore& store, content::Catalog catalog, const Clock& clock,
               Random& rng, ServiceOptions options);

  std::string practice_name() override { return options_.practice_name; }
  std::vector<ui::PersonCard> people() override;
  std::vector<ui::DemoLogin> demo_logins() override { return options_.demo_logins; }
  std::vector<std::string> content_errors() override;
  InForce in_force(content::Kind kind, const std::string& id) override;
  const content::Catalog& catalog() override { return catalog_; }

  Result<ui::SignInResult> sign_in(const std::string& person_id, const std::string& pin) override;
  std::optional<ui::PersonCard> signed_in() override;
  Status sign_out(bool automatic) override;

  std::vector<ui::Task> tasks() override;
  Status save_progress(const std::string& module_id, int page) override;
  Status complete_module(const std::string& module_id) override;
  Status record_quiz(const std::string& quiz_id, const std::vector<int>& answers,
                     int score_percent, bool passed) override;
  Status attest_policy(const std::string& policy_id, const std::string& typed_name,
                       const std::vector<std::vector<std::pair<int, int>>>& strokes) override;
  Status report_incident(const std::string& what, const std::string& when,
                         const std::string& where, const std::string& name) override;
  Status acknowledge_reminder(const std::string& reminder_id) override;
  ui::ReminderCard weekly_reminder() override;

  Timestamp now() override { return clock_.now(); }
  ui::SyncIndicator sync_indicator() override;
  bool can_enroll() override { return sync_ != nullptr; }
  void start_enrollment(const std::string& code, const std::string& pin) override;
  ui::Enrollment enrollment() override;
  void reset_enrollment() override;

  // With a worker, every recorded event nudges a sync and the start screen
  // shows the sync state. Without one, this kiosk's store is the record.
  void attach_sync(sync::SyncWorker* worker) { sync_ = worker; }
  ui::AdminBackend* admin() override { return admin_; }
  void attach_admin(ui::AdminBackend* admin) { admin_ = admin; }
  // After pairing from admin mode: the practice as the server names it.
  void set_practice_name(std::string name) { options_.practice_name = std::move(name); }
  // Appends and commits one event (nudging a sync), as every recording
  // call does; for admin mode's records.
  Status record_event(core::EventDraft draft) { return record(std::move(draft)); }
  // The same, with `also` in the event's transaction (store::KioskStore::append).
  Status record_event(core::EventDraft draft, const std::function<Status(store::Db&)>& also) {
    return record(std::move(draft), &also);
  }
  const core::AssignmentRules& rules() const { return options_.rules; }
  // After admin mode publishes a policy version here (store::save_published_version).
  void published_versions_changed() {
    published_.reset();
    tasks_dirty_ = true;
  }
  Random& rng() { return rng_; }

 private:
  Status record(core::EventDraft draft,
                const std::function<Status(store::Db&)>* also = nullptr);
  core::EventDraft draft_about(core::EventKind kind, const content::Item* item) const;
  Result<std::vector<core::Completion>> completions_of(const std::string& person_id);
  std::vector<core::CurriculumItem> curriculum();

  store::KioskStore& store_;
  content::Catalog catalog_;
  const Clock& clock_;
  Random& rng_;
  ServiceOptions options_;
  std::optional<store::PersonRecord> person_;
  std::optional<store::CompletionIndex> index_;  // opened on first need
  std::vector<ui::Task> tasks_cache_;
  bool tasks_dirty_ = true;
  // Policy versions published here, as report::curriculum_of reads them.
  std::optional<std::vector<report::PolicyAction>> published_;
  sync::SyncWorker* sync_ = nullptr;
  ui::AdminBackend* admin_ = nullptr;
};

// A completion recorded at another kiosk, as down-sync brought it.
std::optional<core::Completion> completion_from_remote(const store::RemoteCompletion& r);

}  // namespace attest::kiosk
