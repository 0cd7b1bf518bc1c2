// report::training_status, which the compliance matrix, the overdue list
// and the kiosk's admin pages share: tallies over the people given (people
// who left add nothing), percentages rounded half up, and the overdue list
// most overdue first with ties in people-then-teaching order.
#include <doctest/doctest.h>

#include "report/training_status.h"

using namespace attest;

namespace {

content::Item item(content::Kind kind, std::string id, int order, std::string title) {
  content::Item i;
  i.kind = kind;
  i.id = std::move(id);
  i.title = std::move(title);
  i.version = 1;
  i.order = order;
  i.roles = {"all"};
  i.effective = *parse_date("2026-01-01");
  return i;
}

core::Person person(std::string id, std::string name, const char* hired, bool active = true) {
  return {std::move(id), std::move(name), "front-desk", *parse_date(hired), active};
}

core::Completion module_done(std::string person, std::string item, const char* on) {
  return {std::move(person), core::ItemKind::kModule, std::move(item), 1, *parse_date(on)};
}

}  // namespace

TEST_CASE("training status: tallies, rounding and the overdue order") {
  content::Catalog catalog;
  catalog.items.push_back(item(content::Kind::kPolicy, "password", 5, "Password policy"));
  catalog.items.push_back(item(content::Kind::kModule, "phishing", 20, "Phishing"));
  catalog.items.push_back(item(content::Kind::kModule, "basics", 10, "Basics"));
  const std::vector<core::Person> people = {
      person("p-3", "Cy", "2026-10-01"),    // due 2026-10-31: 23 days overdue
      person("p-1", "Ann", "2020-01-01"),   // due 2026-01-31: 296 days overdue
      person("p-2", "Bo", "2026-11-20"),    // new: due 2026-12-20
      person("p-4", "Di", "2020-01-01", false),  // left: nothing assigned
  };
  const std::vector<core::Completion> done = {module_done("p-1", "basics", "2026-11-01"),
                                              module_done("p-2", "basics", "2026-11-21"),
                                              module_done("p-4", "basics", "2026-11-01")};
  report::TrainingStatus s = report::training_status(
      people, done, &catalog, core::AssignmentRules{}, *parse_date("2026-11-23"));

  // Modules first in teaching order, then policies; people by name.
  REQUIRE(s.items.size() == 3);
  CHECK(s.items[0].id == "basics");
  CHECK(s.items[1].id == "phishing");
  CHECK(s.items[2].id == "password");
  REQUIRE(s.people.size() == 4);
  CHECK(s.people[0].name == "Ann");
  CHECK(s.people[3].name == "Di");

  CHECK(s.tallies[0].assigned == 3);  // Di left
  CHECK(s.tallies[0].done == 2);
  CHECK(s.tallies[0].overdue == 1);
  CHECK(s.tallies[0].percent() == 67);  // 2 of 3, rounded half up
  CHECK(s.tallies[1].percent() == 0);
  CHECK(report::ItemTally{}.percent() == -1);
  CHECK(report::percent_text(1, 2) == "50%");
  CHECK(report::percent_text(0, 0) == "n/a");

  // Ann is most overdue; then Cy, each in teaching order.
  const auto overdue = report::overdue_entries(s);
  REQUIRE(overdue.size() == 5);
  std::vector<std::string> order;
  for (const auto& e : overdue) order.push_back(s.people[e.person].name + " " + s.items[e.item].id);
  CHECK(order == std::vector<std::string>{"Ann phishing", "Ann password", "Cy basics",
                                          "Cy phishing", "Cy password"});
  CHECK(overdue[0].of(s).days_overdue == 296);
  CHECK(overdue[2].of(s).days_overdue == 23);

  // Moving keeps each assignment pointing at its item.
  const report::TrainingStatus moved = std::move(s);
  CHECK(moved.assignments[0][2].item == &moved.items[2]);
}
