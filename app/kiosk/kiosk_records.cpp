#include "kiosk/kiosk_records.h"

#include <algorithm>
#include <map>
#include <set>

#include "content/weekly_reminder.h"
#include "kiosk/kiosk_service.h"
#include "report/feed.h"
#include "report/reports.h"
#include "report/training_status.h"
#include "store/kiosk_state.h"

namespace attest::kiosk {

Result<store::KioskStore> open_reader(const sync::KioskPaths& paths) {
  crypto::DeviceKey key = TRY(crypto::DeviceKey::load(paths.device_key));
  return store::KioskStore::open(paths.db, std::move(key), store::OpenMode::kReadOnly);
}

Status read_ledger(store::KioskStore& store, report::Ledger& ledger,
                   const crypto::BoxSecretKey& key, const std::atomic<bool>& cancelled) {
  Status inner;
  TRY_STATUS(store.for_each(1, [&](const core::SignedEvent& e) {
    if (cancelled) {
      inner = make_error(ErrorCode::kInternal, "stopped: admin mode was closed");
      return false;
    }
    inner = report::feed_event(ledger, e.header, e.sealed_body, &key);
    return inner.ok();
  }));
  return inner;
}

uint32_t admin_body_kinds() {
  using core::EventKind;
  using report::kind_bit;
  return kind_bit(EventKind::kRosterChanged) | kind_bit(EventKind::kSecurityOfficialDesignated) |
         kind_bit(EventKind::kPrivacyOfficialDesignated) | kind_bit(EventKind::kIncidentReported) |
         kind_bit(EventKind::kIncidentReviewed) | kind_bit(EventKind::kPolicyPublished) |
         kind_bit(EventKind::kPolicyReviewed);
}

namespace {

ui::ItemState state_of(core::DueStatus s) {
  switch (s) {
    case core::DueStatus::kDone: return ui::ItemState::kDone;
    case core::DueStatus::kDue: return ui::ItemState::kDue;
    case core::DueStatus::kOverdue: return ui::ItemState::kOverdue;
    case core::DueStatus::kNotAssigned: break;
  }
  return ui::ItemState::kNotAssigned;
}

std::string overdue_reason(const core::Assignment& a) {
  if (a.new_version) return "new policy version";
  return a.last_done ? "refresher lapsed" : "never completed";
}

ui::CompletedLine completed_line(const core::Completion& c, const content::Catalog* catalog) {
  const bool policy = c.kind == core::ItemKind::kPolicy;
  const content::Item* item =
      catalog ? catalog->find(policy ? content::Kind::kPolicy : content::Kind::kModule, c.item_id)
              : nullptr;
  return {c.on, item ? item->title : c.item_id, policy, c.version};
}

void add_designations(ui::AdminRecords& out, const report::Ledger& ledger) {
  // Oldest first: by the day it takes effect, then when and where it was
  // recorded (two made within a second are told apart by their record).
  std::vector<const report::DesignationRecord*> all;
  for (const auto& d : ledger.designations()) all.push_back(&d);
  std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) {
    if (a->effective != b->effective) return a->effective < b->effective;
    if (a->time.utc_ms != b->time.utc_ms) return a->time.utc_ms < b->time.utc_ms;
    return a->at < b->at;
  });
  // As the designation report has it: the last of each role is current.
  std::map<report::OfficialRole, const report::DesignationRecord*> current;
  for (const auto* d : all) current[d->role] = d;
  for (auto it = all.rbegin(); it != all.rend(); ++it) {  // newest first
    const report::DesignationRecord* d = *it;
    out.designations.push_back({d->role == report::OfficialRole::kSecurity, d->person_id,
                                d->opened && !d->name.empty() ? d->name
                                                              : ledger.name_of(d->person_id),
                                d->effective, d->duties, d->designated_by, d->time.utc_ms,
                                current[d->role] == d, !d->signature.empty()});
  }
}

