// Where people stand on every module and policy as of a date, by core's due
// rules. The compliance matrix, the overdue list and the kiosk's admin pages
// (dashboard, overdue, roster) all read one of these, so a figure on the
// kiosk and the same figure in a printed report cannot disagree.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "content/content.h"
#include "core/assignment.h"
#include "report/ledger.h"

namespace attest::report {

// The version of every module and policy in force (curriculum_of in
// reports.h; without a date, the newest): modules first, then policies;
// each in teaching order (items without one after), then title.
std::vector<core::CurriculumItem> teaching_order(const content::Catalog* catalog,
                                                 std::optional<Date> as_of = {},
                                                 std::span<const PolicyAction> actions = {});

// One item's standing over the people a TrainingStatus covers.
struct ItemTally {
  int assigned = 0, done = 0, due = 0, overdue = 0;
  // Done as a whole percentage of assigned, rounded half up; -1 when the
  // item is assigned to nobody.
  int percent() const;
};

// "67%", or "n/a" when nothing is assigned.
std::string percent_text(int part, int whole);

struct TrainingStatus {
  std::vector<core::CurriculumItem> items;  // teaching_order()
  std::vector<core::Person> people;         // by name, then id
  // assignments[p][i]: people[p] on items[i]. Each Assignment points into
  // `items`, which is why this moves (a vector's buffer moves with it) but
  // does not copy.
  std::vector<std::vector<core::Assignment>> assignments;
  std::vector<ItemTally> tallies;  // per item

  TrainingStatus() = default;
  TrainingStatus(TrainingStatus&&) = default;
  TrainingStatus& operator=(TrainingStatus&&) = default;
  TrainingStatus(const TrainingStatus&) = delete;
  TrainingStatus& operator=(const TrainingStatus&) = delete;
};

// Items are the versions in force on `in_force_on` (reports: their as-of
// date), or the newest (the kiosk, which shows staff the newest text).
// `completions` may hold anyone's; each person is assessed on their own.
// Inactive people are kept (with nothing assigned, rule 1), so leave them
// out first where they should not be listed.
TrainingStatus training_status(std::vector<core::Person> people,
                               std::span<const core::Completion> completions,
                               const content::Catalog* catalog, const core::AssignmentRules& rules,
                               Date as_of, std::span<const PolicyAction> actions = {},
                               std::optional<Date> in_force_on = {});

// An overdue assignment: people[person] on items[item].
struct OverdueEntry {
  size_t person = 0;
  size_t item = 0;
  const core::Assignment& of(const TrainingStatus& s) const { return s.assignments[person][item]; }
};

// Every overdue assignment, most days overdue first; ties keep the people's
// order, then the items'.
std::vector<OverdueEntry> overdue_entries(const TrainingStatus& s);

}  // namespace attest::report
