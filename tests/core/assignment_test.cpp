// The assignment and due rules of core/assignment.h, one rule at a time,
// with exact dates. Dates are chosen so that a wrong base date, a wrong
// window or an off-by-one at a boundary gives a different answer.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/assignment.h"

using namespace attest;
using namespace attest::core;

namespace {

Date d(std::string_view text) {
  Result<Date> r = parse_date(text);
  REQUIRE(r.ok());
  return *r;
}

std::string fmt(const std::optional<Date>& date) { return date ? format_date(*date) : "none"; }

Person nurse(std::string_view hired) { return Person{"p-1", "Dana Reyes", "nurse", d(hired), true}; }

CurriculumItem module_item(std::string id, std::string_view effective, int retrain_days = 0,
                           std::vector<std::string> roles = {"all"}, int version = 1) {
  return CurriculumItem{ItemKind::kModule, std::move(id), version, std::move(roles),
                        retrain_days, d(effective), "Module", std::nullopt};
}

CurriculumItem policy_item(std::string id, int version, std::string_view effective) {
  return CurriculumItem{ItemKind::kPolicy, std::move(id), version, {"all"}, 0, d(effective),
                        "Policy", std::nullopt};
}

Completion done(const CurriculumItem& item, int version, std::string_view on,
                std::string person = "p-1") {
  return Completion{std::move(person), item.kind, item.id, version, d(on)};
}

// 14-day new-hire window, 21 days for a new policy version, 30 days' warning:
// all different, so a test fails if the wrong one is used.
const AssignmentRules kRules{14, 21, 30};

}  // namespace

TEST_CASE("a new hire's window starts at the hire date when hired after the item") {
  CurriculumItem m = module_item("phishing", "2026-01-01");
  Person p = nurse("2026-03-10");
  Assignment a = assess(p, m, {}, kRules, d("2026-03-20"));
  CHECK(a.item == &m);
  CHECK(a.status == DueStatus::kDue);
  CHECK(fmt(a.due) == "2026-03-24");
  CHECK(fmt(a.last_done) == "none");
  CHECK(a.days_overdue == 0);
  CHECK_FALSE(a.new_version);
  CHECK(assess(p, m, {}, kRules, d("2026-03-24")).status == DueStatus::kDue);
  Assignment late = assess(p, m, {}, kRules, d("2026-03-25"));
  CHECK(late.status == DueStatus::kOverdue);
  CHECK(late.days_overdue == 1);
}

TEST_CASE("a window starts at the item's effective date when hired before it") {
  CurriculumItem m = module_item("phishing", "2026-02-20");
  Assignment a = assess(nurse("2026-02-01"), m, {}, kRules, d("2026-02-25"));
  CHECK(a.status == DueStatus::kDue);
  CHECK(fmt(a.due) == "2026-03-06");  // 20 Feb + 14 days, across a 28-day February
}

TEST_CASE("existing staff get the new-item window for a newly published module") {
  CurriculumItem m = module_item("malware", "2026-06-15");
  Person p = nurse("2019-05-01");
  Assignment a = assess(p, m, {}, AssignmentRules{}, d("2026-07-01"));
  CHECK(a.status == DueStatus::kDue);
  CHECK(fmt(a.due) == "2026-07-15");
  Assignment late = assess(p, m, {}, AssignmentRules{}, d("2026-08-01"));
  CHECK(late.status == DueStatus::kOverdue);
  CHECK(fmt(late.due) == "2026-07-15");
  CHECK(late.days_overdue == 17);
}

TEST_CASE("items are assigned by role, or to everyone with \"all\"") {
  CurriculumItem clinical = module_item("phi-at-bedside", "2026-01-01", 0, {"front-desk", "nurse"});
  CurriculumItem everyone = module_item("passwords", "2026-01-01", 0, {"billing", "all"});
  Person n = nurse("2025-01-01");
  Person billing{"p-2", "Sam Ortiz", "billing", d("2025-01-01"), true};
  CHECK(is_assigned(n, clinical));
  CHECK_FALSE(is_assigned(billing, clinical));
  CHECK(is_assigned(n, everyone));
  CHECK(is_assigned(billing, everyone));

  Assignment none = assess(billing, clinical, {}, kRules, d("2026-06-01"));
  CHECK(none.item == &clinical);
  CHECK(none.status == DueStatus::kNotAssigned);
  CHECK(fmt(none.due) == "none");
  CHECK(none.days_overdue == 0);
  CHECK(assess(n, clinical, {}, kRules, d("2026-06-01")).status == DueStatus::kOverdue);
}

