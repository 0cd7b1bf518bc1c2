#include <doctest/doctest.h>

#include "cli/roster_csv.h"

using namespace attest;
using namespace attest::cli;

namespace {

std::string error_of(std::string_view text, bool pins = false) {
  auto r = parse_roster_csv(text, "staff.csv", pins);
  return r.ok() ? std::string() : r.error().message;
}

}  // namespace

TEST_CASE("roster CSV: columns in any order, quotes, BOM, CRLF and role slugs") {
  auto r = parse_roster_csv(
      "\xEF\xBB\xBFRole,Name,HIRED,active\r\n"
      "Front Desk,\"Lopez, Maria\",2026-11-10,yes\r\n"
      "\r\n"
      "clinical,\"James \"\"Jim\"\" Carter\",2021-06-14,no\r\n",
      "staff.csv", false);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].name == "Lopez, Maria");
  CHECK((*r)[0].role == "front-desk");
  CHECK((*r)[0].active);
  CHECK((*r)[0].line == 2);
  CHECK((*r)[1].name == "James \"Jim\" Carter");
  CHECK_FALSE((*r)[1].active);
  CHECK((*r)[1].line == 4);
}

TEST_CASE("roster CSV: every problem names the line, and nothing is returned") {
  CHECK(error_of("") == "staff.csv:1: the file is empty");
  CHECK(error_of("name,role\nA,b\n").find("staff.csv:1: ") == 0);
  CHECK(error_of("name,role,hired,shoe size\n").find("unknown column") != std::string::npos);
  CHECK(error_of("name,role,hired\nA,clinical,2026-13-01\n").find("staff.csv:2: hired") == 0);
  CHECK(error_of("name,role,hired\nA,clinical\n").find("staff.csv:2: expected 3 fields") == 0);
  CHECK(error_of("name,role,hired\n\"A,clinical,2026-01-01\n").find("not closed") !=
        std::string::npos);
  CHECK(error_of("name,role,hired\nA,clinical,2026-01-01\na,billing,2026-01-01\n")
            .find("staff.csv:3: a appears twice") == 0);
  CHECK(error_of("name,role,hired\n,clinical,2026-01-01\n").find("name must be") !=
        std::string::npos);
  CHECK(error_of("name,role,hired,id\nA,clinical,2026-01-01,x y\n").find("id may hold") !=
        std::string::npos);
  CHECK(error_of("name,role,hired,active\nA,clinical,2026-01-01,maybe\n").find("active must") !=
        std::string::npos);
}

TEST_CASE("roster CSV: PINs only for demos, and only 4 to 6 digits") {
  CHECK(error_of("name,role,hired,pin\nA,clinical,2026-01-01,1234\n").find("only for demos") !=
        std::string::npos);
  CHECK(error_of("name,role,hired,pin\nA,clinical,2026-01-01,12a4\n", true).find("4 to 6") !=
        std::string::npos);
  auto r = parse_roster_csv("name,role,hired,pin\nA,clinical,2026-01-01,2468\n", "f", true);
  REQUIRE(r.ok());
  CHECK((*r)[0].pin == "2468");
}
