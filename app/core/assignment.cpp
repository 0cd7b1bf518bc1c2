#include "core/assignment.h"

#include <algorithm>
#include <charconv>
#include <tuple>

namespace attest::core {

namespace {

// A positive decimal integer and nothing else: no sign, spaces or suffix
// (from_chars takes a leading '-', which the v > 0 check then refuses).
std::optional<int> parse_version(std::string_view text) {
  int v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || v <= 0) {
    return std::nullopt;
  }
  return v;
}

Date later(Date a, Date b) { return a < b ? b : a; }

// kDue through `due`, kOverdue after it (rules 2 and 3).
void set_window(Assignment& a, Date due, Date today) {
  a.due = due;
  if (today > due) {
    a.status = DueStatus::kOverdue;
    a.days_overdue = today.days - due.days;
  } else {
    a.status = DueStatus::kDue;
  }
}

// Urgency rank for sorting: overdue, then due, then done.
int rank(DueStatus s) {
  switch (s) {
    case DueStatus::kOverdue: return 0;
    case DueStatus::kDue: return 1;
    case DueStatus::kDone: return 2;
    case DueStatus::kNotAssigned: return 3;
  }
  return 3;
}

}  // namespace

std::optional<Completion> completion_of(const EventHeader& header) {
  ItemKind kind;
  if (header.kind == EventKind::kModuleCompleted) {
    kind = ItemKind::kModule;
  } else if (header.kind == EventKind::kPolicyAttested) {
    kind = ItemKind::kPolicy;
  } else {
    return std::nullopt;
  }
  if (header.person_id.empty() || header.subject.id.empty()) return std::nullopt;
  std::optional<int> version = parse_version(header.subject.version);
  if (!version) return std::nullopt;
  // The date on the practice's wall calendar when it happened.
  return Completion{header.person_id, kind, header.subject.id, *version, local_date(header.time)};
}

std::string_view status_name(DueStatus s) {
  switch (s) {
    case DueStatus::kNotAssigned: return "not assigned";
    case DueStatus::kDone: return "done";
    case DueStatus::kDue: return "due";
    case DueStatus::kOverdue: return "overdue";
  }
  return "unknown";
}

bool is_assigned(const Person& person, const CurriculumItem& item) {
  if (!person.active) return false;
  return std::any_of(item.roles.begin(), item.roles.end(), [&](const std::string& r) {
    return r == kAllRoles || r == person.role;
  });
}

Assignment assess(const Person& person, const CurriculumItem& item,
                  std::span<const Completion> completions, const AssignmentRules& rules,
                  Date today) {
  Assignment a;
  a.item = &item;
  if (!is_assigned(person, item)) return a;

  std::optional<Date> done;   // latest completion that counts (rules 3, 4)
  std::optional<Date> older;  // latest attestation of an older policy version
  for (const Completion& c : completions) {
    if (c.person_id != person.id || c.kind != item.kind || c.item_id != item.id) continue;
    if (c.on > today) continue;  // rule 6
    bool counts = item.kind == ItemKind::kModule || c.version == item.version;
    if (counts) {
      if (!done || c.on > *done) done = c.on;
    } else if (c.version < item.version) {
      if (!older || c.on > *older) older = c.on;
    }
  }

  if (done) {
    a.last_done = done;
    if (item.retrain_days <= 0) {
      a.status = DueStatus::kDone;
      return a;
    }
    Date next = add_days(*done, item.retrain_days);
    set_window(a, next, today);
    if (today < add_days(next, -rules.due_soon_days)) a.status = DueStatus::kDone;
    return a;
  }
  if (older) {
    a.last_done = older;
    a.new_version = true;
    set_window(a, add_days(later(item.effective, person.hired), rules.new_version_days), today);
    return a;
  }
  set_window(a, add_days(later(person.hired, item.effective), rules.new_hire_days), today);
  return a;
}

std::vector<Assignment> assignments_for(const Person& person,
                                        std::span<const CurriculumItem> curriculum,
                                        std::span<const Completion> completions,
                                        const AssignmentRules& rules, Date today) {
  std::vector<Assignment> out;
  for (const CurriculumItem& item : curriculum) {
    Assignment a = assess(person, item, completions, rules, today);
    if (a.status != DueStatus::kNotAssigned) out.push_back(a);
  }
  auto key = [](const Assignment& a) {
    const std::optional<int>& order = a.item->order;
    return std::make_tuple(rank(a.status), !order.has_value(), order.value_or(0),
                           std::string_view(a.item->title), static_cast<int>(a.item->kind),
                           std::string_view(a.item->id));
  };
  std::sort(out.begin(), out.end(),
            [&](const Assignment& x, const Assignment& y) { return key(x) < key(y); });
  return out;
}

}  // namespace attest::core