TEST_CASE("an inactive person has nothing assigned, even overdue items") {
  CurriculumItem m = module_item("phishing", "2026-01-01");
  Person p = nurse("2025-01-01");
  p.active = false;
  CHECK_FALSE(is_assigned(p, m));
  Assignment a = assess(p, m, {}, kRules, d("2026-06-01"));
  CHECK(a.status == DueStatus::kNotAssigned);
  CHECK(fmt(a.due) == "none");
  CHECK(a.days_overdue == 0);
  std::vector<CurriculumItem> items{m};
  CHECK(assignments_for(p, items, {}, kRules, d("2026-06-01")).empty());
}

TEST_CASE("a new policy version re-assigns it, due from the new effective date") {
  CurriculumItem pol = policy_item("acceptable-use", 3, "2026-09-01");
  Person p = nurse("2024-01-10");
  std::vector<Completion> cs{done(pol, 1, "2024-01-20"), done(pol, 2, "2025-10-01")};

  Assignment a = assess(p, pol, cs, kRules, d("2026-09-10"));
  CHECK(a.status == DueStatus::kDue);
  CHECK(a.new_version);
  CHECK(fmt(a.due) == "2026-09-22");  // new_version_days (21), not new_hire_days (14)
  CHECK(fmt(a.last_done) == "2025-10-01");
  CHECK(a.days_overdue == 0);

  Assignment late = assess(p, pol, cs, kRules, d("2026-09-30"));
  CHECK(late.status == DueStatus::kOverdue);
  CHECK(late.new_version);
  CHECK(late.days_overdue == 8);

  SUBCASE("attesting the current version settles it") {
    cs.push_back(done(pol, 3, "2026-09-25"));
    Assignment ok = assess(p, pol, cs, kRules, d("2026-09-30"));
    CHECK(ok.status == DueStatus::kDone);
    CHECK_FALSE(ok.new_version);
    CHECK(fmt(ok.last_done) == "2026-09-25");
    CHECK(fmt(ok.due) == "none");
  }
  SUBCASE("someone hired after the new version gets the window from the hire date") {
    Person later = nurse("2026-09-15");
    std::vector<Completion> theirs{done(pol, 2, "2025-10-01")};  // e.g. a rehire
    Assignment r = assess(later, pol, theirs, kRules, d("2026-09-20"));
    CHECK(r.new_version);
    CHECK(fmt(r.due) == "2026-10-06");
  }
}

TEST_CASE("an older policy attestation never counts as done") {
  CurriculumItem pol = policy_item("sanctions", 2, "2026-01-01");
  std::vector<Completion> cs{done(pol, 1, "2025-12-01")};
  Assignment a = assess(nurse("2020-01-01"), pol, cs, kRules, d("2026-01-05"));
  CHECK(a.status == DueStatus::kDue);
  CHECK(a.new_version);

  SUBCASE("nor does an attestation of a version newer than the curriculum knows") {
    std::vector<Completion> ahead{done(pol, 3, "2026-01-03")};
    Assignment b = assess(nurse("2020-01-01"), pol, ahead, kRules, d("2026-01-05"));
    CHECK(b.status == DueStatus::kDue);
    CHECK_FALSE(b.new_version);
    CHECK(fmt(b.due) == "2026-01-15");
    CHECK(fmt(b.last_done) == "none");
  }
}

TEST_CASE("a new module version does not re-assign the module") {
  CurriculumItem m = module_item("phishing", "2026-05-01", 0, {"all"}, 2);
  std::vector<Completion> cs{done(m, 1, "2026-01-10")};
  Assignment a = assess(nurse("2025-01-01"), m, cs, kRules, d("2026-07-01"));
  CHECK(a.status == DueStatus::kDone);
  CHECK_FALSE(a.new_version);
  CHECK(fmt(a.last_done) == "2026-01-10");
  CHECK(fmt(a.due) == "none");
}

TEST_CASE("a refresher goes done, then due at due - due_soon_days, then overdue") {
  CurriculumItem m = module_item("security-awareness", "2024-01-01", 365);
  Person p = nurse("2023-06-01");
  // The latest completion counts; the next due date is 2025-03-01 + 365.
  std::vector<Completion> cs{done(m, 1, "2025-03-01"), done(m, 1, "2024-02-15")};
  auto at = [&](std::string_view today) { return assess(p, m, cs, kRules, d(today)); };

  Assignment a = at("2026-01-29");
  CHECK(a.status == DueStatus::kDone);
  CHECK(fmt(a.due) == "2026-03-01");
  CHECK(fmt(a.last_done) == "2025-03-01");
  CHECK(a.days_overdue == 0);
  CHECK(at("2026-01-30").status == DueStatus::kDue);  // exactly due - 30 days
  CHECK(fmt(at("2026-01-30").due) == "2026-03-01");
  CHECK(at("2026-03-01").status == DueStatus::kDue);
  CHECK(at("2026-03-01").days_overdue == 0);
  Assignment late = at("2026-03-11");
  CHECK(late.status == DueStatus::kOverdue);
  CHECK(late.days_overdue == 10);
  CHECK(fmt(late.last_done) == "2025-03-01");

  AssignmentRules short_notice = kRules;
  short_notice.due_soon_days = 7;
  CHECK(assess(p, m, cs, short_notice, d("2026-02-21")).status == DueStatus::kDone);
  CHECK(assess(p, m, cs, short_notice, d("2026-02-22")).status == DueStatus::kDue);
}

