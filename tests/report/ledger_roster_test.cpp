// The roster a report prints comes from RosterChanged records from every
// device. Each device's records come in order, but one device's may be read
// after another's that were made later: the change made last must win,
// whatever order the devices are read in.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "report/ledger.h"

using namespace attest;
using nlohmann::json;

namespace {

struct Change {
  uint8_t device;
  uint64_t seq;
  int64_t minute;
  json body;
};

core::EventHeader header_of(const Change& c) {
  core::EventHeader h;
  h.device_id.fill(c.device);
  h.seq = c.seq;
  h.kind = core::EventKind::kRosterChanged;
  h.person_id = "p-1";
  h.time = {1767268800000 + c.minute * 60000, -300};  // 2026-01-01 12:00 UTC onwards
  return h;
}

report::RosterEntry roster_after(const std::vector<Change>& changes) {
  report::Ledger ledger;
  for (const Change& c : changes) ledger.add(header_of(c), &c.body);
  REQUIRE(ledger.roster().count("p-1") == 1);
  return ledger.roster().at("p-1");
}

}  // namespace

TEST_CASE("roster changes from several devices apply in the order they were made") {
  // Device 1 adds Dana and, an hour later, changes her role; device 2
  // deactivates her in between and reactivates her after the role change.
  const Change added{1, 1, 0, {{"change", "added"}, {"name", "Dana Ruiz"}, {"role", "front-desk"},
                               {"hired", "2025-03-01"}}};
  const Change deactivated{2, 1, 30, {{"change", "deactivated"}}};
  const Change role{1, 2, 60, {{"change", "updated"}, {"role", "clinical"}}};
  const Change reactivated{2, 2, 90, {{"change", "reactivated"}, {"name", "Dana Ruiz-Ortega"}}};

  const std::vector<std::vector<Change>> orders = {
      {added, role, deactivated, reactivated},  // device 1 read first
      {deactivated, reactivated, added, role},  // device 2 read first
      {added, deactivated, role, reactivated},  // as made
  };
  for (const auto& order : orders) {
    const report::RosterEntry e = roster_after(order);
    CHECK(e.person.active);
    CHECK(e.person.name == "Dana Ruiz-Ortega");
    CHECK(e.person.role == "clinical");
    CHECK(e.person.hired == *parse_date("2025-03-01"));
    CHECK(e.changes.back().change == "reactivated");
    CHECK(e.changes.back().at.seq == 2);
    CHECK(e.changes.back().at.device[0] == 2);
    REQUIRE(e.changes.size() == 4);
    CHECK(e.changes[1].change == "deactivated");
  }

  // Without the reactivation, the deactivation made between the two
  // device-1 records leaves her inactive even when device 1 is read last.
  const report::RosterEntry left = roster_after({deactivated, added, role});
  CHECK_FALSE(left.person.active);
  CHECK(left.changes.back().change == "updated");
  CHECK(left.person.role == "clinical");

  // Two changes at the same instant: device id, then sequence, decides.
  const Change same_time{2, 3, 60, {{"change", "deactivated"}}};
  CHECK_FALSE(roster_after({same_time, added, role}).person.active);
  CHECK_FALSE(roster_after({added, role, same_time}).person.active);
}