void add_incidents(ui::AdminRecords& out, const report::Ledger& ledger) {
  using Status = ui::IncidentLine::Status;
  for (const auto& inc : ledger.incidents()) {
    ++out.incidents_reported;
    ui::IncidentLine line;
    line.event_id = hex_encode(inc.event_id);
    line.reported_utc_ms = inc.time.utc_ms;
    line.reporter = inc.reporter_name;
    if (line.reporter.empty()) {
      line.reporter = inc.reporter_id.empty() ? "anonymous" : ledger.name_of(inc.reporter_id);
    }
    line.what = inc.what;
    line.when = inc.when;
    line.where = inc.where;
    // The last review decides, as in the incident log.
    for (const auto& r : ledger.incident_reviews()) {
      if (r.incident != inc.event_id) continue;
      line.reviews.push_back({r.time.utc_ms, r.reviewer_name, r.response,
                              r.notification_required, r.reasoning, r.closed});
    }
    line.status = line.reviews.empty()          ? Status::kOpen
                  : line.reviews.back().closed ? Status::kClosed
                                               : Status::kInReview;
    if (line.status != Status::kClosed) ++out.incidents_open;
    out.incidents.push_back(std::move(line));
  }
  std::stable_sort(out.incidents.begin(), out.incidents.end(), [](const auto& a, const auto& b) {
    return a.reported_utc_ms > b.reported_utc_ms;
  });
}

// The reminder schedule from this week on, and who confirmed this week's
// (a ReminderAcknowledged record of it since its Monday), of the people
// active now, as the home screen counts them.
void add_reminders(ui::AdminRecords& out, const report::Ledger& ledger,
                   const std::vector<core::Person>& people, const RecordsInput& in) {
  if (!in.catalog) return;
  constexpr int kWeeks = 8;  // this week and the next 7
  for (int w = 0; w < kWeeks; ++w) {
    const content::WeeklyReminder r = content::weekly_reminder(*in.catalog, add_days(in.today, 7 * w));
    if (!r.item) return;
    out.reminder_weeks.push_back({r.week_start, r.item->id, r.item->title, r.item->cfr,
                                  w == 0 ? r.item->body : std::string()});
  }
  const ui::ReminderWeek& now = out.reminder_weeks.front();
  std::set<std::string> active;
  for (const auto& p : people) {
    if (p.active) active.insert(p.id);
  }
  std::set<std::string> confirmed;
  for (const auto& a : ledger.reminder_acks()) {
    if (a.reminder_id == now.id && local_date(a.time) >= now.week_start && active.count(a.person_id)) {
      confirmed.insert(a.person_id);
    }
  }
  out.reminder_people = static_cast<int>(active.size());
  out.reminder_confirmed = static_cast<int>(confirmed.size());
}

// Every policy with the version in force today, as the reports choose it
// (report::curriculum_of, with this kiosk's PolicyPublished records), the
// newer versions in the content and what was published or reviewed here.
void add_policies(ui::AdminRecords& out, const report::Ledger& ledger, const RecordsInput& in) {
  if (!in.catalog) return;
  const auto& actions = ledger.policy_actions();
  // When each version is in force from: its file's date, unless a
  // PolicyPublished record gives another (the latest one wins).
  const auto from_of = [&](const content::Item& v, bool& published) {
    std::optional<Date> d;
    for (const auto& a : actions) {
      if (!a.published || a.policy_id != v.id || a.version != std::to_string(v.version)) continue;
      if (auto p = parse_date(a.effective); p.ok()) d = *p;
    }
    published = d.has_value();
    return d.value_or(v.effective.value_or(Date{}));
  };
  for (const core::CurriculumItem& c : report::curriculum_of(*in.catalog, in.today, actions)) {
    if (c.kind != core::ItemKind::kPolicy) continue;
    ui::PolicyLine line;
    line.id = c.id;
    line.title = c.title;
    line.version = c.version;
    line.since = c.effective;
    std::vector<const content::Item*> versions;
    for (const content::Item* v : in.catalog->of_kind(content::Kind::kPolicy)) {
      if (v->id == c.id) versions.push_back(v);
    }
    std::sort(versions.begin(), versions.end(),
              [](const auto* a, const auto* b) { return a->version < b->version; });
    line.versions = static_cast<int>(versions.size());
    for (const content::Item* v : versions) {
      bool published = false;
      const Date from = from_of(*v, published);
      if (v->version == c.version) {
        line.published = published;
        if (versions.size() > 1 && v != versions.front() && !published) {
          line.publishable.push_back(v->version);
        }
      } else if (v->version > c.version) {
        line.newer.push_back({v->version, from, published});
        line.publishable.push_back(v->version);
      }
    }
    for (auto it = actions.rbegin(); it != actions.rend(); ++it) {  // newest first
      if (it->policy_id != c.id) continue;
      int version = 0;
      try {
        version = std::stoi(it->version);
      } catch (...) {
      }
      line.actions.push_back({it->published, version, it->effective, it->note, it->by_name,
                              it->time.utc_ms});
    }
    out.policies.push_back(std::move(line));
  }
}

}  // namespace

