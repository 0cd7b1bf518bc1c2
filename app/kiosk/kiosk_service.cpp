#include "kiosk/kiosk_service.h"

#include "report/reports.h"

#include "content/weekly_reminder.h"
#include "crypto/pwhash.h"
#include "store/kiosk_sync_state.h"

namespace attest::kiosk {

namespace {

std::string nice_date(Date d) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  CivilDate c = civil_from_date(d);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
}

}  // namespace

KioskService::KioskService(store::KioskStore& store, content::Catalog catalog, const Clock& clock,
                           Random& rng, ServiceOptions options)
    : store_(store), catalog_(std::move(catalog)), clock_(clock), rng_(rng),
      options_(std::move(options)) {}

std::vector<ui::PersonCard> KioskService::people() {
  std::vector<ui::PersonCard> out;
  auto people = store::load_people(store_.db());
  if (!people.ok()) return out;
  const int64_t now = clock_.now().utc_ms;
  for (const auto& p : *people) {
    if (!p.active) continue;
    ui::PersonCard c{p.id, p.name, p.role, 0, !p.pin_verifier.empty()};
    auto st = store::load_pin_state(store_.db(), p.id);
    if (st.ok()) c.locked_seconds = core::seconds_locked(*st, now);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> KioskService::content_errors() {
  std::vector<std::string> out;
  for (const auto& e : catalog_.errors) out.push_back(e.to_string());
  return out;
}

core::EventDraft KioskService::draft_about(core::EventKind kind, const content::Item* item) const {
  core::EventDraft d;
  d.kind = kind;
  if (person_) d.person_id = person_->id;
  if (item) {
    d.subject = {item->id, std::to_string(item->version), item->sha256};
    d.subject_effective = item->effective;
  }
  return d;
}

Status KioskService::record(core::EventDraft draft,
                            const std::function<Status(store::Db&)>* also) {
  if (also) {
    TRY(store_.append(draft, clock_, rng_, *also));
  } else {
    TRY(store_.append(draft, clock_, rng_));
  }
  tasks_dirty_ = true;  // the completion index reads the new event when tasks are next shown
  if (sync_) sync_->notify();
  return {};
}

namespace {

std::string ago(int64_t ms) {
  const int64_t minutes = ms / 60000;
  if (minutes < 1) return "synced just now";
  if (minutes < 60) return "synced " + std::to_string(minutes) + (minutes == 1 ? " minute ago" : " minutes ago");
  const int64_t hours = minutes / 60;
  if (hours < 48) return "synced " + std::to_string(hours) + (hours == 1 ? " hour ago" : " hours ago");
  return "synced " + std::to_string(hours / 24) + " days ago";
}

}  // namespace

ui::SyncIndicator KioskService::sync_indicator() {
  using State = ui::SyncIndicator::State;
  ui::SyncIndicator out;
  if (!sync_) return out;
  const sync::SyncState s = sync_->state();
  out.pending = s.pending;
  switch (s.phase) {
    case sync::SyncState::Phase::kSyncing:
      out.state = State::kSyncing;
      out.pending = s.progress_total;
      out.progress = s.progress_total ? double(s.progress_sent) / double(s.progress_total) : 0;
      break;
    case sync::SyncState::Phase::kOffline:
      out.state = State::kOffline;
      out.detail = s.last_error;
      break;
    case sync::SyncState::Phase::kRefused:
      out.state = State::kProblem;
      out.detail = s.last_error;
      break;
    default:
      out.state = s.pending > 0 ? State::kWaiting : State::kUpToDate;
      if (s.last_success_utc_ms) out.detail = ago(clock_.now().utc_ms - *s.last_success_utc_ms);
      break;
  }
  return out;
}

void KioskService::start_enrollment(const std::string& code, const std::string& pin) {
  if (sync_) sync_->enroll(code, pin);
}

ui::Enrollment KioskService::enrollment() {
  if (!sync_) return {};
  const sync::EnrollmentState e = sync_->enrollment();
  using P = sync::EnrollmentState::Phase;
  using S = ui::Enrollment::State;
  const S state = e.phase == P::kWorking ? S::kWorking
                  : e.phase == P::kDone  ? S::kDone
                  : e.phase == P::kFailed ? S::kFailed
                                          : S::kIdle;
  return ui::Enrollment{state, e.person_name, e.message};
}

void KioskService::reset_enrollment() {
  if (sync_) sync_->reset_enrollment();
}

Result<ui::SignInResult> KioskService::sign_in(const std::string& person_id,
                                               const std::string& pin) {
  auto person = TRY(store::load_person(store_.db(), person_id));
  if (!person || !person->active) {
    return make_error(ErrorCode::kNotFound, "this person is not on the kiosk's roster");
  }
  if (person->pin_verifier.empty()) {
    // Not a wrong PIN: there is none yet. Nothing to count or lock.
    return make_error(ErrorCode::kNotFound,
                      "no PIN is set yet; tap \"I have an enrollment code\" to choose one");
  }
  const int64_t now = clock_.now().utc_ms;
  core::PinState st = TRY(store::load_pin_state(store_.db(), person_id));
  ui::SignInResult r;
  if (int s = core::seconds_locked(st, now); s > 0) {
    r.outcome = ui::SignInOutcome::kLocked;
    r.locked_seconds = s;
    return r;
  }
  if (!crypto::check_pin(person->pin_verifier, pin)) {
    st = core::after_wrong_pin(st, now);
    TRY_STATUS(store::save_pin_state(store_.db(), person_id, st));
    core::EventDraft d = draft_about(core::EventKind::kSignInFailed, nullptr);
    d.person_id = person_id;
    d.body_fields = {{"failures_in_a_row", st.failures}, {"lockouts", st.lockouts},
                     {"locked_seconds", core::seconds_locked(st, now)}};
    TRY_STATUS(record(std::move(d)));
    r.locked_seconds = core::seconds_locked(st, now);
    r.outcome = r.locked_seconds > 0 ? ui::SignInOutcome::kLocked : ui::SignInOutcome::kWrongPin;
    r.tries_left = core::tries_left(st);
    return r;
  }
  TRY_STATUS(store::save_pin_state(store_.db(), person_id, core::after_sign_in(st)));
  person_ = *person;
  TRY_STATUS(record(draft_about(core::EventKind::kSignIn, nullptr)));
  tasks_dirty_ = true;
  published_.reset();  // a sync may have brought publications from the office PC
  r.outcome = ui::SignInOutcome::kSignedIn;
  return r;
}

std::optional<ui::PersonCard> KioskService::signed_in() {
  if (!person_) return std::nullopt;
  return ui::PersonCard{person_->id, person_->name, person_->role, 0};
}

Status KioskService::sign_out(bool automatic) {
  if (!person_) return {};
  Status s = record(draft_about(automatic ? core::EventKind::kAutoLogoff : core::EventKind::kSignOut,
                                nullptr));
  person_.reset();
  tasks_dirty_ = true;
  return s;
}

std::optional<core::Completion> completion_from_remote(const store::RemoteCompletion& r) {
  // Same rules as this kiosk's own records: the same header fields go
  // through the same completion_of().
  auto kind = core::event_kind_from_name(r.kind);
  if (!kind) return std::nullopt;
  core::EventHeader h;
  h.kind = *kind;
  h.person_id = r.person_id;
  h.subject.id = r.item_id;
  h.subject.version = r.version;
  h.time = Timestamp{r.utc_ms, r.offset_minutes};
  return core::completion_of(h);
}

Result<std::vector<core::Completion>> KioskService::completions_of(const std::string& person_id) {
  if (!index_) index_.emplace(TRY(store::CompletionIndex::open(store_, rng_)));
  std::vector<core::Completion> out = TRY(index_->completions_of(person_id));
  // What other kiosks recorded, from the office server.
  for (const auto& r : TRY(store::load_remote_completions(store_.db(), person_id))) {
    if (auto c = completion_from_remote(r)) out.push_back(std::move(*c));
  }
  return out;
}

// What people are trained on today, as the reports will say it was: each
// module and policy at its newest version in force (its file's effective
// date, or the day it was published in admin mode here).
std::vector<core::CurriculumItem> KioskService::curriculum() {
  if (!published_) {
    published_.emplace();
    auto rows = store::load_published_versions(store_.db());
    for (const auto& r : rows.ok() ? *rows : std::vector<store::PublishedVersion>{}) {
      report::PolicyAction a;
      a.published = true;
      a.policy_id = r.policy_id;
      a.version = r.version;
      a.effective = format_date(r.effective);
      published_->push_back(std::move(a));
    }
  }
  return report::curriculum_of(catalog_, local_date(clock_.now()), *published_);
}

ui::KioskBackend::InForce KioskService::in_force(content::Kind kind, const std::string& id) {
  const core::ItemKind want = kind == content::Kind::kModule ? core::ItemKind::kModule : core::ItemKind::kPolicy;
  for (const core::CurriculumItem& c : curriculum()) {
    if (c.kind != want || c.id != id) continue;
    for (const content::Item* v : catalog_.of_kind(kind)) {
      if (v->id == id && v->version == c.version) return {v, c.effective};
    }
  }
  return {};
}

std::vector<ui::Task> KioskService::tasks() {
  if (!person_) return {};
  if (!tasks_dirty_) return tasks_cache_;
  tasks_cache_.clear();
  core::Person p{person_->id, person_->name, person_->role, person_->hired, person_->active};
  auto mine = completions_of(p.id);
  if (!mine.ok()) return {};
  auto items = curriculum();
  const Date today = local_date(clock_.now());
  for (const auto& a : core::assignments_for(p, items, *mine, options_.rules, today)) {
    ui::Task t;
    t.kind = a.item->kind == core::ItemKind::kModule ? content::Kind::kModule : content::Kind::kPolicy;
    t.id = a.item->id;
    t.title = a.item->title;
    t.new_version = a.new_version;
    switch (a.status) {
      case core::DueStatus::kOverdue:
        t.state = ui::TaskState::kOverdue;
        t.when = std::to_string(a.days_overdue) + (a.days_overdue == 1 ? " day" : " days") +
                 " overdue";
        break;
      case core::DueStatus::kDue:
        t.state = ui::TaskState::kDue;
        t.when = a.due ? "Due " + nice_date(*a.due) : "Due";
        break;
      default:
        t.state = ui::TaskState::kDone;
        t.when = a.last_done ? "Done " + nice_date(*a.last_done) : "Done";
        break;
    }
    if (t.kind == content::Kind::kModule) {
      auto page = store::load_progress(store_.db(), p.id, t.id);
      t.resume_page = page.ok() ? *page : 0;
    }
    tasks_cache_.push_back(std::move(t));
  }
  tasks_dirty_ = false;
  return tasks_cache_;
}

Status KioskService::save_progress(const std::string& module_id, int page) {
  if (!person_) return make_error(ErrorCode::kInvalidArgument, "nobody is signed in");
  return store::save_progress(store_.db(), person_->id, module_id, page, clock_.now().utc_ms);
}

Status KioskService::complete_module(const std::string& module_id) {
  const content::Item* m = in_force(content::Kind::kModule, module_id).item;
  if (!person_ || !m) return make_error(ErrorCode::kNotFound, "no such module: " + module_id);
  core::EventDraft d = draft_about(core::EventKind::kModuleCompleted, m);
  d.body_fields = {{"pages", m->pages.size()}};
  TRY_STATUS(record(std::move(d)));
  return store::clear_progress(store_.db(), person_->id, module_id);
}

Status KioskService::record_quiz(const std::string& quiz_id, const std::vector<int>& answers,
                                 int score_percent, bool passed) {
  const content::Item* q = catalog_.find(content::Kind::kQuiz, quiz_id);
  if (!person_ || !q) return make_error(ErrorCode::kNotFound, "no such quiz: " + quiz_id);
  core::EventDraft d = draft_about(core::EventKind::kQuizAttempt, q);
  d.body_fields = {{"answers", answers}, {"score_percent", score_percent}, {"passed", passed},
                   {"pass_mark", q->pass_mark}};
  return record(std::move(d));
}

Status KioskService::attest_policy(const std::string& policy_id, const std::string& typed_name,
                                   const std::vector<std::vector<std::pair<int, int>>>& strokes) {
  const InForce in = in_force(content::Kind::kPolicy, policy_id);
  const content::Item* p = in.item;
  if (!person_ || !p) return make_error(ErrorCode::kNotFound, "no such policy: " + policy_id);
  core::EventDraft d = draft_about(core::EventKind::kPolicyAttested, p);
  nlohmann::json s = nlohmann::json::array();
  for (const auto& stroke : strokes) {
    nlohmann::json pts = nlohmann::json::array();
    for (auto [x, y] : stroke) pts.push_back({x, y});
    s.push_back(pts);
  }
  d.body_fields = {{"typed_name", typed_name},
                   {"consent", content::consent_sentence(*p)},
                   {"signature_strokes", s},
                   {"policy_title", p->title},
                   {"effective", in.since ? format_date(*in.since) : ""}};
  return record(std::move(d));
}

Status KioskService::report_incident(const std::string& what, const std::string& when,
                                     const std::string& where, const std::string& name) {
  core::EventDraft d = draft_about(core::EventKind::kIncidentReported, nullptr);
  d.person_id.clear();  // reports may be anonymous; a name, if given, is sealed
  d.body_fields = {{"what", what}, {"when", when}, {"where", where}, {"reporter_name", name}};
  return record(std::move(d));
}

Status KioskService::acknowledge_reminder(const std::string& reminder_id) {
  const content::Item* r = catalog_.find(content::Kind::kReminder, reminder_id);
  if (!person_ || !r) return make_error(ErrorCode::kNotFound, "no such reminder: " + reminder_id);
  TRY_STATUS(record(draft_about(core::EventKind::kReminderAcknowledged, r)));
  return store::save_reminder_ack(store_.db(), person_->id, r->id, std::to_string(r->version),
                                  local_date(clock_.now()));
}

ui::ReminderCard KioskService::weekly_reminder() {
  ui::ReminderCard card;
  if (!person_) return card;
  const content::WeeklyReminder week =
      content::weekly_reminder(catalog_, local_date(clock_.now()));
  card.reminder = week.item;
  if (!week.item) return card;
  // Confirmed this week, of this text: a reminder that comes round again in
  // a later week, or is reworded, is asked about again.
  auto acked = store::reminder_acked_since(store_.db(), person_->id, week.item->id,
                                           std::to_string(week.item->version), week.week_start);
  card.acknowledged = acked.ok() && *acked;
  return card;
}

}  // namespace attest::kiosk
