// Reading only some kinds of event out of the master store. The compliance
// matrix over millions of records needs the few that set state (the roster,
// completions, attestations, policy versions, designations), not the
// sign-in monitoring that makes up most of a practice's records; both
// backends index those kinds' events alone (a partial index, so the
// sign-ins cost nothing to store), and the query names the index's own
// predicate so each database can see the index applies.
#pragma once

#include <cstdint>
#include <string>

#include "core/event.h"

namespace attest::store {

// The kinds the partial index events_setting_state holds (sql/master/0006,
// sql/master-pg/0005): with the incidents, which the dashboard's overview
// counts beside the matrix.
inline constexpr uint32_t kStateKinds =
    core::kind_bit(core::EventKind::kModuleCompleted) | core::kind_bit(core::EventKind::kPolicyAttested) |
    core::kind_bit(core::EventKind::kIncidentReported) | core::kind_bit(core::EventKind::kIncidentReviewed) |
    core::kind_bit(core::EventKind::kPolicyReviewed) | core::kind_bit(core::EventKind::kRosterChanged) |
    core::kind_bit(core::EventKind::kSecurityOfficialDesignated) |
    core::kind_bit(core::EventKind::kPrivacyOfficialDesignated) |
    core::kind_bit(core::EventKind::kPolicyPublished);
// Those of them the office records, a few in a thousand, whose bodies
// reports open (names, policy versions, designations): the partial index
// events_of_the_office.
inline constexpr uint32_t kOfficeKinds =
    core::kind_bit(core::EventKind::kPolicyReviewed) | core::kind_bit(core::EventKind::kRosterChanged) |
    core::kind_bit(core::EventKind::kSecurityOfficialDesignated) |
    core::kind_bit(core::EventKind::kPrivacyOfficialDesignated) |
    core::kind_bit(core::EventKind::kPolicyPublished);

// "'ModuleCompleted', 'PolicyAttested'": the kinds in `mask`, in the
// order of EventKind (the order the index's predicate lists them in).
inline std::string kind_list_sql(uint32_t mask) {
  std::string out;
  for (int i = 0; i < core::kEventKindCount; ++i) {
    if (!(mask & (uint32_t{1} << i))) continue;
    if (!out.empty()) out += ", ";
    out += "'" + std::string(core::event_kind_name(static_cast<core::EventKind>(i))) + "'";
  }
  return out.empty() ? "''" : out;
}

// The WHERE term choosing `kinds`: with the predicate of the smallest of
// the two indexes that holds them all first, so the planner uses it.
inline std::string kinds_where_sql(uint32_t kinds) {
  const std::string only = "kind IN (" + kind_list_sql(kinds) + ")";
  for (uint32_t indexed : {kOfficeKinds, kStateKinds}) {
    if ((kinds & ~indexed) == 0) return "kind IN (" + kind_list_sql(indexed) + ") AND " + only;
  }
  return only;
}

}  // namespace attest::store