Result<ui::AdminRecords> build_admin_records(store::KioskStore& store,
                                             const report::Ledger& ledger,
                                             const RecordsInput& in) {
  ui::AdminRecords out;
  out.paired = in.paired;
  out.as_of = in.today;
  const std::vector<store::PersonRecord> roster = TRY(store::load_people(store.db()));
  std::vector<core::Person> people;
  std::map<std::string, bool> has_pin;
  std::vector<core::Completion> completions = ledger.due_completions();
  for (const auto& p : roster) {
    people.push_back({p.id, p.name, p.role, p.hired, p.active});
    has_pin[p.id] = !p.pin_verifier.empty();
    if (!in.paired) continue;
    for (const auto& r : TRY(store::load_remote_completions(store.db(), p.id))) {
      if (auto c = completion_from_remote(r)) completions.push_back(std::move(*c));
    }
  }
  std::map<std::string, std::vector<ui::CompletedLine>> completed;
  for (const auto& c : completions) {
    completed[c.person_id].push_back(completed_line(c, in.catalog));
  }

  // Inactive people are assessed too: nothing is assigned to them (rule 1),
  // so they add nothing to any figure, and their page still lists what they did.
  const report::TrainingStatus st =
      report::training_status(std::move(people), completions, in.catalog, in.rules, in.today);
  for (size_t i = 0; i < st.items.size(); ++i) {
    const auto& item = st.items[i];
    const report::ItemTally& t = st.tallies[i];
    out.items.push_back({item.title, item.kind == core::ItemKind::kPolicy, item.version,
                         t.assigned, t.done, t.due, t.overdue, t.percent()});
  }
  std::set<size_t> overdue_people;
  for (const report::OverdueEntry& e : report::overdue_entries(st)) {
    const core::Person& p = st.people[e.person];
    const core::CurriculumItem& item = st.items[e.item];
    const core::Assignment& a = e.of(st);
    overdue_people.insert(e.person);
    out.overdue.push_back({p.id, p.name, p.role, item.title, item.kind == core::ItemKind::kPolicy,
                           item.version, a.due.value_or(Date{}), a.days_overdue,
                           overdue_reason(a)});
  }
  out.overdue_people = static_cast<int>(overdue_people.size());

  for (size_t pi = 0; pi < st.people.size(); ++pi) {
    const core::Person& p = st.people[pi];
    ui::RosterPerson r{p.id, p.name, p.role, p.hired, p.active, has_pin[p.id], 0, 0, 0, 0, {}, {}};
    for (size_t i = 0; i < st.items.size(); ++i) {
      const core::Assignment& a = st.assignments[pi][i];
      if (a.status == core::DueStatus::kNotAssigned) continue;
      ++r.assigned;
      r.done += a.status == core::DueStatus::kDone;
      r.due += a.status == core::DueStatus::kDue;
      r.overdue += a.status == core::DueStatus::kOverdue;
      r.items.push_back({st.items[i].title, st.items[i].kind == core::ItemKind::kPolicy,
                         st.items[i].version, state_of(a.status), a.due, a.last_done,
                         a.days_overdue, a.new_version});
    }
    r.completed = std::move(completed[p.id]);
    std::stable_sort(r.completed.begin(), r.completed.end(),
                     [](const auto& a, const auto& b) { return a.on > b.on; });
    out.people.push_back(std::move(r));
  }
  std::stable_sort(out.people.begin(), out.people.end(),
                   [](const auto& a, const auto& b) { return a.active && !b.active; });

  add_incidents(out, ledger);
  add_designations(out, ledger);
  add_reminders(out, ledger, st.people, in);
  add_policies(out, ledger, in);

  std::set<std::string> roles = {"front-desk", "clinical", "billing", "management"};
  for (const auto& p : roster) roles.insert(p.role);
  for (const auto& item : st.items) {
    for (const auto& r : item.roles) {
      if (r != core::kAllRoles) roles.insert(r);
    }
  }
  out.roles.assign(roles.begin(), roles.end());
  return out;
}

}  // namespace attest::kiosk