TEST_CASE("with retrain_days 0, done is done for good") {
  CurriculumItem m = module_item("hipaa-basics", "2019-01-01", 0);
  std::vector<Completion> cs{done(m, 1, "2020-01-01")};
  Assignment a = assess(nurse("2019-06-01"), m, cs, kRules, d("2035-01-01"));
  CHECK(a.status == DueStatus::kDone);
  CHECK(fmt(a.due) == "none");
  CHECK(fmt(a.last_done) == "2020-01-01");
  CHECK(a.days_overdue == 0);
}

TEST_CASE("completions dated after today are ignored") {
  CurriculumItem m = module_item("phishing", "2025-01-01");
  Person p = nurse("2026-01-01");
  std::vector<Completion> cs{done(m, 1, "2026-02-10")};
  Assignment a = assess(p, m, cs, kRules, d("2026-01-20"));
  CHECK(a.status == DueStatus::kOverdue);
  CHECK(fmt(a.due) == "2026-01-15");
  CHECK(fmt(a.last_done) == "none");
  CHECK(assess(p, m, cs, kRules, d("2026-02-10")).status == DueStatus::kDone);

  SUBCASE("a future refresher completion does not hide a real one falling due") {
    CurriculumItem r = module_item("refresher", "2024-01-01", 365);
    std::vector<Completion> both{done(r, 1, "2025-06-01"), done(r, 1, "2027-01-01")};
    Assignment b = assess(p, r, both, kRules, d("2026-05-20"));
    CHECK(b.status == DueStatus::kDue);
    CHECK(fmt(b.due) == "2026-06-01");
    CHECK(fmt(b.last_done) == "2025-06-01");
  }
}

TEST_CASE("only this person's completions of this item count") {
  CurriculumItem m = module_item("passwords", "2025-01-01");
  CurriculumItem same_id_policy = policy_item("passwords", 1, "2025-01-01");
  std::vector<Completion> cs{done(m, 1, "2025-02-01", "p-2"),
                             done(same_id_policy, 1, "2025-02-01")};
  Assignment a = assess(nurse("2024-01-01"), m, cs, kRules, d("2025-03-01"));
  CHECK(a.status == DueStatus::kOverdue);
  CHECK(fmt(a.last_done) == "none");
}

TEST_CASE("assignments_for lists overdue, due, then done, each in teaching order") {
  auto item = [](std::string title, std::string_view effective, std::optional<int> order,
                 std::string role = "all") {
    CurriculumItem c = module_item(title, effective, 0, {std::move(role)});
    c.title = std::move(title);
    c.order = order;
    return c;
  };
  // Hired long ago, 14-day windows, today 2026-06-10: due = effective + 14.
  // Orders run against titles, due dates and days overdue, so sorting by any
  // of those instead fails.
  std::vector<CurriculumItem> items{
      item("Alpha done", "2026-01-01", 30),
      item("Bravo due", "2026-06-17", 10),      // due 2026-07-01
      item("Alpha overdue", "2026-05-22", 20),  // due 2026-06-05, 5 days overdue
      item("Aaa not mine", "2026-01-01", 1, "billing"),
      item("Yankee due", "2026-06-06", 40),     // due 2026-06-20
      item("Zulu overdue", "2026-05-25", 10),   // due 2026-06-08, 2 days overdue
      item("Charlie done", "2026-01-01", 5),
      item("Delta due", "2026-06-06", std::nullopt),  // no order: after the ordered ones
      item("Able due", "2026-06-17", std::nullopt),
      item("Kilo overdue", "2026-05-10", 20),   // 17 days overdue; same order as Alpha
  };
  std::vector<Completion> cs{done(items[0], 1, "2026-02-01"), done(items[6], 1, "2026-02-01")};
  auto list = assignments_for(nurse("2020-01-01"), items, cs, kRules, d("2026-06-10"));

  std::vector<std::string> titles;
  for (const Assignment& a : list) titles.push_back(a.item->title);
  CHECK(titles == std::vector<std::string>{"Zulu overdue", "Alpha overdue", "Kilo overdue",
                                           "Bravo due", "Yankee due", "Able due", "Delta due",
                                           "Charlie done", "Alpha done"});
  REQUIRE(list.size() == 9);
  CHECK(list[0].item == &items[5]);
  CHECK(list[0].days_overdue == 2);
  CHECK(list[1].days_overdue == 5);
  CHECK(list[2].days_overdue == 17);
  CHECK(fmt(list[3].due) == "2026-07-01");
  CHECK(fmt(list[4].due) == "2026-06-20");
}

