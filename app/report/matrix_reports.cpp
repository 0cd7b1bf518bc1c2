// Reports about who must be trained on what: the compliance matrix, the
// overdue list, the training program's coverage of 164.308(a)(5)(ii) and the
// curriculum itself. All of them apply core's due rules as of ctx.as_of.
#include <algorithm>

#include "report/reports.h"
#include "report/training_status.h"

namespace attest::report {

namespace {

using core::DueStatus;
using core::ItemKind;

content::Kind content_kind(ItemKind k) {
  return k == ItemKind::kModule ? content::Kind::kModule : content::Kind::kPolicy;
}

const char* kind_word(ItemKind k) { return k == ItemKind::kModule ? "Module" : "Policy"; }

// The people a report covers, by name, then id.
std::vector<const RosterEntry*> people_of(const Ledger& ledger, const MatrixFilter& filter) {
  std::vector<const RosterEntry*> out;
  for (const auto& [id, e] : ledger.roster()) {
    if (!filter.include_inactive && !e.person.active) continue;
    if (!filter.role.empty() && e.person.role != filter.role) continue;
    if (!filter.person_id.empty() && id != filter.person_id) continue;
    out.push_back(&e);
  }
  std::sort(out.begin(), out.end(), [](const RosterEntry* a, const RosterEntry* b) {
    if (a->person.name != b->person.name) return a->person.name < b->person.name;
    return a->person.id < b->person.id;
  });
  return out;
}

std::map<std::string, std::vector<core::Completion>> completions_by_person(const Ledger& ledger) {
  std::map<std::string, std::vector<core::Completion>> out;
  for (const auto& c : ledger.completions()) out[c.completion.person_id].push_back(c.completion);
  return out;
}

TrainingStatus status_of(const Ledger& ledger, const ReportContext& ctx, const MatrixFilter& filter) {
  std::vector<core::Person> people;
  for (const RosterEntry* e : people_of(ledger, filter)) people.push_back(e->person);
  return training_status(std::move(people), ledger.due_completions(), ctx.catalog, ctx.rules,
                         ctx.as_of, ledger.policy_actions(), ctx.as_of);
}

Cell status_cell(const core::Assignment& a) {
  switch (a.status) {
    case DueStatus::kDone:
      return {"done " + (a.last_done ? date_text(*a.last_done) : std::string()), Tone::kGood, {}};
    case DueStatus::kDue:
      return {"due " + (a.due ? date_text(*a.due) : std::string()), Tone::kWarn, {}};
    case DueStatus::kOverdue:
      return {"overdue " + std::to_string(a.days_overdue) + (a.days_overdue == 1 ? " day" : " days"),
              Tone::kBad, {}};
    case DueStatus::kNotAssigned:
      break;
  }
  return {"not assigned", Tone::kMuted, {}};
}

}  // namespace

Document compliance_matrix(const Ledger& ledger, const ReportContext& ctx,
                           const MatrixFilter& filter) {
  Document doc = new_document("compliance-matrix", "Training compliance matrix", ledger, ctx);
  if (!filter.role.empty()) doc.scope.push_back("Role: " + filter.role + ".");
  if (!filter.person_id.empty()) doc.scope.push_back("Person: " + ledger.name_of(filter.person_id) + ".");
  const TrainingStatus st = status_of(ledger, ctx, filter);

  std::vector<Column> cols = {{"Person", 2.2, false}, {"Role", 1.4, false}};
  for (const auto& item : st.items) cols.push_back({item.title, 1.2, false});
  Table& t = doc.table(cols);
  t.key_columns = 2;
  t.group_caption = "Modules and policies";
  for (size_t p = 0; p < st.people.size(); ++p) {
    const core::Person& who = st.people[p];
    std::vector<Cell> row = {{who.name.empty() ? who.id : who.name, Tone::kPlain, {}},
                             {who.role + (who.active ? "" : " (left)"), Tone::kPlain, {}}};
    for (const core::Assignment& a : st.assignments[p]) row.push_back(status_cell(a));
    t.rows.push_back(std::move(row));
  }
  if (st.people.empty()) doc.paragraph("Nobody on the roster matches.");

  doc.heading("Completion by module and policy");
  Table& s = doc.table({{"Module or policy", 3, false}, {"Kind", 1, false}, {"Version", 0.8, true},
                        {"Assigned", 1, true}, {"Done", 1, true}, {"Due", 1, true},
                        {"Overdue", 1, true}, {"Complete", 1, true}});
  for (size_t i = 0; i < st.items.size(); ++i) {
    const ItemTally& tl = st.tallies[i];
    s.rows.push_back({{st.items[i].title, Tone::kPlain, {}},
                      {kind_word(st.items[i].kind), Tone::kPlain, {}},
                      {std::to_string(st.items[i].version), Tone::kPlain, {}},
                      {std::to_string(tl.assigned), Tone::kPlain, {}},
                      {std::to_string(tl.done), Tone::kPlain, {}},
                      {std::to_string(tl.due), tl.due ? Tone::kWarn : Tone::kPlain, {}},
                      {std::to_string(tl.overdue), tl.overdue ? Tone::kBad : Tone::kPlain, {}},
                      {percent_text(tl.done, tl.assigned), Tone::kPlain, {}}});
  }
  doc.paragraph("\"done\" gives the date of the completion or attestation that counts; a policy "
                "counts only when its current version was attested. \"due\" gives the due date, "
                "\"overdue\" the days past it. Rules: new hires and newly published items are due "
                "within " + std::to_string(ctx.rules.new_hire_days) +
                " days, a new policy version within " + std::to_string(ctx.rules.new_version_days) +
                " days, refreshers become due " + std::to_string(ctx.rules.due_soon_days) +
                " days before they lapse.");
  return doc;
}

Document overdue_list(const Ledger& ledger, const ReportContext& ctx, const MatrixFilter& filter) {
  Document doc = new_document("overdue", "Overdue training", ledger, ctx);
  const TrainingStatus st = status_of(ledger, ctx, filter);
  const std::vector<OverdueEntry> rows = overdue_entries(st);
  Table& t = doc.table({{"Person", 2, false}, {"Role", 1.3, false}, {"Module or policy", 2.6, false},
                        {"Kind", 0.9, false}, {"Version", 0.8, true}, {"Due", 1.2, false},
                        {"Days overdue", 1, true}, {"Last done", 1.2, false},
                        {"Reason", 1.6, false}});
  for (const OverdueEntry& r : rows) {
    const core::Person& who = st.people[r.person];
    const core::CurriculumItem& item = st.items[r.item];
    const core::Assignment& a = r.of(st);
    t.rows.push_back({{who.name, Tone::kPlain, {}},
                      {who.role, Tone::kPlain, {}},
                      {item.title, Tone::kPlain, {}},
                      {kind_word(item.kind), Tone::kPlain, {}},
                      {std::to_string(item.version), Tone::kPlain, {}},
                      {a.due ? date_text(*a.due) : "", Tone::kPlain, {}},
                      {std::to_string(a.days_overdue), Tone::kBad, {}},
                      {a.last_done ? date_text(*a.last_done) : "never", Tone::kPlain, {}},
                      {a.new_version ? "new policy version"
                                     : (a.last_done ? "refresher lapsed" : "never completed"),
                       Tone::kPlain, {}}});
  }
  doc.paragraph(rows.empty() ? "Nobody is overdue."
                             : std::to_string(rows.size()) + " overdue assignments.");
  return doc;
}

namespace {

struct Specification {
  const char* citation;  // as it appears in a content file's cfr: line
  const char* name;
};

constexpr Specification kSpecifications[] = {
    {"164.308(a)(5)(i)", "Security awareness and training program"},
    {"164.308(a)(5)(ii)(A)", "(A) Security reminders"},
    {"164.308(a)(5)(ii)(B)", "(B) Protection from malicious software"},
    {"164.308(a)(5)(ii)(C)", "(C) Log-in monitoring"},
    {"164.308(a)(5)(ii)(D)", "(D) Password management"},
};

}  // namespace

Document training_coverage(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("coverage", "Training program coverage", ledger, ctx);
  doc.paragraph("Each implementation specification of 45 CFR 164.308(a)(5) and the training "
                "content that serves it (from each file's cfr line), with how many active "
                "workforce members are current on all of it.");
  const auto items = teaching_order(ctx.catalog, ctx.as_of, ledger.policy_actions());
  const auto done = completions_by_person(ledger);
  const auto people = people_of(ledger, {});
  Table& t = doc.table({{"Specification", 2.2, false}, {"Citation", 1.6, false},
                        {"Modules and policies", 3.4, false}, {"Current", 1, true},
                        {"Other evidence", 2.6, false}});
  static const std::vector<core::Completion> kNone;
  for (const auto& spec : kSpecifications) {
    std::vector<const core::CurriculumItem*> serving;
    std::string titles;
    for (const auto& item : items) {
      const content::Item* c = item_in_force(ctx, ledger, content_kind(item.kind), item.id);
      if (!c || c->cfr.find(spec.citation) == std::string::npos) continue;
      serving.push_back(&item);
      if (!titles.empty()) titles += "; ";
      titles += item.title + " (v" + std::to_string(item.version) + ")";
    }
    int current = 0, assigned = 0;
    for (const RosterEntry* e : people) {
      auto it = done.find(e->person.id);
      const auto& mine = it == done.end() ? kNone : it->second;
      bool any = false, all_done = true;
      for (const auto* item : serving) {
        auto a = core::assess(e->person, *item, mine, ctx.rules, ctx.as_of);
        if (a.status == DueStatus::kNotAssigned) continue;
        any = true;
        if (a.status != DueStatus::kDone) all_done = false;
      }
      if (any) {
        assigned++;
        if (all_done) current++;
      }
    }
    std::string other;
    const std::string cite = spec.citation;
    if (cite == "164.308(a)(5)(ii)(A)") {
      std::map<std::string, int> who;
      for (const auto& r : ledger.reminder_acks()) who[r.person_id]++;
      other = count_text(ledger.reminder_acks().size(), "reminder acknowledgement",
                         "reminder acknowledgements") +
              " by " + count_text(who.size(), "person", "people");
    } else if (cite == "164.308(a)(5)(ii)(C)") {
      size_t failures = 0, lockouts = 0;
      for (const auto& [key, c] : ledger.sign_ins()) {
        failures += c.failures;
        lockouts += c.lockouts;
      }
      other = "Kiosk sign-in monitoring: " + count_text(failures, "failed sign-in", "failed sign-ins") +
              ", " + count_text(lockouts, "lockout", "lockouts") + " recorded";
    }
    t.rows.push_back({{spec.name, Tone::kPlain, {}},
                      {std::string("45 CFR ") + spec.citation, Tone::kPlain, {}},
                      {serving.empty() ? "none: add content for this specification" : titles,
                       serving.empty() ? Tone::kBad : Tone::kPlain, {}},
                      {std::to_string(current) + " of " + std::to_string(assigned) + " (" +
                           percent_text(current, assigned) + ")",
                       assigned && current == assigned ? Tone::kGood : Tone::kWarn, {}},
                      {other, Tone::kPlain, {}}});
  }
  return doc;
}

Document curriculum_report(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("curriculum", "Training content and policy versions", ledger, ctx);
  doc.paragraph("Every version of every module, quiz and policy this report was built with. The "
                "SHA-256 is of the file's exact bytes; each training record names the one its "
                "person saw.");
  Table& t = doc.table({{"Kind", 0.9, false}, {"Title", 2.6, false}, {"Version", 0.8, true},
                        {"Effective", 1.2, false}, {"Roles", 1.2, false}, {"Retrain", 1, false},
                        {"Citation", 2, false}, {"Content SHA-256", 3.2, false},
                        {"Published or reviewed", 2.6, false}});
  std::vector<const content::Item*> all;
  for (const auto& item : ctx.catalog->items) {
    if (item.kind == content::Kind::kReminder) continue;
    all.push_back(&item);
  }
  std::sort(all.begin(), all.end(), [](const content::Item* a, const content::Item* b) {
    if (a->kind != b->kind) return a->kind < b->kind;
    if (a->id != b->id) return a->id < b->id;
    return a->version < b->version;
  });
  for (const content::Item* item : all) {
    std::string actions;
    for (const auto& p : ledger.policy_actions()) {
      if (p.policy_id != item->id || p.version != std::to_string(item->version)) continue;
      if (!actions.empty()) actions += "; ";
      actions += std::string(p.published ? "published " : "reviewed ") + time_text(p.time) +
                 (p.by_name.empty() ? "" : " by " + p.by_name);
    }
    std::string roles;
    for (const auto& r : item->roles) roles += (roles.empty() ? "" : ", ") + r;
    t.rows.push_back({{std::string(content::kind_name(item->kind)), Tone::kPlain, {}},
                      {item->title, Tone::kPlain, {}},
                      {std::to_string(item->version), Tone::kPlain, {}},
                      {item->effective ? date_text(*item->effective) : "", Tone::kPlain, {}},
                      {roles, Tone::kPlain, {}},
                      {item->retrain_days ? "every " + std::to_string(item->retrain_days) + " days"
                                          : (item->kind == content::Kind::kQuiz ? "" : "never"),
                       Tone::kPlain, {}},
                      {item->cfr, Tone::kPlain, {}},
                      {hex_encode(item->sha256), Tone::kPlain, {}},
                      {actions, Tone::kPlain, {}}});
  }
  return doc;
}

}  // namespace attest::report
