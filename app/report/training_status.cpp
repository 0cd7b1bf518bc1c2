#include "report/training_status.h"

#include <algorithm>
#include <map>

#include "report/reports.h"

namespace attest::report {

std::vector<core::CurriculumItem> teaching_order(const content::Catalog* catalog,
                                                 std::optional<Date> as_of,
                                                 std::span<const PolicyAction> actions) {
  std::vector<core::CurriculumItem> items =
      catalog ? curriculum_of(*catalog, as_of, actions) : std::vector<core::CurriculumItem>{};
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    if (a.kind != b.kind) return a.kind == core::ItemKind::kModule;
    const int oa = a.order.value_or(1 << 30), ob = b.order.value_or(1 << 30);
    if (oa != ob) return oa < ob;
    return a.title < b.title;
  });
  return items;
}

int ItemTally::percent() const {
  if (assigned == 0) return -1;
  return (done * 100 + assigned / 2) / assigned;
}

std::string percent_text(int part, int whole) {
  const int p = ItemTally{whole, part, 0, 0}.percent();
  return p < 0 ? "n/a" : std::to_string(p) + "%";
}

TrainingStatus training_status(std::vector<core::Person> people,
                               std::span<const core::Completion> completions,
                               const content::Catalog* catalog, const core::AssignmentRules& rules,
                               Date as_of, std::span<const PolicyAction> actions,
                               std::optional<Date> in_force_on) {
  TrainingStatus s;
  s.items = teaching_order(catalog, in_force_on, actions);
  s.people = std::move(people);
  std::sort(s.people.begin(), s.people.end(), [](const core::Person& a, const core::Person& b) {
    if (a.name != b.name) return a.name < b.name;
    return a.id < b.id;
  });
  // assess() skips other people's completions, but handing each person only
  // their own keeps a large practice linear rather than people x records.
  std::map<std::string, std::vector<core::Completion>> mine;
  for (const auto& c : completions) mine[c.person_id].push_back(c);
  static const std::vector<core::Completion> kNone;
  s.tallies.resize(s.items.size());
  s.assignments.reserve(s.people.size());
  for (const core::Person& p : s.people) {
    auto it = mine.find(p.id);
    const auto& theirs = it == mine.end() ? kNone : it->second;
    std::vector<core::Assignment>& row = s.assignments.emplace_back();
    row.reserve(s.items.size());
    for (size_t i = 0; i < s.items.size(); ++i) {
      const core::Assignment& a = row.emplace_back(core::assess(p, s.items[i], theirs, rules, as_of));
      ItemTally& t = s.tallies[i];
      if (a.status != core::DueStatus::kNotAssigned) t.assigned++;
      if (a.status == core::DueStatus::kDone) t.done++;
      if (a.status == core::DueStatus::kDue) t.due++;
      if (a.status == core::DueStatus::kOverdue) t.overdue++;
    }
  }
  return s;
}

std::vector<OverdueEntry> overdue_entries(const TrainingStatus& s) {
  std::vector<OverdueEntry> out;
  for (size_t p = 0; p < s.people.size(); ++p) {
    for (size_t i = 0; i < s.items.size(); ++i) {
      if (s.assignments[p][i].status == core::DueStatus::kOverdue) out.push_back({p, i});
    }
  }
  std::stable_sort(out.begin(), out.end(), [&](const OverdueEntry& a, const OverdueEntry& b) {
    return a.of(s).days_overdue > b.of(s).days_overdue;
  });
  return out;
}

}  // namespace attest::report