TEST_CASE("assignments_for puts a policy between modules by its order") {
  CurriculumItem basics = module_item("basics", "2026-01-01");
  basics.title = "Security awareness basics";
  basics.order = 10;
  CurriculumItem passwords = module_item("passwords", "2026-01-01");
  passwords.title = "Password management";
  passwords.order = 40;
  CurriculumItem policy = policy_item("password", 1, "2026-01-01");
  policy.title = "Password Policy";
  policy.order = 50;
  CurriculumItem sanction = module_item("sanction", "2026-01-01");
  sanction.title = "Our sanction policy";
  sanction.order = 130;
  std::vector<CurriculumItem> items{sanction, policy, passwords, basics};
  // A new hire: everything is due on the same day.
  auto list = assignments_for(nurse("2026-06-01"), items, {}, kRules, d("2026-06-02"));
  std::vector<std::string> ids;
  for (const Assignment& a : list) {
    CHECK(a.status == DueStatus::kDue);
    ids.push_back(a.item->id);
  }
  CHECK(ids == std::vector<std::string>{"basics", "passwords", "password", "sanction"});
}

TEST_CASE("status names") {
  CHECK(status_name(DueStatus::kNotAssigned) == "not assigned");
  CHECK(status_name(DueStatus::kDone) == "done");
  CHECK(status_name(DueStatus::kDue) == "due");
  CHECK(status_name(DueStatus::kOverdue) == "overdue");
}

namespace {

EventHeader event(EventKind kind, std::string version, std::string_view date, int64_t ms_of_day,
                  int32_t offset_minutes) {
  EventHeader h;
  h.kind = kind;
  h.person_id = "p-1";
  h.subject = {"acceptable-use", std::move(version), std::nullopt};
  h.time = {int64_t{d(date).days} * 86400000 + ms_of_day, offset_minutes};
  return h;
}

constexpr int64_t k2330 = (23 * 60 + 30) * 60000;
constexpr int64_t k0030 = 30 * 60000;

}  // namespace

TEST_CASE("completion_of maps module completions and policy attestations only") {
  for (int i = 0; i < kEventKindCount; ++i) {
    auto kind = static_cast<EventKind>(i);
    CAPTURE(event_kind_name(kind));
    auto c = completion_of(event(kind, "3", "2026-03-14", 0, 0));
    bool expected = kind == EventKind::kModuleCompleted || kind == EventKind::kPolicyAttested;
    CHECK(c.has_value() == expected);
  }
  auto m = completion_of(event(EventKind::kModuleCompleted, "2", "2026-03-14", k0030, 0));
  REQUIRE(m.has_value());
  CHECK(m->kind == ItemKind::kModule);
  CHECK(m->person_id == "p-1");
  CHECK(m->item_id == "acceptable-use");
  CHECK(m->version == 2);
  CHECK(format_date(m->on) == "2026-03-14");
  auto p = completion_of(event(EventKind::kPolicyAttested, "12", "2026-03-14", k0030, 0));
  REQUIRE(p.has_value());
  CHECK(p->kind == ItemKind::kPolicy);
  CHECK(p->version == 12);
}

TEST_CASE("completion_of uses the local calendar date") {
  auto east = completion_of(event(EventKind::kPolicyAttested, "3", "2026-03-14", k2330, 60));
  REQUIRE(east.has_value());
  CHECK(format_date(east->on) == "2026-03-15");
  auto utc = completion_of(event(EventKind::kPolicyAttested, "3", "2026-03-14", k2330, 0));
  REQUIRE(utc.has_value());
  CHECK(format_date(utc->on) == "2026-03-14");
  auto west = completion_of(event(EventKind::kPolicyAttested, "3", "2026-03-14", k0030, -300));
  REQUIRE(west.has_value());
  CHECK(format_date(west->on) == "2026-03-13");
}

TEST_CASE("completion_of rejects a version that is not a positive integer") {
  for (std::string bad : {"abc", "", "0", "-2", "3a", " 3", "+3", "2.1", "99999999999"}) {
    CAPTURE(bad);
    CHECK_FALSE(completion_of(event(EventKind::kPolicyAttested, bad, "2026-03-14", 0, 0)));
  }
  EventHeader anonymous = event(EventKind::kModuleCompleted, "1", "2026-03-14", 0, 0);
  anonymous.person_id.clear();
  CHECK_FALSE(completion_of(anonymous));
}
